// PatternSet (compiled patterns) and the streaming Matcher.
//
// Two tiers, so that per-byte work is a table walk:
//  1. the lazy DFA (dfa.ts) runs the unanchored union of all patterns over every byte and says, at each
//     position, which patterns have *some* match ending there;
//  2. only for those patterns, a per-pattern resolver (a Pike VM whose threads carry their start offset,
//     earliest start wins a state) computes leftmost-longest, non-overlapping matches. It runs over the
//     retained window and the following bytes only while the pattern has live threads, then goes idle
//     until the DFA flags the pattern again; it restarts at most `maxMatchBytes` back (no match is longer).
// A resolver's position only moves forward except for one re-scan after each reported match (from the
// match end, shorter than maxMatchBytes), so total work is O(n * maxMatchBytes) in the worst case and
// O(n) when matches are sparse; Go's and Rust's find-all are O(n^2) in their worst case.
// Why not start tracking inside the DFA: leftmost-longest per pattern, non-overlapping, across many patterns
// in one automaton needs tagged/ordered states (RE2 "marks") per pattern, which multiplies DFA states; PII
// is rare in traffic, so resolving only around flagged ends is cheaper and simpler to prove.

import { Parser, SyntaxLimits, isWordByte } from "./syntax";
import { Nfa, StateKind, lookHolds } from "./nfa";
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
  /** lazy DFA cache budget in bytes; the cache is cleared and rebuilt when full */
  dfaCacheBytes: i32 = 2 << 20;
  /** total NFA states for the whole set (repetitions are expanded) */
  maxNfaStates: i32 = 100000;
  /** largest m or n in {m,n} */
  maxRepeat: i32 = 1000;
  /** budget of each per-pattern resolver DFA (built on first use, for patterns that matched) */
  resolverCacheBytes: i32 = 256 << 10;
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
  nfa: Nfa;
  dfa: LazyDfa;
  ids: StaticArray<i32>;
  options: EngineOptions;

  private fwdDfas: Array<LazyDfa | null> = [];
  private revDfas: Array<ReverseDfa | null> = [];

  private constructor(nfa: Nfa, ids: StaticArray<i32>, options: EngineOptions) {
    this.nfa = nfa; this.ids = ids; this.options = options;
    this.dfa = new LazyDfa(nfa, options.dfaCacheBytes);
    for (let i = 0; i < ids.length; i++) { this.fwdDfas.push(null); this.revDfas.push(null); }
  }

  /** Anchored DFA of pattern p (longest match from a known start), built on first use. */
  forwardDfa(p: i32): LazyDfa {
    let d = this.fwdDfas[p];
    if (d === null) { d = new LazyDfa(this.nfa, this.options.resolverCacheBytes, this.nfa.patStart[p]); this.fwdDfas[p] = d; }
    return d;
  }

  /** Backward DFA of pattern p (earliest start of a thread alive at a position), built on first use. */
  reverseDfa(p: i32): ReverseDfa {
    let d = this.revDfas[p];
    if (d === null) { d = new ReverseDfa(this.nfa, p, this.options.resolverCacheBytes); this.revDfas[p] = d; }
    return d;
  }

  static compile(specs: PatternSpec[], options: EngineOptions = new EngineOptions()): CompileResult {
    const res = new CompileResult();
    const limits = new SyntaxLimits();
    limits.maxRepeat = options.maxRepeat;
    const nfa = new Nfa(options.maxNfaStates);
    const ids = new StaticArray<i32>(specs.length);
    for (let i = 0; i < specs.length; i++) {
      const p = new Parser(specs[i].source, specs[i].caseInsensitive, limits);
      const ast = p.parse();
      if (ast === null) { res.error = new CompileError(i, p.errorPos, p.error); return res; }
      if (!nfa.addPattern(ast)) {
        res.error = new CompileError(i, 0, "automaton too large (more than " + options.maxNfaStates.toString() + " NFA states)");
        return res;
      }
      ids[i] = specs[i].id;
    }
    nfa.finish();
    const opts = new EngineOptions();
    opts.maxMatchBytes = max(1, options.maxMatchBytes);
    opts.dfaCacheBytes = max(256, options.dfaCacheBytes);
    opts.maxNfaStates = options.maxNfaStates;
    opts.maxRepeat = options.maxRepeat;
    opts.resolverCacheBytes = max(256, options.resolverCacheBytes);
    res.set = new PatternSet(nfa, ids, opts);
    return res;
  }

  get patternCount(): i32 { return this.ids.length; }

  newMatcher(sink: MatchSink): Matcher { return new Matcher(this, sink); }

  /** All matches of `bytes` as one value, sorted by (start, patternId). For tests and tools. */
  findAll(bytes: Uint8Array): Match[] {
    const sink = new CollectSink();
    const m = new Matcher(this, sink);
    m.feed(bytes.dataStart, bytes.length);
    m.end();
    return sink.matches.sort(compareMatch);
  }
}

export class Matcher {
  set: PatternSet;
  sink: MatchSink;
  private dfa: LazyDfa;
  private nfa: Nfa;
  private maxLen: i64;
  private state: i32 = 0;
  private stateGen: i32 = -1;
  private saved: Array<i32> = [];
  private ended: bool = false;
  /** bytes fed so far */
  pos: i64 = 0;

  // retained window: byte at stream offset x lives at ring[x & mask]
  private ring: StaticArray<u8>;
  private mask: i64;
  private chunkPtr: usize = 0;
  private chunkBase: i64 = 0;
  private chunkLen: i64 = 0;

  // per-pattern resolvers
  private active: StaticArray<bool>;
  private vmPos: StaticArray<i64>;
  private hiw: StaticArray<i64>; // furthest position processed: may go idle only at or beyond it
  private bestS: StaticArray<i64>;
  private bestE: StaticArray<i64>;
  private thLen: StaticArray<i32>;
  // forward-DFA mode: longest match from a known start fStart (vmPos is the next byte)
  private fwd: StaticArray<bool>;
  private fState: StaticArray<i32>;
  private fGen: StaticArray<i32>;
  private fStart: StaticArray<i64>;
  private fLast: StaticArray<i64>;
  private lastFlag: StaticArray<i64>; // last position where the DFA said pattern p ends
  private fSaved: Array<Array<i32>> = [];
  private thState: StaticArray<i32>; // pattern p uses slots [patLo[p], patHi[p])
  private thStart: StaticArray<i64>;
  // scratch
  private clState: StaticArray<i32>;
  private clStart: StaticArray<i64>;
  private cl: i32 = 0;
  private mark: StaticArray<i32>;
  private markGen: i32 = 0;
  private revA: StaticArray<i32>;
  private revB: StaticArray<i32>;
  private stack: Array<i32> = [];
  private flagged: Array<i32> = [];

  constructor(set: PatternSet, sink: MatchSink) {
    const maxLen = <i64>set.options.maxMatchBytes;
    let cap: i64 = 64;
    while (cap < maxLen + 2) cap <<= 1;
    const np = set.patternCount;
    const n = set.nfa.size;
    this.set = set;
    this.sink = sink;
    this.dfa = set.dfa;
    this.nfa = set.nfa;
    this.maxLen = maxLen;
    this.ring = new StaticArray<u8>(<i32>cap);
    this.mask = cap - 1;
    this.active = new StaticArray<bool>(np);
    this.vmPos = new StaticArray<i64>(np);
    this.hiw = new StaticArray<i64>(np);
    this.bestS = new StaticArray<i64>(np);
    this.bestE = new StaticArray<i64>(np);
    this.thLen = new StaticArray<i32>(np);
    this.fwd = new StaticArray<bool>(np);
    this.fState = new StaticArray<i32>(np);
    this.fGen = new StaticArray<i32>(np);
    this.fStart = new StaticArray<i64>(np);
    this.fLast = new StaticArray<i64>(np);
    this.lastFlag = new StaticArray<i64>(np);
    this.thState = new StaticArray<i32>(n);
    this.thStart = new StaticArray<i64>(n);
    this.clState = new StaticArray<i32>(n);
    this.clStart = new StaticArray<i64>(n);
    this.mark = new StaticArray<i32>(n);
    this.revA = new StaticArray<i32>(n);
    this.revB = new StaticArray<i32>(n);
    for (let p = 0; p < np; p++) this.fSaved.push([]);
    this.reset();
  }

  /** Starts a new value/stream (offset 0, `^` matches here again). */
  reset(): void {
    this.pos = 0;
    this.ended = false;
    this.state = this.dfa.startState();
    this.stateGen = this.dfa.gen;
    const np = this.active.length;
    for (let p = 0; p < np; p++) {
      unchecked(this.active[p] = false);
      unchecked(this.vmPos[p] = 0);
      unchecked(this.hiw[p] = 0);
      unchecked(this.bestS[p] = -1);
      unchecked(this.bestE[p] = -1);
      unchecked(this.thLen[p] = 0);
      unchecked(this.fwd[p] = false);
      unchecked(this.lastFlag[p] = -1);
    }
  }

  /** Feeds the next `len` bytes at `ptr`. Matches are delivered to the sink as soon as they are final. */
  feed(ptr: usize, len: i32): void {
    if (len <= 0 || this.ended) return;
    const dfa = this.dfa;
    if (this.stateGen != dfa.gen) this.state = dfa.restoreState(this.saved);
    this.chunkPtr = ptr;
    this.chunkBase = this.pos;
    this.chunkLen = len;
    const stride = dfa.stride;
    const cls = changetype<usize>(this.nfa.classOf);
    let trans = changetype<usize>(dfa.trans);
    let s = this.state;
    // the hot loop: byte -> class -> next state; negative entries are rare (unknown or "patterns end here")
    for (let i = 0; i < len; i++) {
      const c = <i32>load<u8>(cls + <usize>load<u8>(ptr + <usize>i));
      let n = load<i32>(trans + (<usize>(s + c) << 2));
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
    dfa.saveState(s, this.saved);
    const endPos = this.chunkBase + len;
    const np = this.active.length;
    for (let p = 0; p < np; p++) {
      if (!unchecked(this.active[p])) continue;
      this.advance(p, endPos, false);
      if (unchecked(this.fwd[p])) { // another matcher may clear that DFA before our next feed
        this.set.forwardDfa(p).saveState(unchecked(this.fState[p]), this.fSaved[p]);
      }
    }
    // retain the tail for matches that straddle this chunk
    const keep = min<i64>(<i64>len, this.mask + 1);
    for (let x = endPos - keep; x < endPos; x++) {
      unchecked(this.ring[<i32>(x & this.mask)] = load<u8>(ptr + <usize>(x - this.chunkBase)));
    }
    this.pos = endPos;
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
    this.chunkPtr = 0;
    this.chunkBase = this.pos;
    this.chunkLen = 0;
    const eoi = dfa.eoiMatches(this.state);
    for (let i = 0; i < eoi.length; i++) {
      unchecked(this.lastFlag[eoi[i]] = this.pos);
      this.advance(eoi[i], this.pos, true);
    }
    const np = this.active.length;
    for (let p = 0; p < np; p++) this.finish(p);
  }

  private onFlag(stateOffset: i32, at: i64): void {
    const f = this.flagged;
    this.dfa.matchesOf(stateOffset, f);
    for (let k = 0; k < f.length; k++) {
      const p = unchecked(f[k]);
      unchecked(this.lastFlag[p] = at);
      this.advance(p, at, true);
    }
  }

  /** Byte at stream offset x (x within the retained window or the current chunk). */
  @inline private byteAt(x: i64): i32 {
    if (x >= this.chunkBase) {
      const d = x - this.chunkBase;
      return d < this.chunkLen ? <i32>load<u8>(this.chunkPtr + <usize>d) : -1;
    }
    if (this.chunkBase - x > this.mask + 1 || x < 0) return -1; // not reachable: resolvers stay in the window
    return <i32>unchecked(this.ring[<i32>(x & this.mask)]);
  }

  /** Brings pattern p's resolver to position `target`. With `reactivate`, a match ends at target. */
  private advance(p: i32, target: i64, reactivate: bool): void {
    while (unchecked(this.vmPos[p]) < target) {
      if (!unchecked(this.active[p])) {
        if (!reactivate) return;
        const lb = max(unchecked(this.vmPos[p]), target - this.maxLen);
        const a = this.earliestLiveStart(p, target, lb);
        unchecked(this.vmPos[p] = a);
        unchecked(this.active[p] = true);
        unchecked(this.thLen[p] = 0);
        unchecked(this.bestS[p] = -1);
        if (a < target) {
          // no match starts before a: try the longest match from a with the pattern's anchored DFA
          const d = this.set.forwardDfa(p);
          unchecked(this.fwd[p] = true);
          unchecked(this.fStart[p] = a);
          unchecked(this.fLast[p] = -1);
          unchecked(this.fState[p] = d.startAfter(a > 0 ? this.byteAt(a - 1) : -1));
          unchecked(this.fGen[p] = d.gen);
        }
        continue;
      }
      if (unchecked(this.fwd[p])) { this.fwdRun(p, target); continue; }
      this.step(p, unchecked(this.vmPos[p]), false);
      this.afterStep(p);
    }
  }

  private afterStep(p: i32): void {
    if (unchecked(this.thLen[p]) != 0) return;
    const bs = unchecked(this.bestS[p]);
    if (bs >= 0) {
      const be = unchecked(this.bestE[p]);
      this.sink.onMatch(unchecked(this.set.ids[p]), bs, be);
      unchecked(this.bestS[p] = -1);
      unchecked(this.vmPos[p] = be); // non-overlapping: search again from the match end
    } else if (unchecked(this.vmPos[p]) >= unchecked(this.hiw[p])) {
      unchecked(this.active[p] = false);
    }
  }

  private finish(p: i32): void {
    const n = this.pos;
    if (unchecked(this.fwd[p])) {
      this.fwdRun(p, n);
      if (unchecked(this.fwd[p])) {
        const d = this.set.forwardDfa(p);
        if (d.eoiMatches(unchecked(this.fState[p])).length > 0 && n - unchecked(this.fStart[p]) <= this.maxLen) {
          unchecked(this.fLast[p] = n);
        }
        this.fwdFinish(p, n);
      }
    }
    while (true) {
      this.advance(p, n, false);
      if (!unchecked(this.active[p])) return;
      this.step(p, n, true);
      const bs = unchecked(this.bestS[p]);
      if (bs < 0) { unchecked(this.active[p] = false); return; }
      const be = unchecked(this.bestE[p]);
      this.sink.onMatch(unchecked(this.set.ids[p]), bs, be);
      unchecked(this.bestS[p] = -1);
      unchecked(this.vmPos[p] = be);
      if (be >= n) { unchecked(this.active[p] = false); return; }
    }
  }

  /**
   * Smallest s in [lb, e) from which some thread of pattern p can still be alive at e (a backward scan over
   * reversed NFA edges, stopping as soon as no thread can reach e). Starting the resolver there is exact:
   * a match ending at or after e starts at such an s. Returns e when there is none.
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
      if (n < 0) break; // dead: no thread alive at e started this early
      st = n;
      if (r.flagged(st)) best = x;
    }
    return best;
  }

  /** Runs pattern p's anchored DFA from vmPos up to `target`, remembering the longest match end. */
  private fwdRun(p: i32, target: i64): void {
    const d = this.set.forwardDfa(p);
    let s = unchecked(this.fState[p]);
    if (unchecked(this.fGen[p]) != d.gen) s = d.restoreState(this.fSaved[p]);
    const cls = this.nfa.classOf;
    const start = unchecked(this.fStart[p]);
    let x = unchecked(this.vmPos[p]);
    while (x < target) {
      const c = this.byteAt(x);
      if (c < 0) break;
      const k = <i32>unchecked(cls[c]);
      let n = unchecked(d.trans[s + k]);
      if (n == -1) n = d.next(s, k);
      if (n < -1) { n = -2 - n; if (x - start <= this.maxLen) unchecked(this.fLast[p] = x); }
      s = n;
      x++;
      if (d.isDead(s) || x - start > this.maxLen) { this.fwdFinish(p, x); return; }
    }
    unchecked(this.fState[p] = s);
    unchecked(this.fGen[p] = d.gen);
    unchecked(this.vmPos[p] = x);
    if (x > unchecked(this.hiw[p])) unchecked(this.hiw[p] = x);
  }

  /** The anchored run is over: report its match, then let the Pike VM resume the search after it. */
  private fwdFinish(p: i32, reached: i64): void {
    unchecked(this.fwd[p] = false);
    if (reached > unchecked(this.hiw[p])) unchecked(this.hiw[p] = reached);
    const last = unchecked(this.fLast[p]);
    const start = unchecked(this.fStart[p]);
    if (last >= 0) {
      this.sink.onMatch(unchecked(this.set.ids[p]), start, last);
      unchecked(this.vmPos[p] = last);
      // no end flagged after this match yet: nothing to re-scan, wait for the next flag
      if (unchecked(this.lastFlag[p]) <= last) unchecked(this.active[p] = false);
    } else {
      unchecked(this.vmPos[p] = start + 1); // no match starts at `start`
    }
    unchecked(this.thLen[p] = 0);
    unchecked(this.bestS[p] = -1);
  }

  /** One position of the Pike VM: closure at x (deciding assertions with bytes x-1 and x), then byte x. */
  private step(p: i32, x: i64, atEnd: bool): void {
    const nfa = this.nfa;
    const lo = unchecked(nfa.patLo[p]);
    const prev = x > 0 ? this.byteAt(x - 1) : -1;
    const next = atEnd ? -1 : this.byteAt(x);
    let g = ++this.markGen;
    if (g == 0x7fffffff) { for (let i = 0; i < this.mark.length; i++) unchecked(this.mark[i] = 0); this.markGen = g = 1; }
    this.cl = 0;
    const n = unchecked(this.thLen[p]);
    for (let t = 0; t < n; t++) {
      const s = unchecked(this.thStart[lo + t]);
      const bs = unchecked(this.bestS[p]);
      if (bs >= 0 && s > bs) break; // later starts can no longer be leftmost
      this.closure(p, unchecked(this.thState[lo + t]), s, x, prev, next, g);
    }
    if (unchecked(this.bestS[p]) < 0) this.closure(p, unchecked(nfa.patStart[p]), x, x, prev, next, g);
    if (atEnd) { unchecked(this.thLen[p] = 0); unchecked(this.vmPos[p] = x); return; }
    if (next < 0) { unchecked(this.thLen[p] = 0); unchecked(this.vmPos[p] = x + 1); return; } // unreachable guard
    let k = 0;
    const a = nfa.a;
    const lim = x + 1 - this.maxLen;
    for (let i = 0; i < this.cl; i++) {
      const u = unchecked(this.clState[i]);
      const s = unchecked(this.clStart[i]);
      if (s >= lim && nfa.accepts(u, next)) {
        unchecked(this.thState[lo + k] = unchecked(a[u]));
        unchecked(this.thStart[lo + k] = s);
        k++;
      }
    }
    unchecked(this.thLen[p] = k);
    unchecked(this.vmPos[p] = x + 1);
    if (x + 1 > unchecked(this.hiw[p])) unchecked(this.hiw[p] = x + 1);
  }

  private closure(p: i32, from: i32, s: i64, x: i64, prev: i32, next: i32, g: i32): void {
    const nfa = this.nfa;
    const kind = nfa.kind, a = nfa.a, b = nfa.b;
    const stack = this.stack;
    stack.length = 0;
    stack.push(from);
    while (stack.length > 0) {
      const u = stack.pop();
      if (u < 0 || unchecked(this.mark[u]) == g) continue;
      unchecked(this.mark[u] = g);
      const k = unchecked(kind[u]);
      if (k == StateKind.Byte) {
        unchecked(this.clState[this.cl] = u);
        unchecked(this.clStart[this.cl] = s);
        this.cl++;
      } else if (k == StateKind.Split) { stack.push(unchecked(b[u])); stack.push(unchecked(a[u])); }
      else if (k == StateKind.Eps) stack.push(unchecked(a[u]));
      else if (k == StateKind.Look) { if (lookHolds(unchecked(b[u]), prev, next)) stack.push(unchecked(a[u])); }
      else if (k == StateKind.Match) {
        if (x > s && x - s <= this.maxLen) {
          const bs = unchecked(this.bestS[p]);
          if (bs < 0 || s < bs || (s == bs && x > unchecked(this.bestE[p]))) {
            unchecked(this.bestS[p] = s);
            unchecked(this.bestE[p] = x);
          }
        }
      }
    }
  }
}
