// Lazy DFA over byte classes: the unanchored union of all patterns (the prefilter pass), or one pattern alone
// (anchored or unanchored, used to resolve its matches), plus ReverseDfa below. States are sets of
// NFA states built on demand. A state is known by its byte offset in the transition table (id * rowBytes), a
// class by its byte offset in a row (Nfa.classOff: class * 4), so a step is one add and one load. Matches are
// delayed by one byte, as in regex-automata: a transition on byte i resolves the look-arounds (\b \B $)
// between byte i-1 and byte i, so the target state carries "these patterns end at i". The cache is bounded:
// when it would exceed its byte budget it is cleared and rebuilt from the current state (RE2's policy), so memory
// stays bounded and time stays linear (each byte costs at most one state construction, O(NFA size)).

import { Nfa, StateKind, lookHolds } from "./nfa";
import { LookKind, isWordByte } from "./syntax";

/** Transition entry: >= 0 plain target (byte offset = id * rowBytes); UNKNOWN; <= -2 target with matches: -2 - offset. */
export const UNKNOWN: i32 = -1;

const FLAG_PREV_WORD: i32 = 1;
const FLAG_START: i32 = 2;

export class LazyDfa {
  nfa: Nfa;
  /** classCount + 1: the last column of a state's row caches "a pattern ends at end of input" (-1 unknown,
   *  0, 1), read once per value by the probe without dividing an offset back into a state id */
  stride: i32;
  /** stride * 4: state offsets are byte offsets into `trans` */
  rowBytes: i32;
  private eoiCol: i32;
  capBytes: i32;
  /** bumped at every cache clear: state offsets from an older generation are invalid */
  gen: i32 = 0;
  clears: i32 = 0;

  trans: StaticArray<i32>;
  nStates: i32 = 0;
  private stFlags: Array<i32> = [];
  private stSetOff: Array<i32> = [];
  private stSetLen: Array<i32> = [];
  private stMatchLen: Array<i32> = []; // matches follow the set in the pool
  private stChain: Array<i32> = [];
  private stEoiOff: Array<i32> = []; // matches at end of input from this state, -1 until computed
  private stEoiLen: Array<i32> = [];
  private pool: Array<i32> = [];
  private buckets: StaticArray<i32>;
  private startId: i32 = -1;
  /** NFA state every search starts from; with `unanchored` it is re-added at every byte */
  private seed: i32;
  private unanchored: bool;
  /** anchored DFAs: start states by previous byte (0: none, 1: word, 2: other) */
  private startIds: StaticArray<i32> = new StaticArray<i32>(3);

  // scratch, reused
  private mark: StaticArray<i32>;
  private markGen: i32 = 0;
  private stack: Array<i32> = [];
  private seeds: Array<i32> = [];
  private out: Array<i32> = [];
  private mout: Array<i32> = [];

  /** `seed` < 0: the union of all patterns. `anchored`: the seed is not re-added after each byte. */
  constructor(nfa: Nfa, capBytes: i32, seed: i32 = -1, anchored: bool = false) {
    const stride = nfa.classCount + 1;
    this.eoiCol = nfa.classCount;
    const trans = new StaticArray<i32>(16 * stride);
    for (let i = 0; i < trans.length; i++) unchecked(trans[i] = UNKNOWN);
    const buckets = new StaticArray<i32>(64); // doubled as states are added (rehash): most DFAs stay small
    for (let i = 0; i < 64; i++) unchecked(buckets[i] = -1);
    this.nfa = nfa;
    this.stride = stride;
    this.rowBytes = stride << 2;
    this.capBytes = capBytes;
    this.trans = trans;
    this.buckets = buckets;
    this.mark = new StaticArray<i32>(nfa.size);
    this.unanchored = !anchored;
    this.seed = seed < 0 ? nfa.start : seed;
    for (let i = 0; i < 3; i++) this.startIds[i] = -1;
  }

  get memoryBytes(): i32 {
    return this.nStates * (this.stride * 4 + 24) + this.pool.length * 4 + this.buckets.length * 4;
  }

  /** Offset of the start state (position 0 of a value). */
  @inline startState(): i32 {
    return this.startId >= 0 ? this.startId * this.rowBytes : this.buildStart();
  }

  /** The entry for state offset `s` and class offset `c4` (Nfa.classOff); UNKNOWN until next() computes it. */
  @inline entry(s: i32, c4: i32): i32 {
    return load<i32>(changetype<usize>(this.trans) + <usize>(s + c4));
  }

  private buildStart(): i32 {
    this.seeds.length = 0;
    this.seeds.push(this.seed);
    this.close(-1, 0, false);
    this.mout.length = 0;
    this.startId = this.intern(FLAG_START, this.out, this.mout);
    return this.startId * this.rowBytes;
  }

  /** The start state at a position whose previous byte is `prev` (-1: start of input). */
  startAfter(prev: i32): i32 {
    const k = prev < 0 ? 0 : isWordByte(prev) ? 1 : 2;
    let id = unchecked(this.startIds[k]);
    if (id < 0) {
      this.seeds.length = 0;
      this.seeds.push(this.seed);
      this.close(prev, 0, false);
      this.mout.length = 0;
      const flags = prev < 0 ? FLAG_START : (this.hasPending(this.out) && k == 1 ? FLAG_PREV_WORD : 0);
      id = this.intern(flags, this.out, this.mout);
      unchecked(this.startIds[k] = id);
    }
    return id * this.rowBytes;
  }

  /** No NFA state left (anchored DFAs): nothing can match any more. */
  @inline isDead(offset: i32): bool { return unchecked(this.stSetLen[offset / this.rowBytes]) == 0; }

  /** Computes (and caches) the transition from state offset `from` on class offset `c4`; returns the entry. */
  next(from: i32, c4: i32): i32 {
    const id = from / this.rowBytes;
    const cls = c4 >> 2;
    const rep = <i32>unchecked(this.nfa.classRep[cls]);
    const g = this.gen;
    this.resolve(id, rep);
    // step the consuming states over the byte, then restart every pattern (unanchored search)
    const nfa = this.nfa;
    this.seeds.length = 0;
    const out = this.out;
    for (let i = 0; i < out.length; i++) {
      const u = unchecked(out[i]);
      if (nfa.accepts(u, rep)) this.seeds.push(unchecked(nfa.a[u]));
    }
    if (this.unanchored) this.seeds.push(this.seed);
    // matches found at this position belong to the target state; keep them while `out` is rebuilt
    const matches = this.mout.slice(0);
    this.close(rep, 0, false);
    let flags = 0;
    if (this.hasPending(this.out) && isWordByte(rep)) flags = FLAG_PREV_WORD;
    const tid = this.intern(flags, this.out, matches);
    const entry = matches.length > 0 ? -2 - tid * this.rowBytes : tid * this.rowBytes;
    if (this.gen == g) unchecked(this.trans[(from >> 2) + cls] = entry); // unless the cache was cleared meanwhile
    return entry;
  }

  /** Does any pattern end at the end of input from state offset `from`? (eoiMatches without the copy) */
  hasEoiMatch(from: i32): bool {
    const k = (from >> 2) + this.eoiCol;
    const v = unchecked(this.trans[k]);
    if (v >= 0) return v > 0;
    const r = this.eoiMatches(from).length > 0; // resolves look-arounds only: never clears the cache
    unchecked(this.trans[k] = r ? 1 : 0);
    return r;
  }

  /** Patterns (indexes) whose match ends at the end of input, from state offset `from`; valid until the next call. */
  eoiMatches(from: i32): Array<i32> {
    const id = from / this.rowBytes;
    let o = this.stEoiOff[id];
    if (o < 0) { // computed once per state, then cached with it
      this.resolve(id, -1);
      o = this.pool.length;
      for (let i = 0; i < this.mout.length; i++) this.pool.push(unchecked(this.mout[i]));
      this.stEoiOff[id] = o;
      this.stEoiLen[id] = this.mout.length;
      return this.mout;
    }
    const n = this.stEoiLen[id];
    const out = this.mout;
    out.length = n;
    for (let i = 0; i < n; i++) unchecked(out[i] = this.pool[o + i]);
    return out;
  }

  /** Pattern indexes recorded on a state (the ones ending where the state was entered). */
  matchesOf(offset: i32, into: Array<i32>): void {
    const id = offset / this.rowBytes;
    into.length = 0;
    const o = unchecked(this.stSetOff[id]) + unchecked(this.stSetLen[id]);
    const n = unchecked(this.stMatchLen[id]);
    for (let i = 0; i < n; i++) into.push(unchecked(this.pool[o + i]));
  }

  /** Copies a state's identity out (for a matcher whose state may be cleared by another matcher). */
  saveState(offset: i32, into: Array<i32>): void {
    const id = offset / this.rowBytes;
    const o = this.stSetOff[id];
    const n = this.stSetLen[id] + this.stMatchLen[id];
    into.length = n + 2;
    unchecked(into[0] = this.stFlags[id]);
    unchecked(into[1] = this.stSetLen[id]);
    memory.copy(into.dataStart + 8, this.pool.dataStart + (<usize>o << 2), <usize>n << 2);
  }

  /** Re-creates a saved state in the current cache generation; returns its offset. */
  restoreState(saved: Array<i32>): i32 {
    if (saved.length < 2) return this.startState(); // never saved: the matcher had not moved
    const flags = saved[0];
    const setLen = saved[1];
    const set = saved.slice(2, 2 + setLen);
    const m = saved.slice(2 + setLen);
    return this.intern(flags, set, m) * this.rowBytes;
  }

  /** Resolves pending look-arounds of state `id` given the next byte (-1 = end of input). */
  private resolve(id: i32, next: i32): void {
    const flags = this.stFlags[id];
    const prev = (flags & FLAG_START) != 0 ? -1 : (flags & FLAG_PREV_WORD) != 0 ? 0x61 : 0x20;
    this.seeds.length = 0;
    const o = this.stSetOff[id];
    const n = this.stSetLen[id];
    for (let i = 0; i < n; i++) this.seeds.push(this.pool[o + i]);
    this.close(prev, next, true);
  }

  private hasPending(set: Array<i32>): bool {
    const kind = this.nfa.kind;
    for (let i = 0; i < set.length; i++) if (unchecked(kind[unchecked(set[i])]) == StateKind.Look) return true;
    return false;
  }

  /**
   * Epsilon closure of `seeds` into `out` (sorted). With `nextKnown`, every assertion is decided and Match
   * states go to `mout`; without, ^ is decided from `prev` and the others stay in the set, pending.
   */
  private close(prev: i32, next: i32, nextKnown: bool): void {
    const nfa = this.nfa;
    const kind = nfa.kind, a = nfa.a, b = nfa.b;
    const mark = this.mark;
    const stack = this.stack;
    const out = this.out;
    out.length = 0;
    this.mout.length = 0;
    let g = ++this.markGen;
    if (g == 0x7fffffff) { for (let i = 0; i < mark.length; i++) unchecked(mark[i] = 0); this.markGen = g = 1; }
    stack.length = 0;
    for (let i = this.seeds.length - 1; i >= 0; i--) stack.push(unchecked(this.seeds[i]));
    while (stack.length > 0) {
      const u = stack.pop();
      if (u < 0 || u >= mark.length || unchecked(mark[u]) == g) continue;
      unchecked(mark[u] = g);
      const k = unchecked(kind[u]);
      if (k == StateKind.Byte) out.push(u);
      else if (k == StateKind.Split) { stack.push(unchecked(b[u])); stack.push(unchecked(a[u])); }
      else if (k == StateKind.Eps) stack.push(unchecked(a[u]));
      else if (k == StateKind.Look) {
        const lk = unchecked(b[u]);
        if (lk == LookKind.Start) { if (prev < 0) stack.push(unchecked(a[u])); }
        else if (!nextKnown) out.push(u);
        else if (lookHolds(lk, prev, next)) stack.push(unchecked(a[u]));
      } else if (k == StateKind.Match) {
        if (nextKnown) this.mout.push(unchecked(b[u])); else out.push(u);
      }
    }
    out.sort();
    this.mout.sort();
  }

  private intern(flags: i32, set: Array<i32>, matches: Array<i32>): i32 {
    let h: u32 = 2166136261 ^ <u32>flags;
    for (let i = 0; i < set.length; i++) h = (h ^ <u32>unchecked(set[i])) * 16777619;
    h = (h ^ 0xabcd) * 16777619;
    for (let i = 0; i < matches.length; i++) h = (h ^ <u32>unchecked(matches[i])) * 16777619;
    let bucket = <i32>(h & <u32>(this.buckets.length - 1));
    for (let id = unchecked(this.buckets[bucket]); id >= 0; id = this.stChain[id]) {
      if (this.same(id, flags, set, matches)) return id;
    }
    const cost = this.stride * 4 + 24 + (set.length + matches.length) * 4;
    if (this.nStates > 0 && this.memoryBytes + cost > this.capBytes) {
      this.clear();
      bucket = <i32>(h & <u32>(this.buckets.length - 1));
    }
    const id = this.nStates++;
    const need = this.nStates * this.stride;
    if (need > this.trans.length) {
      let cap = this.trans.length * 2;
      while (cap < need) cap *= 2;
      const limit = max(need, this.capBytes >> 2); // the table never outgrows the budget
      if (cap > limit) cap = limit;
      const t = new StaticArray<i32>(cap);
      memory.copy(changetype<usize>(t), changetype<usize>(this.trans), <usize>this.trans.length << 2);
      for (let i = this.trans.length; i < cap; i++) unchecked(t[i] = UNKNOWN);
      this.trans = t;
    }
    this.stFlags.push(flags);
    this.stSetOff.push(this.pool.length);
    this.stSetLen.push(set.length);
    this.stMatchLen.push(matches.length);
    for (let i = 0; i < set.length; i++) this.pool.push(unchecked(set[i]));
    for (let i = 0; i < matches.length; i++) this.pool.push(unchecked(matches[i]));
    this.stChain.push(unchecked(this.buckets[bucket]));
    this.stEoiOff.push(-1);
    this.stEoiLen.push(0);
    unchecked(this.buckets[bucket] = id);
    if (this.nStates > this.buckets.length) this.rehash();
    return id;
  }

  private same(id: i32, flags: i32, set: Array<i32>, matches: Array<i32>): bool {
    if (this.stFlags[id] != flags || this.stSetLen[id] != set.length || this.stMatchLen[id] != matches.length) return false;
    let o = this.stSetOff[id];
    for (let i = 0; i < set.length; i++) if (this.pool[o + i] != unchecked(set[i])) return false;
    o += set.length;
    for (let i = 0; i < matches.length; i++) if (this.pool[o + i] != unchecked(matches[i])) return false;
    return true;
  }

  private rehash(): void {
    const nb = new StaticArray<i32>(this.buckets.length * 2);
    for (let i = 0; i < nb.length; i++) unchecked(nb[i] = -1);
    this.buckets = nb;
    for (let id = 0; id < this.nStates; id++) {
      let h: u32 = 2166136261 ^ <u32>this.stFlags[id];
      const o = this.stSetOff[id], n = this.stSetLen[id], m = this.stMatchLen[id];
      for (let i = 0; i < n; i++) h = (h ^ <u32>this.pool[o + i]) * 16777619;
      h = (h ^ 0xabcd) * 16777619;
      for (let i = 0; i < m; i++) h = (h ^ <u32>this.pool[o + n + i]) * 16777619;
      const bucket = <i32>(h & <u32>(nb.length - 1));
      this.stChain[id] = nb[bucket];
      nb[bucket] = id;
    }
  }

  private clear(): void {
    this.gen++;
    this.clears++;
    const used = this.nStates * this.stride;
    for (let i = 0; i < used; i++) unchecked(this.trans[i] = UNKNOWN);
    this.nStates = 0;
    this.stFlags.length = 0; this.stSetOff.length = 0; this.stSetLen.length = 0;
    this.stMatchLen.length = 0; this.stChain.length = 0; this.pool.length = 0;
    this.stEoiOff.length = 0; this.stEoiLen.length = 0;
    for (let i = 0; i < this.buckets.length; i++) unchecked(this.buckets[i] = -1);
    this.startId = -1;
    for (let i = 0; i < 3; i++) unchecked(this.startIds[i] = -1);
  }
}

/**
 * Backward scan DFA for one pattern: from a position e, which earlier positions s could have started a thread
 * still alive at e (ignoring look-arounds, which only widens the answer). States are sets of NFA states
 * closed over reversed epsilon edges; a state is flagged when it contains the pattern's start. Id 0 is the
 * initial "any state" set. Bounded like LazyDfa: cleared when over budget.
 */
const EMPTY: Array<i32> = [];

export class ReverseDfa {
  nfa: Nfa;
  stride: i32;
  capBytes: i32;
  private lo: i32;
  private hi: i32;
  private start: i32;
  trans: StaticArray<i32>;
  nStates: i32 = 0;
  clears: i32 = 0;
  private hasStart: Array<bool> = [];
  private setOff: Array<i32> = [];
  private setLen: Array<i32> = [];
  private chain: Array<i32> = [];
  private pool: Array<i32> = [];
  private buckets: StaticArray<i32>;
  private mark: StaticArray<i32>;
  private markGen: i32 = 0;
  private buf: Array<i32> = [];

  constructor(nfa: Nfa, pattern: i32, capBytes: i32) {
    const stride = nfa.classCount;
    const buckets = new StaticArray<i32>(256);
    this.nfa = nfa;
    this.stride = stride;
    this.capBytes = capBytes;
    this.lo = nfa.patLo[pattern];
    this.hi = nfa.patHi[pattern];
    this.start = nfa.patStart[pattern];
    this.trans = new StaticArray<i32>(16 * stride);
    this.buckets = buckets;
    this.mark = new StaticArray<i32>(nfa.size);
    this.clear();
    this.clears = 0; // that was the set-up, not a cache clear
  }

  /** Encoded entries: >= 0 state offset; -1 unknown; -2 dead (no thread can reach the scan's end). */
  @inline flagged(offset: i32): bool { return unchecked(this.hasStart[offset / this.stride]); }

  next(from: i32, cls: i32): i32 {
    const nfa = this.nfa;
    const rep = <i32>unchecked(nfa.classRep[cls]);
    const id = from / this.stride;
    let g = ++this.markGen;
    if (g == 0x7fffffff) { for (let i = 0; i < this.mark.length; i++) unchecked(this.mark[i] = 0); this.markGen = g = 1; }
    const buf = this.buf;
    buf.length = 0;
    const kind = nfa.kind;
    if (id == 0) {
      for (let u = this.lo; u < this.hi; u++) {
        if (unchecked(kind[u]) == StateKind.Byte && nfa.accepts(u, rep)) { unchecked(this.mark[u] = g); buf.push(u); }
      }
    } else {
      const bPO = nfa.bytePredOff, bP = nfa.bytePred;
      const o = this.setOff[id], n = this.setLen[id];
      for (let i = 0; i < n; i++) {
        const w = this.pool[o + i];
        for (let k = unchecked(bPO[w]), ke = unchecked(bPO[w + 1]); k < ke; k++) {
          const v = unchecked(bP[k]);
          if (unchecked(this.mark[v]) != g && nfa.accepts(v, rep)) { unchecked(this.mark[v] = g); buf.push(v); }
        }
      }
    }
    let entry = -2;
    if (buf.length > 0) {
      const ePO = nfa.epsPredOff, eP = nfa.epsPred;
      for (let i = 0; i < buf.length; i++) {
        const w = unchecked(buf[i]);
        for (let k = unchecked(ePO[w]), ke = unchecked(ePO[w + 1]); k < ke; k++) {
          const v = unchecked(eP[k]);
          if (unchecked(this.mark[v]) != g) { unchecked(this.mark[v] = g); buf.push(v); }
        }
      }
      buf.sort();
      const before = this.clears;
      const tid = this.intern(buf, unchecked(this.mark[this.start]) == g);
      entry = tid * this.stride;
      if (this.clears != before) return entry; // cleared: `from` is gone
    }
    unchecked(this.trans[from + cls] = entry);
    return entry;
  }

  private intern(set: Array<i32>, hasStart: bool): i32 {
    let h: u32 = 2166136261;
    for (let i = 0; i < set.length; i++) h = (h ^ <u32>unchecked(set[i])) * 16777619;
    let bucket = <i32>(h & <u32>(this.buckets.length - 1));
    for (let id = unchecked(this.buckets[bucket]); id >= 0; id = this.chain[id]) {
      if (this.setLen[id] != set.length) continue;
      const o = this.setOff[id];
      let same = true;
      for (let i = 0; i < set.length && same; i++) same = this.pool[o + i] == unchecked(set[i]);
      if (same) return id;
    }
    const bytes = (this.nStates + 1) * (this.stride * 4 + 16) + (this.pool.length + set.length) * 4;
    if (bytes > this.capBytes && this.nStates > 1) {
      this.clear();
      bucket = <i32>(h & <u32>(this.buckets.length - 1));
    }
    const id = this.addState(set, hasStart);
    this.chain[id] = unchecked(this.buckets[bucket]);
    unchecked(this.buckets[bucket] = id);
    if (this.nStates > this.buckets.length * 2) this.rehash();
    return id;
  }

  private addState(set: Array<i32>, hasStart: bool): i32 {
    const id = this.nStates++;
    const need = this.nStates * this.stride;
    if (need > this.trans.length) {
      let cap = this.trans.length * 2;
      while (cap < need) cap *= 2;
      const t = new StaticArray<i32>(cap);
      memory.copy(changetype<usize>(t), changetype<usize>(this.trans), <usize>this.trans.length << 2);
      for (let i = this.trans.length; i < cap; i++) unchecked(t[i] = -1);
      this.trans = t;
    }
    this.hasStart.push(hasStart);
    this.setOff.push(this.pool.length);
    this.setLen.push(set.length);
    this.chain.push(-1);
    for (let i = 0; i < set.length; i++) this.pool.push(unchecked(set[i]));
    return id;
  }

  private rehash(): void {
    const nb = new StaticArray<i32>(this.buckets.length * 2);
    for (let i = 0; i < nb.length; i++) unchecked(nb[i] = -1);
    this.buckets = nb;
    for (let id = 1; id < this.nStates; id++) {
      let h: u32 = 2166136261;
      const o = this.setOff[id], n = this.setLen[id];
      for (let i = 0; i < n; i++) h = (h ^ <u32>this.pool[o + i]) * 16777619;
      const bucket = <i32>(h & <u32>(nb.length - 1));
      this.chain[id] = nb[bucket];
      nb[bucket] = id;
    }
  }

  private clear(): void {
    this.clears++;
    for (let i = 0; i < this.trans.length; i++) unchecked(this.trans[i] = -1);
    for (let i = 0; i < this.buckets.length; i++) unchecked(this.buckets[i] = -1);
    this.nStates = 0;
    this.hasStart.length = 0; this.setOff.length = 0; this.setLen.length = 0; this.chain.length = 0; this.pool.length = 0;
    this.addState(EMPTY, false); // id 0: the initial "any state" set
  }
}
