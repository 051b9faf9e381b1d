// attack.ssrf: URLs to loopback, metadata, private ranges, odd schemes and encoded IPs (CRS 931, 934 SSRF).
import { WordTable, isAlpha, isDigit, isSpace, startsWithAt, containsAt, minLevel, at, isSep, hasSpace, firstOf2 } from "./words";
import { ByteBuf } from "./decode";

// PHP/Java stream wrappers and non-web schemes (level 1), then ordinary file-transfer/data schemes (level 2, from ODD_L2)
const ODD_SCHEMES: string[] = ["gopher://", "dict://", "file://", "ldap://", "ldaps://", "tftp://", "jar:", "netdoc://", "phar://", "expect://", "php://",
  "zip://", "glob://", "ogg://", "rar://", "compress.zlib://", "compress.bzip2://", "ssh2.shell://", "ssh2.exec://", "ssh2.tunnel://",
  "ssh2.scp://", "ssh2.sftp://", "sftp://", "ftp://", "data://"];
const ODD_L2: i32 = 22;
const ODD_JAR: i32 = 6; // the one without "//" after ':'
let oddColonAt: StaticArray<i32> | null = null;
/** Offset of ':' in each ODD_SCHEMES entry (computed once, not per ':' of a value). */
function oddColons(): StaticArray<i32> {
  let a = oddColonAt;
  if (a !== null) return a;
  a = new StaticArray<i32>(ODD_SCHEMES.length);
  for (let k = 0; k < ODD_SCHEMES.length; k++) unchecked(a[k] = ODD_SCHEMES[k].indexOf(":"));
  oddColonAt = a;
  return a;
}
const META_HOSTS: string[] = ["metadata.google.internal", "metadata.goog", "metadata", "instance-data", "169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254", "[fd00:ec2::254]", "metadata.azure.com", "kubernetes.default.svc", "kubernetes.default",
  "metadata.packet.net", "192.0.0.192", "rancher-metadata", "metadata.tencentyun.com", "169.254.0.23"];

const ipParts = new StaticArray<i64>(4);


/** Parse a dotted/decimal/hex/octal IPv4 literal the way inet_aton does. Returns -1 if not an IPv4 literal. */
export function parseLooseIpv4(s: Uint8Array, a: i32, b: i32): i64 {
  if (b <= a) return -1;
  let parts = 0;
  const vals = ipParts;
  let i = a;
  while (i < b) {
    if (parts >= 4) return -1;
    let v: i64 = 0;
    let base = 10;
    let digits = 0;
    if (at(s, i, b) == 0x30 && (at(s, i + 1, b) | 0x20) == 0x78) { base = 16; i += 2; }
    else if (at(s, i, b) == 0x30 && isDigit(at(s, i + 1, b))) base = 8;
    while (i < b && <i32>unchecked(s[i]) != 0x2e) {
      const c = <i32>unchecked(s[i]);
      let d = -1;
      if (isDigit(c)) d = c - 0x30; else if (base == 16 && (c | 0x20) >= 0x61 && (c | 0x20) <= 0x66) d = (c | 0x20) - 0x61 + 10;
      if (d < 0 || d >= base) return -1;
      v = v * base + d;
      if (v > 0xffffffff) return -1;
      i++; digits++;
    }
    if (digits == 0 && base != 16) return -1;
    vals[parts++] = v;
    if (i < b) { i++; if (i >= b) return -1; }
  }
  let ip: i64 = 0;
  if (parts == 1) ip = vals[0];
  else if (parts == 2) { if (vals[0] > 255 || vals[1] > 0xffffff) return -1; ip = (vals[0] << 24) | vals[1]; }
  else if (parts == 3) { if (vals[0] > 255 || vals[1] > 255 || vals[2] > 0xffff) return -1; ip = (vals[0] << 24) | (vals[1] << 16) | vals[2]; }
  else { for (let k = 0; k < 4; k++) if (vals[k] > 255) return -1; ip = (vals[0] << 24) | (vals[1] << 16) | (vals[2] << 8) | vals[3]; }
  return ip;
}

/** Is s[a,b) written as a plain dotted quad of decimal octets (the canonical form)? */
function isCanonicalDotted(s: Uint8Array, a: i32, b: i32): bool {
  let dots = 0;
  for (let i = a; i < b; i++) {
    const c = <i32>unchecked(s[i]);
    if (c == 0x2e) { dots++; if (i + 1 < b && <i32>unchecked(s[i + 1]) == 0x30 && i + 2 < b && isDigit(<i32>unchecked(s[i + 2]))) return false; continue; }
    if (!isDigit(c)) return false;
  }
  return dots == 3 && !(<i32>unchecked(s[a]) == 0x30 && b > a + 1 && isDigit(<i32>unchecked(s[a + 1])));
}

let strictSpelling = false;

/** Level for a host s[a,b): loopback/metadata 1, private 2, public IP literal 3 (RFI-ish), name 0. */
function hostLevel(s: Uint8Array, a: i32, b: i32): i32 {
  if (b <= a) return 0;
  for (let k = 0; k < META_HOSTS.length; k++) {
    const h = unchecked(META_HOSTS[k]);
    if (b - a == h.length && startsWithAt(s, a, b, h)) return 1;
  }
  if ((b - a == 9 && startsWithAt(s, a, b, "localhost")) || (b - a > 10 && startsWithAt(s, a, b, "localhost."))) return 1;
  if (<i32>unchecked(s[a]) == 0x5b) {
    // IPv6 literal: loopback, unspecified, v4-mapped, link-local, unique-local
    if (containsAt(s, a, b, "::1]") >= 0 || startsWithAt(s, a, b, "[::]") || startsWithAt(s, a, b, "[0:0:0:0:0:0:0") || containsAt(s, a, b, "::ffff:") >= 0 || startsWithAt(s, a, b, "[fe80:")) return 1;
    if (startsWithAt(s, a, b, "[fc") || startsWithAt(s, a, b, "[fd")) return 2;
    return 3;
  }
  // names that resolve to loopback by design (127.0.0.1.nip.io, localtest.me)
  if (containsAt(s, a, b, ".nip.io") >= 0 || containsAt(s, a, b, ".xip.io") >= 0 || containsAt(s, a, b, "localtest.me") >= 0 || containsAt(s, a, b, ".sslip.io") >= 0) return 2;
  const ip = parseLooseIpv4(s, a, b);
  // one number wider than 32 bits (http://7147006462/, 0x41414141a9fea9fe): parsers that wrap it land on an address
  if (ip < 0) return oversizedNumber(s, a, b) ? 1 : 0;
  const o1 = <i32>(ip >> 24), o2 = <i32>((ip >> 16) & 255);
  const odd = !isCanonicalDotted(s, a, b);
  if (o1 == 127 || ip == 0 || (o1 == 0 && !strictSpelling) || (o1 == 169 && o2 == 254)) return 1;
  if (odd && !strictSpelling) return 1; // decimal/hex/octal spelling of an address: an evasion
  if (o1 == 10 || (o1 == 172 && o2 >= 16 && o2 <= 31) || (o1 == 192 && o2 == 168) || (o1 == 100 && o2 >= 64 && o2 <= 127)) return 2;
  return 3;
}

export function ssrfLevel(s: Uint8Array, start: i32, end: i32): i32 {
  let best = 0;
  // odd schemes, tried at each ':'
  const colons = oddColons();
  // every scheme and every host below past the value's start hangs on a ':': the scans start at the first one
  const colon0 = nextColon(s, start, end);
  for (let i = colon0; i < end && best != 1; i++) {
    if (<i32>unchecked(s[i]) != 0x3a) continue;
    // every scheme but "jar:" continues with "//": without it only "jar:" can match (':' runs stay cheap)
    const slashes = at(s, i + 1, end) == 0x2f && at(s, i + 2, end) == 0x2f;
    const k0 = slashes ? 0 : ODD_JAR, k1 = slashes ? ODD_SCHEMES.length : ODD_JAR + 1;
    for (let k = k0; k < k1; k++) {
      const f = unchecked(ODD_SCHEMES[k]);
      const p = i - unchecked(colons[k]);
      if (p < start || !startsWithAt(s, p, end, f)) continue;
      if (p == start || !isAlpha(at(s, p - 1, end))) { best = minLevel(best, k < ODD_L2 ? 1 : 2); break; }
    }
  }
  // every "://" (and a scheme-less "//host" at the start, and "http:host" without slashes): judge the host
  let sawUrl = false;
  let lastSpace = -2; // not looked for yet
  let i = start;
  let nc = colon0; // the first ':' at or after i (past the start, only a ':' begins a host)
  while (i + 2 < end) {
    let hostStart = -1;
    let schemeAtStart = false;
    const c = <i32>unchecked(s[i]);
    if (c == 0x3a && <i32>unchecked(s[i + 1]) == 0x2f && <i32>unchecked(s[i + 2]) == 0x2f) { hostStart = i + 3; sawUrl = true; schemeAtStart = schemeFrom(s, start, i) == start; }
    else if (c == 0x3a && webSchemeBefore(s, start, i)) {
      // http:127.0.0.1, http:/2852039166, http:\\host (parsers that accept a missing or short "//")
      hostStart = i + 1;
      if (isSep(at(s, hostStart, end))) hostStart++;
      schemeAtStart = schemeFrom(s, start, i) == start;
    }
    else if (i == start && <i32>unchecked(s[i]) == 0x2f && <i32>unchecked(s[i + 1]) == 0x2f) hostStart = i + 2;
    // (those names start with '1', 'm', 'l' or '[': other first bytes try none)
    else if (i == start && (c == 0x31 || c == 0x6d || c == 0x6c || c == 0x5b) && (startsWithAt(s, i, end, "169.254.") || startsWithAt(s, i, end, "127.") || startsWithAt(s, i, end, "metadata") || startsWithAt(s, i, end, "localhost") || startsWithAt(s, i, end, "[::"))) hostStart = i;
    if (hostStart < 0) {
      i++;
      if (nc < i) nc = nextColon(s, i, end);
      i = nc;
      continue;
    }
    // authority: up to / ? # or a space; a '\\' before a letter or digit is an escape some parsers drop (http://\\l\\o…)
    let e = hostStart;
    let odd = false;
    while (e < end) {
      const d = <i32>unchecked(s[e]);
      if (d == 0x2f || d == 0x3f || d == 0x23 || isSpace(d)) break;
      if (d == 0x5c) { const n = at(s, e + 1, end); if (!(isAlpha(n) || isDigit(n) || n == 0x5c)) break; odd = true; }
      if (d >= 0x80) odd = true;
      e++;
    }
    // without "//" only the address ranges count, not an odd spelling alone (http:0xabcdef is not a known trick)
    const noSlashes = c == 0x3a && !(at(s, i + 1, end) == 0x2f && at(s, i + 2, end) == 0x2f);
    strictSpelling = noSlashes;
    let l = odd && normalizeHost(s, hostStart, e) ? authorityLevel(hostBuf.data, 0, hostBuf.len) : authorityLevel(s, hostStart, e);
    strictSpelling = false;
    // a host written with escapes or look-alike characters that fold to nothing alarming is still an obfuscation
    if (odd && l == 0 && hostStart > start) l = 2;
    // scheme-less and numeric: a dotted quad only (127.05 is a price, not 127.0.0.5)
    if (hostStart == i && isDigit(c) && dotsIn(s, lastHost, lastHostEnd) < 3) l = 0;
    if (hostStart == i) {
      // scheme-less (value starts with the host): only metadata/loopback written plainly, then a path or port
      const follow = at(s, e, end);
      if (l != 1 || !(follow == 0x2f || lastHostEnd < e)) l = l == 1 && e == end && lastHostEnd == e && startsWithAt(s, lastHost, end, "169.254.169.254") ? 1 : (l == 1 && e == end ? 2 : 0);
    }
    if (l == 3) {
      // remote include shape: a parameter that is a URL to an IP literal (CRS 931100); stronger when it ends
      // with '?' (suffix-stripping trick). A URL to an IP inside text stays at level 2.
      l = at(s, end - 1, end) == 0x3f || (schemeAtStart && !noSlashes) ? 1 : 2;
    }
    // any absolute URL ending in '?' (or '?' + NUL-ish junk) is the RFI trick that cuts the appended suffix
    if (l == 0 && hostStart > start && at(s, end - 1, end) == 0x3f && e < end) {
      // (= !hasSpace(s, e, end), from the value's last space found once: no rescan per URL)
      if (lastSpace == -2) { lastSpace = -1; for (let k = end - 1; k >= start; k--) if (isSpace(<i32>unchecked(s[k]))) { lastSpace = k; break; } }
      if (lastSpace < e) l = 1;
    }
    if (l > 0) best = minLevel(best, l);
    if (best == 1) return 1;
    i = e > i ? e : i + 1;
  }
  // URL-parser confusion: "http://google.com:80 &@127.88.23.245:22/#@google.com" — every '@' after a "://" names a host
  if (sawUrl) {
    const u = containsAt(s, start, end, "://");
    for (let k = u + 3; k < end; k++) {
      if (<i32>unchecked(s[k]) != 0x40) continue;
      let e = k + 1;
      while (e < end) { const d = <i32>unchecked(s[e]); if (d == 0x2f || d == 0x3f || d == 0x23 || d == 0x40 || isSpace(d)) break; e++; }
      const l = authorityLevel(s, k + 1, e);
      if (l == 1) return 1;
    }
  }
  // a parameter that is just a scheme and '?' (file?, https?): the remote-include probe (CRS 931120)
  const w = schemeWordAt(s, start, end);
  if (w > start && at(s, end - 1, end) == 0x3f && !hasSpace(s, start, end)) {
    const n = at(s, w, end);
    if (n == 0x3a || (n == 0x3f && !startsWithAt(s, start, end, "file"))) best = minLevel(best, 1);
    else if (n == 0x3f) best = minLevel(best, 2);
  }
  return best;
}

// host span found by the last authorityLevel call (for the scheme-less checks)
let lastHost: i32 = 0;
let lastHostEnd: i32 = 0;

/** Level of an authority a[a,b): userinfo skipped, IPv6 brackets kept, port and trailing dots dropped. */
function authorityLevel(s: Uint8Array, a: i32, b: i32): i32 {
  let h = a;
  for (let k = a; k < b; k++) if (<i32>unchecked(s[k]) == 0x40) h = k + 1;
  let hostEnd = b;
  if (at(s, h, b) == 0x5b) {
    let k = h; while (k < b && <i32>unchecked(s[k]) != 0x5d) k++; hostEnd = k < b ? k + 1 : b;
  } else {
    for (let k = h; k < b; k++) if (<i32>unchecked(s[k]) == 0x3a) { hostEnd = k; break; }
  }
  while (hostEnd > h && <i32>unchecked(s[hostEnd - 1]) == 0x2e) hostEnd--; // trailing dot
  lastHost = h; lastHostEnd = hostEnd;
  return hostLevel(s, h, hostEnd);
}

/** Start of the URL scheme that ends at colon position i (letters, digits, + - .), or i if none. */
function schemeFrom(s: Uint8Array, start: i32, i: i32): i32 {
  let k = i;
  while (k > start) {
    const c = <i32>unchecked(s[k - 1]);
    if (!(isAlpha(c) || isDigit(c) || c == 0x2b || c == 0x2d || c == 0x2e)) break;
    k--;
  }
  return k;
}

/** Is s[..i) ending in the word http/https/ftp (the colon at i, not followed by "//")? */
function webSchemeBefore(s: Uint8Array, start: i32, i: i32): bool {
  const end = s.length;
  if (at(s, i + 1, end) == 0x2f && at(s, i + 2, end) == 0x2f) return false;
  const k = schemeFrom(s, start, i);
  const n = i - k;
  if (k > start && isAlpha(<i32>unchecked(s[k - 1]))) return false;
  return (n == 4 && startsWithAt(s, k, i, "http")) || (n == 5 && startsWithAt(s, k, i, "https"));
}

/** If the value starts with file/ftp/ftps/http/https, the index after that word; else start. */
function schemeWordAt(s: Uint8Array, start: i32, end: i32): i32 {
  // every word starts with 'h' or 'f' (and none fits a range past the array)
  if (start < 0 || start >= end || end > s.length) return start;
  const c = <i32>unchecked(s[start]);
  if (c != 0x68 && c != 0x66) return start;
  if (startsWithAt(s, start, end, "https")) return start + 5;
  if (startsWithAt(s, start, end, "http")) return start + 4;
  if (startsWithAt(s, start, end, "ftps")) return start + 4;
  if (startsWithAt(s, start, end, "ftp")) return start + 3;
  if (startsWithAt(s, start, end, "file")) return start + 4;
  return start;
}

/** One decimal (up to 20 digits) or 0x-hex (up to 16 digits) number that does not fit in 32 bits. */
function oversizedNumber(s: Uint8Array, a: i32, b: i32): bool {
  if (b - a < 10) return false;
  if (at(s, a, b) == 0x30 && (at(s, a + 1, b) | 0x20) == 0x78) {
    if (b - a - 2 <= 8 || b - a - 2 > 16) return false;
    for (let k = a + 2; k < b; k++) { const c = <i32>unchecked(s[k]) | 0x20; if (!(isDigit(c) || (c >= 0x61 && c <= 0x66))) return false; }
    return true;
  }
  if (b - a > 20) return false;
  for (let k = a; k < b; k++) if (!isDigit(<i32>unchecked(s[k]))) return false;
  return true;
}

const hostBuf = new ByteBuf(512);
/**
 * Host spelled with look-alikes parsers fold (IDNA/NFKC): enclosed alphanumerics (①⑥⑨, ⓛⓞⓒⓐⓛ), ideographic
 * full stops (。｡), backslash-escaped letters. Writes the ASCII spelling of s[a,b) into hostBuf; false if too long.
 */
function normalizeHost(s: Uint8Array, a: i32, b: i32): bool {
  const o = hostBuf;
  o.reset();
  let i = a;
  while (i < b) {
    if (o.len + 3 > o.data.length) return false;
    const c = <i32>unchecked(s[i]);
    if (c == 0x5c) { i++; continue; }
    if (c < 0x80) { o.push(c); i++; continue; }
    if ((c & 0xf0) == 0xe0 && i + 2 < b) {
      const cp = ((c & 0x0f) << 12) | ((<i32>unchecked(s[i + 1]) & 0x3f) << 6) | (<i32>unchecked(s[i + 2]) & 0x3f);
      i += 3;
      if (cp >= 0x2460 && cp <= 0x2473) { const n = cp - 0x2460 + 1; if (n >= 10) o.push(0x30 + n / 10); o.push(0x30 + n % 10); continue; }
      if (cp == 0x24ea) { o.push(0x30); continue; }
      if (cp >= 0x24b6 && cp <= 0x24cf) { o.push(0x61 + cp - 0x24b6); continue; }
      if (cp >= 0x24d0 && cp <= 0x24e9) { o.push(0x61 + cp - 0x24d0); continue; }
      if (cp == 0x3002 || cp == 0xff61 || cp == 0xff0e) { o.push(0x2e); continue; }
      o.push(0x3f);
      continue;
    }
    o.push(0x3f); i++;
  }
  return true;
}

/**
 * RFI by parameter name (CRS 931110): a parameter that PHP applications of the past used as an include path
 * (mosConfig_absolute_path, _CONF[path], _SERVER[DOCUMENT_ROOT], GALLERY_BASEDIR, path[docroot], appserv_root,
 * config[root_dir], and names ending so: …_path, …basedir, …root_dir, …docroot, …document_root) holding a remote URL.
 * `key`: lower-case parameter name key[0,klen); value: the decoded lower-case s[start,end). Returns 1 or 0.
 * Not called from index.ts yet (ssrfLevel does not see the key): the integrator wires it next to ssrfLevel.
 */
export function rfiParamLevel(key: Uint8Array, klen: i32, s: Uint8Array, start: i32, end: i32): i32 {
  if (klen > key.length) klen = key.length;
  if (klen < 4 || end > s.length) return 0;
  // the value is a remote URL: file|ftp|ftps|http|https "://"
  const w = schemeWordAt(s, start, end);
  if (w == start || !startsWithAt(s, w, end, "://")) return 0;
  for (let k = 0; k < RFI_KEYS.length; k++) {
    const n = unchecked(RFI_KEYS[k]);
    if (klen >= n.length && startsWithAt(key, klen - n.length, klen, n)) return 1;
  }
  return 0;
}
const RFI_KEYS: string[] = ["mosconfig_absolute_path", "_conf[path]", "_server[document_root]", "gallery_basedir", "path[docroot]",
  "appserv_root", "config[root_dir]", "_path", "basedir", "root_dir", "docroot", "document_root", "[path]"];

/** Index of the first ':' in s[i,end), or end. */
@inline function nextColon(s: Uint8Array, i: i32, end: i32): i32 {
  // the next few bytes one by one (colons close together: "a:b:c"), then eight at a time
  const lim = i + 8 < end ? i + 8 : end;
  while (i < lim && <i32>unchecked(s[i]) != 0x3a) i++;
  return i < lim || i >= end ? i : firstOf2(s, i, end, 0x3a, 0x3a);
}

function dotsIn(s: Uint8Array, a: i32, b: i32): i32 {
  let n = 0;
  for (let i = a; i < b; i++) if (<i32>unchecked(s[i]) == 0x2e) n++;
  return n;
}
