// build/microwaf.wasm's imports and exports against Envoy's table: every import must exist in Envoy with
// exactly this signature (cpp-host src/v8/v8.cc V8::link; names from include/proxy-wasm/exports.h and
// src/wasm.cc registerCallbacks), and the exports Envoy calls must have the signatures it looks up.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { abiVersionOf, checkModule, createPlugin, envoyImportTable, parseModule, WasmLoadError } from "../../../src/host/index.ts";

const bytes = readFileSync(new URL("../../../build/microwaf.wasm", import.meta.url));
const info = parseModule(bytes);

test("lists imports with signatures; each is in Envoy's table with the same signature", () => {
  const abi = abiVersionOf(info);
  assert.ok(abi === "0.2.0" || abi === "0.2.1");
  const table = envoyImportTable(abi);
  assert.ok(info.imports.length > 0);
  for (const imp of info.imports) {
    assert.equal(imp.kind, "function", `${imp.module}.${imp.name}`);
    const want = table.get(`${imp.module}.${imp.name}`);
    assert.ok(want, `Envoy has no ${imp.module}.${imp.name}`);
    assert.deepEqual(imp.sig, want, `${imp.module}.${imp.name} signature`);
  }
  assert.deepEqual(checkModule(info).problems, []);
});

test("exports the ABI marker, malloc, memory and callbacks with Envoy's signatures", () => {
  const ex = new Map(info.exports.map((e) => [e.name, e]));
  for (const n of ["proxy_abi_version_0_2_0", "malloc", "memory", "proxy_on_context_create", "proxy_on_configure", "proxy_on_request_headers", "proxy_on_log", "proxy_on_done", "proxy_on_delete"]) assert.ok(ex.has(n), n);
  assert.deepEqual(ex.get("proxy_on_request_headers")!.sig, { params: ["i32", "i32", "i32"], results: ["i32"] });
  assert.deepEqual(ex.get("proxy_on_context_create")!.sig, { params: ["i32", "i32"], results: [] });
  assert.deepEqual(ex.get("malloc")!.sig, { params: ["i32"], results: ["i32"] });
});

test("Envoy's table: 0.2.0 has no proxy_get_log_level nor proxy_clear_route_cache; 0.2.1 adds get_log_level", () => {
  const t0 = envoyImportTable("0.2.0"), t1 = envoyImportTable("0.2.1");
  assert.ok(!t0.has("env.proxy_get_log_level") && t1.has("env.proxy_get_log_level"));
  assert.ok(!t0.has("env.proxy_clear_route_cache") && !t1.has("env.proxy_clear_route_cache"));
  assert.deepEqual(t0.get("env.proxy_increment_metric"), { params: ["i32", "i64"], results: ["i32"] });
  assert.deepEqual(t0.get("wasi_unstable.proc_exit"), t0.get("wasi_snapshot_preview1.proc_exit"));
});

// Minimal hand-assembled modules: a missing import and a mismatched signature must fail the load naming it.
function moduleWithImport(mod: string, name: string, params: number[], results: number[]): Uint8Array {
  const enc = (s: string) => [s.length, ...Buffer.from(s)];
  const type = [0x01, 0x60, params.length, ...params, results.length, ...results];
  const imp = [0x01, ...enc(mod), ...enc(name), 0x00, 0x00];
  const mem = [0x01, 0x00, 0x01];
  const exp = [0x02, ...enc("proxy_abi_version_0_2_0"), 0x00, 0x01, ...enc("memory"), 0x02, 0x00];
  // types: imported fn type 0, plus type 1 () -> () for the exported marker
  const types = [0x02, 0x60, params.length, ...params, results.length, ...results, 0x60, 0x00, 0x00];
  void type;
  const funcs = [0x01, 0x01];
  const code = [0x01, 0x02, 0x00, 0x0b];
  const sec = (id: number, body: number[]) => [id, body.length, ...body];
  return new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...sec(1, types), ...sec(2, imp), ...sec(3, funcs), ...sec(5, mem), ...sec(7, exp), ...sec(10, code)]);
}

test("a missing import fails the load naming it", () => {
  const m = moduleWithImport("env", "proxy_does_not_exist", [0x7f], [0x7f]);
  assert.throws(() => createPlugin({ wasm: m }), (e: Error) => e instanceof WasmLoadError && /missing import: env\.proxy_does_not_exist/.test(e.message));
});

test("a mismatched import signature fails the load naming it", () => {
  const m = moduleWithImport("env", "proxy_log", [0x7f, 0x7f], [0x7f]);
  assert.throws(() => createPlugin({ wasm: m }), (e: Error) => e instanceof WasmLoadError && /import type mismatch: env\.proxy_log/.test(e.message));
});

test("env.abort is not provided by Envoy", () => {
  const m = moduleWithImport("env", "abort", [0x7f, 0x7f, 0x7f, 0x7f], []);
  assert.throws(() => createPlugin({ wasm: m }), /missing import: env\.abort/);
});
