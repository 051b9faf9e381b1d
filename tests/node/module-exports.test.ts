// The release module exposes what Envoy calls and imports only from the namespaces Envoy provides.
// (Import names and signatures are checked one by one against Envoy's table in the host's import tests.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

const wasm = new WebAssembly.Module(readFileSync(new URL("../../build/microwaf.wasm", import.meta.url)));
const exports = new Map(WebAssembly.Module.exports(wasm).map((e) => [e.name, e.kind]));
const imports = WebAssembly.Module.imports(wasm);

test("exports the ABI version, malloc, memory and the stream callbacks Envoy calls", () => {
  for (const name of [
    "proxy_abi_version_0_2_0", "malloc", "proxy_on_context_create", "proxy_on_vm_start", "proxy_on_configure",
    "proxy_on_request_headers", "proxy_on_request_body", "proxy_on_request_trailers",
    "proxy_on_response_headers", "proxy_on_response_body", "proxy_on_response_trailers",
    "proxy_on_log", "proxy_on_done", "proxy_on_delete", "proxy_on_tick", "proxy_on_queue_ready",
    "proxy_on_http_call_response", "proxy_on_grpc_receive_trailing_metadata",
  ]) {
    assert.equal(exports.get(name), "function", `missing export ${name}`);
  }
  assert.equal(exports.get("memory"), "memory");
  assert.ok(!exports.has("proxy_on_grpc_trailing_metadata"), "the misnamed 0.1.8 export must be gone");
});

test("imports only env.proxy_* and WASI functions, never env.abort", () => {
  for (const imp of imports) {
    assert.equal(imp.kind, "function", `${imp.module}.${imp.name} is a ${imp.kind}`);
    const ok = (imp.module === "env" && imp.name.startsWith("proxy_")) || imp.module === "wasi_snapshot_preview1";
    assert.ok(ok, `unexpected import ${imp.module}.${imp.name}`);
  }
  assert.ok(!imports.some((i) => i.name === "abort"));
});
