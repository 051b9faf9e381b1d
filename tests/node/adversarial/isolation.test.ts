// Isolation: 1,000 concurrent streams on one VM, callbacks interleaved at random, each carrying its own
// secrets. No finding, redaction, evidence line, filter-state summary or metric of one stream may show up in
// another; per-stream state is gone after on_delete (memory plateaus across cycles); logs, filter state and
// metrics never contain a raw matched value (or a raw token) unless `report.values: raw`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import type { Plugin, HttpStream } from "../../../src/host/index.ts";
import { renderPrometheus, renderStatsText } from "../../../src/host/admin.ts";
import { Rng, ssn, cardNumber, email, awsAccessKey, githubToken } from "../../support/sensitive.ts";
import { policyPlugin, memoryBytes, check } from "../fuzz/harness.ts";

const N = 1000;
const POLICY = (values: string) => `version: 1
report: { values: ${values}, hash_prefix: 16, evidence: true }
enable: ["pii.ssn", "pii.credit_card", "pii.email", "secret.aws_access_key", "secret.github_token"]
rules:
  - detectors: ["pii.*", "secret.*"]
    action: redact
`;

interface Case { i: number; secrets: string[]; token: string; body: Buffer; stream?: HttpStream }

/** N cases with secrets unique across all cases (and bodies whose layouts differ). */
function cases(seed: number): Case[] {
  const seen = new Set<string>();
  const r = new Rng(seed);
  const fresh = (g: () => string) => { for (;;) { const v = g(); if (!seen.has(v)) { seen.add(v); return v; } } };
  return Array.from({ length: N }, (_, i) => {
    const secrets = [fresh(() => ssn(r)), fresh(() => cardNumber(r, r.pick(["", " ", "-"] as const))), fresh(() => email(r)), fresh(() => awsAccessKey(r))];
    const token = fresh(() => githubToken(r));
    const body = Buffer.from(JSON.stringify({ id: i, pad: "x".repeat(i % 37), ssn: secrets[0], card: secrets[1], contact: { email: secrets[2] }, note: `key=${secrets[3]} ok` }));
    return { i, secrets, token, body };
  });
}
const sha = (v: string) => "sha256:" + createHash("sha256").update(v).digest("hex").slice(0, 16);
function masked(c: Case): Buffer {
  let s = c.body.toString("latin1");
  for (const v of c.secrets) s = s.replace(v, "*".repeat(Buffer.byteLength(v)));
  return Buffer.from(s, "latin1");
}

/** Runs all cases concurrently: every stream open at once, callbacks in a random interleaving. */
function runInterleaved(p: Plugin, cs: Case[], seed: number): void {
  const r = new Rng(seed);
  const shuffle = <T>(a: T[]) => { for (let i = a.length - 1; i > 0; i--) { const j = r.int(0, i); [a[i], a[j]] = [a[j], a[i]]; } return a; };
  for (const c of cs) c.stream = p.newStream({ requestId: `req-${c.i}` });
  for (const c of shuffle([...cs])) c.stream!.sendRequestHeaders({ ":method": "GET", ":path": `/api/users/${c.i}?ssn=${c.secrets[0]}`, ":authority": "svc", "x-request-id": `req-${c.i}`, authorization: `Bearer ${c.token}` }, true);
  for (const c of shuffle([...cs])) c.stream!.sendResponseHeaders({ ":status": "200", "content-type": "application/json", "content-length": String(c.body.length) });
  // body in 3 pieces per stream; the order across streams is random, within a stream it is kept
  const parts = cs.map((c) => { const a = Math.floor(c.body.length / 3), b = Math.floor((2 * c.body.length) / 3); return [c.body.subarray(0, a), c.body.subarray(a, b), c.body.subarray(b)]; });
  const next = cs.map(() => 0);
  let open = cs.map((c) => c.i);
  while (open.length) {
    const k = r.int(0, open.length - 1);
    const i = open[k];
    const j = next[i]++;
    cs[i].stream!.sendResponseBody(parts[i][j], j === 2);
    if (j === 2) { open[k] = open[open.length - 1]; open.pop(); }
  }
  for (const c of cs) check(p, c.stream!, `stream ${c.i}`);
}

test("1,000 concurrent interleaved streams: findings, redactions, evidence and summaries stay in their own stream", () => {
  const p = policyPlugin(POLICY("sha256-prefix"));
  const cs = cases(11);
  runInterleaved(p, cs, 5);
  const byId = new Map<string, Record<string, any>>();
  for (const l of p.logs) if (l.message.startsWith('{"microwaf":"evidence"')) { const e = JSON.parse(l.message); byId.set(e.stream.request_id, e); }
  assert.equal(byId.size, N, "one evidence line per stream");
  for (const c of cs) {
    const s = c.stream!;
    assert.ok(s.downstream.body.equals(masked(c)), `stream ${c.i}: client got ${s.downstream.body.toString()}\nexpected ${masked(c).toString()}`);
    const e = byId.get(`req-${c.i}`)!;
    const body = e.findings.filter((f: any) => f.start >= 0);
    const got = body.map((f: any) => `${f.value}@${f.start}-${f.end}`).sort();
    const want = c.secrets.map((v) => { const at = c.body.indexOf(v); return `${sha(v)}@${at}-${at + Buffer.byteLength(v)}`; }).sort();
    assert.deepEqual(got, want, `stream ${c.i}: body findings are exactly its own secrets at its own offsets`);
    // the query-string SSN is this stream's own
    const q = e.findings.filter((f: any) => f.start < 0).map((f: any) => f.value);
    assert.ok(q.every((v: string) => v === sha(c.secrets[0])), `stream ${c.i}: header/query findings ${q}`);
    const summary = s.filterState.get("microwaf")?.toString() ?? "";
    // the access-log summary: the query SSN alerts (request side), the body's four secrets are redacted
    assert.equal(summary, "findings=pii.ssn:alert:1,pii.ssn:redact:1,pii.credit_card:redact:1,pii.email:redact:1,secret.aws_access_key:redact:1", `stream ${c.i}`);
  }
  // metrics: exact totals, one finding per secret per stream (none lost, none doubled)
  const total = p.host.stats.all().filter((st) => st.name.endsWith("microwaf_findings_total")).reduce((a, st) => a + st.value, 0n);
  assert.equal(total, BigInt(N * 5), "4 body findings + 1 query finding per stream");
});

test("per-stream state is freed after on_delete: contexts dropped, wasm memory plateaus over 6 cycles of 1,000 streams", () => {
  const p = policyPlugin(POLICY("none"));
  const configured = memoryBytes(p);
  const sizes: number[] = [];
  for (let cycle = 0; cycle < 6; cycle++) {
    p.logs.length = 0;
    runInterleaved(p, cases(100 + cycle), cycle);
    assert.equal(p.vm(0).contexts.size, 1, "only the root context remains");
    sizes.push(memoryBytes(p));
  }
  // Linear memory never shrinks; after the first cycles have sized the heap, freed stream state is reused,
  // so later cycles of the same load must not grow it (a leak of even 1 KiB per stream would add 1 MiB/cycle).
  assert.ok(sizes[5] <= sizes[2], `memory kept growing: ${sizes.map((b) => (b / 1048576).toFixed(2)).join(" → ")} MiB`);
  console.log(`# wasm memory after configure ${(configured / 1048576).toFixed(2)} MiB; after each cycle of ${N} concurrent streams: ${sizes.map((b) => (b / 1048576).toFixed(2)).join(", ")} MiB`);
});

for (const values of ["none", "masked", "sha256-prefix", "raw"]) {
  test(`report.values: ${values} — logs, filter state and metrics ${values === "raw" ? "DO" : "never"} contain raw matched values; raw tokens never`, () => {
    const p = policyPlugin(POLICY(values), { vmCount: 2 });
    const cs = cases(7).slice(0, 200);
    runInterleaved(p, cs, 3);
    const outputs = [
      ...p.logs.map((l) => l.message),
      ...cs.map((c) => [...c.stream!.filterState.values()].map((b) => b.toString("latin1")).join("\n")),
      renderStatsText(p.host.stats), renderPrometheus(p.host.stats, []),
      ...p.host.stats.all().map((s) => s.name),
    ].join("\n");
    const leaked = cs.flatMap((c) => c.secrets.filter((v) => outputs.includes(v)));
    if (values === "raw") assert.ok(leaked.length >= cs.length, `raw reporting shows the values (found ${leaked.length})`);
    else assert.deepEqual(leaked.slice(0, 5), [], `raw values in logs/metrics under report.values: ${values}`);
    const tokens = cs.filter((c) => outputs.includes(c.token) || outputs.includes(c.token.slice(4)));
    assert.deepEqual(tokens.map((c) => c.token).slice(0, 3), [], "bearer tokens never appear raw");
  });
}
