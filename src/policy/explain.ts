// The effective policy for one request: route, detectors, actions (what `microwaf explain` prints).
import { detectorSides, type Library } from "./library.ts";
import type { Policy } from "./model.ts";
import { enabledIds, resolveLimits, resolveRules, selectRoute, type Request } from "./routes.ts";

export interface Explanation {
  request: Request;
  mode: Policy["mode"];
  route: { index: number; name: string; path: string | null };
  detectors: {
    id: string;
    builtin: boolean;
    rules: { threshold: number; action: string; effective: string; redact?: string; from: string }[];
    limits: { name: string; per: string; max: number; window_ms: number; action: string }[];
  }[];
}

export function explain(p: Policy, lib: Library, q: Request): Explanation {
  const idx = selectRoute(p, q);
  const route = idx >= 0 ? p.routes[idx] : null;
  const allIds = [...lib.ids, ...p.detectors.map((d) => d.id).filter((id) => !lib.has(id))];
  // attack.* inspect requests only, leak.* responses only.
  const ids = enabledIds(p, allIds, route).filter((id) => detectorSides(id)[q.direction]);
  return {
    request: q,
    mode: p.mode,
    route: { index: idx, name: route ? route.name : "default", path: route ? route.match.path : null },
    detectors: ids.map((id) => ({
      id,
      builtin: lib.has(id),
      rules: resolveRules(p, route, id, q.direction).map(({ rule, scope, index }) => ({
        threshold: rule.threshold,
        action: rule.action,
        effective: p.mode === "monitor" && rule.action !== "alert" ? `alert (would ${rule.action})` : rule.action,
        ...(rule.action === "redact" ? { redact: rule.redact.style === "keep_last" ? `keep_last ${rule.redact.keep}` : rule.redact.style === "fixed" ? `fixed ${JSON.stringify(rule.redact.text)}` : "mask" } : {}),
        from: scope === "implicit" ? "default (no rule)" : scope === "route" ? `routes[${idx}].rules[${index}]` : `rules[${index}]`,
      })),
      limits: resolveLimits(p, route, id, q.direction).map((l) => ({ name: l.name, per: l.per, max: l.max, window_ms: l.window_ms, action: l.action })),
    })),
  };
}

export function formatExplanation(x: Explanation): string {
  const q = x.request;
  const lines = [
    `${q.method} ${q.authority}${q.path} (${q.direction}${q.contentType ? ", " + q.contentType : ""})`,
    `mode:  ${x.mode}`,
    `route: ${x.route.name}${x.route.index >= 0 ? ` (routes[${x.route.index}], ${x.route.path})` : " (no route matched: top level)"}`,
    `detectors: ${x.detectors.length} enabled`,
  ];
  for (const d of x.detectors) {
    const acts = d.rules.map((r) => `${r.threshold > 1 ? `≥${r.threshold}: ` : ""}${r.effective}${r.redact ? ` (${r.redact})` : ""} [${r.from}]`).join("; ");
    const lim = d.limits.map((l) => ` limit ${l.name}: ${l.max}/${l.window_ms / 1000}s per ${l.per} then ${l.action}`).join(";");
    lines.push(`  ${d.id.padEnd(32)} ${acts}${lim ? ";" + lim : ""}`);
  }
  return lines.join("\n") + "\n";
}
