// Envoy body-buffer bookkeeping for one direction of a stream.
//
// Envoy ≥ 1.32: each on_*_body callback reports the size of the whole buffer the filter can see. After
// StopIterationAndBuffer the buffer keeps growing (the new chunk is appended); after Continue it is drained
// downstream/upstream and the next callback's buffer holds only the next chunk. So the absolute body offset of
// buffer byte 0 (`base`) moves only on release, and the new bytes of a callback are [seen - base, size).
//
// Redaction: Envoy's set_buffer_bytes cannot overwrite the middle of a buffer (start 0 drains `length` bytes
// and prepends; start >= size appends; anything else is BAD_ARGUMENT), so masking rewrites the whole buffer
// at release time: read it, overwrite the masked spans, set_buffer_bytes(type, 0, size, bytes).
import { get_buffer_bytes, set_buffer_bytes, BufferTypeValues, WasmResult } from "@solo-io/proxy-runtime/assembly";

/** A pending in-place overwrite of raw body bytes [start, end) with `mask` (same length). */
export class Redaction {
  constructor(public start: i64, public end: i64, public mask: Uint8Array) {}
}

export class BodyWindow {
  /** absolute body offset of the current buffer's first byte */
  base: i64 = 0;
  /** absolute body bytes already read for scanning */
  seen: i64 = 0;
  /** pending redactions, in any order; dropped once released */
  redactions: Redaction[] = [];
  /** bytes of redactions that could not be applied because their bytes had already left (stream mode) */
  missedBytes: i64 = 0;

  constructor(public bufferType: BufferTypeValues) {}

  /** The bytes of this callback not seen before (reads them from Envoy). */
  readNew(size: i32): Uint8Array {
    const from = <i32>(this.seen - this.base);
    if (from < 0 || from >= size) return new Uint8Array(0);
    const buf = get_buffer_bytes(this.bufferType, <u32>from, <u32>(size - from));
    this.seen = this.base + <i64>from + <i64>buf.byteLength;
    return Uint8Array.wrap(buf);
  }

  /** Queues a redaction; the part of it that already left the proxy is counted in `missedBytes`. */
  add(r: Redaction): void {
    if (r.start < this.base) this.missedBytes += min(r.end, this.base) - r.start;
    if (r.end > this.base) this.redactions.push(r);
  }

  /**
   * Applies the pending redactions that fall in the current buffer [base, base+size) and marks the buffer
   * released (call right before returning Continue). Returns false if Envoy refused the rewrite.
   */
  release(size: i32): bool {
    let ok = true;
    const end = this.base + <i64>size;
    let touches = false;
    for (let i = 0; i < this.redactions.length; i++) {
      const r = unchecked(this.redactions[i]);
      if (r.end > this.base && r.start < end) { touches = true; break; }
    }
    if (touches && size > 0) {
      const bytes = Uint8Array.wrap(get_buffer_bytes(this.bufferType, 0, <u32>size));
      if (bytes.length == size) {
        overwrite(bytes, this.base, this.redactions);
        ok = set_buffer_bytes(this.bufferType, 0, <u32>size, bytes.buffer) == WasmResult.Ok;
      } else ok = false;
    }
    // Keep only redactions that extend past this buffer (a value straddling the release point).
    const keep = new Array<Redaction>();
    for (let i = 0; i < this.redactions.length; i++) {
      const r = unchecked(this.redactions[i]);
      if (r.end > end) keep.push(r.start < end ? new Redaction(end, r.end, r.mask.subarray(<i32>(end - r.start))) : r);
    }
    this.redactions = keep;
    this.base = end;
    return ok;
  }

  /** Offsets not yet released can still be changed; below `base` they have left the proxy. */
  canStillRedact(start: i64): bool {
    return start >= this.base;
  }
}

/** Overwrites the parts of `redactions` that fall inside `bytes` (whose byte 0 is body offset `base`). */
export function overwrite(bytes: Uint8Array, base: i64, redactions: Redaction[]): void {
  const end = base + <i64>bytes.length;
  for (let i = 0; i < redactions.length; i++) {
    const r = unchecked(redactions[i]);
    const s = max(r.start, base);
    const e = min(r.end, end);
    for (let p = s; p < e; p++) {
      const m = <i32>(p - r.start);
      if (m < r.mask.length) bytes[<i32>(p - base)] = r.mask[m];
    }
  }
}
