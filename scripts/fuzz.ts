// Long fuzzing run of the real filter (build/microwaf.wasm) through the local proxy-wasm host: the same
// properties as `npm test` (tests/node/fuzz/properties.ts), round after round with fresh seeds, until a case
// count or a time budget is used up. Every failure prints its seed and counterexample, so it replays with
//   MICROWAF_FUZZ_SEED=<seed> node --import tsx --test tests/node/fuzz/fuzz.test.ts
//
// Usage: tsx scripts/fuzz.ts [--cases 200000] [--minutes 30] [--seed N] [--only json] [--adversarial]
//   --adversarial  also runs tests/node/adversarial at full size (100 MB bodies)
//   MICROWAF_WASM=path fuzzes another build.
import { spawnSync } from "node:child_process";
import { PROPERTIES } from "../tests/node/fuzz/properties.ts";

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : def;
}
const maxCases = Number(arg("cases", "200000"));
const deadline = Date.now() + Number(arg("minutes", "30")) * 60_000;
let seed = Number(arg("seed", String(Date.now() % 1_000_000_000)));
const only = arg("only", "");
const props = PROPERTIES.filter((p) => !only || p.name.includes(only));

let cases = 0, traps = 0, failures = 0, rounds = 0;
const started = Date.now();
console.log(`fuzzing ${props.length} properties, up to ${maxCases} cases or ${arg("minutes", "30")} min, first seed ${seed}`);
outer: while (cases < maxCases && Date.now() < deadline) {
  rounds++;
  for (const p of props) {
    if (cases >= maxCases || Date.now() >= deadline) break outer;
    // a round runs each property at its npm-test count (fast-check sizes grow over a run, so short runs
    // would only try small inputs), with a new seed each round
    const n = Math.min(p.runs, Math.max(5, maxCases - cases));
    const s = seed++;
    try {
      cases += p.run(n, s);
    } catch (e) {
      const msg = (e as Error).message;
      failures++;
      if (msg.includes("TRAP")) traps++;
      cases += n;
      console.log(`\nFAIL [${p.name}] seed ${s}\n${msg.slice(0, 6000)}\n`);
    }
  }
  process.stdout.write(`\rround ${rounds}: ${cases} cases, ${failures} failures (${traps} traps), ${((Date.now() - started) / 1000).toFixed(0)} s   `);
}
console.log(`\nfuzz: ${cases} cases in ${((Date.now() - started) / 1000).toFixed(0)} s, ${failures} failing properties, ${traps} traps`);

let adversarialOk = true;
if (process.argv.includes("--adversarial")) {
  const root = new URL("..", import.meta.url).pathname;
  const r = spawnSync(process.execPath, ["--import", "tsx", "--test", "tests/node/adversarial/adversarial.test.ts", "tests/node/adversarial/isolation.test.ts"],
    { cwd: root, stdio: "inherit", env: { ...process.env, MICROWAF_BIG_MB: "100" } });
  adversarialOk = r.status === 0;
}
process.exit(failures === 0 && adversarialOk ? 0 : 1);
