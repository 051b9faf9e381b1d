// A reusable bounded view: one Uint8Array object over a scratch buffer whose length is set per use.
// Hot paths (one call per scanned value) need a view bounded to the value — validators look around a match
// and must see the value's end — and `subarray` would allocate a view object per value.

/** A view over `buf` that `setLength` can re-bound without allocating. */
export function reusableView(buf: Uint8Array): Uint8Array {
  return buf.subarray(0, buf.length);
}

/** Re-bounds `view` (from reusableView) to its first `len` bytes; `len` is clamped to the buffer. */
export function setLength(view: Uint8Array, len: i32, capacity: i32): void {
  if (len < 0) len = 0;
  if (len > capacity) len = capacity;
  store<i32>(changetype<usize>(view), len, offsetof<ArrayBufferView>("byteLength"));
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
