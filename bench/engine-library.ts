// Engine-only diagnosis with the real detector library (not a test): the default policy's patterns in one
// set over the JSON corpus, then each pattern alone, ranked by time — to find the patterns whose DFA
// thrashes. Uses the engine harness wasm (bench/engine-harness.ts).
// Run: node --no-liftoff --import tsx bench/engine-library.ts [--top N]
import { buildEngineHarness } from "./engine-harness.ts";
import { corpus } from "./corpus.ts";
import { defaultPatternDetectors } from "./policies.ts";

const h = await buildEngineHarness();

const topN = Number(process.argv[process.argv.indexOf("--top") + 1]) || 12;
const defs = defaultPatternDetectors();
const specs = defs.map((d) => ({ id: d.id, src: d.pattern ?? d.literals.map((l) => l.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), ci: d.case_insensitive }));
const text = new TextEncoder().encode(corpus().find((c) => c.name === "json_16k_findings")!.body);
const ptr = h.buffer(text.length) >>> 0;
h.pin(ptr);
new Uint8Array(h.memory.buffer, ptr, text.length).set(text);

function run(list: typeof specs): { mbps: number; nfa: number; states: number; clears: number; matches: number } {
  h.clearSpecs();
  for (const s of list) h.addSpec(s.src, s.ci);
  const nfa = h.compile();
  if (nfa < 0) return { mbps: NaN, nfa, states: 0, clears: 0, matches: 0 };
  h.scan(ptr, text.length, 16384); // warm the lazy DFA
  let n = 0, matches = 0;
  const t0 = performance.now();
  while (n < 1 || performance.now() - t0 < 100) { matches = h.scan(ptr, text.length, 16384); n++; }
  const ms = (performance.now() - t0) / n;
  return { mbps: text.length / 1000 / ms, nfa, states: h.dfaStates(), clears: h.dfaClears(), matches };
}

const all = run(specs);
console.log(`all ${specs.length} default-policy patterns over json_16k_findings (${text.length} B, one stream): ${all.mbps.toFixed(2)} MB/s, NFA ${all.nfa}, DFA ${all.states} states, ${all.clears} cache clears, ${all.matches} matches`);
const alone = specs.map((s) => ({ id: s.id, ...run([s]) })).sort((a, b) => a.mbps - b.mbps);
console.log(`\nslowest patterns alone (MB/s, NFA states, DFA states, cache clears):`);
for (const r of alone.slice(0, topN)) console.log(`  ${r.mbps.toFixed(2).padStart(9)}  nfa ${String(r.nfa).padStart(5)}  dfa ${String(r.states).padStart(5)}  clears ${String(r.clears).padStart(4)}  ${r.id}`);
const worst = new Set(alone.slice(0, topN).map((r) => r.id));
const rest = run(specs.filter((s) => !worst.has(s.id)));
console.log(`\nall but those ${worst.size}: ${rest.mbps.toFixed(2)} MB/s, NFA ${rest.nfa}, DFA ${rest.states} states, ${rest.clears} clears`);
console.log(`\nall but one of them (which single pattern's removal restores the set):`);
for (const r of alone.slice(0, topN)) {
  const x = run(specs.filter((s) => s.id !== r.id));
  console.log(`  without ${r.id.padEnd(32)} ${x.mbps.toFixed(2).padStart(9)} MB/s  dfa ${x.states}  clears ${x.clears}`);
}
