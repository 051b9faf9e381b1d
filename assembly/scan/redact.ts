// In-place, same-length masking of a value's raw span, so the body keeps its framing:
//  - JSON strings: every raw byte of the span (escapes included, as spans cover whole escapes) → '*';
//    the string stays a valid JSON string of the same byte length.
//  - JSON numbers: digits → '0', except the first digit of a multi-digit integer part → '1' (no leading
//    zero); signs, '.', 'e' kept: the number stays a valid JSON number.
//  - protobuf varints → the same-length encoding of 0 (0x80 … 0x80 0x00); fixed32/64 → zero bytes;
//    protobuf strings → '*': field and gRPC frame lengths are unchanged.
//  - text, form, query, header values → '*' (a %XX escape becomes '***').
// Values with `inflated` cannot be masked in the raw body (it is compressed): enforcement blocks instead.
import { ScannedValue, ValueKind, MapMode } from "./value";

/** Overwrite raw body bytes [start, end) (relative to the buffer at `body`) with `ch`. */
export function maskBytes(body: usize, start: i32, end: i32, ch: u8 = 0x2a): void {
  for (let i = start; i < end; i++) store<u8>(body + <usize>i, ch);
}

/** Mask digits of a JSON number token [tokStart, tokEnd) inside [start, end). */
export function maskJsonNumber(body: usize, tokStart: i32, tokEnd: i32, start: i32, end: i32): void {
  // a token that began before the buffer: its first digit is not ours to mask
  let intStart = tokStart < 0 ? -1 : tokStart;
  if (tokStart < 0) tokStart = start;
  if (intStart >= 0 && intStart < tokEnd && load<u8>(body + <usize>intStart) == 0x2d) intStart++;
  let intEnd = intStart < 0 ? -1 : intStart;
  while (intStart >= 0 && intEnd < tokEnd && <u32>load<u8>(body + <usize>intEnd) - 0x30 < 10) intEnd++;
  for (let i = max(start, tokStart); i < min(end, tokEnd); i++) {
    const c = <u32>load<u8>(body + <usize>i);
    if (c - 0x30 >= 10) continue;
    store<u8>(body + <usize>i, i == intStart && intEnd - intStart > 1 ? 0x31 : 0x30);
  }
}

/** Mask an encoded protobuf number [start, end) keeping its length: varint-shaped → zero varint. */
export function maskProtoNumber(body: usize, start: i32, end: i32): void {
  let varint = end > start;
  for (let i = start; i < end; i++) {
    const hi = load<u8>(body + <usize>i) >= 0x80;
    if (hi != (i < end - 1)) { varint = false; break; }
  }
  for (let i = start; i < end; i++) store<u8>(body + <usize>i, varint && i < end - 1 ? 0x80 : 0);
}

/**
 * Masks decoded bytes [dStart, dEnd) of `v` in the raw body held at `body` whose first byte has raw offset
 * `bodyBase` (the whole body in hold mode, or the chunk being passed). Returns false (nothing written) if
 * the value is inflated or its span is not inside [bodyBase, bodyBase+bodyLen).
 */
export function maskValue(body: usize, bodyBase: i64, bodyLen: i32, v: ScannedValue, dStart: i32, dEnd: i32): bool {
  if (v.inflated) return false;
  const s = v.rawSpanStart(dStart) - bodyBase;
  const e = v.rawSpanEnd(dEnd) - bodyBase;
  if (s < 0 || e > <i64>bodyLen || s > e) return false;
  if (v.kind == ValueKind.Number) {
    if (v.mapMode == MapMode.Whole) maskProtoNumber(body, <i32>s, <i32>e);
    else maskJsonNumber(body, <i32>max(<i64>-1, v.rawStart - bodyBase), <i32>min(<i64>bodyLen, v.rawEnd - bodyBase), <i32>s, <i32>e);
    return true;
  }
  // widen to whole UTF-8 characters (within the value) so the result stays valid UTF-8
  let a = <i32>s, b = <i32>e;
  const vs = <i32>max(<i64>0, v.rawStart - bodyBase), ve = <i32>min(<i64>bodyLen, v.rawEnd - bodyBase);
  while (a > vs && (load<u8>(body + <usize>a) & 0xc0) == 0x80) a--;
  while (b < ve && (load<u8>(body + <usize>b) & 0xc0) == 0x80) b++;
  maskBytes(body, a, b);
  return true;
}
