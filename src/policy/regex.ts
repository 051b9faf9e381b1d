// Checks a pattern against the regex subset the filter's engine accepts (assembly/engine/syntax.ts, RE2-style,
// linear time), so `microwaf check` rejects exactly what on_configure would, with the position in the YAML.
// This is a TypeScript twin of that parser's acceptance rules and messages; keep the two in step.

export interface RegexError {
  /** Offset (UTF-16 code units) in the pattern. */
  offset: number;
  message: string;
}

const MAX_REPEAT = 1000;
const MAX_DEPTH = 100;

class Fail extends Error {
  constructor(readonly offset: number, message: string) { super(message); }
}

type Set256 = Uint8Array;

export function checkRegexSubset(src: string): RegexError | null {
  try {
    new SubsetParser(src).parse();
    return null;
  } catch (e) {
    if (e instanceof Fail) return { offset: e.offset, message: e.message };
    throw e;
  }
}

class SubsetParser {
  pos = 0;
  constructor(private readonly src: string) {}

  private peek(off = 0): number {
    const p = this.pos + off;
    return p < this.src.length ? this.src.charCodeAt(p) : -1;
  }

  parse(): void {
    if (this.src.startsWith("(?i)")) this.pos = 4;
    const nullable = this.alt(0);
    if (this.pos < this.src.length) throw new Fail(this.pos, "unmatched ')'");
    if (nullable) throw new Fail(0, "pattern can match the empty string");
  }

  /** Returns whether the alternation can match the empty string. */
  private alt(depth: number): boolean {
    if (depth > MAX_DEPTH) throw new Fail(this.pos, "groups nested too deeply");
    let nullable = this.concat(depth);
    while (this.peek() === 0x7c) {
      this.pos++;
      if (this.concat(depth)) nullable = true;
    }
    return nullable;
  }

  private concat(depth: number): boolean {
    let nullable = true;
    for (;;) {
      const c = this.peek();
      if (c < 0 || c === 0x7c || c === 0x29) return nullable;
      if (!this.repeat(depth)) nullable = false;
    }
  }

  /** `{m}`, `{m,}`, `{m,n}` at p: [end, min, max(-1 unbounded)] or null (then `{` is a literal). */
  private brace(p: number): [number, number, number] | null {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(p));
    if (!m) return null;
    const min = Math.min(Number(m[1]), 100000);
    const max = m[2] === undefined ? min : m[3] === "" ? -1 : Math.min(Number(m[3]), 100000);
    return [p + m[0].length, min, max];
  }

  private isQuantifier(p: number): boolean {
    const c = p < this.src.length ? this.src.charCodeAt(p) : -1;
    return c === 0x2a || c === 0x2b || c === 0x3f || (c === 0x7b && this.brace(p) !== null);
  }

  private repeat(depth: number): boolean {
    const atom = this.atom(depth);
    if (!this.isQuantifier(this.pos)) return atom.nullable;
    const qPos = this.pos;
    const c = this.peek();
    let min = 0, max = -1;
    if (c === 0x2a) this.pos++;
    else if (c === 0x2b) { min = 1; this.pos++; }
    else if (c === 0x3f) { max = 1; this.pos++; }
    else {
      const [end, lo, hi] = this.brace(this.pos)!;
      min = lo; max = hi;
      this.pos = end;
      if (max >= 0 && max < min) throw new Fail(qPos, "repetition {m,n} with n < m");
      if (min > MAX_REPEAT || max > MAX_REPEAT) throw new Fail(qPos, "repetition count above " + MAX_REPEAT);
    }
    if (atom.assertion) throw new Fail(qPos, "nothing to repeat (an assertion cannot be repeated)");
    const n = this.peek();
    if (n === 0x3f) throw new Fail(this.pos, "lazy quantifiers are not supported (matching is leftmost-longest)");
    if (n === 0x2b) throw new Fail(this.pos, "possessive quantifiers are not supported");
    if (this.isQuantifier(this.pos)) throw new Fail(this.pos, "nested quantifier: wrap the repeated part in (?: )");
    return min === 0 || atom.nullable;
  }

  private atom(depth: number): { nullable: boolean; assertion: boolean } {
    const c = this.peek();
    const start = this.pos;
    if (c === 0x28) return { nullable: this.group(depth), assertion: false };
    if (c === 0x5b) { this.cls(); return { nullable: false, assertion: false }; }
    if (c === 0x5e || c === 0x24) { this.pos++; return { nullable: true, assertion: true }; }
    if (c === 0x5c) return this.escape(false, null);
    if (c === 0x2a || c === 0x2b || c === 0x3f) throw new Fail(start, "nothing to repeat");
    if (c === 0x7b && this.brace(this.pos) !== null) throw new Fail(start, "nothing to repeat");
    this.pos += c >= 0xd800 && c <= 0xdbff ? 2 : 1; // one character (a non-ASCII one is one atom too)
    return { nullable: false, assertion: false };
  }

  private group(depth: number): boolean {
    const open = this.pos;
    this.pos++;
    if (this.peek() === 0x3f) {
      const k = this.peek(1);
      if (k === 0x3a) this.pos += 2;
      else if (k === 0x3d || k === 0x21) throw new Fail(open, "lookahead is not supported");
      else if (k === 0x3c && (this.peek(2) === 0x3d || this.peek(2) === 0x21)) throw new Fail(open, "lookbehind is not supported");
      else if (k === 0x3c || (k === 0x50 && this.peek(2) === 0x3c)) {
        while (this.pos < this.src.length && this.peek() !== 0x3e) this.pos++;
        if (this.peek() !== 0x3e) throw new Fail(open, "unterminated group name");
        this.pos++;
      } else if (k === 0x69 && this.peek(2) === 0x29) throw new Fail(open, "(?i) is only supported at the start of the pattern (or use case_insensitive: true)");
      else throw new Fail(open, "unsupported group flag or construct '(?'");
    }
    const nullable = this.alt(depth + 1);
    if (this.peek() !== 0x29) throw new Fail(open, "missing ')'");
    this.pos++;
    return nullable;
  }

  /** An escape; in a class `into` receives its bytes. */
  private escape(inClass: boolean, into: Set256 | null): { nullable: boolean; assertion: boolean } {
    const at = this.pos;
    this.pos++;
    const c = this.peek();
    if (c < 0) throw new Fail(at, "trailing backslash");
    this.pos++;
    const s = new Uint8Array(256);
    let negate = false;
    const range = (lo: number, hi: number) => s.fill(1, lo, hi + 1);
    switch (c) {
      case 0x64: range(0x30, 0x39); break;
      case 0x44: range(0x30, 0x39); negate = true; break;
      case 0x77: wordSet(s); break;
      case 0x57: wordSet(s); negate = true; break;
      case 0x73: spaceSet(s); break;
      case 0x53: spaceSet(s); negate = true; break;
      case 0x74: s[9] = 1; break;
      case 0x6e: s[10] = 1; break;
      case 0x72: s[13] = 1; break;
      case 0x66: s[12] = 1; break;
      case 0x76: s[11] = 1; break;
      case 0x30: s[0] = 1; break;
      case 0x78: {
        const h = hex(this.peek()), l = hex(this.peek(1));
        if (h < 0 || l < 0) throw new Fail(at, "\\x needs two hex digits");
        this.pos += 2;
        s[(h << 4) | l] = 1;
        break;
      }
      case 0x62: case 0x42: case 0x41: case 0x7a:
        if (inClass) throw new Fail(at, "assertion escape inside a class");
        return { nullable: true, assertion: true };
      default:
        if (c >= 0x31 && c <= 0x39) throw new Fail(at, "backreferences are not supported");
        if (c === 0x6b) throw new Fail(at, "backreferences are not supported");
        if (c === 0x70 || c === 0x50) throw new Fail(at, "Unicode classes \\p are not supported");
        if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c >= 0x80) throw new Fail(at, "unknown escape");
        s[c] = 1;
    }
    if (negate) for (let i = 0; i < 256; i++) s[i] ^= 1;
    if (into) for (let i = 0; i < 256; i++) into[i] |= s[i];
    return { nullable: false, assertion: false };
  }

  private cls(): void {
    const open = this.pos;
    this.pos++;
    let negated = false;
    if (this.peek() === 0x5e) { negated = true; this.pos++; }
    const s = new Uint8Array(256);
    let first = true;
    for (;;) {
      const c = this.peek();
      if (c < 0) throw new Fail(open, "missing ']'");
      if (c === 0x5d && !first) { this.pos++; break; }
      first = false;
      if (c === 0x5b && this.peek(1) === 0x3a) throw new Fail(this.pos, "POSIX classes [:name:] are not supported");
      if (c >= 0x80) throw new Fail(this.pos, "non-ASCII characters in a class are not supported (write an alternation)");
      let lo: number;
      const itemPos = this.pos;
      if (c === 0x5c) {
        const e = this.peek(1);
        const single = e === 0x78 || e === 0x74 || e === 0x6e || e === 0x72 || e === 0x66 || e === 0x76 || e === 0x30 ||
          (e >= 0 && e < 0x80 && !((e >= 0x30 && e <= 0x39) || (e >= 0x41 && e <= 0x5a) || (e >= 0x61 && e <= 0x7a)));
        if (!single) { this.escape(true, s); continue; }
        const one = new Uint8Array(256);
        this.escape(true, one);
        lo = one.indexOf(1);
      } else { lo = c; this.pos++; }
      if (this.peek() === 0x2d && this.peek(1) !== 0x5d && this.peek(1) >= 0) {
        this.pos++;
        const h = this.peek();
        let hi: number;
        if (h >= 0x80) throw new Fail(this.pos, "non-ASCII characters in a class are not supported (write an alternation)");
        if (h === 0x5c) {
          const one = new Uint8Array(256);
          const ep = this.pos;
          this.escape(true, one);
          hi = one.reduce((n, b) => n + b, 0) === 1 ? one.indexOf(1) : -1;
          if (hi < 0) throw new Fail(ep, "a class like \\d cannot end a range");
        } else { hi = h; this.pos++; }
        if (hi < lo) throw new Fail(itemPos, "range out of order");
        s.fill(1, lo, hi + 1);
      } else s[lo] = 1;
    }
    if (negated) { for (let i = 0; i < 256; i++) s[i] ^= 1; s[10] = 0; }
    if (!s.includes(1)) throw new Fail(open, "class matches nothing");
  }
}

function hex(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  return l >= 0x61 && l <= 0x66 ? l - 0x61 + 10 : -1;
}
function wordSet(s: Set256): void { s.fill(1, 0x30, 0x3a); s.fill(1, 0x41, 0x5b); s.fill(1, 0x61, 0x7b); s[0x5f] = 1; }
function spaceSet(s: Set256): void { s[0x20] = 1; s.fill(1, 9, 14); }
