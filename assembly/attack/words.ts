// Byte reads here use load<u8>(dataStart + i), not unchecked(s[i]): under the incremental GC the latter was a call
// to Uint8Array#__uget with a shadow-stack frame, once per byte (the filter now builds with the minimal runtime).
// A fixed word table for the tokenizers: lower-case words → small type codes, looked up by hashing the
// bytes in place (no string is built per token). Built once at first use; open addressing, verified by bytes.

export class WordTable {
  // The words' bytes back to back in one buffer (word k is bytes[offs[k], offs[k + 1])), not one string each:
  // the tables hold thousands of words, and every garbage collection visits each live object.
  private bytes: Uint8Array = new Uint8Array(256);
  private used: i32 = 0;
  private offs: i32[] = [0];
  codes: i32[] = [];
  slots: Int32Array;
  mask: i32;

  constructor(bits: i32) {
    this.slots = new Int32Array(1 << bits).fill(-1);
    this.mask = (1 << bits) - 1;
  }

  /** How many words (distinct) the table holds. */
  get count(): i32 { return this.codes.length; }
  /** Word k's length in bytes. */
  wordLength(k: i32): i32 { return unchecked(this.offs[k + 1]) - unchecked(this.offs[k]); }
  /** Word k's first byte (the word is not empty). */
  firstByte(k: i32): i32 { return <i32>load<u8>(this.bytes.dataStart + <usize>unchecked(this.offs[k])); }
  /** Word k as a string (built on demand: for set-up code that inspects the table). */
  word(k: i32): string {
    const o = unchecked(this.offs[k]);
    return String.UTF8.decodeUnsafe(this.bytes.dataStart + <usize>o, <usize>(unchecked(this.offs[k + 1]) - o));
  }

  @inline static hash(src: Uint8Array, start: i32, end: i32): u32 {
    let h: u32 = 2166136261;
    const p = src.dataStart;
    for (let i = start; i < end; i++) { h ^= <u32>load<u8>(p + <usize>i); h *= 16777619; }
    return h;
  }

  /** Is word k the bytes src[start, end)? */
  @inline private isWord(k: i32, src: Uint8Array, start: i32, end: i32): bool {
    const o = unchecked(this.offs[k]);
    const n = end - start;
    if (unchecked(this.offs[k + 1]) - o != n) return false;
    return memory.compare(this.bytes.dataStart + <usize>o, src.dataStart + <usize>start, <usize>n) == 0;
  }

  add(word: string, code: i32): void {
    const bytes = Uint8Array.wrap(String.UTF8.encode(word));
    let slot = <i32>(WordTable.hash(bytes, 0, bytes.length) & <u32>this.mask);
    for (let probes = 0; probes <= this.mask; probes++) {
      const cur = this.slots[slot];
      if (cur < 0) {
        this.slots[slot] = this.codes.length;
        this.append(bytes);
        this.codes.push(code);
        return;
      }
      if (this.isWord(cur, bytes, 0, bytes.length)) { this.codes[cur] = code; return; }
      slot = (slot + 1) & this.mask;
    }
  }

  private append(w: Uint8Array): void {
    const need = this.used + w.length;
    if (need > this.bytes.length) {
      let cap = this.bytes.length * 2;
      while (cap < need) cap *= 2;
      const b = new Uint8Array(cap);
      memory.copy(b.dataStart, this.bytes.dataStart, <usize>this.used);
      this.bytes = b;
    }
    memory.copy(this.bytes.dataStart + <usize>this.used, w.dataStart, <usize>w.length);
    this.used = need;
    this.offs.push(need);
  }

  addAll(list: string, code: i32): void {
    const parts = list.split(" ");
    for (let i = 0; i < parts.length; i++) if (parts[i].length > 0) this.add(parts[i], code);
  }

  /** Code of the word in src[start,end) (already lower-case ASCII), or -1. Index of the word in `lastIndex`. */
  lookup(src: Uint8Array, start: i32, end: i32): i32 {
    const n = end - start;
    if (n <= 0 || n > 40 || end > src.length || start < 0) return -1;
    const mask = this.mask;
    const slots = this.slots.dataStart;
    let slot = <i32>(WordTable.hash(src, start, end) & <u32>mask);
    for (let probes = 0; probes <= mask; probes++) {
      const cur = load<i32>(slots + (<usize>slot << 2));
      if (cur < 0) return -1;
      if (this.isWord(cur, src, start, end)) { this.lastIndex = cur; return load<i32>(this.codes.dataStart + (<usize>cur << 2)); }
      slot = (slot + 1) & mask;
    }
    return -1;
  }
  lastIndex: i32 = -1;
}

/** First index of ASCII `needle` (lower-case) in lower-case `hay[start,end)`, or -1. Linear in practice (short needles). */
export function containsAt(hay: Uint8Array, start: i32, end: i32, needle: string): i32 {
  const n = needle.length;
  if (n == 0) return start;
  if (end > hay.length) end = hay.length;
  const p = hay.dataStart, q = changetype<usize>(needle);
  const first = <i32>load<u16>(q);
  for (let i = start; i + n <= end; i++) {
    if (<i32>load<u8>(p + <usize>i) != first) continue;
    let ok = true;
    for (let j = 1; j < n; j++) {
      if (<i32>load<u8>(p + <usize>(i + j)) != <i32>load<u16>(q + (<usize>j << 1))) { ok = false; break; }
    }
    if (ok) return i;
  }
  return -1;
}

/** Does `hay` at position i start with `needle` (lower-case ASCII)? */
export function startsWithAt(hay: Uint8Array, i: i32, end: i32, needle: string): bool {
  const n = needle.length;
  if (i < 0 || i + n > end || end > hay.length) return false;
  return bytesAre(hay, i, i + n, needle);
}

@inline export function isAlpha(c: i32): bool { const l = c | 0x20; return l >= 0x61 && l <= 0x7a; }
@inline export function isDigit(c: i32): bool { return c >= 0x30 && c <= 0x39; }
@inline export function isWordByte(c: i32): bool { return isAlpha(c) || isDigit(c) || c == 0x5f || c >= 0x80; }
@inline export function isSpace(c: i32): bool { return c == 0x20 || c == 0x09 || c == 0x0a || c == 0x0d || c == 0x0b || c == 0x0c; }

/** The lower of two paranoia levels, where 0 means "did not fire". */
@inline export function minLevel(a: i32, b: i32): i32 { return a == 0 ? b : (b < a ? b : a); }
/** s[i] if i is in [0,end), else -1 (bounded look-around without branches at each call site). */
@inline export function at(s: Uint8Array, i: i32, end: i32): i32 { return i >= 0 && i < end ? <i32>load<u8>(s.dataStart + <usize>i) : -1; }
/** A path separator ('/' or '\\'). */
@inline export function isSep(c: i32): bool { return c == 0x2f || c == 0x5c; }
export function hasSpace(s: Uint8Array, a: i32, b: i32): bool {
  for (let i = a; i < b; i++) if (isSpace(<i32>unchecked(s[i]))) return true;
  return false;
}

// Byte reads as plain loads: `unchecked(s[i])` compiles to a call of Uint8Array#__uget with a shadow-stack
// frame (binaryen does not inline it), which dominated the per-value cost of the short-value detectors.
/** s[i] without a bounds check (the caller proves i in range, as with unchecked()). */
@inline export function byteAt(s: Uint8Array, i: i32): i32 { return <i32>load<u8>(s.dataStart + <usize>i); }
/** Is s[i,j) the ASCII string `w`? (Compares the string's UTF-16 units in place, no charCodeAt call.) */
export function bytesAre(s: Uint8Array, i: i32, j: i32, w: string): bool {
  const n = w.length;
  if (j - i != n) return false;
  const p = s.dataStart + <usize>i, q = changetype<usize>(w);
  for (let k = 0; k < n; k++) if (<i32>load<u8>(p + <usize>k) != <i32>load<u16>(q + (<usize>k << 1))) return false;
  return true;
}

// Byte classes present in a value, found in one pass so that detectors can skip sub-checks whose trigger
// bytes are absent (a necessary condition, never a verdict).
export const BC_B64: u32 = 1;        // A-Z a-z 0-9 + / (base64 alphabet)
export const BC_SEP: u32 = 2;        // ; ` | & ! newline: shell separators
export const BC_LPAREN: u32 = 4;
export const BC_RPAREN: u32 = 8;
export const BC_DOLLAR: u32 = 16;
export const BC_SLASH: u32 = 32;
export const BC_LBRACK: u32 = 64;
export const BC_LBRACE: u32 = 128;
export const BC_TILDE: u32 = 256;
export const BC_EQ: u32 = 512;
export const BC_UNDERSCORE: u32 = 1024;
export const BC_SPACE: u32 = 2048;   // any isSpace byte
export const BC_PERCENT: u32 = 4096;
export const BC_DASH: u32 = 8192;
export const BC_NL: u32 = 16384;
export const BC_DIGIT: u32 = 32768;
export const BC_HIGH: u32 = 65536;   // >= 0x80
export const BC_QZ: u32 = 131072;    // q or z (rare letters the serialization markers carry)
export const BC_CODEP: u32 = 262144; // . : < ] } " ' (with ( ) = _ $ [ {: the bytes code syntax is read at)
export const BC_B64RUN10: u32 = 1 << 30; // a run of >= 10 base64 bytes
export const BC_ALL: u32 = 0xffffffff;

const byteClassTable = new StaticArray<u32>(256);
let byteClassReady = false;
function byteClassInit(): void {
  for (let c = 0; c < 256; c++) {
    let m: u32 = 0;
    if (isAlpha(c) || isDigit(c) || c == 0x2b || c == 0x2f) m |= BC_B64;
    if (c == 0x3b || c == 0x60 || c == 0x7c || c == 0x26 || c == 0x21 || c == 0x0a) m |= BC_SEP;
    if (c == 0x28) m |= BC_LPAREN;
    if (c == 0x29) m |= BC_RPAREN;
    if (c == 0x24) m |= BC_DOLLAR;
    if (c == 0x2f) m |= BC_SLASH;
    if (c == 0x5b) m |= BC_LBRACK;
    if (c == 0x7b) m |= BC_LBRACE;
    if (c == 0x7e) m |= BC_TILDE;
    if (c == 0x3d) m |= BC_EQ;
    if (c == 0x5f) m |= BC_UNDERSCORE;
    if (isSpace(c)) m |= BC_SPACE;
    if (c == 0x25) m |= BC_PERCENT;
    if (c == 0x2d) m |= BC_DASH;
    if (c == 0x0a) m |= BC_NL;
    if (isDigit(c)) m |= BC_DIGIT;
    if (c >= 0x80) m |= BC_HIGH;
    if (c == 0x71 || c == 0x7a) m |= BC_QZ;
    if (c == 0x2e || c == 0x3a || c == 0x3c || c == 0x5d || c == 0x7d || c == 0x22 || c == 0x27) m |= BC_CODEP;
    unchecked(byteClassTable[c] = m);
  }
  byteClassReady = true;
}

/** BC_* bits of the bytes in s[start,end); BC_ALL when the range is not inside s (callers then skip nothing). */
export function byteClasses(s: Uint8Array, start: i32, end: i32): u32 {
  if (!byteClassReady) byteClassInit();
  if (start < 0 || end > s.length) return BC_ALL;
  let m: u32 = 0;
  let run = 0;
  for (let i = start; i < end; i++) {
    const k = unchecked(byteClassTable[<i32>unchecked(s[i])]);
    m |= k;
    run = (k & BC_B64) != 0 ? run + 1 : 0;
    if (run >= 10) m |= BC_B64RUN10;
  }
  return m;
}

/**
 * Which bytes occur in a range (one pass): bit c of `lo` for c < 64, bit c - 64 of `hi` for 64 <= c < 128, `high` for
 * any byte >= 0x80. Detectors skip the sub-scans whose trigger bytes are absent (most values hold none).
 */
export class ByteSet {
  lo: u64 = 0;
  hi: u64 = 0;
  high: bool = false;
  scan(s: Uint8Array, a: i32, b: i32): ByteSet {
    if (b > s.length) b = s.length;
    if (a < 0) a = 0;
    let lo: u64 = 0, hi: u64 = 0, hb: u32 = 0;
    for (let i = a; i < b; i++) {
      const c = <u32>unchecked(s[i]);
      const m = (<u64>1) << <u64>(c & 63);
      lo |= select<u64>(m, 0, c < 64);
      hi |= select<u64>(m, 0, (c >> 6) == 1);
      hb |= c >> 7;
    }
    this.lo = lo; this.hi = hi; this.high = hb != 0;
    return this;
  }
  @inline has(c: i32): bool {
    if (c < 64) return ((this.lo >> <u64>c) & 1) != 0;
    if (c < 128) return ((this.hi >> <u64>(c - 64)) & 1) != 0;
    return this.high;
  }
  /** Any of the bytes given as masks (bit c of lo for c < 64, bit c - 64 of hi for the rest of ASCII)? */
  @inline any(lo: u64, hi: u64): bool { return (this.lo & lo) != 0 || (this.hi & hi) != 0; }
}
/** Whitespace as isSpace sees it, as a ByteSet `lo` mask. */
export const SPACE_LO: u64 = (<u64>1 << 0x20) | (<u64>1 << 0x09) | (<u64>1 << 0x0a) | (<u64>1 << 0x0d) | (<u64>1 << 0x0b) | (<u64>1 << 0x0c);
/** Bit for byte c in a ByteSet `lo` (c < 64) or `hi` (64 <= c < 128) mask. */
@inline export function bitLo(c: i32): u64 { return c < 64 ? (<u64>1) << <u64>c : 0; }
@inline export function bitHi(c: i32): u64 { return c >= 64 && c < 128 ? (<u64>1) << <u64>(c - 64) : 0; }

/** Bit n of result[c]: some word of t has length n (< 64) and first byte c (ASCII). Lets a caller answer a lookup
 *  with -1 before hashing (build once, after the table is filled). */
export function firstLenMasks(t: WordTable): StaticArray<u64> {
  const m = new StaticArray<u64>(128);
  for (let k = 0; k < t.count; k++) {
    const n = t.wordLength(k);
    const c = n > 0 ? t.firstByte(k) : 128;
    if (n < 64 && c < 128) m[c] |= (<u64>1) << <u64>n;
  }
  return m;
}
/** t.lookup(s, a, b) with masks = firstLenMasks(t): -1 without hashing when no word has that first byte and length. */
@inline export function lookupFiltered(t: WordTable, masks: StaticArray<u64>, s: Uint8Array, a: i32, b: i32): i32 {
  const n = b - a;
  if (n <= 0 || n > 40 || a < 0 || b > s.length) return -1;
  const c = <i32>unchecked(s[a]);
  if (c >= 128 || ((unchecked(masks[c]) >> <u64>n) & 1) == 0) return -1;
  return t.lookup(s, a, b);
}

/** Index of the first byte equal to a or b in s[i,end), or end. Eight bytes per step where none matches. */
export function firstOf2(s: Uint8Array, i: i32, end: i32, a: i32, b: i32): i32 {
  if (i < 0) i = 0;
  const lim = end < s.length ? end : s.length;
  const ma = <u64>(a & 0xff) * 0x0101010101010101, mb = <u64>(b & 0xff) * 0x0101010101010101;
  const base = s.dataStart;
  while (i + 8 <= lim) {
    const x = load<u64>(base + <usize>i);
    const xa = x ^ ma, xb = x ^ mb;
    // (a zero byte in x ^ ma is a byte equal to a)
    if ((((xa - 0x0101010101010101) & ~xa) | ((xb - 0x0101010101010101) & ~xb)) & 0x8080808080808080) break;
    i += 8;
  }
  while (i < end) { const c = <i32>unchecked(s[i]); if (c == a || c == b) return i; i++; }
  return end;
}
/** firstOf2, looking at the next eight bytes one by one first (cheaper when matches are close together). */
export function nextOf2(s: Uint8Array, i: i32, end: i32, a: i32, b: i32): i32 {
  if (i < 0) i = 0;
  const lim = i + 8 < end ? i + 8 : end;
  while (i < lim) { const c = <i32>unchecked(s[i]); if (c == a || c == b) return i; i++; }
  return i < end ? firstOf2(s, i, end, a, b) : (i > end ? i : end);
}
