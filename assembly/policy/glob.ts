// Globs and path matching for the policy (same semantics as src/policy/glob.ts; docs/policy.md).
// Matching is iterative with one backtrack point per star: O(n·m) on short patterns, no recursion.

/** `*` any run, `?` one character, over text[start, end). Case-sensitive. */
export function wildcardRange(glob: string, text: string, start: i32, end: i32): bool {
  let g = 0, t = start, starG = -1, starT = 0;
  const gl = glob.length;
  while (t < end) {
    const tc = text.charCodeAt(t);
    if (g < gl) {
      const gc = glob.charCodeAt(g);
      if (gc == 0x3f || gc == tc) { g++; t++; continue; }
      if (gc == 0x2a) { starG = g++; starT = t; continue; }
    }
    if (starG >= 0) { g = starG + 1; t = ++starT; continue; }
    return false;
  }
  while (g < gl && glob.charCodeAt(g) == 0x2a) g++;
  return g == gl;
}

export function wildcard(glob: string, text: string): bool {
  return wildcardRange(glob, text, 0, text.length);
}

export function hasWildcard(s: string): bool {
  return s.indexOf("*") >= 0 || s.indexOf("?") >= 0;
}

/** A selector glob matches an id, or one of its dotted prefixes (a category). */
export function idGlobMatches(glob: string, id: string): bool {
  if (wildcardRange(glob, id, 0, id.length)) return true;
  for (let i = 0; i < id.length; i++) {
    if (id.charCodeAt(i) == 0x2e && wildcardRange(glob, id, 0, i)) return true;
  }
  return false;
}

/** Literal characters in a selector (more = more specific). */
export function selectorSpecificity(glob: string): i32 {
  let n = 0;
  const start = glob.startsWith("!") ? 1 : 0;
  for (let i = start; i < glob.length; i++) {
    const c = glob.charCodeAt(i);
    if (c != 0x2a && c != 0x3f) n++;
  }
  return n;
}

/** Specificity with which an ordered selector list covers `id` (the glob that last added it), or -1. */
export function selectorCover(globs: string[], id: string): i32 {
  let spec = -1;
  for (let i = 0; i < globs.length; i++) {
    const g = unchecked(globs[i]);
    const neg = g.startsWith("!");
    const glob = neg ? g.substring(1) : g;
    if (!idGlobMatches(glob, id)) continue;
    spec = neg ? -1 : selectorSpecificity(g);
  }
  return spec;
}

// ---- paths ----

export const enum SegKind { Literal, Glob, Param, Any }

export class PathSeg {
  constructor(public kind: SegKind, public text: string) {}
}

export class PathGlob {
  segs: PathSeg[] = [];
  literalCount: i32 = 0;
  hasAny: bool = false;
  error: string = "";

  constructor(public source: string) {
    this.parse(source);
  }

  private parse(source: string): void {
    if (!source.startsWith("/")) { this.error = "must start with /"; return; }
    const parts = source.split("/");
    for (let i = 0; i < parts.length; i++) {
      const s = parts[i];
      if (s.length == 0) continue;
      if (s == "**") { this.segs.push(new PathSeg(SegKind.Any, s)); this.hasAny = true; continue; }
      if (s.indexOf("**") >= 0) { this.error = "`**` must be a whole path segment"; return; }
      if (s.indexOf("?") >= 0) { this.error = "`?` is not allowed in a path"; return; }
      if (s.startsWith("{") && s.endsWith("}") && s.length > 2 && isName(s, 1, s.length - 1)) {
        this.segs.push(new PathSeg(SegKind.Param, s.substring(1, s.length - 1)));
        continue;
      }
      if (s.indexOf("{") >= 0 || s.indexOf("}") >= 0) { this.error = "a {name} parameter must be a whole path segment"; return; }
      if (s.indexOf("*") >= 0) { this.segs.push(new PathSeg(SegKind.Glob, s)); continue; }
      this.segs.push(new PathSeg(SegKind.Literal, s));
      this.literalCount++;
    }
  }

  /** Matches the segments of a normalized path (see `PathSegments`). */
  matches(p: PathSegments): bool {
    const segs = this.segs;
    const n = p.count;
    let pi = 0, si = 0, starP = -1, starS = 0;
    while (si < n) {
      if (pi < segs.length) {
        const seg = unchecked(segs[pi]);
        if (seg.kind == SegKind.Any) { starP = pi++; starS = si; continue; }
        if (segMatches(seg, p, si)) { pi++; si++; continue; }
      }
      if (starP >= 0) { pi = starP + 1; si = ++starS; continue; }
      return false;
    }
    while (pi < segs.length && unchecked(segs[pi]).kind == SegKind.Any) pi++;
    return pi == segs.length;
  }
}

function isName(s: string, start: i32, end: i32): bool {
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    const ok = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c == 0x5f || (i > start && c >= 0x30 && c <= 0x39);
    if (!ok) return false;
  }
  return true;
}

function segMatches(seg: PathSeg, p: PathSegments, i: i32): bool {
  const start = unchecked(p.starts[i]);
  const end = unchecked(p.ends[i]);
  if (seg.kind == SegKind.Param) return end > start;
  if (seg.kind == SegKind.Glob) return wildcardRange(seg.text, p.path, start, end);
  const t = seg.text;
  if (t.length != end - start) return false;
  for (let k = 0; k < t.length; k++) if (t.charCodeAt(k) != p.path.charCodeAt(start + k)) return false;
  return true;
}

/** A request path normalized once (query dropped, unreserved %XX decoded, `//` `.` `..` resolved), with segment bounds. */
export class PathSegments {
  path: string;
  starts: i32[] = [];
  ends: i32[] = [];
  count: i32 = 0;

  constructor(raw: string) {
    this.path = normalizePath(raw);
    const s = this.path;
    let i = 1;
    while (i <= s.length) {
      let j = i;
      while (j < s.length && s.charCodeAt(j) != 0x2f) j++;
      if (j > i) { this.starts.push(i); this.ends.push(j); this.count++; }
      i = j + 1;
    }
  }
}

function hexVal(c: i32): i32 {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  if (l >= 0x61 && l <= 0x66) return l - 0x61 + 10;
  return -1;
}

function isUnreserved(c: i32): bool {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c == 0x2d || c == 0x2e || c == 0x5f || c == 0x7e;
}

export function normalizePath(raw: string): string {
  let end = raw.length;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c == 0x3f || c == 0x23) { end = i; break; }
  }
  // One output buffer, no per-character strings. Unreserved escapes are decoded; others are kept
  // (upper-cased) so that `%2F` never becomes a separator.
  const out = new StaticArray<u16>(end + 1);
  const segStarts = new Array<i32>();
  let n = 0;
  let i = 0;
  while (i <= end) {
    // one segment: write '/' then its characters
    const segStart = n;
    out[n++] = 0x2f;
    while (i < end && raw.charCodeAt(i) != 0x2f) {
      const c = raw.charCodeAt(i);
      if (c == 0x25 && i + 2 < end) {
        const h = hexVal(raw.charCodeAt(i + 1)), l = hexVal(raw.charCodeAt(i + 2));
        if (h >= 0 && l >= 0) {
          const v = (h << 4) | l;
          if (isUnreserved(v)) { out[n++] = <u16>v; }
          else { out[n++] = 0x25; out[n++] = <u16>upper(raw.charCodeAt(i + 1)); out[n++] = <u16>upper(raw.charCodeAt(i + 2)); }
          i += 3;
          continue;
        }
      }
      out[n++] = <u16>c;
      i++;
    }
    i++; // the separator
    const len = n - segStart - 1;
    if (len == 0 || (len == 1 && out[segStart + 1] == 0x2e)) { n = segStart; continue; }
    if (len == 2 && out[segStart + 1] == 0x2e && out[segStart + 2] == 0x2e) {
      n = segStarts.length > 0 ? segStarts.pop() : 0;
      continue;
    }
    segStarts.push(segStart);
  }
  if (n == 0) return "/";
  return String.UTF16.decodeUnsafe(changetype<usize>(out), <usize>n << 1);
}

function upper(c: i32): i32 {
  return c >= 0x61 && c <= 0x7a ? c - 0x20 : c;
}

// ---- authority and content type ----

function globHasPort(g: string): bool {
  return g.startsWith("[") ? g.indexOf("]:") >= 0 : g.indexOf(":") >= 0;
}

/** End of the host part of an authority (the port, if any, is after it). */
function hostEnd(a: string): i32 {
  if (a.startsWith("[")) {
    const e = a.indexOf("]");
    return e > 0 ? e + 1 : a.length;
  }
  const c = a.lastIndexOf(":");
  return c >= 0 && a.indexOf(":") == c ? c : a.length;
}

/** `authority` must already be lower case (the filter lowers it once per request). */
export function authorityMatches(glob: string, authority: string): bool {
  const end = globHasPort(glob) ? authority.length : hostEnd(authority);
  return wildcardRange(glob, authority, 0, end);
}

/** The media type of a Content-Type value: parameters dropped, trimmed, lower case. */
export function mediaType(contentType: string): string {
  const semi = contentType.indexOf(";");
  return lowerCase((semi >= 0 ? contentType.substring(0, semi) : contentType).trim());
}

/** `s.toLowerCase()`, without the copy when `s` is ASCII with no upper-case letter (the usual header). */
export function lowerCase(s: string): string {
  for (let i = 0, n = s.length; i < n; i++) {
    const c = <u32>s.charCodeAt(i);
    if (c - 0x41 < 26 || c >= 0x80) return s.toLowerCase();
  }
  return s;
}

/** Content-type map rank: exact 3 > suffix glob (`application/*+json`) 2 > `type/*` 1 > `*` 0. */
export function contentTypeRank(glob: string): i32 {
  if (glob == "*" || glob == "*/*") return 0;
  if (!hasWildcard(glob)) return 3;
  if (glob.endsWith("/*") && glob.indexOf("*") == glob.length - 1) return 1;
  return 2;
}
