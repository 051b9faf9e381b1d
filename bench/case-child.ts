// Measures one exchange in a separate process so the parent can give up after a deadline (a synchronous
// Wasm call cannot be interrupted in-process); with 0 rounds it runs the exchange once (bench/run.ts checks
// each 1 MB case that way before measuring it in-process). Usage:
//   node --no-liftoff --import tsx bench/case-child.ts <config.json file> <case name> <rounds> <budgetMs> [wasm]
// Prints {"us": …, "bodyUs": …, "wasmUs": …, "hostCalls": …, "iters": …} on stdout.
import { readFileSync } from "node:fs";
import { corpus } from "./corpus.ts";
import { jsonExchange, loadFilter, measure, timed, WASM } from "./driver.ts";

const [cfgFile, name, rounds, budget, wasm] = process.argv.slice(2);
const item = corpus().find((c) => c.name === name);
if (!item) { console.error(`unknown case ${name}`); process.exit(2); }
const t = timed(loadFilter(readFileSync(cfgFile, "utf8"), { wasm: wasm || WASM }));
const m = measure(t, jsonExchange(item.name, item.body), { rounds: Number(rounds), budgetMs: Number(budget), minIters: 1, warm: 1 });
console.log(JSON.stringify({ us: m.us, bodyUs: m.bodyUs, wasmUs: m.wasmUs, hostCalls: m.hostCalls, iters: m.iters }));
