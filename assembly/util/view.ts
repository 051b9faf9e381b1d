// A reusable bounded view: one Uint8Array object re-pointed at each value's bytes (pointAt).
// Hot paths (one call per scanned value) need a view bounded to the value — validators look around a match
// and must see the value's end — and `subarray` would allocate a view object per value.

/** A view object over `buf` for pointAt to re-point without allocating. */
export function reusableView(buf: Uint8Array): Uint8Array {
  return buf.subarray(0, buf.length);
}

/**
 * Points `view` (from reusableView) at `len` bytes at `ptr` without copying them. The view keeps its own
 * buffer for the GC; only `dataStart`/`byteLength` move, so indexing, `length` and `dataStart` see the bytes
 * at ptr. The caller guarantees ptr..ptr+len stays valid while the view is used, and never hands the view to
 * code that reads `.buffer`, `byteOffset` or calls `subarray` (the detectors and validators do not).
 */
export function pointAt(view: Uint8Array, ptr: usize, len: i32): void {
  store<usize>(changetype<usize>(view), ptr, offsetof<ArrayBufferView>("dataStart"));
  store<i32>(changetype<usize>(view), len < 0 ? 0 : len, offsetof<ArrayBufferView>("byteLength"));
}

/**
 * Makes `view` a whole view of `buf` (buffer, dataStart, byteLength), as Uint8Array.wrap(buf) would, without a
 * new object: unlike pointAt, the result is a full view (subarray, slice and .buffer are right).
 */
export function wrapInto(view: Uint8Array, buf: ArrayBuffer): void {
  const v = changetype<usize>(view), b = changetype<usize>(buf);
  store<usize>(v, b, offsetof<ArrayBufferView>("buffer"));
  __link(v, b, false); // the GC learns the view holds buf (a no-op for this build's runtime, needed for others)
  store<usize>(v, b, offsetof<ArrayBufferView>("dataStart"));
  store<i32>(v, buf.byteLength, offsetof<ArrayBufferView>("byteLength"));
}
