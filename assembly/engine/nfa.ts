// Thompson NFA over bytes for all patterns of a set. Each pattern owns a contiguous range of states ending in
// its own Match state, so the per-pattern resolver (matcher.ts) can run one pattern alone. Byte classes group
// bytes that no state distinguishes, shrinking DFA rows from 256 entries to a few dozen.

import { ByteSet, Node, NodeKind, LookKind, newSet, setHas, setRange, isWordByte } from "./syntax";

export const enum StateKind { Byte = 0, Split = 1, Eps = 2, Look = 3, Match = 4 }

// Rough frequency of each byte in API payload text (English letter frequencies, digits, separators), used only
// to order byte classes (see computeClasses): a wrong guess costs cache locality, never correctness.
const LETTER_FREQ = "\x52\x0f\x1c\x2b\x7f\x16\x14\x3d\x46\x02\x08\x28\x18\x43\x4b\x13\x01\x3c\x3f\x5b\x1c\x0a\x18\x02\x14\x01";
function byteWeight(b: i32): i32 {
  if (b >= 0x61 && b <= 0x7a) return LETTER_FREQ.charCodeAt(b - 0x61); // a..z
  if (b >= 0x41 && b <= 0x5a) return 8 + (LETTER_FREQ.charCodeAt(b - 0x41) >> 3);
  if (b >= 0x30 && b <= 0x39) return 40;
  if (b == 0x20) return 150;
  if (b == 0x2d || b == 0x2e) return 15; // - .
  if (b == 0x3a || b == 0x5f || b == 0x2f || b == 0x2c) return 8; // : _ / ,
  if (b >= 0x21 && b < 0x7f) return 2;
  return b >= 0x80 ? 1 : 0; // UTF-8 bytes, control bytes
}

export class Nfa {
  // parallel arrays, one entry per state
  kind: Array<i32> = [];
  a: Array<i32> = []; // next (Byte, Eps, Look), first branch (Split)
  b: Array<i32> = []; // set index (Byte), second branch (Split), look kind (Look), pattern index (Match)
  sets: Array<u32> = []; // 8 words per Byte state's set
  /** per pattern: start state, first state, one past the last state */
  patStart: Array<i32> = [];
  patLo: Array<i32> = [];
  patHi: Array<i32> = [];
  /** start of the all-patterns union */
  start: i32 = -1;
  hasWordLook: bool = false;
  maxStates: i32;
  overflow: bool = false;

  // byte classes (filled by finish())
  classOf: StaticArray<u8> = new StaticArray<u8>(256);
  classCount: i32 = 1;
  classRep: StaticArray<u8> = new StaticArray<u8>(256); // one byte of each class
  /** classOf * 4: a class's byte offset in a DFA row (LazyDfa.entry) */
  classOff: StaticArray<u16> = new StaticArray<u16>(256);

  constructor(maxStates: i32) { this.maxStates = maxStates; }

  get size(): i32 { return this.kind.length; }

  private add(kind: i32, a: i32, b: i32): i32 {
    if (this.kind.length >= this.maxStates) { this.overflow = true; return 0; }
    this.kind.push(kind); this.a.push(a); this.b.push(b);
    return this.kind.length - 1;
  }

  private addBytes(set: ByteSet, next: i32): i32 {
    const idx = this.sets.length >> 3;
    for (let i = 0; i < 8; i++) this.sets.push(unchecked(set[i]));
    return this.add(StateKind.Byte, next, idx);
  }

  /** Compiles a pattern's AST; returns false when the state cap was hit. */
  addPattern(ast: Node): bool {
    const p = this.patStart.length;
    const lo = this.kind.length;
    const m = this.add(StateKind.Match, -1, p);
    const s = this.compile(ast, m);
    this.patStart.push(s);
    this.patLo.push(lo);
    this.patHi.push(this.kind.length);
    return !this.overflow;
  }

  /** Builds backwards: compiles `n` so that it continues to `next`; returns its entry state. */
  private compile(n: Node, next: i32): i32 {
    if (this.overflow) return 0;
    switch (n.kind) {
      case NodeKind.Empty: return next;
      case NodeKind.Bytes: return this.addBytes(changetype<ByteSet>(n.set), next);
      case NodeKind.Look: {
        if (n.look == LookKind.Word || n.look == LookKind.NotWord) this.hasWordLook = true;
        return this.add(StateKind.Look, next, <i32>n.look);
      }
      case NodeKind.Concat: {
        let cur = next;
        for (let i = n.children.length - 1; i >= 0; i--) cur = this.compile(n.children[i], cur);
        return cur;
      }
      case NodeKind.Alt: {
        let cur = this.compile(n.children[n.children.length - 1], next);
        for (let i = n.children.length - 2; i >= 0; i--) {
          const s = this.compile(n.children[i], next);
          cur = this.add(StateKind.Split, s, cur);
        }
        return cur;
      }
      case NodeKind.Repeat: {
        const x = n.children[0];
        let cur: i32;
        if (n.max < 0) {
          // x{min,}: (min-1) copies then x+, or x* when min == 0
          const loop = this.add(StateKind.Split, -1, next);
          const body = this.compile(x, loop);
          if (this.overflow) return 0;
          this.a[loop] = body;
          cur = n.min == 0 ? loop : body;
          for (let k = 1; k < n.min && !this.overflow; k++) cur = this.compile(x, cur);
          return cur;
        }
        cur = next;
        for (let k = 0; k < n.max - n.min && !this.overflow; k++) {
          const body = this.compile(x, cur);
          cur = this.add(StateKind.Split, body, next);
        }
        for (let k = 0; k < n.min && !this.overflow; k++) cur = this.compile(x, cur);
        return cur;
      }
    }
    return next;
  }

  /** Adds the all-patterns start and computes byte classes. `unionOnly`: the relaxed automaton only the union
   *  DFA walks (matcher.ts) needs neither the reverse edges (resolvers) nor its own shortest match (the exact
   *  one's is used). */
  finish(unionOnly: bool = false): void {
    const n = this.patStart.length;
    let cur = n > 0 ? this.patStart[n - 1] : this.add(StateKind.Eps, -1, 0);
    for (let i = n - 2; i >= 0; i--) cur = this.add(StateKind.Split, this.patStart[i], cur);
    this.start = cur;
    this.computeClasses();
    if (unionOnly) return;
    this.computePreds();
    this.minMatchLen = this.shortestMatch();
  }

  /** Fewest bytes any pattern's match spans (look-arounds take none): shorter input cannot match. */
  minMatchLen: i32 = 0;

  /** 0-1 breadth-first search from the start: epsilon, split and look edges cost 0 bytes, byte edges 1. */
  private shortestMatch(): i32 {
    const n = this.kind.length;
    if (this.start < 0 || n == 0) return 0;
    const dist = new StaticArray<i32>(n);
    for (let i = 0; i < n; i++) unchecked(dist[i] = i32.MAX_VALUE);
    // A deque: 0-byte edges push at the front, byte edges at the back. A state is pushed once per improving
    // edge into it: at most 2n front pushes (two edges out of a split), n + 1 at the back (byte edges, the start).
    const dq = new StaticArray<i32>(3 * n + 5);
    let head = 2 * n + 2, tail = 2 * n + 2;
    unchecked(dist[this.start] = 0);
    unchecked(dq[tail++] = this.start);
    while (head < tail) {
      if (head < 2 || tail > 3 * n + 3) return 0; // (cannot happen, see above) 0 never skips anything
      const u = unchecked(dq[head++]);
      const d = unchecked(dist[u]);
      const k = this.kind[u];
      if (k == StateKind.Match) return d; // the first Match taken off the deque is the nearest
      const a = this.a[u];
      if (k == StateKind.Byte) {
        if (a >= 0 && d + 1 < unchecked(dist[a])) { unchecked(dist[a] = d + 1); unchecked(dq[tail++] = a); }
      } else {
        if (a >= 0 && d < unchecked(dist[a])) { unchecked(dist[a] = d); unchecked(dq[--head] = a); }
        const b = this.b[u];
        if (k == StateKind.Split && b >= 0 && d < unchecked(dist[b])) { unchecked(dist[b] = d); unchecked(dq[--head] = b); }
      }
    }
    return i32.MAX_VALUE; // no pattern can match at all
  }

  // Reverse edges (CSR), used to find how far back a live thread can have started. Look-arounds are
  // treated as epsilon edges there: that over-approximates, which only makes the bound more conservative.
  epsPredOff: StaticArray<i32> = new StaticArray<i32>(0);
  epsPred: StaticArray<i32> = new StaticArray<i32>(0);
  bytePredOff: StaticArray<i32> = new StaticArray<i32>(0);
  bytePred: StaticArray<i32> = new StaticArray<i32>(0);

  private computePreds(): void {
    const n = this.kind.length;
    const ec = new StaticArray<i32>(n + 1), bc = new StaticArray<i32>(n + 1);
    for (let u = 0; u < n; u++) {
      const k = this.kind[u], a = this.a[u], b = this.b[u];
      if (k == StateKind.Byte) { if (a >= 0) bc[a + 1]++; }
      else if (k == StateKind.Split) { if (a >= 0) ec[a + 1]++; if (b >= 0) ec[b + 1]++; }
      else if (k == StateKind.Eps || k == StateKind.Look) { if (a >= 0) ec[a + 1]++; }
    }
    for (let i = 0; i < n; i++) { ec[i + 1] += ec[i]; bc[i + 1] += bc[i]; }
    const ep = new StaticArray<i32>(ec[n]), bp = new StaticArray<i32>(bc[n]);
    const ef = new StaticArray<i32>(n), bf = new StaticArray<i32>(n);
    for (let u = 0; u < n; u++) {
      const k = this.kind[u], a = this.a[u], b = this.b[u];
      if (k == StateKind.Byte) { if (a >= 0) bp[bc[a] + bf[a]++] = u; }
      else if (k == StateKind.Split) { if (a >= 0) ep[ec[a] + ef[a]++] = u; if (b >= 0) ep[ec[b] + ef[b]++] = u; }
      else if (k == StateKind.Eps || k == StateKind.Look) { if (a >= 0) ep[ec[a] + ef[a]++] = u; }
    }
    this.epsPredOff = ec; this.epsPred = ep; this.bytePredOff = bc; this.bytePred = bp;
  }

  private computeClasses(): void {
    const cls = new StaticArray<i32>(256);
    const tmp = new StaticArray<i32>(256);
    const map = new StaticArray<i32>(512);
    let count = 1;
    const nsets = this.sets.length >> 3;
    const word = newSet();
    setRange(word, 0x30, 0x39); setRange(word, 0x41, 0x5a); setRange(word, 0x61, 0x7a); setRange(word, 0x5f, 0x5f);
    const one = newSet();
    // Refining by a set twice changes nothing, and most Byte states repeat a few sets ([0-9], [A-Za-z0-9], …):
    // each distinct set is applied once (an open-addressing table of set indexes, compared word for word).
    let cap = 64;
    while (cap < nsets * 2) cap <<= 1;
    const seen = new StaticArray<i32>(cap); // set index + 1, 0 empty
    const sets = this.sets;
    for (let si = -1; si < nsets; si++) {
      let set: ByteSet;
      if (si < 0) { if (!this.hasWordLook) continue; set = word; }
      else {
        let h: u32 = 2166136261;
        for (let w = 0; w < 8; w++) h = (h ^ unchecked(sets[si * 8 + w])) * 16777619;
        let slot = <i32>(h & <u32>(cap - 1));
        let dup = false;
        while (unchecked(seen[slot]) != 0) {
          const o = unchecked(seen[slot]) - 1;
          let same = true;
          for (let w = 0; w < 8 && same; w++) same = unchecked(sets[o * 8 + w]) == unchecked(sets[si * 8 + w]);
          if (same) { dup = true; break; }
          slot = (slot + 1) & (cap - 1);
        }
        if (dup) continue;
        unchecked(seen[slot] = si + 1);
        for (let w = 0; w < 8; w++) unchecked(one[w] = sets[si * 8 + w]);
        set = one;
      }
      for (let k = 0; k < count * 2; k++) unchecked(map[k] = -1);
      let next = 0;
      for (let b = 0; b < 256; b++) {
        const key = unchecked(cls[b]) * 2 + (setHas(set, b) ? 1 : 0);
        let c = unchecked(map[key]);
        if (c < 0) { c = next++; unchecked(map[key] = c); }
        unchecked(tmp[b] = c);
      }
      for (let b = 0; b < 256; b++) unchecked(cls[b] = tmp[b]);
      count = next;
    }
    // renumber by first occurrence so classes are stable, record a representative byte
    for (let k = 0; k < 256; k++) unchecked(map[k] = -1);
    let next = 0;
    const rep = new StaticArray<u8>(256);
    for (let b = 0; b < 256; b++) {
      let c = unchecked(map[unchecked(cls[b])]);
      if (c < 0) { c = next++; unchecked(map[unchecked(cls[b])] = c); unchecked(rep[c] = <u8>b); }
      unchecked(tmp[b] = c);
    }
    // then by how common their bytes are in API payloads, most common first: a DFA row holds one i32 per class,
    // so the transitions a walk over ordinary text takes share the first cache lines of each row (a large
    // policy's automaton no longer fits the caches: 160 detectors +4-8 %, the default policy unchanged)
    const weight = new StaticArray<i32>(next);
    for (let b = 0; b < 256; b++) unchecked(weight[unchecked(tmp[b])] += byteWeight(b));
    const order = new StaticArray<i32>(next); // order[rank] = class: by weight, ties by first occurrence
    for (let c = 0; c < next; c++) {
      let r = c;
      while (r > 0 && unchecked(weight[unchecked(order[r - 1])]) < unchecked(weight[c])) { unchecked(order[r] = unchecked(order[r - 1])); r--; }
      unchecked(order[r] = c);
    }
    const rank = new StaticArray<i32>(next);
    for (let r = 0; r < next; r++) { unchecked(rank[unchecked(order[r])] = r); unchecked(this.classRep[r] = unchecked(rep[unchecked(order[r])])); }
    for (let b = 0; b < 256; b++) {
      const c = unchecked(rank[unchecked(tmp[b])]);
      unchecked(this.classOf[b] = <u8>c);
      unchecked(this.classOff[b] = <u16>(c << 2));
    }
    this.classCount = next;
  }

  /** Does Byte state `s` accept byte `b`? */
  @inline accepts(s: i32, b: i32): bool {
    const w = unchecked(this.sets[(unchecked(this.b[s]) << 3) + ((b >> 5) & 7)]);
    return ((w >> (<u32>b & 31)) & 1) != 0;
  }
}

/** Evaluates a look-around assertion between two positions. `prev`/`next` are bytes or -1 (start/end). */
export function lookHolds(kind: i32, prev: i32, next: i32): bool {
  switch (kind) {
    case LookKind.Start: return prev < 0;
    case LookKind.End: return next < 0;
    case LookKind.Word: return (prev >= 0 && isWordByte(prev)) != (next >= 0 && isWordByte(next));
    case LookKind.NotWord: return (prev >= 0 && isWordByte(prev)) == (next >= 0 && isWordByte(next));
  }
  return false;
}
