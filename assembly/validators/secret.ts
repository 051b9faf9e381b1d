// Secret-shaped values: JWTs, PEM private keys, base64, entropy, AWS secret keys, and the shape checks that
// keep templates, placeholders, UUIDs and hashes out of generic secret findings.
import { at, clampEnd, clampStart, containsLower, equalsLower, isAlnum, isDigit, isHex, isLower, isSpace, isUpper } from "./bytes";

// ---- base64 -------------------------------------------------------------------------------------------

/** 6-bit value of a base64 or base64url character, or -1. */
@inline function b64(c: u32): i32 {
  if (isUpper(c)) return <i32>(c - 65);
  if (isLower(c)) return <i32>(c - 97 + 26);
  if (isDigit(c)) return <i32>(c - 48 + 52);
  if (c == 0x2b || c == 0x2d) return 62;
  if (c == 0x2f || c == 0x5f) return 63;
  return -1;
}

// ---- streaming JSON structure check (no buffer: bytes arrive from the base64 decoder) ----------------

class JsonCheck {
  depth: i32 = 0;
  objBits: u64 = 0; // bit d set: container at depth d is an object
  inStr: bool = false;
  esc: bool = false;
  started: bool = false;
  done: bool = false;
  bad: bool = false;
  keyPos: bool = false;
  isKey: bool = false;
  keyLen: i32 = 0;
  keyAlg: bool = false;
  sawAlg: bool = false;

  reset(): void {
    this.depth = 0; this.objBits = 0; this.inStr = false; this.esc = false; this.started = false;
    this.done = false; this.bad = false; this.keyPos = false; this.isKey = false; this.keyLen = 0;
    this.keyAlg = false; this.sawAlg = false;
  }

  feed(c: u32): void {
    if (this.bad) return;
    if (this.done) {
      if (!isSpace(c)) this.bad = true;
      return;
    }
    if (this.inStr) {
      if (this.esc) {
        this.esc = false;
        this.keyAlg = false;
      } else if (c == 0x5c) {
        this.esc = true;
      } else if (c == 0x22) {
        this.inStr = false;
        if (this.isKey && this.depth == 1 && this.keyAlg && this.keyLen == 3) this.sawAlg = true;
      } else if (c < 0x20) {
        this.bad = true;
      } else if (this.isKey) {
        const k = this.keyLen;
        if (k >= 3 || c != <u32>"alg".charCodeAt(k)) this.keyAlg = false;
        this.keyLen = k + 1;
      }
      return;
    }
    if (isSpace(c)) return;
    if (!this.started) {
      if (c != 0x7b) { this.bad = true; return; }
      this.started = true;
      this.depth = 1;
      this.objBits = 2;
      this.keyPos = true;
      return;
    }
    if (c == 0x7b || c == 0x5b) {
      if (this.depth >= 63) { this.bad = true; return; }
      this.depth++;
      if (c == 0x7b) this.objBits |= (<u64>1 << this.depth);
      else this.objBits &= ~(<u64>1 << this.depth);
      this.keyPos = c == 0x7b;
    } else if (c == 0x7d || c == 0x5d) {
      const isObj = (this.objBits >> this.depth) & 1;
      if ((c == 0x7d) != (isObj == 1)) { this.bad = true; return; }
      this.depth--;
      if (this.depth == 0) this.done = true;
      this.keyPos = false;
    } else if (c == 0x22) {
      this.inStr = true;
      this.isKey = this.keyPos;
      this.keyLen = 0;
      this.keyAlg = true;
      this.keyPos = false;
    } else if (c == 0x2c) {
      this.keyPos = ((this.objBits >> this.depth) & 1) == 1;
    } else {
      this.keyPos = false;
    }
  }

  ok(): bool {
    return this.started && this.done && !this.bad && !this.inStr;
  }
}

const JSON_CHECK = new JsonCheck();

/** Decodes base64/base64url b[s, e) into JSON_CHECK; false on a bad character or length. */
function decodeInto(b: Uint8Array, s: i32, e: i32): bool {
  let acc: u32 = 0;
  let bits = 0;
  let n = 0;
  let pad = 0;
  for (let i = s; i < e; i++) {
    const c = <u32>at(b, i);
    if (c == 0x3d) { pad++; continue; }
    if (pad > 0) return false;
    const v = b64(c);
    if (v < 0) return false;
    acc = (acc << 6) | <u32>v;
    bits += 6;
    n++;
    if (bits >= 8) {
      bits -= 8;
      JSON_CHECK.feed((acc >> <u32>bits) & 0xff);
    }
  }
  if (pad > 2 || (n & 3) == 1) return false;
  return true;
}

/**
 * JSON Web Token (JWS compact): three base64url parts; the header decodes to a JSON object with an "alg"
 * member and the payload to a JSON object. The signature may be empty (alg "none"). Also accepts a JWE's
 * five parts, checking only the header.
 */
export function jwt(b: Uint8Array, start: i32, end: i32): bool {
  start = clampStart(start);
  end = clampEnd(b, end);
  let d1 = -1, d2 = -1, dots = 0;
  for (let i = start; i < end; i++) {
    if (at(b, i) == 0x2e) {
      dots++;
      if (d1 < 0) d1 = i;
      else if (d2 < 0) d2 = i;
    }
  }
  if (dots != 2 && dots != 4) return false;
  if (d1 - start < 10 || d2 - d1 < 3) return false;
  JSON_CHECK.reset();
  if (!decodeInto(b, start, d1) || !JSON_CHECK.ok() || !JSON_CHECK.sawAlg) return false;
  if (dots == 4) return true;
  JSON_CHECK.reset();
  if (!decodeInto(b, d1 + 1, d2) || !JSON_CHECK.ok()) return false;
  for (let i = d2 + 1; i < end; i++) {
    const c = <u32>at(b, i);
    if (b64(c) < 0 && c != 0x3d) return false;
  }
  return true;
}

/** Valid base64 (standard or url alphabet, optional padding, whitespace ignored) of >= minBytes bytes. */
export function base64(b: Uint8Array, start: i32, end: i32, minBytes: i32 = 16): bool {
  start = clampStart(start);
  end = clampEnd(b, end);
  let n = 0;
  let pad = 0;
  for (let i = start; i < end; i++) {
    const c = <u32>at(b, i);
    if (isSpace(c)) continue;
    if (c == 0x3d) { pad++; continue; }
    if (pad > 0 || b64(c) < 0) return false;
    n++;
  }
  if (pad > 2 || (n & 3) == 1) return false;
  if (pad > 0 && ((n + pad) & 3) != 0) return false;
  return (n * 6) / 8 >= (minBytes > 0 ? minBytes : 16);
}

// ---- PEM private keys -----------------------------------------------------------------------------------

/**
 * A PEM private key block whose body is real base64 key material: -----BEGIN … PRIVATE KEY----- (or PGP
 * PRIVATE KEY BLOCK), a body of base64 (line breaks, escaped "\n", RFC 1421 headers such as Proc-Type and
 * a PGP checksum line allowed), at least 64 decoded bytes, DER SEQUENCE (0x30) or "openssh-key-v1"
 * first for non-PGP keys, and a matching -----END line. Redacted or elided bodies fail.
 */
export function privateKey(b: Uint8Array, start: i32, end: i32): bool {
  start = clampStart(start);
  end = clampEnd(b, end);
  if (end - start < 60 || !equalsLower(b, start, start + 10, "-----begin")) return false;
  // end of the BEGIN line: the second run of 5 dashes
  let i = start + 10;
  while (i < end && at(b, i) != 0x2d) i++;
  const labelEnd = i;
  const pgp = containsLower(b, start, labelEnd, "pgp");
  if (!containsLower(b, start, labelEnd, "private key")) return false;
  while (i < end && at(b, i) == 0x2d) i++;
  // body until "-----END"
  let acc: u32 = 0;
  let bits = 0;
  let n = 0;
  let first: i32 = -1;
  let second: i32 = -1;
  let lineStart = true;
  let skipLine = false;
  let bad = false;
  while (i < end) {
    const c = <u32>at(b, i);
    if (c == 0x2d && i + 1 < end && at(b, i + 1) == 0x2d) break; // "-----END"
    if (c == 0x5c && i + 1 < end) {
      // escaped line break as in JSON or env files
      const e = <u32>at(b, i + 1);
      if (e == 0x6e || e == 0x72) { lineStart = true; skipLine = false; i += 2; continue; }
      return false;
    }
    if (c == 0x0a || c == 0x0d) { lineStart = true; skipLine = false; i++; continue; }
    if (skipLine || c == 0x20 || c == 0x09) { i++; continue; }
    if (lineStart) {
      lineStart = false;
      if (c == 0x3d && pgp) { skipLine = true; i++; continue; } // PGP CRC line "=abcd"
      if (headerLine(b, i, end)) { skipLine = true; i++; continue; } // "Proc-Type: 4,ENCRYPTED"
    }
    if (c == 0x3d) { i++; continue; }
    const v = b64(c);
    if (v < 0) { bad = true; break; }
    acc = (acc << 6) | <u32>v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      const byte = <i32>((acc >> <u32>bits) & 0xff);
      if (n == 0) first = byte;
      else if (n == 1) second = byte;
      n++;
    }
    i++;
  }
  if (bad || i + 8 > end || !equalsLower(b, i, i + 8, "-----end")) return false;
  if (!containsLower(b, i, end, "private key")) return false;
  if (n < 64) return false;
  if (pgp) return true;
  // DER SEQUENCE, or "openssh-key-v1" ('o' 'p')
  return first == 0x30 || (first == 0x6f && second == 0x70);
}

/** Does the line starting at i hold a ':' before its end (an RFC 1421 / armor header)? Bounded to 80 bytes. */
function headerLine(b: Uint8Array, i: i32, end: i32): bool {
  const stop = i + 80 < end ? i + 80 : end;
  for (let k = i; k < stop; k++) {
    const c = at(b, k);
    if (c == 0x3a) return true;
    if (c == 0x0a || c == 0x0d || c == 0x5c) return false;
  }
  return false;
}

// ---- entropy and shapes -----------------------------------------------------------------------------------

const HIST = new StaticArray<i32>(256);

/** Shannon entropy of b[start, end) in bits per byte (0 for an empty range). */
export function shannonEntropy(b: Uint8Array, start: i32, end: i32): f64 {
  start = clampStart(start);
  end = clampEnd(b, end);
  const n = end - start;
  if (n <= 0) return 0.0;
  for (let i = start; i < end; i++) {
    const c = <i32>at(b, i);
    unchecked(HIST[c] = unchecked(HIST[c]) + 1);
  }
  let h = 0.0;
  for (let i = start; i < end; i++) {
    const c = <i32>at(b, i);
    const k = unchecked(HIST[c]);
    if (k > 0) {
      const p = <f64>k / <f64>n;
      h -= p * Math.log2(p);
      unchecked(HIST[c] = 0); // reset while summing: each symbol counted once
    }
  }
  return h;
}

/** Entropy >= minBits (default 3.0 bits/char). */
export function entropy(b: Uint8Array, start: i32, end: i32, minBits: f64 = 0.0): bool {
  return shannonEntropy(b, start, end) >= (minBits > 0.0 ? minBits : 3.0);
}

const PLACEHOLDER_WORDS = [
  "example", "placeholder", "changeme", "change_me", "change-me", "redacted", "your_", "your-", "yourkey",
  "xxxx", "****", "....", "dummy", "sample", "insert", "replace", "<your", "${", "{{", "}}", "<%", "%>", "enc[",
  "vault:", "secretsmanager", "ssm:", "process.env", "os.environ", "getenv", "%s", "null", "undefined",
];

/** PLACEHOLDER_WORDS indexes by their first byte: one pass over the candidate, not one per word. */
let placeholderByFirst: StaticArray<i32[]> | null = null;
function placeholderIndex(): StaticArray<i32[]> {
  let t = placeholderByFirst;
  if (t !== null) return t;
  t = new StaticArray<i32[]>(128);
  for (let c = 0; c < 128; c++) unchecked(t[c] = []);
  for (let k = 0; k < PLACEHOLDER_WORDS.length; k++) unchecked(t[PLACEHOLDER_WORDS[k].charCodeAt(0)]).push(k);
  placeholderByFirst = t;
  return t;
}

function hasPlaceholderWord(b: Uint8Array, start: i32, end: i32): bool {
  const t = placeholderIndex();
  for (let i = start; i < end; i++) {
    let c = <u32>unchecked(b[i]);
    if (isUpper(c)) c += 32;
    if (c >= 128) continue;
    const ws = unchecked(t[c]);
    for (let k = 0; k < ws.length; k++) {
      const w = unchecked(PLACEHOLDER_WORDS[unchecked(ws[k])]);
      if (i + w.length <= end && containsLower(b, i, i + w.length, w)) return true;
    }
  }
  return false;
}

/**
 * Not a template or placeholder: no ${VAR} {{var}} <%= %> %s, no "example"/"placeholder"/"changeme"/
 * "redacted"/"your_"/"xxxx"/"****", no secret-manager reference, not a $VAR or <angle> name, not one repeated char.
 */
export function notPlaceholder(b: Uint8Array, start: i32, end: i32): bool {
  start = clampStart(start);
  end = clampEnd(b, end);
  if (end <= start) return false;
  if (hasPlaceholderWord(b, start, end)) return false;
  const c0 = <u32>at(b, start);
  const cl = <u32>at(b, end - 1);
  if (c0 == 0x24 && end - start > 1 && (isUpper(<u32>at(b, start + 1)) || at(b, start + 1) == 0x5f)) return false;
  if (c0 == 0x3c && cl == 0x3e) return false;
  if (c0 == 0x5b && cl == 0x5d) return false;
  let same = true;
  for (let i = start + 1; i < end; i++) if (at(b, i) != c0) { same = false; break; }
  return !same;
}

/** 8-4-4-4-12 hex UUID. */
export function isUuid(b: Uint8Array, start: i32, end: i32): bool {
  if (end - start != 36) return false;
  for (let i = 0; i < 36; i++) {
    const c = <u32>at(b, start + i);
    if (i == 8 || i == 13 || i == 18 || i == 23) { if (c != 0x2d) return false; }
    else if (!isHex(c)) return false;
  }
  return true;
}

/**
 * Generic secret shape: not a placeholder, UUID, pure-hex digest, number, version or dotted name, path or
 * URL; has letters and digits, no spaces; entropy >= minBits (default 3.0).
 */
export function secretShape(b: Uint8Array, start: i32, end: i32, minBits: f64 = 0.0): bool {
  start = clampStart(start);
  end = clampEnd(b, end);
  const n = end - start;
  if (n < 8 || n > 512) return false;
  if (!notPlaceholder(b, start, end)) return false;
  if (isUuid(b, start, end)) return false;
  let hex = true, letters = 0, digits = 0, slashes = 0, dots = 0;
  for (let i = start; i < end; i++) {
    const c = <u32>at(b, i);
    if (isSpace(c)) return false;
    if (!isHex(c)) hex = false;
    if (isDigit(c)) digits++;
    else if (isAlnum(c)) letters++;
    else if (c == 0x2f) slashes++;
    else if (c == 0x2e) dots++;
  }
  if (hex) return false; // md5/sha digests and hex ids are indistinguishable from hex keys without context
  if (letters == 0 || digits == 0) return false;
  const c0 = <u32>at(b, start);
  // versions (1.2.3-beta.4, v2.0.1): a digit or v+digit first and two or more dots
  const vstart = isDigit(c0) || ((c0 | 0x20) == 0x76 && isDigit(<u32>at(b, start + 1)));
  if (vstart && dots >= 2) return false;
  if (c0 == 0x2f || containsLower(b, start, end, "://")) return false;
  if (slashes > 2 && n < 40) return false;
  return entropy(b, start, end, minBits);
}

/**
 * AWS secret access key: exactly 40 characters of [A-Za-z0-9/+] with upper, lower and digits, not hex,
 * entropy >= 3.8 bits/char, not a placeholder (the documented example key contains "EXAMPLE").
 */
export function awsSecretKey(b: Uint8Array, start: i32, end: i32): bool {
  start = clampStart(start);
  end = clampEnd(b, end);
  if (end - start != 40) return false;
  let up = 0, lo = 0, dg = 0, hex = true;
  for (let i = start; i < end; i++) {
    const c = <u32>at(b, i);
    if (isUpper(c)) up++;
    else if (isLower(c)) lo++;
    else if (isDigit(c)) dg++;
    else if (c != 0x2f && c != 0x2b) return false;
    if (!isHex(c)) hex = false;
  }
  if (up == 0 || lo == 0 || dg == 0 || hex) return false;
  if (!notPlaceholder(b, start, end)) return false;
  return shannonEntropy(b, start, end) >= 3.8;
}

const NON_PASSWORDS = [
  "true", "false", "none", "nil", "n/a", "na", "empty", "string", "required", "optional", "hidden", "masked",
  "password", "secret", "text", "str", "varchar", "bool", "boolean", "object", "enabled", "disabled", "yes", "no",
];

/**
 * A value under a password-like key that is really a password: 4-256 bytes, not a placeholder or mask, not
 * a schema word or boolean ("string", "required", "true", "password"), not a bare key reference.
 */
export function passwordValue(b: Uint8Array, start: i32, end: i32): bool {
  start = clampStart(start);
  end = clampEnd(b, end);
  const n = end - start;
  if (n < 4 || n > 256) return false;
  if (!notPlaceholder(b, start, end)) return false;
  for (let k = 0; k < NON_PASSWORDS.length; k++) {
    if (equalsLower(b, start, end, unchecked(NON_PASSWORDS[k]))) return false;
  }
  return true;
}
