// The filter's Envoy stats (docs/metrics.md is the catalog). Proxy-wasm metrics have no labels, so labels are
// encoded in the stat name the way Istio's stats plugin does it: `key=.=value;.;` segments before the metric
// name, which Envoy's `stats_tags` regexes `(key=\.=(.*?);\.;)` lift into Prometheus labels. Every label value
// comes from the policy (route groups, detector ids, actions) or node metadata (services): never a raw path,
// IP or token, so cardinality is bounded by construction.
import { define_metric, increment_metric, record_metric, MetricTypeValues, WasmResult } from "@solo-io/proxy-runtime/assembly";

export const enum Kind { Counter = 0, Gauge = 1, Histogram = 2 }

/** Label names, in the order they appear in stat names. The single list the deploy configs are checked
 *  against (tests/node/standalone read it for Envoy stats_tags and Istio extraStatTags). */
export const LABELS: string[] = ["direction", "scanner", "detector", "category", "action", "route", "local", "peer", "reason", "limit", "result"];

/** Makes a label value safe inside the `;.;` encoding (no ';' and no '='; bounded length). */
export function labelValue(v: string): string {
  // the common case (a route, detector or service name) is already safe: no copy
  const len = v.length;
  if (len > 0 && len <= 64) {
    let safe = true;
    for (let i = 0; i < len; i++) { const c = v.charCodeAt(i); if (c == 59 || c == 61 || c < 32) { safe = false; break; } }
    if (safe) return v;
  }
  let out = "";
  const n = min(v.length, 64);
  for (let i = 0; i < n; i++) {
    const c = v.charCodeAt(i);
    out += c == 59 || c == 61 || c < 32 ? "_" : String.fromCharCode(c);
  }
  return out.length == 0 ? "unknown" : out;
}

/** Builds a stat name: labels (pairs of name, value) then the metric name. */
export function statName(metric: string, labels: string[]): string {
  let s = "";
  for (let i = 0; i + 1 < labels.length; i += 2) {
    s += labels[i] + "=.=" + labelValue(labels[i + 1]) + ";.;";
  }
  return s + metric;
}

/**
 * Metric ids by full stat name, defined on first use. The host call happens once per distinct name per VM;
 * after that an increment is one Map lookup plus one host call.
 */
export class Metrics {
  /** defined metrics by a hash of (metric, labels); entries verified label by label (no name built per use) */
  private byHash: Map<u32, MetricEntry[]> = new Map();

  private id(kind: Kind, metric: string, labels: string[]): u32 {
    let h = hashString(2166136261, metric);
    for (let i = 0; i < labels.length; i++) h = hashString(h ^ 0x9e3779b9, unchecked(labels[i]));
    let bucket: MetricEntry[];
    if (this.byHash.has(h)) {
      bucket = this.byHash.get(h);
      for (let i = 0; i < bucket.length; i++) if (unchecked(bucket[i]).same(metric, labels)) return unchecked(bucket[i]).id;
    } else {
      bucket = [];
      this.byHash.set(h, bucket);
    }
    const res = define_metric(<MetricTypeValues>kind, statName(metric, labels));
    // A failed definition must not trap the VM: remember 0 (no metric) and skip it from now on.
    const id: u32 = res.result == WasmResult.Ok ? res.metric_id : 0;
    bucket.push(new MetricEntry(metric, labels.slice(0), id));
    return id;
  }

  /** As count/observe for a metric with fixed labels: its id is looked up once, then kept in `f`. */
  countFixed(f: FixedMetric, by: i64 = 1): void {
    if (by <= 0) return;
    const id = this.fixedId(f);
    if (id != 0) increment_metric(id, by);
  }

  observeFixed(f: FixedMetric, value: u64): void {
    const id = this.fixedId(f);
    if (id != 0) record_metric(id, value);
  }

  private fixedId(f: FixedMetric): u32 {
    if (f.owner !== this) { f.id = this.id(f.kind, f.metric, f.labels); f.owner = this; }
    return f.id;
  }

  count(metric: string, labels: string[], by: i64 = 1): void {
    if (by <= 0) return; // Envoy rejects non-positive counter increments
    const id = this.id(Kind.Counter, metric, labels);
    if (id != 0) increment_metric(id, by);
  }

  gauge(metric: string, labels: string[], value: u64): void {
    const id = this.id(Kind.Gauge, metric, labels);
    if (id != 0) record_metric(id, value);
  }

  observe(metric: string, labels: string[], value: u64): void {
    const id = this.id(Kind.Histogram, metric, labels);
    if (id != 0) record_metric(id, value);
  }

}

/** A metric and label values that never change (module constants); see Metrics#countFixed. */
export class FixedMetric {
  owner: Metrics | null = null;
  id: u32 = 0;
  constructor(public kind: Kind, public metric: string, public labels: string[]) {}
}

class MetricEntry {
  constructor(public metric: string, public labels: string[], public id: u32) {}
  same(metric: string, labels: string[]): bool {
    if (metric != this.metric || labels.length != this.labels.length) return false;
    for (let i = 0; i < labels.length; i++) if (unchecked(labels[i]) != unchecked(this.labels[i])) return false;
    return true;
  }
}

function hashString(h: u32, s: string): u32 {
  for (let i = 0, n = s.length; i < n; i++) h = (h ^ <u32>s.charCodeAt(i)) * 16777619;
  return h;
}

// Metric names (Prometheus names once Envoy strips `wasmcustom.` and extracts the labels).
export const REQUESTS = "microwaf_requests_total";                 // direction
export const STREAMS_INSPECTED = "microwaf_streams_inspected_total"; // direction, scanner, route
export const BYTES_INSPECTED = "microwaf_bytes_inspected_total";     // direction
export const FINDINGS = "microwaf_findings_total";                   // detector, category, action, direction, route, local, peer
export const REDACTIONS = "microwaf_values_redacted_total";          // category, direction, route
export const BLOCKS = "microwaf_blocked_total";                      // direction, reason, route
export const BUDGET_TRIPS = "microwaf_budget_trips_total";           // limit, route
export const UNINSPECTED = "microwaf_bodies_uninspected_total";      // direction, reason
export const MALFORMED = "microwaf_bodies_malformed_total";          // direction
export const SCAN_TIME_US = "microwaf_scan_time_us";                 // direction (histogram)
export const POLICY_LOADS = "microwaf_policy_loads_total";           // result
