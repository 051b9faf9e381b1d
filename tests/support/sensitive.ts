// Deterministic generators of sensitive values (valid and near-miss) for tests, the evaluation set and the
// benchmark corpus. Valid means valid by the same rules the filter checks (Luhn, mod-97, SSA rules, …),
// computed here independently so a test can catch a wrong validator.

/** Small fast seeded PRNG (mulberry32): the same seed gives the same data on every machine. */
export class Rng {
  private s: number;
  constructor(seed: number) { this.s = seed >>> 0; }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number { return min + Math.floor(this.next() * (max - min + 1)); }
  pick<T>(items: readonly T[]): T { return items[Math.floor(this.next() * items.length)]; }
  digits(n: number): string { let s = ""; for (let i = 0; i < n; i++) s += String(this.int(0, 9)); return s; }
  chars(n: number, alphabet: string): string { let s = ""; for (let i = 0; i < n; i++) s += alphabet[this.int(0, alphabet.length - 1)]; return s; }
  bool(p = 0.5): boolean { return this.next() < p; }
}

export const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
export const UPPER_NUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
export const BASE64URL = ALNUM + "-_";
export const HEX = "0123456789abcdef";

export function luhnCheckDigit(payload: string): number {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    let d = payload.charCodeAt(payload.length - 1 - i) - 48;
    if (i % 2 === 0) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function luhnValid(num: string): boolean {
  const digits = num.replace(/[ -]/g, "");
  return luhnCheckDigit(digits.slice(0, -1)) === Number(digits[digits.length - 1]);
}

const CARD_PREFIXES: Array<[string, number]> = [["4", 16], ["51", 16], ["55", 16], ["2221", 16], ["34", 15], ["37", 15], ["6011", 16], ["65", 16], ["3528", 16]];

/** A card number valid by Luhn with a real IIN prefix; optionally grouped with spaces or dashes. */
export function cardNumber(r: Rng, sep: "" | " " | "-" = ""): string {
  const [prefix, len] = r.pick(CARD_PREFIXES);
  const payload = prefix + r.digits(len - prefix.length - 1);
  const num = payload + String(luhnCheckDigit(payload));
  if (!sep) return num;
  return len === 15 ? [num.slice(0, 4), num.slice(4, 10), num.slice(10)].join(sep) : num.match(/.{4}/g)!.join(sep);
}

/** Same shape as a card number, Luhn check digit off by one. */
export function badCardNumber(r: Rng): string {
  const good = cardNumber(r);
  const last = Number(good[good.length - 1]);
  return good.slice(0, -1) + String((last + 1) % 10);
}

/** An SSN valid under SSA rules (area 001–899 except 666, group 01–99, serial 0001–9999). */
export function ssn(r: Rng, dashes = true): string {
  let area: number;
  do area = r.int(1, 899); while (area === 666);
  const s = `${String(area).padStart(3, "0")}-${String(r.int(1, 99)).padStart(2, "0")}-${String(r.int(1, 9999)).padStart(4, "0")}`;
  return dashes ? s : s.replace(/-/g, "");
}

export function badSsn(r: Rng): string {
  return r.pick([`000-${r.digits(2)}-${r.digits(4)}`, `666-${r.digits(2)}-${r.digits(4)}`, `9${r.digits(2)}-${r.digits(2)}-${r.digits(4)}`,
    `${r.int(100, 665)}-00-${r.digits(4)}`, `${r.int(100, 665)}-${r.int(10, 99)}-0000`, "078-05-1120", "123-45-6789"]);
}

// BBAN structure per country (SWIFT IBAN registry): n digits, a upper-case letters, c alphanumerics.
const IBAN_FORMATS: Record<string, string> = {
  DE: "18n", GB: "4a14n", FR: "10n11c2n", ES: "20n", IT: "1a10n12c", NL: "4a10n", BE: "12n", CH: "5n12c", AT: "16n",
  PL: "24n", SE: "20n", IE: "4a14n", PT: "21n", DK: "14n", NO: "11n", FI: "14n",
};
const IBAN_LENGTH: Record<string, number> = Object.fromEntries(Object.entries(IBAN_FORMATS).map(([c, f]) =>
  [c, 4 + [...f.matchAll(/(\d+)[nac]/g)].reduce((a, m) => a + Number(m[1]), 0)]));

function bban(r: Rng, format: string): string {
  let out = "";
  for (const [, count, kind] of format.matchAll(/(\d+)([nac])/g)) {
    const n = Number(count);
    out += kind === "n" ? r.digits(n) : kind === "a" ? r.chars(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") : r.chars(n, UPPER_NUM);
  }
  return out;
}

function mod97(numeric: string): number {
  let rem = 0;
  for (const ch of numeric) rem = (rem * 10 + (ch.charCodeAt(0) - 48)) % 97;
  return rem;
}

function ibanToNumeric(s: string): string {
  return [...s].map((c) => (c >= "A" && c <= "Z" ? String(c.charCodeAt(0) - 55) : c)).join("");
}

/** An IBAN with correct length for its country and correct mod-97 check digits (BBAN digits only). */
export function iban(r: Rng, grouped = false): string {
  const country = r.pick(Object.keys(IBAN_FORMATS));
  const b = bban(r, IBAN_FORMATS[country]);
  const check = 98 - mod97(ibanToNumeric(b + country + "00"));
  const s = country + String(check).padStart(2, "0") + b;
  return grouped ? s.match(/.{1,4}/g)!.join(" ") : s;
}

export function ibanValid(s: string): boolean {
  const c = s.replace(/ /g, "");
  return c.length === IBAN_LENGTH[c.slice(0, 2)] && mod97(ibanToNumeric(c.slice(4) + c.slice(0, 4))) === 1;
}

export function badIban(r: Rng): string {
  const good = iban(r);
  const d = Number(good[good.length - 1]);
  return good.slice(0, -1) + String((d + 1) % 10);
}

/** ABA routing number with a valid 3-7-1 checksum and a valid Federal Reserve prefix. */
export function abaRouting(r: Rng): string {
  const prefix = String(r.int(1, 12)).padStart(2, "0");
  const body = prefix + r.digits(6);
  const w = [3, 7, 1, 3, 7, 1, 3, 7];
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(body[i]) * w[i];
  return body + String((10 - (sum % 10)) % 10);
}

export function email(r: Rng): string {
  const first = r.pick(["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory", "oscar"]);
  const last = r.pick(["smith", "jones", "garcia", "miller", "davis", "lopez", "wilson", "moore", "taylor", "lee"]);
  const domain = r.pick(["example.com", "mail.acme.io", "corp.example.org", "gmail.com", "outlook.com", "company.co.uk"]);
  return `${first}${r.pick([".", "_", ""])}${last}${r.bool(0.3) ? r.int(1, 99) : ""}@${domain}`;
}

/** A NANP phone number in a common written form (area/exchange never start with 0 or 1, never N11; area not
 * N9X; not 555-01xx). */
export function usPhone(r: Rng): string {
  let area: string;
  do area = `${r.int(2, 9)}${r.digits(2)}`; while (area[1] === "9" || area.endsWith("11"));
  let exch: string;
  do exch = `${r.int(2, 9)}${r.digits(2)}`; while (exch === "555" || exch.endsWith("11"));
  const line = r.digits(4);
  return r.pick([`(${area}) ${exch}-${line}`, `${area}-${exch}-${line}`, `+1 ${area} ${exch} ${line}`, `${area}.${exch}.${line}`]);
}

export function ipv4(r: Rng): string {
  return `${r.int(11, 223)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`;
}

export function birthDate(r: Rng): string {
  const y = r.int(1935, 2005), m = r.int(1, 12), d = r.int(1, 28);
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

export function awsAccessKey(r: Rng): string { return "AKIA" + r.chars(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"); }
export function awsSecretKey(r: Rng): string { return r.chars(40, ALNUM + "/+"); }
export function githubToken(r: Rng): string { return r.pick(["ghp_", "gho_", "ghs_", "ghu_"]) + r.chars(36, ALNUM); }
export function slackToken(r: Rng): string { return `xoxb-${r.digits(11)}-${r.digits(12)}-${r.chars(24, ALNUM)}`; }
export function stripeKey(r: Rng): string { return r.pick(["sk_live_", "rk_live_"]) + r.chars(24, ALNUM); }
export function googleApiKey(r: Rng): string { return "AIza" + r.chars(35, ALNUM + "-_"); }

function b64url(s: string): string { return Buffer.from(s).toString("base64url"); }

export function jwt(r: Rng): string {
  const header = b64url(JSON.stringify({ alg: r.pick(["HS256", "RS256", "ES256"]), typ: "JWT" }));
  const payload = b64url(JSON.stringify({ sub: `user-${r.digits(6)}`, iat: 1700000000 + r.int(0, 9999999), scope: "read write" }));
  return `${header}.${payload}.${r.chars(43, BASE64URL)}`;
}

export function privateKeyPem(r: Rng): string {
  const body = Array.from({ length: 6 }, () => r.chars(64, ALNUM + "+/")).join("\n");
  return `-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----`;
}

/** Values that look sensitive but are not: the hard negatives a precise detector must pass. */
export function hardNegative(r: Rng): string {
  const uuid = () => `${r.chars(8, HEX)}-${r.chars(4, HEX)}-4${r.chars(3, HEX)}-${r.pick(["8", "9", "a", "b"])}${r.chars(3, HEX)}-${r.chars(12, HEX)}`;
  return r.pick([
    () => badCardNumber(r), () => badSsn(r), () => badIban(r), uuid,
    () => r.chars(40, HEX), () => r.chars(64, HEX), // sha1 / sha256 hashes
    () => String(1600000000000 + r.int(0, 99999999999)), // epoch millis
    () => `${r.int(0, 9)}.${r.int(0, 30)}.${r.int(0, 99)}`, // versions
    () => "${" + r.pick(["DB_PASSWORD", "API_KEY", "SECRET"]) + "}", () => "{{ " + r.pick(["password", "token"]) + " }}",
    () => "AKIAIOSFODNN7EXAMPLE", () => r.digits(9), () => `ORD-${r.digits(10)}`,
  ])();
}

// ---------------------------------------------------------------------------------------------------------
// More generators for the detection evaluation (tests/eval/detection). Formats follow the issuers' documented
// shapes (prefix, length, alphabet), not the library's patterns.

export const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
export const BASE64 = ALNUM + "+/";
const BECH32 = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L";

export function hex(r: Rng, n: number): string { return r.chars(n, HEX); }
export function uuid(r: Rng): string {
  return `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-${r.pick(["8", "9", "a", "b"])}${hex(r, 3)}-${hex(r, 12)}`;
}

/** UK National Insurance number (HMRC prefix rules, suffix A-D), optionally spaced in pairs. */
export function ukNino(r: Rng, spaced = false): string {
  const first = "ABCEGHJKLMNOPRSTWXYZ", second = "ABCEGHJKLMNPRSTWXYZ";
  let p: string;
  do p = r.pick([...first]) + r.pick([...second]); while (["BG", "GB", "NK", "KN", "TN", "NT", "ZZ"].includes(p));
  const d = r.digits(6), s = r.pick(["A", "B", "C", "D"]);
  return spaced ? `${p} ${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4)} ${s}` : p + d + s;
}

/** UK NHS number with a valid mod-11 check digit (check 10 is never issued), optionally 3-3-4 spaced. */
export function ukNhs(r: Rng, spaced = false): string {
  for (;;) {
    const d = String(r.int(1, 9)) + r.digits(8);
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += Number(d[i]) * (10 - i);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    const n = d + String(check === 11 ? 0 : check);
    return spaced ? `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}` : n;
  }
}

/** Canadian SIN: Luhn-valid, first digit 1-7 or 9 (temporary residents). */
export function caSin(r: Rng, sep: "" | " " | "-" = ""): string {
  const payload = String(r.pick([1, 2, 3, 4, 5, 6, 7, 9])) + r.digits(7);
  const n = payload + String(luhnCheckDigit(payload));
  return sep ? [n.slice(0, 3), n.slice(3, 6), n.slice(6)].join(sep) : n;
}

function b64urlJson(o: unknown): string { return Buffer.from(JSON.stringify(o)).toString("base64url"); }
function b64Json(o: unknown): string { return Buffer.from(JSON.stringify(o)).toString("base64").replace(/=+$/, ""); }

/** A vendor secret generator: category (taxonomy id), the value, and environment-variable names it is kept under. */
export interface VendorSecret { category: string; gen: (r: Rng) => string; env: string[]; prefixed: boolean }

export const VENDOR_SECRETS: VendorSecret[] = [
  { category: "secret.aws_access_key", prefixed: true, env: ["AWS_ACCESS_KEY_ID", "aws_access_key_id", "accessKeyId"], gen: (r) => r.pick(["AKIA", "AKIA", "ASIA"]) + r.chars(16, BASE32) },
  { category: "secret.github_token", prefixed: true, env: ["GITHUB_TOKEN", "GH_TOKEN", "github_token"], gen: (r) => r.bool(0.85) ? githubToken(r) : "github_pat_" + r.chars(22, ALNUM) + "_" + r.chars(59, ALNUM) },
  { category: "secret.slack_token", prefixed: true, env: ["SLACK_BOT_TOKEN", "SLACK_TOKEN", "slack_token"], gen: (r) => r.bool(0.7) ? slackToken(r) : `xoxp-${r.digits(12)}-${r.digits(12)}-${r.digits(13)}-${hex(r, 32)}` },
  { category: "secret.stripe_key", prefixed: true, env: ["STRIPE_SECRET_KEY", "STRIPE_API_KEY", "stripe_key"], gen: (r) => r.bool(0.8) ? r.pick(["sk_live_", "sk_test_", "rk_live_"]) + r.chars(r.pick([24, 99]), ALNUM) : "whsec_" + r.chars(32, ALNUM) },
  { category: "secret.google_api_key", prefixed: true, env: ["GOOGLE_API_KEY", "GOOGLE_MAPS_API_KEY", "firebaseApiKey"], gen: (r) => googleApiKey(r) },
  { category: "secret.gitlab_token", prefixed: true, env: ["GITLAB_TOKEN", "CI_JOB_TOKEN", "gitlab_token"], gen: (r) => r.pick(["glpat-", "glpat-", "gldt-", "glrt-", "glptt-"]) + r.chars(20, ALNUM + "_-") },
  { category: "secret.npm_token", prefixed: true, env: ["NPM_TOKEN", "NODE_AUTH_TOKEN"], gen: (r) => "npm_" + r.chars(36, ALNUM) },
  { category: "secret.pypi_token", prefixed: true, env: ["PYPI_TOKEN", "TWINE_PASSWORD"], gen: (r) => "pypi-AgEIcHlwaS5vcmc" + r.chars(r.int(120, 180), BASE64URL) },
  { category: "secret.twilio_api_key", prefixed: true, env: ["TWILIO_API_KEY", "twilio_api_key_sid"], gen: (r) => "SK" + hex(r, 32) },
  { category: "secret.twilio_auth_token", prefixed: false, env: ["TWILIO_AUTH_TOKEN", "twilioAuthToken", "twilio_auth_token"], gen: (r) => hex(r, 32) },
  { category: "secret.sendgrid_api_key", prefixed: true, env: ["SENDGRID_API_KEY", "sendgrid_key"], gen: (r) => `SG.${r.chars(22, BASE64URL)}.${r.chars(43, BASE64URL)}` },
  { category: "secret.mailgun_api_key", prefixed: true, env: ["MAILGUN_API_KEY", "mailgun_key"], gen: (r) => "key-" + hex(r, 32) },
  { category: "secret.mailchimp_api_key", prefixed: true, env: ["MAILCHIMP_API_KEY", "mailchimp_key"], gen: (r) => `${hex(r, 32)}-us${r.int(1, 21)}` },
  { category: "secret.shopify_token", prefixed: true, env: ["SHOPIFY_ACCESS_TOKEN", "SHOPIFY_API_SECRET"], gen: (r) => r.pick(["shpat_", "shpca_", "shppa_", "shpss_"]) + hex(r, 32) },
  { category: "secret.openai_api_key", prefixed: true, env: ["OPENAI_API_KEY", "openai_key"], gen: (r) => r.bool(0.3) ? `sk-${r.chars(20, ALNUM)}T3BlbkFJ${r.chars(20, ALNUM)}` : `sk-proj-${r.chars(74, ALNUM + "_-")}T3BlbkFJ${r.chars(74, ALNUM + "_-")}` },
  { category: "secret.anthropic_api_key", prefixed: true, env: ["ANTHROPIC_API_KEY", "CLAUDE_API_KEY"], gen: (r) => `sk-ant-api03-${r.chars(93, ALNUM + "_-")}AA` },
  { category: "secret.datadog_api_key", prefixed: false, env: ["DD_API_KEY", "DATADOG_API_KEY", "DD_APP_KEY"], gen: (r) => hex(r, r.pick([32, 40])) },
  { category: "secret.heroku_api_key", prefixed: true, env: ["HEROKU_API_KEY", "HEROKU_TOKEN"], gen: (r) => r.bool(0.6) ? "HRKU-AA" + r.chars(58, ALNUM + "_-") : uuid(r) },
  { category: "secret.digitalocean_token", prefixed: true, env: ["DIGITALOCEAN_TOKEN", "DO_TOKEN"], gen: (r) => r.pick(["dop_v1_", "doo_v1_", "dor_v1_"]) + hex(r, 64) },
  { category: "secret.discord_bot_token", prefixed: true, env: ["DISCORD_TOKEN", "DISCORD_BOT_TOKEN"], gen: (r) => `${Buffer.from(String(r.int(1, 9)) + r.digits(17)).toString("base64").replace(/=+$/, "")}.${r.chars(6, BASE64URL)}.${r.chars(r.pick([27, 38]), BASE64URL)}` },
  { category: "secret.discord_webhook", prefixed: true, env: ["DISCORD_WEBHOOK_URL", "discord_webhook"], gen: (r) => `https://discord.com/api/webhooks/${r.int(1, 9)}${r.digits(17)}/${r.chars(68, BASE64URL)}` },
  { category: "secret.telegram_bot_token", prefixed: true, env: ["TELEGRAM_BOT_TOKEN", "TG_TOKEN"], gen: (r) => `${r.int(1, 9)}${r.digits(r.int(7, 9))}:AA${r.pick(["E", "F", "G", "H"])}${r.chars(32, BASE64URL)}` },
  { category: "secret.square_token", prefixed: true, env: ["SQUARE_ACCESS_TOKEN", "square_token"], gen: (r) => r.bool(0.7) ? "EAAA" + r.chars(60, BASE64URL) : "sq0csp-" + r.chars(43, BASE64URL) },
  { category: "secret.braintree_token", prefixed: true, env: ["BRAINTREE_ACCESS_TOKEN"], gen: (r) => `access_token$${r.pick(["production", "sandbox"])}$${r.chars(16, "abcdefghijklmnopqrstuvwxyz0123456789")}$${hex(r, 32)}` },
  { category: "secret.vault_token", prefixed: true, env: ["VAULT_TOKEN", "X-Vault-Token"], gen: (r) => r.bool(0.8) ? "hvs.CAESI" + r.chars(r.int(86, 110), BASE64URL) : "s." + r.chars(24, ALNUM) },
  { category: "secret.terraform_cloud_token", prefixed: true, env: ["TFE_TOKEN", "TF_API_TOKEN"], gen: (r) => `${r.chars(14, ALNUM)}.atlasv1.${r.chars(67, ALNUM)}` },
  { category: "secret.postman_api_key", prefixed: true, env: ["POSTMAN_API_KEY"], gen: (r) => `PMAK-${hex(r, 24)}-${hex(r, 34)}` },
  { category: "secret.atlassian_api_token", prefixed: true, env: ["JIRA_API_TOKEN", "ATLASSIAN_API_TOKEN", "CONFLUENCE_TOKEN"], gen: (r) => `ATATT3xFfGF0${r.chars(171, ALNUM + "_-")}=${hex(r, 8).toUpperCase()}` },
  { category: "secret.okta_api_token", prefixed: false, env: ["OKTA_API_TOKEN", "okta_token"], gen: (r) => "00" + r.chars(40, ALNUM + "_-") },
  { category: "secret.databricks_token", prefixed: true, env: ["DATABRICKS_TOKEN"], gen: (r) => "dapi" + hex(r, 32) },
  { category: "secret.huggingface_token", prefixed: true, env: ["HF_TOKEN", "HUGGING_FACE_HUB_TOKEN"], gen: (r) => "hf_" + r.chars(34, ALNUM.slice(0, 52)) },
  { category: "secret.linear_api_key", prefixed: true, env: ["LINEAR_API_KEY"], gen: (r) => "lin_api_" + r.chars(40, ALNUM) },
  { category: "secret.doppler_token", prefixed: true, env: ["DOPPLER_TOKEN"], gen: (r) => `dp.${r.pick(["pt", "st", "sa", "ct"])}.${r.chars(43, ALNUM)}` },
  { category: "secret.dynatrace_token", prefixed: true, env: ["DT_API_TOKEN", "DYNATRACE_TOKEN"], gen: (r) => `dt0c01.${r.chars(24, UPPER_NUM)}.${r.chars(64, UPPER_NUM)}` },
  { category: "secret.pulumi_token", prefixed: true, env: ["PULUMI_ACCESS_TOKEN"], gen: (r) => "pul-" + hex(r, 40) },
  { category: "secret.rubygems_token", prefixed: true, env: ["GEM_HOST_API_KEY", "RUBYGEMS_API_KEY"], gen: (r) => "rubygems_" + hex(r, 48) },
  { category: "secret.sentry_token", prefixed: true, env: ["SENTRY_AUTH_TOKEN"], gen: (r) => r.bool(0.6) ? "sntryu_" + hex(r, 64) : `sntrys_${b64Json({ iat: 1700000000 + r.int(0, 9e7), url: "https://sentry.io", region_url: "https://us.sentry.io", org: "acme" })}_${r.chars(43, BASE64URL.slice(0, 62))}` },
  { category: "secret.grafana_token", prefixed: true, env: ["GRAFANA_TOKEN", "GRAFANA_SA_TOKEN"], gen: (r) => r.bool(0.6) ? `glsa_${r.chars(32, ALNUM)}_${hex(r, 8)}` : "glc_" + b64Json({ o: String(r.int(100000, 999999)), n: "stack-" + r.digits(6) + "-hm-write", k: r.chars(24, ALNUM), m: { r: "prod-us-east-0" } }) },
  { category: "secret.brevo_api_key", prefixed: true, env: ["BREVO_API_KEY", "SENDINBLUE_API_KEY"], gen: (r) => `xkeysib-${hex(r, 64)}-${r.chars(16, ALNUM)}` },
  { category: "secret.newrelic_key", prefixed: true, env: ["NEW_RELIC_API_KEY", "NEW_RELIC_USER_KEY"], gen: (r) => "NRAK-" + r.chars(27, UPPER_NUM) },
  { category: "secret.age_secret_key", prefixed: true, env: ["SOPS_AGE_KEY"], gen: (r) => "AGE-SECRET-KEY-1" + r.chars(58, BECH32) },
  { category: "secret.onepassword_token", prefixed: true, env: ["OP_SERVICE_ACCOUNT_TOKEN"], gen: (r) => "ops_" + b64Json({ signInAddress: "my.1password.com", userAuth: { method: "SRPg-4096", alg: "PBES2g-HS256", iterations: 650000, salt: r.chars(22, BASE64URL) }, email: r.chars(26, "abcdefghijklmnopqrstuvwxyz234567") + "@1passwordserviceaccounts.com", srpX: hex(r, 64), muk: { alg: "A256GCM", ext: true, k: r.chars(43, BASE64URL), key_ops: ["encrypt", "decrypt"], kty: "oct", kid: "mp" }, secretKey: "A3-" + r.chars(6, UPPER_NUM) + "-" + r.chars(6, UPPER_NUM), throttleSecret: { seed: hex(r, 64), deviceUuid: r.chars(26, "abcdefghijklmnopqrstuvwxyz234567") }, deviceUuid: r.chars(26, "abcdefghijklmnopqrstuvwxyz234567") }) },
  { category: "secret.flyio_token", prefixed: true, env: ["FLY_API_TOKEN", "FLY_ACCESS_TOKEN"], gen: (r) => r.bool(0.4) ? "fo1_" + r.chars(43, BASE64URL) : "FlyV1 fm2_" + r.chars(r.int(200, 400), BASE64) + "==" },
  { category: "secret.notion_token", prefixed: true, env: ["NOTION_TOKEN", "NOTION_API_KEY"], gen: (r) => `ntn_${r.digits(11)}${r.chars(35, ALNUM)}` },
  { category: "secret.planetscale_token", prefixed: true, env: ["PLANETSCALE_SERVICE_TOKEN", "PSCALE_PASSWORD"], gen: (r) => `pscale_${r.pick(["tkn", "pw", "oauth"])}_${r.chars(43, ALNUM + "_-")}` },
  { category: "secret.cloudflare_token", prefixed: false, env: ["CLOUDFLARE_API_TOKEN", "CF_API_TOKEN", "CLOUDFLARE_API_KEY"], gen: (r) => r.bool(0.3) ? `v1.0-${hex(r, 24)}-${hex(r, 146)}` : r.bool(0.7) ? r.chars(40, BASE64URL) : hex(r, 37) },
  { category: "secret.facebook_access_token", prefixed: true, env: ["FACEBOOK_ACCESS_TOKEN", "FB_PAGE_TOKEN"], gen: (r) => "EAA" + r.pick(["B", "G", "J", "I"]) + r.chars(r.int(150, 220), ALNUM) },
  { category: "secret.twitter_bearer_token", prefixed: true, env: ["TWITTER_BEARER_TOKEN", "X_BEARER_TOKEN"], gen: (r) => "AAAAAAAAAAAAAAAAAAAAA" + r.chars(30, ALNUM) + "%2B" + r.chars(10, ALNUM) + "%3D" + r.chars(50, ALNUM) },
  { category: "secret.teams_webhook", prefixed: true, env: ["TEAMS_WEBHOOK_URL"], gen: (r) => `https://${r.pick(["acme", "contoso", "initech"])}.webhook.office.com/webhookb2/${uuid(r)}@${uuid(r)}/IncomingWebhook/${hex(r, 32)}/${uuid(r)}` },
  { category: "secret.mapbox_token", prefixed: true, env: ["MAPBOX_SECRET_TOKEN", "MAPBOX_ACCESS_TOKEN"], gen: (r) => `sk.${b64urlJson({ u: r.pick(["acme", "mapsteam", "geo-dev"]), a: r.chars(25, "abcdefghijklmnopqrstuvwxyz0123456789") })}.${r.chars(22, BASE64URL)}` },
  { category: "secret.alibaba_access_key", prefixed: true, env: ["ALIBABA_CLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY"], gen: (r) => { const p = r.pick(["LTAI4", "LTAI5t"]); return p + r.chars(24 - p.length, ALNUM); } },
  { category: "secret.easypost_api_key", prefixed: true, env: ["EASYPOST_API_KEY"], gen: (r) => r.pick(["EZAK", "EZTK"]) + r.chars(54, ALNUM) },
  { category: "secret.slack_webhook", prefixed: true, env: ["SLACK_WEBHOOK_URL", "slack_webhook"], gen: (r) => `https://hooks.slack.com/services/T${r.chars(8, UPPER_NUM)}/B${r.chars(10, UPPER_NUM)}/${r.chars(24, ALNUM)}` },
  { category: "secret.azure_ad_client_secret", prefixed: true, env: ["AZURE_CLIENT_SECRET", "clientSecret"], gen: (r) => `${r.chars(3, ALNUM)}${r.int(7, 8)}Q~${r.chars(34, ALNUM + "_~.-")}` },
  { category: "secret.azure_storage_key", prefixed: true, env: ["AZURE_STORAGE_CONNECTION_STRING", "AzureWebJobsStorage"], gen: (r) => `DefaultEndpointsProtocol=https;AccountName=${r.pick(["acmeprod", "logs01", "stdata"])}${r.digits(2)};AccountKey=${Buffer.from(Array.from({ length: 64 }, () => r.int(0, 255))).toString("base64")};EndpointSuffix=core.windows.net` },
];

/** A realistic user password (memorable or generated). */
export function password(r: Rng): string {
  const words = ["sunshine", "dragon", "Monkey", "football", "Winter", "purple", "Summer", "tiger", "Falcon", "coffee"];
  return r.pick([
    () => r.pick(words) + r.int(1, 2025) + r.pick(["!", "#", "", "$", "?"]),
    () => r.chars(r.int(12, 24), ALNUM + "!@#$%^&*-_"),
    () => `${r.pick(words)}-${r.pick(words).toLowerCase()}-${r.pick(words).toLowerCase()}`,
    () => r.pick(words) + "_" + r.digits(4),
  ])();
}

/** A PEM private key of a given kind with base64 body lines (not a real key, but real-shaped material). */
export function privateKeyPemOf(r: Rng, kind: "RSA" | "EC" | "" | "OPENSSH" | "ENCRYPTED"): string {
  const lines = kind === "EC" ? 3 : r.int(8, 25);
  const prefix = kind === "OPENSSH" ? "b3BlbnNzaC1rZXktdjEAAAAA" : kind === "EC" ? "MHcCAQEEI" : "MII";
  const body = Array.from({ length: lines }, (_, i) => (i === 0 ? prefix + r.chars(64 - prefix.length, BASE64) : r.chars(64, BASE64)));
  body.push(r.chars(r.int(8, 60), BASE64) + r.pick(["", "=", "=="]));
  const label = kind === "" ? "PRIVATE KEY" : `${kind} PRIVATE KEY`;
  return `-----BEGIN ${label}-----\n${body.join("\n")}\n-----END ${label}-----`;
}
