// Property tests: the engine against a brute-force reference built from the AST (set-of-positions semantics,
// independent of the NFA/DFA/resolver), and split invariance across feed() calls.
import { PatternSet, PatternSpec, EngineOptions, Match, MatchSink, Matcher } from "../../assembly/engine/index";
import { Parser, Node, NodeKind, LookKind, setHas, isWordByte } from "../../assembly/engine/syntax";

class Rng {
  s: u32;
  constructor(seed: u32) { this.s = seed == 0 ? 1 : seed; }
  next(): u32 { let x = this.s; x ^= x << 13; x ^= x >> 17; x ^= x << 5; this.s = x; return x; }
  int(n: i32): i32 { return <i32>(this.next() % <u32>n); }
}

const ATOMS: string[] = ["a", "b", "c", ".", "[ab]", "[^a]", "\\b", "\\B", "^", "$", "\\w", "ab", "[b-c]", "\\s", "-"];
const QUANTS: string[] = ["*", "+", "?", "{1,2}", "{2}", "{0,3}", "{2,}"];

function genPattern(r: Rng, depth: i32): string {
  const k = r.int(10);
  if (depth > 2 || k < 4) return ATOMS[r.int(ATOMS.length)];
  if (k < 6) return genPattern(r, depth + 1) + genPattern(r, depth + 1);
  if (k < 7) return "(?:" + genPattern(r, depth + 1) + "|" + genPattern(r, depth + 1) + ")";
  return "(?:" + genPattern(r, depth + 1) + ")" + QUANTS[r.int(QUANTS.length)];
}

const ALPHA = "abc -\nab";
function genInput(r: Rng, maxLen: i32): Uint8Array {
  const n = r.int(maxLen + 1);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = <u8>ALPHA.charCodeAt(r.int(ALPHA.length));
  return out;
}

// ---- brute force: the set of end positions reachable from a set of start positions
function lookOk(k: LookKind, input: Uint8Array, p: i32): bool {
  const pw = p > 0 && isWordByte(input[p - 1]);
  const nw = p < input.length && isWordByte(input[p]);
  if (k == LookKind.Start) return p == 0;
  if (k == LookKind.End) return p == input.length;
  if (k == LookKind.Word) return pw != nw;
  return pw == nw;
}
function ends(n: Node, input: Uint8Array, from: StaticArray<bool>): StaticArray<bool> {
  const len = input.length;
  const out = new StaticArray<bool>(len + 1);
  if (n.kind == NodeKind.Empty) { for (let p = 0; p <= len; p++) out[p] = from[p]; }
  else if (n.kind == NodeKind.Bytes) {
    for (let p = 0; p < len; p++) if (from[p] && setHas(changetype<StaticArray<u32>>(n.set), input[p])) out[p + 1] = true;
  } else if (n.kind == NodeKind.Look) {
    for (let p = 0; p <= len; p++) if (from[p] && lookOk(n.look, input, p)) out[p] = true;
  } else if (n.kind == NodeKind.Concat) {
    let cur = from;
    for (let i = 0; i < n.children.length; i++) cur = ends(n.children[i], input, cur);
    return cur;
  } else if (n.kind == NodeKind.Alt) {
    for (let i = 0; i < n.children.length; i++) {
      const e = ends(n.children[i], input, from);
      for (let p = 0; p <= len; p++) if (e[p]) out[p] = true;
    }
  } else { // Repeat
    let cur = from;
    if (n.min == 0) for (let p = 0; p <= len; p++) if (from[p]) out[p] = true;
    const limit = n.max >= 0 ? n.max : n.min + len + 2;
    for (let k = 1; k <= limit; k++) {
      cur = ends(n.children[0], input, cur);
      if (k >= n.min) for (let p = 0; p <= len; p++) if (cur[p]) out[p] = true;
    }
  }
  return out;
}
function brute(ast: Node, id: i32, input: Uint8Array, into: Match[], cap: i32 = 1 << 30): void {
  let q = 0;
  const len = input.length;
  while (q <= len) {
    let found = false;
    for (let s = q; s < len; s++) {
      const from = new StaticArray<bool>(len + 1);
      from[s] = true;
      const e = ends(ast, input, from);
      for (let p = min(len, s + cap); p > s; p--) {
        if (e[p]) { into.push(new Match(id, s, p)); q = p; found = true; break; }
      }
      if (found) break;
    }
    if (!found) break;
  }
}

function cmp(a: Match, b: Match): i32 {
  if (a.start != b.start) return a.start < b.start ? -1 : 1;
  if (a.patternId != b.patternId) return a.patternId - b.patternId;
  return <i32>(a.end - b.end);
}
function show(ms: Match[]): string {
  let out = "";
  for (let i = 0; i < ms.length; i++) out += " " + ms[i].patternId.toString() + ":" + ms[i].start.toString() + "-" + ms[i].end.toString();
  return out;
}
function str(b: Uint8Array): string { return String.UTF8.decode(b.buffer); }

class Collect implements MatchSink {
  ms: Match[] = [];
  onMatch(patternId: i32, start: i64, end: i64): void { this.ms.push(new Match(patternId, start, end)); }
}

function fedInPieces(set: PatternSet, input: Uint8Array, r: Rng): string {
  const sink = new Collect();
  const m = set.newMatcher(sink);
  let i = 0;
  while (i < input.length) {
    const n = min(input.length - i, r.int(5) == 0 ? 0 : 1 + r.int(7));
    m.feed(input.dataStart + <usize>i, n);
    i += n;
  }
  m.end();
  return show(sink.ms.sort(cmp));
}

function sources(specs: PatternSpec[]): string {
  let out = "";
  for (let k = 0; k < specs.length; k++) out += " /" + specs[k].source + "/";
  return out;
}

describe("engine properties", () => {
  test("matches the brute-force reference on random patterns and inputs", () => {
    const r = new Rng(12345);
    let compiled = 0, withMatches = 0;
    for (let round = 0; round < 300; round++) {
      const np = 1 + r.int(3);
      const specs: PatternSpec[] = [];
      const asts: Node[] = [];
      let ok = true;
      for (let k = 0; k < np; k++) {
        const src = genPattern(r, 0);
        const ast = new Parser(src, false).parse();
        if (ast === null) { ok = false; break; }
        specs.push(new PatternSpec(k + 1, src, false));
        asts.push(ast);
      }
      if (!ok) continue;
      const res = PatternSet.compile(specs, new EngineOptions());
      expect(res.ok).toBe(true);
      const set = changetype<PatternSet>(res.set);
      // the same patterns with the union's counters relaxed hard (cap 1 or 2, not the default 12): still a superset
      const hard = new EngineOptions();
      hard.unionRepeatCap = 1 + (round & 1);
      const relaxed = changetype<PatternSet>(PatternSet.compile(specs, hard).set);
      compiled++;
      for (let t = 0; t < 8; t++) {
        const input = genInput(r, 24);
        const want: Match[] = [];
        for (let k = 0; k < np; k++) brute(asts[k], k + 1, input, want);
        const got = show(set.findAll(input));
        const exp = show(want.sort(cmp));
        if (got != exp) {
          const pats = sources(specs);
          expect(got).toBe(exp, pats + " on '" + str(input) + "'");
          return;
        }
        if (want.length > 0) withMatches++;
        expect(fedInPieces(set, input, r)).toBe(exp, "split feed");
        // flags from a union relaxed far harder still resolve to exactly the same matches
        expect(show(relaxed.findAll(input))).toBe(exp, "cap " + hard.unionRepeatCap.toString() + sources(specs) + " on '" + str(input) + "'");
        expect(fedInPieces(relaxed, input, r)).toBe(exp, "split feed, cap " + hard.unionRepeatCap.toString());
        // the probe's length cut-off is a true lower bound: no match is shorter, no matching input is skipped
        for (let w = 0; w < want.length; w++) expect(<i32>(want[w].end - want[w].start)).toBeGreaterThanOrEqual(set.nfa.minMatchLen);
        if (want.length > 0) expect(set.newMatcher(new Collect()).probe(input.dataStart, input.length)).toBe(true, "probe");
        if (want.length > 0) expect(relaxed.newMatcher(new Collect()).probe(input.dataStart, input.length)).toBe(true, "probe, cap " + hard.unionRepeatCap.toString() + sources(specs) + " on '" + str(input) + "'");
      }
    }
    expect(compiled).toBeGreaterThan(80);
    expect(withMatches).toBeGreaterThan(300);
  });

  test("with a small maxMatchBytes: leftmost-longest among matches no longer than the cap", () => {
    const r = new Rng(4242);
    const cap = 4;
    const opts = new EngineOptions();
    opts.maxMatchBytes = cap;
    let checked = 0;
    for (let round = 0; round < 250; round++) {
      const src = genPattern(r, 0);
      const ast = new Parser(src, false).parse();
      if (ast === null) continue;
      const set = changetype<PatternSet>(PatternSet.compile([new PatternSpec(1, src, false)], opts).set);
      for (let t = 0; t < 6; t++) {
        const input = genInput(r, 30);
        const want: Match[] = [];
        brute(ast, 1, input, want, cap);
        const exp = show(want);
        const got = show(set.findAll(input));
        if (got != exp) { expect(got).toBe(exp, "/" + src + "/ on '" + str(input) + "'"); return; }
        expect(fedInPieces(set, input, r)).toBe(exp, "split feed");
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  test("split invariance with a small match cap and a tiny DFA cache (forced clears)", () => {
    const r = new Rng(777);
    const opts = new EngineOptions();
    opts.maxMatchBytes = 16;
    opts.dfaCacheBytes = 256;
    opts.resolverCacheBytes = 256;
    const specs = [
      new PatternSpec(1, "\\b(?:\\d[ -]?){6,12}\\d\\b"), new PatternSpec(2, "[a-c]+@[a-c]+\\.c"),
      new PatternSpec(3, "(?:a|b)*c"), new PatternSpec(4, "a+"), new PatternSpec(5, "-\\d+$"),
    ];
    const res = PatternSet.compile(specs, opts);
    const set = changetype<PatternSet>(res.set);
    const big = PatternSet.compile(specs, new EngineOptions());
    const alpha = "abc@.- 0123456789";
    for (let t = 0; t < 60; t++) {
      const n = r.int(200);
      const input = new Uint8Array(n);
      for (let i = 0; i < n; i++) input[i] = <u8>alpha.charCodeAt(r.int(alpha.length));
      const whole = show(set.findAll(input));
      expect(fedInPieces(set, input, r)).toBe(whole, str(input));
      // every reported match respects the cap
      const ms = set.findAll(input);
      for (let i = 0; i < ms.length; i++) expect(ms[i].end - ms[i].start).toBeLessThanOrEqual(16);
      // with the default cache, results are the same (clearing never changes results)
      const o2 = new EngineOptions(); o2.maxMatchBytes = 16;
      const s2 = changetype<PatternSet>(PatternSet.compile(specs, o2).set);
      expect(show(s2.findAll(input))).toBe(whole);
    }
    // two matchers sharing the set, fed alternately: each one's cache clears invalidate the other's state
    for (let t = 0; t < 20; t++) {
      const a = new Uint8Array(150), b2 = new Uint8Array(150);
      for (let i = 0; i < 150; i++) { a[i] = <u8>alpha.charCodeAt(r.int(alpha.length)); b2[i] = <u8>alpha.charCodeAt(r.int(alpha.length)); }
      const sa = new Collect(), sb = new Collect();
      const ma = set.newMatcher(sa), mb = set.newMatcher(sb);
      for (let i = 0; i < 150; i += 10) {
        ma.feed(a.dataStart + <usize>i, 10);
        mb.feed(b2.dataStart + <usize>i, 10);
      }
      ma.end(); mb.end();
      expect(show(sa.ms.sort(cmp))).toBe(show(set.findAll(a)));
      expect(show(sb.ms.sort(cmp))).toBe(show(set.findAll(b2)));
    }
    expect(set.dfa.clears).toBeGreaterThan(0);
    expect(set.forwardDfa(0).clears + set.forwardDfa(1).clears + set.reverseDfa(0).clears).toBeGreaterThan(0);
    expect(big.ok).toBe(true);
  });
});

describe("pathological patterns run in linear time (correctness over 100 KB)", () => {
  test("(a+)+$ over 100 KB of 'a'", () => {
    const n = 100 * 1024;
    const input = new Uint8Array(n);
    input.fill(0x61);
    const set = changetype<PatternSet>(PatternSet.compile([new PatternSpec(1, "(a+)+$")], new EngineOptions()).set);
    const ms = set.findAll(input);
    // leftmost-longest within maxMatchBytes (4096): the last 4096 bytes
    expect(ms.length).toBe(1);
    expect(ms[0].start).toBe(n - 4096);
    expect(ms[0].end).toBe(n);
    input[n - 1] = 0x21; // "aaa...a!": no match at all
    expect(set.findAll(input).length).toBe(0);
  });
  test("(x+x+)+y and (.*a){12} over 100 KB, fed in chunks", () => {
    const n = 100 * 1024;
    const input = new Uint8Array(n);
    input.fill(0x78);
    const set = changetype<PatternSet>(PatternSet.compile([
      new PatternSpec(1, "(x+x+)+y"), new PatternSpec(2, "(?:.*a){12}"), new PatternSpec(3, "(?:a|aa)+$"),
    ], new EngineOptions()).set);
    expect(set.findAll(input).length).toBe(0);
    const sink = new Collect();
    const m = set.newMatcher(sink);
    for (let i = 0; i < n; i += 1000) m.feed(input.dataStart + <usize>i, min(1000, n - i));
    m.end();
    expect(sink.ms.length).toBe(0);
    input[n - 1] = 0x79; // ...xxxy: one match, the longest allowed
    const ms = set.findAll(input);
    expect(ms.length).toBe(1);
    expect(ms[0].end).toBe(n);
    expect(ms[0].start).toBe(n - 4096);
  });
});
