// 500 concurrent streams through the proxy (2 VMs), each with its own token (opaque or JWT), request id and body
// (a unique SSN and card): HTTP/1.1 content-length, HTTP/1.1 chunked, HTTP/2 on one shared session, and
// gRPC unary on one shared channel. Each response must carry exactly its own values, masked; each stream's
// evidence must name its own token and exactly its own values (sha256-prefix), nothing of any other stream.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import {
  Upstreams, startMicroWaf, type MwProxy, h1, h2req, h2connect, grpcClient, grpcUnary, GetCustomerRequest, decodeCustomer,
  evidenceOf, tokenHash, valueHash, type CustomerMsg,
} from "./helpers.ts";
import { Rng, cardNumber } from "../../support/sensitive.ts";

const N = 500;
const POLICY = `
version: 1
enable: ["pii.ssn", "pii.credit_card"]
body: { hold_headers: true }
identity: { token: { from: [{ header: authorization, prefix: "Bearer " }] } }
report: { values: sha256-prefix }
rules:
  - { detectors: ["pii.ssn"], action: redact }
  - { detectors: ["pii.credit_card"], action: redact, redact: { style: keep_last, keep: 4 } }
`;

interface Case { i: number; rid: string; token: string; identity: string; ssn: string; card: string; kind: "cl" | "chunked" | "h2" | "grpc" }
const rng = new Rng(4242);
const b64u = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
// Odd streams carry a JWT (identified by its `sub`, decoded without verification), even ones an opaque token (hashed).
const tokenOf = (i: number) => i % 2
  ? `${b64u({ alg: "HS256", typ: "JWT" })}.${b64u({ sub: `user-${i}`, iat: 1700000000 + i })}.${rng.chars(43, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")}`
  : `token-${i}-${rng.chars(12, "abcdefghijklmnopqrstuvwxyz0123456789")}`;
const cases: Case[] = Array.from({ length: N }, (_, i) => ({
  i, rid: `conc-${i}`, token: tokenOf(i), identity: "",
  // unique valid SSNs: area 100..599, group 10..98, serial 1000+i
  ssn: `${100 + i}-${10 + (i % 89)}-${1000 + i}`, card: cardNumber(rng, " "),
  kind: (["cl", "chunked", "h2", "grpc"] as const)[(i >> 1) % 4],
}));
for (const c of cases) c.identity = c.i % 2 ? `sub:user-${c.i}` : tokenHash(c.token);
const bodyOf = (c: Case, ssn = c.ssn, card = c.card) => JSON.stringify({ n: c.i, owner: `user-${c.i}`, ssn, card, note: "x".repeat(c.i % 50) });
const maskedSsn = (s: string) => "*".repeat(s.length);
const maskedCard = (s: string) => "*".repeat(s.length - 4) + s.slice(-4);

const up = new Upstreams();
let px: MwProxy;
before(async () => {
  assert.equal(new Set(cases.map((c) => c.card)).size, N);
  await up.start();
  for (const c of cases) {
    up.canned.set(c.rid, { body: Buffer.from(bodyOf(c)), chunked: c.kind === "chunked" || c.kind === "h2", chunkSize: 13 });
    up.customers.set(c.rid, { id: c.rid, name: `user-${c.i}`, email: "", ssn: c.ssn, card_number: c.card, phone: "", address: { street: "", city: "", postal_code: "" } });
  }
  px = await startMicroWaf(up, POLICY, { allow: true, vmCount: 2 });
});
after(async () => { await px.proxy.stop(); await up.stop(); });

test(`${N} concurrent streams: findings, redactions and attribution are each stream's own`, { timeout: 40_000 }, async () => {
  const session = h2connect(px.port);
  const client = grpcClient(px.port, "svc");
  const all = cases.flatMap((c) => [c.ssn, c.card]);
  try {
    const results = await Promise.all(cases.map(async (c): Promise<Buffer> => {
      const headers = { authorization: `Bearer ${c.token}`, "x-request-id": c.rid };
      if (c.kind === "grpc") {
        const r = await grpcUnary(client, Buffer.from(GetCustomerRequest.encode({ id: c.rid }).finish()), headers);
        assert.equal(r.status.code, 0, `${c.rid}: ${r.status.details}`);
        assert.equal(r.messages.length, 1);
        const m: CustomerMsg = decodeCustomer(r.messages[0]);
        assert.equal(m.id, c.rid);
        assert.equal(m.ssn, maskedSsn(c.ssn));
        assert.equal(m.card_number, maskedCard(c.card));
        return r.messages[0];
      }
      const r = c.kind === "h2"
        ? await h2req(session, { path: `/h2/r/${c.rid}`, headers })
        : await h1(px.port, { path: `/r/${c.rid}`, headers });
      assert.equal(r.error, undefined, `${c.rid}: ${r.error}`);
      assert.equal(r.status, 200);
      assert.equal(r.body.toString(), bodyOf(c, maskedSsn(c.ssn), maskedCard(c.card)), `${c.rid} (${c.kind})`);
      if (c.kind === "cl") assert.equal(Number(r.headers["content-length"]), r.body.length);
      return r.body;
    }));
    // No stream received any planted value (its own raw or anyone else's).
    for (let k = 0; k < N; k++) for (const v of all) assert.ok(!results[k].includes(v), `${cases[k].rid} received ${v}`);

    await new Promise((r) => setTimeout(r, 50));
    const ev = new Map(evidenceOf(px.plugin).map((e) => [e.stream.request_id, e]));
    const vms = new Set<number>();
    for (const c of cases) {
      const e = ev.get(c.rid);
      assert.ok(e, `evidence for ${c.rid}`);
      vms.add(e.vm);
      assert.equal(e.stream.token, c.identity, `${c.rid}: its own token`);
      assert.deepEqual(e.counts, { "pii.ssn:redact": 1, "pii.credit_card:redact": 1 }, c.rid);
      assert.deepEqual(new Set(e.findings.map((f: any) => f.value)), new Set([valueHash(c.ssn), valueHash(c.card)]), `${c.rid}: its own values`);
    }
    assert.equal(vms.size, 2, "both VMs served streams");
    const logs = px.plugin.logs.map((l) => l.message).join("\n");
    for (const c of cases.slice(0, 50)) assert.ok(!logs.includes(c.token) && !logs.includes(c.ssn), "no raw token or value in logs");
  } finally { session.close(); client.close(); }
});
