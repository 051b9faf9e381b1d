// Renders docs/detectors.md from the library. Run directly to rewrite the file:
//   node --import tsx tests/node/library/docs.ts
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ROOT, loadLibrary, validatorName, type LoadedDetector } from "./load.ts";

const NOTES: Record<string, string> = {
  luhn: "Luhn checksum",
  card_iin: "issuer range and length",
  iban: "ISO 13616 mod-97 and per-country length",
  ssn: "SSA area/group/serial rules, known invalid numbers",
  aba_routing: "3-7-1 checksum, Federal Reserve prefix",
  jwt: "header (with alg) and payload decode to JSON objects",
  ip: "real IPv4/IPv6 syntax",
  email: "RFC 5321 shape, real-looking TLD",
  phone: "E.164 / NANP rules",
  birth_date: "real calendar date, 1900 to the year bound",
  uk_nino: "HMRC prefix and suffix rules",
  uk_nhs: "mod-11 check digit",
  ca_sin: "Luhn, prefix rules",
  us_drivers_license: "state shape union",
  private_key: "base64 body decodes to DER/OpenSSH key material",
  aws_secret_key: "40 base64 chars, mixed classes, entropy",
  password_value: "refuses masks, schema words, placeholders",
  secret_shape: "no UUIDs, hex digests, versions, placeholders; entropy",
  not_placeholder: "refuses ${VAR}, {{var}}, xxxx, EXAMPLE",
  base64: "decodes to the expected size",
  entropy: "Shannon entropy floor",
};

const cell = (s: string): string => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

function validatorsText(d: LoadedDetector["def"]): string {
  return (d.validators ?? []).map((v) => {
    const { name, param } = validatorName(v);
    return param === null ? `\`${name}\`` : `\`${name}: ${param}\``;
  }).join(", ") || "—";
}

function contextText(d: LoadedDetector["def"]): string {
  const k = d.keys ?? {};
  const parts: string[] = [];
  if ((k.require ?? []).length) parts.push(`${d.context_only ? "**only** under" : "under"} ${(k.require ?? []).slice(0, 4).map((x) => `\`${x}\``).join(", ")}${(k.require ?? []).length > 4 ? ` (+${(k.require ?? []).length - 4})` : ""}`);
  else if (d.context_only) parts.push(`**only** under ${(k.boost ?? []).slice(0, 4).map((x) => `\`${x}\``).join(", ")}`);
  else if ((k.boost ?? []).length) parts.push(`free text; boost ${(k.boost ?? []).slice(0, 3).map((x) => `\`${x}\``).join(", ")}`);
  else parts.push("free text");
  if ((k.exclude ?? []).length) parts.push(`not under ${(k.exclude ?? []).length} excluded keys`);
  return parts.join("; ");
}

function precisionText(d: LoadedDetector["def"]): string {
  const notes = (d.validators ?? []).map((v) => NOTES[validatorName(v).name]).filter(Boolean);
  if ((d.except ?? []).length) notes.push(`${(d.except ?? []).length} documented example value(s) excepted`);
  if (d.context_only || (d.keys?.require ?? []).length) notes.push("precision comes from key context");
  return notes.join("; ") || "prefix/shape only";
}

export function renderDetectorsDoc(lib: LoadedDetector[]): string {
  const out: string[] = [];
  out.push("# Built-in detectors", "");
  out.push("Generated from `policy/detectors/*.yaml` by `node --import tsx tests/node/library/docs.ts`; do not edit by hand.");
  out.push("The detector format is described in `docs/architecture.md` (\"Detector definition\"). Key globs match the field");
  out.push("name a value sits under, case-insensitively. `pii.person_name` and `pii.street_address` fire **only** from key");
  out.push("context (names and addresses have no reliable free-text shape). `secret.password` likewise: a password-like key");
  out.push("makes its value a secret. `birth_date` has no clock: its upper year bound is a constant (`MAX_BIRTH_YEAR` in");
  out.push("`assembly/validators/date.ts`, build year − 1) unless the policy passes one (`{birth_date: 2026}`).");
  out.push("Key globs are literal about separators: `dl_number` does not match `dlNumber`, so camelCase spellings are listed");
  out.push("too. Vendor secrets without a prefix (Twilio auth tokens, legacy Heroku and Vault tokens, Datadog, Okta, Cloudflare");
  out.push("keys) need a key: in JSON the field name, in text an `*.assigned` detector matching `NAME=value` (its match");
  out.push("includes the variable name). Precision and recall per category on a generated, labelled set:");
  out.push("`node --import tsx tests/eval/detection/run.ts` (asserted on a smaller slice by `tests/node/detection-eval.test.ts`).", "");
  const files = [...new Set(lib.map((d) => d.file))];
  out.push(`${lib.length} detectors: ${files.map((f) => `${lib.filter((d) => d.file === f).length} in \`${f}\``).join(", ")}.`, "");
  for (const f of files) {
    out.push(`## ${f}`, "", "| id | finds | severity | validators | context | precision notes |", "|---|---|---|---|---|---|");
    for (const { def } of lib.filter((d) => d.file === f)) {
      out.push(`| \`${def.id}\` | ${cell(def.description ?? "")} | ${def.severity ?? "medium"} | ${cell(validatorsText(def))} | ${cell(contextText(def))} | ${cell(precisionText(def))} |`);
    }
    out.push("");
  }
  return out.join("\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(join(ROOT, "docs/detectors.md"), renderDetectorsDoc(loadLibrary()));
}
