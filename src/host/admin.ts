// Envoy admin rendering of stats. Prometheus as source/server/admin/prometheus_stats.cc does it for
// custom (wasm) stats: strip the `wasmcustom.` namespace, add no `envoy_` prefix, replace characters
// outside [a-zA-Z0-9_] with `_`, drop names that start with a digit, no `_total` suffix; labels only from
// bootstrap stats_config.stats_tags (first capture group cut from the name, second is the value);
// histograms with Envoy's default buckets, cumulative, plus _sum and _count.
import { DEFAULT_BUCKETS, type Stat, type StatsStore } from "./stats.ts";
import type { StatsTag } from "./bootstrap.ts";

export interface ExtractedName { name: string; tags: Array<[string, string]> }

/** Applies the stats_tags extractors in order (Envoy TagExtractorImpl). */
export function extractTags(fullName: string, tags: StatsTag[]): ExtractedName {
  let name = fullName;
  const out: Array<[string, string]> = [];
  for (const t of tags) {
    const m = new RegExp(t.regex).exec(name);
    if (!m || m[1] === undefined) continue;
    const value = m[2] ?? m[1];
    const start = m.index + m[0].indexOf(m[1]);
    name = name.slice(0, start) + name.slice(start + m[1].length);
    out.push([t.tagName, value]);
  }
  return { name, tags: out };
}

const sanitize = (s: string) => s.replace(/[^a-zA-Z0-9_]/g, "_");

/** Prometheus metric name for a (tag-extracted) stat name, or null when Envoy drops it. */
export function prometheusName(extracted: string): string | null {
  if (extracted.startsWith("wasmcustom.")) {
    const n = sanitize(extracted.slice("wasmcustom.".length));
    return /^[0-9]/.test(n) ? null : n;
  }
  return `envoy_${sanitize(extracted)}`;
}

const esc = (v: string) => v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
function labels(tags: Array<[string, string]>, extra?: [string, string]): string {
  const all = extra ? [...tags, extra] : tags;
  return all.length ? `{${all.map(([k, v]) => `${sanitize(k)}="${esc(v)}"`).join(",")}}` : "";
}
const fmt = (n: number) => (Number.isInteger(n) ? String(n) : String(n));

/** A few of Envoy's default tag extractors (source/common/config/well_known_names.cc) for the host's own stats. */
export const ENVOY_DEFAULT_TAGS: StatsTag[] = [
  { tagName: "envoy.cluster_name", regex: "^cluster\\.((.+?)\\.)" },
  { tagName: "envoy.http_conn_manager_prefix", regex: "^http\\.((.*?)\\.)" },
  { tagName: "envoy.response_code_class", regex: "_rq_(\\d)xx$" },
];

export function renderPrometheus(stats: StatsStore, userTags: StatsTag[]): string {
  const tags = [...userTags, ...ENVOY_DEFAULT_TAGS];
  const groups = new Map<string, { type: string; rows: string[] }>();
  const add = (name: string, type: string, rows: string[]) => {
    let g = groups.get(name);
    if (!g) { g = { type, rows: [] }; groups.set(name, g); }
    g.rows.push(...rows);
  };
  for (const s of stats.all()) {
    const ex = extractTags(s.name, tags);
    const name = prometheusName(ex.name);
    if (!name) continue;
    if (s.type === "histogram") add(name, "histogram", histogramRows(name, s, ex.tags));
    else add(name, s.type, [`${name}${labels(ex.tags)} ${s.value}`]);
  }
  let out = "";
  for (const [name, g] of [...groups].sort((a, b) => (a[0] < b[0] ? -1 : 1))) out += `# TYPE ${name} ${g.type}\n${g.rows.join("\n")}\n`;
  return out;
}

function histogramRows(name: string, s: Stat, tags: Array<[string, string]>): string[] {
  const rows = DEFAULT_BUCKETS.map((b, i) => `${name}_bucket${labels(tags, ["le", fmt(b)])} ${s.bucketCounts[i]}`);
  rows.push(`${name}_bucket${labels(tags, ["le", "+Inf"])} ${s.sampleCount}`);
  rows.push(`${name}_sum${labels(tags)} ${fmt(s.sampleSum)}`);
  rows.push(`${name}_count${labels(tags)} ${s.sampleCount}`);
  return rows;
}

/** /stats text: `name: value`, full names as Envoy prints them. */
export function renderStatsText(stats: StatsStore): string {
  return stats.all().map((s) => (s.type === "histogram" ? `${s.name}: count=${s.sampleCount} sum=${s.sampleSum}` : `${s.name}: ${s.value}`)).join("\n") + "\n";
}
