// Detection-quality evaluation: `node --import tsx tests/eval/detection/run.ts [--records N] [--seed S] [--show N]`.
// Prints precision and recall per category (and the misses with --show), writes build/eval/detection/results.json.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { generate } from "./dataset.ts";
import { evaluate, formatTable } from "./score.ts";

const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => { const i = args.indexOf(name); return i >= 0 ? Number(args[i + 1]) : dflt; };
const records = opt("--records", 3000), seed = opt("--seed", 20261121), show = opt("--show", 0);

const t0 = performance.now();
const set = generate(records, seed);
const genSeconds = (performance.now() - t0) / 1000;
const res = evaluate(set);
console.log(`MicroWAF detection evaluation: ${res.records} records (seed ${seed}), ${res.labels} planted values, ${res.findings} findings; generated in ${genSeconds.toFixed(1)} s, scanned in ${res.seconds.toFixed(1)} s\n`);
console.log(formatTable(res));
const failed = res.categories.filter((c) => !c.pass);
console.log(`\n${failed.length === 0 ? "all targets met" : `targets missed: ${failed.map((c) => c.category).join(", ")}`}`);
if (show > 0) {
  const group = (ms: typeof res.falsePositives) => { const m = new Map<string, typeof ms>(); for (const x of ms) { const a = m.get(x.category) ?? []; a.push(x); m.set(x.category, a); } return m; };
  for (const [title, ms] of [["false positives", res.falsePositives], ["false negatives", res.falseNegatives]] as const) {
    console.log(`\n${title}:`);
    for (const [c, xs] of group(ms)) { console.log(`  ${c} (${xs.length})`); for (const x of xs.slice(0, show)) console.log(`    [${x.kind}${x.path ? " " + x.path : ""}${x.overlaps ? " ~" + x.overlaps : ""}] ${JSON.stringify(x.context)}`); }
  }
}
const out = join(new URL("../../../", import.meta.url).pathname, "build/eval/detection/results.json");
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ seed, generatedSeconds: genSeconds, ...res }, null, 2));
console.log(`\nwritten: ${out}`);
