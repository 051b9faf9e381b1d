// Envoy's stats for wasm custom metrics. Names are stored as `wasmcustom.<name>` (Envoy
// source/extensions/common/wasm/context.cc defineMetric, custom_stat_namespace). Metric ids are per VM
// and carry the type in their low 2 bits (Envoy wasm.h: next_*_metric_id_ start at the type value and
// grow by kMetricIdIncrement = 4), so the first counter is 4, gauge 5, histogram 6.
export type StatType = "counter" | "gauge" | "histogram";

/** Envoy's default histogram bucket bounds (source/common/stats/histogram_impl.h, supportedBuckets). */
export const DEFAULT_BUCKETS = [0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000];

export class Stat {
  value = 0n; // counters/gauges: u64 semantics as in Envoy
  /** Histograms: cumulative counts per DEFAULT_BUCKETS bound, sample count and sum. */
  bucketCounts = new Array<number>(DEFAULT_BUCKETS.length).fill(0);
  sampleCount = 0;
  sampleSum = 0;
  /** The last samples recorded (bounded), for tests. */
  samples: number[] = [];
  constructor(public readonly name: string, public readonly type: StatType) {}
  record(v: number): void {
    this.sampleCount++;
    this.sampleSum += v;
    if (this.samples.length >= 1000) this.samples.shift();
    this.samples.push(v);
    for (let i = 0; i < DEFAULT_BUCKETS.length; i++) if (v <= DEFAULT_BUCKETS[i]) this.bucketCounts[i]++;
  }
}

const U64 = (1n << 64n) - 1n;

export class StatsStore {
  readonly stats = new Map<string, Stat>();
  /** Finds or creates the stat; a name reused with another type gets its own entry (Envoy keeps separate maps). */
  get(fullName: string, type: StatType): Stat {
    const key = `${type}:${fullName}`;
    let s = this.stats.get(key);
    if (!s) { s = new Stat(fullName, type); this.stats.set(key, s); }
    return s;
  }
  /** Looks a custom metric up by the name the filter gave it (without `wasmcustom.`). */
  find(name: string, type?: StatType): Stat | undefined {
    for (const t of type ? [type] : (["counter", "gauge", "histogram"] as StatType[])) {
      const s = this.stats.get(`${t}:wasmcustom.${name}`) ?? this.stats.get(`${t}:${name}`);
      if (s) return s;
    }
    return undefined;
  }
  all(): Stat[] { return [...this.stats.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)); }
  static add(s: Stat, delta: bigint): void { s.value = (s.value + delta) & U64; }
  static sub(s: Stat, delta: bigint): void { s.value = (s.value - delta) & U64; }
}
