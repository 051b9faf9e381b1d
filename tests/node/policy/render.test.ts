// Rendering: the normalized JSON, the Envoy snippet (Struct configuration), the Istio WasmPlugin.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import protobuf from "protobufjs";
import { parse } from "yaml";
import { WasmPlugin } from "@kubernetes-models/istio/extensions.istio.io/v1alpha1/WasmPlugin";
import { checkFile, checkText } from "../../../src/policy/index.ts";
import { envoyFilter, istioManifest, renderEnvoy, renderIstio, renderJson } from "../../../src/policy/render.ts";
import { FIXTURE_LIBRARY, ROOT, SHIPPED } from "./helpers.ts";

const policy = (f: string) => checkFile(ROOT + f, { libraryDir: FIXTURE_LIBRARY }).policy!;

test("json: every top-level key present, defaults filled in, durations in ms, globs kept", () => {
  const p = JSON.parse(renderJson(policy("policy/pci-dss.yaml")));
  assert.deepEqual(Object.keys(p), ["version", "mode", "enable", "detectors", "routes", "rules", "identity", "limits", "attacks", "blocklists", "report", "body"]);
  assert.equal(p.limits[0].window_ms, 60000);
  assert.deepEqual(p.enable.slice(0, 2), ["pii.credit_card", "pii.iban"]);
  assert.equal(p.rules[0].redact.style, "keep_last");
  assert.equal(p.rules[0].threshold, 1);
  assert.equal(p.rules[0].direction, "response");
  assert.equal(p.rules[5].direction, "request", "attack-only rules default to requests");
  assert.equal(p.body.content_types["application/*+json"], "json");
  assert.deepEqual(p.routes[0].match.authority, ["payments.internal", "payments.internal:8443"]);
  const min = checkText("m.yaml", "version: 1\n", { libraryDir: FIXTURE_LIBRARY }).policy!;
  assert.deepEqual(min.enable, ["*"]);
  assert.equal(min.report.values, "none");
  assert.equal(min.body.max_bytes, 1048576);
});

test("json: custom detectors are inlined in the normalized shape", () => {
  const p = checkText("c.yaml", "version: 1\ndetectors:\n  - id: custom.badge\n    pattern: 'B\\d{5}'\n    validators: [luhn, {entropy: 2.5}]\n    keys: { boost: [badge] }\n    examples: { positive: [B12345] }\n", { libraryDir: FIXTURE_LIBRARY }).policy!;
  assert.deepEqual(p.detectors[0], {
    id: "custom.badge", description: "", severity: "medium", pattern: "B\\d{5}", literals: [], case_insensitive: false,
    validators: [{ name: "luhn", param: null }, { name: "entropy", param: 2.5 }],
    keys: { require: [], boost: ["badge"], exclude: [] }, context_only: false, except: [],
  });
});

test("envoy: an http_filters entry with the policy as a google.protobuf.Struct, root_id microwaf", () => {
  const p = policy("policy/default.yaml");
  const doc = parse(renderEnvoy(p, { wasmPath: "/w/microwaf.wasm" }));
  assert.equal(doc.http_filters.length, 1);
  const f = doc.http_filters[0];
  assert.equal(f.name, "envoy.filters.http.wasm");
  assert.equal(f.typed_config["@type"], "type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm");
  const c = f.typed_config.config;
  assert.equal(c.root_id, "microwaf");
  assert.equal(c.vm_config.runtime, "envoy.wasm.runtime.v8");
  assert.equal(c.vm_config.code.local.filename, "/w/microwaf.wasm");
  assert.equal(c.configuration["@type"], "type.googleapis.com/google.protobuf.Struct");
  assert.deepEqual(c.configuration.value, JSON.parse(renderJson(p)));
  // The value survives a real Struct encoding (what Envoy holds and hands to the filter as JSON).
  const root = protobuf.Root.fromJSON(protobuf.common.get("google/protobuf/struct.proto")!);
  const Struct = root.lookupType("google.protobuf.Struct");
  const bytes = Struct.encode(Struct.fromObject(toStruct(c.configuration.value))).finish();
  assert.deepEqual(fromStruct(Struct.toObject(Struct.decode(bytes)) as any), JSON.parse(renderJson(p)));
  assert.deepEqual(envoyFilter(p).typed_config, envoyFilter(p).typed_config);
});

test("istio: a valid WasmPlugin with pluginConfig and pluginName microwaf", () => {
  for (const f of SHIPPED) {
    const p = policy(f);
    const m = parse(renderIstio(p, { namespace: "shop", selector: { app: "checkout" } }));
    const w = new WasmPlugin(m);
    w.validate();
    assert.equal(m.apiVersion, "extensions.istio.io/v1alpha1");
    assert.equal(m.kind, "WasmPlugin");
    assert.equal(m.spec.pluginName, "microwaf");
    assert.deepEqual(m.spec.selector, { matchLabels: { app: "checkout" } });
    assert.deepEqual(m.spec.pluginConfig, JSON.parse(renderJson(p)));
  }
  assert.throws(() => istioManifest(policy("policy/default.yaml"), { phase: "LATE" as never }));
});

test("render through the CLI; a broken policy exits 1 with its diagnostics", () => {
  const ok = spawnSync(process.execPath, ["bin/microwaf.js", "render", "json", "--library", FIXTURE_LIBRARY, "--policy", "policy/monitor.yaml"], { cwd: ROOT, encoding: "utf8" });
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(JSON.parse(ok.stdout).mode, "monitor");
  const bad = spawnSync(process.execPath, ["bin/microwaf.js", "render", "istio", "--library", FIXTURE_LIBRARY, "--policy", "tests/fixtures/policies/broken/schema-bad-action.yaml"], { cwd: ROOT, encoding: "utf8" });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /schema-bad-action\.yaml:5:13: rules\[0\]\.action/);
  assert.equal(bad.stdout, "");
});

// JSON ↔ google.protobuf.Struct (protobufjs has no JSON mapping for Struct).
function toValue(v: unknown): object {
  if (v === null) return { nullValue: 0 };
  if (typeof v === "number") return { numberValue: v };
  if (typeof v === "string") return { stringValue: v };
  if (typeof v === "boolean") return { boolValue: v };
  if (Array.isArray(v)) return { listValue: { values: v.map(toValue) } };
  return { structValue: toStruct(v as Record<string, unknown>) };
}
function toStruct(o: Record<string, unknown>): object {
  return { fields: Object.fromEntries(Object.entries(o).map(([k, v]) => [k, toValue(v)])) };
}
function fromValue(v: any): unknown {
  if ("nullValue" in v) return null;
  if ("numberValue" in v) return v.numberValue;
  if ("stringValue" in v) return v.stringValue;
  if ("boolValue" in v) return v.boolValue;
  if ("listValue" in v) return (v.listValue.values ?? []).map(fromValue);
  return fromStruct(v.structValue);
}
function fromStruct(s: any): Record<string, unknown> {
  return Object.fromEntries(Object.entries(s.fields ?? {}).map(([k, v]) => [k, fromValue(v)]));
}
