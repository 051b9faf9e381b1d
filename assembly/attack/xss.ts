// attack.xss: an HTML tokenizer over the decoded, lower-cased value. It reads tags the way a browser's
// tokenizer would (names, attributes with quoted/unquoted values, '/' as separator) and judges what a
// browser would execute: script-capable tags, on* handlers, script URLs in attributes, CSS expressions.
import { WordTable, isAlpha, isDigit, isSpace, startsWithAt, containsAt } from "./words";

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
  let i = start;
  while (i < end) {
    const c = <i32>unchecked(s[i]);
    if (c == 0x3c) {
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
        const l = attributesLevel(s, j, end, kind);
        if (l == 1) return 1;
        if (l > 0) best = minLevel(best, l);
        if (complete && kind == TAG_STYLE) best = minLevel(best, 2);
        if (complete && kind == TAG_META) best = minLevel(best, 2);
        if (complete && kind == TAG_VECTOR && (j - nameStart == 3 || j - nameStart == 4)) best = minLevel(best, 4);
        i = j;
        continue;
      }
      // <?xml-stylesheet …?>, <?import …>, <!ENTITY / <!DOCTYPE x [ (XXE)
      if (startsWithAt(s, i + 1, end, "?xml-stylesheet") || startsWithAt(s, i + 1, end, "?import") || startsWithAt(s, i + 1, end, "!entity") ||
          (startsWithAt(s, i + 1, end, "!doctype") && containsAt(s, i, end < i + 200 ? end : i + 200, "[") >= 0)) return 1;
      i++;
      continue;
    }
    // Attribute breakout without a tag: `" onmouseover=alert(1)` or `' autofocus onfocus=…`
    if ((c == 0x22 || c == 0x27 || c == 0x60) && i + 1 < end) {
      let j = i + 1;
      let sep = false;
      while (j < end && (isSpace(<i32>unchecked(s[j])) || <i32>unchecked(s[j]) == 0x2f)) { j++; sep = true; }
      if (sep || (j < end && <i32>unchecked(s[j]) == 0x6f)) {
        const l = attributesLevel(s, j, end, 0);
        if (l > 0) best = minLevel(best, l == 1 ? 1 : l);
        if (best == 1) return 1;
      }
    }
    i++;
  }
  // Handler or script URL without markup at all: weaker signals.
  if (best == 0 || best > 2) {
    if (containsAt(s, start, end, "javascript:") >= 0 || containsAt(s, start, end, "vbscript:") >= 0) best = minLevel(best, 2);
    const ex = containsAt(s, start, end, "expression");
    if (ex >= 0) {
      // a CSS property value: x:expression( or expression\28
      let k = ex - 1;
      while (k >= start && isSpace(<i32>unchecked(s[k]))) k--;
      const after = ex + 10 < end ? <i32>unchecked(s[ex + 10]) : 0;
      if (after == 0x28 || after == 0x5c) best = minLevel(best, k >= start && <i32>unchecked(s[k]) == 0x3a ? 1 : 2);
    }
    const l = bareHandlerLevel(s, start, end);
    if (l > 0) best = minLevel(best, l);
    if (jsSinkAt(s, start, end)) best = minLevel(best, 2);
    for (let k = 0; k < JS_STRONG.length; k++) if (containsAt(s, start, end, unchecked(JS_STRONG[k])) >= 0) { best = 1; break; }
  }
  return best;
}

@inline function minLevel(a: i32, b: i32): i32 { return a == 0 ? b : (b < a ? b : a); }

/** Attributes from s[i] to the tag's '>': event handlers, script URLs, CSS expressions, meta refresh. */
function attributesLevel(s: Uint8Array, i: i32, end: i32, kind: i32): i32 {
  let best = 0;
  let steps = 0;
  while (i < end && steps < 64) {
    steps++;
    // skip separators
    while (i < end && (isSpace(<i32>unchecked(s[i])) || <i32>unchecked(s[i]) == 0x2f || <i32>unchecked(s[i]) == 0x0c)) i++;
    if (i >= end) break;
    const c = <i32>unchecked(s[i]);
    if (c == 0x3e || c == 0x3c) break;
    const ns = i;
    while (i < end && !isAttrEnd(<i32>unchecked(s[i])) && <i32>unchecked(s[i]) != 0x3c) i++;
    const ne = i;
    if (ne == ns) { i++; continue; }
    let j = i;
    while (j < end && isSpace(<i32>unchecked(s[j]))) j++;
    let vs = j, ve = j;
    const hasValue = j < end && <i32>unchecked(s[j]) == 0x3d;
    if (hasValue) {
      j++;
      while (j < end && isSpace(<i32>unchecked(s[j]))) j++;
      const q = j < end ? <i32>unchecked(s[j]) : 0;
      if (q == 0x22 || q == 0x27 || q == 0x60) {
        vs = j + 1; j = vs;
        while (j < end && <i32>unchecked(s[j]) != q) j++;
        ve = j;
        if (j < end) j++;
      } else {
        vs = j;
        while (j < end && !isSpace(<i32>unchecked(s[j])) && <i32>unchecked(s[j]) != 0x3e) j++;
        ve = j;
      }
      i = j;
    }
    const nlen = ne - ns;
    // on* event handlers (onload, onerror, onmouseover, onbegin…)
    if (nlen >= 5 && <i32>unchecked(s[ns]) == 0x6f && <i32>unchecked(s[ns + 1]) == 0x6e && hasValue && isAllAlpha(s, ns, ne)) return 1;
    if (hasValue) {
      if (scriptUrlAt(s, vs, ve)) return 1;
      if (nlen == 5 && startsWithAt(s, ns, ne, "style")) {
        if (containsAt(s, vs, ve, "expression") >= 0 || containsAt(s, vs, ve, "javascript:") >= 0 ||
            containsAt(s, vs, ve, "behavior") >= 0 || containsAt(s, vs, ve, "binding") >= 0) return 1;
      }
      if (kind == TAG_META && (containsAt(s, vs, ve, "url=") >= 0 || containsAt(s, vs, ve, "javascript:") >= 0 || startsWithAt(s, ns, ne, "http-equiv"))) return 1;
      // SVG animation writing handlers or links: <animate attributeName="onload" …>, <set attributeName="xlink:href" …>
      if (nlen == 13 && startsWithAt(s, ns, ne, "attributename") && (startsWithAt(s, vs, ve, "on") || containsAt(s, vs, ve, "href") >= 0)) return 1;
      // IE data binding renders HTML from a data island
      if ((nlen == 13 && startsWithAt(s, ns, ne, "dataformatas")) || (nlen == 7 && startsWithAt(s, ns, ne, "datasrc"))) return 1;
      if (kind == TAG_STYLE && nlen == 4 && startsWithAt(s, ns, ne, "href")) best = minLevel(best, 2);
      // srcdoc holds a whole document; formaction/xlink:href carry URLs handled above
      if (nlen == 6 && startsWithAt(s, ns, ne, "srcdoc")) return 1;
    }
  }
  return best;
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
  "onafter", "onunload", "onplay", "onpause", "onreadystatechange", "oncontextmenu", "ondblclick", "onformchange", "onsearch", "onshow", "oninvalid", "onrepeat", "onfinish", "onbounce"];

function isHandlerName(s: Uint8Array, a: i32, b: i32): bool {
  for (let k = 0; k < HANDLERS.length; k++) if (startsWithAt(s, a, b, unchecked(HANDLERS[k]))) return true;
  return false;
}

/** JS sinks typical of payloads injected into scripts: alert(, prompt(, eval(, document.cookie… */
function jsSinkAt(s: Uint8Array, start: i32, end: i32): bool {
  for (let k = 0; k < SINKS.length; k++) if (containsAt(s, start, end, unchecked(SINKS[k])) >= 0) return true;
  return false;
}
// JavaScript that only makes sense as script: DOM globals indexed by string, reflection, code from strings,
// CSS that loads script, UTF-7 spelled markup (+ADw-script+AD4-)
const JS_STRONG: string[] = ["document.cookie", "document[", "(document)[", "window[", "self[", "top[", "parent[", "globalthis[", "frames[",
  "reflect.apply", "reflect.construct", "reflect.get", "new function(", "string.fromcharcode", ".constructor(", "-moz-binding", "url(javascript",
  "url('javascript", "url(\"javascript", "+adw-", "+ad4-", "document.domain", "location.hash", "location.href=", "<:vmlframe", "<:script", "<:x:script", "atob(", "settimeout(", "setinterval("];
const SINKS: string[] = ["alert(", "prompt(", "confirm(", "eval(", "document.cookie", "document.write", "fromcharcode", "window.location", "document.location", "settimeout(", "alert`", ".innerhtml"];
