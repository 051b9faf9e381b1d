// Budgets across worker VMs through the proxy: with 3 VMs (streams go round robin), the 4th SSN for one
// token within a 2 s window is blocked on whichever VM serves it, over HTTP/1.1 and gRPC alike; another
// token is unaffected; after the window the token passes again. The raw token never appears in the logs.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import {
  Upstreams, startMicroWaf, type MwProxy, h1, grpcClient, grpcUnary, GetCustomerRequest, evidenceFor, tokenHash, type CustomerMsg,
} from "./helpers.ts";

const SSN = "878-60-8530";
const POLICY = `
version: 1
enable: ["pii.ssn"]
body: { hold_headers: true }
identity: { token: { from: [{ header: authorization, prefix: "Bearer " }] } }
limits:
  - { name: ssn-per-token, per: token, detectors: ["pii.ssn"], max: 3, window: 2s, action: block, status: 429 }
`;

const up = new Upstreams();
let px: MwProxy;
before(async () => {
  await up.start();
  up.canned.set("one", { body: Buffer.from(JSON.stringify({ ssn: SSN })) });
  const c: CustomerMsg = { id: "1", name: "Ada", email: "", ssn: SSN, card_number: "", phone: "", address: { street: "", city: "", postal_code: "" } };
  up.customers.set("1", c);
  px = await startMicroWaf(up, POLICY, { allow: true, vmCount: 3 });
});
after(async () => { await px.proxy.stop(); await up.stop(); });

let n = 0;
async function viaHttp(token: string): Promise<{ status: number; vm: number; body: string }> {
  const rid = `budget-${n++}`;
  const r = await h1(px.port, { path: "/r/one", headers: { authorization: `Bearer ${token}`, "x-request-id": rid } });
  return { status: r.status, vm: await vmOf(rid), body: r.body.toString() };
}
async function vmOf(rid: string): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const e = evidenceFor(px.plugin, rid);
    if (e) return e.vm;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`no evidence for ${rid}`);
}

test("budget: the 4th SSN in the window is blocked on whichever VM; another token unaffected; passes after the window", async () => {
  const client = grpcClient(px.port, "svc");
  try {
    const first = [await viaHttp("tok-A"), await viaHttp("tok-A"), await viaHttp("tok-A")];
    assert.deepEqual(first.map((r) => r.status), [200, 200, 200]);
    assert.equal(new Set(first.map((r) => r.vm)).size, 3, "the three allowed streams ran on three different VMs");

    const blocked = [await viaHttp("tok-A"), await viaHttp("tok-A"), await viaHttp("tok-A")];
    for (const b of blocked) {
      assert.equal(b.status, 429, "over budget on every VM");
      assert.equal(JSON.parse(b.body).reason, "budget:ssn-per-token");
      assert.ok(!b.body.includes(SSN));
    }
    assert.equal(new Set(blocked.map((r) => r.vm)).size, 3, "blocked on each of the three VMs");

    const rid = `budget-grpc-${n++}`;
    const g = await grpcUnary(client, Buffer.from(GetCustomerRequest.encode({ id: "1" }).finish()), { authorization: "Bearer tok-A", "x-request-id": rid });
    assert.equal(g.status.code, 7, "gRPC: PERMISSION_DENIED when over budget");
    assert.equal(g.messages.length, 0);

    const other = [await viaHttp("tok-B"), await viaHttp("tok-B")];
    assert.deepEqual(other.map((r) => r.status), [200, 200], "another token has its own budget");
    const gb = await grpcUnary(client, Buffer.from(GetCustomerRequest.encode({ id: "1" }).finish()), { authorization: "Bearer tok-B", "x-request-id": `budget-grpc-${n++}` });
    assert.equal(gb.status.code, 0);

    await new Promise((r) => setTimeout(r, 2200));
    const again = await viaHttp("tok-A");
    assert.equal(again.status, 200, "the window has passed");

    const ev = evidenceFor(px.plugin, rid)!;
    assert.equal(ev.stream.token, tokenHash("tok-A"));
    assert.ok(ev.notes.some((x: string) => x.startsWith("response: over budget ssn-per-token")), JSON.stringify(ev.notes));
    const logs = px.plugin.logs.map((l) => l.message).join("\n");
    assert.ok(!logs.includes("tok-A") && !logs.includes("tok-B"), "raw tokens never appear in logs");
  } finally { client.close(); }
});
