// Checks that a pattern stays inside the regex subset the engine runs in linear time (RE2-style syntax).
// Rejected, with the offset of the offending construct: backreferences, lookaround, lazy and possessive
// quantifiers, atomic groups, conditionals, inline flags (use `case_insensitive`), Unicode classes,
// repetition counts over 1000, and unbalanced brackets.

export interface RegexError {
  /** Offset (UTF-16 code units) in the pattern. */
  offset: number;
  message: string;
}

const MAX_REPEAT = 1000;
const CLASS_ESCAPES = "dDwWsS";
const ASSERT_ESCAPES = "bB";
const CONTROL_ESCAPES = "nrtfv";

export function checkRegexSubset(src: string): RegexError | null {
  let i = 0;
  let depth = 0;
  // Whether the previous item can take a quantifier, and whether it already has one.
  let canRepeat = false;
  let repeated = false;
  const groupStarts: number[] = [];

  const fail = (offset: number, message: string): RegexError => ({ offset, message });

  const escape = (inClass: boolean): RegexError | null => {
    const at = i;
    i++; // backslash
    if (i >= src.length) return fail(at, "trailing backslash");
    const c = src[i];
    if (c >= "1" && c <= "9") return fail(at, "backreferences (\\" + c + ") are not supported: they cannot run in linear time");
    if (c === "0") return fail(at, "octal escapes are not supported; write \\x00");
    if (c === "k" && src[i + 1] === "<") return fail(at, "named backreferences (\\k<…>) are not supported");
    if (c === "p" || c === "P") return fail(at, "Unicode property classes (\\" + c + "{…}) are not supported; use explicit ranges");
    if (c === "x") {
      if (src[i + 1] === "{") {
        const end = src.indexOf("}", i);
        if (end < 0 || !/^[0-9A-Fa-f]{1,6}$/.test(src.slice(i + 2, end))) return fail(at, "bad \\x{…} escape");
        i = end + 1;
        return null;
      }
      if (!/^[0-9A-Fa-f]{2}$/.test(src.slice(i + 1, i + 3))) return fail(at, "\\x needs two hex digits");
      i += 3;
      return null;
    }
    if (c === "u") {
      if (!/^[0-9A-Fa-f]{4}$/.test(src.slice(i + 1, i + 5))) return fail(at, "\\u needs four hex digits");
      i += 5;
      return null;
    }
    if (CLASS_ESCAPES.includes(c) || CONTROL_ESCAPES.includes(c)) { i++; return null; }
    if (ASSERT_ESCAPES.includes(c)) {
      if (inClass) return fail(at, "\\" + c + " is not allowed inside a character class");
      i++;
      return null;
    }
    if (/[A-Za-z]/.test(c)) return fail(at, "unsupported escape \\" + c);
    i++; // escaped punctuation or other literal
    return null;
  };

  const charClass = (): RegexError | null => {
    const at = i;
    i++; // [
    if (src[i] === "^") i++;
    if (src[i] === "]") i++; // a leading ] is literal
    let prevSingle = false; // previous item was a single char (can start a range)
    while (i < src.length && src[i] !== "]") {
      if (src[i] === "[" && src[i + 1] === ":") {
        const end = src.indexOf(":]", i + 2);
        if (end < 0) return fail(i, "unterminated POSIX class [:…:]");
        const name = src.slice(i + 2, end);
        if (!/^(alnum|alpha|ascii|blank|cntrl|digit|graph|lower|print|punct|space|upper|word|xdigit)$/.test(name)) return fail(i, "unknown POSIX class [:" + name + ":]");
        i = end + 2;
        prevSingle = false;
        continue;
      }
      if (src[i] === "-" && prevSingle && i + 1 < src.length && src[i + 1] !== "]") {
        const lo = classCharBefore(src, i);
        i++;
        const hiAt = i;
        let hi: number;
        if (src[i] === "\\") {
          const e = escape(true);
          if (e) return e;
          hi = decodeEscape(src.slice(hiAt, i));
          if (hi < 0) return fail(hiAt, "a range cannot end with a class escape");
        } else { hi = src.codePointAt(i)!; i += hi > 0xffff ? 2 : 1; }
        if (lo >= 0 && hi < lo) return fail(hiAt - 1, "character range out of order");
        prevSingle = false;
        continue;
      }
      if (src[i] === "\\") {
        const start = i;
        const e = escape(true);
        if (e) return e;
        prevSingle = decodeEscape(src.slice(start, i)) >= 0;
        continue;
      }
      i += (src.codePointAt(i)! > 0xffff) ? 2 : 1;
      prevSingle = true;
    }
    if (i >= src.length) return fail(at, "unterminated character class");
    i++; // ]
    return null;
  };

  while (i < src.length) {
    const c = src[i];
    if (c === "\\") {
      const at = i;
      const e = escape(false);
      if (e) return e;
      const assertion = ASSERT_ESCAPES.includes(src[at + 1]);
      canRepeat = !assertion;
      repeated = false;
      continue;
    }
    if (c === "[") {
      const e = charClass();
      if (e) return e;
      canRepeat = true; repeated = false;
      continue;
    }
    if (c === "(") {
      const at = i;
      if (src[i + 1] === "?") {
        const rest = src.slice(i + 2);
        if (rest.startsWith(":")) i += 3;
        else if (rest.startsWith("P<") || (rest.startsWith("<") && /^<[A-Za-z]/.test(rest))) {
          const nameStart = i + (rest.startsWith("P<") ? 4 : 3);
          const end = src.indexOf(">", nameStart);
          if (end < 0 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(src.slice(nameStart, end))) return fail(at, "bad group name");
          i = end + 1;
        } else if (rest.startsWith("=") || rest.startsWith("!")) return fail(at, "lookahead (?" + rest[0] + "…) is not supported");
        else if (rest.startsWith("<=") || rest.startsWith("<!")) return fail(at, "lookbehind (?" + rest.slice(0, 2) + "…) is not supported");
        else if (rest.startsWith(">")) return fail(at, "atomic groups (?>…) are not supported");
        else if (rest.startsWith("(")) return fail(at, "conditionals (?(…)…) are not supported");
        else if (/^[a-zA-Z-]/.test(rest)) return fail(at, "inline flags are not supported; use `case_insensitive: true` on the detector");
        else return fail(at, "unknown group syntax (?" + (rest[0] ?? "") + "…");
      } else i++;
      groupStarts.push(at);
      depth++;
      canRepeat = false; repeated = false;
      continue;
    }
    if (c === ")") {
      if (depth === 0) return fail(i, "unmatched )");
      depth--;
      groupStarts.pop();
      i++;
      canRepeat = true; repeated = false;
      continue;
    }
    if (c === "|") { i++; canRepeat = false; repeated = false; continue; }
    if (c === "^" || c === "$") { i++; canRepeat = false; repeated = false; continue; }
    if (c === "*" || c === "+" || c === "?" || (c === "{" && /^\{\d/.test(src.slice(i)))) {
      const at = i;
      if (repeated) return fail(at, "a quantifier cannot follow another quantifier");
      if (!canRepeat) return fail(at, "nothing to repeat before " + (c === "{" ? "{…}" : c));
      if (c === "{") {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
        if (!m) return fail(at, "bad repetition {…}: write {n}, {n,} or {n,m}");
        const lo = Number(m[1]);
        const hi = m[3] === undefined || m[3] === "" ? (m[2] ? Infinity : lo) : Number(m[3]);
        if (lo > MAX_REPEAT || (hi !== Infinity && hi > MAX_REPEAT)) return fail(at, "repetition count over " + MAX_REPEAT);
        if (hi < lo) return fail(at, "repetition {" + lo + "," + hi + "}: max is less than min");
        i += m[0].length;
      } else i++;
      if (src[i] === "?") return fail(i, "lazy quantifiers (" + src.slice(at, i + 1) + ") are not supported: matching is leftmost-longest");
      if (src[i] === "+") return fail(i, "possessive quantifiers (" + src.slice(at, i + 1) + ") are not supported");
      repeated = true;
      continue;
    }
    if (c === "{") return fail(i, "a literal { must be escaped as \\{");
    if (c === "}") return fail(i, "a literal } must be escaped as \\}");
    if (c === "]") return fail(i, "a literal ] must be escaped as \\]");
    i += (src.codePointAt(i)! > 0xffff) ? 2 : 1;
    canRepeat = true; repeated = false;
  }
  if (depth > 0) return fail(groupStarts[groupStarts.length - 1], "unclosed (");
  return null;
}

function decodeEscape(esc: string): number {
  // The code point of a single-character escape inside a class, or -1 for a class escape like \d.
  const c = esc[1];
  if (CLASS_ESCAPES.includes(c)) return -1;
  if (c === "x") return parseInt(esc.startsWith("\\x{") ? esc.slice(3, -1) : esc.slice(2), 16);
  if (c === "u") return parseInt(esc.slice(2), 16);
  const ctl: Record<string, number> = { n: 10, r: 13, t: 9, f: 12, v: 11 };
  if (c in ctl) return ctl[c];
  return c.codePointAt(0)!;
}

function classCharBefore(src: string, dash: number): number {
  // The code point of the single character (or escape) just before a `-` in a class.
  const m = /(\\x\{[0-9A-Fa-f]+\}|\\x[0-9A-Fa-f]{2}|\\u[0-9A-Fa-f]{4}|\\.|[\s\S])$/u.exec(src.slice(0, dash));
  if (!m) return -1;
  return m[1].startsWith("\\") ? decodeEscape(m[1]) : m[1].codePointAt(0)!;
}
