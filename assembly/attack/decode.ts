// Decoding before detection. Attack payloads arrive encoded (URL, double URL, HTML entities, JS escapes,
// overlong UTF-8) so detectors look at a canonical form. Every step is one linear pass from a source
// range into a fixed-capacity buffer: output is capped (MAX_DECODED) and nothing is allocated per byte.

/** Longest decoded value a detector looks at; longer input is cut (the cut is reported by `truncated`). */
export const MAX_DECODED: i32 = 16384;

/** A reusable byte buffer with a hard capacity; writes past it are dropped and flagged. */
export class ByteBuf {
  data: Uint8Array;
  len: i32 = 0;
  truncated: bool = false;
  constructor(capacity: i32 = MAX_DECODED) { this.data = new Uint8Array(capacity); }
  @inline reset(): void { this.len = 0; this.truncated = false; }
  @inline push(b: i32): void {
    if (this.len < this.data.length) { unchecked(this.data[this.len] = <u8>b); this.len++; }
    else this.truncated = true;
  }
  @inline at(i: i32): i32 { return i >= 0 && i < this.len ? <i32>unchecked(this.data[i]) : -1; }
  copyFrom(src: Uint8Array, start: i32, end: i32): void {
    this.reset();
    if (start < 0) start = 0;
    if (end > src.length) end = src.length;
    if (end <= start) return;
    const n = min(end - start, this.data.length);
    memory.copy(this.data.dataStart, src.dataStart + <usize>start, <usize>n);
    this.len = n;
    this.truncated = end - start > n;
  }
  toString(): string { return String.UTF8.decodeUnsafe(this.data.dataStart, <usize>this.len, false); }
}

/** Append a code point as UTF-8 (ASCII fast path; invalid points become '?'). */
export function pushCodePoint(out: ByteBuf, cp: i32): void {
  if (cp < 0 || cp > 0x10ffff) { out.push(0x3f); return; }
  if (cp < 0x80) { out.push(cp); return; }
  // Fullwidth ASCII forms (U+FF01..FF5E) fold to ASCII: a known WAF evasion (＜script＞).
  if (cp >= 0xff01 && cp <= 0xff5e) { out.push(cp - 0xfee0); return; }
  if (cp < 0x800) { out.push(0xc0 | (cp >> 6)); out.push(0x80 | (cp & 63)); return; }
  if (cp < 0x10000) { out.push(0xe0 | (cp >> 12)); out.push(0x80 | ((cp >> 6) & 63)); out.push(0x80 | (cp & 63)); return; }
  out.push(0xf0 | (cp >> 18)); out.push(0x80 | ((cp >> 12) & 63)); out.push(0x80 | ((cp >> 6) & 63)); out.push(0x80 | (cp & 63));
}

@inline export function hexVal(c: i32): i32 {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  if (l >= 0x61 && l <= 0x66) return l - 0x61 + 10;
  return -1;
}

@inline function src8(src: Uint8Array, i: i32, end: i32): i32 {
  return i < end ? <i32>unchecked(src[i]) : -1;
}

/** %HH and IIS-style %uHHHH; with `plus`, '+' becomes a space. Returns true when something was decoded. */
export function urlDecode(src: Uint8Array, start: i32, end: i32, out: ByteBuf, plus: bool): bool {
  out.reset();
  if (end > src.length) end = src.length;
  // nothing to decode (the common case): one block copy instead of a push per byte
  let k = start;
  while (k < end) { const c = <i32>unchecked(src[k]); if (c == 0x25 || (c == 0x2b && plus)) break; k++; }
  if (k >= end) { out.copyFrom(src, start, end); return false; }
  let changed = false;
  let i = start;
  while (i < end) {
    const c = <i32>unchecked(src[i]);
    if (c == 0x25) {
      const h1 = hexVal(src8(src, i + 1, end)), h2 = hexVal(src8(src, i + 2, end));
      if (h1 >= 0 && h2 >= 0) { out.push((h1 << 4) | h2); i += 3; changed = true; continue; }
      const u = src8(src, i + 1, end) | 0x20;
      if (u == 0x75) {
        const a = hexVal(src8(src, i + 2, end)), b = hexVal(src8(src, i + 3, end));
        const d = hexVal(src8(src, i + 4, end)), e = hexVal(src8(src, i + 5, end));
        if (a >= 0 && b >= 0 && d >= 0 && e >= 0) {
          pushCodePoint(out, (a << 12) | (b << 8) | (d << 4) | e); i += 6; changed = true; continue;
        }
      }
      out.push(c); i++; continue;
    }
    if (c == 0x2b && plus) { out.push(0x20); i++; changed = true; continue; }
    out.push(c); i++;
  }
  return changed;
}

// Named entities worth knowing: those that spell markup or separators. Unknown names stay as text.
const ENTITY_NAMES: string[] = ["lt", "gt", "amp", "quot", "apos", "nbsp", "tab", "newline", "colon", "lpar", "rpar",
  "sol", "bsol", "semi", "comma", "period", "excl", "num", "lsqb", "rsqb", "lcub", "rcub", "equals", "grave", "plus", "percnt", "dollar", "vert"];
const ENTITY_CHARS: i32[] = [0x3c, 0x3e, 0x26, 0x22, 0x27, 0x20, 0x09, 0x0a, 0x3a, 0x28, 0x29,
  0x2f, 0x5c, 0x3b, 0x2c, 0x2e, 0x21, 0x23, 0x5b, 0x5d, 0x7b, 0x7d, 0x3d, 0x60, 0x2b, 0x25, 0x24, 0x7c];

let entityFirst: i32 = 0; // bit per letter that starts an entity name (0 = not computed yet)
function matchEntityName(src: Uint8Array, i: i32, end: i32): i32 {
  // returns index into ENTITY_NAMES, or -1; i points just after '&'
  if (i >= end || i < 0 || end > src.length) return -1;
  let first = entityFirst;
  if (first == 0) {
    for (let k = 0; k < ENTITY_NAMES.length; k++) first |= 1 << (ENTITY_NAMES[k].charCodeAt(0) - 0x61);
    entityFirst = first;
  }
  // one test instead of 28 name compares for bytes that start no name ('&&&…', "&1", "& ")
  const c0 = <i32>unchecked(src[i]) | 0x20;
  if (c0 < 0x61 || c0 > 0x7a || (first & (1 << (c0 - 0x61))) == 0) return -1;
  for (let k = 0; k < ENTITY_NAMES.length; k++) {
    const name = unchecked(ENTITY_NAMES[k]);
    if (name.charCodeAt(0) != c0) continue;
    const n = name.length;
    if (i + n > end) continue;
    let ok = true;
    for (let j = 0; j < n; j++) {
      if ((<i32>unchecked(src[i + j]) | 0x20) != name.charCodeAt(j)) { ok = false; break; }
    }
    if (ok) return k;
  }
  return -1;
}

/** HTML character references: &#DDD; &#xHH; (semicolon optional, as browsers accept) and common names. */
export function htmlEntityDecode(src: Uint8Array, start: i32, end: i32, out: ByteBuf): bool {
  out.reset();
  if (end > src.length) end = src.length;
  let changed = false;
  let i = start;
  while (i < end) {
    const c = <i32>unchecked(src[i]);
    if (c != 0x26) { out.push(c); i++; continue; }
    const n1 = src8(src, i + 1, end);
    if (n1 == 0x23) {
      let j = i + 2;
      const hex = (src8(src, j, end) | 0x20) == 0x78;
      if (hex) j++;
      // Leading zeros are an evasion (&#0000060;): skipped before the digit cap, which would stop inside them
      const z0 = j;
      while (j < end && <i32>unchecked(src[j]) == 0x30) j++;
      let cp = 0, digits = j > z0 ? 1 : 0;
      const d0 = digits;
      while (j < end && digits - d0 < 10) {
        const d = <i32>unchecked(src[j]);
        const v = hex ? hexVal(d) : (d >= 0x30 && d <= 0x39 ? d - 0x30 : -1);
        if (v < 0) break;
        if (cp < 0x110000) cp = cp * (hex ? 16 : 10) + v;
        j++; digits++;
      }
      // skip any extra digits so the length cap cannot hide them
      while (j < end && (hex ? hexVal(<i32>unchecked(src[j])) : (<i32>unchecked(src[j]) >= 0x30 && <i32>unchecked(src[j]) <= 0x39 ? 0 : -1)) >= 0) j++;
      if (digits > 0) {
        if (src8(src, j, end) == 0x3b) j++;
        pushCodePoint(out, cp > 0x10ffff ? 0x3f : cp);
        i = j; changed = true; continue;
      }
      out.push(c); i++; continue;
    }
    const k = matchEntityName(src, i + 1, end);
    if (k >= 0) {
      let j = i + 1 + unchecked(ENTITY_NAMES[k]).length;
      if (src8(src, j, end) == 0x3b) j++;
      out.push(unchecked(ENTITY_CHARS[k]));
      i = j; changed = true; continue;
    }
    out.push(c); i++;
  }
  return changed;
}

/** JSON/JS escapes: \uHHHH, \u{H..}, \xHH, and octal-free simple escapes (\n \t \/ \\ \' \"). */
export function jsUnescape(src: Uint8Array, start: i32, end: i32, out: ByteBuf): bool {
  out.reset();
  if (end > src.length) end = src.length;
  let changed = false;
  let i = start;
  while (i < end) {
    const c = <i32>unchecked(src[i]);
    if (c != 0x5c || i + 1 >= end) { out.push(c); i++; continue; }
    const n = <i32>unchecked(src[i + 1]);
    if ((n | 0x20) == 0x75) {
      if (src8(src, i + 2, end) == 0x7b) {
        let j = i + 3, cp = 0, digits = 0;
        while (j < end && digits < 8 && hexVal(<i32>unchecked(src[j])) >= 0) { cp = (cp << 4) | hexVal(<i32>unchecked(src[j])); j++; digits++; }
        if (digits > 0 && src8(src, j, end) == 0x7d) { pushCodePoint(out, cp); i = j + 1; changed = true; continue; }
      } else {
        const a = hexVal(src8(src, i + 2, end)), b = hexVal(src8(src, i + 3, end));
        const d = hexVal(src8(src, i + 4, end)), e = hexVal(src8(src, i + 5, end));
        if (a >= 0 && b >= 0 && d >= 0 && e >= 0) { pushCodePoint(out, (a << 12) | (b << 8) | (d << 4) | e); i += 6; changed = true; continue; }
      }
    } else if ((n | 0x20) == 0x78) {
      const a = hexVal(src8(src, i + 2, end)), b = hexVal(src8(src, i + 3, end));
      if (a >= 0 && b >= 0) { pushCodePoint(out, (a << 4) | b); i += 4; changed = true; continue; }
    } else if (n == 0x6e) { out.push(0x0a); i += 2; changed = true; continue; }
    else if (n == 0x74) { out.push(0x09); i += 2; changed = true; continue; }
    else if (n == 0x72) { out.push(0x0d); i += 2; changed = true; continue; }
    else if (n == 0x2f || n == 0x22 || n == 0x27) { out.push(n); i += 2; changed = true; continue; }
    out.push(c); i++;
  }
  return changed;
}

/**
 * UTF-8 normalisation: overlong encodings of ASCII (C0 AF, E0 80 AF, F0 80 80 AF → '/') become the ASCII
 * byte they spell (the classic %c0%af traversal), fullwidth forms fold to ASCII, NUL bytes are dropped.
 */
export function utf8Normalize(src: Uint8Array, start: i32, end: i32, out: ByteBuf): bool {
  out.reset();
  if (end > src.length) end = src.length;
  let changed = false;
  let i = start;
  while (i < end) {
    const c = <i32>unchecked(src[i]);
    if (c == 0) { i++; changed = true; continue; }
    if (c < 0x80) { out.push(c); i++; continue; }
    const c1 = src8(src, i + 1, end), c2 = src8(src, i + 2, end), c3 = src8(src, i + 3, end);
    if ((c & 0xe0) == 0xc0 && (c1 & 0xc0) == 0x80) {
      const cp = ((c & 0x1f) << 6) | (c1 & 0x3f);
      if (cp < 0x80) { if (cp != 0) out.push(cp); changed = true; } else { out.push(c); out.push(c1); }
      i += 2; continue;
    }
    if ((c & 0xf0) == 0xe0 && (c1 & 0xc0) == 0x80 && (c2 & 0xc0) == 0x80) {
      const cp = ((c & 0x0f) << 12) | ((c1 & 0x3f) << 6) | (c2 & 0x3f);
      if (cp < 0x80 || (cp >= 0xff01 && cp <= 0xff5e)) { if (cp != 0) pushCodePoint(out, cp); changed = true; }
      else { out.push(c); out.push(c1); out.push(c2); }
      i += 3; continue;
    }
    if ((c & 0xf8) == 0xf0 && (c1 & 0xc0) == 0x80 && (c2 & 0xc0) == 0x80 && (c3 & 0xc0) == 0x80) {
      const cp = ((c & 0x07) << 18) | ((c1 & 0x3f) << 12) | ((c2 & 0x3f) << 6) | (c3 & 0x3f);
      if (cp < 0x80) { if (cp != 0) out.push(cp); changed = true; } else { out.push(c); out.push(c1); out.push(c2); out.push(c3); }
      i += 4; continue;
    }
    out.push(c); i++;
  }
  return changed;
}

/** ASCII case folding in place (multi-byte UTF-8 is left as is). */
export function foldCase(buf: ByteBuf): void {
  const d = buf.data;
  for (let i = 0; i < buf.len; i++) {
    const c = <i32>unchecked(d[i]);
    if (c >= 0x41 && c <= 0x5a) unchecked(d[i] = <u8>(c | 0x20));
  }
}

/**
 * Whitespace normalisation: each run of whitespace (incl. vertical tab, form feed, NBSP 0xA0) becomes one
 * byte: '\n' if the run held a line break (command injection cares), else ' '. Leading/trailing runs trimmed.
 */
export function normalizeSpace(src: Uint8Array, start: i32, end: i32, out: ByteBuf): bool {
  out.reset();
  if (end > src.length) end = src.length;
  let changed = false;
  let inRun = false, runNl = false, runLen = 0, runSpace = true;
  for (let i = start; i < end; i++) {
    const c = <i32>unchecked(src[i]);
    // UTF-8 NBSP (C2 A0) counts as whitespace: databases and shells treat it as a separator in places
    const nbsp = c == 0xc2 && i + 1 < end && <i32>unchecked(src[i + 1]) == 0xa0;
    if (nbsp) i++;
    const ws = nbsp || c == 0x20 || c == 0x09 || c == 0x0a || c == 0x0d || c == 0x0b || c == 0x0c;
    if (ws) {
      if (!inRun) { inRun = true; runNl = false; runLen = 0; runSpace = true; }
      if (c == 0x0a || c == 0x0d) runNl = true;
      if (c != 0x20) runSpace = false;
      runLen++;
      continue;
    }
    if (inRun) {
      if (out.len > 0) out.push(runNl ? 0x0a : 0x20);
      if (runLen > 1 || !runSpace || out.len == 0) changed = true;
      inRun = false;
    }
    out.push(c);
  }
  if (inRun) changed = true;
  return changed;
}

/** SQL comment stripping: /* … *\/ removed (so UN/**\/ION reads UNION); -- and # comments cut to line end. */
export function stripSqlComments(src: Uint8Array, start: i32, end: i32, out: ByteBuf): bool {
  out.reset();
  if (end > src.length) end = src.length;
  let changed = false;
  let i = start;
  let quote = 0;
  while (i < end) {
    const c = <i32>unchecked(src[i]);
    if (quote != 0) { out.push(c); if (c == quote) quote = 0; i++; continue; }
    if (c == 0x2f && src8(src, i + 1, end) == 0x2a) {
      let j = i + 2;
      // MySQL executable comments /*!50000 … */ keep their content: drop only the markers.
      if (src8(src, j, end) == 0x21) {
        j++;
        while (j < end && <i32>unchecked(src[j]) >= 0x30 && <i32>unchecked(src[j]) <= 0x39) j++;
        i = j; changed = true; continue;
      }
      while (j + 1 < end && !(<i32>unchecked(src[j]) == 0x2a && <i32>unchecked(src[j + 1]) == 0x2f)) j++;
      i = j + 1 < end ? j + 2 : end; changed = true; continue;
    }
    if (c == 0x2a && src8(src, i + 1, end) == 0x2f) { i += 2; changed = true; continue; }
    if ((c == 0x2d && src8(src, i + 1, end) == 0x2d) || c == 0x23) {
      let j = i;
      while (j < end && <i32>unchecked(src[j]) != 0x0a) j++;
      out.push(0x20);
      i = j; changed = true; continue;
    }
    out.push(c); i++;
  }
  return changed;
}

/** Source of a value, for decoding choices: '+' means space only in form/query encodings. */
export const SOURCE_JSON: i32 = 0;
export const SOURCE_QUERY: i32 = 1; // query parameter or urlencoded form field (raw, still %-encoded)
export const SOURCE_HEADER: i32 = 2;
export const SOURCE_PATH: i32 = 3;
export const SOURCE_COOKIE: i32 = 4;

/** Would any step of Normalizer.run change src[start,end)? ('%', '+' in form encodings, '&', '\\', non-ASCII,
 *  control whitespace, and spaces that normalizeSpace would collapse or trim.) */
export function needsDecoding(src: Uint8Array, start: i32, end: i32, plus: bool): bool {
  if (end > src.length) end = src.length;
  let prevSpace = true; // a leading space is trimmed
  for (let i = start; i < end; i++) {
    const c = <i32>unchecked(src[i]);
    if (c == 0x25 || c == 0x26 || c == 0x5c || c >= 0x80 || c < 0x20) return true; // (NUL too: utf8Normalize drops it)
    if (c == 0x2b && plus) return true;
    if (c == 0x20) { if (prevSpace) return true; prevSpace = true; } else prevSpace = false;
  }
  return end > start && prevSpace; // a trailing space is trimmed
}

const B01: u64 = 0x0101010101010101;
const B80: u64 = 0x8080808080808080;
const B7F: u64 = 0x7f7f7f7f7f7f7f7f;
/** High bit of some byte set if x holds a zero byte (never when it holds none). */
@inline function hasZero(x: u64): u64 { return (x - B01) & ~x & B80; }
/** High bit of some byte set if x holds a byte below 0x20 (exact when every byte is below 0x80). */
@inline function hasLess20(x: u64): u64 { return (x - B01 * 0x20) & ~x & B80; }

// needsDecoding's byte classes: 1 always needs a step ('%', '&', '\\', controls incl. NUL, >= 0x80), 2 '+', 3 ' '
const PLAIN_CLASS: StaticArray<u8> = plainClasses();
function plainClasses(): StaticArray<u8> {
  const t = new StaticArray<u8>(256);
  for (let c = 0; c < 256; c++) {
    if (c == 0x25 || c == 0x26 || c == 0x5c || c >= 0x80 || c < 0x20) t[c] = 1;
    else if (c == 0x2b) t[c] = 2;
    else if (c == 0x20) t[c] = 3;
  }
  return t;
}

const HAS_PCT: i32 = 1;    // '%': urlDecode
const HAS_HIGH: i32 = 2;   // NUL or a byte >= 0x80: utf8Normalize
const HAS_BSLASH: i32 = 4; // '\\': jsUnescape
const HAS_AMP: i32 = 8;    // '&': htmlEntityDecode
/** Which decoding steps could change buf (one read-only pass). */
function byteClasses(buf: ByteBuf): i32 {
  const d = buf.data;
  let n = buf.len;
  if (n > d.length) n = d.length;
  let has = 0;
  for (let i = 0; i < n; i++) {
    const c = <i32>unchecked(d[i]);
    if (c == 0x25) has |= HAS_PCT;
    else if (c == 0 || c >= 0x80) has |= HAS_HIGH;
    else if (c == 0x5c) has |= HAS_BSLASH;
    else if (c == 0x26) has |= HAS_AMP;
  }
  return has;
}

/**
 * The canonical form detectors read: URL-decoded up to twice (plus as space for query/form), HTML entities,
 * JS escapes and overlong UTF-8 resolved, whitespace collapsed. Case is kept (`lower` holds the folded copy).
 * Two scratch buffers ping-pong so a value costs a fixed number of linear passes and no allocation.
 */
export class Normalizer {
  a: ByteBuf = new ByteBuf();
  b: ByteBuf = new ByteBuf();
  /** final canonical bytes (one of a/b) */
  out: ByteBuf = this.a;
  /** case-folded copy of `out` */
  lower: ByteBuf = new ByteBuf();
  /** which steps changed something (bit per step), for tests and evidence */
  steps: i32 = 0;
  truncated: bool = false;

  static readonly STEP_URL: i32 = 1;
  static readonly STEP_URL2: i32 = 2;
  static readonly STEP_HTML: i32 = 4;
  static readonly STEP_JS: i32 = 8;
  static readonly STEP_UTF8: i32 = 16;
  static readonly STEP_SPACE: i32 = 32;

  /** `fast` = false forces every step (tests check the shortcut against it). */
  run(src: Uint8Array, start: i32, end: i32, source: i32, fast: bool = true): void {
    this.steps = 0;
    if (start < 0) start = 0;
    if (end > src.length) end = src.length;
    if (end < start) end = start;
    let cur = this.a, nxt = this.b;
    const plus = source == SOURCE_QUERY || source == SOURCE_COOKIE;
    // Most values (ids, names, plain words, paths) hold nothing any step would change: one copy, no passes.
    // The check (needsDecoding, inlined) writes the folded copy as it goes; a value that needs decoding
    // leaves it half written, and the full passes below overwrite it.
    if (fast && end - start <= this.lower.data.length && end - start <= cur.data.length) {
      const lo = this.lower.data;
      const n = end - start;
      let prevSpace = true; // a leading space is trimmed
      let plain = true;
      // eight bytes per step while none is special (no class-1 byte, '+' or NUL, and single spaces only): fold them at once
      let i = 0;
      const sp = src.dataStart + <usize>start, lp = lo.dataStart;
      while (i + 8 <= n) {
        const x = load<u64>(sp + <usize>i);
        if (((x & B80) | hasLess20(x) | hasZero(x ^ (B01 * 0x25)) | hasZero(x ^ (B01 * 0x26)) | hasZero(x ^ (B01 * 0x5c)) |
             hasZero(x ^ (B01 * 0x2b))) != 0) break;
        // spaces: bit 7 of each byte that is one; two in a row (here or across the step) or a leading one needs a step
        const v = x ^ (B01 * 0x20);
        const sp8 = ~(((v & B7F) + B7F) | v | B7F);
        if ((sp8 & (sp8 << 8)) != 0 || (prevSpace && (sp8 & 0x80) != 0)) break;
        // 'A'..'Z' (0x41..0x5a) get 0x20: bytes >= 0x41 and not >= 0x5b (all bytes < 0x80 here, no carries)
        const upper = ((x + B01 * (0x80 - 0x41)) & ~(x + B01 * (0x80 - 0x5b))) & B80;
        store<u64>(lp + <usize>i, x | (upper >> 2));
        prevSpace = (sp8 >> 63) != 0;
        i += 8;
      }
      for (; i < n; i++) {
        const c = <i32>unchecked(src[start + i]);
        const f = <i32>unchecked(PLAIN_CLASS[c]);
        if (f == 0) prevSpace = false;
        else if (f == 1 || (f == 2 && plus) || (f == 3 && prevSpace)) { plain = false; break; }
        else prevSpace = f == 3;
        unchecked(lo[i] = <u8>(<u32>(c - 0x41) < 26 ? c | 0x20 : c));
      }
      if (plain && !(n > 0 && prevSpace)) { // (a trailing space is trimmed)
        cur.copyFrom(src, start, end);
        this.out = cur;
        this.truncated = false;
        this.lower.len = n;
        this.lower.truncated = false;
        return;
      }
    } else if (fast && !needsDecoding(src, start, end, plus)) {
      cur.copyFrom(src, start, end);
      this.out = cur;
      this.truncated = cur.truncated;
      this.lower.copyFrom(src, start, end);
      foldCase(this.lower);
      return;
    }
    if (urlDecode(src, start, end, cur, plus)) this.steps |= Normalizer.STEP_URL;
    // A step changes nothing without its trigger byte: skip it then (its output would be dropped anyway).
    let has = byteClasses(cur);
    // Double encoding (%2527): a second pass only when the first left %HH behind.
    if ((has & HAS_PCT) != 0 && urlDecode(cur.data, 0, cur.len, nxt, false)) { this.steps |= Normalizer.STEP_URL2; const t = cur; cur = nxt; nxt = t; has = byteClasses(cur); }
    if ((has & HAS_HIGH) != 0 && utf8Normalize(cur.data, 0, cur.len, nxt)) { this.steps |= Normalizer.STEP_UTF8; const t = cur; cur = nxt; nxt = t; has = byteClasses(cur); }
    if ((has & HAS_BSLASH) != 0 && jsUnescape(cur.data, 0, cur.len, nxt)) { this.steps |= Normalizer.STEP_JS; const t = cur; cur = nxt; nxt = t; has = byteClasses(cur); }
    if ((has & HAS_AMP) != 0 && htmlEntityDecode(cur.data, 0, cur.len, nxt)) { this.steps |= Normalizer.STEP_HTML; const t = cur; cur = nxt; nxt = t; has = byteClasses(cur); }
    // Entities may hide a second round of JS escapes or entities (&amp;#x3c;): one more pass each.
    if ((has & HAS_AMP) != 0 && htmlEntityDecode(cur.data, 0, cur.len, nxt)) { this.steps |= Normalizer.STEP_HTML; const t = cur; cur = nxt; nxt = t; }
    if (normalizeSpace(cur.data, 0, cur.len, nxt)) { this.steps |= Normalizer.STEP_SPACE; const t = cur; cur = nxt; nxt = t; }
    this.out = cur;
    this.truncated = cur.truncated || nxt.truncated || (end - start) > MAX_DECODED;
    const lo = this.lower;
    lo.copyFrom(cur.data, 0, cur.len);
    foldCase(lo);
  }
}
