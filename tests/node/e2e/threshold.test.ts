// Thresholds end to end: alert from the first SSN, block a message carrying 3 or more — over HTTP/1.1 JSON
// and across the messages of one gRPC server stream (the response is the message the count is over).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import {
  Upstreams, startMicroWaf, type MwProxy, h1, grpcClient, grpcStream, ListCustomersRequest, decodeCustomer, evidenceFor, leaked, type CustomerMsg,
} from "./helpers.ts";

const SSNS = ["878-60-8530", "219-44-0101", "501-22-3344"];
const POLICY = `
version: 1
enable: ["pii.ssn"]
body: { hold_headers: true }
rules:
  - { detectors: ["pii.ssn"], action: alert }
  - { detectors: ["pii.ssn"], action: block, threshold: 3 }
`;
const doc = (n: number) => JSON.stringify({ data: SSNS.slice(0, n).map((ssn, i) => ({ i, ssn })) });

const up = new Upstreams();
let px: MwProxy;
before(async () => {
  await up.start();
  for (const n of [1, 2, 3]) up.canned.set(`n${n}`, { body: Buffer.from(doc(n)) });
  up.list = SSNS.map((ssn, i): CustomerMsg => ({ id: String(i), name: `c${i}`, email: "", ssn, card_number: "", phone: "", address: { street: "", city: "", postal_code: "" } }));
  px = await startMicroWaf(up, POLICY, { allow: true });
});
after(async () => { await px.proxy.stop(); await up.stop(); });

test("HTTP/1.1: 1 and 2 SSNs pass with alerts, 3 are blocked with a 403", async () => {
  for (const n of [1, 2, 3]) {
    const rid = `thr-${n}`;
    const r = await h1(px.port, { path: `/r/n${n}`, headers: { "x-request-id": rid } });
    const ev = evidenceFor(px.plugin, rid)!;
    if (n < 3) {
      assert.equal(r.status, 200);
      assert.equal(r.body.toString(), doc(n));
      assert.deepEqual(ev.counts, { "pii.ssn:alert": n });
    } else {
      assert.equal(r.status, 403);
      assert.deepEqual(leaked(r.body, SSNS), []);
      assert.deepEqual(ev.counts, { "pii.ssn:block": 3 });
    }
  }
});

test("gRPC server streaming: 2 messages pass; 3 messages (3 SSNs in the response) are denied, none delivered", async () => {
  const c = grpcClient(px.port, "svc");
  try {
    const two = await grpcStream(c, Buffer.from(ListCustomersRequest.encode({ limit: 2 }).finish()), { "x-request-id": "thr-g2" });
    assert.equal(two.status.code, 0);
    assert.deepEqual(two.messages.map((m) => decodeCustomer(m).ssn), SSNS.slice(0, 2));
    const three = await grpcStream(c, Buffer.from(ListCustomersRequest.encode({ limit: 3 }).finish()), { "x-request-id": "thr-g3" });
    assert.equal(three.status.code, 7);
    assert.equal(three.messages.length, 0);
    assert.deepEqual(evidenceFor(px.plugin, "thr-g3")!.counts, { "pii.ssn:block": 3 });
  } finally { c.close(); }
});
