// Compressed bodies (Content-Encoding gzip, gRPC grpc-encoding gzip): the filter inflates them to scan, but
// a value inside compressed data cannot be rewritten in place. Under a redact rule it used to leave as is
// (evidence said "redact"); now the message is blocked instead (fail closed) and the evidence says why.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { gzipSync, gunzipSync } from "node:zlib";
import {
  Upstreams, startMicroWaf, type MwProxy, h1, h2req, h2connect, grpcFrame, encodeCustomer, evidenceFor, leaked,
} from "./helpers.ts";

const SSN = "878-60-8530";
const DOC = JSON.stringify({ id: 1, ssn: SSN, note: "ok" });
const MSG = encodeCustomer({ id: "1", name: "Ada", email: "", ssn: SSN, card_number: "", phone: "", address: { street: "", city: "", postal_code: "" } });
const GZ_MSG = gzipSync(MSG);
const GZ_FRAME = Buffer.concat([Buffer.from([1, 0, 0, 0, 0]), GZ_MSG]);
GZ_FRAME.writeUInt32BE(GZ_MSG.length, 1);

const policy = (mode: string, hold: boolean) => `
version: 1
mode: ${mode}
enable: ["pii.ssn"]
body: { hold_headers: ${hold} }
rules: [{ detectors: ["pii.ssn"], action: redact, direction: both }]
`;

const up = new Upstreams();
// A gRPC upstream that answers every call with one gzip-compressed Customer message.
const grpcGz = http2.createServer();
grpcGz.on("stream", (s) => {
  s.on("data", () => {});
  s.on("end", () => {
    s.respond({ ":status": 200, "content-type": "application/grpc", "grpc-encoding": "gzip" }, { waitForTrailers: true });
    s.on("wantTrailers", () => s.sendTrailers({ "grpc-status": "0" }));
    s.end(GZ_FRAME);
  });
});
const px = new Map<string, MwProxy>();
before(async () => {
  await up.start();
  await new Promise<void>((r) => grpcGz.listen(0, "127.0.0.1", () => r()));
  up.grpcPort = (grpcGz.address() as AddressInfo).port;
  up.canned.set("gz", { body: gzipSync(DOC), headers: { "content-encoding": "gzip" } });
  for (const [k, mode, hold] of [["hold", "enforce", true], ["stream", "enforce", false], ["monitor", "monitor", true]] as const) {
    px.set(k, await startMicroWaf(up, policy(mode, hold), { allow: hold }));
  }
});
after(async () => { for (const p of px.values()) await p.proxy.stop(); grpcGz.close(); await up.stop(); });

const inflated = (b: Buffer) => { try { return gunzipSync(b); } catch { return Buffer.alloc(0); } };
const NOTE = "blocked instead of redacted: 1 value(s) in compressed data cannot be rewritten in place";

test("gzip JSON response under a redact rule: a clean 403 (hold) instead of the raw value", async () => {
  const p = px.get("hold")!;
  const r = await h1(p.port, { path: "/r/gz", headers: { "x-request-id": "gz-h1", "accept-encoding": "gzip" } });
  assert.equal(r.status, 403);
  assert.deepEqual(leaked(Buffer.concat([r.body, inflated(r.body)]), [SSN]), []);
  const ev = evidenceFor(p.plugin, "gz-h1")!;
  assert.deepEqual(ev.counts, { "pii.ssn:block": 1 });
  assert.deepEqual(ev.notes, [`response: ${NOTE}`]);
});

test("gzip JSON response, headers already sent: the body is blanked, the raw value never arrives", async () => {
  const p = px.get("stream")!;
  const r = await h1(p.port, { path: "/r/gz", headers: { "x-request-id": "gz-h1s", "accept-encoding": "gzip" } });
  assert.equal(r.status, 200);
  assert.deepEqual(leaked(Buffer.concat([r.body, inflated(r.body)]), [SSN]), []);
  assert.equal(evidenceFor(p.plugin, "gz-h1s")!.blocked, "response:pii.ssn");
});

for (const k of ["hold", "stream"] as const) {
  test(`gRPC message with grpc-encoding gzip under a redact rule (${k}): PERMISSION_DENIED, no message`, async () => {
    const p = px.get(k)!;
    const s = h2connect(p.port);
    try {
      const r = await h2req(s, { path: "/demo.v1.Customers/GetCustomer", method: "POST", headers: { "content-type": "application/grpc", te: "trailers", "x-request-id": `gz-grpc-${k}` }, body: grpcFrame(Buffer.from([10, 1, 49])) });
      assert.equal(r.body.length, 0, "no message bytes");
      assert.equal(k === "hold" ? r.headers["grpc-status"] : r.trailers?.["grpc-status"], "7");
      assert.ok(!JSON.stringify([r.headers, r.trailers]).includes(SSN));
    } finally { s.close(); }
  });
}

test("gzip request body under a redact rule: refused before the upstream sees it", async () => {
  const p = px.get("hold")!;
  const r = await h1(p.port, { path: "/echo", headers: { "x-request-id": "gz-req", "content-type": "application/json", "content-encoding": "gzip" }, body: gzipSync(DOC) });
  assert.equal(r.status, 403);
  await new Promise((res) => setTimeout(res, 20));
  const seen = up.seen.get("gz-req");
  assert.ok(!seen || !inflated(seen.body).includes(SSN));
  assert.deepEqual(evidenceFor(p.plugin, "gz-req")!.notes, [`request: ${NOTE}`]);
});

test("monitor mode: the compressed response passes unchanged, evidence says would_redact", async () => {
  const p = px.get("monitor")!;
  const r = await h1(p.port, { path: "/r/gz", headers: { "x-request-id": "gz-mon", "accept-encoding": "gzip" } });
  assert.equal(r.status, 200);
  assert.equal(inflated(r.body).toString(), DOC);
  const ev = evidenceFor(p.plugin, "gz-mon")!;
  assert.deepEqual(ev.counts, { "pii.ssn:would_redact": 1 });
  assert.equal(ev.notes, undefined);
});
