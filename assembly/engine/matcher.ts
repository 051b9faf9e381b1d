// PatternSet (compiled patterns) and the streaming Matcher.
//
// Two tiers, so that per-byte work is a table walk:
//  1. one lazy DFA (dfa.ts) runs the unanchored union of all patterns, with their counters relaxed
//     (syntax.ts relaxRepeats: x{m,n} is walked as x{min(m,12),}), over every byte and says, at each position,
//     which patterns *may* have a match ending there: a superset of the exact ends, from an automaton a
//     fraction the size of the exact union (counters times counters multiply states; the 160-detector
//     benchmark policy needs 943 states instead of 2,184, and the walk stays in cache). For a whole value,
//     the probe walks it first and stops at the first flag: most values of a clean body end there;
//  2. only for a flagged pattern, three small per-pattern lazy DFAs of the *exact* pattern resolve
//     leftmost-longest matches over the retained window: a backward DFA finds the earliest start A of a
//     thread still alive at the flagged end (no match can start earlier; none: the flag was only the relaxed
//     pattern's), an anchored forward DFA finds the longest match from A (if none, the search resumes at
//     A+1), and after each match an unanchored forward DFA re-scans from the match end up to the furthest
//     position already seen, so ends flagged in between are not lost. Then the pattern idles until the next
//     flag. Every exact end is flagged, so no match is lost; a flag with no exact match behind it costs a
//     backward walk that dies within the pattern's length (or a forward run that fails), like a failed
//     candidate of the exact union did.
// Semantics: per pattern, leftmost-longest, non-overlapping matches among those at most maxMatchBytes long,
// exactly (tested against a brute-force reference, also with counters relaxed down to 1). Work is O(n) DFA
// steps when matches are sparse; a pattern that keeps failing long candidates can cost O(n * maxMatchBytes)
// steps, still linear in n (Go's and Rust's find-all are O(n^2) in their worst case).
// Why not start tracking inside one DFA: leftmost-longest per pattern, non-overlapping, for many patterns at
// once needs ordered/tagged states per pattern (RE2's "marks"), multiplying states; PII is rare in traffic,
// so resolving only around flagged ends is cheaper and easier to prove.

import { Parser, SyntaxLimits, relaxRepeats } from "./syntax";
import { Nfa } from "./nfa";
import { LazyDfa, ReverseDfa } from "./dfa";

export class PatternSpec {
  id: i32;
  source: string;
  caseInsensitive: bool;
  constructor(id: i32, source: string, caseInsensitive: bool = false) {
    this.id = id; this.source = source; this.caseInsensitive = caseInsensitive;
  }
}

export class EngineOptions {
  /** longest match reported; bounds the bytes retained across feed() calls */
  maxMatchBytes: i32 = 4096;
  /** lazy DFA cache budget in bytes (RE2 also defaults to 8 MiB); the table grows as states are built and is cleared
   *  and rebuilt when full. 2 MiB thrashed with 80+ detectors on bodies full of long tokens (JWTs, keys). */
  dfaCacheBytes: i32 = 8 << 20;
  /** total NFA states for the whole set (repetitions are expanded) */
  maxNfaStates: i32 = 100000;
  /** largest m or n in {m,n} */
  maxRepeat: i32 = 1000;
  /** budget of each per-pattern resolver DFA (built on first use, for patterns that matched), at least: a
   *  pattern's unanchored and backward DFAs need about (its NFA states)^2 * 4 bytes for a long counter
   *  (x{200}: a state per count, each holding every count still alive), so each gets up to twice that, at
   *  most dfaCacheBytes. Below it they were cleared at every few bytes and rebuilt: x{1000} over runs of
   *  1,500 x's cost 30 us per byte */
  resolverCacheBytes: i32 = 128 << 10;
  /** the union automaton (the probe and the flags) counts repetitions only up to this many (x{m,n} is walked
   *  as x{min(m,cap),}): lower caps mean fewer states but more flags the exact resolvers must turn down. 12
   *  flags one more value than the exact automaton on the 1 MB benchmark body and halves the default
   *  policy's states (1341 -> 568) */
  unionRepeatCap: i32 = 12;
}

export class CompileError {
  patternIndex: i32;
  position: i32;
  message: string;
  constructor(patternIndex: i32, position: i32, message: string) {
    this.patternIndex = patternIndex; this.position = position; this.message = message;
  }
  toString(): string {
    return "pattern " + this.patternIndex.toString() + " at byte " + this.position.toString() + ": " + this.message;
  }
}

export class CompileResult {
  set: PatternSet | null = null;
  error: CompileError | null = null;
  get ok(): bool { return this.set !== null; }
}

export interface MatchSink {
  onMatch(patternId: i32, start: i64, end: i64): void;
}

export class Match {
  patternId: i32; start: i64; end: i64;
  constructor(patternId: i32, start: i64, end: i64) { this.patternId = patternId; this.start = start; this.end = end; }
}

class CollectSink implements MatchSink {
  matches: Match[] = [];
  onMatch(patternId: i32, start: i64, end: i64): void { this.matches.push(new Match(patternId, start, end)); }
}

function compareMatch(a: Match, b: Match): i32 {
  if (a.start != b.start) return a.start < b.start ? -1 : 1;
  if (a.patternId != b.patternId) return a.patternId < b.patternId ? -1 : 1;
  return a.end < b.end ? -1 : a.end > b.end ? 1 : 0;
}

export class PatternSet {
  /** the exact patterns: the per-pattern resolver DFAs are built from it (and its byte classes) */
  nfa: Nfa;
  /** the union's patterns with counters relaxed (see unionRepeatCap): its own NFA and byte classes */
  unionNfa: Nfa;
  /** the union's lazy DFA (tier 1: the probe and the flags) */
  dfa: LazyDfa;
  ids: StaticArray<i32>;
  options: EngineOptions;

  private fwdDfas: StaticArray<LazyDfa | null>;
  private scanDfas: StaticArray<LazyDfa | null>;
  private revDfas: StaticArray<ReverseDfa | null>;

  private constructor(nfa: Nfa, unionNfa: Nfa, ids: StaticArray<i32>, options: EngineOptions) {
    this.nfa = nfa; this.unionNfa = unionNfa; this.ids = ids; this.options = options;
    this.dfa = new LazyDfa(unionNfa, options.dfaCacheBytes);
    this.fwdDfas = new StaticArray<LazyDfa | null>(ids.length);
    this.scanDfas = new StaticArray<LazyDfa | null>(ids.length);
    this.revDfas = new StaticArray<ReverseDfa | null>(ids.length);
  }

  /** Anchored DFA of pattern p (longest match from a known start), built on first use. */
  forwardDfa(p: i32): LazyDfa {
    let d = unchecked(this.fwdDfas[p]); // p is a pattern index of this set
    if (d === null) { d = new LazyDfa(this.nfa, this.resolverBudget(p), this.nfa.patStart[p], true); this.fwdDfas[p] = d; }
    return d;
  }

  /** Unanchored DFA of pattern p alone (first match end after a position), built on first use. */
  scanDfa(p: i32): LazyDfa {
    let d = unchecked(this.scanDfas[p]); // p is a pattern index of this set
    if (d === null) { d = new LazyDfa(this.nfa, this.resolverBudget(p), this.nfa.patStart[p], false); this.scanDfas[p] = d; }
    return d;
  }

  /** Backward DFA of pattern p (earliest start of a thread alive at a position), built on first use. */
  reverseDfa(p: i32): ReverseDfa {
    let d = unchecked(this.revDfas[p]); // p is a pattern index of this set
    if (d === null) { d = new ReverseDfa(this.nfa, p, this.resolverBudget(p)); this.revDfas[p] = d; }
    return d;
  }

  /** Cache budget of pattern p's resolver DFAs (see EngineOptions.resolverCacheBytes). */
  private resolverBudget(p: i32): i32 {
    const n = <i64>(this.nfa.patHi[p] - this.nfa.patLo[p]);
    const floor = <i64>this.options.resolverCacheBytes;
    const ceiling = max<i64>(floor, <i64>this.options.dfaCacheBytes);
    return <i32>min<i64>(max<i64>(floor, n * n * 8), ceiling);
  }

  static compile(specs: PatternSpec[], options: EngineOptions = new EngineOptions()): CompileResult {
    const res = new CompileResult();
    const limits = new SyntaxLimits();
    limits.maxRepeat = options.maxRepeat;
    const nfa = new Nfa(options.maxNfaStates);
    const unionNfa = new Nfa(options.maxNfaStates);
    const ids = new StaticArray<i32>(specs.length);
    for (let i = 0; i < specs.length; i++) {
      const p = new Parser(specs[i].source, specs[i].caseInsensitive, limits);
      const ast = p.parse();
      if (ast === null) { res.error = new CompileError(i, p.errorPos, p.error); return res; }
      if (!nfa.addPattern(ast)) {
        res.error = new CompileError(i, 0, "automaton too large (more than " + options.maxNfaStates.toString() + " NFA states)");
        return res;
      }
      relaxRepeats(ast, max(1, options.unionRepeatCap)); // the exact NFA holds no reference to the AST
      unionNfa.addPattern(ast); // relaxing never adds states: it fits where the exact one did
      ids[i] = specs[i].id;
    }
    nfa.finish();
    unionNfa.finish(true);
    const opts = new EngineOptions();
    opts.maxMatchBytes = max(1, options.maxMatchBytes);
    opts.dfaCacheBytes = max(256, options.dfaCacheBytes);
    opts.maxNfaStates = options.maxNfaStates;
    opts.maxRepeat = options.maxRepeat;
    opts.resolverCacheBytes = max(256, options.resolverCacheBytes);
    opts.unionRepeatCap = max(1, options.unionRepeatCap);
    res.set = new PatternSet(nfa, unionNfa, ids, opts);
    return res;
  }

  get patternCount(): i32 { return this.ids.length; }

  newMatcher(sink: MatchSink): Matcher { return new Matcher(this, sink); }

  /** All matches of `bytes` as one value, sorted by (start, patternId). For tests and tools. */
  findAll(bytes: Uint8Array): Match[] {
    const sink = new CollectSink();
    new Matcher(this, sink).scanValue(bytes.dataStart, bytes.length);
    return sink.matches.sort(compareMatch);
  }
}

export class Matcher {
  set: PatternSet;
  sink: MatchSink;
  private dfa: LazyDfa; // the union's (relaxed)
  private nfa: Nfa; // the exact patterns' (resolvers)
  private unionNfa: Nfa;
  private maxLen: i64;
  private state: i32 = 0;
  private stateGen: i32 = -1;
  private saved: Array<i32> = [];
  private ended: bool = false;
  /** bytes fed so far */
  pos: i64 = 0;

  // retained window: byte at stream offset x lives at ring[x & mask]; allocated by the first feed() that is
  // not a whole value (scanValue needs none: a gated detector's lane only ever scans whole values)
  private ring: StaticArray<u8> = new StaticArray<u8>(0);
  private mask: i64;
  private chunkPtr: usize = 0;
  private chunkBase: i64 = 0;
  private chunkLen: i64 = 0;

  // patterns whose resolver state changed since reset(): reset() and the per-feed loops visit only these,
  // so per-value cost does not grow with the number of patterns (JSON bodies are many short values)
  private touched: Array<i32> = [];
  private isTouched: StaticArray<bool> = new StaticArray<bool>(0);

  // per-pattern resolver state
  private fwd: StaticArray<bool>; // an anchored run from fStart is in progress
  private at: StaticArray<i64>; // idle: no match starts before it; running: next byte of the run
  private hiw: StaticArray<i64>; // furthest position a run consumed
  private lastFlag: StaticArray<i64>; // last position where the prefilter said the pattern ends
  private fState: StaticArray<i32>;
  private fGen: StaticArray<i32>;
  private fStart: StaticArray<i64>;
  private fLast: StaticArray<i64>;
  private fSaved: Array<Array<i32>> = [];
  private flagged: Array<i32> = [];
  private off: StaticArray<bool>; // patterns the caller does not want resolved

  constructor(set: PatternSet, sink: MatchSink) {
    const maxLen = <i64>set.options.maxMatchBytes;
    let cap: i64 = 64;
    while (cap < maxLen + 2) cap <<= 1;
    const np = set.patternCount;
    this.set = set;
    this.sink = sink;
    this.dfa = set.dfa;
    this.nfa = set.nfa;
    this.unionNfa = set.unionNfa;
    this.maxLen = maxLen;
    this.mask = cap - 1;
    this.fwd = new StaticArray<bool>(np);
    this.at = new StaticArray<i64>(np);
    this.hiw = new StaticArray<i64>(np);
    this.lastFlag = new StaticArray<i64>(np);
    this.fState = new StaticArray<i32>(np);
    this.fGen = new StaticArray<i32>(np);
    this.fStart = new StaticArray<i64>(np);
    this.fLast = new StaticArray<i64>(np);
    this.off = new StaticArray<bool>(np);
    for (let p = 0; p < np; p++) this.fSaved.push([]);
    this.reset();
  }

  /** Starts a new value/stream (offset 0, `^` matches here again). */
  reset(): void {
    this.pos = 0;
    this.ended = false;
    this.chunkPtr = 0;
    this.chunkBase = 0;
    this.chunkLen = 0;
    this.state = this.dfa.startState();
    this.stateGen = this.dfa.gen;
    this.saved.length = 0; // restoreState() of an empty record is the start state
    const np = this.fwd.length;
    if (this.isTouched.length != np) { // first reset: size the bookkeeping, clear everything once
      this.isTouched = new StaticArray<bool>(np);
      for (let p = 0; p < np; p++) this.clearPattern(p);
      this.touched.length = 0;
      return;
    }
    const t = this.touched;
    for (let i = 0; i < t.length; i++) {
      const p = unchecked(t[i]);
      this.clearPattern(p);
      unchecked(this.isTouched[p] = false);
    }
    t.length = 0;
  }

  private clearPattern(p: i32): void {
    unchecked(this.fwd[p] = false);
    unchecked(this.at[p] = 0);
    unchecked(this.hiw[p] = 0);
    unchecked(this.lastFlag[p] = -1);
  }

  private touch(p: i32): void {
    if (!unchecked(this.isTouched[p])) {
      unchecked(this.isTouched[p] = true);
      this.touched.push(p);
    }
  }

  /**
   * Turns the reporting of pattern index p (its position in the compiled specs) on or off; set it after
   * reset() and before feeding (it persists across reset()). A disabled pattern costs nothing beyond the
   * shared DFA walk.
   */
  setEnabled(p: i32, on: bool): void {
    if (p >= 0 && p < this.off.length) unchecked(this.off[p] = !on);
  }

  /** Swaps in a whole set of switched-off flags made earlier (see setEnabled): one per pattern of this
   *  matcher's set — the Lane that calls it sizes them by its pattern list. */
  setDisabled(off: StaticArray<bool>): void { this.off = off; }

  /** Feeds the next `len` bytes at `ptr`. Matches are delivered to the sink as soon as they are final. */
  feed(ptr: usize, len: i32): void {
    this.feedChunk(ptr, len, false);
  }

  /**
   * Could scanValue(ptr, len) report anything? The union DFA's walk up to its first flag, with none of the
   * matcher's bookkeeping: false when no (relaxed) pattern can end inside the value or at its end, which is
   * most values of a clean body, so they skip reset/feed/end entirely. (A disabled pattern, or a string only
   * the relaxed patterns match, may still say true: then the full scan decides.) Does not change this
   * matcher's state.
   */
  probe(ptr: usize, len: i32): bool {
    if (len < this.nfa.minMatchLen) return false; // too short for any exact pattern (a third of a JSON body's values)
    const dfa = this.dfa;
    const cls = changetype<usize>(this.unionNfa.classOff);
    let trans = changetype<usize>(dfa.trans);
    let s = dfa.startState();
    for (let i = 0; i < len; i++) {
      const c = <i32>load<u16>(cls + (<usize>load<u8>(ptr + <usize>i) << 1));
      let n = load<i32>((trans + <usize>c) + <usize>s); // trans + c does not wait for s: one add after the load
      if (n < 0) {
        if (n == -1) { n = dfa.next(s, c); trans = changetype<usize>(dfa.trans); }
        if (n < -1) return true;
      }
      s = n;
    }
    return dfa.hasEoiMatch(s);
  }

  /** reset() + feed() + end() for a whole value in memory; skips retaining a copy of the tail. */
  scanValue(ptr: usize, len: i32): void {
    this.reset();
    if (len > 0) this.feedChunk(ptr, len, true);
    this.end();
  }

  private feedChunk(ptr: usize, len: i32, last: bool): void {
    if (len <= 0 || this.ended) return;
    const dfa = this.dfa;
    if (this.stateGen != dfa.gen) this.state = dfa.restoreState(this.saved);
    this.chunkPtr = ptr;
    this.chunkBase = this.pos;
    this.chunkLen = len;
    const cls = changetype<usize>(this.unionNfa.classOff);
    let trans = changetype<usize>(dfa.trans);
    let s = this.state;
    // the hot loop: byte -> class offset -> next state; negative entries are rare (unknown, or "patterns end here")
    for (let i = 0; i < len; i++) {
      const c = <i32>load<u16>(cls + (<usize>load<u8>(ptr + <usize>i) << 1));
      let n = load<i32>((trans + <usize>c) + <usize>s); // trans + c does not wait for s: one add after the load
      if (n < 0) {
        if (n == -1) { n = dfa.next(s, c); trans = changetype<usize>(dfa.trans); }
        if (n < -1) {
          n = -2 - n;
          this.onFlag(n, this.chunkBase + i);
        }
      }
      s = n;
    }
    this.state = s;
    this.stateGen = dfa.gen;
    if (!last) dfa.saveState(s, this.saved); // another matcher may clear the shared cache before our next call
    const endPos = this.chunkBase + len;
    const touched = this.touched;
    for (let i = 0; i < touched.length; i++) {
      const p = unchecked(touched[i]);
      if (!unchecked(this.fwd[p])) continue;
      this.fwdRun(p, endPos, false);
      if (unchecked(this.fwd[p])) { // another matcher may clear that DFA before our next feed
        this.set.forwardDfa(p).saveState(unchecked(this.fState[p]), this.fSaved[p]);
      }
    }
    this.pos = endPos;
    if (last) return; // end() follows while the chunk is still valid: it stays the window
    // retain the tail for matches that straddle this chunk
    if (this.ring.length == 0) this.ring = new StaticArray<u8>(<i32>(this.mask + 1));
    const keep = min<i64>(<i64>len, this.mask + 1);
    for (let x = endPos - keep; x < endPos; x++) {
      unchecked(this.ring[<i32>(x & this.mask)] = load<u8>(ptr + <usize>(x - this.chunkBase)));
    }
    this.chunkPtr = 0;
    this.chunkBase = endPos;
    this.chunkLen = 0;
  }

  feedBytes(bytes: Uint8Array): void { this.feed(bytes.dataStart, bytes.length); }

  /** End of the value: `$` and `\b` at the end are decided, pending matches are delivered. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    const dfa = this.dfa;
    if (this.stateGen != dfa.gen) this.state = dfa.restoreState(this.saved);
    if (this.chunkBase + this.chunkLen != this.pos) { // (scanValue leaves its chunk in place)
      this.chunkPtr = 0;
      this.chunkBase = this.pos;
      this.chunkLen = 0;
    }
    const n = this.pos;
    const eoi = this.flagged;
    const m = dfa.eoiMatches(this.state);
    eoi.length = 0;
    for (let i = 0; i < m.length; i++) eoi.push(m[i]);
    for (let i = 0; i < eoi.length; i++) {
      const p = eoi[i];
      if (unchecked(this.off[p])) continue;
      this.touch(p);
      if (unchecked(this.fwd[p])) this.fwdRun(p, n, false);
      unchecked(this.lastFlag[p] = n);
      if (!unchecked(this.fwd[p])) this.activate(p, n, max(unchecked(this.at[p]), n - this.maxLen));
    }
    const touched = this.touched;
    for (let i = 0; i < touched.length; i++) {
      const p = unchecked(touched[i]);
      if (unchecked(this.fwd[p])) this.fwdRun(p, n, true);
    }
  }

  private onFlag(stateOffset: i32, at: i64): void {
    const f = this.flagged;
    this.dfa.matchesOf(stateOffset, f);
    for (let k = 0; k < f.length; k++) {
      const p = unchecked(f[k]);
      if (unchecked(this.off[p])) continue;
      this.touch(p);
      // bring a running search up to here first: its outcome must not count this new end as seen
      if (unchecked(this.fwd[p])) this.fwdRun(p, at, false);
      unchecked(this.lastFlag[p] = at);
      if (!unchecked(this.fwd[p])) this.activate(p, at, max(unchecked(this.at[p]), at - this.maxLen));
      if (unchecked(this.fwd[p])) this.fwdRun(p, at, false);
    }
  }

  /** Byte at stream offset x (x within the retained window or the current chunk), -1 outside. */
  @inline private byteAt(x: i64): i32 {
    if (x >= this.chunkBase) {
      const d = x - this.chunkBase;
      return d < this.chunkLen ? <i32>load<u8>(this.chunkPtr + <usize>d) : -1;
    }
    // not reachable: resolvers stay in the window (and bytes before the chunk exist only after a feed() that
    // was not a whole value, which allocated the ring)
    if (this.chunkBase - x > this.mask + 1 || x < 0) return -1;
    return <i32>unchecked(this.ring[<i32>(x & this.mask)]);
  }

  /** A match of p ends at e and none starts before lb: find its earliest possible start, run forward from it. */
  private activate(p: i32, e: i64, lb: i64): void {
    if (lb >= e) return;
    const a = this.earliestLiveStart(p, e, lb);
    if (a >= e) return; // that match starts before lb: it overlaps the previous match, or is too long
    const d = this.set.forwardDfa(p);
    unchecked(this.fwd[p] = true);
    unchecked(this.fStart[p] = a);
    unchecked(this.fLast[p] = -1);
    unchecked(this.at[p] = a);
    unchecked(this.fState[p] = d.startAfter(a > 0 ? this.byteAt(a - 1) : -1));
    unchecked(this.fGen[p] = d.gen);
  }

  /**
   * Smallest s in [lb, e) from which some thread of pattern p can still be alive at e (backward DFA, stops
   * as soon as no thread can reach e). No match ending at or after e starts before it. e when there is none.
   */
  private earliestLiveStart(p: i32, e: i64, lb: i64): i64 {
    const r = this.set.reverseDfa(p);
    const cls = this.nfa.classOf;
    let st = 0;
    let best = e;
    for (let x = e - 1; x >= lb; x--) {
      const c = this.byteAt(x);
      if (c < 0) break;
      const k = <i32>unchecked(cls[c]);
      let n = unchecked(r.trans[st + k]);
      if (n == -1) n = r.next(st, k);
      if (n < 0) break; // dead
      st = n;
      if (r.flagged(st)) best = x;
    }
    return best;
  }

  /** Runs pattern p's anchored DFA up to `target` (and past the end of input with atEnd). */
  private fwdRun(p: i32, target: i64, atEnd: bool): void {
    const cls = this.nfa.classOff;
    while (unchecked(this.fwd[p])) {
      const d = this.set.forwardDfa(p);
      let s = unchecked(this.fState[p]);
      if (unchecked(this.fGen[p]) != d.gen) s = d.restoreState(this.fSaved[p]);
      const start = unchecked(this.fStart[p]);
      let x = unchecked(this.at[p]);
      let done = false;
      while (x < target) {
        const c = this.byteAt(x);
        if (c < 0) break;
        const k = <i32>unchecked(cls[c]);
        let n = d.entry(s, k);
        if (n == -1) n = d.next(s, k);
        if (n < -1) { n = -2 - n; if (x - start <= this.maxLen) unchecked(this.fLast[p] = x); }
        s = n;
        x++;
        if (d.isDead(s) || x - start > this.maxLen) { done = true; break; }
      }
      if (!done) {
        unchecked(this.fState[p] = s);
        unchecked(this.fGen[p] = d.gen);
        unchecked(this.at[p] = x);
        if (x > unchecked(this.hiw[p])) unchecked(this.hiw[p] = x);
        if (!atEnd) return;
        if (d.eoiMatches(s).length > 0 && x - start <= this.maxLen) unchecked(this.fLast[p] = x);
      }
      this.fwdDone(p, x, atEnd);
    }
  }

  /** The anchored run is over: report its match, then look for the next one from its end. */
  private fwdDone(p: i32, reached: i64, atEnd: bool): void {
    unchecked(this.fwd[p] = false);
    if (reached > unchecked(this.hiw[p])) unchecked(this.hiw[p] = reached);
    const last = unchecked(this.fLast[p]);
    const start = unchecked(this.fStart[p]);
    let q: i64;
    if (last >= 0) {
      this.sink.onMatch(unchecked(this.set.ids[p]), start, last);
      q = last;
    } else q = start + 1; // no match starts at `start`
    unchecked(this.at[p] = q);
    // every end the prefilter saw is explained by this match: idle until the next flag
    if (last >= 0 && unchecked(this.lastFlag[p]) <= last) return;
    this.scanFrom(p, q, max(unchecked(this.hiw[p]), unchecked(this.lastFlag[p])), atEnd);
  }

  /**
   * Re-scans [q, limit] with p's unanchored DFA for a match starting at or after q; the prefilter's flags up
   * to `limit` were already consumed. Found: a new anchored run. Else p idles (no match starts before `at`).
   */
  private scanFrom(p: i32, q: i64, limit: i64, atEnd: bool): void {
    const d = this.set.scanDfa(p);
    const cls = this.nfa.classOff;
    let s = d.startAfter(q > 0 ? this.byteAt(q - 1) : -1);
    let x = q;
    while (x <= limit) {
      const c = this.byteAt(x);
      if (c < 0) break;
      const k = <i32>unchecked(cls[c]);
      let n = d.entry(s, k);
      if (n == -1) n = d.next(s, k);
      if (n < -1) {
        unchecked(this.at[p] = q);
        this.activate(p, x, max(q, x - this.maxLen));
        if (unchecked(this.fwd[p])) return;
        n = -2 - n;
      }
      s = n;
      x++;
    }
    unchecked(this.at[p] = q);
    if (atEnd && x >= this.pos && d.eoiMatches(s).length > 0) this.activate(p, x, max(q, x - this.maxLen));
  }
}
