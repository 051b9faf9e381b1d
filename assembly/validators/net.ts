// Network-shaped values: IPv4/IPv6 addresses, e-mail addresses, phone numbers.
import {
  DIGITS, allSameDigits, at, clampEnd, clampStart, digitsValue, equalsLower, hexVal, isAlnum, isAlpha,
  isDigit, isHex, peek, precededByWord,
} from "./bytes";

// Parsed address (last successful parse), so public_ip can classify without re-parsing into memory.
const V4 = new StaticArray<i32>(4);
const V6 = new StaticArray<i32>(8);

function parseV4(b: Uint8Array, start: i32, end: i32, out: StaticArray<i32>, outAt: i32): bool {
  let part = 0;
  let val = 0;
  let len = 0;
  let first: u32 = 0;
  for (let i = start; i <= end; i++) {
    const c: u32 = i < end ? <u32>at(b, i) : 0x2e;
    if (isDigit(c)) {
      if (len == 0) first = c;
      else if (first == 0x30) return false; // leading zero: octal in some parsers, not an address here
      if (++len > 3) return false;
      val = val * 10 + <i32>(c - 48);
    } else if (c == 0x2e) {
      if (len == 0 || val > 255 || part > 3) return false;
      unchecked(out[outAt + part] = val);
      part++;
      val = 0;
      len = 0;
    } else {
      return false;
    }
  }
  return part == 4;
}

/**
 * Dotted-quad IPv4, each part 0-255 without leading zeros. Also rejects a match that is part of a longer
 * dotted run (an OID or a 5-part version such as 1.2.3.4.5): the byte before is not '.', the bytes after not '.'+digit;
 * and a product/version token ("Chrome/120.0.0.0": '/' after a letter) is not an address.
 */
export function ipv4(b: Uint8Array, start: i32, end: i32): bool {
  start = clampStart(start);
  end = clampEnd(b, end);
  if (end - start < 7 || end - start > 15) return false;
  if (peek(b, start - 1) == 0x2e && isDigit(<u32>peek(b, start - 2))) return false;
  if (peek(b, end) == 0x2e && isDigit(<u32>peek(b, end + 1))) return false;
  // product/version tokens as in User-Agent headers: "Chrome/120.0.0.0"
  if (peek(b, start - 1) == 0x2f && isAlpha(<u32>peek(b, start - 2))) return false;
  return parseV4(b, start, end, V4, 0);
}

/** RFC 4291 text IPv6: 8 groups of 1-4 hex digits, one '::' compression, optional trailing IPv4; no zone. */
export function ipv6(b: Uint8Array, start: i32, end: i32): bool {
  start = clampStart(start);
  end = clampEnd(b, end);
  const len = end - start;
  if (len < 3 || len > 45) return false; // "::" alone is refused: it reads as code, not an address
  for (let k = 0; k < 8; k++) unchecked(V6[k] = 0);
  let groups = 0;
  let gap = -1; // group index where '::' sits
  let i = start;
  if (at(b, i) == 0x3a) {
    if (at(b, i + 1) != 0x3a) return false;
    gap = 0;
    i += 2;
    if (i == end) return false;
  }
  let hexDigits = 0;
  while (i < end) {
    // one group
    let v = 0;
    let n = 0;
    const gs = i;
    while (i < end && isHex(<u32>at(b, i)) && n < 5) {
      v = (v << 4) | hexVal(<u32>at(b, i));
      n++;
      i++;
    }
    if (i < end && at(b, i) == 0x2e) {
      // embedded IPv4 takes the last two groups
      if (groups > 6) return false;
      if (!parseV4(b, gs, end, V4, 0)) return false;
      unchecked(V6[groups++] = (unchecked(V4[0]) << 8) | unchecked(V4[1]));
      unchecked(V6[groups++] = (unchecked(V4[2]) << 8) | unchecked(V4[3]));
      hexDigits++;
      i = end;
      break;
    }
    if (n == 0 || n > 4 || groups >= 8) return false;
    unchecked(V6[groups++] = v);
    hexDigits += n;
    if (i == end) break;
    if (at(b, i) != 0x3a) return false;
    i++;
    if (i < end && at(b, i) == 0x3a) {
      if (gap >= 0) return false;
      gap = groups;
      i++;
      if (i == end) break;
    } else if (i == end) {
      return false; // trailing single ':'
    }
  }
  if (hexDigits == 0) return false;
  if (gap < 0) return groups == 8;
  if (groups > 7) return false;
  // expand '::': move groups after the gap to the end
  const tail = groups - gap;
  for (let k = tail - 1; k >= 0; k--) {
    unchecked(V6[8 - tail + k] = unchecked(V6[gap + k]));
  }
  for (let k = gap; k < 8 - tail; k++) unchecked(V6[k] = 0);
  return true;
}

// A dotted quad right after one of these words is a version ("build 1.1.58.182"), not an address.
const VERSION_WORDS: string[] = ["version", "ver", "build", "release", "firmware", "revision", "rev"];

export function ip(b: Uint8Array, start: i32, end: i32): bool {
  if (ipv4(b, start, end)) return !precededByWord(b, start, VERSION_WORDS);
  return ipv6(b, start, end);
}

function v4Public(a: i32, b2: i32, c: i32): bool {
  if (a == 0 || a == 10 || a == 127 || a >= 224) return false; // this-network, private, loopback, multicast, reserved
  if (a == 100 && b2 >= 64 && b2 <= 127) return false; // CGNAT
  if (a == 169 && b2 == 254) return false; // link-local
  if (a == 172 && b2 >= 16 && b2 <= 31) return false;
  if (a == 192 && b2 == 168) return false;
  if (a == 192 && b2 == 0 && (c == 0 || c == 2)) return false; // IETF protocol, TEST-NET-1
  if (a == 198 && (b2 == 18 || b2 == 19)) return false; // benchmarking
  if (a == 198 && b2 == 51 && c == 100) return false; // TEST-NET-2
  if (a == 203 && b2 == 0 && c == 113) return false; // TEST-NET-3
  return true;
}

/**
 * A valid IPv4/IPv6 address that is globally routable: not private, loopback, link-local, CGNAT,
 * multicast, reserved, or a documentation/benchmark range (192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32).
 */
export function publicIp(b: Uint8Array, start: i32, end: i32): bool {
  if (ipv4(b, start, end)) {
    return v4Public(unchecked(V4[0]), unchecked(V4[1]), unchecked(V4[2]));
  }
  if (!ipv6(b, start, end)) return false;
  const g0 = unchecked(V6[0]);
  let zeroTo5 = true;
  for (let k = 0; k < 5; k++) if (unchecked(V6[k]) != 0) zeroTo5 = false;
  if (zeroTo5 && unchecked(V6[5]) == 0xffff) {
    // IPv4-mapped
    const hi = unchecked(V6[6]);
    const lo = unchecked(V6[7]);
    return v4Public(hi >> 8, hi & 0xff, lo >> 8);
  }
  if (zeroTo5 && unchecked(V6[5]) == 0 && unchecked(V6[6]) == 0) return false; // ::, ::1
  if ((g0 & 0xe000) != 0x2000) return false; // only 2000::/3 is global unicast
  if (g0 == 0x2001 && unchecked(V6[1]) == 0x0db8) return false; // documentation
  if (g0 == 0x3fff && unchecked(V6[1]) < 0x1000) return false; // documentation 3fff::/20
  if (g0 == 0x2002 || g0 == 0x2001 && unchecked(V6[1]) < 0x200) return false; // 6to4, IETF special (Teredo etc.)
  return true;
}

// File extensions that look like TLDs in names such as "logo@2x.png"; several (zip, mov) are also real TLDs,
// refused for precision.
const FILE_EXTS = [
  "png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "ico", "tif", "tiff", "heic", "avif", "js", "mjs", "cjs", "ts",
  "tsx", "jsx", "css", "scss", "less", "map", "json", "xml", "yml", "yaml", "toml", "ini", "cfg", "conf", "txt",
  "md", "html", "htm", "php", "py", "rb", "go", "rs", "java", "kt", "swift", "cs", "cpp", "hpp", "pdf", "doc",
  "docx", "xls", "xlsx", "ppt", "pptx", "csv", "zip", "gz", "tgz", "tar", "bz2", "xz", "7z", "rar", "jar", "war",
  "exe", "dll", "so", "dylib", "bin", "wasm", "mp3", "mp4", "mov", "avi", "mkv", "wav", "ogg", "flac", "woff",
  "woff2", "ttf", "otf", "eot", "lock", "log", "bak", "tmp", "sh", "bat", "ps1", "sql", "db", "local", "lan",
  "internal", "invalid", "localhost", "test", "example",
];

function atext(c: u32): bool {
  if (isAlnum(c)) return true;
  // ! # $ % & ' * + - / = ? ^ _ ` { | } ~
  return c == 0x21 || (c >= 0x23 && c <= 0x27) || c == 0x2a || c == 0x2b || c == 0x2d || c == 0x2f || c == 0x3d ||
    c == 0x3f || (c >= 0x5e && c <= 0x60) || (c >= 0x7b && c <= 0x7e);
}

/**
 * E-mail address: dot-atom local part (1-64, no leading/trailing/double dot) @ a domain of at least two
 * LDH labels (1-63, no leading/trailing '-', total <= 253) whose TLD is alphabetic 2-24 (or xn--) and not a
 * file extension or reserved name.
 */
export function email(b: Uint8Array, start: i32, end: i32): bool {
  start = clampStart(start);
  end = clampEnd(b, end);
  let atPos = -1;
  for (let i = start; i < end; i++) {
    if (at(b, i) == 0x40) {
      if (atPos >= 0) return false;
      atPos = i;
    }
  }
  if (atPos <= start || atPos - start > 64) return false;
  if (urlUserinfo(b, start)) return false;
  // local part
  let prev: u32 = 0x2e;
  for (let i = start; i < atPos; i++) {
    const c = <u32>at(b, i);
    if (c == 0x2e) {
      if (prev == 0x2e) return false;
    } else if (!atext(c)) {
      return false;
    }
    prev = c;
  }
  if (prev == 0x2e) return false;
  if (at(b, start) == 0x24 && peek(b, start + 1) == 0x7b) return false; // ${template}
  // domain
  const ds = atPos + 1;
  if (end - ds < 4 || end - ds > 253) return false;
  let labels = 0;
  let ls = ds;
  for (let i = ds; i <= end; i++) {
    const c: u32 = i < end ? <u32>at(b, i) : 0x2e;
    if (c == 0x2e) {
      const ll = i - ls;
      if (ll < 1 || ll > 63) return false;
      if (at(b, ls) == 0x2d || at(b, i - 1) == 0x2d) return false;
      labels++;
      if (i < end) ls = i + 1;
    } else if (!(isAlnum(c) || c == 0x2d)) {
      return false;
    }
  }
  if (labels < 2) return false;
  // TLD is b[ls, end)
  const tl = end - ls;
  if (tl >= 4 && equalsLower(b, ls, ls + 4, "xn--")) return true;
  if (tl < 2 || tl > 24) return false;
  for (let i = ls; i < end; i++) if (!isAlpha(<u32>at(b, i))) return false;
  for (let k = 0; k < FILE_EXTS.length; k++) {
    if (equalsLower(b, ls, end, unchecked(FILE_EXTS[k]))) return false;
  }
  return true;
}

/**
 * Does the text before `start` open a URL authority ("redis://user:" or "https://"), so that what follows up
 * to '@' is URL credentials, not a mailbox? Looks back at most 256 bytes, stopping at whitespace, quotes, '@'.
 */
function urlUserinfo(b: Uint8Array, start: i32): bool {
  let k = start - 1;
  const stop = start - 256;
  while (k >= 2 && k > stop) {
    const c = <u32>peek(b, k);
    if (c == 0x2f) return peek(b, k - 1) == 0x2f && peek(b, k - 2) == 0x3a;
    if (c <= 0x20 || c == 0x22 || c == 0x27 || c == 0x40 || c == 0x3c || c == 0x3e) return false;
    k--;
  }
  return false;
}

/**
 * Phone number. With '+' or '00': E.164 (country code not starting with 0, 8-15 digits in all; +1 must also
 * satisfy NANP). Without: NANP (10 digits, or 11 with a leading 1) or a national number with trunk prefix 0
 * (10-11 digits). NANP: area and exchange start 2-9, area not N11 or N9X, exchange not N11, and not the
 * fictional 555-0100..555-0199. Separators: space, dash, dot, parentheses, slash. One repeated digit fails, and
 * so does a match right after a digit group (a slice of a longer number).
 */
export function phone(b: Uint8Array, start: i32, end: i32): bool {
  start = clampStart(start);
  end = clampEnd(b, end);
  // a digit group right before ("TR68 7743 … 0072 0931 90", "6011-0089-8854-0008"): a slice of a longer number
  const p = <u32>peek(b, start - 1);
  if ((p == 0x20 || p == 0x2d || p == 0x2e) && isDigit(<u32>peek(b, start - 2))) return false;
  let n = 0;
  let plus = false;
  let parens = 0;
  for (let i = start; i < end; i++) {
    const c = <u32>at(b, i);
    if (isDigit(c)) {
      if (n >= 15) return false;
      unchecked(DIGITS[n++] = <u8>(c - 48));
    } else if (c == 0x2b) {
      if (i != start) return false;
      plus = true;
    } else if (c == 0x28) {
      parens++;
    } else if (c == 0x29) {
      parens--;
      if (parens < 0) return false;
    } else if (!(c == 0x20 || c == 0x2d || c == 0x2e || c == 0x2f)) {
      return false;
    }
  }
  if (parens != 0) return false;
  if (n < 7 || allSameDigits(n)) return false;
  let off = 0;
  if (!plus && n > 2 && unchecked(DIGITS[0]) == 0 && unchecked(DIGITS[1]) == 0) {
    plus = true;
    off = 2;
  }
  if (plus) {
    const m = n - off;
    if (m < 8 || m > 15) return false;
    const cc = unchecked(DIGITS[off]);
    if (cc == 0) return false;
    if (cc == 1) return m == 11 && nanp(off + 1);
    return true;
  }
  // national number with trunk prefix 0 ("0382 115 394", "01747 955024"): checked before NANP, which
  // never starts with 0
  if ((n == 10 || n == 11) && unchecked(DIGITS[0]) == 0 && unchecked(DIGITS[1]) != 0) return true;
  if (n == 10) return nanp(0);
  if (n == 11 && unchecked(DIGITS[0]) == 1) return nanp(1);
  return false;
}

/** NANP rules over DIGITS[from, from+10). */
function nanp(from: i32): bool {
  const a0 = unchecked(DIGITS[from]);
  const a1 = unchecked(DIGITS[from + 1]);
  const a2 = unchecked(DIGITS[from + 2]);
  const e0 = unchecked(DIGITS[from + 3]);
  const e1 = unchecked(DIGITS[from + 4]);
  const e2 = unchecked(DIGITS[from + 5]);
  if (a0 < 2 || e0 < 2) return false;
  if (a1 == 1 && a2 == 1) return false; // N11 service codes
  if (a1 == 9) return false; // N9X reserved for expansion
  if (e1 == 1 && e2 == 1) return false;
  if (e0 == 5 && e1 == 5 && e2 == 5) {
    const line = digitsValue(from + 6, 4);
    if (line >= 100 && line <= 199) return false; // fictional range
  }
  return true;
}

