// Route selection and rule resolution (the TypeScript twin of assembly/policy/; used by check and explain).
//
// Route specificity, compared field by field (first difference decides; a tie goes to the earlier route):
//   1. authority: exact hosts (2) > host globs such as *.example.com (1) > any (0)
//   2. path: more literal segments
//   3. path: without `**` beats with `**`
//   4. path: more segments
//   5. methods listed beats any method
//   6. content_type listed beats any
//   7. direction request/response beats both
import { authorityMatches, contentTypeMatches, globCovers, hasWildcard, idGlobMatches, parsePathGlob, pathGlobCovers, pathMatches, selectorSpecificity } from "./glob.ts";
import type { Direction, Limit, Policy, Route, Rule } from "./model.ts";

export function routeSpecificity(r: Route): number[] {
  const m = r.match;
  const authRank = m.authority.length === 0 ? 0 : Math.min(...m.authority.map((a) => (a === "*" ? 0 : hasWildcard(a) ? 1 : 2)));
  const segs = parsePathGlob(m.path);
  return [
    authRank,
    segs.filter((s) => s.kind === "lit").length,
    segs.some((s) => s.kind === "any") ? 0 : 1,
    segs.filter((s) => s.kind !== "any").length,
    m.methods.length > 0 ? 1 : 0,
    m.content_type.length > 0 ? 1 : 0,
    m.direction === "both" ? 0 : 1,
  ];
}

export function compareSpecificity(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** Does route `a` match every message route `b` matches? Conservative (false when unsure). */
export function routeCovers(a: Route, b: Route): boolean {
  const ma = a.match, mb = b.match;
  const listCovers = (x: string[], y: string[], covers: (p: string, q: string) => boolean) =>
    x.length === 0 || (y.length > 0 && y.every((q) => x.some((p) => covers(p, q))));
  const authCovers = (p: string, q: string) => p === "*" || p.toLowerCase() === q.toLowerCase() || (!hasWildcard(q) && authorityMatches(p, q));
  return (
    listCovers(ma.authority, mb.authority, authCovers) &&
    pathGlobCovers(ma.path, mb.path) &&
    listCovers(ma.methods, mb.methods, (p, q) => p === q) &&
    (ma.direction === "both" || ma.direction === mb.direction) &&
    listCovers(ma.content_type, mb.content_type, globCovers)
  );
}

export interface Request {
  method: string;
  path: string;
  authority: string;
  direction: "request" | "response";
  contentType?: string;
}

export function routeMatches(r: Route, q: Request): boolean {
  const m = r.match;
  if (m.authority.length > 0 && !m.authority.some((a) => authorityMatches(a, q.authority))) return false;
  if (!pathMatches(m.path, q.path)) return false;
  if (m.methods.length > 0 && !m.methods.includes(q.method.toUpperCase())) return false;
  if (m.direction !== "both" && m.direction !== q.direction) return false;
  if (m.content_type.length > 0 && !(q.contentType && m.content_type.some((c) => contentTypeMatches(c, q.contentType!)))) return false;
  return true;
}

/** Index of the winning route, or -1 (the top level, route group `default`). */
export function selectRoute(p: Policy, q: Request): number {
  let best = -1;
  let bestSpec: number[] = [];
  p.routes.forEach((r, i) => {
    if (!routeMatches(r, q)) return;
    const s = routeSpecificity(r);
    if (best < 0 || compareSpecificity(s, bestSpec) > 0) { best = i; bestSpec = s; }
  });
  return best;
}

export function directionCovers(ruleDir: Direction, dir: "request" | "response"): boolean {
  return ruleDir === "both" || ruleDir === dir;
}

/** Specificity with which a selector list covers `id` (of the glob that last added it), or -1. */
export function selectorCover(globs: string[], id: string): number {
  let spec = -1;
  for (const g of globs) {
    const neg = g.startsWith("!");
    if (!idGlobMatches(neg ? g.slice(1) : g, id)) continue;
    spec = neg ? -1 : selectorSpecificity(g);
  }
  return spec;
}

export function enabledIds(p: Policy, allIds: string[], route: Route | null): string[] {
  const custom = p.detectors.map((d) => d.id);
  let globs = p.enable;
  if (route) globs = [...globs, ...route.enable];
  const set = new Set(custom);
  for (const g of globs) {
    const neg = g.startsWith("!");
    for (const id of allIds) if (idGlobMatches(neg ? g.slice(1) : g, id)) { if (neg) set.delete(id); else set.add(id); }
  }
  return allIds.filter((id) => set.has(id));
}

export interface ResolvedRule { rule: Rule; scope: "route" | "global" | "implicit"; index: number }

/** The rules that apply to a detector in a direction on a route, one per threshold, ascending. */
export function resolveRules(p: Policy, route: Route | null, id: string, dir: "request" | "response"): ResolvedRule[] {
  const pick = (rules: Rule[], scope: "route" | "global"): ResolvedRule[] => {
    const byThreshold = new Map<number, { r: ResolvedRule; spec: number }>();
    rules.forEach((rule, index) => {
      if (!directionCovers(rule.direction, dir)) return;
      const spec = selectorCover(rule.detectors, id);
      if (spec < 0) return;
      const cur = byThreshold.get(rule.threshold);
      if (!cur || spec > cur.spec) byThreshold.set(rule.threshold, { r: { rule, scope, index }, spec });
    });
    return [...byThreshold.values()].map((x) => x.r).sort((a, b) => a.rule.threshold - b.rule.threshold);
  };
  if (route) {
    const own = pick(route.rules, "route");
    if (own.length > 0) return own;
  }
  const global = pick(p.rules, "global");
  if (global.length > 0) return global;
  return [{ rule: { detectors: [id], action: "alert", redact: { style: "mask", keep: 4, text: "[REDACTED]", char: "*" }, threshold: 1, direction: dir, status: 403 }, scope: "implicit", index: -1 }];
}

export function resolveLimits(p: Policy, route: Route | null, id: string, dir: "request" | "response"): Limit[] {
  const group = route ? route.name : "default";
  return p.limits.filter((l) => directionCovers(l.direction, dir) && selectorCover(l.detectors, id) >= 0 && (l.routes.length === 0 || l.routes.includes(group)));
}
