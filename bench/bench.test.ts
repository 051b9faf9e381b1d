// Checks of the benchmark's own parts (not of the filter's speed): the scaling policies hold exactly N
// pattern detectors and the filter accepts them, the baselines count matches like the filter's detectors
// would, wrk output parses, the timing wrapper sees the body callbacks.
// Run: node --import tsx --test bench/bench.test.ts
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { regexpScanner, sourcesFor } from "./baselines.ts";
import { jsonBody } from "./corpus.ts";
import { jsonExchange, loadFilter, measure, memoryPages, timed, WASM } from "./driver.ts";
import { grpcUnaryExchange } from "./grpc-corpus.ts";
import { defaultPatternDetectors, generatedDetectors, render, scalingPolicy } from "./policies.ts";
import { parseWrk } from "./proxy-bench.ts";

test("scaling policies: exactly N pattern detectors, distinct ids, generated ones match their own shape", () => {
  for (const n of [10, 20, 40, 80, 160]) {
    const p = scalingPolicy(n);
    assert.equal(p.ids.length, n);
    assert.equal(new Set(p.ids).size, n);
    assert.ok(render(p.yaml).length > 0);
  }
  const g = generatedDetectors(30);
  assert.equal(new Set(g.map((d) => d.pattern)).size, 30);
  const re = new RegExp(g[0].pattern!);
  const sample = g[0].pattern!.replace(/\\b/g, "").replace(/\\d\+/, "7").replace(/\(\?:live\|test\)/, "live")
    .replace(/\[([^\]]+)\]\{(\d+)\}/, (_m, _cls: string, len: string) => "a".repeat(Number(len)).replace(/a/g, /a-f|a-z|A-Za-z/.test(_cls) ? "a" : "A"));
  assert.match(sample, re);
});

test("RegExp baseline: every default-policy pattern compiles as a JS RegExp and finds the corpus's values", () => {
  const sc = regexpScanner(sourcesFor(defaultPatternDetectors()));
  assert.deepEqual(sc.skipped, []);
  const body = jsonBody(43, 16 * 1024, 1536);
  assert.ok(sc.scan(Buffer.from(body), body) > 0);
  // An SSN the corpus did not put there adds at least one match.
  const more = body.replace('"note":"', '"note":"123-45-6789 ');
  assert.ok(sc.scan(Buffer.from(more), more) > sc.scan(Buffer.from(body), body));
});

test("wrk output parses (latency units, errors)", () => {
  const out = `Running 4s test @ http://127.0.0.1:1/clean
  1 threads and 16 connections
  Latency Distribution
     50%  850.00us
     75%    1.20ms
     90%    2.00ms
     99%   12.34ms
  20000 requests in 4.00s, 20.00MB read
  Socket errors: connect 0, read 1, write 0, timeout 2
  Non-2xx or 3xx responses: 3
Requests/sec:   5000.12
`;
  const r = parseWrk(out);
  assert.equal(r.requests_per_s, 5000.12);
  assert.equal(r.p50_ms, 0.85);
  assert.equal(r.p99_ms, 12.34);
  assert.equal(r.requests, 20000);
  assert.equal(r.errors, 6);
});

test("driver: filter time is measured around the real filter's callbacks; gRPC exchange completes", { skip: !existsSync(WASM) && "build/microwaf.wasm missing (npm run build)" }, () => {
  const t = timed(loadFilter(""));
  const m = measure(t, jsonExchange("small", jsonBody(42, 1024, 0)), { rounds: 1, budgetMs: 1, minIters: 3, warm: 1 });
  assert.ok(m.us > 0 && m.bodyUs > 0 && m.bodyUs <= m.us, JSON.stringify(m));
  const g = measure(t, grpcUnaryExchange("grpc", true), { rounds: 1, budgetMs: 1, minIters: 1, warm: 0 });
  assert.ok(g.us > 0);
  assert.ok(t.plugin.logs.some((l) => l.message.includes('"microwaf":"evidence"')), "the gRPC findings are reported");
  assert.ok(memoryPages(t.plugin) >= 1);
});
