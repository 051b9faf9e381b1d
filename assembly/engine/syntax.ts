// Parser for the MicroWAF regex subset (docs/regex.md). Patterns are UTF-8 bytes; the result is a small AST
// over byte sets. Everything that would need backtracking (backreferences, lookaround, lazy or possessive
// quantifiers) is rejected with the byte position, so the automaton can stay linear-time.

export const enum NodeKind { Empty = 0, Bytes = 1, Concat = 2, Alt = 3, Repeat = 4, Look = 5 }
export const enum LookKind { Start = 0, End = 1, Word = 2, NotWord = 3 }

/** 256-bit byte set, 8 words. */
export type ByteSet = StaticArray<u32>;

export function newSet(): ByteSet { return new StaticArray<u32>(8); }
export function setAdd(s: ByteSet, b: i32): void {
  unchecked(s[(b >> 5) & 7] |= (<u32>1) << (<u32>b & 31));
}
export function setRange(s: ByteSet, lo: i32, hi: i32): void {
  for (let b = lo; b <= hi; b++) setAdd(s, b);
}
export function setHas(s: ByteSet, b: i32): bool {
  return ((unchecked(s[(b >> 5) & 7]) >> (<u32>b & 31)) & 1) != 0;
}
export function setUnion(dst: ByteSet, src: ByteSet): void {
  for (let i = 0; i < 8; i++) unchecked(dst[i] |= src[i]);
}
export function setNegate(s: ByteSet): void {
  for (let i = 0; i < 8; i++) unchecked(s[i] = ~s[i]);
}
export function setIsEmpty(s: ByteSet): bool {
  for (let i = 0; i < 8; i++) if (unchecked(s[i]) != 0) return false;
  return true;
}
/** ASCII case folding: a letter in the set brings its other case. */
export function setFoldCase(s: ByteSet): void {
  for (let b = 0x41; b <= 0x5a; b++) {
    if (setHas(s, b) || setHas(s, b + 32)) { setAdd(s, b); setAdd(s, b + 32); }
  }
}
export function isWordByte(b: i32): bool {
  return (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b == 0x5f;
}

export class Node {
  kind: NodeKind;
  set: ByteSet | null = null;
  children: Node[] = [];
  min: i32 = 0;
  max: i32 = 0; // -1: unbounded
  look: LookKind = LookKind.Start;
  constructor(kind: NodeKind) { this.kind = kind; }

  static bytes(set: ByteSet): Node { const n = new Node(NodeKind.Bytes); n.set = set; return n; }
  static look(k: LookKind): Node { const n = new Node(NodeKind.Look); n.look = k; return n; }
}

/** Can the node match without consuming a byte (assertions count as empty)? */
export function nullable(n: Node): bool {
  switch (n.kind) {
    case NodeKind.Empty: case NodeKind.Look: return true;
    case NodeKind.Bytes: return false;
    case NodeKind.Concat: {
      for (let i = 0; i < n.children.length; i++) if (!nullable(n.children[i])) return false;
      return true;
    }
    case NodeKind.Alt: {
      for (let i = 0; i < n.children.length; i++) if (nullable(n.children[i])) return true;
      return false;
    }
    case NodeKind.Repeat: return n.min == 0 || nullable(n.children[0]);
  }
  return true;
}

export class SyntaxLimits {
  maxRepeat: i32 = 1000;
  maxDepth: i32 = 100;
}

export class Parser {
  src: Uint8Array;
  pos: i32 = 0;
  ci: bool;
  error: string = "";
  errorPos: i32 = -1;
  limits: SyntaxLimits;

  constructor(source: string, caseInsensitive: bool, limits: SyntaxLimits = new SyntaxLimits()) {
    this.src = Uint8Array.wrap(String.UTF8.encode(source));
    this.ci = caseInsensitive;
    this.limits = limits;
  }

  get failed(): bool { return this.errorPos >= 0; }

  private fail(pos: i32, msg: string): Node {
    if (this.errorPos < 0) { this.errorPos = pos; this.error = msg; }
    return new Node(NodeKind.Empty);
  }

  private peek(off: i32 = 0): i32 {
    const p = this.pos + off;
    return p < this.src.length ? <i32>unchecked(this.src[p]) : -1;
  }

  /** Parses the whole pattern; null on error (see error/errorPos). */
  parse(): Node | null {
    if (this.src.length >= 4 && this.peek(0) == 0x28 && this.peek(1) == 0x3f && this.peek(2) == 0x69 && this.peek(3) == 0x29) {
      this.ci = true; // (?i) prefix
      this.pos = 4;
    }
    const n = this.parseAlt(0);
    if (this.failed) return null;
    if (this.pos < this.src.length) { this.fail(this.pos, "unmatched ')'"); return null; }
    if (nullable(n)) { this.fail(0, "pattern can match the empty string"); return null; }
    return n;
  }

  private parseAlt(depth: i32): Node {
    if (depth > this.limits.maxDepth) return this.fail(this.pos, "groups nested too deeply");
    const first = this.parseConcat(depth);
    if (this.peek() != 0x7c) return first;
    const alt = new Node(NodeKind.Alt);
    alt.children.push(first);
    while (!this.failed && this.peek() == 0x7c) {
      this.pos++;
      alt.children.push(this.parseConcat(depth));
    }
    return alt;
  }

  private parseConcat(depth: i32): Node {
    const cat = new Node(NodeKind.Concat);
    while (!this.failed) {
      const c = this.peek();
      if (c < 0 || c == 0x7c || c == 0x29) break;
      const atomPos = this.pos;
      const atom = this.parseAtom(depth);
      if (this.failed) break;
      cat.children.push(this.parseQuantifiers(atom, atomPos));
    }
    if (cat.children.length == 1) return cat.children[0];
    if (cat.children.length == 0) return new Node(NodeKind.Empty);
    return cat;
  }

  /** `{m}`, `{m,}`, `{m,n}` at pos? Returns the end position or -1; fills qMin/qMax. */
  private qMin: i32 = 0;
  private qMax: i32 = 0;
  private braceQuantifier(at: i32): i32 {
    const s = this.src;
    let p = at + 1;
    let m: i32 = 0, digits = 0;
    while (p < s.length && s[p] >= 0x30 && s[p] <= 0x39) { if (m < 100000) m = m * 10 + (s[p] - 0x30); p++; digits++; }
    if (digits == 0) return -1;
    let n = m;
    if (p < s.length && s[p] == 0x2c) {
      p++;
      let d2 = 0;
      n = 0;
      while (p < s.length && s[p] >= 0x30 && s[p] <= 0x39) { if (n < 100000) n = n * 10 + (s[p] - 0x30); p++; d2++; }
      if (d2 == 0) n = -1;
    }
    if (p >= s.length || s[p] != 0x7d) return -1;
    this.qMin = m; this.qMax = n;
    return p + 1;
  }

  private isQuantifierAt(p: i32): bool {
    if (p >= this.src.length) return false;
    const c = <i32>this.src[p];
    return c == 0x2a || c == 0x2b || c == 0x3f || (c == 0x7b && this.braceQuantifier(p) >= 0);
  }

  private parseQuantifiers(atom: Node, atomPos: i32): Node {
    const c = this.peek();
    let min: i32 = 0, max: i32 = 0;
    const qPos = this.pos;
    if (c == 0x2a) { min = 0; max = -1; this.pos++; }
    else if (c == 0x2b) { min = 1; max = -1; this.pos++; }
    else if (c == 0x3f) { min = 0; max = 1; this.pos++; }
    else if (c == 0x7b) {
      const end = this.braceQuantifier(this.pos);
      if (end < 0) return atom; // a literal '{' follows; parsed as the next atom
      min = this.qMin; max = this.qMax;
      if (max >= 0 && max < min) return this.fail(qPos, "repetition {m,n} with n < m");
      if (min > this.limits.maxRepeat || max > this.limits.maxRepeat) return this.fail(qPos, "repetition count above " + this.limits.maxRepeat.toString());
      this.pos = end;
    } else return atom;
    if (atom.kind == NodeKind.Look) return this.fail(qPos, "nothing to repeat (an assertion cannot be repeated)");
    const n = this.peek();
    if (n == 0x3f) return this.fail(this.pos, "lazy quantifiers are not supported (matching is leftmost-longest)");
    if (n == 0x2b) return this.fail(this.pos, "possessive quantifiers are not supported");
    if (this.isQuantifierAt(this.pos)) return this.fail(this.pos, "nested quantifier: wrap the repeated part in (?: )");
    const r = new Node(NodeKind.Repeat);
    r.children.push(atom);
    r.min = min; r.max = max;
    return r;
  }

  private literal(b: i32): Node {
    const s = newSet();
    setAdd(s, b);
    if (this.ci) setFoldCase(s);
    return Node.bytes(s);
  }

  private parseAtom(depth: i32): Node {
    const c = this.peek();
    const start = this.pos;
    if (c == 0x28) return this.parseGroup(depth);
    if (c == 0x5b) return this.parseClass();
    if (c == 0x2e) { this.pos++; const s = newSet(); setRange(s, 0, 255); s[0] &= ~(<u32>1 << 10); return Node.bytes(s); }
    if (c == 0x5e) { this.pos++; return Node.look(LookKind.Start); }
    if (c == 0x24) { this.pos++; return Node.look(LookKind.End); }
    if (c == 0x5c) return this.parseEscape(false, null);
    if (c == 0x2a || c == 0x2b || c == 0x3f) return this.fail(start, "nothing to repeat");
    if (c == 0x7b && this.braceQuantifier(this.pos) >= 0) return this.fail(start, "nothing to repeat");
    if (c >= 0x80) return this.parseUtf8();
    this.pos++;
    return this.literal(c);
  }

  /** A non-ASCII character is its UTF-8 byte sequence, one atom (so `é+` repeats the whole character). */
  private parseUtf8(): Node {
    const c = this.peek();
    let len = 1;
    if (c >= 0xf0) len = 4; else if (c >= 0xe0) len = 3; else if (c >= 0xc0) len = 2;
    const cat = new Node(NodeKind.Concat);
    for (let i = 0; i < len && this.pos < this.src.length; i++) {
      const s = newSet();
      setAdd(s, this.src[this.pos++]);
      cat.children.push(Node.bytes(s));
    }
    return cat.children.length == 1 ? cat.children[0] : cat;
  }

  private parseGroup(depth: i32): Node {
    const open = this.pos;
    this.pos++;
    if (this.peek() == 0x3f) {
      const k = this.peek(1);
      if (k == 0x3a) { this.pos += 2; }
      else if (k == 0x3d || k == 0x21) return this.fail(open, "lookahead is not supported");
      else if (k == 0x3c && (this.peek(2) == 0x3d || this.peek(2) == 0x21)) return this.fail(open, "lookbehind is not supported");
      else if (k == 0x3c || (k == 0x50 && this.peek(2) == 0x3c)) {
        // named group: accepted, treated as a plain group (no captures exist)
        while (this.pos < this.src.length && this.peek() != 0x3e) this.pos++;
        if (this.peek() != 0x3e) return this.fail(open, "unterminated group name");
        this.pos++;
      } else if (k == 0x69 && this.peek(2) == 0x29) return this.fail(open, "(?i) is only supported at the start of the pattern");
      else return this.fail(open, "unsupported group flag or construct '(?'");
    }
    const inner = this.parseAlt(depth + 1);
    if (this.failed) return inner;
    if (this.peek() != 0x29) return this.fail(open, "missing ')'");
    this.pos++;
    return inner;
  }

  /** Escapes outside and inside classes. In a class, `into` receives the bytes and null is returned. */
  private parseEscape(inClass: bool, into: ByteSet | null): Node {
    const at = this.pos;
    this.pos++;
    const c = this.peek();
    if (c < 0) return this.fail(at, "trailing backslash");
    this.pos++;
    const s = newSet();
    let negate = false;
    switch (c) {
      case 0x64: setRange(s, 0x30, 0x39); break; // \d
      case 0x44: setRange(s, 0x30, 0x39); negate = true; break;
      case 0x77: wordSet(s); break; // \w
      case 0x57: wordSet(s); negate = true; break;
      case 0x73: spaceSet(s); break; // \s
      case 0x53: spaceSet(s); negate = true; break;
      case 0x74: setAdd(s, 9); break; // \t
      case 0x6e: setAdd(s, 10); break; // \n
      case 0x72: setAdd(s, 13); break; // \r
      case 0x66: setAdd(s, 12); break; // \f
      case 0x76: setAdd(s, 11); break; // \v
      case 0x30: setAdd(s, 0); break; // \0 (not followed by digits)
      case 0x78: { // \xHH
        const h = hexVal(this.peek()), l = hexVal(this.peek(1));
        if (h < 0 || l < 0) return this.fail(at, "\\x needs two hex digits");
        this.pos += 2;
        setAdd(s, (h << 4) | l);
        if (this.ci) setFoldCase(s);
        break;
      }
      case 0x62: case 0x42: case 0x41: case 0x7a: { // \b \B \A \z
        if (inClass) return this.fail(at, "assertion escape inside a class");
        return Node.look(c == 0x62 ? LookKind.Word : c == 0x42 ? LookKind.NotWord : c == 0x41 ? LookKind.Start : LookKind.End);
      }
      default: {
        if (c >= 0x31 && c <= 0x39) return this.fail(at, "backreferences are not supported");
        if (c == 0x6b) return this.fail(at, "backreferences are not supported");
        if (c == 0x70 || c == 0x50) return this.fail(at, "Unicode classes \\p are not supported");
        if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c >= 0x80) {
          return this.fail(at, "unknown escape");
        }
        setAdd(s, c); // escaped punctuation is literal
        if (this.ci) setFoldCase(s);
      }
    }
    if (negate) setNegate(s);
    if (into !== null) { setUnion(into, s); return new Node(NodeKind.Empty); }
    return Node.bytes(s);
  }

  private parseClass(): Node {
    const open = this.pos;
    this.pos++;
    let negated = false;
    if (this.peek() == 0x5e) { negated = true; this.pos++; }
    const s = newSet();
    let first = true;
    while (true) {
      const c = this.peek();
      if (c < 0) return this.fail(open, "missing ']'");
      if (c == 0x5d && !first) { this.pos++; break; }
      first = false;
      if (c == 0x5b && this.peek(1) == 0x3a) return this.fail(this.pos, "POSIX classes [:name:] are not supported");
      if (c >= 0x80) return this.fail(this.pos, "non-ASCII characters in a class are not supported (write an alternation)");
      let lo: i32;
      const itemPos = this.pos;
      if (c == 0x5c) {
        const e = this.peek(1);
        const single = e == 0x78 || e == 0x74 || e == 0x6e || e == 0x72 || e == 0x66 || e == 0x76 || e == 0x30 ||
          (e >= 0 && e < 0x80 && !((e >= 0x30 && e <= 0x39) || (e >= 0x41 && e <= 0x5a) || (e >= 0x61 && e <= 0x7a)));
        if (!single) { this.parseEscape(true, s); if (this.failed) return new Node(NodeKind.Empty); continue; }
        const one = newSet();
        this.parseEscape(true, one);
        if (this.failed) return new Node(NodeKind.Empty);
        lo = firstByte(one);
      } else { lo = c; this.pos++; }
      // range?
      if (this.peek() == 0x2d && this.peek(1) != 0x5d && this.peek(1) >= 0) {
        this.pos++;
        let hi: i32;
        const h = this.peek();
        if (h >= 0x80) return this.fail(this.pos, "non-ASCII characters in a class are not supported (write an alternation)");
        if (h == 0x5c) {
          const one = newSet();
          const ep = this.pos;
          this.parseEscape(true, one);
          if (this.failed) return new Node(NodeKind.Empty);
          hi = singleByte(one);
          if (hi < 0) return this.fail(ep, "a class like \\d cannot end a range");
        } else { hi = h; this.pos++; }
        if (hi < lo) return this.fail(itemPos, "range out of order");
        setRange(s, lo, hi);
      } else setAdd(s, lo);
    }
    if (this.ci) setFoldCase(s);
    if (negated) { setNegate(s); s[0] &= ~(<u32>1 << 10); } // negated classes never match '\n' (like '.')
    if (setIsEmpty(s)) return this.fail(open, "class matches nothing");
    return Node.bytes(s);
  }
}

function wordSet(s: ByteSet): void { setRange(s, 0x30, 0x39); setRange(s, 0x41, 0x5a); setRange(s, 0x61, 0x7a); setAdd(s, 0x5f); }
function spaceSet(s: ByteSet): void { setAdd(s, 0x20); setRange(s, 9, 13); }
function hexVal(c: i32): i32 {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}
function firstByte(s: ByteSet): i32 {
  for (let b = 0; b < 256; b++) if (setHas(s, b)) return b;
  return 0;
}
/** The byte when the set has exactly one (ignoring case folding of letters), else -1. */
function singleByte(s: ByteSet): i32 {
  let found = -1, count = 0;
  for (let b = 0; b < 256; b++) if (setHas(s, b)) { if (found < 0) found = b; count++; }
  if (count == 1) return found;
  if (count == 2 && found >= 0x41 && found <= 0x5a && setHas(s, found + 32)) return found;
  return -1;
}

/**
 * Rewrites `n` in place into a pattern whose language contains the original's, for the union DFA (matcher.ts):
 * every repetition x{m,n} becomes x{min(m,cap),} (each string of m..n copies of x is also cap-or-more copies).
 * Look-arounds stay: they rule out most starts cheaply. Counting is what multiplies the states of a union DFA
 * (a 12-to-30-byte counter in one pattern times every other pattern's progress), and the union only says
 * where a match may end, so it can walk this smaller automaton; each pattern's exact DFAs resolve its flags.
 */
export function relaxRepeats(n: Node, cap: i32): void {
  for (let i = 0; i < n.children.length; i++) relaxRepeats(n.children[i], cap);
  if (n.kind == NodeKind.Repeat) {
    if (n.min > cap) n.min = cap;
    n.max = -1;
  }
}
