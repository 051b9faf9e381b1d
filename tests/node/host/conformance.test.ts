// Conformance: one test per rule of /work/shared/reference/proxy-wasm.md, driven through the host with the
// AssemblyScript probe filter (tests/fixtures/filters/probe.ts). Each test names the source it follows.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createPlugin, marshalPairs, unmarshalPairs, WasmLoadError, type PluginOptions } from "../../../src/host/index.ts";
import { buildFixture } from "./fixtures.ts";
import { BodyBuffer } from "../../../src/host/headers.ts";

const wasm = buildFixture("probe");
const plugin = (o: Partial<PluginOptions> = {}) => createPlugin({ wasm, rootId: "probe", ...o });
const REQ = { ":method": "POST", ":path": "/p", ":authority": "svc", ":scheme": "http" };
const isNull = (x: unknown): boolean => x === null;
const lines = (p: ReturnType<typeof plugin>, prefix: string) => p.logs.map((l) => l.message).filter((m) => m.startsWith(prefix));

test("root lifecycle: context_create(root, 0) → vm_start → configure [cpp-host src/context.cc ContextBase::onStart/onConfigure]", () => {
  const p = plugin({ configuration: "x" });
  const t = p.vm(0).trace.filter((c) => !c.startsWith("malloc"));
  assert.deepEqual(t.slice(0, 3), ["proxy_on_context_create(1,0)", "proxy_on_vm_start(1,0)", "proxy_on_configure(1,1)"]);
});

test("on_configure false rejects the plugin; a trap in it fails the VM [cpp-host context.cc onConfigure; v8.cc trap → FailState::RuntimeError]", () => {
  const r = plugin({ configuration: "reject" });
  assert.equal(r.configured, false); assert.equal(r.failed, false);
  const t = plugin({ configuration: "trap-configure" });
  assert.equal(t.configured, false); assert.equal(t.failed, true);
  assert.match(t.configError!, /Function: proxy_on_configure failed: RuntimeError: unreachable/);
});

test("ABI 0.2.0 has no proxy_get_log_level: importing it fails the load [cpp-host src/wasm.cc registerCallbacks]", () => {
  const enc = (s: string) => [s.length, ...Buffer.from(s)];
  const sec = (id: number, b: number[]) => [id, b.length, ...b];
  const mod = (abi: string) => new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...sec(1, [2, 0x60, 1, 0x7f, 1, 0x7f, 0x60, 1, 0x7f, 1, 0x7f]),
    ...sec(2, [1, ...enc("env"), ...enc("proxy_get_log_level"), 0, 0]),
    ...sec(3, [1, 1]), ...sec(5, [1, 0, 1]),
    ...sec(7, [3, ...enc(abi), 0, 1, ...enc("memory"), 2, 0, ...enc("malloc"), 0, 1]),
    ...sec(10, [1, 4, 0, 0x41, 0, 0x0b])]);
  assert.throws(() => createPlugin({ wasm: mod("proxy_abi_version_0_2_0") }), (e: Error) => e instanceof WasmLoadError && /missing import: env.proxy_get_log_level/.test(e.message));
  const ok = createPlugin({ wasm: mod("proxy_abi_version_0_2_1") });
  assert.equal(ok.vm(0).abi, "0.2.1");
});

test("header map serialization: u32 count, sizes, NUL-terminated keys and values [cpp-host src/pairs_util.cc]", () => {
  const pairs: Array<[string, string]> = [[":method", "GET"], ["x", ""]];
  const b = Buffer.from(marshalPairs(pairs));
  assert.equal(b.readUInt32LE(0), 2);
  assert.deepEqual([b.readUInt32LE(4), b.readUInt32LE(8), b.readUInt32LE(12), b.readUInt32LE(16)], [7, 3, 1, 0]);
  assert.equal(b.subarray(20).toString("latin1"), ":method\0GET\0x\0\0");
  assert.deepEqual(unmarshalPairs(b), pairs);
  // The filter reads the same bytes: get_header_map_pairs size = 4 + 8n + Σ(len+1).
  const p = plugin();
  const s = p.newStream();
  s.sendRequestHeaders({ ...REQ, "x-codes": "1" }, true);
  const expected = marshalPairs(s.requestHeaders!.pairs()).length;
  assert.ok(lines(p, "rc pairs_ok=0 size=").some((l) => l.endsWith(`size=${expected}`)), p.logText());
});

test("get_header_map_value: only the first of repeated values; an empty value writes ptr=0,size=0 without malloc [Envoy context.cc getHeaderMapValue; cpp-host WasmBase::copyToPointerSize]", () => {
  const p = plugin();
  p.newStream().sendRequestHeaders([[":method", "GET"], [":path", "/"], [":authority", "a"], ["x-codes", "1"], ["x-dup", "one"], ["x-dup", "two"], ["x-empty", ""]], true);
  assert.deepEqual(lines(p, "dup first="), ["dup first=one"]);
  assert.deepEqual(lines(p, "rc empty_value="), ["rc empty_value=0 ptr=0 size=0"]);
});

test("linear memory is limited to 1 GiB as in Envoy (V8 --wasm_max_mem_pages=16384) [cpp-host include/proxy-wasm/limits.h]", () => {
  const p = plugin({ configuration: "grow-1g" });
  assert.equal(p.failed, true);
  assert.match(p.configError ?? "", /1 GiB limit/);
});

test("return codes: NotFound, BadArgument, InvalidMemoryAccess as Envoy [cpp-host src/exports.cc; Envoy context.cc getHeaderMapValue/getBuffer]", () => {
  const p = plugin();
  const s = p.newStream();
  s.sendRequest({ headers: { ...REQ, "x-codes": "1" }, body: "abcd" });
  const got = Object.fromEntries(lines(p, "rc ").map((l) => l.slice(3).split(" ")[0].split("=")));
  assert.deepEqual(got, {
    get_missing: "1", // absent header → NotFound
    resp_map_in_request: "2", // map not available yet → BadArgument
    bad_map_type: "2", // type > MAX → BadArgument
    continue_bad_type: "2",
    effective_unknown: "2", // set_effective_context on an unknown id → BadArgument
    plugin_config_in_stream: "1", // plugin configuration buffer only during on_configure → NotFound
    bad_memory: "6", // key outside memory → InvalidMemoryAccess
    pairs_ok: "0",
    empty_value: "1", // x-empty absent here
    set_buffer_middle: "2", // set_buffer_bytes(start inside, not 0) → BadArgument
  });
});

test("stream lifecycle order ends with on_log → on_done → on_delete [Envoy wasm filter: log before done; cpp-host onLog/onDone/onDelete]", () => {
  const p = plugin();
  const s = p.newStream();
  s.sendRequest({ headers: REQ, body: "a" });
  s.sendResponse({ headers: { ":status": "200" }, body: "b" });
  assert.deepEqual(s.calls, ["on_context_create", "on_request_headers", "on_request_body", "on_response_headers", "on_response_body", "on_log", "on_done", "on_delete"]);
  assert.deepEqual(lines(p, "cb ").slice(-3), ["cb on_log status=200 add_rc=2", "cb on_done", "cb on_delete"]);
});

test("headers-only request: eos=1 on headers and no body callback [spec v0.2.1 proxy_on_request_headers end_of_stream]", () => {
  const p = plugin();
  const s = p.newStream();
  s.sendRequestHeaders({ ":method": "GET", ":path": "/", ":authority": "a" }, true);
  assert.ok(lines(p, "cb on_request_headers").some((l) => l.endsWith("eos=1")));
  assert.ok(!s.calls.includes("on_request_body"));
  assert.equal(s.upstream.ended, true);
});

test("with trailers no body callback has eos=1: trailers end the stream [Envoy filter manager decodeTrailers]", () => {
  const p = plugin();
  const s = p.newStream();
  s.sendRequestHeaders({ ...REQ, "content-type": "application/grpc" });
  s.sendRequestBody("msg", false);
  s.sendRequestTrailers({ "x-t": "1" });
  s.sendResponse({ headers: { ":status": "200" }, body: "r", trailers: { "grpc-status": "0" } });
  assert.ok(lines(p, "cb on_request_body").every((l) => l.includes("eos=0")));
  assert.ok(lines(p, "cb on_response_body").every((l) => l.includes("eos=0")));
  assert.deepEqual(s.calls.filter((c) => c.endsWith("trailers")), ["on_request_trailers", "on_response_trailers"]);
  assert.equal(s.downstream.trailers?.get("grpc-status"), "0");
});

test("body Continue forwards each chunk as it comes [Envoy FilterDataStatus::Continue]", () => {
  const p = plugin();
  const s = p.newStream();
  s.sendRequestHeaders(REQ);
  s.sendRequestBody("abc");
  assert.equal(s.upstream.body.toString(), "abc");
  s.sendRequestBody("def", true);
  assert.equal(s.upstream.body.toString(), "abcdef");
  assert.equal(s.upstream.chunks.length, 2);
});

test("StopIterationAndBuffer: later callbacks see the whole buffered body (Envoy ≥ 1.32) [Envoy wasm context.cc getBuffer / 1.32 release notes]", () => {
  const p = plugin();
  const s = p.newStream();
  s.sendRequest({ headers: { ...REQ, "x-req-body": "buffer" }, body: "abcdefgh", chunkSize: 3 });
  assert.deepEqual(lines(p, "cb on_request_body"), [
    "cb on_request_body size=3 eos=0 body=abc", "cb on_request_body size=6 eos=0 body=abcdef", "cb on_request_body size=8 eos=1 body=abcdefgh"]);
  assert.equal(s.upstream.body.toString(), "abcdefgh");
  assert.equal(s.upstream.chunks.length, 1);
});

test("headers StopIteration becomes StopAllIterationAndWatermark: no body callback until continue [cpp-host context.cc convertVmCallResultToFilterHeadersStatus]", () => {
  const p = plugin({ configuration: "tick" });
  const s = p.newStream();
  s.sendRequestHeaders({ ...REQ, "x-req-headers": "stop" });
  s.sendRequestBody("abc");
  s.sendRequestBody("def", true);
  assert.ok(!s.calls.includes("on_request_body"));
  assert.equal(isNull(s.upstream.headers), true);
  p.tick(); // the root calls set_effective_context(stream) + continue_stream(Request): deferred, then redelivery
  assert.deepEqual(lines(p, "tick effective"), ["tick effective rc=0 continue rc=0"]);
  assert.deepEqual(lines(p, "cb on_request_body"), ["cb on_request_body size=6 eos=1 body=abcdef"]);
  assert.equal(s.upstream.body.toString(), "abcdef");
  assert.equal(s.upstream.ended, true);
});

test("allow_on_headers_stop_iteration: headers held while body callbacks run (Envoy ≥ 1.35) [cpp-host convertVmCallResultToFilterHeadersStatus allow_on_headers_stop_iteration_]", () => {
  const p = plugin({ allowOnHeadersStopIteration: true });
  const s = p.newStream();
  s.sendRequestHeaders({ ...REQ, "x-req-headers": "stop", "x-req-body": "buffer" });
  s.sendRequestBody("abc");
  assert.equal(isNull(s.upstream.headers), true, "headers held");
  assert.deepEqual(lines(p, "cb on_request_body"), ["cb on_request_body size=3 eos=0 body=abc"]);
  s.sendRequestBody("de", true);
  assert.equal(s.upstream.headers?.get(":path"), "/p");
  assert.equal(s.upstream.body.toString(), "abcde");
});

test("set_buffer_bytes: (0,≥len) replaces, (len,…) appends, (0,0) prepends, else BadArgument [Envoy context.cc Buffer::copyFrom]", () => {
  const p = plugin();
  const up = p.newStream();
  up.sendRequest({ headers: { ...REQ, "x-resp-body": "upper" }, body: "" });
  up.sendResponse({ headers: { ":status": "200" }, body: "hello world", chunkSize: 4 });
  assert.equal(up.downstream.body.toString(), "HELLO WORLD");
  const ap = p.newStream();
  ap.sendRequest({ headers: { ...REQ, "x-resp-body": "append" } });
  ap.sendResponse({ headers: { ":status": "200" }, body: "abc" });
  assert.equal(ap.downstream.body.toString(), "abc!");
  const pre = p.newStream();
  pre.sendRequest({ headers: { ...REQ, "x-req-body": "prepend" }, body: "xyz" });
  assert.equal(pre.upstream.body.toString(), "<xyz");
});

test("set_buffer_bytes (0, n) with 0 < n < size drains n bytes from the front, then prepends [Envoy context.cc Buffer::copyFrom: drain(length); prepend(data)]", () => {
  const b = new BodyBuffer(Buffer.from("abcdefgh"));
  assert.equal(b.copyFrom(0, 3, Buffer.from("XY")), "ok");
  assert.equal(b.data.toString(), "XYdefgh");
  assert.equal(b.copyFrom(0, 0, Buffer.from("<")), "ok");
  assert.equal(b.data.toString(), "<XYdefgh");
  assert.equal(b.copyFrom(0, 100, Buffer.from("new")), "ok", "length past the end drains everything");
  assert.equal(b.data.toString(), "new");
  assert.equal(b.copyFrom(3, 0, Buffer.from("!")), "ok", "start at the end appends");
  assert.equal(b.data.toString(), "new!");
  assert.equal(b.copyFrom(2, 1, Buffer.from("?")), "bad", "start inside the buffer is BadArgument");
  assert.equal(b.data.toString(), "new!");
  const src = new Uint8Array([0x61, 0x62]);
  b.copyFrom(0, 4, src);
  src[0] = 0x7a; // the host keeps a copy, not a view of the VM's memory
  assert.equal(b.data.toString(), "ab");
  assert.equal(new BodyBuffer(Buffer.from("x"), false).copyFrom(0, 1, Buffer.from("y")), "bad", "immutable buffer");
});

test("send_local_response is deferred and its reply runs through the filter's on_response_* [Envoy context.cc sendLocalResponse; FilterManager::sendLocalReplyViaFilterChain]", () => {
  const p = plugin();
  const s = p.newStream();
  s.sendRequestHeaders({ ...REQ, "x-local": "req-headers" });
  const cbs = lines(p, "");
  const iLocal = cbs.findIndex((l) => l.startsWith("local_response at req-headers rc=0"));
  const iResp = cbs.findIndex((l) => l.startsWith("cb on_response_headers") && l.includes("status=403"));
  assert.ok(iLocal >= 0 && iResp > iLocal, p.logText());
  assert.equal(s.upstream.headers, null, "request never forwarded");
  assert.equal(s.downstream.headers?.get(":status"), "403");
  assert.equal(s.downstream.headers?.get("x-probe"), "local");
  assert.equal(s.downstream.headers?.get("x-probe-seen"), "1", "the filter's own on_response_headers modified the reply");
  assert.equal(s.downstream.body.toString(), "denied");
  assert.equal(s.localReply?.details, "blocked_by_probe");
  assert.deepEqual(s.calls.slice(-3), ["on_log", "on_done", "on_delete"]);
});

test("local reply for gRPC: 200 trailers-only with grpc-status; grpc_status outside 0..16 maps from HTTP [Envoy Http::Utility::sendLocalReply, Grpc::Utility::httpToGrpcStatus]", () => {
  const p = plugin();
  const a = p.newStream();
  a.sendRequestHeaders({ ...REQ, "content-type": "application/grpc", "x-local": "req-headers", "x-grpc-status": "5" });
  assert.equal(a.downstream.headers?.get(":status"), "200");
  assert.equal(a.downstream.headers?.get("grpc-status"), "5");
  assert.equal(a.downstream.headers?.get("grpc-message"), "denied");
  const b = p.newStream();
  b.sendRequestHeaders({ ...REQ, "content-type": "application/grpc", "x-local": "req-headers" });
  assert.equal(b.downstream.headers?.get("grpc-status"), "7", "403 → PERMISSION_DENIED");
});

test("send_local_response after response headers left becomes a reset [Envoy FilterManager::sendLocalReply]", () => {
  const p = plugin();
  const s = p.newStream();
  s.sendRequest({ headers: { ...REQ, "x-local": "resp-body" } });
  s.sendResponse({ headers: { ":status": "200" }, body: "data" });
  assert.equal(s.downstream.headers?.get(":status"), "200");
  assert.ok(s.resetReason, "stream reset");
  assert.equal(s.downstream.ended, false);
});

test("buffer limit: buffered request over the limit → 413; buffered response with headers sent → reset, held → 500 [Envoy filter manager buffer limits]", () => {
  const p = plugin({ bufferLimitBytes: 10 });
  const a = p.newStream();
  a.sendRequest({ headers: { ...REQ, "x-req-body": "buffer" }, body: "0123456789abcdef", chunkSize: 4 });
  assert.equal(a.downstream.headers?.get(":status"), "413");
  assert.equal(a.localReply?.details, "request_payload_too_large");
  const b = p.newStream();
  b.sendRequest({ headers: { ...REQ, "x-resp-body": "buffer" } });
  b.sendResponse({ headers: { ":status": "200" }, body: "0123456789abcdef", chunkSize: 4 });
  assert.ok(b.resetReason, "response headers had left: reset");
  const q = plugin({ bufferLimitBytes: 10, allowOnHeadersStopIteration: true });
  const c = q.newStream();
  c.sendRequest({ headers: { ...REQ, "x-resp-headers": "stop", "x-resp-body": "buffer" } });
  c.sendResponse({ headers: { ":status": "200" }, body: "0123456789abcdef", chunkSize: 4 });
  assert.equal(c.downstream.headers?.get(":status"), "500");
});

test("trap → fail closed: 503 (gRPC UNAVAILABLE), VM failed for later streams [cpp-host context.cc CHECK_FAIL_HTTP; Envoy Context::failStream]", () => {
  const p = plugin();
  const s = p.newStream();
  s.sendRequestHeaders({ ...REQ, "x-trap": "req-headers" });
  assert.equal(p.failed, true);
  assert.equal(s.downstream.headers?.get(":status"), "503");
  assert.equal(s.localReply?.details, "wasm_fail_stream");
  assert.ok(p.logs.some((l) => l.level === "critical" && /proxy_on_request_headers failed/.test(l.message)));
  const g = p.newStream();
  g.sendRequestHeaders({ ...REQ, "content-type": "application/grpc" });
  assert.equal(g.downstream.headers?.get("grpc-status"), "14");
  assert.deepEqual(g.calls, [], "no VM callbacks on a failed VM");
});

test("trap → FAIL_OPEN bypasses the filter; FAIL_RELOAD starts a new VM [Envoy FailurePolicy; cpp-host CHECK_FAIL_HTTP fail_open_]", () => {
  const o = plugin({ failurePolicy: "FAIL_OPEN" });
  const s = o.newStream();
  s.sendRequest({ headers: { ...REQ, "x-trap": "req-headers" }, body: "abc" });
  assert.equal(s.upstream.body.toString(), "abc");
  s.sendResponse({ headers: { ":status": "200" }, body: "ok" });
  assert.equal(s.downstream.body.toString(), "ok");
  const r = plugin({ failurePolicy: "FAIL_RELOAD" });
  r.newStream().sendRequestHeaders({ ...REQ, "x-trap": "req-headers" });
  assert.equal(r.failed, true);
  const t = r.newStream();
  t.sendRequest({ headers: REQ, body: "x" });
  assert.equal(r.failed, false, "a fresh VM replaced the failed one");
  assert.equal(t.upstream.body.toString(), "x");
});

test("metrics: ids carry the type (4, 5, 6); counter increment ≤ 0 BadArgument; record adds/sets; histogram get BadArgument [Envoy context.cc defineMetric/incrementMetric/recordMetric/getMetric]", () => {
  const p = plugin({ configuration: "metrics" });
  const txt = lines(p, "metric ").join("\n");
  assert.match(txt, /define probe_c rc=0 id=4/); assert.match(txt, /define probe_g rc=0 id=5/); assert.match(txt, /define probe_h rc=0 id=6/);
  assert.match(txt, /define-type3 rc=2/);
  assert.match(txt, /counter\+0 rc=2/); assert.match(txt, /counter-1 rc=2/);
  assert.match(txt, /counter value=13/); assert.match(txt, /gauge value=5/);
  assert.match(txt, /hist-inc rc=2/); assert.match(txt, /hist-get rc=2/); assert.match(txt, /unknown-get rc=1/);
  assert.equal(p.metric("probe_c"), 13n);
  assert.equal(p.host.stats.find("probe_h")!.sampleCount, 1);
});

test("shared data: NotFound, CAS mismatch, visible across VMs of one vm_id [cpp-host src/shared_data.cc]", () => {
  const p = plugin({ configuration: "shared", vmCount: 2, vmId: "v1" });
  const sh = lines(p, "shared ");
  assert.deepEqual(sh.slice(0, 6), ["shared missing rc=1", "shared set0 rc=0", "shared get v1 cas=1", "shared set-stale rc=8", "shared set-cas rc=0", "shared final v3 cas=2"]);
  assert.equal(sh[6], "shared missing v3 cas=2", "the second VM sees the first VM's value");
  p.newStream({ vm: 0 }).sendRequestHeaders({ ...REQ, "x-shared-set": "hello" }, true);
  p.newStream({ vm: 1 }).sendRequestHeaders({ ...REQ, "x-shared-get": "1" }, true);
  assert.match(lines(p, "shared get ").at(-1)!, /^shared get hello cas=\d+$/);
});

test("shared queues: resolve by vm_id, enqueue wakes the registering root with on_queue_ready [cpp-host src/shared_queue.cc]", async () => {
  const p = plugin({ configuration: "queue", vmCount: 2, vmId: "qv" });
  p.newStream({ vm: 1 }).sendRequestHeaders({ ...REQ, "x-enqueue": "msg1", "x-vm-id": "qv" }, true);
  await p.idle();
  assert.deepEqual(lines(p, "queue resolve"), ["queue resolve rc=0 enqueue rc=0"]);
  assert.deepEqual(lines(p, "cb on_queue_ready"), ["cb on_queue_ready token=1 rc=0 data=msg1 again=7"]);
  p.newStream().sendRequestHeaders({ ...REQ, "x-enqueue": "m", "x-vm-id": "other" }, true);
  assert.match(lines(p, "queue resolve").at(-1)!, /resolve rc=1/);
});

test("properties: request.*, source.port as 8-byte int, plugin_root_id, node metadata, set_property round trip [Envoy context.cc findValue/serializeValue]", () => {
  const p = plugin({ properties: { "node.metadata.WORKLOAD_NAME": "api" } });
  const s = p.newStream({ sourceAddress: "10.1.2.3:40000", protocol: "HTTP/2" });
  s.sendRequestHeaders({ ...REQ, ":path": "/a/b?q=1", "x-props": "1" }, true);
  const props = lines(p, "prop ");
  for (const want of ["prop request.path=/a/b?q=1", "prop request.method=POST", "prop plugin_root_id=probe", "prop plugin_name=probe",
    "prop source.address=10.1.2.3:40000", "prop node.metadata.WORKLOAD_NAME=api", "prop request.protocol=HTTP/2",
    "prop source.port.len=8 value=40000", "prop roundtrip=probe_value"]) assert.ok(props.includes(want), `${want}\n${props.join("\n")}`);
});

test("header maps are read-only in on_log: writes → BadArgument [Envoy context.cc getMap in the access-log phase]", () => {
  const p = plugin();
  const s = p.newStream();
  s.sendRequest({ headers: REQ });
  s.sendResponse({ headers: { ":status": "204" } });
  assert.deepEqual(lines(p, "cb on_log"), ["cb on_log status=204 add_rc=2"]);
});

test("http callout: BadArgument for unknown cluster or missing :authority; response reaches the root, which continues the stream [Envoy context.cc httpCall]", async () => {
  const p = plugin({ clusters: { auth: () => ({ headers: [[":status", "200"]], body: "granted" }) } });
  const bad = p.newStream();
  bad.sendRequestHeaders({ ...REQ, "x-callout": "nope" }, true);
  assert.match(lines(p, "callout rc=").at(-1)!, /^callout rc=2 /);
  p.newStream().sendRequestHeaders({ ...REQ, "x-callout": "auth", "x-callout-no-authority": "1" }, true);
  assert.match(lines(p, "callout rc=").at(-1)!, /^callout rc=2 /);
  const s = p.newStream();
  s.sendRequestHeaders({ ...REQ, "x-callout": "auth" }, true);
  assert.match(lines(p, "callout rc=").at(-1)!, /^callout rc=0 token=\d+/);
  assert.equal(isNull(s.upstream.headers), true, "held while the callout runs");
  await p.idle();
  assert.match(lines(p, "cb on_http_call_response").at(-1)!, /headers=1 body=granted context=1$/);
  assert.equal(s.upstream.headers?.get("x-callout-body"), "granted");
  assert.equal(s.upstream.ended, true);
});

test("one VM per worker: streams spread over VMs, each VM has its own root context [Envoy: one VM clone per worker thread]", () => {
  const p = plugin({ vmCount: 3 });
  const vms = [0, 1, 2, 3].map(() => { const s = p.newStream(); return s.vm.index; });
  assert.deepEqual(vms, [0, 1, 2, 0]);
  assert.equal(lines(p, "cb on_configure").length, 3);
});

// A hand-assembled reactor module: _initialize calls proxy_log (allowed) or proxy_done (restricted).
function reactor(callDone: boolean): Uint8Array {
  const enc = (s: string) => [s.length, ...Buffer.from(s)];
  const sec = (id: number, b: number[]) => [id, b.length, ...b];
  const body = (code: number[]) => [code.length + 1, 0, ...code];
  const init = callDone ? [0x10, 1, 0x1a, 0x0b] : [0x41, 2, 0x41, 16, 0x41, 2, 0x10, 0, 0x1a, 0x0b];
  return new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...sec(1, [4, 0x60, 3, 0x7f, 0x7f, 0x7f, 1, 0x7f, 0x60, 0, 1, 0x7f, 0x60, 0, 0, 0x60, 1, 0x7f, 1, 0x7f]),
    ...sec(2, [2, ...enc("env"), ...enc("proxy_log"), 0, 0, ...enc("env"), ...enc("proxy_done"), 0, 1]),
    ...sec(3, [3, 2, 3, 2]),
    ...sec(5, [1, 0, 1]),
    ...sec(7, [4, ...enc("memory"), 2, 0, ...enc("_initialize"), 0, 2, ...enc("malloc"), 0, 3, ...enc("proxy_abi_version_0_2_0"), 0, 4]),
    ...sec(10, [3, ...body(init), ...body([0x41, 0x80, 0x08, 0x0b]), ...body([0x0b])]),
    ...sec(11, [1, 0, 0x41, 16, 0x0b, 2, 0x68, 0x69]),
  ]);
}

test("WASI reactor: _initialize runs first; only Envoy's allowed host calls work during it [cpp-host src/wasm.cc startVm setRestrictedCallback; v8.cc trap(\"restricted_callback\")]", () => {
  const ok = createPlugin({ wasm: reactor(false) });
  assert.equal(ok.failed, false);
  assert.equal(ok.vm(0).trace[0], "_initialize()");
  assert.deepEqual(ok.logs.map((l) => [l.level, l.message]), [["info", "hi"]]);
  const bad = createPlugin({ wasm: reactor(true) });
  assert.equal(bad.failed, true);
  assert.match(bad.vm(0).failMessage, /Function: _initialize failed: .*restricted_callback: env\.proxy_done/);
});
