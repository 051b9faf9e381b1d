// The labelled detection-evaluation set, generated on demand (never committed as data): realistic JSON API
// bodies, some form and text/plain bodies, with every planted sensitive value's category and exact raw byte
// span known, plus hard negatives that carry no label (Luhn-failing numbers, invalid SSNs, UUIDs, hashes,
// timestamps, versions, base64 blobs, placeholders, order ids, non-birth dates, public keys, …).
// @faker-js/faker under a fixed seed gives the people, places and prose; tests/support/sensitive.ts gives the
// checksum-valid values and vendor token shapes. Nothing here looks at the detector library.
import { Faker, base, de, en, en_GB, en_US, fr } from "@faker-js/faker";
import {
  ALNUM, BASE64, BASE64URL, HEX, Rng, VENDOR_SECRETS, abaRouting, awsSecretKey, badCardNumber, badIban, badSsn, caSin,
  cardNumber, hex, iban, jwt, luhnCheckDigit, password, privateKeyPemOf, ssn, ukNhs, ukNino, usPhone, uuid,
  type VendorSecret,
} from "../../support/sensitive.ts";

// ---------------------------------------------------------------------------------------------------------
// Bodies with known spans

/** `keyed`: a vendor secret in a legacy form without its prefix (Heroku UUID keys, Vault s. tokens, Cloudflare
 *  API tokens): only key context can identify it. */
export interface Label { category: string; start: number; end: number; value: string; accept: string[]; keyed: boolean }
export interface EvalRecord { id: string; kind: string; contentType: string; direction: "request" | "response"; body: Buffer; labels: Label[] }

/** A planted sensitive value: the text and its taxonomy category. `accept`: other categories that may also fire on it. */
export class P { constructor(readonly v: string, readonly cat: string, readonly accept: string[] = [], readonly keyed = false) {} }
/** A string made of plain text and planted values. */
export class T { constructor(readonly parts: Array<string | P>) {} }
/** A JSON number written as given (planted or not). */
export class N { constructor(readonly digits: string, readonly planted?: P) {} }
export type J = null | boolean | number | string | P | T | N | J[] | { [k: string]: J };

const GENERIC_SECRET = ["secret.generic_api_key", "secret.bearer_token", "secret.password", "secret.url_credentials"];
function acceptFor(p: P): string[] {
  const a = [...p.accept];
  if (p.cat.startsWith("secret.")) a.push(...GENERIC_SECRET);
  if (p.cat === "pii.iban") a.push("pii.bank_account");
  return a;
}

class Writer {
  parts: string[] = [];
  bytes = 0;
  labels: Label[] = [];
  put(s: string): void { this.parts.push(s); this.bytes += Buffer.byteLength(s); }
  plant(p: P, encoded: string): void {
    const start = this.bytes;
    this.put(encoded);
    this.labels.push({ category: p.cat, start, end: this.bytes, value: p.v, accept: acceptFor(p), keyed: p.keyed });
  }
  text(): string { return this.parts.join(""); }
}

const jsonEsc = (s: string): string => JSON.stringify(s).slice(1, -1);

function writeJson(w: Writer, v: J, indent: string | null, depth = 0): void {
  const nl = indent === null ? "" : "\n" + indent.repeat(depth + 1);
  const close = indent === null ? "" : "\n" + indent.repeat(depth);
  const colon = indent === null ? ":" : ": ";
  if (v === null || typeof v === "boolean" || typeof v === "number") w.put(JSON.stringify(v));
  else if (typeof v === "string") w.put(JSON.stringify(v));
  else if (v instanceof P) { w.put('"'); w.plant(v, jsonEsc(v.v)); w.put('"'); }
  else if (v instanceof T) { w.put('"'); for (const p of v.parts) typeof p === "string" ? w.put(jsonEsc(p)) : w.plant(p, jsonEsc(p.v)); w.put('"'); }
  else if (v instanceof N) { if (v.planted) w.plant(v.planted, v.digits); else w.put(v.digits); }
  else if (Array.isArray(v)) {
    w.put("[");
    v.forEach((x, i) => { if (i) w.put(","); w.put(nl); writeJson(w, x, indent, depth + 1); });
    if (v.length) w.put(close);
    w.put("]");
  } else {
    const entries = Object.entries(v);
    w.put("{");
    entries.forEach(([k, x], i) => { if (i) w.put(","); w.put(nl); w.put(JSON.stringify(k) + colon); writeJson(w, x, indent, depth + 1); });
    if (entries.length) w.put(close);
    w.put("}");
  }
}

function jsonRecord(id: string, kind: string, v: J, r: Rng, direction: "request" | "response" = "response"): EvalRecord {
  const w = new Writer();
  writeJson(w, v, r.bool(0.3) ? "  " : null);
  return { id, kind, contentType: r.bool(0.9) ? "application/json" : "application/json; charset=utf-8", direction, body: Buffer.from(w.text()), labels: w.labels };
}

function formRecord(id: string, kind: string, fields: Array<[string, string | P]>): EvalRecord {
  const w = new Writer();
  const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, "+");
  fields.forEach(([k, v], i) => {
    if (i) w.put("&");
    w.put(enc(k) + "=");
    if (v instanceof P) w.plant(v, enc(v.v)); else w.put(enc(v));
  });
  return { id, kind, contentType: "application/x-www-form-urlencoded", direction: "request", body: Buffer.from(w.text()), labels: w.labels };
}

function textRecord(id: string, kind: string, parts: Array<string | P>, direction: "request" | "response" = "response"): EvalRecord {
  const w = new Writer();
  for (const p of parts) typeof p === "string" ? w.put(p) : w.plant(p, p.v);
  return { id, kind, contentType: "text/plain; charset=utf-8", direction, body: Buffer.from(w.text()), labels: w.labels };
}

// ---------------------------------------------------------------------------------------------------------
// Values

class Gen {
  readonly us: Faker;
  readonly gb: Faker;
  readonly de: Faker;
  readonly fr: Faker;
  constructor(readonly r: Rng, seed: number) {
    this.us = new Faker({ locale: [en_US, en, base] }); this.us.seed(seed);
    this.gb = new Faker({ locale: [en_GB, en, base] }); this.gb.seed(seed + 1);
    this.de = new Faker({ locale: [de, en, base] }); this.de.seed(seed + 2);
    this.fr = new Faker({ locale: [fr, en, base] }); this.fr.seed(seed + 3);
    // relative dates (recent, soon, ages) from a fixed day, not the clock, so a seed means the same bytes
    for (const f of [this.us, this.gb, this.de, this.fr]) f.setDefaultRefDate("2026-01-15T12:00:00.000Z");
  }
  get f(): Faker { return this.r.bool(0.7) ? this.us : this.r.pick([this.gb, this.de, this.fr]); }

  /** snake_case or camelCase, per record */
  camel = false;
  k(snake: string): string { return this.camel ? snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()) : snake; }

  // PII
  email(): P { return new P(this.r.bool(0.8) ? this.f.internet.email() : this.us.internet.email({ provider: this.r.pick(["acme.io", "example-corp.com", "mail.globex.co.uk", "initech.de"]) }).toLowerCase(), "pii.email"); }
  /** faker's NANP numbers use any area code; real ones never start with 0/1 nor are N11 or N9X */
  private nanpReal(make: () => string): string {
    for (;;) {
      const v = make();
      const d = v.replace(/\D/g, "").replace(/^1(?=\d{10}$)/, "");
      if (d.length < 10 || /^[2-9](?!11)(?!9)\d{2}[2-9](?!11)\d{2}/.test(d)) return v;
    }
  }
  phone(): P {
    const r = this.r;
    const v = r.pick<() => string>([
      () => this.nanpReal(() => this.us.phone.number({ style: "human" })), () => this.nanpReal(() => this.us.phone.number({ style: "national" })),
      () => this.nanpReal(() => this.us.phone.number({ style: "international" })),
      () => usPhone(r), () => this.gb.phone.number({ style: "international" }), () => this.gb.phone.number({ style: "human" }),
      () => this.de.phone.number({ style: "international" }), () => this.fr.phone.number({ style: "human" }),
    ])();
    return new P(v, "pii.phone");
  }
  /** a phone as written in prose: with separators or a + prefix */
  phoneText(): P { return new P(this.r.pick([() => usPhone(this.r), () => this.nanpReal(() => this.us.phone.number({ style: "national" })), () => this.gb.phone.number({ style: "human" }).replace(/^0/, "+44 "), () => this.nanpReal(() => this.us.phone.number({ style: "human" }))])(), "pii.phone"); }
  card(): P {
    const r = this.r;
    const v = r.bool(0.5) ? this.us.finance.creditCardNumber(r.pick(["visa", "mastercard", "amex", "discover", "jcb", "diners_club"]))
      : cardNumber(r, r.pick(["", "", " ", "-"]));
    return new P(v, "pii.credit_card");
  }
  ssn(dashes = true): P { return new P(ssn(this.r, dashes), "pii.ssn"); }
  iban(): P { return new P(this.r.bool(0.6) ? this.f.finance.iban({ formatted: this.r.bool(0.4) }) : iban(this.r, this.r.bool(0.3)), "pii.iban"); }
  ip(): P {
    if (this.r.bool(0.25)) return new P(this.us.internet.ipv6(), "pii.ip_address");
    let v: string;
    do v = this.us.internet.ipv4(); while (/^(0|127|22[4-9]|2[3-5]\d)\./.test(v)); // real client addresses: no loopback, multicast or class E
    return new P(v, "pii.ip_address");
  }
  dob(): P {
    const d = this.us.date.birthdate({ mode: "age", min: 18, max: 90 });
    const y = d.getUTCFullYear(), m = d.getUTCMonth() + 1, day = d.getUTCDate();
    const p2 = (n: number) => String(n).padStart(2, "0");
    const months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    const v = this.r.pick([
      () => `${y}-${p2(m)}-${p2(day)}`, () => `${y}-${p2(m)}-${p2(day)}`, () => `${p2(m)}/${p2(day)}/${y}`, () => `${p2(day)}.${p2(m)}.${y}`,
      () => `${p2(day)}/${p2(m)}/${y}`, () => `${y}-${p2(m)}-${p2(day)}T00:00:00.000Z`, () => `${months[m - 1]} ${day}, ${y}`, () => `${day} ${months[m - 1].slice(0, 3)} ${y}`,
    ])();
    return new P(v, "pii.date_of_birth");
  }
  firstName(): P { return new P(this.f.person.firstName(), "pii.person_name"); }
  lastName(): P { return new P(this.f.person.lastName(), "pii.person_name"); }
  fullName(): P { return new P(this.r.bool(0.8) ? `${this.f.person.firstName()} ${this.f.person.lastName()}` : this.f.person.fullName(), "pii.person_name"); }
  street(): P { const f = this.f; return new P(f === this.us && this.r.bool(0.3) ? f.location.streetAddress(true) : f.location.streetAddress(), "pii.street_address"); }
  passport(): P {
    const r = this.r;
    return new P(r.pick([() => r.digits(9), () => r.pick(["A", "C", "E", "X"]) + r.digits(8), () => "C" + r.chars(8, "CFGHJKLMNPRTVWXYZ0123456789"), () => r.chars(2, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") + r.digits(7)])(), "pii.passport");
  }
  license(): P {
    const r = this.r, L = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    return new P(r.pick([
      () => r.pick([...L]) + r.digits(7), // CA
      () => r.digits(9), // NY
      () => `${r.pick([...L])}${r.digits(3)}-${r.digits(3)}-${r.digits(2)}-${r.digits(3)}-${r.digits(1)}`, // FL
      () => r.digits(8), // TX
      () => r.pick([...L]) + r.digits(11), // IL
      () => r.pick([...L]) + r.digits(12), // FL compact
    ])(), "pii.drivers_license");
  }
  routing(): P { return new P(this.r.bool(0.5) ? this.us.finance.routingNumber() : abaRouting(this.r), "pii.bank_routing"); }
  account(): P { return new P(this.r.bool(0.5) ? this.us.finance.accountNumber(this.r.pick([8, 10, 12])) : this.r.digits(this.r.int(6, 17)), "pii.bank_account"); }
  nino(): P { return new P(ukNino(this.r, this.r.bool(0.3)), "pii.national_id"); }
  nhs(): P { return new P(ukNhs(this.r, this.r.bool(0.5)), "pii.national_id"); }
  sin(): P { return new P(caSin(this.r, this.r.pick(["", " ", "-"])), "pii.national_id"); }

  // secrets
  vendor(): { spec: VendorSecret; p: P } {
    const spec = this.r.pick(VENDOR_SECRETS);
    const v = spec.gen(this.r);
    const legacy = /^[0-9a-f]{8}-[0-9a-f]{4}-/.test(v) || /^s\.[A-Za-z0-9]{24}$/.test(v) || (spec.category === "secret.cloudflare_token" && !v.startsWith("v1.0-"));
    return { spec, p: new P(v, spec.category, [], legacy || !spec.prefixed) };
  }
  jwt(): P {
    if (this.r.bool(0.5)) return new P(jwt(this.r), "secret.jwt");
    const header = Buffer.from(JSON.stringify({ alg: this.r.pick(["RS256", "HS256", "ES256"]), typ: "JWT", kid: hex(this.r, 16) })).toString("base64url");
    const payload = Buffer.from(JSON.stringify({ iss: `https://auth.${this.us.internet.domainName()}`, sub: this.us.string.uuid(), aud: "api", exp: 1760000000 + this.r.int(0, 9e7), iat: 1760000000, email: this.us.internet.email(), scope: "openid profile" })).toString("base64url");
    return new P(`${header}.${payload}.${this.r.chars(this.r.pick([43, 86, 342]), BASE64URL)}`, "secret.jwt");
  }
  privateKey(): P { return new P(privateKeyPemOf(this.r, this.r.pick(["RSA", "EC", "", "OPENSSH", ""] as const)), "secret.private_key"); }
  awsSecret(): P { return new P(awsSecretKey(this.r), "secret.aws_secret_key"); }
  password(): P { return new P(password(this.r), "secret.password"); }
  apiKey(): P {
    const r = this.r;
    return new P(r.pick([() => r.chars(32, ALNUM), () => r.chars(40, ALNUM), () => hex(r, 32), () => r.chars(r.int(20, 48), ALNUM + "-_"), () => uuid(r)])(), "secret.generic_api_key");
  }
  opaqueToken(): string { return this.r.chars(this.r.int(32, 64), ALNUM + "-_."); }
  urlCredentials(): P {
    const r = this.r;
    const host = r.pick(["db.internal", `10.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`, "postgres.prod.svc.cluster.local", "redis-master", "mongo-0.mongo"]);
    const scheme = r.pick(["postgres", "postgresql", "mysql", "mongodb", "redis", "amqp"]);
    return new P(`${scheme}://${r.pick(["app", "admin", "svc_orders", "root"])}:${r.chars(r.int(12, 24), ALNUM)}@${host}:${r.pick([5432, 3306, 27017, 6379, 5672])}/${r.pick(["orders", "app", "0", "prod"])}`, "secret.url_credentials", ["pii.ip_address"]);
  }

  // hard negatives (no label)
  neg = {
    uuid: () => uuid(this.r),
    sha1: () => hex(this.r, 40),
    sha256: () => hex(this.r, 64),
    md5: () => hex(this.r, 32),
    epochS: () => 1600000000 + this.r.int(0, 200000000),
    epochMs: () => 1600000000000 + this.r.int(0, 99999999999),
    iso: () => this.us.date.recent({ days: 900 }).toISOString(),
    date: () => this.us.date.soon({ days: 2000 }).toISOString().slice(0, 10),
    semver: () => this.us.system.semver(),
    build: () => `${this.r.int(1, 12)}.${this.r.int(0, 20)}.${this.r.int(0, 30000)}.${this.r.int(0, 999)}`,
    b64: (n = 64) => Buffer.from(Array.from({ length: n }, () => this.r.int(0, 255))).toString("base64"),
    cursor: () => Buffer.from(JSON.stringify({ page: this.r.int(2, 90), after: uuid(this.r) })).toString("base64"),
    orderId: () => this.r.pick([`ORD-${this.r.digits(10)}`, `#${this.r.digits(8)}`, `${this.r.int(100, 999)}-${this.r.digits(7)}-${this.r.digits(7)}`, this.r.digits(16), this.r.digits(12)]),
    tracking: () => this.r.pick([`1Z${this.r.chars(6, "ABCDEFGHJKLMNPRSTUVWXYZ0123456789")}${this.r.digits(10)}`, `9400 1${this.r.digits(3)} ${this.r.digits(4)} ${this.r.digits(4)} ${this.r.digits(4)} ${this.r.digits(2)}`, this.r.digits(12)]),
    badCard: () => badCardNumber(this.r),
    maskedCard: () => `${this.r.pick(["************", "**** **** **** ", "XXXX-XXXX-XXXX-"])}${this.r.digits(4)}`,
    testCard: () => this.r.pick(["4111 1111 1111 1111", "4242424242424242", "5555555555554444", "378282246310005"]),
    badSsn: () => badSsn(this.r),
    badIban: () => badIban(this.r),
    placeholder: () => this.r.pick(["${API_KEY}", "${DB_PASSWORD}", "{{ secrets.TOKEN }}", "<your-api-key>", "YOUR_API_KEY_HERE", "xxxxxxxxxxxxxxxx", "changeme", "********", "REDACTED", "%(token)s"]),
    isbn: () => this.us.commerce.isbn(),
    imei: () => this.us.phone.imei().replace(/-/g, ""),
    mac: () => this.us.internet.mac(),
    duration: () => `${String(this.r.int(0, 23)).padStart(2, "0")}:${String(this.r.int(0, 59)).padStart(2, "0")}:${String(this.r.int(0, 59)).padStart(2, "0")}`,
    price: () => Number((this.r.int(100, 999999) / 100).toFixed(2)),
    zip: () => this.us.location.zipCode(),
    zip4: () => this.us.location.zipCode("#####-####"),
    latlng: () => `${this.us.location.latitude()}, ${this.us.location.longitude()}`,
    userAgent: () => this.us.internet.userAgent(),
    gitSha: () => this.us.git.commitSha(),
    digest: () => `sha256:${hex(this.r, 64)}`,
    phoneLikeId: () => this.r.digits(10),
    ein: () => `${this.r.int(10, 99)}-${this.r.digits(7)}`,
    sku: () => `${this.r.chars(3, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")}-${this.r.digits(5)}-${this.r.chars(2, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")}`,
    publishable: () => this.r.pick([`pk_live_${this.r.chars(24, ALNUM)}`, `pk_test_${this.r.chars(24, ALNUM)}`, `pk.${Buffer.from(JSON.stringify({ u: "acme", a: this.r.chars(25, "abcdefghijklmnopqrstuvwxyz0123456789") })).toString("base64url")}.${this.r.chars(22, BASE64URL)}`]),
    docExample: () => this.r.pick(["AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "sk_test_4eC39HqLyjWDarjtT1zdp7dc", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c", "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11"]),
    publicKey: () => `-----BEGIN PUBLIC KEY-----\n${Array.from({ length: 6 }, () => this.r.chars(64, BASE64)).join("\n")}\n${this.r.chars(24, BASE64)}==\n-----END PUBLIC KEY-----`,
    cert: () => `-----BEGIN CERTIFICATE-----\n${Array.from({ length: 10 }, () => this.r.chars(64, BASE64)).join("\n")}\n-----END CERTIFICATE-----`,
    sshPub: () => `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${this.r.chars(43, BASE64)} deploy@${this.us.internet.domainWord()}`,
    traceId: () => hex(this.r, 32),
    spanId: () => hex(this.r, 16),
    redactedSecret: () => this.r.pick(["ghp_****************************", "sk_live_...4242", "AKIA****************", "xoxb-***"]),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Record templates

type Template = (g: Gen, id: string) => EvalRecord;

function maybe<T>(r: Rng, p: number, v: () => T): T | undefined { return r.bool(p) ? v() : undefined; }
function obj(entries: Array<[string, J | undefined]>): { [k: string]: J } {
  const o: { [k: string]: J } = {};
  for (const [k, v] of entries) if (v !== undefined) o[k] = v;
  return o;
}

const userProfile: Template = (g, id) => {
  const r = g.r, k = (s: string) => g.k(s);
  const nameStyle = r.int(0, 3);
  const address = r.bool(0.6) ? obj([
    [k(r.pick(["line1", "street", "address_line1", "street_address", "address1"])), g.street()],
    [k("line2"), maybe(r, 0.2, () => `Apt ${r.int(1, 40)}`)],
    ["city", g.f.location.city()], ["state", g.us.location.state({ abbreviated: true })],
    [k("postal_code"), g.neg.zip()], ["country", g.f.location.countryCode()],
  ]) : undefined;
  const user = obj([
    ["id", r.bool(0.5) ? g.neg.uuid() : r.int(1, 9999999)],
    ["username", g.us.internet.username()],
    ...(nameStyle === 0 ? [["name", g.fullName()]] : nameStyle === 1 ? [[k("full_name"), g.fullName()]] : [[k("first_name"), g.firstName()], [k("last_name"), g.lastName()]]) as Array<[string, J]>,
    [r.pick(["email", k("email_address"), "mail"]), g.email()],
    [r.pick(["phone", k("phone_number"), "mobile", "tel"]), maybe(r, 0.7, () => g.phone())],
    [r.pick(["dob", k("date_of_birth"), "birthdate", k("birth_date"), "birthday"]), maybe(r, 0.5, () => g.dob())],
    ["address", address],
    [k("ssn"), maybe(r, 0.1, () => r.bool(0.6) ? g.ssn() : g.ssn(false))],
    [k("ssn_last4"), maybe(r, 0.1, () => r.digits(4))],
    [k("created_at"), g.neg.iso()], [k("updated_at"), maybe(r, 0.6, () => g.neg.iso())],
    [k("last_login_ip"), maybe(r, 0.4, () => g.ip())],
    [k("avatar_url"), maybe(r, 0.4, () => g.us.image.avatar())],
    [k("email_verified"), r.bool()],
    ["locale", r.pick(["en-US", "de-DE", "fr-FR", "en-GB"])],
    ["timezone", r.pick(["America/New_York", "Europe/Berlin", "UTC"])],
    [k("login_count"), r.int(0, 5000)],
    [k("external_id"), maybe(r, 0.3, () => g.neg.phoneLikeId())],
    ["etag", maybe(r, 0.3, () => g.neg.md5())],
  ]);
  return jsonRecord(id, "user", r.bool(0.5) ? { data: user } : user, r);
};

const userList: Template = (g, id) => {
  const r = g.r, k = (s: string) => g.k(s);
  const n = r.int(2, 6);
  const items: J[] = [];
  for (let i = 0; i < n; i++) items.push(obj([
    ["id", g.neg.uuid()], [k("display_name"), g.us.internet.displayName()], [k("first_name"), g.firstName()], [k("last_name"), g.lastName()], ["email", g.email()],
    [k("phone"), maybe(r, 0.5, () => g.phone())], ["role", r.pick(["admin", "member", "viewer"])], [k("joined_at"), g.neg.iso()],
    [k("last_seen_ip"), maybe(r, 0.3, () => g.ip())],
  ]));
  return jsonRecord(id, "user_list", { [k("total_count")]: r.int(n, 900), [k("next_cursor")]: g.neg.cursor(), items }, r);
};

const payment: Template = (g, id) => {
  const r = g.r, k = (s: string) => g.k(s);
  const fullPan = r.bool(0.45);
  const card = obj([
    ["brand", r.pick(["visa", "mastercard", "amex", "discover"])],
    ["number", fullPan ? g.card() : undefined],
    [k("last4"), r.digits(4)], [k("exp_month"), r.int(1, 12)], [k("exp_year"), r.int(2026, 2032)],
    [k("masked_number"), maybe(r, 0.3, () => g.neg.maskedCard())],
    [k("cardholder_name"), maybe(r, 0.4, () => g.fullName())],
    ["fingerprint", maybe(r, 0.5, () => r.chars(16, ALNUM))],
  ]);
  const lines: J[] = Array.from({ length: r.int(1, 4) }, () => obj([
    ["sku", g.neg.sku()], [k("product_id"), r.bool() ? g.neg.uuid() : r.digits(r.int(6, 12))], ["name", g.us.commerce.productName()],
    ["quantity", r.int(1, 5)], [k("unit_price"), g.neg.price()], ["gtin", maybe(r, 0.3, () => r.digits(13))], ["isbn", maybe(r, 0.1, () => g.neg.isbn())],
  ]));
  return jsonRecord(id, "payment", obj([
    ["id", `ch_${r.chars(24, ALNUM)}`], [k("order_id"), g.neg.orderId()], [k("order_number"), maybe(r, 0.5, () => g.neg.orderId())],
    ["amount", r.int(100, 999999)], ["currency", r.pick(["usd", "eur", "gbp"])], ["created", g.neg.epochS()],
    [k("payment_method"), { type: "card", card }],
    [k("billing_details"), obj([["name", maybe(r, 0.7, () => g.fullName())], ["email", maybe(r, 0.7, () => g.email())], ["phone", maybe(r, 0.4, () => g.phone())],
      ["address", maybe(r, 0.6, () => obj([[k("line1"), g.street()], ["city", g.us.location.city()], [k("postal_code"), g.neg.zip()], ["country", "US"]]))]])],
    [k("line_items"), lines],
    [k("tracking_number"), maybe(r, 0.4, () => g.neg.tracking())],
    [k("client_ip"), maybe(r, 0.3, () => g.ip())],
    [k("receipt_url"), `https://pay.example.com/receipts/${g.neg.uuid()}`],
    [k("idempotency_key"), maybe(r, 0.3, () => g.neg.uuid())],
    [k("test_card"), maybe(r, 0.1, () => g.neg.testCard())],
    [k("declined_number"), maybe(r, 0.15, () => g.neg.badCard())],
  ]), r, r.bool(0.2) ? "request" : "response");
};

const banking: Template = (g, id) => {
  const r = g.r, k = (s: string) => g.k(s);
  const us = r.bool(0.5);
  return jsonRecord(id, "banking", obj([
    [k("payout_id"), g.neg.uuid()],
    ["employee", obj([[k("employee_id"), `E${r.digits(6)}`], [k("full_name"), g.fullName()], [r.pick([k("ssn"), k("tax_id"), k("social_security_number")]), maybe(r, us ? 0.7 : 0, () => r.bool(0.5) ? g.ssn() : g.ssn(false))],
      [k("ein"), maybe(r, 0.2, () => g.neg.ein())], ["email", maybe(r, 0.5, () => g.email())]])],
    [k("bank_account"), us ? obj([[k("routing_number"), g.routing()], [k("account_number"), g.account()], [k("account_type"), r.pick(["checking", "savings"])], [k("bank_name"), g.us.company.name()]])
      : obj([["iban", g.iban()], ["bic", g.us.finance.bic()], [k("account_holder_name"), g.fullName()]])],
    [k("pay_period_start"), g.neg.date()], [k("pay_period_end"), g.neg.date()], [k("pay_date"), g.neg.date()],
    [k("net_pay"), g.neg.price()], [k("reference"), `PAY-${r.digits(9)}`],
    [k("memo"), maybe(r, 0.3, () => new T([`Salary transfer to ${us ? "account ending " + r.digits(4) : ""}`, ...(us ? [] : [new P(iban(r, true), "pii.iban")])]))],
  ]), r);
};

const identityDoc: Template = (g, id) => {
  const r = g.r, k = (s: string) => g.k(s);
  const country = r.pick(["US", "GB", "CA"]);
  return jsonRecord(id, "kyc", obj([
    [k("verification_id"), g.neg.uuid()], ["status", r.pick(["approved", "pending", "rejected"])],
    [k("first_name"), g.firstName()], [k("last_name"), g.lastName()],
    [r.pick([k("date_of_birth"), "dob", k("birth_date")]), g.dob()],
    [k("nationality"), country],
    ["document", obj([["type", r.pick(["passport", "drivers_license", "id_card"])], [r.pick([k("passport_number"), "passport", k("passport_no")]), maybe(r, 0.6, () => g.passport())],
      [k("issue_date"), g.neg.date()], [k("expiry_date"), g.neg.date()], [k("issuing_country"), country], [k("document_id"), g.neg.uuid()]])],
    [r.pick([k("drivers_license_number"), k("driver_license"), k("drivers_license"), k("dl_number")]), maybe(r, country === "US" ? 0.6 : 0, () => g.license())],
    [k("ssn"), maybe(r, country === "US" ? 0.5 : 0, () => g.ssn())],
    [r.pick(["nino", k("ni_number"), k("national_insurance_number")]), maybe(r, country === "GB" ? 0.7 : 0, () => g.nino())],
    [r.pick([k("nhs_number"), "nhs"]), maybe(r, country === "GB" ? 0.4 : 0, () => g.nhs())],
    [r.pick(["sin", k("sin_number"), k("social_insurance_number")]), maybe(r, country === "CA" ? 0.7 : 0, () => g.sin())],
    ["address", maybe(r, 0.6, () => new T([g.street(), `, ${g.us.location.city()}`]))],
    [k("submitted_at"), g.neg.iso()], [k("reviewer_ip"), maybe(r, 0.3, () => g.ip())], [k("selfie_sha256"), g.neg.sha256()],
    [k("score"), r.int(0, 100) / 100],
  ]), r);
};

const ticket: Template = (g, id) => {
  const r = g.r, k = (s: string) => g.k(s);
  const name = g.fullName();
  const sentences: Array<Array<string | P>> = [
    ["I was charged twice on my card ", g.card(), ", can you refund one of them?"],
    ["Please call me back at ", g.phoneText(), " after 5pm."],
    ["My e-mail changed, please use ", g.email(), " from now on."],
    ["The order ", g.neg.orderId(), " placed on ", g.neg.date(), " never arrived (tracking ", g.neg.tracking(), ")."],
    ["Version ", g.neg.semver(), " of the app crashes on login."],
    ["Wire the refund to ", g.iban(), " please."],
    ["My SSN for the tax form is ", g.ssn(), "."],
    ["Request id ", g.neg.uuid(), " failed with 502 at ", g.neg.iso(), "."],
    ["I can't log in from ", g.ip(), ", it says my account is locked."],
    ["Reference number ", String(g.neg.epochMs()), " on the receipt."],
    ["The promo code SAVE", r.digits(2), " doesn't work."],
    // numbers that are not cards, phones or SSNs, after words the validators do not know
    ["Confirmation code ", r.digits(16), " from the booking site."],
    ["My loyalty number is ", r.digits(12), "."],
    ["Case ", r.digits(8), " was closed without an answer."],
    ["Call reference ", r.digits(10), ", agent ", r.digits(4), "."],
    ["The voucher ", `${r.digits(4)}-${r.digits(4)}-${r.digits(4)}-${r.digits(4)}`, " is rejected."],
    ["Device serial ", r.digits(15), " still shows the old firmware ", g.neg.build(), "."],
    ["I ordered ", String(r.int(2, 9)), " items for $", String(g.neg.price()), " but got one."],
  ];
  const picked: Array<Array<string | P>> = [];
  for (const s of sentences) if (r.bool(0.3)) picked.push(s);
  if (picked.length === 0) picked.push(sentences[r.int(0, sentences.length - 1)]);
  const body: Array<string | P> = ["Hi, "];
  for (const s of picked) body.push(...s, " ");
  body.push("\n\nThanks,\n", name);
  return jsonRecord(id, "ticket", obj([
    [k("ticket_id"), r.int(10000, 999999)], ["subject", g.us.lorem.sentence()], ["status", "open"], ["priority", r.pick(["low", "normal", "high"])],
    ["requester", obj([["name", new P(name.v, "pii.person_name")], ["email", g.email()]])],
    ["description", new T(body)],
    [k("created_at"), g.neg.iso()], ["tags", ["billing", r.pick(["refund", "login", "shipping"])]],
  ]), r);
};

const logEvents: Template = (g, id) => {
  const r = g.r;
  const events: J[] = Array.from({ length: r.int(2, 6) }, () => {
    const kind = r.int(0, 5);
    const msg: Array<string | P> =
      kind === 0 ? [`user login succeeded for `, g.email(), ` from `, g.ip()]
      : kind === 1 ? [`GET /api/v${r.int(1, 3)}/orders/${r.digits(8)} 200 ${r.int(2, 900)}ms`]
      : kind === 2 ? [`upstream connect error, retrying in ${r.int(1, 30)}s (attempt ${r.int(1, 5)}) build ${g.neg.build()}`]
      : kind === 3 ? [`payment declined for card ending ${r.digits(4)} (order ${g.neg.orderId()})`]
      : kind === 4 ? [`worker ${g.neg.uuid()} finished batch ${r.digits(16)} in ${g.neg.duration()}`]
      : [`config reloaded, checksum ${g.neg.sha256().slice(0, 12)}, version ${g.neg.semver()}`];
    return obj([["timestamp", g.neg.iso()], ["level", r.pick(["info", "warn", "error"])], ["message", new T(msg)],
      ["trace_id", g.neg.traceId()], ["span_id", g.neg.spanId()], ["host", r.bool(0.3) ? g.ip() : r.pick(["ip-10-1-2-3.ec2.internal", "api-7f9c", "worker-3.prod.internal"])],
      ["http", maybe(r, 0.5, () => obj([["method", "GET"], ["status", 200], ["user_agent", g.neg.userAgent()], [g.k("remote_addr"), g.ip()], ["duration_ms", r.int(1, 900)]]))]]);
  });
  return jsonRecord(id, "logs", { events, [g.k("next_page_token")]: g.neg.cursor() }, r);
};

function envFor(g: Gen, spec: VendorSecret, p: P): [string, J] {
  return [g.r.pick(spec.env), p];
}

const envDump: Template = (g, id) => {
  const r = g.r;
  const env: { [k: string]: J } = {};
  const n = r.int(2, 6);
  for (let i = 0; i < n; i++) { const { spec, p } = g.vendor(); const [key, v] = envFor(g, spec, p); env[key] = v; }
  if (r.bool(0.3)) { env[r.pick(["AWS_SECRET_ACCESS_KEY", "aws_secret_access_key"])] = g.awsSecret(); env.AWS_ACCESS_KEY_ID = new P(VENDOR_SECRETS[0].gen(r), "secret.aws_access_key"); }
  if (r.bool(0.3)) env.DATABASE_URL = g.urlCredentials();
  if (r.bool(0.3)) env[r.pick(["DB_PASSWORD", "POSTGRES_PASSWORD", "REDIS_PASSWORD"])] = g.password();
  if (r.bool(0.3)) env[r.pick(["API_KEY", "SERVICE_API_KEY", "INTERNAL_API_SECRET", "CLIENT_SECRET"])] = g.apiKey();
  // plain configuration next to the secrets
  env.NODE_ENV = "production"; env.PORT = String(r.pick([3000, 8080, 8443]));
  if (r.bool(0.5)) env.LOG_LEVEL = r.pick(["info", "debug"]);
  if (r.bool(0.4)) env.API_KEY_HEADER = "X-Api-Key";
  if (r.bool(0.3)) env.STRIPE_PUBLISHABLE_KEY = g.neg.publishable();
  if (r.bool(0.3)) env.GIT_COMMIT = g.neg.gitSha();
  if (r.bool(0.3)) env.IMAGE = `registry.example.com/api@${g.neg.digest()}`;
  if (r.bool(0.2)) env.OLD_TOKEN = g.neg.placeholder();
  if (r.bool(0.2)) env.EXAMPLE_KEY = g.neg.docExample();
  if (r.bool(0.2)) env.TOKEN_TTL = String(r.int(60, 86400));
  if (r.bool(0.2)) env.SESSION_COOKIE_NAME = "sid";
  if (r.bool(0.2)) env.GITHUB_TOKEN_REDACTED = g.neg.redactedSecret();
  return jsonRecord(id, "env", { service: g.us.internet.domainWord() + "-api", version: g.neg.semver(), env }, r);
};

const integrations: Template = (g, id) => {
  const r = g.r, k = (s: string) => g.k(s);
  const items: J[] = Array.from({ length: r.int(1, 4) }, () => {
    const { spec, p } = g.vendor();
    const provider = spec.category.slice(7).replace(/_.*$/, "");
    return obj([["provider", provider], ["enabled", r.bool(0.8)], [r.pick([k("api_key"), "token", k("secret"), "credentials", "value"]), p],
      [k("created_at"), g.neg.iso()], ["id", g.neg.uuid()], [k("key_id"), maybe(r, 0.3, () => g.neg.md5())]]);
  });
  return jsonRecord(id, "integrations", { integrations: items, [k("updated_by")]: g.email() }, r);
};

const oauth: Template = (g, id) => {
  const r = g.r;
  const jwtAccess = r.bool(0.6);
  return jsonRecord(id, "oauth", obj([
    ["access_token", jwtAccess ? g.jwt() : new P(g.opaqueToken(), "secret.generic_api_key")],
    ["token_type", "Bearer"], ["expires_in", r.pick([3600, 7200, 86400])],
    ["refresh_token", maybe(r, 0.6, () => new P(g.opaqueToken(), "secret.generic_api_key"))],
    ["id_token", maybe(r, 0.5, () => g.jwt())],
    ["scope", "openid profile email"],
  ]), r);
};

const serviceAccount: Template = (g, id) => {
  const r = g.r;
  const project = `${g.us.internet.domainWord()}-${r.pick(["prod", "staging", "dev"])}-${r.digits(4)}`;
  const keyId = hex(r, 40);
  const pem = privateKeyPemOf(r, "");
  const email = `${r.pick(["deployer", "ci", "backend"])}@${project}.iam.gserviceaccount.com`;
  if (r.bool(0.5)) {
    // parsed: the key file is a JSON object in the response
    return jsonRecord(id, "gcp_sa", { name: `projects/${project}/serviceAccounts/${email}`, key: {
      type: "service_account", project_id: project, private_key_id: new P(keyId, "secret.gcp_service_account"),
      private_key: new P(pem, "secret.private_key", ["secret.gcp_service_account"]), client_email: email, client_id: r.digits(21),
      auth_uri: "https://accounts.google.com/o/oauth2/auth", token_uri: "https://oauth2.googleapis.com/token" } }, r);
  }
  // embedded: the key file as a JSON string inside a string (doubly escaped)
  const parts: Array<string | P> = ['{"type": "service_account", "project_id": "', project, '", ',
    new P(`"private_key_id": "${keyId}"`, "secret.gcp_service_account"), ', "private_key": "', new P(pem.replace(/\n/g, "\\n"), "secret.private_key", ["secret.gcp_service_account"]),
    `", "client_email": "${email}", "client_id": "${r.digits(21)}"}`];
  return jsonRecord(id, "gcp_sa", { name: "deploy-credentials", [g.k("credentials_json")]: new T(parts) }, r);
};

const headersDump: Template = (g, id) => {
  const r = g.r;
  const headers: { [k: string]: J } = { host: "api.example.com", "user-agent": g.neg.userAgent(), accept: "application/json" };
  const useJwt = r.bool(0.5);
  if (useJwt) { const j = g.jwt(); headers.authorization = new T([new P("Bearer " + j.v, "secret.bearer_token", ["secret.jwt"])]); }
  else headers.authorization = new P(`Bearer ${g.opaqueToken()}`, "secret.bearer_token");
  if (r.bool(0.4)) headers["x-api-key"] = g.apiKey();
  if (r.bool(0.4)) headers["x-request-id"] = g.neg.uuid();
  if (r.bool(0.4)) headers["x-forwarded-for"] = g.ip();
  if (r.bool(0.3)) headers["if-none-match"] = `W/"${g.neg.md5()}"`;
  return jsonRecord(id, "headers", { request: { method: "GET", path: `/v1/accounts/${r.digits(8)}`, headers }, received_at: g.neg.iso() }, r);
};

const catalog: Template = (g, id) => {
  const r = g.r, k = (s: string) => g.k(s);
  const products: J[] = Array.from({ length: r.int(2, 8) }, () => obj([
    ["id", r.bool() ? g.neg.uuid() : r.int(1, 99999999)], ["sku", g.neg.sku()], ["name", g.us.commerce.productName()], ["price", g.neg.price()],
    ["upc", maybe(r, 0.4, () => r.digits(12))], ["isbn", maybe(r, 0.2, () => g.neg.isbn())], [k("image_sha1"), maybe(r, 0.3, () => g.neg.sha1())],
    [k("updated_at"), g.neg.epochMs()], [k("release_date"), maybe(r, 0.3, () => g.neg.date())], ["version", maybe(r, 0.3, () => g.neg.semver())],
    ["dimensions", maybe(r, 0.3, () => `${r.int(1, 99)}x${r.int(1, 99)}x${r.int(1, 99)} cm`)], [k("warehouse_location"), maybe(r, 0.2, () => g.neg.latlng())],
    [k("thumbnail_base64"), maybe(r, 0.1, () => g.neg.b64(r.int(60, 300)))], [k("serial_number"), maybe(r, 0.2, () => r.chars(12, "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"))],
    ["imei", maybe(r, 0.05, () => g.neg.imei())], [k("mac_address"), maybe(r, 0.05, () => g.neg.mac())],
  ]));
  return jsonRecord(id, "catalog", { products, page: r.int(1, 20), [k("page_token")]: g.neg.cursor(), [k("generated_at")]: g.neg.iso() }, r);
};

const systemInfo: Template = (g, id) => {
  const r = g.r;
  return jsonRecord(id, "system", obj([
    ["status", "ok"], ["version", g.neg.semver()], ["build", g.neg.build()], ["commit", g.neg.gitSha()], ["uptime", g.neg.duration()],
    ["started_at", g.neg.iso()], ["go_version", `go1.${r.int(18, 23)}.${r.int(0, 9)}`], ["node", `v${r.int(18, 22)}.${r.int(0, 20)}.${r.int(0, 9)}`],
    ["os_version", `10.0.${r.int(10000, 22631)}.${r.int(1, 999)}`], ["image_digest", g.neg.digest()],
    ["public_key", maybe(r, 0.3, () => g.neg.publicKey())], ["tls_certificate", maybe(r, 0.2, () => g.neg.cert())], ["deploy_key", maybe(r, 0.2, () => g.neg.sshPub())],
    ["signing_secret", maybe(r, 0.15, () => g.neg.placeholder())], ["password_policy", maybe(r, 0.3, () => ({ min_length: 12, require_symbols: true }))],
    ["password", maybe(r, 0.2, () => r.pick(["********", "", "<redacted>"]))], ["token_type", maybe(r, 0.3, () => "Bearer")],
    ["node_ip", maybe(r, 0.4, () => g.ip())], ["pod_cidr", maybe(r, 0.3, () => `10.${r.int(0, 255)}.0.0/16`)], ["netmask", maybe(r, 0.2, () => "255.255.255.0")],
    ["locale_example_phone", maybe(r, 0.1, () => "555-0100")], ["sample_card", maybe(r, 0.1, () => g.neg.testCard())], ["docs_example", maybe(r, 0.2, () => g.neg.docExample())],
  ]), r);
};

const signupForm: Template = (g, id) => {
  const r = g.r;
  const fields: Array<[string, string | P]> = [
    [r.pick(["first_name", "firstName", "fname"]), g.firstName()], [r.pick(["last_name", "lastName"]), g.lastName()], ["email", g.email()],
  ];
  if (r.bool(0.6)) fields.push([r.pick(["phone", "phone_number", "mobile"]), g.phone()]);
  if (r.bool(0.8)) fields.push([r.pick(["password", "pwd", "new_password"]), g.password()]);
  if (r.bool(0.4)) fields.push([r.pick(["dob", "birthdate", "date_of_birth"]), g.dob()]);
  if (r.bool(0.3)) { fields.push(["card_number", g.card()]); fields.push(["cvv", r.digits(3)]); fields.push(["exp", `${r.int(1, 12)}/${r.int(26, 32)}`]); }
  if (r.bool(0.3)) fields.push([r.pick(["address", "street_address", "address_line1"]), g.street()]);
  fields.push(["csrf_token", r.chars(43, BASE64URL)], ["remember_me", "on"], ["utm_source", r.pick(["google", "newsletter"])], ["ts", String(g.neg.epochMs())]);
  return formRecord(id, "form", fields);
};

const ciLog: Template = (g, id) => {
  const r = g.r;
  const parts: Array<string | P> = [`[${g.neg.iso()}] Running job ${r.digits(9)} on runner ${g.neg.uuid()}\n`, `$ npm ci\nadded ${r.int(200, 1500)} packages in ${r.int(5, 90)}s\n`];
  const n = r.int(1, 3);
  for (let i = 0; i < n; i++) {
    const { spec, p } = g.vendor();
    parts.push(...r.pick<() => Array<string | P>>([
      () => [`$ export ${r.pick(spec.env).toUpperCase()}=`, p, "\n"],
      () => [`+ curl -s -H "Authorization: token `, p, `" https://api.internal/v2/deploy\n`],
      () => [`DEBUG config loaded: ${r.pick(spec.env)}="`, p, `"\n`],
    ])());
  }
  if (r.bool(0.3)) parts.push("DEBUG connecting to ", g.urlCredentials(), "\n");
  if (r.bool(0.3)) parts.push(`Using key from ${r.pick(["~/.ssh/id_rsa", "deploy.pem"])}:\n`, g.privateKey(), "\n");
  if (r.bool(0.3)) parts.push("request headers: Authorization: ", new P(`Bearer ${g.opaqueToken()}`, "secret.bearer_token"), "\n");
  if (r.bool(0.4)) parts.push(`docker pull registry.example.com/app@${g.neg.digest()}\n`);
  if (r.bool(0.4)) parts.push(`Deployed version ${g.neg.semver()} (commit ${g.neg.gitSha().slice(0, 12)}) in ${g.neg.duration()}\n`);
  if (r.bool(0.3)) parts.push(`WARN using placeholder ${g.neg.placeholder()} for SECRET_KEY\n`);
  if (r.bool(0.3)) parts.push(`Test suite: ${r.int(10, 900)} passed, card 4242 4242 4242 4242 used for fixtures\n`);
  parts.push(`Job succeeded at ${g.neg.iso()}\n`);
  return textRecord(id, "ci_log", parts);
};

const emailText: Template = (g, id) => {
  const r = g.r;
  const name = g.fullName();
  const parts: Array<string | P> = [`Subject: Your order ${g.neg.orderId()}\n\nDear ${g.us.person.firstName()},\n\n`,
    `Thank you for your purchase of ${g.us.commerce.productName()} on ${g.neg.date()}. `];
  if (r.bool(0.3)) parts.push("We will ship it to ", g.street(), ". ");
  if (r.bool(0.4)) parts.push("Questions? Call us at ", g.phoneText(), ". ");
  if (r.bool(0.4)) parts.push("Your account e-mail is ", g.email(), ". ");
  if (r.bool(0.2)) parts.push("Payment from IBAN ", g.iban(), " received. ");
  if (r.bool(0.2)) parts.push("Your card ", g.card(), " was charged. ");
  if (r.bool(0.3)) parts.push(`Tracking: ${g.neg.tracking()}. Reference ${g.neg.uuid()}. `);
  parts.push("\n\nBest regards,\n", name, "\n");
  return textRecord(id, "email_text", parts);
};

const TEMPLATES: Array<[Template, number]> = [
  [userProfile, 16], [userList, 6], [payment, 12], [banking, 8], [identityDoc, 8], [ticket, 8], [logEvents, 6],
  [envDump, 12], [integrations, 6], [oauth, 5], [serviceAccount, 2], [headersDump, 4], [catalog, 6], [systemInfo, 5],
  [signupForm, 6], [ciLog, 6], [emailText, 4],
];

/** Generate `n` records under `seed`. Same seed, same set (byte for byte). */
export function generate(n: number, seed = 20261121): EvalRecord[] {
  const r = new Rng(seed);
  const g = new Gen(r, seed);
  const total = TEMPLATES.reduce((s, [, w]) => s + w, 0);
  const out: EvalRecord[] = [];
  for (let i = 0; i < n; i++) {
    let x = r.int(0, total - 1), t = TEMPLATES[0][0];
    for (const [tpl, w] of TEMPLATES) { if (x < w) { t = tpl; break; } x -= w; }
    g.camel = r.bool(0.35);
    out.push(t(g, `r${seed}-${i}`));
  }
  return out;
}

export { HEX, BASE64, luhnCheckDigit };
