import { readFileSync } from "node:fs";
import { join } from "node:path";

// Grafana dashboard helpers shared by the dashboard tests and the screenshot script: the panels' PromQL
// with Grafana's template variables replaced the way Grafana would for "All"; the metrics catalog.
export interface Target { expr: string; refId: string; legendFormat?: string; instant?: boolean; format?: string }
export interface Panel { id: number; type: string; title: string; gridPos: { x: number; y: number; w: number; h: number }; targets?: Target[]; panels?: Panel[]; datasource?: unknown; fieldConfig?: unknown; options?: unknown }
export interface Dashboard { uid: string; title: string; schemaVersion: number; panels: Panel[]; templating: { list: Array<Record<string, any>> }; [k: string]: unknown }

/** Every panel, rows' collapsed children included. */
export function allPanels(d: Dashboard): Panel[] {
  return d.panels.flatMap((p) => [p, ...(p.panels ?? [])]);
}

/** Replaces Grafana's built-in and dashboard variables: `$var`, `${var}`, `${var:regex}`, `[[var]]`. */
export function substitute(expr: string, vars: Record<string, string>): string {
  return expr.replace(/\$\{(\w+)(?::\w+)?\}|\[\[(\w+)\]\]|\$(\w+)/g, (m, a, b, c) => {
    const k = a ?? b ?? c;
    if (!(k in vars)) throw new Error(`unknown variable ${m} in ${expr}`);
    return vars[k];
  });
}

export const ALL_VARS = { __rate_interval: "1m", __interval: "15s", __range: "1h", local: ".*", route: ".*", datasource: "prometheus" };

const root = new URL("../../..", import.meta.url).pathname;

/** docs/metrics.md catalog: metric → type and label names. */
export function catalog(): Map<string, { type: string; labels: string[] }> {
  const md = readFileSync(join(root, "docs/metrics.md"), "utf8");
  const out = new Map<string, { type: string; labels: string[] }>();
  for (const line of md.split("\n")) {
    const m = /^\| `(microwaf_\w+)` \| (\w+) \| ([^|]*) \|/.exec(line);
    if (!m) continue;
    const labels = m[3].replace(/\([^)]*\)/g, "").split(",").map((s) => s.trim()).filter((s) => s && s !== "—");
    out.set(m[1], { type: m[2], labels });
  }
  return out;
}

