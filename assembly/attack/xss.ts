// attack.xss: an HTML tokenizer over the decoded, lower-cased value. It reads tags the way a browser's
// tokenizer would (names, attributes with quoted/unquoted values, '/' as separator) and judges what a
// browser would execute: script-capable tags, on* handlers, script URLs in attributes, CSS expressions.
import { WordTable, isAlpha, isDigit, isSpace, startsWithAt, containsAt, at, ByteSet, bitLo, bitHi } from "./words";
import { jsPayloadLevelSet } from "./xss-js";

const TAG_SCRIPT: i32 = 1;   // executes by itself: script, iframe, object, embed, applet, base, frame…
const TAG_META: i32 = 2;     // meta (refresh / charset tricks)
const TAG_STYLE: i32 = 3;    // style, link: CSS and imports
const TAG_VECTOR: i32 = 4;   // svg, math, xml, template…: only with handlers or script URLs (generic rules)

let tags: WordTable | null = null;
function tagTable(): WordTable {
  let t = tags;
  if (t !== null) return t;
  const w = new WordTable(8);
  w.addAll("script iframe frame frameset object embed applet base isindex import vmlframe xss xml style link svg math handler listener", TAG_SCRIPT);
  w.add("meta", TAG_META);
  w.addAll("set animate template form button input img image video audio body html a div", TAG_VECTOR);
  tags = w;
  return w;
}

@inline function isTagNameByte(c: i32): bool { return isAlpha(c) || isDigit(c) || c == 0x3a || c == 0x2d || c == 0x5f; }
@inline function isAttrEnd(c: i32): bool { return isSpace(c) || c == 0x2f || c == 0x3e || c == 0x3d; }

/** Does the attribute value v[vs,ve) begin with a script-capable URL scheme (ignoring controls/spaces)? */
export function scriptUrlAt(v: Uint8Array, vs: i32, ve: i32): bool {
  // Browsers drop tabs/newlines inside URLs and leading controls/spaces: compare on letters only.
  let i = vs;
  while (i < ve && <i32>unchecked(v[i]) <= 0x20) i++;
  // every scheme starts with one of j v l d m (and v[i] > 0x20 is compared as is): most values stop here
  const c0 = i < ve ? <i32>unchecked(v[i]) : -1;
  if (c0 != 0x6a && c0 != 0x76 && c0 != 0x6c && c0 != 0x64 && c0 != 0x6d) return false;
  const schemes: string[] = SCHEMES;
  for (let s = 0; s < schemes.length; s++) {
    const name = unchecked(schemes[s]);
    let j = i, k = 0;
    while (j < ve && k < name.length) {
      const c = <i32>unchecked(v[j]);
      // (spaces too: whitespace normalisation has already turned tabs into spaces)
      if (c < 0x20 || (c == 0x20 && k > 0)) { j++; continue; }
      if (c != name.charCodeAt(k)) break;
      j++; k++;
    }
    if (k == name.length) return true;
  }
  return false;
}
const SCHEMES: string[] = ["javascript:", "vbscript:", "livescript:", "data:text/html", "data:image/svg", "data:application/x", "data:text/xml", "mocha:"];

/**
 * Lowest paranoia level (1–4) at which lower-case `s[start,end)` is XSS, or 0.
 * `valueStart`: the whole value, not a fragment, starts here (a bare `javascript:` value is a link injection).
 */
export function xssLevel(s: Uint8Array, start: i32, end: i32): i32 {
  if (end > s.length) end = s.length;
  let best = 0;
  // A value that is itself a script URL (href/src injection).
  if (scriptUrlAt(s, start, end)) return 1;
  const tbl = tagTable();
  quoteMemoNext();
  // which bytes occur: the scans below are skipped when a byte they need is absent (same results)
  const bs = xssSet.scan(s, start, end);
  // the markup loop acts only at '<', 0xbc, '!', "-->" and quotes
  const markup = bs.high || bs.any(MARKUP_LO, MARKUP_HI) || (bs.has(0x2d) && bs.has(0x3e));
  let i = markup ? start : end;
  while (i < end) {
    const c = <i32>unchecked(s[i]);
    if (c == 0x3c) {
      // a tag name spelled with separators between its letters (< s c r i p t, <f%20o%20r%20m): no markup or prose does that
      if (spacedTagAt(s, i + 1, end)) return 1;
      let j = i + 1;
      if (j < end && <i32>unchecked(s[j]) == 0x2f) j++;
      const ns = j;
      while (j < end && isTagNameByte(<i32>unchecked(s[j]))) j++;
      if (j > ns && isAlpha(<i32>unchecked(s[ns]))) {
        // strip a namespace prefix (<x:script>, <svg:svg>)
        let nameStart = ns;
        for (let k = ns; k < j; k++) if (<i32>unchecked(s[k]) == 0x3a) nameStart = k + 1;
        const kind = tbl.lookup(s, nameStart, j);
        const complete = j >= end || isAttrEnd(<i32>unchecked(s[j])) || <i32>unchecked(s[j]) == 0x0c;
        if (complete && kind == TAG_SCRIPT) return 1;
        // <xi:include href=…> (XInclude pulls a remote document in), IE <?import implementation=…>/<importimplementation=
        if (nameStart > ns && j - nameStart == 7 && startsWithAt(s, nameStart, j, "include")) return 1;
        if (startsWithAt(s, nameStart, j, "import") && containsAt(s, nameStart, j + 32 < end ? j + 32 : end, "implementation") >= 0) return 1;
        const l = attributesLevel(s, j, end, kind);
        if (l == 1) return 1;
        if (l > 0) best = minLevel(best, l);
        if (complete && kind == TAG_STYLE) best = minLevel(best, 2);
        if (complete && kind == TAG_META) best = minLevel(best, 2);
        if (complete && kind == TAG_VECTOR && (j - nameStart == 3 || j - nameStart == 4)) best = minLevel(best, 4);
        // any HTML element written as markup (CRS 941320/941150 at paranoia 2): "<b>", "<a href=", "<noscript#"
        // (everyday formatting markup such as <a href="/x">, <br />, <span class=…> is level 3 unless malformed)
        if (best == 0 || best > 2) {
          const h = htmlTagTable().lookup(s, nameStart, j);
          if (h > 0 && markupAfterName(s, j, end)) best = minLevel(best, h == HTML_COMMON && !malformedAttrs(s, j, end) ? 3 : 2);
        }
        i = j;
        continue;
      }
      const n1 = at(s, i + 1, end);
      if (n1 == 0x21 || n1 == 0x3f) { // (only "<!" and "<?" below)
        // server-side includes: <!--#exec cmd=…-->, <!--#include virtual=…-->
        if (startsWithAt(s, i + 1, end, "!--#") && isAlpha(at(s, i + 5, end))) return 1;
        // <?xml-stylesheet …?>, <?import …>, <!ENTITY / <!DOCTYPE x [ (XXE)
        if (startsWithAt(s, i + 1, end, "?xml-stylesheet") || startsWithAt(s, i + 1, end, "?xml:namespace") || startsWithAt(s, i + 1, end, "?import") || startsWithAt(s, i + 1, end, "!entity") ||
            (startsWithAt(s, i + 1, end, "!doctype") && containsAt(s, i, end < i + 200 ? end : i + 200, "[") >= 0)) return 1;
      }
      i++;
      continue;
    }
    // US-ASCII with the high bit set (¼script¾ = 0xbc 's' … 0xbe): read as '<' … '>' by some decoders
    if (c == 0xbc && (i == start || <i32>unchecked(s[i - 1]) < 0x80 || <i32>unchecked(s[i - 1]) == 0xc2) && highBitTagAt(s, i + 1, end)) return 1;
    // an external entity declared without the '<' (filters that look for "<!ENTITY"): "!ENTITY % x SYSTEM"
    if (c == 0x21 && startsWithAt(s, i + 1, end, "entity") && isSpace(at(s, i + 7, end)) && entityDeclAt(s, i + 7, end)) return 1;
    // leaving a comment context: a value that starts with "-->" (CRS 941181 at paranoia 2; "a --> b" in prose is not)
    if (c == 0x2d && (best == 0 || best > 2) && startsWithAt(s, i, end, "-->") && onlyQuotesBefore(s, start, i)) best = minLevel(best, 2);
    // Attribute breakout without a tag: `" onmouseover=alert(1)` or `' autofocus onfocus=…`
    if ((c == 0x22 || c == 0x27 || c == 0x60) && i + 1 < end) {
      // IE-filter shapes (CRS 941330/941340, paranoia 2): `"in valueOf=`, `'  in foo.bar=`
      if ((best == 0 || best > 2) && quoteInAssignAt(s, i + 1, end)) best = minLevel(best, 2);
      let j = i + 1;
      let sep = false;
      while (j < end && (isSpace(<i32>unchecked(s[j])) || <i32>unchecked(s[j]) == 0x2f)) { j++; sep = true; }
      if (startsWithAt(s, j, end, "formaction")) return 1;
      if (sep || (j < end && <i32>unchecked(s[j]) == 0x6f)) {
        // (bounded: a quote can start this look at many places in one value)
        const l = quoteBreakoutLevel(s, j, j + 256 < end ? j + 256 : end, start, end);
        if (l > 0) best = minLevel(best, l == 1 ? 1 : l);
        if (best == 1) return 1;
      }
    }
    i++;
  }
  // Handler or script URL without markup at all: weaker signals.
  if (best != 1) {
    const lj = jsPayloadLevelSet(s, start, end, bs);
    if (lj == 1) return 1;
    if (lj > 0) best = minLevel(best, lj);
    if (bs.has(0x3a) && bs.has(0x2c) && dataUrlMarkupAt(s, start, end)) return 1;
  }
  if (best == 0 || best > 2) {
    if (bs.has(0x3a) && (containsAt(s, start, end, "javascript:") >= 0 || containsAt(s, start, end, "vbscript:") >= 0)) best = minLevel(best, 2);
    // (only "expression(" or "expression\\" counts: without '(' and '\\' there is nothing to find)
    const ex = bs.has(0x78) && (bs.has(0x28) || bs.has(0x5c)) ? containsAt(s, start, end, "expression") : -1;
    if (ex >= 0) {
      // a CSS property value: x:expression( or expression\28
      let k = ex - 1;
      while (k >= start && isSpace(<i32>unchecked(s[k]))) k--;
      const after = ex + 10 < end ? <i32>unchecked(s[ex + 10]) : 0;
      if (after == 0x28 || after == 0x5c) best = minLevel(best, k >= start && <i32>unchecked(s[k]) == 0x3a ? 1 : 2);
    }
    const l = bs.has(0x3d) ? bareHandlerLevel(s, start, end) : 0; // (a handler needs its '=')
    if (l > 0) best = minLevel(best, l);
  }
  return best;
}

@inline function minLevel(a: i32, b: i32): i32 { return a == 0 ? b : (b < a ? b : a); }
const xssSet = new ByteSet();
const MARKUP_LO: u64 = bitLo(0x3c) | bitLo(0x21) | bitLo(0x22) | bitLo(0x27);
const MARKUP_HI: u64 = bitHi(0x60);

/** Attributes from s[i] to the tag's '>': event handlers, script URLs, CSS expressions, meta refresh. */
function attributesLevel(s: Uint8Array, i: i32, end: i32, kind: i32, maxSteps: i32 = 64): i32 {
  let best = 0;
  let steps = 0;
  while (i < end && steps < maxSteps) {
    steps++;
    // skip separators
    while (i < end && (isSpace(<i32>unchecked(s[i])) || <i32>unchecked(s[i]) == 0x2f || <i32>unchecked(s[i]) == 0x0c)) i++;
    if (i >= end) break;
    const c = <i32>unchecked(s[i]);
    if (c == 0x3e || c == 0x3c) break;
    const l = attrAt(s, i, end, kind, false);
    if (l == 1) return 1;
    if (l > 0) best = minLevel(best, l);
    i = attrNext;
  }
  return best;
}

// attrAt's outputs besides its level: where the next attribute starts, the furthest index it read
let attrNext: i32 = 0;
let attrLast: i32 = 0;

/**
 * One attribute (or one stray byte) starting at s[ns], ns < end: 1 if it executes script, 2 for a stylesheet
 * href, else 0. `fast`: use the per-value scan tables (qNameEnd …, valid for end == the value's end).
 */
function attrAt(s: Uint8Array, ns: i32, end: i32, kind: i32, fast: bool): i32 {
  let i = ns;
  if (fast) i = unchecked(qNameEnd[ns]);
  else while (i < end && !isAttrEnd(<i32>unchecked(s[i])) && <i32>unchecked(s[i]) != 0x3c) i++;
  const ne = i;
  if (ne == ns) { attrNext = ns + 1; attrLast = ns; return 0; }
  let j = i;
  while (j < end && isSpace(<i32>unchecked(s[j]))) j++;
  let vs = j, ve = j;
  const hasValue = j < end && <i32>unchecked(s[j]) == 0x3d;
  attrNext = ne; attrLast = j;
  if (hasValue) {
    j++;
    while (j < end && isSpace(<i32>unchecked(s[j]))) j++;
    const q = j < end ? <i32>unchecked(s[j]) : 0;
    if (q == 0x22 || q == 0x27 || q == 0x60) {
      vs = j + 1; j = vs;
      if (fast) j = unchecked((q == 0x22 ? qDq : q == 0x27 ? qSq : qBq)[vs]);
      else while (j < end && <i32>unchecked(s[j]) != q) j++;
      ve = j;
      if (j < end) j++;
    } else {
      vs = j;
      if (fast) j = unchecked(qValEnd[j]);
      else while (j < end && !isSpace(<i32>unchecked(s[j])) && <i32>unchecked(s[j]) != 0x3e) j++;
      ve = j;
    }
    attrNext = j; attrLast = ve;
  }
  const nlen = ne - ns;
  // namespace declarations turn a fragment into XHTML/SVG/XInclude (<x xmlns="http://www.w3.org/1999/xhtml">);
  // formaction overrides where a form posts; pattern injects a regex into a form's validation
  if (nlen >= 5 && startsWithAt(s, ns, ne, "xmlns") && (nlen == 5 || <i32>unchecked(s[ns + 5]) == 0x3a)) return 1;
  if (nlen == 10 && startsWithAt(s, ns, ne, "formaction")) return 1;
  if (nlen == 7 && hasValue && kind != 0 && startsWithAt(s, ns, ne, "pattern")) return 1;
  // <meta charset=…> switches the page's decoding (UTF-7 payloads); http-equiv sets headers
  if (kind == TAG_META && ((nlen == 7 && startsWithAt(s, ns, ne, "charset")) || (nlen == 10 && startsWithAt(s, ns, ne, "http-equiv")))) return 1;
  // on* event handlers (onload, onerror, onmouseover, onbegin…)
  if (nlen >= 5 && <i32>unchecked(s[ns]) == 0x6f && <i32>unchecked(s[ns + 1]) == 0x6e && hasValue && isAllAlpha(s, ns, ne)) return 1;
  if (hasValue) {
    if (scriptUrlAt(s, vs, ve)) return 1;
    if (nlen == 5 && startsWithAt(s, ns, ne, "style")) {
      if (containsAt(s, vs, ve, "expression") >= 0 || containsAt(s, vs, ve, "javascript:") >= 0 ||
          containsAt(s, vs, ve, "behavior") >= 0 || containsAt(s, vs, ve, "behaviour") >= 0 || containsAt(s, vs, ve, "binding") >= 0) return 1;
      // CSS escapes spelling the declaration (\0075\0072\006c = "url", \3c img): inline styles have no reason to
      if (cssEscapes(s, vs, ve) >= 3) return 1;
    }
    if (kind == TAG_META && (containsAt(s, vs, ve, "url=") >= 0 || containsAt(s, vs, ve, "javascript:") >= 0 || startsWithAt(s, ns, ne, "http-equiv"))) return 1;
    // SVG animation writing handlers or links: <animate attributeName="onload" …>, <set attributeName="xlink:href" …>
    if (nlen == 13 && startsWithAt(s, ns, ne, "attributename") && (startsWithAt(s, vs, ve, "on") || containsAt(s, vs, ve, "href") >= 0)) return 1;
    // IE data binding renders HTML from a data island
    if ((nlen == 13 && startsWithAt(s, ns, ne, "dataformatas")) || (nlen == 7 && startsWithAt(s, ns, ne, "datasrc"))) return 1;
    if (kind == TAG_STYLE && nlen == 4 && startsWithAt(s, ns, ne, "href")) return 2;
    // srcdoc holds a whole document; formaction/xlink:href carry URLs handled above
    if (nlen == 6 && startsWithAt(s, ns, ne, "srcdoc")) return 1;
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------------------
// Attribute breakout after a quote, without re-reading: every quote starts attributesLevel(s, j, j + 256, 0),
// and in `" a=" a=…` those windows overlap (O(n × 256), tens of ms per 16 KB). The attribute chains from
// different quotes merge, so each chain position is judged once per value (unbounded, memoized): from it, the
// first "event" (an attribute that fires, '<', '>' or the end) and the steps to it. The window's answer
// follows exactly: attributes before the event read nothing at or past the window's end (each one's last
// read is at or before the next one's start), and cutting a value short can only make it fire less; cutting
// a name short at the window's end can make it fire ("xmlns…", "formaction…" cut to exactly that name), so
// a window ending in those bytes takes the direct, bounded path.

let qGen: i32 = 0;
let qStamp: Int32Array = new Int32Array(0);  // == qGen: memo at this chain position is valid
let qEvent: Int32Array = new Int32Array(0);  // chain position of the first event node from here
let qSteps: Int32Array = new Int32Array(0);  // nodes before that event
let qType: Int32Array = new Int32Array(0);   // at an event position: 1 fires, 0 '<' '>' or end
let qNs: Int32Array = new Int32Array(0);     // at an event position: where the node starts (after separators)
let qReach: Int32Array = new Int32Array(0);  // at an event position: 1 + the furthest index it read
let qStack: Int32Array = new Int32Array(0);
// per-value scan tables (built once per value on first use): where a name / unquoted value / quoted value ends
let qNameEnd: Int32Array = new Int32Array(0);
let qValEnd: Int32Array = new Int32Array(0);
let qDq: Int32Array = new Int32Array(0);
let qSq: Int32Array = new Int32Array(0);
let qBq: Int32Array = new Int32Array(0);
let qTablesGen: i32 = -1;

/** A new value: memo entries of earlier values become stale (no clearing per value). */
function quoteMemoNext(): void {
  qGen++;
  if (qGen == 0x7fffffff) { qStamp.fill(0); qGen = 1; }
}

/** Room for chain positions [0, n] (allocated on the first quote breakout, not per value). */
function quoteMemoCap(n: i32): void {
  if (qStamp.length >= n + 1) return;
  // sized to the longest value seen so far (12 tables × 4 bytes per position: 786 KB at 16 KiB), not to
  // the maximum up front: most values are short
  let cap = 256;
  while (cap < n + 1) cap <<= 1;
  if (cap > 16385 && n + 1 <= 16385) cap = 16385; // a full-size value (MAX_DECODED) needs no more
  qStamp = new Int32Array(cap); qEvent = new Int32Array(cap); qSteps = new Int32Array(cap); qType = new Int32Array(cap);
  qNs = new Int32Array(cap); qReach = new Int32Array(cap); qStack = new Int32Array(cap);
  qNameEnd = new Int32Array(cap); qValEnd = new Int32Array(cap); qDq = new Int32Array(cap); qSq = new Int32Array(cap); qBq = new Int32Array(cap);
  qTablesGen = -1;
}

function quoteTables(s: Uint8Array, start: i32, end: i32): void {
  if (qTablesGen == qGen) return;
  qTablesGen = qGen;
  let ne = end, ve = end, dq = end, sq = end, bq = end;
  unchecked(qNameEnd[end] = end); unchecked(qValEnd[end] = end); unchecked(qDq[end] = end); unchecked(qSq[end] = end); unchecked(qBq[end] = end);
  for (let k = end - 1; k >= start; k--) {
    const c = <i32>unchecked(s[k]);
    if (isAttrEnd(c) || c == 0x3c) ne = k;
    if (isSpace(c) || c == 0x3e) ve = k;
    if (c == 0x22) dq = k; else if (c == 0x27) sq = k; else if (c == 0x60) bq = k;
    unchecked(qNameEnd[k] = ne); unchecked(qValEnd[k] = ve); unchecked(qDq[k] = dq); unchecked(qSq[k] = sq); unchecked(qBq[k] = bq);
  }
}

/** Fill the memo for chain position p (start <= p < end) and the positions it leads through. */
function quoteChain(s: Uint8Array, p: i32, start: i32, end: i32): void {
  let sp = 0;
  let i = p;
  let ev = -1;
  while (true) {
    if (i < end && unchecked(qStamp[i]) == qGen) { ev = i; break; }
    // node at chain position i
    let ns = i;
    while (ns < end && (isSpace(<i32>unchecked(s[ns])) || <i32>unchecked(s[ns]) == 0x2f || <i32>unchecked(s[ns]) == 0x0c)) ns++;
    let type = -1;
    let reach = 0;
    if (ns >= end) { type = 0; reach = end + 1; }
    else if (<i32>unchecked(s[ns]) == 0x3e || <i32>unchecked(s[ns]) == 0x3c) { type = 0; reach = ns + 1; }
    else if (attrAt(s, ns, end, 0, true) == 1) { type = 1; reach = attrLast + 1; }
    if (i >= end) {
      // (a chain that runs off the end: an end event, not memoized at index end)
      ev = -2; break;
    }
    if (type >= 0) {
      unchecked(qStamp[i] = qGen); unchecked(qEvent[i] = i); unchecked(qSteps[i] = 0);
      unchecked(qType[i] = type); unchecked(qNs[i] = ns); unchecked(qReach[i] = reach);
      ev = i; break;
    }
    unchecked(qStack[sp++] = i);
    i = attrNext;
  }
  // positions on the stack lead, in order, to `ev` (or off the end)
  let e = ev, steps = 0;
  if (ev == -2) {
    // virtual end event at index end
    e = end; steps = 0;
    unchecked(qType[end] = 0); unchecked(qNs[end] = end); unchecked(qReach[end] = end + 1);
  } else { e = unchecked(qEvent[ev]); steps = unchecked(qSteps[ev]); }
  while (sp > 0) {
    const q = unchecked(qStack[--sp]);
    steps++;
    unchecked(qStamp[q] = qGen); unchecked(qEvent[q] = e); unchecked(qSteps[q] = steps);
  }
}

/** Exactly attributesLevel(s, j, lim, 0) for lim = min(j + 256, end), from the memo. */
function quoteBreakoutLevel(s: Uint8Array, j: i32, lim: i32, start: i32, end: i32): i32 {
  if (j >= lim) return 0;
  // a name cut at the window's end into "xmlns" or "formaction" fires only in the bounded reading
  if ((lim - 5 >= j && startsWithAt(s, lim - 5, lim, "xmlns")) || (lim - 10 >= j && startsWithAt(s, lim - 10, lim, "formaction")))
    return attributesLevel(s, j, lim, 0);
  quoteMemoCap(end);
  quoteTables(s, start, end);
  if (unchecked(qStamp[j]) != qGen) quoteChain(s, j, start, end);
  const e = unchecked(qEvent[j]);
  const steps = unchecked(qSteps[j]);
  if (unchecked(qType[e]) != 1 || steps >= 64 || unchecked(qNs[e]) >= lim) return 0;
  if (unchecked(qReach[e]) <= lim) return 1;
  // the firing attribute runs past the window: read it (and what follows in the window) bounded
  return attributesLevel(s, e, lim, 0, 64 - steps);
}

function isAllAlpha(s: Uint8Array, a: i32, b: i32): bool {
  for (let i = a; i < b; i++) if (!isAlpha(<i32>unchecked(s[i]))) return false;
  return true;
}

/** `onerror=alert(1)` with no tag: an injection into an unquoted attribute. */
function bareHandlerLevel(s: Uint8Array, start: i32, end: i32): i32 {
  let i = start;
  while (i + 4 < end) {
    if (<i32>unchecked(s[i]) == 0x6f && <i32>unchecked(s[i + 1]) == 0x6e && (i == start || !isAlpha(<i32>unchecked(s[i - 1])))) {
      let j = i + 2;
      while (j < end && isAlpha(<i32>unchecked(s[j]))) j++;
      const nameLen = j - i;
      while (j < end && isSpace(<i32>unchecked(s[j]))) j++;
      if (nameLen >= 6 && j < end && <i32>unchecked(s[j]) == 0x3d && isHandlerName(s, i, i + nameLen)) {
        // after a separator an attribute would have (`  onload= `, `"/onerror=`), not '==': an attribute injection
        const p = i > start ? <i32>unchecked(s[i - 1]) : -1;
        const v = at(s, j + 1, end);
        if (i > start && (isSpace(p) || p == 0x22 || p == 0x27 || p == 0x60 || p == 0x2f || p == 0x3b) && v != 0x3d) return 1;
        // `onload=` with an empty value: an attribute name injected on its own
        if (i == start && (v == -1 || isSpace(v))) return 1;
        // a handler whose value calls something
        let k = j + 1;
        const lim = k + 80 < end ? k + 80 : end;
        // a handler that calls something right away: onerror=alert(1), onload=eval`…`
        for (; k < lim; k++) {
          const q = <i32>unchecked(s[k]);
          if (q == 0x28 || q == 0x60) return 1;
          if (isSpace(q) || q == 0x3e) break;
        }
        return 3;
      }
      i = j;
      continue;
    }
    i++;
  }
  return 0;
}

const HANDLERS: string[] = ["onload", "onerror", "onclick", "onmouse", "onfocus", "onblur", "onkey", "onchange", "onsubmit",
  "oninput", "onanimation", "ontransition", "onpointer", "ontoggle", "onbegin", "onend", "onstart", "onscroll", "onresize",
  "onwheel", "ondrag", "ondrop", "onpage", "onhash", "onmessage", "onselect", "oncopy", "onpaste", "oncut", "onbefore",
  "onafter", "onunload", "onplay", "onpause", "onreadystatechange", "oncontextmenu", "ondblclick", "onformchange", "onsearch", "onshow", "oninvalid", "onrepeat", "onfinish", "onbounce",
  "onabort", "oncanplay", "onauxclick", "onwebkit", "onvolumechange", "ontimeupdate", "onseek", "onwaiting", "onprogress",
  "onstalled", "onsuspend", "onemptied", "ondurationchange", "onratechange", "ontouch", "onfullscreen", "onpopstate",
  "onstorage", "onsecuritypolicyviolation", "ongotpointercapture", "onlostpointercapture", "oncuechange", "onmoz"];

function isHandlerName(s: Uint8Array, a: i32, b: i32): bool {
  for (let k = 0; k < HANDLERS.length; k++) if (startsWithAt(s, a, b, unchecked(HANDLERS[k]))) return true;
  return false;
}


// Tag names worth spelling with separators (CRS 941160): a gap between letters is the evasion itself.
const SPACED: string[] = ["script", "form", "style", "svg", "marquee", "link", "object", "embed", "applet", "param", "iframe",
  "frameset", "frame", "base", "body", "meta", "image", "video", "audio", "bindings", "isindex", "animate", "dialog", "math", "template"];

/** After '<' at i: optional '/', junk and a `ns:` prefix, then a SPACED name with separators between its letters. */
function spacedTagAt(s: Uint8Array, i: i32, end: i32): bool {
  let j = i;
  let n = 0;
  while (j < end && n < 4 && !isAlpha(<i32>unchecked(s[j])) && <i32>unchecked(s[j]) != 0x3c && <i32>unchecked(s[j]) != 0x3e) { j++; n++; }
  if (j >= end) return false;
  // namespace prefix "x:" (letters, ':', separators)
  let k = j;
  while (k < end && k - j < 12 && isAlpha(<i32>unchecked(s[k]))) k++;
  if (at(s, k, end) == 0x3a) { k++; while (k < end && isSpace(<i32>unchecked(s[k]))) k++; if (spacedNameAt(s, k, end, true)) return true; }
  return spacedNameAt(s, j, end, false);
}

// bit w set in spacedByFirst[letter] when SPACED[w] starts with that letter (SPACED has < 32 names)
const spacedByFirst = new StaticArray<u32>(26);
let spacedReady = false;
function spacedNameAt(s: Uint8Array, j: i32, end: i32, afterNs: bool): bool {
  // a name must match its first letter exactly: only the names with that letter are tried ("<<<", "<a" try 0–3)
  if (!spacedReady) {
    for (let w = 0; w < SPACED.length && w < 32; w++) spacedByFirst[SPACED[w].charCodeAt(0) - 0x61] |= (<u32>1) << <u32>w;
    spacedReady = true;
  }
  const c0 = at(s, j, end);
  if (c0 < 0x61 || c0 > 0x7a) return false;
  let cand = unchecked(spacedByFirst[c0 - 0x61]);
  while (cand != 0) {
    const w = <i32>ctz(cand);
    cand &= cand - 1;
    const name = unchecked(SPACED[w]);
    let p = j, k = 0, gaps = 0;
    while (p < end && k < name.length) {
      const c = <i32>unchecked(s[p]);
      if (c == name.charCodeAt(k)) { p++; k++; continue; }
      // a gap: 1–3 non-word bytes that are not markup delimiters
      if (k == 0 || isAlpha(c) || isDigit(c) || c == 0x3c || c == 0x3e) break;
      let g = 0;
      while (p < end && g < 3 && !isAlpha(<i32>unchecked(s[p])) && !isDigit(<i32>unchecked(s[p])) && <i32>unchecked(s[p]) != 0x3c && <i32>unchecked(s[p]) != 0x3e) { p++; g++; }
      gaps++;
    }
    if (k < name.length) continue;
    const after = at(s, p, end);
    if (isAlpha(after) || isDigit(after)) continue;
    // with gaps: an evasion; after a namespace prefix the name alone is enough for script-capable ones
    if (gaps > 0) return true;
    if (afterNs && (name == "script" || name == "iframe" || name == "object" || name == "embed")) return true;
  }
  return false;
}

/** After a 0xbc ('<' with the high bit): an optional '/', a tag name, then 0xbe ('>' with the high bit) soon after. */
function highBitTagAt(s: Uint8Array, i: i32, end: i32): bool {
  let j = i;
  if (at(s, j, end) == 0x2f) j++;
  const ns = j;
  while (j < end && isAlpha(<i32>unchecked(s[j]))) j++;
  if (j == ns) return false;
  const lim = j + 64 < end ? j + 64 : end;
  let k = j;
  while (k < lim && <i32>unchecked(s[k]) != 0xbe && <i32>unchecked(s[k]) != 0x3c && <i32>unchecked(s[k]) != 0xbc) k++;
  if (at(s, k, end) != 0xbe) return false;
  if (at(s, i, end) == 0x2f) return true;
  // an opening tag counts with its closing one: ¼x¾…¼/x¾ (a lone ¼ or ¾ is ordinary Latin-1/UTF-8 text)
  const lim2 = k + 256 < end ? k + 256 : end;
  for (let m = k + 1; m + 1 < lim2; m++) if (<i32>unchecked(s[m]) == 0xbc && <i32>unchecked(s[m + 1]) == 0x2f) return highBitTagAt(s, m + 1, end);
  return false;
}

/** A data: URL whose content is markup: "data: , <x>" (a data URI carrying HTML). */
function dataUrlMarkupAt(s: Uint8Array, start: i32, end: i32): bool {
  let i = start;
  while (i < end) {
    const p = containsAt(s, i, end, "data:");
    if (p < 0) return false;
    i = p + 5;
    if (p > start && isAlpha(<i32>unchecked(s[p - 1]))) continue;
    const lim = p + 64 < end ? p + 64 : end;
    let k = i;
    while (k < lim && <i32>unchecked(s[k]) != 0x2c) k++;
    if (k >= lim) continue;
    while (k < lim && <i32>unchecked(s[k]) != 0x3c) k++;
    let n = k + 1;
    while (n < end && isAlpha(<i32>unchecked(s[n]))) n++;
    const after = at(s, n, end);
    if (n > k + 1 && (after == 0x3e || isSpace(after) || after == 0x2f)) return true;
  }
  return false;
}

/** After "!entity ": an optional '%', a name, then SYSTEM or PUBLIC (an external entity). */
function entityDeclAt(s: Uint8Array, i: i32, end: i32): bool {
  let j = i;
  while (j < end && isSpace(<i32>unchecked(s[j]))) j++;
  if (at(s, j, end) == 0x25) { j++; while (j < end && isSpace(<i32>unchecked(s[j]))) j++; }
  const ns = j;
  while (j < end && !isSpace(<i32>unchecked(s[j])) && j - ns < 64) j++;
  if (j == ns) return false;
  while (j < end && isSpace(<i32>unchecked(s[j]))) j++;
  return startsWithAt(s, j, end, "system") || startsWithAt(s, j, end, "public");
}


const HTML_OTHER: i32 = 1;
const HTML_COMMON: i32 = 2;
let htmlTags: WordTable | null = null;
/** HTML element names (CRS 941320's list, roughly): markup of any kind, judged at paranoia 2. */
function htmlTagTable(): WordTable {
  let t = htmlTags;
  if (t !== null) return t;
  t = new WordTable(9);
  t.addAll("a abbr acronym address applet area audioscope b base basefont bdo bgsound big blink blockquote body bq br button " +
    "caption center cite code col colgroup comment dd del dfn dir div dl dt em embed fieldset font form frame frameset " +
    "h1 h2 h3 h4 h5 h6 head hr html i iframe ilayer img input ins isindex kbd keygen label layer legend li link listing map " +
    "marquee menu meta multicol nobr noembed noframes noscript object ol optgroup option p param plaintext pre q rt ruby s " +
    "samp script select server shadow sidebar small spacer span strike strong style sub sup table tbody td textarea tfoot " +
    "th thead title tr tt u ul var wbr xml xmp svg math video audio source track picture dialog details summary template", HTML_OTHER);
  t.addAll("a abbr b big blockquote br caption center cite code col colgroup dd del dfn div dl dt em font h1 h2 h3 h4 h5 h6 " +
    "hr i img ins kbd label li ol p pre q s samp small span strike strong sub sup table tbody td tfoot th thead title tr tt u ul var", HTML_COMMON);
  htmlTags = t;
  return t;
}

/** After a tag name: '>', '/', a non-word byte other than a space, or spaces then an attribute (name=). */
function markupAfterName(s: Uint8Array, j: i32, end: i32): bool {
  const c = at(s, j, end);
  if (c == -1 || c == 0x3e || c == 0x2f) return true;
  if (!isSpace(c)) return !(isAlpha(c) || isDigit(c)) && c != 0x2c && c != 0x2e;
  let k = j;
  while (k < end && isSpace(<i32>unchecked(s[k]))) k++;
  const a = k;
  while (k < end && (isAlpha(<i32>unchecked(s[k])) || <i32>unchecked(s[k]) == 0x2d)) k++;
  if (k == a) return false;
  while (k < end && isSpace(<i32>unchecked(s[k]))) k++;
  return at(s, k, end) == 0x3d || at(s, k, end) == 0x3e;
}

function onlyQuotesBefore(s: Uint8Array, start: i32, i: i32): bool {
  if (i - start > 8) return false; // (whitespace is collapsed: a few quotes at most)
  for (let k = start; k < i; k++) { const c = <i32>unchecked(s[k]); if (!(isSpace(c) || c == 0x22 || c == 0x27 || c == 0x60)) return false; }
  return true;
}

/** After a quote: spaces, "in", then within 64 bytes location|name|onerror|valueof '=' or a '.' and later '='. */
function quoteInAssignAt(s: Uint8Array, i: i32, end: i32): bool {
  let j = i;
  while (j < end && <i32>unchecked(s[j]) == 0x20) j++;
  if (!startsWithAt(s, j, end, "in")) return false;
  j += 2;
  const lim = j + 64 < end ? j + 64 : end;
  let dot = false;
  for (let k = j; k < lim; k++) {
    const c = <i32>unchecked(s[k]);
    if (c == 0x2e && k > j) dot = true;
    if (c == 0x3d && at(s, k + 1, end) != 0x3d) {
      if (dot) return true;
      let e = k;
      while (e > j && <i32>unchecked(s[e - 1]) == 0x20) e--;
      if ((e - j >= 8 && startsWithAt(s, e - 8, e, "location")) || (e - j >= 4 && startsWithAt(s, e - 4, e, "name")) ||
          (e - j >= 7 && startsWithAt(s, e - 7, e, "onerror")) || (e - j >= 7 && startsWithAt(s, e - 7, e, "valueof"))) return true;
      return false;
    }
  }
  return false;
}

/** Inside a tag (up to its '>', 256 bytes at most): a quoted value followed by '=' (<a href="x"=…), markup no editor writes. */
function malformedAttrs(s: Uint8Array, j: i32, end: i32): bool {
  const lim = j + 256 < end ? j + 256 : end;
  for (let k = j; k + 1 < lim; k++) {
    const c = <i32>unchecked(s[k]);
    if (c == 0x3e || c == 0x3c) return false;
    if ((c == 0x22 || c == 0x27) && <i32>unchecked(s[k + 1]) == 0x3d && at(s, k - 1, end) != 0x3d) return true;
  }
  return false;
}

/** Number of CSS escapes (a backslash and 2–6 hex digits) in s[a,b). */
function cssEscapes(s: Uint8Array, a: i32, b: i32): i32 {
  let n = 0;
  for (let i = a; i + 2 < b; i++) {
    if (<i32>unchecked(s[i]) != 0x5c) continue;
    let j = i + 1;
    while (j < b && j - i <= 6 && isHex(<i32>unchecked(s[j]))) j++;
    if (j - i >= 3) { n++; i = j - 1; }
  }
  return n;
}
@inline function isHex(c: i32): bool { return isDigit(c) || (c >= 0x61 && c <= 0x66); }
