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

const IBAN_FORMATS: Record<string, number> = { DE: 22, GB: 22, FR: 27, ES: 24, IT: 27, NL: 18, BE: 16, CH: 21, AT: 20, PL: 28, SE: 24, IE: 22 };

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
  const bban = r.digits(IBAN_FORMATS[country] - 4);
  const check = 98 - mod97(ibanToNumeric(bban + country + "00"));
  const s = country + String(check).padStart(2, "0") + bban;
  return grouped ? s.match(/.{1,4}/g)!.join(" ") : s;
}

export function ibanValid(s: string): boolean {
  const c = s.replace(/ /g, "");
  return c.length === IBAN_FORMATS[c.slice(0, 2)] && mod97(ibanToNumeric(c.slice(4) + c.slice(0, 4))) === 1;
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

/** A NANP phone number in a common written form (area/exchange never start with 0 or 1; not 555-01xx). */
export function usPhone(r: Rng): string {
  const area = `${r.int(2, 9)}${r.digits(2)}`;
  let exch: string;
  do exch = `${r.int(2, 9)}${r.digits(2)}`; while (exch === "555");
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
