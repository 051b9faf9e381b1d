// Issue 4: the same policy behaves the same whether the filter gets it as an Envoy StringValue (rendered
// JSON), an Envoy google.protobuf.Struct (Envoy hands the filter its JSON: keys reordered, every number a
// double written as `1.0`), or an Istio WasmPlugin pluginConfig (a Struct too).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createPlugin } from "../../../src/host/index.ts";
import { checkText } from "../../../src/policy/index.ts";
import { renderJson, envoyFilter, istioManifest } from "../../../src/policy/render.ts";
import { WASM, evidence, json, GET } from "./policy-helpers.ts";

const POLICY = `
version: 1
enable: ["pii.*", "secret.*", "custom.*"]
detectors:
  - id: custom.employee_id
    pattern: 'EMP-\\d{6}'
    severity: medium
    examples: { positive: ["EMP-123456", "EMP-000001"], negative: ["EMP-12", "EMP-abcdef"] }
rules:
  - { detectors: ["secret.*"], action: redact }
  - { detectors: ["custom.*"], action: redact, redact: { style: keep_last, keep: 2 } }
  - { detectors: ["pii.ssn"], action: block, threshold: 2, status: 451 }
body: { hold_headers: true, max_bytes: 65536, hold_bytes: 32768 }
`;

/** What Envoy gives the filter for a Struct: JSON of the Struct's fields in sorted order, numbers as doubles. */
function structJson(v: unknown): string {
  if (v === null) return "null";
  if (typeof v === "number") return Number.isInteger(v) ? `${v}.0` : String(v);
  if (Array.isArray(v)) return `[${v.map(structJson).join(",")}]`;
  if (typeof v === "object") return `{${Object.keys(v as object).sort().map((k) => `${JSON.stringify(k)}:${structJson((v as any)[k])}`).join(",")}}`;
  return JSON.stringify(v);
}

const TRAFFIC: Array<[string, string]> = [
  ["clean", JSON.stringify({ id: 1, note: "hello" })],
  ["secret+custom", JSON.stringify({ key: "AKIAAB7WQMOHRXIEYQGL", emp: "EMP-123456", ssn: "878-60-8530" })],
  ["two ssns", JSON.stringify({ a: "878-60-8530", b: "219-44-0101" })],
];

function run(configuration: string) {
  const p = createPlugin({ wasm: WASM, rootId: "microwaf", configuration, allowOnHeadersStopIteration: true });
  assert.ok(p.configured, p.logText());
  return TRAFFIC.map(([name, body]) => {
    p.logs.length = 0;
    const s = p.newStream();
    s.sendRequest({ headers: GET() });
    s.sendResponse({ headers: json(), body });
    return { name, status: s.downstream.headers?.get(":status"), body: s.downstream.body.toString(), evidence: evidence(p).map((e) => e.counts) };
  });
}

test("StringValue, Envoy Struct and Istio pluginConfig forms of one policy give identical results", () => {
  const r = checkText("forms.yaml", POLICY);
  assert.ok(r.policy, JSON.stringify(r.diagnostics));
  const stringValue = renderJson(r.policy!);
  const envoy = envoyFilter(r.policy!) as any;
  const struct = structJson(JSON.parse(JSON.stringify(envoy.typed_config.config.configuration.value)));
  const istio = structJson(JSON.parse(JSON.stringify(istioManifest(r.policy!).spec!.pluginConfig)));
  assert.notEqual(struct, stringValue, "the Struct form really is a different text");
  const a = run(stringValue), b = run(struct), c = run(istio);
  assert.deepEqual(b, a);
  assert.deepEqual(c, a);
  // and the results are the policy's, not vacuous
  assert.equal(a[0].body, TRAFFIC[0][1]);
  assert.match(a[1].body, /"key":"\*{20}"/);
  assert.match(a[1].body, /"emp":"\*{8}56"/);
  assert.equal(a[2].status, "451");
});
