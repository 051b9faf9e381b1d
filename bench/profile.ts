// Where the filter's time goes, in steady state: warms the filter on one corpus case, then samples with the
// V8 CPU profiler (inspector) while the case repeats, and prints the hottest Wasm functions (self and
// inclusive, restricted to samples inside the filter). Uses the debug build, whose functions have names.
//   node --no-liftoff --import tsx bench/profile.ts [case=json_16k_clean] [--seconds 5] [--policy FILE.yaml] [--out FILE.cpuprofile]
// Cases: json_{1k,16k,1m}_{clean,findings}, grpc_unary_{clean,findings}, get_nobody (headers only: fixed cost),
// post_json_* (the same bodies as request bodies: the attack detectors' side).
import { Session } from "node:inspector/promises";
import { readFileSync, writeFileSync } from "node:fs";
import { corpus } from "./corpus.ts";
import { getNoBody, jsonExchange, jsonPostExchange, loadFilter, runExchange, WASM_DEBUG, type Exchange } from "./driver.ts";
import { grpcUnaryExchange } from "./grpc-corpus.ts";
import { DEFAULT_POLICY, render } from "./policies.ts";

const args = process.argv.slice(2);
const opt = (f: string) => { const i = args.indexOf(f); return i >= 0 ? args[i + 1] : undefined; };
const name = args.find((a, i) => !a.startsWith("--") && !(i > 0 && args[i - 1].startsWith("--"))) ?? "json_16k_clean";
const seconds = Number(opt("--seconds") ?? 5);
const wasm = opt("--wasm") ?? WASM_DEBUG;

const post = name.startsWith("post_");
const item = corpus().find((c) => c.name === (post ? name.slice(5) : name));
const x: Exchange = item ? (post ? jsonPostExchange(name, item.body) : jsonExchange(item.name, item.body)) : name === "get_nobody" ? getNoBody() : name.startsWith("grpc_unary") ? grpcUnaryExchange(name, name.endsWith("findings")) : (() => { throw new Error(`unknown case ${name}`); })();
const plugin = loadFilter(render(readFileSync(opt("--policy") ?? DEFAULT_POLICY, "utf8")), { wasm });

let t = performance.now();
for (let i = 0; i < 3; i++) runExchange(plugin, x);
console.log(`warm-up: 3 × ${name} in ${(performance.now() - t).toFixed(0)} ms`);

const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.setSamplingInterval", { interval: 100 });
await session.post("Profiler.start");
t = performance.now();
let n = 0;
while (performance.now() - t < seconds * 1000) { runExchange(plugin, x); n++; }
const wall = performance.now() - t;
const { profile } = await session.post("Profiler.stop");
console.log(`${n} × ${name} (${x.bytes} B) in ${wall.toFixed(0)} ms: ${((wall * 1000) / n).toFixed(0)} µs per exchange (debug build, profiler on)`);
if (opt("--out")) writeFileSync(opt("--out")!, JSON.stringify(profile));

interface Node { id: number; callFrame: { functionName: string }; children?: number[] }
const nodes = profile.nodes as Node[];
const byId = new Map(nodes.map((nd) => [nd.id, nd]));
const parent = new Map<number, number>();
for (const nd of nodes) for (const c of nd.children ?? []) parent.set(c, nd.id);
const dt = new Map<number, number>();
profile.samples!.forEach((s, i) => dt.set(s, (dt.get(s) ?? 0) + (profile.timeDeltas![i] ?? 0)));
const self = new Map<string, number>(), incl = new Map<string, number>();
let inFilter = 0, all = 0;
for (const nd of nodes) {
  const d = dt.get(nd.id) ?? 0;
  if (!d) continue;
  all += d;
  const chain: string[] = [];
  for (let id: number | undefined = nd.id; id !== undefined; id = parent.get(id)) chain.push(byId.get(id)!.callFrame.functionName);
  if (!chain.some((f) => f.includes("proxy_on_"))) continue;
  inFilter += d;
  self.set(nd.callFrame.functionName, (self.get(nd.callFrame.functionName) ?? 0) + d);
  for (const f of new Set(chain)) incl.set(f, (incl.get(f) ?? 0) + d);
}
const pct = (v: number) => `${((v / inFilter) * 100).toFixed(1).padStart(5)} %`;
console.log(`inside the filter: ${((inFilter / all) * 100).toFixed(0)} % of samples`);
console.log("\nself time (inside the filter):");
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${pct(v)}  ${k}`);
console.log("\ninclusive (filter functions):");
for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).filter(([k]) => k.startsWith("assembly/")).slice(0, 20)) console.log(`  ${pct(v)}  ${k}`);
