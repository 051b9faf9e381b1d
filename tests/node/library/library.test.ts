// The built-in detector library (policy/detectors/*.yaml): structure, taxonomy, validator names, pattern
// syntax, and every example run through a reference matcher (JavaScript RegExp as a stand-in for the engine,
// key context and `except` as docs/architecture.md describes them) with the filter's real validators compiled
// to wasm. The engine and detect runtime have their own tests; this one keeps the library honest.
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { checkRegexSubset } from "../../../src/policy/regex.ts";
import { ROOT, exampleOf, loadLibrary, registryNames, validatorName, type Detector } from "./load.ts";
import { loadValidators, type ValidatorHost } from "./validators-wasm.ts";
import { renderDetectorsDoc } from "./docs.ts";

const lib = loadLibrary();
const names = registryNames();

const REQUIRED_IDS = [
  "pii.email", "pii.phone", "pii.ssn", "pii.credit_card", "pii.iban", "pii.ip_address", "pii.date_of_birth",
  "pii.passport", "pii.drivers_license", "pii.bank_routing", "pii.person_name", "pii.street_address",
  "secret.jwt", "secret.private_key", "secret.aws_access_key", "secret.aws_secret_key", "secret.github_token",
  "secret.slack_token", "secret.stripe_key", "secret.google_api_key", "secret.password", "secret.generic_api_key",
  "secret.bearer_token",
];
const VENDOR_IDS = [
  "secret.gitlab_token", "secret.npm_token", "secret.pypi_token", "secret.twilio_api_key", "secret.sendgrid_api_key",
  "secret.mailgun_api_key", "secret.shopify_token", "secret.azure_storage_key", "secret.gcp_service_account",
  "secret.openai_api_key", "secret.anthropic_api_key", "secret.datadog_api_key", "secret.heroku_api_key",
  "secret.digitalocean_token", "secret.discord_bot_token", "secret.telegram_bot_token", "secret.square_token",
  "secret.braintree_token", "secret.vault_token", "secret.postman_api_key", "secret.atlassian_api_token",
  "secret.okta_api_token",
];
// Validators whose pass makes a finding near-certain: these detectors may fire in free text.
const STRONG = new Set(["luhn", "iban", "ssn", "aba_routing", "jwt", "private_key", "uk_nino", "email", "phone", "ip",
  "ipv4", "ipv6", "public_ip", "aws_secret_key"]);
const FIELDS = new Set(["id", "description", "severity", "pattern", "literals", "case_insensitive", "validators", "keys",
  "context_only", "except", "examples"]);

function wildcard(glob: string, text: string): boolean {
  const g = glob.toLowerCase(), t = text.toLowerCase();
  let gi = 0, ti = 0, star = -1, mark = 0;
  while (ti < t.length) {
    if (gi < g.length && (g[gi] === "?" || g[gi] === t[ti])) { gi++; ti++; }
    else if (gi < g.length && g[gi] === "*") { star = gi++; mark = ti; }
    else if (star >= 0) { gi = star + 1; ti = ++mark; }
    else return false;
  }
  while (gi < g.length && g[gi] === "*") gi++;
  return gi === g.length;
}
const anyKey = (globs: string[] | undefined, key: string | null): boolean =>
  key !== null && (globs ?? []).some((g) => wildcard(g, key));

function jsRegex(d: Detector): RegExp {
  return new RegExp(d.pattern!, d.case_insensitive ? "gi" : "g");
}

/** Reference detection of one example: key context, then each JS match, `except`, and the wasm validators. */
function detects(d: Detector, host: ValidatorHost, value: string, key: string | null): boolean {
  if (anyKey(d.keys?.exclude, key)) return false;
  if ((d.keys?.require ?? []).length > 0 && !anyKey(d.keys?.require, key)) return false;
  if (d.context_only && !anyKey([...(d.keys?.require ?? []), ...(d.keys?.boost ?? [])], key)) return false;
  const bytes = new TextEncoder().encode(value);
  const spans: [number, number][] = [];
  if (d.pattern) {
    for (const m of value.matchAll(jsRegex(d))) {
      if (m[0].length === 0) continue;
      const start = Buffer.byteLength(value.slice(0, m.index));
      spans.push([start, start + Buffer.byteLength(m[0])]);
    }
  }
  for (const lit of d.literals ?? []) {
    const hay = d.case_insensitive ? value.toLowerCase() : value;
    const needle = d.case_insensitive ? lit.toLowerCase() : lit;
    for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + needle.length)) {
      const start = Buffer.byteLength(value.slice(0, i));
      spans.push([start, start + Buffer.byteLength(lit)]);
    }
  }
  for (const [s, e] of spans) {
    const text = Buffer.from(bytes.subarray(s, e)).toString("utf8");
    if ((d.except ?? []).some((x) => x === text || wildcard(x, text))) continue;
    const ok = (d.validators ?? []).every((v) => {
      const { name, param } = validatorName(v);
      return host.run(host.idOf(name), param ?? 0, bytes, s, e);
    });
    if (ok) return true;
  }
  return false;
}

describe("detector library structure", () => {
  test("every file holds detectors and ids are unique dotted taxonomy ids", () => {
    assert.ok(lib.length >= 60, `only ${lib.length} detectors`);
    const seen = new Map<string, string>();
    for (const { file, def } of lib) {
      assert.equal(typeof def.id, "string", `${file}: detector without id`);
      assert.match(def.id, /^(pii|secret)\.[a-z0-9_]+(\.[a-z0-9_]+)*$/, `${file}: bad id ${def.id}`);
      assert.ok(!seen.has(def.id), `${def.id} defined in ${seen.get(def.id)} and ${file}`);
      seen.set(def.id, file);
    }
    for (const id of [...REQUIRED_IDS, ...VENDOR_IDS]) assert.ok(seen.has(id), `missing ${id}`);
  });

  test("required fields, known fields only, severities, examples >= 2 positive and >= 2 negative", () => {
    for (const { def } of lib) {
      for (const k of Object.keys(def)) assert.ok(FIELDS.has(k), `${def.id}: unknown field ${k}`);
      assert.ok(typeof def.description === "string" && def.description.length > 10, `${def.id}: description`);
      assert.ok(["low", "medium", "high", "critical"].includes(def.severity ?? ""), `${def.id}: severity`);
      assert.ok(def.pattern || (def.literals ?? []).length > 0, `${def.id}: needs a pattern or literals`);
      assert.ok((def.examples?.positive ?? []).length >= 2, `${def.id}: fewer than 2 positive examples`);
      assert.ok((def.examples?.negative ?? []).length >= 2, `${def.id}: fewer than 2 negative examples`);
      for (const e of [...(def.examples?.positive ?? []), ...(def.examples?.negative ?? [])]) {
        const { value } = exampleOf(e);
        assert.equal(typeof value, "string", `${def.id}: example without a string value`);
      }
    }
  });

  test("validators exist in the registry with numeric parameters", () => {
    assert.ok(names.length >= 20 && new Set(names).size === names.length);
    for (const { def } of lib) {
      for (const v of def.validators ?? []) {
        const { name, param } = validatorName(v);
        assert.ok(names.includes(name), `${def.id}: unknown validator ${name}`);
        if (param !== null) assert.equal(typeof param, "number", `${def.id}: ${name} parameter`);
      }
    }
  });

  test("context: context_only detectors name keys; weak patterns need key context or a strong validator", () => {
    for (const { def } of lib) {
      const keyed = (def.keys?.require ?? []).length > 0;
      if (def.context_only) {
        assert.ok(keyed || (def.keys?.boost ?? []).length > 0, `${def.id}: context_only without keys`);
      }
      const strong = (def.validators ?? []).some((v) => STRONG.has(validatorName(v).name));
      const prefixed = /^\\b?[A-Za-z]|^https|^-----|^"|^access_token|^AccountKey/.test(def.pattern ?? "");
      assert.ok(keyed || def.context_only || strong || prefixed, `${def.id}: free-text detector without a strong check`);
    }
    for (const id of ["pii.person_name", "pii.street_address", "secret.password"]) {
      const d = lib.find((x) => x.def.id === id)!.def;
      assert.equal(d.context_only, true, `${id} must be context_only`);
      assert.ok((d.keys?.require ?? []).length > 0, `${id} must require keys`);
    }
  });

  test("patterns stay in the engine's subset and also parse as JavaScript RegExp (u flag off)", () => {
    for (const { def } of lib) {
      if (!def.pattern) continue;
      const err = checkRegexSubset(def.pattern);
      assert.equal(err, null, `${def.id}: ${err?.message} at ${err?.offset}`);
      assert.doesNotThrow(() => jsRegex(def), `${def.id}: not a JavaScript RegExp`);
      assert.ok(!/\(\?[a-z]/.test(def.pattern), `${def.id}: inline flags; use case_insensitive`);
      assert.ok(!"".match(jsRegex(def))?.some((m) => m === ""), `${def.id}: matches the empty string`);
    }
  });

  test("every detector validates against the policy JSON Schema's detector definition", () => {
    const require = createRequire(import.meta.url);
    const Ajv2020 = require("ajv/dist/2020").default;
    const schema = JSON.parse(readFileSync(join(ROOT, "policy/schema.json"), "utf8"));
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    ajv.addSchema(schema);
    const validate = ajv.getSchema(`${schema.$id}#/$defs/detector`);
    assert.ok(validate, "policy/schema.json has no $defs/detector");
    for (const { def } of lib) assert.ok(validate(def), `${def.id}: ${JSON.stringify(validate.errors)}`);
  });

  test("docs/detectors.md is generated from the library (run: node --import tsx tests/node/library/docs.ts)", () => {
    const doc = readFileSync(join(ROOT, "docs/detectors.md"), "utf8");
    assert.equal(doc, renderDetectorsDoc(lib), "docs/detectors.md is stale");
  });
});

describe("detector library examples (reference matcher + real validators)", () => {
  let host: ValidatorHost;
  before(async () => {
    host = await loadValidators();
  });

  test("the wasm registry agrees with the source list", () => {
    names.forEach((n, i) => assert.equal(host.idOf(n), i, n));
    assert.equal(host.idOf("no_such_validator"), -1);
  });

  test("every positive example is found and no negative example is", () => {
    const failures: string[] = [];
    for (const { def } of lib) {
      for (const e of def.examples?.positive ?? []) {
        const { value, key } = exampleOf(e);
        if (!detects(def, host, value, key)) failures.push(`${def.id}: positive not found: ${JSON.stringify(e)}`);
      }
      for (const e of def.examples?.negative ?? []) {
        const { value, key } = exampleOf(e);
        if (detects(def, host, value, key)) failures.push(`${def.id}: negative found: ${JSON.stringify(e)}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  test("hard negatives shared by all detectors: UUIDs, hashes, timestamps, versions, base64, templates", () => {
    const hard = [
      "123e4567-e89b-12d3-a456-426614174000", "d41d8cd98f00b204e9800998ecf8427e",
      "da39a3ee5e6b4b0d3255bfef95601890afd80709",
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "1732200000", "1732200000123",
      "2024-11-21T16:30:00.000Z", "v1.2.3", "1.20.3-beta.4", "10.2.0.1234-rc1", "SGVsbG8gV29ybGQhIFRoaXMgaXMgYmFzZTY0",
      "${API_KEY}", "{{ .Values.token }}", "<your-api-key>", "%(password)s", "null", "true", "N/A",
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "0000000000000000", "Lorem ipsum dolor sit amet, consectetur adipiscing elit",
    ];
    const failures: string[] = [];
    for (const { def } of lib) {
      for (const v of hard) if (detects(def, host, v, null)) failures.push(`${def.id} fires on ${v}`);
    }
    assert.deepEqual(failures, []);
  });
});
