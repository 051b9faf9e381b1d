// Globs used by the policy, and the specificity orders that decide which route or rule wins.
// assembly/policy/ implements the same semantics for the filter; keep both in step (docs/policy.md).

/** Plain wildcard match: `*` any run of characters, `?` one character. Iterative, O(n·m) worst case. */
export function wildcard(glob: string, text: string): boolean {
  let g = 0, t = 0, starG = -1, starT = 0;
  while (t < text.length) {
    if (g < glob.length && (glob[g] === "?" || glob[g] === text[t])) { g++; t++; }
    else if (g < glob.length && glob[g] === "*") { starG = g++; starT = t; }
    else if (starG >= 0) { g = starG + 1; t = ++starT; }
    else return false;
  }
  while (g < glob.length && glob[g] === "*") g++;
  return g === glob.length;
}

export function hasWildcard(s: string): boolean {
  return s.includes("*") || s.includes("?");
}

/**
 * A detector selector glob matches an id when it matches the whole id or one of its dotted prefixes, so a
 * plain name is also a category: `pii.credit_card` covers `pii.credit_card.visa`.
 */
export function idGlobMatches(glob: string, id: string): boolean {
  if (wildcard(glob, id)) return true;
  for (let i = id.indexOf("."); i >= 0; i = id.indexOf(".", i + 1)) {
    if (wildcard(glob, id.slice(0, i))) return true;
  }
  return false;
}

/** Evaluates an ordered selector list (`a`, `!b`) over ids, starting from `initial`. */
export function resolveSelectors(globs: string[], ids: string[], initial: Iterable<string> = []): Set<string> {
  const out = new Set(initial);
  for (const raw of globs) {
    const neg = raw.startsWith("!");
    const glob = neg ? raw.slice(1) : raw;
    for (const id of ids) {
      if (!idGlobMatches(glob, id)) continue;
      if (neg) out.delete(id); else out.add(id);
    }
  }
  return out;
}

/** Literal characters in a selector: the more, the more specific (an exact id beats `pii.*`). */
export function selectorSpecificity(glob: string): number {
  let n = 0;
  for (const c of glob.replace(/^!/, "")) if (c !== "*" && c !== "?") n++;
  return n;
}

// ---- paths ----

export type PathSeg = { kind: "lit"; text: string } | { kind: "glob"; text: string } | { kind: "param"; name: string } | { kind: "any" };

/** Splits a path glob into segments; `**` is `any`, `{x}` and `*` are one segment, `a*b` a segment glob. */
export function parsePathGlob(glob: string): PathSeg[] {
  const segs: PathSeg[] = [];
  for (const s of glob.split("/")) {
    if (s === "") continue;
    if (s === "**") segs.push({ kind: "any" });
    else if (/^\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(s)) segs.push({ kind: "param", name: s.slice(1, -1) });
    else if (s.includes("*") || s.includes("?")) segs.push({ kind: "glob", text: s });
    else segs.push({ kind: "lit", text: s });
  }
  return segs;
}

/** Problems in a path glob (returned as a message with the offset inside the glob), or null. */
export function pathGlobError(glob: string): { offset: number; message: string } | null {
  let off = 0;
  for (const s of glob.split("/")) {
    if (s.includes("**") && s !== "**") return { offset: off + s.indexOf("**"), message: "`**` must be a whole path segment" };
    if ((s.includes("{") || s.includes("}")) && !/^\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(s)) {
      return { offset: off + Math.max(0, s.search(/[{}]/)), message: "a `{name}` parameter must be a whole path segment with a name of letters, digits and _" };
    }
    if (s.includes("?") ) return { offset: off + s.indexOf("?"), message: "`?` is not allowed in a path (the query string is not matched)" };
    off += s.length + 1;
  }
  return null;
}

/** Normalizes a request path as the filter does: drops query/fragment, decodes unreserved %XX, merges `//`, resolves `.`/`..`. */
export function normalizePath(path: string): string {
  let p = path;
  const q = p.search(/[?#]/);
  if (q >= 0) p = p.slice(0, q);
  p = p.replace(/%([0-9A-Fa-f]{2})/g, (m, h: string) => {
    const c = String.fromCharCode(parseInt(h, 16));
    return /[A-Za-z0-9\-._~]/.test(c) ? c : m.toUpperCase();
  });
  const out: string[] = [];
  for (const s of p.split("/")) {
    if (s === "" || s === ".") continue;
    if (s === "..") { out.pop(); continue; }
    out.push(s);
  }
  return "/" + out.join("/");
}

function segsMatch(pat: PathSeg[], pi: number, segs: string[], si: number): boolean {
  // Segment-level wildcard match with a single backtrack point per `**` (classic glob algorithm).
  let starP = -1, starS = 0;
  while (si < segs.length) {
    const p = pat[pi];
    if (pi < pat.length && p.kind !== "any" && segMatches(p, segs[si])) { pi++; si++; }
    else if (pi < pat.length && p.kind === "any") { starP = pi++; starS = si; }
    else if (starP >= 0) { pi = starP + 1; si = ++starS; }
    else return false;
  }
  while (pi < pat.length && pat[pi].kind === "any") pi++;
  return pi === pat.length;
}

function segMatches(p: PathSeg, s: string): boolean {
  switch (p.kind) {
    case "lit": return p.text === s;
    case "glob": return wildcard(p.text, s);
    case "param": return s.length > 0;
    default: return true;
  }
}

export function pathMatches(glob: string, path: string): boolean {
  const segs = normalizePath(path).split("/").filter((s) => s !== "");
  return segsMatch(parsePathGlob(glob), 0, segs, 0);
}

/** Does every path matched by `b` also match `a`? Conservative: false when unsure. */
export function pathGlobCovers(a: string, b: string): boolean {
  const pa = parsePathGlob(a), pb = parsePathGlob(b);
  const memo = new Map<string, boolean>();
  const go = (i: number, j: number): boolean => {
    const k = i + "," + j;
    const m = memo.get(k);
    if (m !== undefined) return m;
    let r: boolean;
    if (i === pa.length) r = j === pb.length;
    else if (pa[i].kind === "any") r = go(i + 1, j) || (j < pb.length && go(i, j + 1));
    else if (j === pb.length) r = false;
    else {
      const x = pa[i], y = pb[j];
      let ok: boolean;
      if (y.kind === "any") ok = false;
      else if (x.kind === "param" || (x.kind === "glob" && x.text === "*")) ok = true;
      else if (x.kind === "lit") ok = y.kind === "lit" && y.text === x.text;
      else ok = (y.kind === "lit" && wildcard((x as { text: string }).text, y.text)) || (y.kind === "glob" && y.text === (x as { text: string }).text);
      r = ok && go(i + 1, j + 1);
    }
    memo.set(k, r);
    return r;
  };
  return go(0, 0);
}

// ---- authority and content type ----

export function authorityMatches(glob: string, authority: string): boolean {
  const g = glob.toLowerCase();
  let a = authority.toLowerCase();
  if (!globHasPort(g)) a = stripPort(a);
  return wildcard(g, a);
}

function globHasPort(g: string): boolean {
  return g.startsWith("[") ? g.includes("]:") : g.includes(":");
}

function stripPort(a: string): string {
  if (a.startsWith("[")) { const e = a.indexOf("]"); return e > 0 ? a.slice(0, e + 1) : a; }
  const c = a.lastIndexOf(":");
  return c >= 0 && a.indexOf(":") === c ? a.slice(0, c) : a;
}

/** Media type without parameters, lower case. */
export function mediaType(contentType: string): string {
  return contentType.split(";")[0].trim().toLowerCase();
}

export function contentTypeMatches(glob: string, contentType: string): boolean {
  return wildcard(glob.toLowerCase(), mediaType(contentType));
}

/** Content-type map key rank: exact 3 > suffix glob (`application/*+json`) 2 > `type/*` 1 > `*` 0. */
export function contentTypeRank(glob: string): number {
  if (glob === "*" || glob === "*/*") return 0;
  if (!hasWildcard(glob)) return 3;
  if (/^[^*?]+\/\*$/.test(glob)) return 1;
  return 2;
}

export function globCovers(a: string, b: string): boolean {
  // a covers b if b is literal and matches a, or a is `*`, or they are equal.
  if (a === "*" || a === b) return true;
  return !hasWildcard(b) && wildcard(a, b);
}
