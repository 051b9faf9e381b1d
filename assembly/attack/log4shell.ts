// attack.log4shell: ${jndi:…} and its nested-lookup obfuscations (CRS 944 Log4J).
import { WordTable, isAlpha, isDigit, isSpace, startsWithAt, containsAt, minLevel, at, isSep, hasSpace, nextOf2 } from "./words";
import { ByteBuf } from "./decode";

const LOOKUP_NAMES: string[] = ["lower", "upper", "date", "env", "sys", "main", "ctx", "marker", "bundle", "java", "jvmrunargs", "k8s", "docker", "spring", "web", "log4j", "sd", "map", "event", "base64", "url"];
const l4buf = new ByteBuf(512);
const l4stack = new StaticArray<i32>(16);

/**
 * Evaluates `${…}` lookups the way Log4j resolves obfuscations: ${lower:j} → j, ${::-j} and ${env:X:-j} →
 * j (defaults win), then looks for jndi: in the result. Each "${" region is read at most 256 bytes.
 */
export function log4shellLevel(s: Uint8Array, start: i32, end: i32): i32 {
  // both readings need a '$' or a '&': find the first (most values have neither), read on from there
  const k = nextOf2(s, start, end, 0x24, 0x26);
  if (k >= end) return 0;
  let best = lookupScan(s, k, end);
  if (best == 1) return 1;
  // HTML entities the decoder leaves alone ($&lbrace;jndi:…, &dollar;{…}, &#000…123;): CRS 944150 reads them too
  if (containsAt(s, k, end, "&") >= 0 && unentity(s, start, end, l4ent)) {
    const l = lookupScan(l4ent.data, 0, l4ent.len);
    if (l > 0) best = minLevel(best, l);
  }
  return best;
}

const l4ent = new ByteBuf(4096);

/** Copy s[start,end) into out with the brace/dollar entities replaced; false if none was found. */
function unentity(s: Uint8Array, start: i32, end: i32, out: ByteBuf): bool {
  out.reset();
  let found = false;
  let i = start;
  while (i < end) {
    const c = <i32>unchecked(s[i]);
    if (c != 0x26) { out.push(c); i++; continue; }
    let r = -1, n = 0;
    // every reference below continues with 'l', 'r', 'd' or '#' ("&&&…" tries none)
    const n1 = at(s, i + 1, end);
    if (n1 != 0x6c && n1 != 0x72 && n1 != 0x64 && n1 != 0x23) { out.push(c); i++; continue; }
    if (startsWithAt(s, i, end, "&lbrace")) { r = 0x7b; n = 7; }
    else if (startsWithAt(s, i, end, "&lcub")) { r = 0x7b; n = 5; }
    else if (startsWithAt(s, i, end, "&rbrace")) { r = 0x7d; n = 7; }
    else if (startsWithAt(s, i, end, "&rcub")) { r = 0x7d; n = 5; }
    else if (startsWithAt(s, i, end, "&dollar")) { r = 0x24; n = 7; }
    else if (at(s, i + 1, end) == 0x23) {
      // numeric reference with any number of leading zeros: &#00000123; &#x0007b;
      let j = i + 2;
      const hex = at(s, j, end) == 0x78;
      if (hex) j++;
      while (j < end && <i32>unchecked(s[j]) == 0x30) j++;
      let v = 0, d = 0;
      while (j < end && d < 6) {
        const x = <i32>unchecked(s[j]);
        if (isDigit(x)) v = v * (hex ? 16 : 10) + (x - 0x30);
        else if (hex && x >= 0x61 && x <= 0x66) v = v * 16 + (x - 0x57);
        else break;
        j++; d++;
      }
      if (v == 0x7b || v == 0x7d || v == 0x24 || v == 0x3a) { r = v; n = j - i; }
    }
    if (r < 0) { out.push(c); i++; continue; }
    found = true;
    out.push(r);
    i += n;
    if (at(s, i, end) == 0x3b) i++;
  }
  return found;
}

function lookupScan(s: Uint8Array, start: i32, end: i32): i32 {
  let best = 0;
  let i = start;
  while (i + 1 < end) {
    if (!(<i32>unchecked(s[i]) == 0x24 && <i32>unchecked(s[i + 1]) == 0x7b)) { i++; continue; }
    const lim = i + 256 < end ? i + 256 : end;
    const out = l4buf;
    out.reset();
    let depth = 0;
    let j = i;
    let closedTop = false;
    while (j < lim) {
      const c = <i32>unchecked(s[j]);
      if (c == 0x24 && at(s, j + 1, lim) == 0x7b) {
        if (depth < 16) unchecked(l4stack[depth] = out.len);
        depth++; j += 2; continue;
      }
      if (c == 0x7d && depth > 0) { depth--; j++; if (depth == 0) { closedTop = true; break; } continue; }
      if (depth > 0 && depth <= 16 && c == 0x3a) {
        const ls = unchecked(l4stack[depth - 1]);
        if (at(s, j + 1, lim) == 0x2d) { out.len = ls; j += 2; continue; } // :- default value
        // lookup prefix (lower:, upper:, date:, env:NAME …)
        if (isLookupName(out.data, ls, out.len)) { out.len = ls; j++; continue; }
      }
      if (depth > 0 && (c == 0x27 || c == 0x22)) { j++; continue; } // ${date:'j'}
      out.push(c);
      j++;
    }
    const p = containsAt(out.data, 0, out.len, "jndi");
    if (p >= 0) {
      // jndi followed by a colon (possibly itself produced by a lookup) and a protocol
      best = 1;
      return best;
    }
    if (startsWithAt(out.data, 0, out.len, "jndi") || (j > i + 2 && startsWithAt(s, i + 2, end, "jndi:"))) return 1;
    // bare lookups that leak secrets (${env:AWS_SECRET_ACCESS_KEY}, ${sys:user.home}) or nest lookups
    if (startsWithAt(s, i + 2, end, "env:") || startsWithAt(s, i + 2, end, "sys:") || startsWithAt(s, i + 2, end, "java:") ||
        startsWithAt(s, i + 2, end, "ctx:") || startsWithAt(s, i + 2, end, "main:") || startsWithAt(s, i + 2, end, "jvmrunargs:") ||
        startsWithAt(s, i + 2, end, "${") || startsWithAt(s, i + 2, end, "::-") || startsWithAt(s, i + 2, end, "lower:") || startsWithAt(s, i + 2, end, "upper:")) best = minLevel(best, 2);
    // an unclosed region was read with its nested lookups: go on after it (each byte read once)
    i = closedTop || j > i + 2 ? j : i + 2;
  }
  return best;
}

function isLookupName(b: Uint8Array, a: i32, e: i32): bool {
  if (e <= a) return true; // "${:" — empty name
  for (let k = 0; k < LOOKUP_NAMES.length; k++) {
    const n = unchecked(LOOKUP_NAMES[k]);
    if (e - a == n.length && startsWithAt(b, a, e, n)) return true;
  }
  // env:NAME / sys:NAME before ":-": the name part is dropped by the default rule; keep as is
  return false;
}
