// Sensitive-data budgets ("a token may read at most 50 SSNs a minute"), shared by every worker VM through
// proxy-wasm shared data with compare-and-swap. A budget is a sliding window of 16 buckets: the count is
// the sum of the buckets that fall inside the window, so it follows the window to within 1/16 of it, in a
// fixed 72-byte value per (limit, subject) — bounded whatever the traffic.
import { get_shared_data, set_shared_data, WasmResult } from "@solo-io/proxy-runtime/assembly";

export const BUCKETS = 16;
const VALUE_BYTES = 8 + BUCKETS * 4;
const CAS_RETRIES = 8;

/** Decoded budget value: the slot index of bucket 0 and the per-bucket counts. */
class Window {
  base: i64 = 0;
  counts: StaticArray<u32> = new StaticArray<u32>(BUCKETS);

  static read(buf: ArrayBuffer): Window {
    const w = new Window();
    if (buf.byteLength != VALUE_BYTES) return w; // absent or foreign value: start empty
    const p = changetype<usize>(buf);
    w.base = load<i64>(p);
    for (let i = 0; i < BUCKETS; i++) unchecked(w.counts[i] = load<u32>(p + 8 + <usize>i * 4));
    return w;
  }

  write(): ArrayBuffer {
    const buf = new ArrayBuffer(VALUE_BYTES);
    const p = changetype<usize>(buf);
    store<i64>(p, this.base);
    for (let i = 0; i < BUCKETS; i++) store<u32>(p + 8 + <usize>i * 4, unchecked(this.counts[i]));
    return buf;
  }

  /** Moves the window so that `slot` is its newest bucket, dropping buckets that fell out. */
  advance(slot: i64): void {
    const newest = this.base + BUCKETS - 1;
    if (slot <= newest) return;
    const shift = slot - newest;
    if (shift >= BUCKETS) {
      for (let i = 0; i < BUCKETS; i++) unchecked(this.counts[i] = 0);
    } else {
      const s = <i32>shift;
      for (let i = 0; i < BUCKETS; i++) unchecked(this.counts[i] = i + s < BUCKETS ? unchecked(this.counts[i + s]) : 0);
    }
    this.base = slot - (BUCKETS - 1);
  }

  total(): u64 {
    let t: u64 = 0;
    for (let i = 0; i < BUCKETS; i++) t += unchecked(this.counts[i]);
    return t;
  }
}

export class BudgetResult {
  /** the budget is exceeded by this message */
  over: bool = false;
  /** count in the window before this message */
  before: u64 = 0;
  /** shared data could not be updated (contention or host error): the message was not counted */
  failed: bool = false;
}

/**
 * Checks `n` new values against a budget of `limit` per `windowMs` for `key`, and records them unless they
 * put it over budget and `countOver` is false (a blocked message did not leak, so it does not spend budget).
 */
export function spend(key: string, n: u32, limit: u64, windowMs: i64, nowMs: i64, countOver: bool): BudgetResult {
  const out = new BudgetResult();
  const bucketMs = max<i64>(1, windowMs / BUCKETS);
  const slot = nowMs / bucketMs;
  for (let attempt = 0; attempt < CAS_RETRIES; attempt++) {
    const got = get_shared_data(key);
    const w = got.result == WasmResult.Ok ? Window.read(got.value) : new Window();
    if (w.base == 0 && w.total() == 0) w.base = slot - (BUCKETS - 1);
    w.advance(slot);
    out.before = w.total();
    out.over = out.before + <u64>n > limit;
    if (out.over && !countOver) return out;
    const idx = <i32>(slot - w.base);
    if (idx >= 0 && idx < BUCKETS) unchecked(w.counts[idx] = unchecked(w.counts[idx]) + n);
    // cas 0 means "no value yet": Envoy then sets unconditionally, which is right for a new key.
    const res = set_shared_data(key, w.write(), got.result == WasmResult.Ok ? got.cas : 0);
    if (res == WasmResult.Ok) return out;
    if (res != WasmResult.CasMismatch) break;
  }
  out.failed = true;
  return out;
}
