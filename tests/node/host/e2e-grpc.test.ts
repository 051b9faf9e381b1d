// gRPC end to end: a @grpc/grpc-js client → host proxy (h2c, probe filter) → a grpc-js server on an
// HTTP/2 cluster. Messages, streaming, trailers (grpc-status) and the filter's local reply / fail-closed
// mapping to gRPC status as Envoy does (Http::Utility::sendLocalReply → trailers-only response).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import * as grpc from "@grpc/grpc-js";
import { buildFixture } from "./fixtures.ts";
import { proxyTo, type ProxyUnderTest } from "./proxy-helpers.ts";

const id = (b: Buffer) => b;
const service: grpc.ServiceDefinition = {
  echo: { path: "/test.Echo/Echo", requestStream: false, responseStream: false, requestSerialize: id, requestDeserialize: id, responseSerialize: id, responseDeserialize: id },
  fail: { path: "/test.Echo/Fail", requestStream: false, responseStream: false, requestSerialize: id, requestDeserialize: id, responseSerialize: id, responseDeserialize: id },
  stream: { path: "/test.Echo/Stream", requestStream: false, responseStream: true, requestSerialize: id, requestDeserialize: id, responseSerialize: id, responseDeserialize: id },
};
const Client = grpc.makeGenericClientConstructor(service, "Echo");
type C = grpc.Client & Record<string, (...a: unknown[]) => unknown>;

const server = new grpc.Server();
let px: ProxyUnderTest, trapPx: ProxyUnderTest, client: C, trapClient: C;

before(async () => {
  server.addService(service, {
    echo: (call: grpc.ServerUnaryCall<Buffer, Buffer>, cb: grpc.sendUnaryData<Buffer>) => cb(null, call.request),
    fail: (_call: grpc.ServerUnaryCall<Buffer, Buffer>, cb: grpc.sendUnaryData<Buffer>) => cb({ code: grpc.status.NOT_FOUND, details: "no such thing" }),
    stream: (call: grpc.ServerWritableStream<Buffer, Buffer>) => { const n = Number(call.request.toString()); for (let i = 0; i < n; i++) call.write(Buffer.from(`m${i}`)); call.end(); },
  });
  const port = await new Promise<number>((res, rej) => server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? rej(e) : res(p))));
  const wasm = buildFixture("probe");
  px = await proxyTo({ clusters: [{ name: "g", port, http2: true }], wasm: { filename: wasm, rootId: "probe" } });
  trapPx = await proxyTo({ clusters: [{ name: "g", port, http2: true }], wasm: { filename: wasm, rootId: "probe" } });
  client = new Client(`127.0.0.1:${px.port}`, grpc.credentials.createInsecure()) as unknown as C;
  trapClient = new Client(`127.0.0.1:${trapPx.port}`, grpc.credentials.createInsecure()) as unknown as C;
});
after(async () => { client.close(); trapClient.close(); await px.proxy.stop(); await trapPx.proxy.stop(); server.forceShutdown(); });

function unary(c: C, method: string, req: Buffer, md?: Record<string, string>): Promise<{ err: grpc.ServiceError | null; res?: Buffer }> {
  const meta = new grpc.Metadata();
  for (const [k, v] of Object.entries(md ?? {})) meta.set(k, v);
  return new Promise((resolve) => { c[method](req, meta, (err: grpc.ServiceError | null, res?: Buffer) => resolve({ err, res })); });
}

test("unary calls with messages from 0 B to 3 MiB pass through unchanged", async () => {
  for (const size of [0, 10, 64 * 1024, 3 * 1024 * 1024]) {
    const msg = Buffer.alloc(size, "g");
    const r = await unary(client, "echo", msg);
    assert.equal(r.err, null);
    assert.equal(Buffer.compare(r.res!, msg), 0);
  }
});

test("server streaming: every message and the trailers arrive", async () => {
  const got: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const call = client.stream(Buffer.from("50")) as grpc.ClientReadableStream<Buffer>;
    call.on("data", (b: Buffer) => got.push(b.toString()));
    call.on("error", reject);
    call.on("status", (s: grpc.StatusObject) => { if (s.code === grpc.status.OK) resolve(); else reject(new Error(s.details)); });
  });
  assert.equal(got.length, 50);
  assert.equal(got[49], "m49");
});

test("an upstream error status travels in the trailers", async () => {
  const r = await unary(client, "fail", Buffer.from("x"));
  assert.equal(r.err?.code, grpc.status.NOT_FOUND);
  assert.equal(r.err?.details, "no such thing");
});

test("the filter's local reply becomes a gRPC status (403 → PERMISSION_DENIED, explicit grpc_status kept)", async () => {
  const a = await unary(client, "echo", Buffer.from("x"), { "x-local": "req-headers" });
  assert.equal(a.err?.code, grpc.status.PERMISSION_DENIED);
  assert.equal(a.err?.details, "denied");
  const b = await unary(client, "echo", Buffer.from("x"), { "x-local": "req-headers", "x-grpc-status": "8" });
  assert.equal(b.err?.code, grpc.status.RESOURCE_EXHAUSTED);
});

test("a trap fails closed with UNAVAILABLE, and later calls on the failed VMs too", async () => {
  const r = await unary(trapClient, "echo", Buffer.from("x"), { "x-trap": "req-headers" });
  assert.equal(r.err?.code, grpc.status.UNAVAILABLE);
  const plugin = [...trapPx.proxy.plugins.values()][0]!;
  assert.equal(plugin.failed, true);
});
