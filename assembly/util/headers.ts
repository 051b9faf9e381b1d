// A header map as proxy-wasm hands it over (proxy_get_header_map_pairs), read in place: u32 count, then
// count × (u32 key size, u32 value size), then each key and value followed by a NUL. The runtime's
// get_headers() copies every key and value into its own ArrayBuffer plus a HeaderPair per header; here a
// lookup compares bytes and only the values asked for become strings.

/** Lower-case ASCII equality of `len` bytes at `p` with `s` (already lower-case ASCII). */
@inline function eqLowerAscii(p: usize, len: i32, s: string): bool {
  if (s.length != len) return false;
  for (let k = 0; k < len; k++) {
    let b = <u32>load<u8>(p + <usize>k);
    if (b - 0x41 < 26) b |= 0x20;
    if (b != <u32>s.charCodeAt(k)) return false;
  }
  return true;
}

const EMPTY = new ArrayBuffer(0);
const KEEP_SLOTS = 256; // headers whose offsets stay allocated between requests

export class HeaderMapView {
  private buf: ArrayBuffer = EMPTY;
  count: i32 = 0;
  /** per header: key offset, key length, value offset, value length (bytes into buf), key is ASCII */
  private idx: StaticArray<i32> = new StaticArray<i32>(5 * 32);

  /** Reads a flat map (the host's bytes; a malformed one reads as the headers that fit, never traps). */
  load(buf: ArrayBuffer): void {
    this.buf = buf;
    this.count = 0;
    const size = <i64>buf.byteLength;
    if (size < 4) return;
    const p = changetype<usize>(buf);
    const n = <i64>load<u32>(p);
    if (4 + n * 8 > size) return;
    const count = <i32>n;
    if (count * 5 > this.idx.length) this.idx = new StaticArray<i32>(count * 5);
    const idx = this.idx;
    let d = 4 + n * 8;
    for (let i = 0; i < count; i++) {
      const ks = <i64>load<u32>(p + 4 + <usize>i * 8);
      const vs = <i64>load<u32>(p + 8 + <usize>i * 8);
      // as ArrayBuffer#slice would cut them: clamped to the buffer
      const k0 = min(d, size), k1 = min(d + ks, size);
      d += ks + 1;
      const v0 = min(d, size), v1 = min(d + vs, size);
      d += vs + 1;
      const o = i * 5;
      unchecked(idx[o] = <i32>k0);
      unchecked(idx[o + 1] = <i32>(k1 - k0));
      unchecked(idx[o + 2] = <i32>v0);
      unchecked(idx[o + 3] = <i32>(v1 - v0));
      let ascii = 1;
      for (let q = k0; q < k1; q++) if (load<u8>(p + <usize>q) >= 0x80) { ascii = 0; break; }
      unchecked(idx[o + 4] = ascii);
    }
    this.count = count;
  }

  /** Drops the map (its buffer can be collected; a very long map's offsets too). */
  clear(): void {
    this.buf = EMPTY;
    this.count = 0;
    if (this.idx.length > 5 * KEEP_SLOTS) this.idx = new StaticArray<i32>(5 * 32);
  }

  /** Index of the first header whose name, lower-cased, equals `name` lower-cased; -1 if none. */
  find(name: string): i32 {
    const p = changetype<usize>(this.buf);
    const idx = this.idx;
    let upper = false;
    for (let i = 0, len = name.length; i < len; i++) {
      const c = <u32>name.charCodeAt(i);
      if (c >= 0x80) return this.findSlow(name.toLowerCase());
      if (c - 0x41 < 26) upper = true;
    }
    const n = upper ? name.toLowerCase() : name;
    for (let i = 0; i < this.count; i++) {
      const o = i * 5;
      if (unchecked(idx[o + 4]) != 0) {
        if (eqLowerAscii(p + <usize>unchecked(idx[o]), unchecked(idx[o + 1]), n)) return i;
      } else if (this.name(i).toLowerCase() == n) return i; // non-ASCII name: as toLowerCase sees it
    }
    return -1;
  }

  private findSlow(lower: string): i32 {
    for (let i = 0; i < this.count; i++) if (this.name(i).toLowerCase() == lower) return i;
    return -1;
  }

  /** The name as received (UTF-8 decoded). */
  name(i: i32): string {
    const o = i * 5;
    return String.UTF8.decodeUnsafe(changetype<usize>(this.buf) + <usize>unchecked(this.idx[o]), <usize>unchecked(this.idx[o + 1]));
  }

  /** The name lower-cased (as String#toLowerCase), one allocation for an ASCII name. */
  lowerName(i: i32): string {
    const o = i * 5;
    if (unchecked(this.idx[o + 4]) == 0) return this.name(i).toLowerCase();
    const len = unchecked(this.idx[o + 1]);
    const p = changetype<usize>(this.buf) + <usize>unchecked(this.idx[o]);
    const s = changetype<string>(__new(<usize>len << 1, idof<string>()));
    const sp = changetype<usize>(s);
    for (let k = 0; k < len; k++) {
      let b = <u32>load<u8>(p + <usize>k);
      if (b - 0x41 < 26) b |= 0x20;
      store<u16>(sp + (<usize>k << 1), <u16>b);
    }
    return s;
  }

  nameLength(i: i32): i32 { return unchecked(this.idx[i * 5 + 1]); }
  nameIsAscii(i: i32): bool { return unchecked(this.idx[i * 5 + 4]) != 0; }
  /** First byte of the name (-1 if empty). */
  nameByte0(i: i32): i32 {
    const o = i * 5;
    return unchecked(this.idx[o + 1]) == 0 ? -1 : <i32>load<u8>(changetype<usize>(this.buf) + <usize>unchecked(this.idx[o]));
  }

  /** An ASCII name lower-cased equals `s` (lower-case ASCII). */
  nameEquals(i: i32, s: string): bool {
    const o = i * 5;
    return eqLowerAscii(changetype<usize>(this.buf) + <usize>unchecked(this.idx[o]), unchecked(this.idx[o + 1]), s);
  }

  /** An ASCII name lower-cased starts with `s` (lower-case ASCII). */
  nameStartsWith(i: i32, s: string): bool {
    const o = i * 5;
    const len = unchecked(this.idx[o + 1]);
    if (s.length > len) return false;
    return eqLowerAscii(changetype<usize>(this.buf) + <usize>unchecked(this.idx[o]), s.length, s);
  }

  valueLength(i: i32): i32 { return unchecked(this.idx[i * 5 + 3]); }

  /** Where the value's bytes are (valid while this map is loaded). */
  valuePtr(i: i32): usize { return changetype<usize>(this.buf) + <usize>unchecked(this.idx[i * 5 + 2]); }

  /** Are the value's bytes all ASCII? (then its string re-encodes to the same bytes, offsets agree) */
  valueIsAscii(i: i32): bool {
    const p = this.valuePtr(i), n = this.valueLength(i);
    for (let k = 0; k < n; k++) if (load<u8>(p + <usize>k) >= 0x80) return false;
    return true;
  }

  /** The value UTF-8 decoded (as String.UTF8.decode of its bytes). */
  value(i: i32): string {
    const o = i * 5;
    return String.UTF8.decodeUnsafe(changetype<usize>(this.buf) + <usize>unchecked(this.idx[o + 2]), <usize>unchecked(this.idx[o + 3]));
  }

  /** A copy of the value's bytes. */
  valueBytes(i: i32): ArrayBuffer {
    const o = i * 5;
    const off = unchecked(this.idx[o + 2]);
    return this.buf.slice(off, off + unchecked(this.idx[o + 3]));
  }

  /** The value of the first header named `name` (case-insensitive), or "" when absent. */
  get(name: string): string {
    const i = this.find(name);
    return i < 0 ? "" : this.value(i);
  }
}
