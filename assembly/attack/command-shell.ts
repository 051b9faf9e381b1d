// Shell-only expansions and syntax (CRS 932130, 932170/171, 932175, 932270, 932280, 932330): parameter
// expansion operators (${x#…}, ${x:-…}), arithmetic ($((…)), $[…]), globbing inside paths (/etc/pa[s]swd),
// brace expansion that spells a command (c{a,oun}t, {ls,-la}), tilde-directory stack (~+, ~-1), history
// (!-1), Shellshock function definitions, alias definitions. One pass over the value; each trigger byte gets
// a bounded look-around.
import { isAlpha, isDigit, isSpace, startsWithAt, minLevel, at } from "./words";
import { ByteBuf } from "./decode";
import { cmdTable } from "./command";

@inline function isIdent(c: i32): bool { return isAlpha(c) || isDigit(c) || c == 0x5f; }
@inline function isShellSep(c: i32): bool { return c == 0x3b || c == 0x7c || c == 0x26 || c == 0x0a || c == 0x60 || c == 0x28; }

const braceBuf = new ByteBuf(64);

/** ${…}: bash-only operators fire; a bare ${name} is a template placeholder too (JS, shell docs): level 2. */
function paramExpansion(s: Uint8Array, i: i32, end: i32): i32 {
  let p = i + 2;
  const c0 = at(s, p, end);
  if ((c0 == 0x23 || c0 == 0x21) && isIdent(at(s, p + 1, end))) return 1;   // ${#x} length, ${!x} indirection
  const n0 = p;
  while (p < end && p - n0 < 32 && isIdent(<i32>unchecked(s[p]))) p++;
  const c = at(s, p, end), d = at(s, p + 1, end);
  const named = p > n0;
  if (named && (c == 0x23 || c == 0x25)) return 1;                        // ${x#pat} ${x%pat}
  // ${x:-d} ${x:0:1}; a named default (${PORT:-8080}) is also docker-compose/.env templating: level 2
  if (c == 0x3a && (d == 0x2d || d == 0x3d || d == 0x2b || d == 0x3f || isDigit(d))) return named && !isDigit(d) ? 2 : 1;
  if (named && ((c == 0x2f && d == 0x2f) || (c == 0x5e && d == 0x5e) || (c == 0x2c && d == 0x2c) || c == 0x40)) return 1; // ${x//a/b} ${x^^} ${x,,} ${x@Q}
  if (named && c == 0x7d) return 3;
  return 0;
}

/** $[…] (old bash arithmetic): empty or numbers with an operator; JSONPath ($[0], $['a'], $[?(@.x)]) is not. */
function oldArith(s: Uint8Array, i: i32, end: i32): i32 {
  let p = i + 2;
  let op = false;
  while (p < end && p < i + 40) {
    const c = <i32>unchecked(s[p]);
    if (c == 0x5d) return (op || p == i + 2) ? 1 : 0;
    if (c == 0x2b || c == 0x2d || c == 0x2a || c == 0x2f || c == 0x25) op = true;
    else if (!(isIdent(c) || c == 0x20 || c == 0x24)) return 0;
    p++;
  }
  return 0;
}

/** [class] inside a path segment: /etc/pa[s]swd, /[e///]tc, /usr/[a-z]in/bash, /bi[n]/bash, /etc/[!abc]asswd. */
function pathGlob(s: Uint8Array, i: i32, start: i32, end: i32): i32 {
  // the class
  let p = i + 1;
  let letters = 0, special = false, n = 0;
  while (p < end && n < 16) {
    const c = <i32>unchecked(s[p]);
    if (c == 0x5d) break;
    if (isAlpha(c)) letters++;
    else if (c == 0x2f || c == 0x21 || c == 0x5e || c == 0x2d || c == 0x3f || c == 0x2a) special = true;
    else return 0;
    p++; n++;
  }
  if (at(s, p, end) != 0x5d || n == 0 || (letters == 0 && !special)) return 0;
  const after = at(s, p + 1, end);
  // the token it sits in must be an absolute path
  let b = i - 1;
  let slash = false;
  while (b >= start && b > i - 256) {
    const c = <i32>unchecked(s[b]);
    if (c == 0x2f) slash = true;
    else if (!(isIdent(c) || c == 0x2e || c == 0x2d || c == 0x3f || c == 0x2a || c == 0x5b || c == 0x5d || c == 0x21)) break;
    b--;
  }
  if (!slash || at(s, b + 1, end) != 0x2f) return 0;
  const before = at(s, i - 1, end);
  if (!(isAlpha(before) || before == 0x2f)) return 0;
  // a regex (/[a-z]{1,5}/, /[a-z]+/) is a class between delimiters: the glob must touch a letter of the name
  if (!isAlpha(after) && !isAlpha(before)) return 0;
  // inside a segment (pa[s]swd), or a class no XPath predicate has ([!x], [a-z], [e/], [?], one letter)
  if (isAlpha(after) || special || n == 1) return 1;
  return 2;
}

/** {a,b}: the first word bash would produce is a command (c{a,oun}t → cat, {l,-lh}s → ls, {,ifconfig}). */
function braceExpansion(s: Uint8Array, i: i32, start: i32, end: i32): i32 {
  // prefix letters right before '{'
  let b = i;
  while (b > start && b > i - 20 && isIdent(<i32>unchecked(s[b - 1]))) b--;
  const pb = at(s, b - 1, end);
  if (!(b == start || isSpace(pb) || isShellSep(pb) || pb == 0x27 || pb == 0x22 || pb == 0x3d)) return 0;
  // alternatives
  let p = i + 1;
  let commas = 0, emptyAlt = false, dashAlt = false, odd = false;
  let firstS = -1, firstE = -1;
  let altStart = p;
  while (p < end && p < i + 64) {
    const c = <i32>unchecked(s[p]);
    if (c == 0x2c || c == 0x7d) {
      if (p == altStart) emptyAlt = true;
      else {
        if (<i32>unchecked(s[altStart]) == 0x2d) dashAlt = true;
        if (firstS < 0) { firstS = altStart; firstE = p; }
      }
      if (c == 0x7d) break;
      commas++;
      altStart = p + 1;
    } else if (!(isIdent(c) || c == 0x2d || c == 0x2e || c == 0x2f)) {
      // quoting, globs, comments inside alternatives ({,$'whoami',}, {/?s?/?i?/c?t,}, {,echo,#test}) are shell only
      if (c == 0x27 || c == 0x22 || c == 0x24 || c == 0x3f || c == 0x2a || c == 0x23 || c == 0x7e) odd = true;
      else return 0;
    }
    p++;
  }
  if (at(s, p, end) != 0x7d || commas == 0 || firstS < 0) return 0;
  // suffix letters after '}'
  let q = p + 1;
  while (q < end && q < p + 20 && isIdent(<i32>unchecked(s[q]))) q++;
  const buf = braceBuf;
  buf.reset();
  for (let k = b; k < i; k++) buf.push(<i32>unchecked(s[k]));
  for (let k = firstS; k < firstE; k++) { const c = <i32>unchecked(s[k]); if (c != 0x27 && c != 0x22 && c != 0x24) buf.push(c); }
  for (let k = p + 1; k < q; k++) buf.push(<i32>unchecked(s[k]));
  const code = cmdTable().lookup(buf.data, 0, buf.len);
  if (code < 0) return (emptyAlt || odd) && buf.len > 0 && (emptyAlt || commas > 0 && odd) ? 2 : 0;
  if (code == 1 || emptyAlt || dashAlt || b < i || q > p + 1) return 1;
  return 2; // {id,name}: a field list as often as a command
}

/** alias name=value at the start of the value or after a separator (options -p, +m, -gmr allowed). */
function aliasDef(s: Uint8Array, i: i32, start: i32, end: i32): i32 {
  const pb = at(s, i - 1, end);
  const opens = i == start || isShellSep(pb) || pb == 0x27 || pb == 0x22;
  if (!opens && !isSpace(pb)) return 0;
  let p = i + 5;
  if (at(s, p, end) != 0x20) return 0;
  p++;
  for (let n = 0; n < 4; n++) {
    const c = at(s, p, end);
    if (!(c == 0x2d || c == 0x2b)) break;
    const p0 = p;
    while (p < end && p < p0 + 32 && !isSpace(<i32>unchecked(s[p]))) p++;
    while (p < end && <i32>unchecked(s[p]) == 0x20) p++;
  }
  const n0 = p;
  while (p < end && p - n0 < 40) {
    const c = <i32>unchecked(s[p]);
    if (!(isIdent(c) || c == 0x2e || c == 0x2d || c == 0x27 || c == 0x22)) break;
    p++;
  }
  if (p == n0 || at(s, p, end) != 0x3d) return 0;
  return opens ? 1 : 2;
}

/** /???/??t, /???/b??h: a path spelled with '?' wildcards only where letters would be (level 2, CRS 932190 is PL3). */
function wildcardPath(s: Uint8Array, i: i32, start: i32, end: i32): i32 {
  const pb = at(s, i - 1, end);
  if (!(i == start || isSpace(pb) || isShellSep(pb) || pb == 0x27 || pb == 0x22 || pb == 0x3d)) return 0;
  let p = i, segs = 0, q = 0;
  while (p < end && p < i + 64 && <i32>unchecked(s[p]) == 0x2f) {
    p++;
    const p0 = p;
    while (p < end && p < p0 + 16) {
      const c = <i32>unchecked(s[p]);
      if (c == 0x3f) q++;
      else if (!(isAlpha(c) || c == 0x2a)) break;
      p++;
    }
    if (p == p0) return 0;
    segs++;
  }
  const a = at(s, p, end);
  if (!(a == -1 || isSpace(a) || isShellSep(a) || a == 0x3b)) return 0;
  if (segs < 2 || q < 3) return 0;
  // run with a path argument (/???/??t /???/p??s??): a command line
  return a == 0x20 && at(s, p + 1, end) == 0x2f ? 1 : 2;
}

export function shellExpansionLevel(s: Uint8Array, start: i32, end: i32): i32 {
  let best = 0;
  for (let i = start; i < end; i++) {
    const c = <i32>unchecked(s[i]);
    let l = 0;
    if (c == 0x24) {
      const d = at(s, i + 1, end);
      if (d == 0x28 && at(s, i + 2, end) == 0x28) l = 1;        // $((…))
      else if (d == 0x7b) l = paramExpansion(s, i, end);
      else if (d == 0x5b) l = oldArith(s, i, end);
    } else if (c == 0x2f && at(s, i + 1, end) == 0x3f) {
      l = wildcardPath(s, i, start, end);
    } else if (c == 0x5b) {
      l = pathGlob(s, i, start, end);
    } else if (c == 0x7b) {
      l = braceExpansion(s, i, start, end);
    } else if (c == 0x7e) {
      // ~+ ~- ~+2: the directory stack
      const d = at(s, i + 1, end);
      const pb = at(s, i - 1, end);
      if ((d == 0x2b || d == 0x2d) && (i == start || isSpace(pb) || isShellSep(pb) || pb == 0x3d)) {
        let p = i + 2;
        while (p < end && p < i + 12 && isDigit(<i32>unchecked(s[p]))) p++;
        const a = at(s, p, end);
        if (a == -1 || a == 0x2f || isSpace(a) || isShellSep(a)) l = 1;
      } else if (isDigit(d) && (i == start || isShellSep(pb))) {
        // ~0, ~1: directory stack entries (level 2: "~0" can be shorthand in prose)
        let p = i + 1;
        while (p < end && p < i + 12 && isDigit(<i32>unchecked(s[p]))) p++;
        const a = at(s, p, end);
        if (a == -1 || a == 0x2f || isShellSep(a)) l = 2;
      }
    } else if (c == 0x21) {
      // !-1: history expansion, at the start or chained (!-1!-2)
      if (at(s, i + 1, end) == 0x2d && isDigit(at(s, i + 2, end))) {
        const pb = at(s, i - 1, end);
        if (i == start || isDigit(pb) || isShellSep(pb)) l = 1;
      }
    } else if (c == 0x28) {
      // Shellshock: "() {" opening the value
      if (i == start || (i == start + 1 && isSpace(<i32>unchecked(s[start])))) {
        let p = i + 1;
        while (p < end && p < i + 8 && <i32>unchecked(s[p]) == 0x20) p++;
        if (at(s, p, end) == 0x29) {
          p++;
          const p0 = p;
          while (p < end && p < p0 + 8 && <i32>unchecked(s[p]) == 0x20) p++;
          if (p > p0 && at(s, p, end) == 0x7b) l = 1;
        }
      }
    } else if (c == 0x29 && at(s, i - 1, end) == 0x28 && at(s, i + 1, end) == 0x7b) {
      // fork bomb: f(){ f|f& };f — a function piping into itself in the background
      let p = i + 2;
      let pipe = false;
      while (p < end && p < i + 24 && <i32>unchecked(s[p]) != 0x7d) {
        if (<i32>unchecked(s[p]) == 0x7c) pipe = true;
        else if (<i32>unchecked(s[p]) == 0x26 && pipe) { l = 1; break; }
        p++;
      }
    } else if (c == 0x61) {
      if (startsWithAt(s, i, end, "alias")) l = aliasDef(s, i, start, end);
    }
    if (l > 0) {
      best = minLevel(best, l);
      if (best == 1) return 1;
    }
  }
  return best;
}
