// A smaller seeded slice of the detection evaluation (full table: node --import tsx tests/eval/detection/run.ts),
// run through the real filter, asserting issue 5's targets so a library, validator or engine change that
// regresses them fails CI. The slice uses its own seed, not the one the library was tuned on.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { generate } from "../eval/detection/dataset.ts";
import { evaluate, isVendorPrefixed, targetsFor, type EvalResult } from "../eval/detection/score.ts";
import { DEFAULT_WASM } from "../../src/scan/scanner.ts";

const skip = existsSync(DEFAULT_WASM) ? false : "build/microwaf.wasm missing (npm run build)";
const SEED = 7, RECORDS = 320;
// A per-category rate is asserted only when the slice holds enough of it to be meaningful.
const MIN_LABELS = 15, MIN_FINDINGS = 15;

let result: EvalResult | null = null;
function run(): EvalResult {
  if (!result) result = evaluate(generate(RECORDS, SEED));
  return result;
}

test("the evaluation set is deterministic and every label spans its value's bytes", () => {
  const a = generate(60, SEED), b = generate(60, SEED);
  assert.deepEqual(a.map((r) => r.body.toString("base64")), b.map((r) => r.body.toString("base64")));
  assert.deepEqual(a.map((r) => r.labels), b.map((r) => r.labels));
  let n = 0;
  for (const r of a) {
    for (const l of r.labels) {
      const raw = r.body.subarray(l.start, l.end).toString();
      const decoded = r.contentType.includes("json") ? JSON.parse(`"${raw}"`) as string
        : r.contentType.includes("urlencoded") ? decodeURIComponent(raw.replace(/\+/g, " ")) : raw;
      assert.equal(decoded, l.value, `${r.id} ${l.category}`);
      n++;
    }
  }
  assert.ok(n > 200, `only ${n} labels in 60 records`);
});

test(`targets on a ${RECORDS}-record slice (seed ${SEED}): validated categories P>=0.98 R>=0.95, phone/DOB P>=0.85, all >=0.6`, { skip }, () => {
  const res = run();
  const failures: string[] = [];
  for (const c of res.categories) {
    const t = targetsFor(c.category);
    if (c.labels >= MIN_LABELS && c.recall < t.recall) failures.push(`${c.category} recall ${c.recall.toFixed(3)} < ${t.recall} (${c.found}/${c.labels})`);
    if (c.tp + c.fp >= MIN_FINDINGS && c.precision < t.precision) failures.push(`${c.category} precision ${c.precision.toFixed(3)} < ${t.precision} (${c.fp} FP)`);
  }
  assert.deepEqual(failures, []);
});

test("vendor-prefixed secrets pooled: precision >= 0.98, recall >= 0.95", { skip }, () => {
  const vendor = run().categories.filter((c) => isVendorPrefixed(c.category));
  const labels = vendor.reduce((a, c) => a + c.labels, 0), found = vendor.reduce((a, c) => a + c.found, 0);
  const tp = vendor.reduce((a, c) => a + c.tp, 0), fp = vendor.reduce((a, c) => a + c.fp, 0);
  assert.ok(labels >= 100, `only ${labels} vendor secrets in the slice`);
  assert.ok(found / labels >= 0.95, `vendor recall ${(found / labels).toFixed(3)}`);
  assert.ok(tp / (tp + fp) >= 0.98, `vendor precision ${(tp / (tp + fp)).toFixed(3)}`);
});

test("hard negatives stay quiet: no category's false positives exceed 2% of all findings", { skip }, () => {
  const res = run();
  assert.ok(res.totals.precision >= 0.98, `overall precision ${res.totals.precision.toFixed(3)}; FP: ${res.falsePositives.slice(0, 5).map((f) => `${f.category} ${JSON.stringify(f.value)}`).join("; ")}`);
});
