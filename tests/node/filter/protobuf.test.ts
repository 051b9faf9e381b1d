// Schema-aware gRPC through the real filter (issue 6): the policy names .proto files, `microwaf render`
// compiles them into a descriptor, and the filter's findings name fields (`ssn`, `address.street`) instead
// of numbers; redacted messages keep their framing and decode with protobufjs to the same structure.
import { test } from "node:test";
import assert from "node:assert/strict";
import protobuf from "protobufjs";
import { createPlugin } from "../../../src/host/index.ts";
import { loadPolicyFile } from "../../../src/policy/index.ts";
import { renderJson } from "../../../src/policy/render.ts";
import { PROTO_PATH, customer } from "../../../examples/demo/services.ts";
import { WASM, evidence } from "./policy-helpers.ts";

const POLICY = new URL("../../fixtures/policies/protobuf/customers.yaml", import.meta.url).pathname;
// keepCase: the demo server (proto-loader) keeps snake_case names; protobufjs would camel-case them
const Customer = new protobuf.Root().loadSync(PROTO_PATH, { keepCase: true }).lookupType("demo.v1.Customer");

function frame(msg: Uint8Array): Buffer {
  const h = Buffer.alloc(5);
  h.writeUInt32BE(msg.length, 1);
  return Buffer.concat([h, Buffer.from(msg)]);
}

function grpcCall(p: ReturnType<typeof createPlugin>, body: Buffer, chunkSize?: number) {
  p.logs.length = 0;
  const s = p.newStream();
  s.sendRequest({ headers: { ":method": "POST", ":path": "/demo.v1.Customers/GetCustomer", ":authority": "svc", "content-type": "application/grpc" }, body: frame(new Uint8Array([10, 1, 0x31])) });
  s.sendResponse({ headers: { ":status": "200", "content-type": "application/grpc" }, body, chunkSize, trailers: { "grpc-status": "0" } });
  return s;
}

test("render compiles the .proto into the policy's descriptor", () => {
  const d = JSON.parse(loadPolicyFile(POLICY).protobuf!.descriptor);
  assert.deepEqual(d.methods["/demo.v1.Customers/GetCustomer"], ["demo.v1.GetCustomerRequest", "demo.v1.Customer"]);
  const c = d.types.find((t: any) => t.name === "demo.v1.Customer");
  assert.deepEqual(c.fields.find((f: any) => f[1] === "address"), [6, "address", "demo.v1.Address"]);
});

test("gRPC findings carry field names; redacted messages decode to the same structure", () => {
  const p = createPlugin({ wasm: WASM, rootId: "microwaf", configuration: renderJson(loadPolicyFile(POLICY)) });
  assert.ok(p.configured, p.logText());
  const c = customer(3);
  const body = frame(Customer.encode(Customer.fromObject(c)).finish());
  for (const chunk of [undefined, 7]) {
    const s = grpcCall(p, body, chunk);
    const paths = evidence(p)[0].findings.map((f: any) => `${f.detector}@${f.path}`).sort();
    assert.ok(paths.includes("pii.ssn@ssn"), paths.join(" "));
    assert.ok(paths.includes("pii.credit_card@card_number"), paths.join(" "));
    assert.ok(paths.includes("pii.email@email"), paths.join(" "));
    const out = s.downstream.body;
    assert.equal(out.length, body.length, "frame lengths unchanged");
    assert.equal(out.readUInt32BE(1), out.length - 5);
    const decoded = Customer.toObject(Customer.decode(out.subarray(5))) as any;
    assert.equal(decoded.ssn, "*".repeat(c.ssn.length));
    assert.equal(decoded.card_number, "*".repeat(c.card_number.length));
    assert.equal(decoded.email, c.email, "alert only: unchanged");
    assert.deepEqual(decoded.address, c.address);
  }
});

test("a .proto that does not compile is a policy error naming it", async () => {
  const { checkText } = await import("../../../src/policy/index.ts");
  const r = checkText(POLICY, "version: 1\nprotobuf:\n  files: [missing.proto]\n");
  assert.equal(r.policy, null);
  assert.match(r.diagnostics.map((d) => d.message).join("\n"), /cannot compile/);
});
