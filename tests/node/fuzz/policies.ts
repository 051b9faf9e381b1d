// Random policies from the schema's vocabulary (rendered through the real tooling, so every one the
// generator emits is a policy `microwaf check` accepts), and random junk as plugin configuration.
import fc from "fast-check";
import { stringify } from "yaml";
import { checkText } from "../../../src/policy/index.ts";
import { renderPolicy } from "../filter/policy-helpers.ts";

const BUILTIN = ["pii.*", "secret.*", "pii.credit_card", "pii.ssn", "pii.email", "pii.phone", "pii.iban", "pii.ip_address", "pii.person_name",
  "secret.aws_access_key", "secret.github_token", "secret.jwt", "secret.private_key", "secret.password", "secret.slack_token",
  "attack.sqli", "attack.xss", "attack.path_traversal", "attack.command_injection", "attack.log4shell", "attack.ssrf", "leak.stack_trace"];

/** Patterns inside the regex subset, including ones that are pathological for backtracking engines. */
export const PATTERNS = [
  "\\bE\\d{6}\\b", "[A-Za-z0-9+/]{40}", "(a|aa)+b", "(a+)+$", "(x+x+)+y", "([a-z]+)*@", "(a|a?)+c", "^(\\w+\\s?)+$",
  "(?i)internal-[0-9a-f]{8}", "\\d{3}-\\d{2}-\\d{4}", "[^\\n]{1,1000}z", "(.*a){12}", "a{1,1000}b", "(?:ab|cd|ef)+gh",
  "tok_[A-Z0-9]{4,64}", "\\$\\{[^}]{1,200}\\}", "\\x41\\x42+", "(\\d+[ -]?){4,12}",
];
const VALIDATORS: Array<string | Record<string, number>> = ["luhn", "iban", "ssn", "jwt", "ip", "email", "base64", { entropy: 3.0 }, { entropy: 4.5 }];
const KEYWORDS = ["card", "pan", "ssn", "token", "*_id", "user*", "secret", "password", "name"];

const customDetector = (i: number) => fc.record({
  id: fc.constant(`custom.d${i}`),
  severity: fc.constantFrom("low", "medium", "high", "critical"),
  pattern: fc.option(fc.constantFrom(...PATTERNS), { nil: undefined }),
  literals: fc.option(fc.array(fc.stringMatching(/^[A-Za-z0-9_-]{3,12}$/), { minLength: 1, maxLength: 3 }), { nil: undefined }),
  case_insensitive: fc.boolean(),
  validators: fc.option(fc.subarray(VALIDATORS, { maxLength: 2 }), { nil: undefined }),
  keys: fc.option(fc.record({ boost: fc.subarray(KEYWORDS, { maxLength: 3 }), exclude: fc.subarray(["id", "*_hash", "uuid"], { maxLength: 2 }) }), { nil: undefined }),
  except: fc.option(fc.array(fc.stringMatching(/^[A-Za-z0-9]{3,10}$/), { maxLength: 2 }), { nil: undefined }),
}).map((d) => {
  const o: Record<string, unknown> = { ...d };
  if (!o.pattern && !o.literals) o.pattern = PATTERNS[i % PATTERNS.length];
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
});

const redact = fc.oneof(
  fc.constant({ style: "mask" }),
  fc.integer({ min: 0, max: 8 }).map((keep) => ({ style: "keep_last", keep })),
  fc.stringMatching(/^[A-Z[\]]{1,10}$/).map((t) => ({ style: "fixed", text: t })),
);

/** Rules over distinct selectors (no two rules can conflict). */
const rules = (customs: number) => fc.uniqueArray(fc.constantFrom(...BUILTIN.filter((b) => !b.startsWith("leak")), ...Array.from({ length: customs }, (_, i) => `custom.d${i}`)), { maxLength: 5 })
  .chain((sels) => fc.tuple(...sels.map((sel) => fc.record({
    action: sel.startsWith("attack.") ? fc.constantFrom("alert", "block") : fc.constantFrom("alert", "redact", "block"),
    threshold: fc.integer({ min: 1, max: 3 }),
    direction: sel.startsWith("attack.") ? fc.constant("request") : fc.constantFrom("request", "response", "both"),
    redact,
    status: fc.constantFrom(403, 400, 451, 502),
  }).map((r) => {
    const o: Record<string, unknown> = { detectors: [sel], action: r.action, threshold: r.threshold, direction: r.direction };
    if (r.action === "redact") o.redact = r.redact;
    if (r.action === "block") o.status = r.status;
    return o;
  }))));

export const randomPolicy: fc.Arbitrary<string> = fc.integer({ min: 0, max: 4 }).chain((nCustom) => fc.record({
  version: fc.constant(1),
  mode: fc.constantFrom("enforce", "monitor"),
  enable: fc.option(fc.subarray(["pii.*", "secret.*", "attack.*", "leak.*", "!pii.ip_address", "!pii.person_name"], { minLength: 1 }), { nil: undefined }),
  detectors: fc.tuple(...Array.from({ length: nCustom }, (_, i) => customDetector(i))),
  rules: rules(nCustom),
  routes: fc.array(fc.record({
    path: fc.constantFrom("/api/payments/**", "/api/users/{id}", "/api/form", "/health"),
    methods: fc.option(fc.subarray(["GET", "POST", "PUT"], { minLength: 1 }), { nil: undefined }),
    direction: fc.constantFrom("request", "response", "both"),
  }), { maxLength: 3 }).map((rs) => {
    const seen = new Set<string>();
    return rs.filter((r) => { const k = r.path; if (seen.has(k)) return false; seen.add(k); return true; })
      .map((r, i) => ({ name: `r${i}`, match: { path: r.path, direction: r.direction, ...(r.methods ? { methods: r.methods } : {}) } }));
  }),
  report: fc.record({ values: fc.constantFrom("none", "masked", "sha256-prefix"), evidence: fc.boolean() }),
  body: fc.record({
    hold_headers: fc.boolean(),
    max_bytes: fc.constantFrom(64, 1024, 65536, 1048576),
    oversize: fc.constantFrom("stream", "pass", "block"),
    hold_bytes: fc.constantFrom(0, 16, 4096, 65536),
    compressed: fc.constantFrom("inflate", "pass", "alert", "block"),
  }),
  attacks: fc.record({ paranoia: fc.integer({ min: 1, max: 4 }) }),
  limits: fc.option(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.constantFrom("token", "peer_service", "route")).map(([max, per]) => [{ name: "l1", per, detectors: ["pii.*"], max, window: "1m", action: "block", status: 429 }]), { nil: undefined }),
})).map((p) => {
  const o: Record<string, unknown> = { ...p };
  for (const k of Object.keys(o)) if (o[k] === undefined || (Array.isArray(o[k]) && (o[k] as unknown[]).length === 0)) delete o[k];
  return stringify(o);
}).filter((yaml) => !!checkText("fuzz.yaml", yaml).policy);

/** Anything but a valid policy: random JSON, mutated valid policies, truncated text, odd bytes. */
const VALID = renderPolicy("version: 1\nrules:\n  - detectors: ['pii.*']\n    action: redact\n");
export const junkConfiguration: fc.Arbitrary<string> = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v) ?? ""),
  fc.jsonValue().map((v) => JSON.stringify({ version: 1, [String(Object.keys(Object(v))[0] ?? "x")]: v })),
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.tuple(fc.nat(VALID.length), fc.nat(255), fc.nat(3)).map(([i, b, k]) =>
    k === 0 ? VALID.slice(0, i) : k === 1 ? VALID.slice(0, i) + String.fromCharCode(b) + VALID.slice(i + 1) : k === 2 ? VALID.slice(0, i) + VALID.slice(i + 1) : VALID.slice(0, i) + "\\u" + VALID.slice(i)),
  // valid JSON, wrong types at known keys
  fc.tuple(fc.constantFrom("mode", "enable", "detectors", "rules", "routes", "report", "body", "limits", "identity", "attacks", "blocklists"), fc.jsonValue())
    .map(([k, v]) => { const o = JSON.parse(VALID); o[k] = v; return JSON.stringify(o); }),
);
