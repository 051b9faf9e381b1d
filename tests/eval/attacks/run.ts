// Prints the attack-detection tables: `node --import tsx tests/eval/attacks/run.ts [--misses[=group|file]] [--fp] [--gaps]`.
// CRS tests are replayed through the real filter in the host (host-replay.ts); the detectors-alone harness table
// follows, then the cases where the two disagree (--gaps lists them all).
// Levels are our paranoia levels 1–4 (a finding counts at level L when its lowest level is <= L).
import { AttackHarness } from "./harness.ts";
import { CRS_GROUPS, benignFlagged, benignRequests, caseLevel, evalBenignLines, evalLibinjectionFile, libinjectionDir,
  libinjectionFiles, loadCrsCases, readLines, urlDecodeBytes } from "./eval.ts";
import { join } from "node:path";
import type { Kind } from "./harness.ts";
import type { CrsCase } from "./eval.ts";
import { HostReplay, benignHostRequests, crsGaps, hostCaseLevel, replayAll } from "./host-replay.ts";

const args = process.argv.slice(2);
const missesArg = args.find((a) => a.startsWith("--misses"));
const missFilter = missesArg?.includes("=") ? missesArg.split("=")[1] : missesArg ? "" : null;
const showFp = args.includes("--fp");
const showGaps = args.includes("--gaps");
const pct = (a: number, b: number) => (b === 0 ? "   -  " : ((100 * a) / b).toFixed(1).padStart(5) + "%");

const h = new AttackHarness();
const t0 = Date.now();

// libinjection
console.log("\n## libinjection data (each line as a JSON value and as a raw query parameter; detected = either)\n");
console.log("| file | lines | L1 json | L1 query | L1 either | L2 either | L4 either |");
console.log("|---|---:|---:|---:|---:|---:|---:|");
const totals: Record<string, { n: number; l: number[] }> = {};
for (const { file, kind } of libinjectionFiles()) {
  const r = evalLibinjectionFile(h, file, kind);
  console.log(`| ${file} | ${r.total} | ${pct(r.json[0], r.total)} | ${pct(r.query[0], r.total)} | ${pct(r.either[0], r.total)} | ${pct(r.either[1], r.total)} | ${pct(r.either[3], r.total)} |`);
  const t = (totals[kind] ??= { n: 0, l: [0, 0, 0, 0] });
  t.n += r.total;
  for (let i = 0; i < 4; i++) t.l[i] += r.either[i];
  if (missFilter !== null && (missFilter === "" || file.includes(missFilter))) {
    for (const line of readLines(join(libinjectionDir, file))) {
      const a = h.detect(urlDecodeBytes(line), "", 1, "json").levels.get(kind);
      const b = h.detect(line, "", 1, "query").levels.get(kind);
      if (!a && !b) console.log(`   MISS ${Buffer.from(urlDecodeBytes(line)).toString("latin1").slice(0, 160)}`);
    }
  }
}
for (const [k, t] of Object.entries(totals)) {
  console.log(`| **all ${k}** | ${t.n} | | | **${pct(t.l[0], t.n)}** | ${pct(t.l[1], t.n)} | ${pct(t.l[3], t.n)} |`);
}
const fp = evalBenignLines(h, readLines(join(libinjectionDir, "false_positives.txt")), true);
console.log(`\nfalse_positives.txt (${fp.total} lines) flagged — attack.sqli: L1 ${pct(fp.sqli[0], fp.total)} (${fp.sqli[0]}), L2 ${pct(fp.sqli[1], fp.total)}, L3 ${pct(fp.sqli[2], fp.total)}, L4 ${pct(fp.sqli[3], fp.total)}; any attack.*: L1 ${pct(fp.any[0], fp.total)} (${fp.any[0]}), L2 ${pct(fp.any[1], fp.total)}, L4 ${pct(fp.any[3], fp.total)}`);
if (showFp) for (const l of fp.flagged[0]) console.log(`   FP ${Buffer.from(urlDecodeBytes(l)).toString("latin1").slice(0, 160)}`);

// CRS
const cases = loadCrsCases();
type LevelOf = (c: CrsCase, kinds: Kind[]) => number;

/** The CRS table for one way of judging a case; `misses`: print PL1 misses (harness only, for --misses). */
function crsTable(title: string, levelOf: LevelOf, misses: boolean): void {
  console.log(title);
  console.log("| group | detectors | PL1 tests | PL1 det. | PL2 tests | PL2 det. | PL3+ tests | PL3+ det. | all @L4 | soft neg. flagged @L1 |");
  console.log("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
  let pl1n = 0, pl1d = 0;
  for (const [g, info] of Object.entries(CRS_GROUPS)) {
    const pos = cases.filter((c) => c.group === g && c.positive);
    const neg = cases.filter((c) => c.group === g && !c.positive);
    const by = [0, 0, 0].map(() => ({ n: 0, d: 0 }));
    let all4 = 0;
    for (const c of pos) {
      const l = levelOf(c, info.kinds);
      const b = by[Math.min(c.pl, 3) - 1];
      b.n++;
      if (l > 0 && l <= c.pl) b.d++;
      if (l > 0) all4++;
      else if (misses && missFilter !== null && (missFilter === "" || missFilter === g) && c.pl === 1)
        console.log(`   MISS ${c.testId} ${JSON.stringify(c.values.filter((v) => v.key !== ":path" || v.value !== "/").map((v) => `${v.key}=${typeof v.value === "string" ? v.value : "<bytes>"}`).join(" ")).slice(0, 220)}`);
    }
    let negFlag = 0;
    for (const c of neg) if (levelOf(c, info.kinds) === 1) negFlag++;
    pl1n += by[0].n; pl1d += by[0].d;
    console.log(`| ${g} ${info.name} | ${info.kinds.map((k) => k.replace("attack.", "")).join(", ")} | ${by[0].n} | ${pct(by[0].d, by[0].n)} | ${by[1].n} | ${pct(by[1].d, by[1].n)} | ${by[2].n} | ${pct(by[2].d, by[2].n)} | ${pct(all4, pos.length)} | ${negFlag}/${neg.length} |`);
  }
  console.log(`| **all PL1** | | ${pl1n} | **${pct(pl1d, pl1n)}** | | | | | | |`);
}

const th = Date.now();
const host = new HostReplay();
const hostLevels = replayAll(host, cases);
const hostSeconds = ((Date.now() - th) / 1000).toFixed(1);
const benignHost = await benignHostRequests(400);
const benignHostLevels = benignHost.map((r) => hostCaseLevel(host.levels(r).levels, null));
const benignHostExamples = benignHost.map((r, i) => [benignHostLevels[i], r] as const).filter(([l]) => l > 0).slice(0, 8)
  .map(([l, r]) => `L${l} ${[...host.levels(r).where].map(([k, w]) => `${k}@${w.join(",")}`).join(" ")}`);
host.close();
const hostLevel: LevelOf = (c, kinds) => hostCaseLevel(hostLevels.get(c)!.levels, kinds);
const harnessLevel: LevelOf = (c, kinds) => caseLevel(h, c, kinds);
crsTable(`\n## CRS regression tests through the host (build/microwaf.wasm in src/host, requests as Envoy presents them; ${hostSeconds} s)\n` +
  "\npositives: expect_ids; detected when one of the group's detectors fires at our level = the rule's paranoia level\n", hostLevel, false);
crsTable("\n## CRS regression tests, detectors alone (harness: values split in JavaScript by requestValues)\n", harnessLevel, true);

// Where the two disagree at the rule's level: request parts the filter does not hand to the detectors (or does
// differently). Positives only; a gap is named by the harness values that fired.
const gaps = crsGaps(cases, h, hostLevels);
console.log(`\n## Harness vs host at the rule's paranoia level (positives): ${gaps.harnessOnly.length} harness-only, ${gaps.hostOnly.length} host-only\n`);
for (const [why, ids] of gaps.byReason) console.log(`   ${String(ids.length).padStart(4)}  ${why}: ${ids.slice(0, showGaps ? ids.length : 6).join(" ")}${!showGaps && ids.length > 6 ? " …" : ""}`);

// Benign generated traffic
const N = 3000;
const reqs = await benignRequests(N);
console.log(`\n## Benign generated JSON requests (${N}, @faker-js/faker seed 20261121): requests with any attack.* finding\n`);
console.log("| level | flagged | rate |");
console.log("|---|---:|---:|");
for (let l = 1; l <= 4; l++) {
  const r = benignFlagged(h, reqs, l);
  console.log(`| L${l} | ${r.flagged} | ${pct(r.flagged, N)} |`);
  if (showFp) for (const e of r.examples) console.log(`   FP L${l} ${e.slice(0, 200)}`);
}
console.log(`\n## Benign generated whole requests through the host (${benignHost.length}: query, cookies, browser and custom headers, JSON body; seed 20261122)\n`);
console.log("| level | flagged | rate |");
console.log("|---|---:|---:|");
for (let l = 1; l <= 4; l++) {
  const n = benignHostLevels.filter((x) => x > 0 && x <= l).length;
  console.log(`| L${l} | ${n} | ${pct(n, benignHost.length)} |`);
}
if (showFp) for (const e of benignHostExamples) console.log(`   FP ${e}`);
console.log(`\n(${((Date.now() - t0) / 1000).toFixed(1)} s)`);
