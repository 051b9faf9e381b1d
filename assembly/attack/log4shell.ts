// attack.log4shell: ${jndi:…} and its nested-lookup obfuscations (CRS 944 Log4J).
import { WordTable, isAlpha, isDigit, isSpace, startsWithAt, containsAt, minLevel, at, isSep, hasSpace } from "./words";
import { ByteBuf } from "./decode";

const LOOKUP_NAMES: string[] = ["lower", "upper", "date", "env", "sys", "main", "ctx", "marker", "bundle", "java", "jvmrunargs", "k8s", "docker", "spring", "web", "log4j", "sd", "map", "event", "base64", "url"];
const l4buf = new ByteBuf(512);
const l4stack = new StaticArray<i32>(16);

/**
 * Evaluates `${…}` lookups the way Log4j resolves obfuscations: ${lower:j} → j, ${::-j} and ${env:X:-j} →
 * j (defaults win), then looks for jndi: in the result. Each "${" region is read at most 256 bytes.
 */
export function log4shellLevel(s: Uint8Array, start: i32, end: i32): i32 {
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
    i = closedTop ? j : i + 2;
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
