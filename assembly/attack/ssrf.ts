// attack.ssrf: URLs to loopback, metadata, private ranges, odd schemes and encoded IPs (CRS 931, 934 SSRF).
import { WordTable, isAlpha, isDigit, isSpace, startsWithAt, containsAt, minLevel, at, isSep, hasSpace } from "./words";
import { ByteBuf } from "./decode";

const ODD_SCHEMES: string[] = ["gopher://", "dict://", "file://", "ldap://", "ldaps://", "tftp://", "jar:", "netdoc://", "phar://", "expect://", "php://", "sftp://", "ftp://", "data://", "zip://", "glob://", "ogg://", "rar://", "compress.zlib://", "compress.bzip2://"];
const META_HOSTS: string[] = ["metadata.google.internal", "metadata.goog", "metadata", "instance-data", "169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254", "[fd00:ec2::254]", "metadata.azure.com", "kubernetes.default.svc", "kubernetes.default"];

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
  if (ip < 0) return 0;
  const o1 = <i32>(ip >> 24), o2 = <i32>((ip >> 16) & 255);
  const odd = !isCanonicalDotted(s, a, b);
  if (o1 == 127 || ip == 0 || o1 == 0 || (o1 == 169 && o2 == 254)) return 1;
  if (odd) return 1; // decimal/hex/octal spelling of an address: an evasion
  if (o1 == 10 || (o1 == 172 && o2 >= 16 && o2 <= 31) || (o1 == 192 && o2 == 168) || (o1 == 100 && o2 >= 64 && o2 <= 127)) return 2;
  return 3;
}

export function ssrfLevel(s: Uint8Array, start: i32, end: i32): i32 {
  let best = 0;
  for (let k = 0; k < ODD_SCHEMES.length; k++) {
    const p = containsAt(s, start, end, unchecked(ODD_SCHEMES[k]));
    if (p < 0) continue;
    const b = at(s, p - 1, end);
    if (p == start || !isAlpha(b)) { best = minLevel(best, k < 12 ? 1 : 2); break; }
  }
  // every "://" (and a scheme-less "//host" at the start): judge the host
  let i = start;
  while (i + 2 < end) {
    let hostStart = -1;
    if (<i32>unchecked(s[i]) == 0x3a && <i32>unchecked(s[i + 1]) == 0x2f && <i32>unchecked(s[i + 2]) == 0x2f) hostStart = i + 3;
    else if (i == start && <i32>unchecked(s[i]) == 0x2f && <i32>unchecked(s[i + 1]) == 0x2f) hostStart = i + 2;
    else if (i == start && (startsWithAt(s, i, end, "169.254.") || startsWithAt(s, i, end, "127.") || startsWithAt(s, i, end, "metadata") || startsWithAt(s, i, end, "localhost") || startsWithAt(s, i, end, "[::"))) hostStart = i;
    if (hostStart < 0) { i++; continue; }
    // authority: skip userinfo (evil.com@127.0.0.1), stop at / ? # and port
    let h = hostStart;
    let e = h;
    while (e < end) {
      const c = <i32>unchecked(s[e]);
      if (c == 0x2f || c == 0x3f || c == 0x23 || c == 0x5c || isSpace(c)) break;
      if (c == 0x40) h = e + 1;
      e++;
    }
    let hostEnd = e;
    if (at(s, h, end) == 0x5b) {
      let k = h; while (k < e && <i32>unchecked(s[k]) != 0x5d) k++; hostEnd = k < e ? k + 1 : e;
    } else {
      for (let k = h; k < e; k++) if (<i32>unchecked(s[k]) == 0x3a) { hostEnd = k; break; }
    }
    while (hostEnd > h && <i32>unchecked(s[hostEnd - 1]) == 0x2e) hostEnd--; // trailing dot
    let l = hostLevel(s, h, hostEnd);
    if (hostStart == i) {
      // scheme-less (value starts with the host): only metadata/loopback written plainly, then a path or port
      const follow = at(s, e, end);
      if (l != 1 || !(follow == 0x2f || at(s, hostEnd, end) == 0x3a)) l = l == 1 && e == end && hostEnd == e && startsWithAt(s, h, end, "169.254.169.254") ? 1 : (l == 1 && e == end ? 2 : 0);
    }
    if (l == 3) {
      // remote include shape: a URL to an IP literal; stronger when it ends with '?' (suffix-stripping trick)
      l = at(s, end - 1, end) == 0x3f ? 1 : 2;
    }
    // any absolute URL ending in '?' (or '?' + NUL-ish junk) is the RFI trick that cuts the appended suffix
    if (l == 0 && hostStart > start && at(s, end - 1, end) == 0x3f && e < end && !hasSpace(s, e, end)) l = 1;
    if (l > 0) best = minLevel(best, l);
    if (best == 1) return 1;
    i = e > i ? e : i + 1;
  }
  return best;
}
