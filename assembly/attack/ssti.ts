// attack.ssti: template expressions that evaluate ({{7*7}}, ${…}, <%= %>, #{…}).
import { WordTable, isAlpha, isDigit, isSpace, startsWithAt, containsAt, minLevel, at, isSep, hasSpace, nextOf2 } from "./words";
import { ByteBuf } from "./decode";

/** Is the expression e[a,b) more than a plain placeholder name? (operators, calls, dunders, filters) */
function expressionLike(s: Uint8Array, a: i32, b: i32): i32 {
  let ops = 0, calls = 0, dunder = 0, alnum = 0;
  for (let i = a; i < b; i++) {
    const c = <i32>unchecked(s[i]);
    if (c == 0x28) calls++;
    else if (c == 0x2a || c == 0x2b || c == 0x7c || c == 0x5b || c == 0x2d || c == 0x2f || c == 0x25 || c == 0x3d) ops++;
    else if (c == 0x5f && at(s, i + 1, b) == 0x5f) dunder++;
    else if (isAlpha(c) || isDigit(c)) alnum++;
  }
  if (dunder > 0) return 1;
  if (containsAt(s, a, b, "class") >= 0 || containsAt(s, a, b, "config") >= 0 || containsAt(s, a, b, "self") >= 0 ||
      containsAt(s, a, b, "request") >= 0 || containsAt(s, a, b, "getruntime") >= 0 || containsAt(s, a, b, "import") >= 0 ||
      containsAt(s, a, b, "constructor") >= 0 || containsAt(s, a, b, "popen") >= 0 || containsAt(s, a, b, "exec") >= 0 ||
      containsAt(s, a, b, "t(java") >= 0 || containsAt(s, a, b, "cycler") >= 0 || containsAt(s, a, b, "lipsum") >= 0 ||
      containsAt(s, a, b, "joiner") >= 0 || containsAt(s, a, b, "namespace") >= 0 || containsAt(s, a, b, "system") >= 0) return 1;
  if (ops > 0 && alnum > 0 && isArith(s, a, b)) return 1;  // {{7*7}}
  if (calls > 0) return 2;
  if (ops > 0) return 3;
  return alnum > 0 ? 4 : 0;
}

function isArith(s: Uint8Array, a: i32, b: i32): bool {
  // digits around an operator: 7*7, 7*'7'
  for (let i = a + 1; i + 1 < b; i++) {
    const c = <i32>unchecked(s[i]);
    if (c == 0x2a || c == 0x2b || c == 0x2d || c == 0x2f || c == 0x25) {
      let l = i - 1; while (l > a && isSpace(<i32>unchecked(s[l]))) l--;
      let r = i + 1; while (r < b - 1 && isSpace(<i32>unchecked(s[r]))) r++;
      const lc = <i32>unchecked(s[l]), rc = <i32>unchecked(s[r]);
      if ((isDigit(lc) || lc == 0x27 || lc == 0x22) && (isDigit(rc) || rc == 0x27 || rc == 0x22)) return true;
    }
  }
  return false;
}

const OPEN_LO: u64 = (<u64>1 << 0x3c) | (<u64>1 << 0x24) | (<u64>1 << 0x23) | (<u64>1 << 0x2a);

export function sstiLevel(s: Uint8Array, start: i32, end: i32): i32 {
  let best = 0;
  for (let i = start; i + 1 < end; i++) {
    // every opener's second byte is '{' or '%': jump to the next one (most values hold none)
    i = nextOf2(s, i + 1, end, 0x7b, 0x25) - 1;
    if (i + 1 >= end) break;
    const c = <i32>unchecked(s[i]);
    // and it starts with { < $ # * @
    if (c < 64 ? ((OPEN_LO >> <u64>c) & 1) == 0 : (c != 0x7b && c != 0x40)) continue;
    const n = <i32>unchecked(s[i + 1]);
    let open = 0, close1 = 0, close2 = 0;
    if (c == 0x7b && n == 0x7b) { open = 2; close1 = 0x7d; close2 = 0x7d; }          // {{ }}
    else if (c == 0x7b && n == 0x25) { open = 2; close1 = 0x25; close2 = 0x7d; }     // {% %}
    else if (c == 0x3c && n == 0x25) { open = 2; close1 = 0x25; close2 = 0x3e; }     // <% %>
    else if ((c == 0x24 || c == 0x23 || c == 0x2a || c == 0x40) && n == 0x7b) { open = 2; close1 = 0x7d; close2 = 0; } // ${ } #{ } *{ } @{ }
    if (open == 0) continue;
    const a = i + open;
    const lim = a + 512 < end ? a + 512 : end;
    let e = -1;
    for (let k = a; k < lim; k++) {
      if (<i32>unchecked(s[k]) == close1 && (close2 == 0 || at(s, k + 1, end) == close2)) { e = k; break; }
    }
    let l = 0;
    if (e < 0) {
      // unterminated (truncated payload): judge what is there, one level weaker
      const x = expressionLike(s, a, lim);
      l = x > 0 ? (x < 4 ? x + 1 : 0) : 0;
    } else {
      l = expressionLike(s, a, e);
      if (c == 0x7b && n == 0x25) {
        // {% statements %}: import/for/set/include/macro are template code
        if (containsAt(s, a, e, "import") >= 0 || containsAt(s, a, e, "include") >= 0 || containsAt(s, a, e, "for ") >= 0 || containsAt(s, a, e, "set ") >= 0 || containsAt(s, a, e, "macro") >= 0 || containsAt(s, a, e, "debug") >= 0) l = minLevel(l, 1);
      }
      if (c == 0x3c && at(s, a, end) == 0x3d) l = minLevel(l, l == 4 ? 2 : l); // <%= expr %>
      if (c == 0x24 && l == 4) l = 0; // ${name} placeholders are everywhere (shell, JS templates)
      if (c == 0x40 || c == 0x2a) { if (l == 4) l = 0; }
      // Perl @{[ expr ]} interpolation (CRS 934140); any {% … %} / <% … %> statement is template code (934180)
      if (c == 0x40) { let q = a; while (q < e && isSpace(<i32>unchecked(s[q]))) q++; if (at(s, q, e) == 0x5b) l = minLevel(l, 2); }
      if ((n == 0x25) && l == 4) l = 2;
    }
    if (l > 0) best = minLevel(best, l);
    if (best == 1) return 1;
    // opens inside this expression were judged with it: continue after it, so each byte is read once
    i = (e < 0 ? lim : e) - 1;
  }
  return best;
}
