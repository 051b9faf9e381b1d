// attack.xss, script side (CRS 941180/941360/941370/941390/941400): JavaScript that only makes sense as an
// injected payload. One pass over the lower-cased value: identifiers are looked up in a small word table at
// their boundaries, then judged by the syntax right around them (a call's "(", a tagged template's backtick,
// a comment or ")" between a global object and its member, an assignment to a DOM sink).
import { WordTable, isAlpha, isDigit, isSpace, at, startsWithAt, containsAt, firstLenMasks, lookupFiltered, ByteSet, bitLo, bitHi } from "./words";

const W_SINK: i32 = 1;    // alert prompt confirm eval btoa atob settimeout setinterval: code or dialogs from a string
const W_GLOBAL: i32 = 2;  // document window self top parent frames globalthis this
const W_CALL: i32 = 3;    // call apply bind: Function.prototype gadgets ([].sort.call`${alert}1`)
const W_WRITE: i32 = 4;   // DOM writes as properties: innerhtml outerhtml textcontent
const W_WRITEFN: i32 = 5; // DOM writes as calls: appendchild insertadjacenthtml write writeln
const W_LOCATION: i32 = 6;
const W_REFLECT: i32 = 7; // Reflect.apply/construct/get…
const W_NEW: i32 = 8;     // new Function(…)
const W_STRING: i32 = 9;  // String.fromCharCode
const W_CHARCODE: i32 = 10; // fromcharcode alone
const W_CTOR: i32 = 11;   // .constructor(
const W_MOZ: i32 = 12;    // -moz-binding
const W_URL: i32 = 13;    // CSS url(javascript:…)
const W_UTF7: i32 = 14;   // +ADw- / +AD4- (UTF-7 '<' '>')
const W_VML: i32 = 15;    // <:vmlframe, <:script, <:x:script

let table: WordTable | null = null;
function words(): WordTable {
  let t = table;
  if (t !== null) return t;
  t = new WordTable(8);
  t.addAll("alert prompt confirm eval btoa atob settimeout setinterval", W_SINK);
  t.addAll("document window self top parent frames globalthis this", W_GLOBAL);
  t.addAll("call apply bind", W_CALL);
  t.addAll("innerhtml outerhtml textcontent", W_WRITE);
  t.addAll("appendchild insertadjacenthtml write writeln", W_WRITEFN);
  t.add("location", W_LOCATION);
  t.add("reflect", W_REFLECT);
  t.add("new", W_NEW);
  t.add("string", W_STRING);
  t.add("fromcharcode", W_CHARCODE);
  t.add("constructor", W_CTOR);
  t.add("moz", W_MOZ);
  t.add("url", W_URL);
  t.addAll("adw ad4", W_UTF7);
  t.addAll("vmlframe script", W_VML);
  table = t;
  tableLens = firstLenMasks(t);
  return t;
}
// first byte × length of the words: most identifiers of a value are answered without hashing
let tableLens: StaticArray<u64> = new StaticArray<u64>(128);

@inline function isIdent(c: i32): bool { return isAlpha(c) || isDigit(c) || c == 0x5f || c == 0x24; }

// result of the last skipJs call: did it cross a comment / a ')'
let sawComment = false;

/** Skip spaces and JS block comments from i (each comment looked at over at most 256 bytes). */
function skipJs(s: Uint8Array, i: i32, end: i32): i32 {
  sawComment = false;
  while (i < end) {
    const c = <i32>unchecked(s[i]);
    if (isSpace(c)) { i++; continue; }
    if (c == 0x2f && at(s, i + 1, end) == 0x2a) {
      let j = i + 2;
      const lim = j + 256 < end ? j + 256 : end;
      while (j + 1 < lim && !(<i32>unchecked(s[j]) == 0x2a && <i32>unchecked(s[j + 1]) == 0x2f)) j++;
      if (j + 1 >= lim) return i;
      i = j + 2; sawComment = true; continue;
    }
    break;
  }
  return i;
}

/** The previous non-space byte before i (at most 4 spaces back), or -1. */
function prevByte(s: Uint8Array, i: i32, start: i32): i32 {
  let k = i - 1, n = 0;
  while (k >= start && n < 4 && isSpace(<i32>unchecked(s[k]))) { k--; n++; }
  return k >= start ? <i32>unchecked(s[k]) : -1;
}

/** Lowest level (1–2) at which s[start,end) holds script-only JavaScript, or 0. */
export function jsPayloadLevel(s: Uint8Array, start: i32, end: i32): i32 {
  if (end > s.length) end = s.length;
  if (start < 0) start = 0;
  const t = words();
  let best = 0;
  let sawDocument = false;
  let jsfuck = 0, bangs = 0;
  let hasSpace = false;
  let spaceAfter = -1;
  let valueSpace = -1;
  let i = start;
  while (i < end) {
    const c = <i32>unchecked(s[i]);
    if (isSpace(c)) hasSpace = true;
    // JSFuck: `![]` / `+[]` coercions (not a markdown image `![](…)`)
    if (c == 0x5b && at(s, i + 1, end) == 0x5d && at(s, i + 2, end) != 0x28) {
      // (a '+' may have become a space in form decoding: "(![] [])[ ! []]")
      let p = at(s, i - 1, end);
      const pp = at(s, i - 2, end);
      if (p == 0x20 && (pp == 0x21 || pp == 0x2b || pp == 0x5b || pp == 0x28 || pp == 0x5d)) p = 0x2b;
      if (p == 0x21) { bangs++; if (pp == 0x21) return 1; }
      if (p == 0x21 || p == 0x2b) { jsfuck++; if (jsfuck >= 2 && bangs > 0) return 1; }
      i += 2;
      continue;
    }
    if (!isAlpha(c) || (i > start && isIdent(<i32>unchecked(s[i - 1])))) { i++; continue; }
    let j = i;
    while (j < end && isIdent(<i32>unchecked(s[j]))) j++;
    const code = lookupFiltered(t, tableLens, s, i, j);
    if (code > 0) {
      const before = prevByte(s, i, start);
      const n = at(s, j, end);
      if (code == W_SINK) {
        if (n == 0x60) return 1; // alert`1`
        if (n == 0x28) {
          // a call, unless it is a plural in prose: "alert(s)", "prompt(s)"
          let k = j + 1;
          while (k < end && isAlpha(<i32>unchecked(s[k])) && k - j < 4) k++;
          const plural = at(s, k, end) == 0x29 && (k - j == 2 || (k - j == 3 && at(s, j + 1, end) == 0x65)) && at(s, k - 1, end) == 0x73;
          // "use `alert()` to debug": an empty call named inside a sentence is a mention, not an injection
          let mention = false;
          if (!plural && at(s, j + 1, end) == 0x29 && (before == 0x20 || before == 0x60 || before == -1) && at(s, j + 2, end) != 0x3b) {
            if (valueSpace < 0) valueSpace = hasSpaceFrom(s, start, end) ? 1 : 0;
            mention = valueSpace == 1;
          }
          if (!plural && !mention) return 1;
          best = minLevel(best, 2);
        }
        // ${alert} inside a template literal
        if (before == 0x7b && at(s, i - 2, end) == 0x24) { const k = skipJs(s, j, end); if (at(s, k, end) == 0x7d) return 1; }
      } else if (code == W_GLOBAL) {
        const isThis = j - i == 4 && at(s, i + 1, end) == 0x68;
        // window["alert"], self[…], top[…]: a global indexed by a computed name (this[key] is ordinary code)
        if (n == 0x5b && !isThis) return 1;
        let k = skipJs(s, j, end);
        const n0 = at(s, k, end);
        // document/**/.cookie, self /*x*/ ["alert"]: member access split by a comment to dodge filters
        if (sawComment && (n0 == 0x2e || n0 == 0x5b)) return 1;
        // (document)["cookie"], (document)[x]: the global parenthesised, then indexed
        if (n0 == 0x29 && before == 0x28) {
          const m = skipJs(s, k + 1, end);
          const q = at(s, skipJs(s, m + 1, end), end);
          if (at(s, m, end) == 0x5b && (!isThis || q == 0x22 || q == 0x27 || q == 0x60)) return 1;
        }
        if (n0 == 0x2e && !isThis) {
          const m = skipJs(s, k + 1, end);
          let e = m;
          while (e < end && isIdent(<i32>unchecked(s[e]))) e++;
          const isDoc = j - i == 8 && at(s, i, end) == 0x64;
          if (isDoc) {
            sawDocument = true;
            // document.cookie / document.domain: the targets of cookie theft and origin checks
            if ((e - m == 6 && startsWithAt(s, m, e, "cookie")) || (e - m == 6 && startsWithAt(s, m, e, "domain"))) return 1;
            if (e - m == 5 && startsWithAt(s, m, e, "write")) best = minLevel(best, 2);
          }
          // window.location / document.location: a script expression when the value is just that, or assigned
          if ((isDoc || (j - i == 6 && at(s, i, end) == 0x77)) && lookupFiltered(t, tableLens, s, m, e) == W_LOCATION) {
            let f = skipJs(s, e, end);
            if (at(s, f, end) == 0x2e) { f++; while (f < end && isIdent(<i32>unchecked(s[f]))) f++; f = skipJs(s, f, end); }
            const g = at(s, f, end);
            if ((g == 0x3d && at(s, f + 1, end) != 0x3d) || g == 0x28) return 1;
            best = minLevel(best, 2);
            // (the rest of the value is looked at once: spaceAfter caches the answer)
            if (spaceAfter < 0) spaceAfter = hasSpaceFrom(s, e, end) ? 1 : 0;
            if (!hasSpace && spaceAfter == 0) best = 1;
          }
        }
      } else if (code == W_CALL) {
        if (before == 0x2e) { const k = skipJs(s, j, end); if (at(s, k, end) == 0x60) return 1; }
      } else if (code == W_WRITE) {
        if (before == 0x2e) {
          const k = skipJs(s, j, end);
          if (sawDocument && at(s, k, end) == 0x3d && at(s, k + 1, end) != 0x3d) return 1;
          if (j - i == 9 && at(s, i, end) == 0x69) best = minLevel(best, 2); // .innerhtml
        }
      } else if (code == W_WRITEFN) {
        if (before == 0x2e && sawDocument && at(s, skipJs(s, j, end), end) == 0x28) return 1;
      } else if (code == W_LOCATION) {
        // location.hash (script reading the fragment), location.href= (navigation)
        if (n == 0x2e && (startsWithAt(s, j + 1, end, "hash") || startsWithAt(s, j + 1, end, "href="))) return 1;
      } else if (code == W_REFLECT) {
        if (n == 0x2e && (startsWithAt(s, j + 1, end, "apply") || startsWithAt(s, j + 1, end, "construct") || startsWithAt(s, j + 1, end, "get"))) return 1;
      } else if (code == W_NEW) {
        if (n == 0x20 && startsWithAt(s, j + 1, end, "function(")) return 1;
      } else if (code == W_STRING) {
        if (n == 0x2e && startsWithAt(s, j + 1, end, "fromcharcode")) return 1;
      } else if (code == W_CHARCODE) {
        best = minLevel(best, 2);
      } else if (code == W_CTOR) {
        if (at(s, i - 1, end) == 0x2e && n == 0x28) return 1;
      } else if (code == W_MOZ) {
        if (at(s, i - 1, end) == 0x2d && startsWithAt(s, j, end, "-binding")) return 1;
      } else if (code == W_URL) {
        // url(javascript:…) with or without quotes and spaces (style=background:url ( javascript : …))
        let k = j;
        while (k < end && isSpace(<i32>unchecked(s[k]))) k++;
        if (at(s, k, end) == 0x28) {
          k++;
          while (k < end && (isSpace(<i32>unchecked(s[k])) || <i32>unchecked(s[k]) == 0x22 || <i32>unchecked(s[k]) == 0x27)) k++;
          if (startsWithAt(s, k, end, "javascript") || startsWithAt(s, k, end, "vbscript")) return 1;
        }
      } else if (code == W_UTF7) {
        if (at(s, i - 1, end) == 0x2b && n == 0x2d) return 1;
      } else if (code == W_VML) {
        // <:vmlframe, <:script, <:x:script (empty or doubled namespace prefixes)
        if (at(s, i - 1, end) == 0x3a && (at(s, i - 2, end) == 0x3c || (at(s, i - 2, end) == 0x78 && at(s, i - 3, end) == 0x3a && at(s, i - 4, end) == 0x3c))) return 1;
      }
    }
    i = j;
  }
  return best;
}

// Every rule above but the bare "fromcharcode" needs one of ( ) ` { [ . next to its word, or '-' with "moz" or '+'
// (-moz-binding, +ADw-), or ':' with '<' (<:script); every word needs a letter. Update this with the rules.
const SYNTAX_LO: u64 = bitLo(0x28) | bitLo(0x29) | bitLo(0x2e);
const SYNTAX_HI: u64 = bitHi(0x60) | bitHi(0x7b) | bitHi(0x5b);
const LETTERS_HI: u64 = (((<u64>1 << 26) - 1) << 1) | (((<u64>1 << 26) - 1) << 33); // A-Z, a-z
/** jsPayloadLevel(s, start, end) for the value whose bytes are `bs`, without its pass when no syntax can fire. */
export function jsPayloadLevelSet(s: Uint8Array, start: i32, end: i32, bs: ByteSet): i32 {
  // no letter: no word, only JSFuck's "[]" can count
  if (!bs.any(0, LETTERS_HI) && !bs.has(0x5b)) return 0;
  if (bs.any(SYNTAX_LO, SYNTAX_HI) || (bs.has(0x2d) && (bs.has(0x2b) || (bs.has(0x6d) && bs.has(0x7a)))) || (bs.has(0x3a) && bs.has(0x3c)))
    return jsPayloadLevel(s, start, end);
  if (end > s.length) end = s.length;
  if (start < 0) start = 0;
  if (!bs.has(0x66)) return 0;
  // only the word "fromcharcode" (a whole identifier) can count: level 2
  let p = start;
  while (p < end) {
    const k = containsAt(s, p, end, "fromcharcode");
    if (k < 0) return 0;
    if ((k == start || !isIdent(<i32>unchecked(s[k - 1]))) && !isIdent(at(s, k + 12, end))) return 2;
    p = k + 1;
  }
  return 0;
}

function hasSpaceFrom(s: Uint8Array, a: i32, b: i32): bool {
  for (let i = a; i < b; i++) if (isSpace(<i32>unchecked(s[i]))) return true;
  return false;
}

@inline function minLevel(a: i32, b: i32): i32 { return a == 0 ? b : (b < a ? b : a); }
