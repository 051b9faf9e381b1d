// Enforcement through the real filter in the host: what the client receives for alert, redact and block,
// in enforce and monitor mode, with and without held response headers, and budgets across worker VMs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { loadFilter, evidence, json, GET } from "./policy-helpers.ts";

const LEAK = JSON.stringify({ id: 7, ssn: "878-60-8530", card: "4539 1488 0343 6467", key: "AKIAAB7WQMOHRXIEYQGL", note: "ok" });

const REDACT = `
version: 1
enable: ["pii.*", "secret.*"]
rules:
  - { detectors: ["pii.ssn"], action: redact }
  - { detectors: ["pii.credit_card"], action: redact, redact: { style: keep_last, keep: 4 } }
  - { detectors: ["secret.*"], action: redact, redact: { style: fixed, text: "[SECRET]" } }
`;

test("redact: values are rewritten in place, same length, JSON still parses, evidence has no raw values", () => {
  const p = loadFilter(REDACT);
  for (const chunkSize of [LEAK.length, 5]) {
    p.logs.length = 0;
    const s = p.newStream();
    s.sendRequest({ headers: GET() });
    s.sendResponse({ headers: json({ "content-length": String(LEAK.length) }), body: LEAK, chunkSize });
    const out = s.downstream.body.toString();
    assert.equal(out.length, LEAK.length);
    const doc = JSON.parse(out);
    assert.equal(doc.ssn, "***********");
    assert.equal(doc.card, "***************6467");
    assert.equal(doc.key, "[SECRET]************");
    assert.equal(doc.note, "ok");
    const ev = evidence(p);
    assert.equal(ev.length, 1);
    assert.deepEqual(Object.keys(ev[0].counts).sort(), ["pii.credit_card:redact", "pii.ssn:redact", "secret.aws_access_key:redact"]);
    const logs = p.logText();
    for (const raw of ["878-60-8530", "4539 1488 0343 6467", "AKIAAB7WQMOHRXIEYQGL"]) assert.ok(!logs.includes(raw), `log leaked ${raw}`);
  }
});

const BULK = `
version: 1
enable: ["pii.*"]
body: { hold_headers: true }
rules:
  - { detectors: ["pii.ssn"], action: block, threshold: 3 }
`;

function ssnDump(n: number): string {
  return JSON.stringify({ data: ["878-60-8530", "219-44-0101", "123-09-4321", "501-22-3344"].slice(0, n).map((ssn, i) => ({ i, ssn })) });
}

test("block with held headers: a clean 403 JSON reply with the request id; below the threshold it passes", () => {
  const p = loadFilter(BULK, { allowOnHeadersStopIteration: true });
  const s = p.newStream();
  s.sendRequest({ headers: GET("/api/x", { "x-request-id": "req-123" }) });
  s.sendResponse({ headers: json(), body: ssnDump(3) });
  assert.ok(s.localReply, "expected a local reply");
  assert.equal(s.downstream.headers?.get(":status"), "403");
  const body = JSON.parse(s.downstream.body.toString());
  assert.deepEqual(body, { error: "blocked by policy", reason: "pii.ssn", request_id: "req-123" });
  assert.ok(!s.downstream.body.toString().includes("878-60-8530"));

  const ok = p.newStream();
  ok.sendRequest({ headers: GET() });
  ok.sendResponse({ headers: json(), body: ssnDump(2) });
  assert.equal(ok.downstream.headers?.get(":status"), "200");
  assert.equal(ok.downstream.body.toString(), ssnDump(2));
});

test("block without held headers: the body never reaches the client (blanked to the same length)", () => {
  const p = loadFilter(BULK.replace("body: { hold_headers: true }", "body: { hold_headers: false }"));
  const body = ssnDump(4);
  const s = p.newStream();
  s.sendRequest({ headers: GET() });
  s.sendResponse({ headers: json({ "content-length": String(body.length) }), body, chunkSize: 9 });
  const out = s.downstream.body.toString();
  assert.equal(s.downstream.headers?.get(":status"), "200", "headers had already left");
  assert.equal(out.length, body.length);
  assert.deepEqual(JSON.parse(out).error, "blocked by policy");
  for (const v of ["878-60-8530", "219-44-0101"]) assert.ok(!out.includes(v));
});

test("monitor mode: nothing is changed, evidence says would_block / would_redact", () => {
  const p = loadFilter("mode: monitor\n" + BULK, { allowOnHeadersStopIteration: true });
  const s = p.newStream();
  s.sendRequest({ headers: GET() });
  s.sendResponse({ headers: json(), body: ssnDump(4) });
  assert.equal(s.localReply, null);
  assert.equal(s.downstream.body.toString(), ssnDump(4));
  assert.equal(evidence(p)[0].counts["pii.ssn:would_block"], 4);
});

const BUDGET = `
version: 1
enable: ["pii.ssn"]
body: { hold_headers: true }
identity:
  token: { from: [{ header: authorization }] }
limits:
  - { name: ssn-per-token, per: token, detectors: ["pii.ssn"], max: 3, window: 2s, action: block }
`;

test("budget: the 4th SSN for one token within the window is blocked on whichever worker; others unaffected; passes again after the window", async () => {
  const p = loadFilter(BUDGET, { allowOnHeadersStopIteration: true, vmCount: 3 });
  const fetch = (token: string) => {
    const s = p.newStream();
    s.sendRequest({ headers: GET("/api/c", { authorization: `Bearer ${token}` }) });
    s.sendResponse({ headers: json(), body: ssnDump(1) });
    return s.downstream.headers?.get(":status");
  };
  assert.deepEqual([fetch("tok-A"), fetch("tok-A"), fetch("tok-A")], ["200", "200", "200"]);
  assert.equal(fetch("tok-A"), "429", "4th SSN within the window");
  assert.equal(fetch("tok-A"), "429", "still over budget on another worker");
  assert.equal(fetch("tok-B"), "200", "another token has its own budget");
  await sleep(2300);
  assert.equal(fetch("tok-A"), "200", "the window has passed");
  assert.ok(p.logText().includes("over budget ssn-per-token"));
  assert.ok(!p.logText().includes("tok-A"), "raw tokens never appear in logs");
});

test("validators see only the current value (a longer previous value must not leak into the context checks)", () => {
  const p = loadFilter(`version: 1\nenable: ["pii.ip_address"]\n`);
  for (const body of ['{"u":"Mozilla/5.0","r":"22.2.2.94"}', '{"u":"x","r":"22.2.2.94"}']) {
    p.logs.length = 0;
    const s = p.newStream();
    s.sendRequest({ headers: GET() });
    s.sendResponse({ headers: json(), body });
    assert.equal(evidence(p)[0]?.counts["pii.ip_address:alert"], 1, body);
  }
});

test("key context comes from the field name itself, also for names a path writes as [\"…\"] (spaces, leading digits)", () => {
  const p = loadFilter(`version: 1\nenable: ["pii.credit_card"]\nreport: { evidence: true }\n`);
  const card = "4539 1488 0343 6467";
  const found = (body: unknown) => {
    p.logs.length = 0;
    const s = p.newStream();
    s.sendRequest({ headers: GET() });
    s.sendResponse({ headers: json(), body: JSON.stringify(body) });
    return evidence(p).flatMap((e) => e.findings.map((f: { detector: string; path: string }) => `${f.detector}@${f.path}`));
  };
  // `*order*` excludes card-shaped order numbers: under "order id" as under "order_id" (was: the parent's key)
  assert.deepEqual(found({ x: { "order_id": card } }), []);
  assert.deepEqual(found({ x: { "order id": card } }), []);
  assert.deepEqual(found({ x: { "2nd order": card } }), []);
  assert.deepEqual(found({ x: { "payment card": card } }), ['pii.credit_card@$.x["payment card"]']);
  // an array's elements sit under the array's key
  assert.deepEqual(found({ "order ids": [card, card] }), []);
  assert.deepEqual(found({ cards: [card] }), ["pii.credit_card@$.cards[0]"]);
});

test("body scanners are reused across streams: after bodies cut mid-value, mid-escape, deep or malformed, the next body is read exactly", () => {
  const fresh = loadFilter(REDACT);
  const expected = (() => {
    const s = fresh.newStream();
    s.sendRequest({ headers: GET() });
    s.sendResponse({ headers: json(), body: LEAK });
    return { body: s.downstream.body.toString(), evidence: JSON.stringify(evidence(fresh).map((e) => ({ counts: e.counts, findings: e.findings }))) };
  })();
  const p = loadFilter(REDACT);
  const broken = ['{"a":{"b":"4539 14', '{"x":"\\u00', '[1,2,{"k":tru', '{"a":1}}}}then text 878-60-8530', "[".repeat(40) + '"x"',
    '{"ssn":"878-60-8530","more":"', '"\\ud83d'];
  for (const body of broken) {
    for (const chunkSize of [body.length, 3]) {
      const s1 = p.newStream();
      s1.sendRequest({ headers: GET() });
      s1.sendResponse({ headers: json(), body, chunkSize });
      p.logs.length = 0;
      const s2 = p.newStream();
      s2.sendRequest({ headers: GET() });
      s2.sendResponse({ headers: json(), body: LEAK, chunkSize: 7 });
      assert.equal(s2.downstream.body.toString(), expected.body, `after ${body}`);
      assert.equal(JSON.stringify(evidence(p).map((e) => ({ counts: e.counts, findings: e.findings }))), expected.evidence, `after ${body}`);
    }
  }
});
