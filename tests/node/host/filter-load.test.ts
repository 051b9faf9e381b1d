// Issue 2 "Done when": build/microwaf.wasm loaded through the host with an empty, an invalid and a valid
// plugin configuration. Envoy: root context_create → on_vm_start → on_configure; false from on_configure
// rejects the configuration (cpp-host src/context.cc ContextBase::onStart/onConfigure).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createPlugin } from "../../../src/host/index.ts";

const wasm = new URL("../../../build/microwaf.wasm", import.meta.url).pathname;
const load = (configuration: string) => createPlugin({ wasm, rootId: "microwaf", configuration, vmCount: 2 });

test("empty configuration: accepted on every VM, no trap, default policy", () => {
  const p = load("");
  assert.equal(p.configured, true, p.configError ?? "");
  assert.equal(p.failed, false);
  assert.equal(p.logs.filter((l) => l.message.includes("configuration loaded")).length, 2);
  const s = p.newStream();
  s.sendRequest({ headers: { ":method": "GET", ":path": "/", ":authority": "x" } });
  s.sendResponse({ headers: { ":status": "200" }, body: "ok" });
  assert.equal(s.completed, true);
  assert.equal(s.downstream.body.toString(), "ok");
  assert.equal(p.failed, false);
});

test('invalid configuration {"a": is rejected: on_configure returns false and the log says why', () => {
  const p = load('{"a":');
  assert.equal(p.configured, false);
  assert.equal(p.failed, false, "a rejected configuration is not a trap");
  assert.match(p.configError ?? "", /proxy_on_configure returned false/);
  const line = p.logs.find((l) => l.level === "error");
  assert.ok(line, p.logText());
  assert.match(line.message, /configuration rejected: \$: invalid JSON at 1:6/);
  assert.throws(() => p.newStream(), /rejected its configuration/);
});

test('a valid policy {"version":1} is accepted', () => {
  const p = load('{"version":1}');
  assert.equal(p.configured, true, p.configError ?? "");
  assert.equal(p.failed, false);
  assert.ok(p.logs.some((l) => /configuration loaded/.test(l.message)), p.logText());
});

test("a root_id the filter does not register traps in on_context_create and fails the VM", () => {
  // proxy-runtime looks the root up by plugin_root_id and aborts when none matches (Envoy: VM failed).
  const p = createPlugin({ wasm, rootId: "not-microwaf", configuration: '{"version":1}' });
  assert.equal(p.configured, false);
  assert.equal(p.failed, true);
  assert.match(p.configError ?? "", /Function: proxy_on_context_create failed/);
  assert.ok(p.logs.some((l) => l.level === "critical" && /Missing root context factory for root id: not-microwaf/.test(l.message)), p.logText());
});
