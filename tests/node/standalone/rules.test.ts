// examples/prometheus/rules.yaml: `promtool check rules` and its unit tests (`promtool test rules`), and every
// alert has a test case in which it fires. Skips only when promtool is not installed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { parse } from "yaml";
import { root, prometheusMissing, PROMTOOL } from "./stack.ts";

const dir = join(root, "examples/prometheus");
const missing = prometheusMissing();

test("promtool check rules examples/prometheus/rules.yaml", { skip: missing ?? false }, () => {
  const r = spawnSync(PROMTOOL, ["check", "rules", "rules.yaml"], { cwd: dir, encoding: "utf8" });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /SUCCESS: \d+ rules found/);
});

test("promtool test rules examples/prometheus/rules.test.yaml", { skip: missing ?? false }, () => {
  const r = spawnSync(PROMTOOL, ["test", "rules", "rules.test.yaml"], { cwd: dir, encoding: "utf8" });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /SUCCESS/);
});

test("every alert in rules.yaml has a unit test where it fires and one where it does not", () => {
  const rules = parse(readFileSync(join(dir, "rules.yaml"), "utf8")) as { groups: Array<{ rules: Array<{ alert?: string }> }> };
  const tests = parse(readFileSync(join(dir, "rules.test.yaml"), "utf8")) as { tests: Array<{ alert_rule_test?: Array<{ alertname: string; exp_alerts: unknown[] }> }> };
  const cases = tests.tests.flatMap((t) => t.alert_rule_test ?? []);
  const alerts = rules.groups.flatMap((g) => g.rules).map((r) => r.alert).filter((a): a is string => !!a);
  for (const want of ["MicroWAFNewSensitiveCategoryLeaving", "MicroWAFBudgetExceeded", "MicroWAFBlocksSpiking", "MicroWAFBodiesNotInspected", "MicroWAFNotInspecting", "MicroWAFPolicyRejected"]) {
    assert.ok(alerts.includes(want), `rules.yaml has no ${want}`);
  }
  for (const a of alerts) {
    assert.ok(cases.some((c) => c.alertname === a && c.exp_alerts.length > 0), `${a}: no test where it fires`);
    assert.ok(cases.some((c) => c.alertname === a && c.exp_alerts.length === 0), `${a}: no test where it stays quiet`);
  }
});
