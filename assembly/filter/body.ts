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
import * as imports from "@solo-io/proxy-runtime/assembly/imports";
import { maskJsonNumber, maskProtoNumber } from "../scan/redact";
import { RedactStyle } from "../policy/model";
import { MaskKind } from "./inspect";
import { wrapInto } from "../util/view";

/** readNew's view (see there); holds the last chunk read until the next one */
let chunkView: Uint8Array | null = null;

/**
 * A pending same-length rewrite of raw body bytes [start, end). The mask is computed when the bytes are
 * released, from the bytes themselves: JSON numbers stay numbers, protobuf varints stay varints, text keeps
 * whole UTF-8 characters (see scan/redact.ts), and `keep_last` / `fixed` styles apply to text.
 */
export class Redaction {
  start: i64;
  end: i64;
  /** whole token span (JSON numbers need the integer part's first digit) */
  tokStart: i64;
  tokEnd: i64;
  kind: MaskKind;
  style: RedactStyle = RedactStyle.Mask;
  keep: i32 = 0;
  text: Uint8Array = new Uint8Array(0);
  char: u8 = 0x2a;
  constructor(start: i64, end: i64, kind: MaskKind = MaskKind.Text, tokStart: i64 = -1, tokEnd: i64 = -1) {
    this.start = start; this.end = end; this.kind = kind;
    this.tokStart = tokStart < 0 ? start : tokStart;
    this.tokEnd = tokEnd < 0 ? end : tokEnd;
  }
}

/** Shared by every window without pending redactions (most): never appended to, see add. */
const NO_REDACTIONS: Redaction[] = [];

export class BodyWindow {
  /** absolute body offset of the current buffer's first byte */
  base: i64 = 0;
  /** absolute body bytes already read for scanning */
  seen: i64 = 0;
  /** pending redactions, in any order; dropped once released (NO_REDACTIONS while there are none) */
  redactions: Redaction[] = NO_REDACTIONS;
  /** bytes of redactions that could not be applied because their bytes had already left (stream mode) */
  missedBytes: i64 = 0;
  /** the bytes of a still-open value taken out of the last released buffer; put back in front of the next */
  carry: Uint8Array | null = null;
  // What this callback knows of the buffer without reading it again: the carry put back in front (putBack)
  // and the new bytes read right after it (fresh), when together they are the whole buffer. Lets
  // releaseKeeping hand Envoy its own bytes back instead of copying the buffer out a second time.
  private putBack: Uint8Array | null = null;
  private fresh: Uint8Array | null = null;

  constructor(public bufferType: BufferTypeValues) {}

  /** The bytes of this callback not seen before (reads them from Envoy). */
  readNew(size: i32): Uint8Array {
    const from = <i32>(this.seen - this.base);
    if (from < 0 || from >= size) return new Uint8Array(0);
    const buf = get_buffer_bytes(this.bufferType, <u32>from, <u32>(size - from));
    this.seen = this.base + <i64>from + <i64>buf.byteLength;
    // one view object per VM, re-aimed at each callback's bytes: a chunk is done with when its callback returns
    // (`fresh` is dropped at the next one), and callbacks do not overlap
    let bytes = chunkView;
    if (bytes === null) { bytes = Uint8Array.wrap(buf); chunkView = bytes; }
    else wrapInto(bytes, buf);
    const pb = this.putBack;
    if (from == (pb === null ? 0 : pb.length) && from + buf.byteLength == size) this.fresh = bytes;
    return bytes;
  }

  /** Queues a redaction; the part of it that already left the proxy is counted in `missedBytes`. */
  add(r: Redaction): void {
    if (r.start < this.base) this.missedBytes += min(r.end, this.base) - r.start;
    if (r.end <= this.base) return;
    if (this.redactions === NO_REDACTIONS) this.redactions = [r];
    else this.redactions.push(r);
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
    this.redactions = pastOf(this.redactions, end);
    this.base = end;
    return ok;
  }

  /**
   * Puts carried bytes back in front of this callback's buffer (set_buffer_bytes with start 0 and length 0
   * prepends) and returns the buffer's size now. The carried bytes start at `base`, as before.
   */
  restoreCarry(size: i32): i32 {
    const c = this.carry;
    this.putBack = c; // a new callback: forget the last one's bytes
    this.fresh = null;
    if (c === null) return size;
    this.carry = null;
    if (set_buffer_bytes(this.bufferType, 0, 0, c.buffer) != WasmResult.Ok) {
      this.missedBytes += c.length; // cannot happen with Envoy; counted rather than silently lost
      this.base += <i64>c.length;
      return size;
    }
    return size + c.length;
  }

  /**
   * Releases the buffer up to body offset `keepFrom` (redactions applied) and keeps the rest — the start of a
   * value still being decoded — to put back in front of the next buffer: its bytes cannot leave before the
   * value is complete and judged. The body's total length is unchanged, so Content-Length stays right.
   */
  releaseKeeping(size: i32, keepFrom: i64): bool {
    const prefix = <i32>(keepFrom - this.base);
    if (prefix <= 0 || prefix >= size) return this.release(size);
    if (this.releaseKnown(size, keepFrom, prefix)) return true;
    const bytes = Uint8Array.wrap(get_buffer_bytes(this.bufferType, 0, <u32>size));
    if (bytes.length != size) return this.release(size);
    overwrite(bytes, this.base, this.redactions);
    this.carry = bytes.slice(prefix);
    const ok = set_buffer_bytes(this.bufferType, 0, <u32>size, bytes.slice(0, prefix).buffer) == WasmResult.Ok;
    if (!ok) { this.carry = null; return this.release(size); }
    this.redactions = pastOf(this.redactions, keepFrom); // applied again (same mask) when the carried bytes are released
    this.base = keepFrom;
    return true;
  }

  /**
   * releaseKeeping without reading the buffer again, when this callback already holds all of it (the carry
   * put back + the new bytes) and no redaction falls in the released part: the buffer becomes the fresh
   * bytes before the cut, then the put-back carry is prepended again (two set_buffer_bytes, no copies here).
   * Redactions in the part kept are applied when it is released. False: nothing done, take the general path.
   */
  private releaseKnown(size: i32, keepFrom: i64, prefix: i32): bool {
    const fr = this.fresh, pb = this.putBack;
    const pbLen = pb === null ? 0 : pb.length;
    if (fr === null || pbLen + fr.length != size || prefix <= pbLen) return false;
    for (let i = 0; i < this.redactions.length; i++) {
      const r = unchecked(this.redactions[i]);
      if (r.end > this.base && r.start < keepFrom) return false;
    }
    const cut = prefix - pbLen;
    if (imports.proxy_set_buffer_bytes(this.bufferType, 0, <u32>size, fr.dataStart, <usize>cut) != WasmResult.Ok) return false;
    if (pbLen > 0 && imports.proxy_set_buffer_bytes(this.bufferType, 0, 0, changetype<Uint8Array>(pb).dataStart, <usize>pbLen) != WasmResult.Ok) {
      this.missedBytes += pbLen; // cannot happen with Envoy (a body buffer prepends): counted, not silently lost
    }
    this.carry = fr.slice(cut);
    this.putBack = null;
    this.fresh = null;
    this.base = keepFrom;
    return true;
  }
}

/** The redactions that end past body offset `at` (NO_REDACTIONS if none: no array made). */
function pastOf(redactions: Redaction[], at: i64): Redaction[] {
  let keep = NO_REDACTIONS;
  for (let i = 0; i < redactions.length; i++) {
    const r = unchecked(redactions[i]);
    if (r.end <= at) continue;
    if (keep === NO_REDACTIONS) keep = [r];
    else keep.push(r);
  }
  return keep;
}

/** Applies the parts of `redactions` that fall inside `bytes` (whose byte 0 is body offset `base`). */
export function overwrite(bytes: Uint8Array, base: i64, redactions: Redaction[]): void {
  const end = base + <i64>bytes.length;
  const p = bytes.dataStart;
  for (let i = 0; i < redactions.length; i++) {
    const r = unchecked(redactions[i]);
    const s = max(r.start, base);
    const e = min(r.end, end);
    if (s >= e) continue;
    const a = <i32>(s - base), b = <i32>(e - base);
    if (r.kind == MaskKind.JsonNumber) {
      maskJsonNumber(p, <i32>max(<i64>-1, r.tokStart - base), <i32>min(end, r.tokEnd) - <i32>base, a, b);
    } else if (r.kind == MaskKind.ProtoNumber) {
      maskProtoNumber(p, a, b);
    } else if (r.kind == MaskKind.Text) {
      maskText(bytes, base, r, a, b);
    }
  }
}

/** Text masks: widened to whole UTF-8 characters inside the token; keep_last leaves the value's last
 *  `keep` bytes; fixed writes `text` from the value's start, then the mask character. */
function maskText(bytes: Uint8Array, base: i64, r: Redaction, a: i32, b: i32): void {
  const ts = <i32>max(<i64>0, r.tokStart - base), te = <i32>min(<i64>bytes.length, r.tokEnd - base);
  while (a > ts && (bytes[a] & 0xc0) == 0x80) a--;
  while (b < te && b < bytes.length && (bytes[b] & 0xc0) == 0x80) b++;
  let stop = b;
  if (r.style == RedactStyle.KeepLast) {
    const keepFrom = r.end - <i64>r.keep - base;
    if (keepFrom < <i64>stop) stop = <i32>max(<i64>a, keepFrom);
    while (stop > a && stop < bytes.length && (bytes[stop] & 0xc0) == 0x80) stop--;
  }
  for (let i = a; i < stop; i++) {
    const m = <i64>i + base - r.start; // position inside the value
    bytes[i] = r.style == RedactStyle.Fixed && m >= 0 && m < <i64>r.text.length ? r.text[<i32>m] : r.char;
  }
}
