// The Envoy bootstrap subset, admin rendering and the `microwaf proxy` command.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import http from "node:http";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { readFileSync } from "node:fs";
import { BootstrapError, loadBootstrapFile, parseBootstrap, TYPES } from "../../../src/host/bootstrap.ts";
import { extractTags, prometheusName, renderPrometheus } from "../../../src/host/admin.ts";
import { StatsStore } from "../../../src/host/stats.ts";
import { listen } from "./proxy-helpers.ts";

const repo = fileURLToPath(new URL("../../../", import.meta.url));
const example = `${repo}examples/envoy/envoy.yaml`;

test("examples/envoy/envoy.yaml loads: wasm filter with root_id microwaf, file relative to the repo root, stats tags", () => {
  const c = loadBootstrapFile(example, repo);
  assert.equal(c.listeners.length, 1);
  const w = c.listeners[0].wasm[0];
  assert.equal(w.rootId, "microwaf");
  assert.equal(w.filename, `${repo}build/microwaf.wasm`);
  assert.equal(w.failurePolicy, "FAIL_CLOSED");
  assert.equal(w.allowOnHeadersStopIteration, true);
  assert.equal(w.configuration, "", "empty: the filter's embedded default policy");
  assert.equal(c.clusters[0].name, "upstream");
  assert.deepEqual(c.clusters.map((x) => [x.name, x.http2]), [["upstream", false], ["customers_grpc", true]]);
  for (const tag of ["direction", "detector", "category", "action", "route", "local", "peer", "reason", "limit", "result", "scanner"]) {
    assert.ok(c.statsTags.some((t) => t.tagName === tag), `stats tag ${tag}`);
  }
  assert.deepEqual(c.admin, { host: "127.0.0.1", port: 9901 });
});

const doc = () => parse(readFileSync(example, "utf8"));
const wasmConfig = (d: any) => d.static_resources.listeners[0].filter_chains[0].filters[0].typed_config.http_filters[0].typed_config.config;

test("a field outside the subset is an error naming it", () => {
  const cases: Array<[(d: any) => void, RegExp]> = [
    [(d) => { d.static_resources.listeners[0].listener_filters = []; }, /static_resources\.listeners\[0\]\.listener_filters: field not supported/],
    [(d) => { wasmConfig(d).vm_config.nack_on_code_cache_miss = true; }, /vm_config\.nack_on_code_cache_miss: field not supported/],
    [(d) => { d.static_resources.clusters[0].health_checks = []; }, /clusters\[0\]\.health_checks: field not supported/],
    [(d) => { d.overload_manager = {}; }, /bootstrap\.overload_manager: field not supported/],
    [(d) => { wasmConfig(d).vm_config.runtime = "envoy.wasm.runtime.wamr"; }, /runtime: only envoy\.wasm\.runtime\.v8/],
    [(d) => { d.static_resources.listeners[0].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[0].routes[0].route.cluster = "nope"; }, /unknown cluster "nope"/],
  ];
  for (const [mutate, re] of cases) {
    const d = doc();
    mutate(d);
    assert.throws(() => parseBootstrap(d, repo), (e: Error) => e instanceof BootstrapError && re.test(e.message), String(re));
  }
});

test("configuration as google.protobuf.Struct reaches the filter as JSON text", () => {
  const d = doc();
  wasmConfig(d).configuration = { "@type": TYPES.struct, value: { version: 1, mode: "monitor" } };
  assert.deepEqual(JSON.parse(parseBootstrap(d, repo).listeners[0].wasm[0].configuration), { version: 1, mode: "monitor" });
});

test("Prometheus: strip wasmcustom., sanitize, drop leading digits, tags from stats_tags, histogram buckets [Envoy prometheus_stats.cc]", () => {
  assert.equal(prometheusName("wasmcustom.a.b-c"), "a_b_c");
  assert.equal(prometheusName("wasmcustom.9lives"), null);
  assert.equal(prometheusName("http.x.downstream_rq_total"), "envoy_http_x_downstream_rq_total");
  const tags = [{ tagName: "direction", regex: "(direction=\\.=(.+?);\\.;)" }, { tagName: "route", regex: "(route=\\.=(.+?);\\.;)" }];
  assert.deepEqual(extractTags("wasmcustom.direction=.=request;.;route=.=pay;.;hits", tags), { name: "wasmcustom.hits", tags: [["direction", "request"], ["route", "pay"]] });
  const s = new StatsStore();
  StatsStore.add(s.get("wasmcustom.direction=.=request;.;hits", "counter"), 3n);
  StatsStore.add(s.get("wasmcustom.direction=.=response;.;hits", "counter"), 4n);
  s.get("wasmcustom.size", "gauge").value = 7n;
  const h = s.get("wasmcustom.lat", "histogram"); h.record(3); h.record(700);
  const out = renderPrometheus(s, tags);
  assert.match(out, /^# TYPE hits counter\nhits\{direction="request"\} 3\nhits\{direction="response"\} 4$/m);
  assert.match(out, /^# TYPE size gauge\nsize 7$/m);
  assert.match(out, /^lat_bucket\{le="1"\} 0$/m);
  assert.match(out, /^lat_bucket\{le="5"\} 1$/m);
  assert.match(out, /^lat_bucket\{le="1000"\} 2$/m);
  assert.match(out, /^lat_bucket\{le="\+Inf"\} 2$/m);
  assert.match(out, /^lat_sum 703$/m);
  assert.match(out, /^lat_count 2$/m);
  assert.ok(!/_total/.test(out.replace(/hits/g, "")), "no _total suffix is added");
  // The host's own stats get Envoy's default tags.
  const e = new StatsStore();
  StatsStore.add(e.get("cluster.upstream.upstream_rq_total", "counter"), 2n);
  StatsStore.add(e.get("http.ingress.downstream_rq_2xx", "counter"), 5n);
  const eo = renderPrometheus(e, []);
  assert.match(eo, /^envoy_cluster_upstream_rq_total\{envoy_cluster_name="upstream"\} 2$/m);
  assert.match(eo, /^envoy_http_downstream_rq_xx\{envoy_http_conn_manager_prefix="ingress",envoy_response_code_class="2"\} 5$/m);
});

test("`microwaf proxy --upstream` serves, exposes admin, and stops cleanly on SIGINT", async () => {
  const up = http.createServer((_q, s) => s.end("hi from upstream"));
  const port = await listen(up);
  const child = spawn(process.execPath, [`${repo}bin/microwaf.js`, "proxy", "--upstream", `http://127.0.0.1:${port}`, "--listen", "127.0.0.1:0", "--admin", "127.0.0.1:0"], { cwd: repo, stdio: ["ignore", "pipe", "pipe"] });
  try {
    let out = "";
    const addrs = await new Promise<{ l: number; a: number }>((resolve, reject) => {
      child.stdout.on("data", (d: Buffer) => {
        out += d;
        const l = /listener microwaf on [^:]+:(\d+)/.exec(out), a = /admin on http:\/\/[^:]+:(\d+)/.exec(out);
        if (l && a) resolve({ l: Number(l[1]), a: Number(a[1]) });
      });
      child.on("exit", () => reject(new Error(`exited early: ${out}`)));
    });
    const r = await fetch(`http://127.0.0.1:${addrs.l}/`);
    assert.equal(await r.text(), "hi from upstream");
    assert.match(await (await fetch(`http://127.0.0.1:${addrs.a}/stats/prometheus`)).text(), /microwaf_requests_total\{direction="request"\} 1/);
    const code = new Promise<number | null>((res) => child.on("exit", (c) => res(c)));
    child.kill("SIGINT");
    assert.equal(await code, 0);
  } finally { child.kill("SIGKILL"); up.close(); }
});
