// examples/istio: the WasmPlugin manifests are what `microwaf render istio` produces from policy.yaml (so they
// cannot drift), Istio's CRD schema accepts them, the real filter accepts their pluginConfig, and the mesh
// settings give Prometheus our labels: Istio's bootstrap turns each extraStatTags name into the regex
// `(<name>=\.=(.*?);\.;)` (tools/packaging/common/envoy_bootstrap.json), applied here with the host's Envoy
// tag extraction to the stat names the filter really defines.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { WasmPlugin } from "@kubernetes-models/istio/extensions.istio.io/v1alpha1/WasmPlugin";
import { IstioOperator } from "@kubernetes-models/istio/install.istio.io/v1alpha1/IstioOperator";
import { MANIFESTS, render } from "../../../examples/istio/generate.ts";
import { createPlugin } from "../../../src/host/index.ts";
import { extractTags, prometheusName } from "../../../src/host/admin.ts";
import { build, isBuildFresh } from "../../../scripts/build.ts";
import { root } from "./stack.ts";
import { Rng, awsAccessKey, awsSecretKey } from "../../support/sensitive.ts";

const dir = join(root, "examples/istio");
const read = (f: string) => readFileSync(join(dir, f), "utf8");

/** The label names the filter encodes (assembly/filter/metrics.ts LABELS). */
function filterLabels(): string[] {
  const src = readFileSync(join(root, "assembly/filter/metrics.ts"), "utf8");
  const m = /export const LABELS: string\[\] = \[([^\]]*)\]/.exec(src);
  assert.ok(m, "LABELS in assembly/filter/metrics.ts");
  return [...m[1].matchAll(/"(\w+)"/g)].map((x) => x[1]);
}

test("committed WasmPlugin manifests are exactly what render istio gives today (node --import tsx examples/istio/generate.ts)", () => {
  for (const m of MANIFESTS) assert.equal(read(m.file), render(m), `${m.file} is stale: regenerate it`);
});

test("manifests validate against Istio's WasmPlugin schema; sidecars inbound only, gateway by selector", () => {
  const side = parse(read("wasmplugin-sidecars.yaml"));
  const gw = parse(read("wasmplugin-ingress-gateway.yaml"));
  for (const d of [side, gw]) {
    new WasmPlugin(d).validate();
    assert.equal(d.spec.pluginName, "microwaf");
    assert.match(d.spec.url, /^oci:\/\//);
    assert.equal(d.spec.pluginConfig.version, 1);
  }
  assert.deepEqual(side.spec.match, [{ mode: "SERVER" }]);
  assert.equal(side.spec.selector, undefined, "the whole namespace");
  assert.deepEqual(gw.spec.selector, { matchLabels: { istio: "ingressgateway" } });
  assert.equal(gw.metadata.namespace, "istio-system");
  // The schema is real: a wrong field type is rejected.
  assert.throws(() => new WasmPlugin({ ...side, spec: { ...side.spec, failStrategy: "SOMETIMES" } }).validate());
});

test("the real filter accepts the manifests' pluginConfig (as Istio hands it over: JSON text)", () => {
  if (!isBuildFresh()) build();
  for (const f of ["wasmplugin-sidecars.yaml", "wasmplugin-ingress-gateway.yaml"]) {
    const d = parse(read(f));
    const p = createPlugin({ wasm: join(root, "build/microwaf.wasm"), rootId: "microwaf", configuration: JSON.stringify(d.spec.pluginConfig), vmCount: 1 });
    try {
      assert.ok(p.configured, `${f}: ${p.configError}`);
      assert.equal(p.metric("result=.=accepted;.;microwaf_policy_loads_total"), 1n);
    } finally { p.close(); }
  }
});

test("mesh settings: extraStatTags = the filter's labels; Istio's tag regexes turn real stat names into labelled microwaf_ series", () => {
  const op = parse(read("mesh-config.yaml"));
  new IstioOperator(op).validate();
  const pc = op.spec.meshConfig.defaultConfig;
  const labels = filterLabels();
  assert.deepEqual([...pc.extraStatTags].sort(), [...labels].sort());
  const anno = parse(parse(read("pod-annotations.yaml")).spec.template.metadata.annotations["proxy.istio.io/config"]);
  assert.deepEqual(anno, pc, "pod annotation and mesh config say the same");

  // Real stat names: the filter's, after a leaky response through the host with the sidecar policy.
  if (!isBuildFresh()) build();
  const side = parse(read("wasmplugin-sidecars.yaml"));
  const p = createPlugin({ wasm: join(root, "build/microwaf.wasm"), rootId: "microwaf", configuration: JSON.stringify(side.spec.pluginConfig), vmCount: 1,
    properties: { "node.metadata.WORKLOAD_NAME": "customers-api" } });
  try {
    const s = p.newStream();
    s.sendRequestHeaders({ ":method": "GET", ":path": "/api/customers/1", ":authority": "customers", authorization: "Bearer t" }, true);
    s.sendResponse({ headers: { ":status": "200", "content-type": "application/json" }, body: JSON.stringify({ ssn: "536-22-8726", aws_access_key_id: awsAccessKey(new Rng(7)), aws_secret_access_key: awsSecretKey(new Rng(8)) }) });
    const names = p.host.stats.all().map((x) => x.name).filter((n) => n.includes("microwaf_"));
    assert.ok(names.length >= 5, names.join("\n"));
    const istioTags = pc.extraStatTags.map((t: string) => ({ tagName: t, regex: `(${t}=\\.=(.*?);\\.;)` }));
    const keep = pc.proxyStatsMatcher.inclusionRegexps.map((r: string) => new RegExp(`^(?:${r})$`));
    const findings = [];
    for (const full of names) {
      assert.ok(keep.some((re: RegExp) => re.test(full)), `proxyStatsMatcher drops ${full}`);
      const ex = extractTags(full, istioTags);
      const prom = prometheusName(ex.name);
      assert.ok(prom && /^microwaf_[a-z_]+$/.test(prom), `${full} → ${prom}`);
      if (prom === "microwaf_findings_total") findings.push(Object.fromEntries(ex.tags));
    }
    assert.ok(findings.some((t) => t.detector === "secret.aws_access_key" && t.route === "customers" && t.local === "customers-api" && t.action === "would_redact"),
      JSON.stringify(findings));
  } finally { p.close(); }
});

test("Dockerfile builds Istio's Wasm image format: FROM scratch, plugin.wasm at the root", () => {
  const lines = read("Dockerfile").split("\n").filter((l) => l.trim() && !l.startsWith("#"));
  assert.deepEqual(lines, ["FROM scratch", "COPY microwaf.wasm ./plugin.wasm"]);
});
