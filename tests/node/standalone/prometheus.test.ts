// Standalone mode end to end with a real Prometheus: the demo stack (examples/envoy/envoy.yaml in the local
// host, demo REST + gRPC services) on free ports, the `prometheus` binary scraping the admin's
// /stats/prometheus every second with examples/prometheus/rules.yaml loaded, demo traffic through the
// firewall, then assertions through Prometheus' HTTP API: series, label sets (against docs/metrics.md),
// exact counter deltas, the histogram, firing alerts, and every PromQL expression of the Grafana dashboard.
// `promtool check metrics` reads the exposition. Skips only when the prometheus binaries are not installed.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { root, startStack, sendTraffic, startPrometheus, prometheusMissing, PROMTOOL, type Stack, type PromServer } from "./stack.ts";
import { allPanels, substitute, ALL_VARS, catalog, type Dashboard } from "./promql.ts";

const missing = prometheusMissing();
if (missing) console.log(`# SKIP standalone Prometheus tests: ${missing}`);

const ROUNDS_BEFORE = 1;
const ROUNDS_AFTER = 3;

describe("standalone: Envoy stats → a real Prometheus", { skip: missing ?? false, timeout: 90_000 }, () => {
  let stack: Stack;
  let prom: PromServer;
  let exposition = "";
  let t1 = 0;
  const value = async (expr: string, time?: number): Promise<number> => {
    const r = await prom.query(expr, time);
    assert.equal(r.length, 1, `${expr}: expected one series, got ${JSON.stringify(r)}`);
    return Number(r[0].value[1]);
  };

  before(async () => {
    stack = await startStack();
    const target = stack.admin.replace("http://", "");
    prom = await startPrometheus(target, `rule_files:\n  - ${join(root, "examples/prometheus/rules.yaml")}\n`);
    await sendTraffic(stack.listen, ROUNDS_BEFORE);
    await prom.waitScrapes(2);
    t1 = Date.now() / 1000;
    await sendTraffic(stack.listen, ROUNDS_AFTER);
    await prom.waitScrapes(2);
    exposition = await (await fetch(`${stack.admin}/stats/prometheus`)).text();
  });

  after(async () => {
    await prom?.stop();
    await stack?.stop();
  });

  test("Prometheus scrapes the admin endpoint without errors", async () => {
    const r = await prom.query('up{job="microwaf"}');
    assert.equal(r.length, 1);
    assert.equal(r[0].value[1], "1", prom.log());
    const targets = await (await fetch(`${prom.url}/api/v1/targets`)).json() as any;
    const t = targets.data.activeTargets[0];
    assert.equal(t.health, "up");
    assert.equal(t.lastError, "");
  });

  test("counters move by exactly the traffic sent (redacted AWS key, blocked bulk list, gRPC)", async () => {
    const aws = 'microwaf_findings_total{detector="secret.aws_access_key",action="redact",direction="response",local="customers-api"}';
    assert.equal(await value(aws, t1), ROUNDS_BEFORE);
    assert.equal(await value(aws), ROUNDS_BEFORE + ROUNDS_AFTER);
    const inc = await value(`increase(${aws}[1m])`);
    assert.ok(inc >= ROUNDS_AFTER && inc < ROUNDS_AFTER + 1.5, `increase over 1m: ${inc}`);
    const total = ROUNDS_BEFORE + ROUNDS_AFTER;
    assert.equal(await value('microwaf_values_redacted_total{category="secret.aws_access_key",direction="response"}'), total);
    assert.equal(await value('sum(microwaf_blocked_total{direction="response",reason="pii.ssn"})'), total);
    // 6 requests a round: debug config, 2 customers, healthz, bulk list, one gRPC call.
    assert.equal(await value('microwaf_requests_total{direction="request"}'), 6 * total);
    assert.equal(await value('microwaf_requests_total{direction="response"}'), 6 * total);
    assert.equal(await value('sum(microwaf_streams_inspected_total{direction="response",scanner="grpc"})'), total);
    assert.equal(await value('sum(microwaf_streams_inspected_total{direction="response",scanner="json"})'), 5 * total);
    // The gRPC responses (odd customer ids) carry an SSN each, as do customers/1 and the bulk list (20).
    assert.equal(await value('sum(microwaf_findings_total{detector="pii.ssn",direction="response"})'), 22 * total);
    assert.ok(await value('sum(microwaf_bytes_inspected_total{direction="response"})') > 1000 * total);
    // Two VMs (workers), each loads the policy once.
    assert.equal(await value('microwaf_policy_loads_total{result="accepted"}'), 2);
    assert.deepEqual(await prom.query('microwaf_policy_loads_total{result="rejected"}'), []);
  });

  test("the scan time histogram is usable: count per message, quantiles from buckets", async () => {
    const total = ROUNDS_BEFORE + ROUNDS_AFTER;
    assert.equal(await value('microwaf_scan_time_us_count{direction="response"}'), 6 * total);
    const buckets = await prom.query('microwaf_scan_time_us_bucket{direction="response"}');
    assert.ok(buckets.length >= 10, `buckets: ${buckets.length}`);
    assert.ok(buckets.some((b) => b.metric.le === "+Inf" && Number(b.value[1]) === 6 * total));
    const p99 = await value('histogram_quantile(0.99, sum by (le) (rate(microwaf_scan_time_us_bucket{direction="response"}[1m])))');
    assert.ok(Number.isFinite(p99) && p99 >= 0, `p99: ${p99}`);
  });

  test("label sets are the documented ones, and values are bounded (no IPs, tokens or paths)", async () => {
    const docs = catalog();
    assert.ok(docs.size >= 11, `docs/metrics.md catalog has ${docs.size} metrics`);
    const series = await prom.query('{__name__=~"microwaf_.*"}');
    assert.ok(series.length > 20);
    const seen = new Map<string, Set<string>>();
    for (const s of series) {
      const name = s.metric.__name__.replace(/_(bucket|sum|count)$/, (m) => (docs.has(s.metric.__name__) ? m : ""));
      const doc = docs.get(name);
      assert.ok(doc, `${s.metric.__name__} is not in the docs/metrics.md catalog`);
      const labels = Object.keys(s.metric).filter((k) => !["__name__", "job", "instance", "le"].includes(k)).sort();
      assert.deepEqual(labels, [...doc.labels].sort(), `${name}: labels ${labels} vs documented ${doc.labels}`);
      seen.set(name, new Set(labels));
      for (const [k, v] of Object.entries(s.metric)) {
        if (k === "instance") continue;
        assert.doesNotMatch(v, /\d+\.\d+\.\d+\.\d+|demo-token|Bearer|\/api\/|AKIA/, `${name}{${k}="${v}"}`);
        assert.ok(v.length <= 64, `${k}="${v}" too long`);
      }
    }
    for (const m of ["microwaf_requests_total", "microwaf_streams_inspected_total", "microwaf_findings_total", "microwaf_values_redacted_total",
      "microwaf_blocked_total", "microwaf_bytes_inspected_total", "microwaf_scan_time_us", "microwaf_policy_loads_total"]) {
      assert.ok(seen.has(m), `no ${m} series after the demo traffic`);
    }
    const types = await (await fetch(`${prom.url}/api/v1/metadata`)).json() as { data: Record<string, Array<{ type: string }>> };
    for (const [name, doc] of docs) if (types.data[name]) assert.equal(types.data[name][0].type, doc.type, `${name} type`);
  });

  test("promtool check metrics parses the exposition; lint findings are only Envoy's known ones", () => {
    const r = spawnSync(PROMTOOL, ["check", "metrics"], { input: exposition, encoding: "utf8" });
    assert.ok(r.status === 0 || r.status === 3, `promtool failed (${r.status}): ${r.stderr}${r.stdout}`);
    const problems = (r.stdout + r.stderr).split("\n").filter(Boolean);
    assert.ok(!problems.some((l) => /error|parsing/i.test(l)), problems.join("\n"));
    const unexpected = problems.filter((l) =>
      !/ no help text$/.test(l) &&                                               // Envoy never writes # HELP
      !/^envoy_\w+ counter metrics should have "_total" suffix$/.test(l) &&      // Envoy's own stat names
      l !== "microwaf_scan_time_us metric names should not contain abbreviated units"); // fixed by the filter's name
    assert.deepEqual(unexpected, []);
    // promtool 2.42 does not lint duplicates: no series twice, one TYPE per family.
    const lines = exposition.split("\n").filter((l) => l && !l.startsWith("#"));
    assert.equal(new Set(lines.map((l) => l.slice(0, l.lastIndexOf(" ")))).size, lines.length, "duplicate series");
    const typeLines = exposition.split("\n").filter((l) => l.startsWith("# TYPE "));
    assert.equal(new Set(typeLines.map((l) => l.split(" ")[2])).size, typeLines.length, "duplicate TYPE");
  });

  test("examples/prometheus/rules.yaml evaluates cleanly; the new-category alert fires for the demo's leaks", async () => {
    const rules = await (await fetch(`${prom.url}/api/v1/rules`)).json() as any;
    const all = rules.data.groups.flatMap((g: any) => g.rules);
    assert.ok(all.length >= 6);
    for (const r of all) assert.equal(r.health, "ok", `${r.name}: ${r.lastError}`);
    // A fresh Prometheus has no history: every category the demo leaks is new for customers-api.
    for (let i = 0; i < 30; i++) {
      const a = await prom.query('ALERTS{alertname="MicroWAFNewSensitiveCategoryLeaving",alertstate="firing",local="customers-api",category="secret.aws_access_key"}');
      if (a.length === 1) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.fail("MicroWAFNewSensitiveCategoryLeaving did not fire for secret.aws_access_key");
  });

  test("every PromQL expression of examples/grafana/microwaf.json runs against this Prometheus", async () => {
    const d = JSON.parse(readFileSync(join(root, "examples/grafana/microwaf.json"), "utf8")) as Dashboard;
    const now = Date.now() / 1000;
    let n = 0;
    const results = new Map<string, number>();
    for (const p of allPanels(d)) {
      for (const t of p.targets ?? []) {
        const expr = substitute(t.expr, ALL_VARS);
        const r = t.instant ? await prom.query(expr) : await prom.queryRange(expr, now - 60, now, 1);
        results.set(p.title + "/" + t.refId, r.length);
        n++;
      }
    }
    for (const v of d.templating.list.filter((v) => v.type === "query")) {
      const m = /^label_values\((\w+), *(\w+)\)$/.exec(v.definition);
      assert.ok(m, `variable ${v.name}: ${v.definition}`);
      const r = await (await fetch(`${prom.url}/api/v1/label/${m[2]}/values?match[]=${m[1]}`)).json() as { data: string[] };
      assert.ok(r.data.length > 0, `variable ${v.name} has no values`);
    }
    assert.ok(n >= 20, `${n} expressions`);
    // Panels the demo traffic must fill.
    for (const k of ["Sensitive data flows (service → caller)/A", "Findings by category/A", "Blocks by route and reason/A",
      "Redactions by category/A", "Scan latency/A", "Findings by route group/A", "Policy loads/A"]) {
      assert.ok((results.get(k) ?? 0) > 0, `panel ${k} has no data`);
    }
  });
});
