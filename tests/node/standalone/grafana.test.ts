// examples/grafana/microwaf.json is a Grafana dashboard Grafana can import and provision: the structure
// Grafana needs, a Prometheus datasource variable used by every panel and target, panels inside the grid
// and not overlapping, and only MicroWAF metrics that exist in docs/metrics.md. (The PromQL itself is run
// against a real Prometheus in prometheus.test.ts.) Also the provisioning files and the demo prometheus.yml.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { root } from "./stack.ts";
import { allPanels, substitute, ALL_VARS, catalog, type Dashboard } from "./promql.ts";

const d = JSON.parse(readFileSync(join(root, "examples/grafana/microwaf.json"), "utf8")) as Dashboard;

test("dashboard: schema, datasource variable, unique ids", () => {
  assert.equal(typeof d.uid, "string");
  assert.ok(d.uid.length > 0 && d.uid.length <= 40);
  assert.equal(d.title, "MicroWAF");
  assert.ok(d.schemaVersion >= 36, `schemaVersion ${d.schemaVersion}`);
  assert.equal((d as any).id, undefined, "no instance-specific id (import/provisioning assigns one)");
  const ds = d.templating.list.find((v) => v.type === "datasource");
  assert.ok(ds && ds.query === "prometheus", "a Prometheus datasource variable");
  for (const v of d.templating.list.filter((v) => v.type === "query")) {
    assert.deepEqual(v.datasource, { type: "prometheus", uid: "${" + ds!.name + "}" });
    assert.equal(v.allValue, ".*");
  }
  const ids = allPanels(d).map((p) => p.id);
  assert.equal(new Set(ids).size, ids.length, "panel ids unique");
});

test("dashboard: every panel in the 24-column grid, no overlaps, every target on the datasource variable", () => {
  const boxes: Array<{ x: number; y: number; w: number; h: number; t: string }> = [];
  for (const p of allPanels(d)) {
    const g = p.gridPos;
    assert.ok(g.x >= 0 && g.w > 0 && g.x + g.w <= 24 && g.h > 0 && g.y >= 0, `${p.title}: ${JSON.stringify(g)}`);
    for (const b of boxes) {
      const overlap = g.x < b.x + b.w && b.x < g.x + g.w && g.y < b.y + b.h && b.y < g.y + g.h;
      assert.ok(!overlap, `${p.title} overlaps ${b.t}`);
    }
    boxes.push({ ...g, t: p.title });
    if (p.type === "row") continue;
    assert.ok(["stat", "timeseries", "table", "bargauge"].includes(p.type), `${p.title}: ${p.type}`);
    assert.deepEqual(p.datasource, { type: "prometheus", uid: "${datasource}" }, p.title);
    assert.ok(p.targets && p.targets.length > 0, `${p.title} has no query`);
    const refs = p.targets.map((t) => t.refId);
    assert.equal(new Set(refs).size, refs.length, `${p.title}: refIds`);
  }
});

test("dashboard: queries use documented metrics and labels; variables resolve", () => {
  const docs = catalog();
  const used = new Set<string>();
  for (const p of allPanels(d)) for (const t of p.targets ?? []) {
    const expr = substitute(t.expr, ALL_VARS); // throws on an unknown variable
    for (const m of expr.matchAll(/\b(microwaf_\w+?)(_bucket|_sum|_count)?\b/g)) {
      const name = docs.has(m[1] + (m[2] ?? "")) ? m[1] + (m[2] ?? "") : m[1];
      assert.ok(docs.has(name), `${p.title}: ${m[0]} is not in docs/metrics.md`);
      used.add(name);
    }
    for (const m of expr.matchAll(/by \(([^)]*)\)/g)) {
      for (const l of m[1].split(",").map((s) => s.trim())) {
        if (l === "le") continue;
        assert.ok([...docs.values()].some((v) => v.labels.includes(l)), `${p.title}: unknown label ${l}`);
      }
    }
  }
  // The panels the issue asks for: flows, findings by category and route, blocks, latency, uninspected bodies.
  for (const m of ["microwaf_findings_total", "microwaf_blocked_total", "microwaf_scan_time_us", "microwaf_bodies_uninspected_total",
    "microwaf_values_redacted_total", "microwaf_policy_loads_total"]) assert.ok(used.has(m), `no panel uses ${m}`);
});

test("provisioning files point at the dashboard and a Prometheus datasource; the demo prometheus.yml scrapes the admin", () => {
  const dsp = parse(readFileSync(join(root, "examples/grafana/provisioning/datasources/prometheus.yaml"), "utf8"));
  assert.equal(dsp.apiVersion, 1);
  assert.equal(dsp.datasources[0].type, "prometheus");
  const dbp = parse(readFileSync(join(root, "examples/grafana/provisioning/dashboards/microwaf.yaml"), "utf8"));
  assert.equal(dbp.apiVersion, 1);
  assert.equal(dbp.providers[0].type, "file");
  assert.ok(dbp.providers[0].options.path);
  const prom = parse(readFileSync(join(root, "examples/prometheus/prometheus.yml"), "utf8"));
  const job = prom.scrape_configs.find((j: any) => j.metrics_path === "/stats/prometheus");
  assert.ok(job, "a job scraping /stats/prometheus");
  assert.ok(prom.rule_files.some((f: string) => f.endsWith("rules.yaml")));
});
