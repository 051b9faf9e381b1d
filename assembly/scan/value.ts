// What every scanner hands to the detection layer: one decoded value (or one segment of it) with its kind,
// a lazily built key path, and a map from decoded offsets back to raw body offsets for in-place redaction.
// The object is reused by its scanner: it (and the bytes at `ptr`) are valid only during onValue().

export const enum ValueKind {
  Key = 0, // an object key / form parameter name / multipart part name
  String = 1, // a JSON string, protobuf string field, decoded text field
  Number = 2, // a JSON number (raw text) or a protobuf integer (decimal text)
  Text = 3, // plain text body (or the fallback after malformed input)
  Header = 4, // a header value (or one cookie)
  Query = 5, // a URL query parameter value
  FormField = 6, // an x-www-form-urlencoded value or a multipart part body
}

export const enum MapMode {
  Identity = 0, // raw = rawStart + decoded offset
  Runs = 1, // escapes were decoded: piecewise map in `map` (see ScannedValue.map)
  Whole = 2, // every decoded byte maps to the whole span [rawStart, rawEnd) (protobuf numbers, inflated data)
}

/** Scanner-side source of the lazily materialised key path (only built when a finding needs it). */
export abstract class PathSource {
  /** `$.a.b[3].c`, `1.3.2`, `user.ssn`, a form/query parameter name, or "" for plain text. */
  abstract pathString(): string;
  /** The nearest enclosing key name (`c` for `$.a.b[3].c`, `cards` for `$.cards[2]`), "" if none. */
  abstract keyString(): string;
  /** The nearest key name's bytes without allocating: sets keyPtr/keyLen and returns true, or false when
   *  this source cannot (callers then use keyString()). Valid during onValue only. */
  loadKey(): bool { return false; }
  keyPtr: usize = 0;
  keyLen: i32 = 0;
  /** util/hash nameHash of the key's bytes when loadKey() knows it, else 0 */
  keyHash: i32 = 0;
}

export class EmptyPath extends PathSource {
  pathString(): string { return ""; }
  keyString(): string { return ""; }
}

export class FixedPath extends PathSource {
  path: string = "";
  key: string = "";
  pathString(): string { return this.path; }
  keyString(): string { return this.key; }
}

export class ScannedValue {
  kind: ValueKind = ValueKind.Text;
  /** decoded bytes [ptr, ptr+len): valid only during onValue */
  ptr: usize = 0;
  len: i32 = 0;
  /** earlier segments of this value were delivered before (long values, text streams) */
  continued: bool = false;
  /** more segments of this value follow */
  more: bool = false;
  /** decoded offset of byte 0 within the whole value (sum of earlier segments' lengths) */
  decodedBase: i64 = 0;
  /** raw body offset of the first decoded byte's source, and just past this segment's last source byte */
  rawStart: i64 = 0;
  rawEnd: i64 = 0;
  mapMode: MapMode = MapMode.Identity;
  /** Runs: `mapLen` entries of (decoded start d, r) pairs, in decoded order. r >= 0: an identity run
   *  (decoded d + k ← raw rawStart + r + k); r < 0: one escape unit whose decoded bytes all come from the
   *  raw unit starting at rawStart + ~r. Entries cost one per escape, so unescaped text costs nothing. */
  map: Int32Array | null = null;
  mapLen: i32 = 0;
  /** the value came from inflated (decompressed) content: offsets are into the inflated stream, which
   *  cannot be redacted in place (enforcement must block or pass instead) */
  inflated: bool = false;
  /** document index (NDJSON / concatenated JSON) or gRPC message index, from 0 */
  doc: i32 = 0;
  paths: PathSource = new EmptyPath();
  /** The nearest key's bytes and nameHash, set by a scanner that has them at hand when it delivers the value
   *  (the JSON scanner, for values directly in an object); keyReady false: ask paths.loadKey(). */
  keyReady: bool = false;
  keyPtr: usize = 0;
  keyLen: i32 = 0;
  keyHash: i32 = 0;

  /** Key path, built now (allocates): call only when a finding needs it. */
  path(): string { return this.paths.pathString(); }
  /** Nearest key name, built now (allocates). */
  key(): string { return this.paths.keyString(); }

  /** Raw offset where the source of decoded byte `d` starts (d == len gives rawEnd). */
  rawAt(d: i32): i64 {
    if (d >= this.len) return this.rawEnd;
    if (d < 0) d = 0;
    const mode = this.mapMode;
    if (mode == MapMode.Identity) return this.rawStart + <i64>d;
    if (mode == MapMode.Whole) return this.rawStart;
    const k = this.entryOf(d);
    if (k < 0) return this.rawStart + <i64>d;
    const m = changetype<Int32Array>(this.map);
    const r = unchecked(m[2 * k + 1]);
    return r >= 0 ? this.rawStart + <i64>(r + d - unchecked(m[2 * k])) : this.rawStart + <i64>(~r);
  }

  /** index of the map entry covering decoded byte d, -1 if none */
  private entryOf(d: i32): i32 {
    const m = this.map;
    if (m === null) return -1;
    let lo = 0, hi = min(this.mapLen, m.length >> 1) - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (unchecked(m[2 * mid]) <= d) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  }

  /** Raw span [rawSpanStart(s), rawSpanEnd(e)) covering decoded bytes [s, e), widened to whole escapes. */
  rawSpanStart(s: i32): i64 { return this.rawAt(s); }

  rawSpanEnd(e: i32): i64 {
    if (e >= this.len) return this.rawEnd;
    if (e <= 0) return this.rawAt(0);
    const mode = this.mapMode;
    if (mode == MapMode.Identity) return this.rawStart + <i64>e;
    if (mode == MapMode.Whole) return this.rawEnd;
    const k = this.entryOf(e - 1);
    if (k < 0) return this.rawStart + <i64>e;
    const m = changetype<Int32Array>(this.map);
    const r = unchecked(m[2 * k + 1]);
    if (r >= 0) return this.rawStart + <i64>(r + e - unchecked(m[2 * k]));
    // an escape: its raw span ends where the next entry starts (or at the segment end)
    if (k + 1 < this.mapLen && 2 * k + 3 < m.length) {
      const rn = unchecked(m[2 * k + 3]);
      return this.rawStart + <i64>(rn >= 0 ? rn : ~rn);
    }
    return this.rawEnd;
  }

  /** Copy of the decoded bytes (tests, evidence). */
  bytes(): Uint8Array {
    const out = new Uint8Array(this.len);
    memory.copy(out.dataStart, this.ptr, <usize>this.len);
    return out;
  }

  /** Decoded bytes as a string (tests, evidence). */
  text(): string {
    return String.UTF8.decodeUnsafe(this.ptr, <usize>this.len, false);
  }
}

/** Receives decoded values. Implemented by the detection layer (and by tests). */
export abstract class ValueSink {
  abstract onValue(v: ScannedValue): void;
  /** false: the sink ignores Key values, and a scanner may skip delivering the common ones (it still keeps
   *  them for key paths). Response-side detection reads values only. */
  wantsKeys: bool = true;
}

/** Outcome flags, ORed into `Scanner.flags`; the filter counts them. */
export namespace ScanFlag {
  export const MALFORMED: i32 = 1; // input did not follow the format: rest scanned as text
  export const DEPTH_EXCEEDED: i32 = 2; // nesting deeper than the limit: rest scanned as text
  export const TRUNCATED: i32 = 4; // body ended inside a value/container/frame
  export const INFLATE_ERROR: i32 = 8; // corrupt compressed data (rest not inspected)
  export const INFLATE_TOO_LARGE: i32 = 16; // inflated output over the size cap (rest not inspected)
  export const INFLATE_RATIO: i32 = 32; // compression ratio over the cap: bomb (rest not inspected)
  export const UNSUPPORTED_ENCODING: i32 = 64; // content-encoding we cannot read (br, zstd, …): not inspected
  export const OVERSIZE_MESSAGE: i32 = 128; // gRPC message over the size limit (still scanned, streaming)
  export const KEY_TRUNCATED: i32 = 256; // a key longer than the path slot: path shows its prefix
}

export class ScanOptions {
  /** max decoded bytes per delivered segment; longer values arrive in segments (continued/more) */
  maxValueBytes: i32 = 65536;
  /** max JSON / protobuf nesting */
  maxDepth: i32 = 64;
  /** key bytes kept per path level */
  maxKeyBytes: i32 = 128;
  /** inflate caps */
  maxInflatedBytes: i64 = 16 << 20;
  maxInflateRatio: i32 = 100;
  /** gRPC message size over which OVERSIZE_MESSAGE is flagged */
  maxGrpcMessageBytes: i64 = 4 << 20;
  /** multipart part header block cap */
  maxPartHeaderBytes: i32 = 8192;
}

/** The common shape of every scanner. rawBase: body offset of the chunk's first byte. */
export abstract class Scanner {
  flags: i32 = 0;
  abstract push(ptr: usize, len: i32, rawBase: i64): void;
  abstract finish(): void;
  /** Raw body offset where a value still being decoded starts (its bytes may yet need redaction), or -1.
   *  Enforcement in stream mode holds the body while such a value is open. */
  openValueStart(): i64 { return -1; }
  pushBytes(chunk: Uint8Array, rawBase: i64): void {
    this.push(chunk.dataStart, chunk.length, rawBase);
  }
}

/**
 * Accumulates one decoded value (bounded by maxValueBytes) with its decoded→raw map, switching from the
 * identity map to a per-byte map only when the decoding stops being 1:1 (an escape), and delivers it in
 * segments whose boundaries depend on decoded length only, never on how the body was chunked.
 */
/** Bytes before the end of what was scanned that a redaction may still need (the engine's longest match, 4096,
 *  plus what validators read past a match): a value's bytes still open are held back this far when the body
 *  is released chunk by chunk (Scanner.openValueStart). */
export const MATCH_TAIL: i64 = 4096 + 32;

export class ValueBuffer {
  buf!: Uint8Array;
  map!: Int32Array; // (d, r) pairs, see ScannedValue.map
  mapLen: i32 = 0;
  blen: i32 = 0;
  cap: i32;
  mapped: bool = false;
  segRaw: i64 = -1; // raw offset of the first unit of the current segment, -1 = none yet
  valueRaw: i64 = -1; // raw offset of the value's first unit, -1 = none yet
  continuedNext: bool = false;
  decoded: i64 = 0; // decoded bytes delivered in earlier segments of this value
  kind: ValueKind = ValueKind.String;

  constructor(public sink: ValueSink, public value: ScannedValue, cap: i32) {
    this.cap = max(cap, 8);
    this.buf = new Uint8Array(min(this.cap, 256));
    this.map = new Int32Array(32);
  }

  /** Start a new value of `kind`. */
  begin(kind: ValueKind): void {
    this.kind = kind;
    this.blen = 0;
    this.mapped = false;
    this.mapLen = 0;
    this.segRaw = -1;
    this.valueRaw = -1;
    this.continuedNext = false;
    this.decoded = 0;
  }

  /**
   * Raw offset from which the open value's bytes may still be needed (-1: nothing of a value yet), given the
   * raw end of what was scanned: the segment not yet delivered to the detectors, and MATCH_TAIL bytes before
   * it within the value — a match may straddle a segment boundary (segments follow decoded length, not
   * chunks), and the detectors see its end only with the next segment.
   */
  openStart(rawEnd: i64): i64 {
    if (this.valueRaw < 0) return -1;
    const t = (this.segRaw >= 0 ? this.segRaw : rawEnd) - MATCH_TAIL;
    return t > this.valueRaw ? t : this.valueRaw;
  }

  get empty(): bool { return this.blen == 0 && !this.continuedNext; }

  private grow(need: i32): void {
    if (need <= this.buf.length) return;
    let n = this.buf.length << 1;
    while (n < need) n <<= 1;
    if (n > this.cap) n = this.cap;
    const nb = new Uint8Array(n);
    memory.copy(nb.dataStart, this.buf.dataStart, <usize>this.blen);
    this.buf = nb;
  }

  /** Add a map entry (at most one per decoded byte, so bounded by 2 * cap ints). */
  private entry(d: i32, r: i32): void {
    const need = (this.mapLen + 1) << 1;
    if (need > this.map.length) {
      let n = max(this.map.length << 1, 32);
      while (n < need) n <<= 1;
      const nm = new Int32Array(n);
      memory.copy(nm.dataStart, this.map.dataStart, <usize>this.mapLen << 3);
      this.map = nm;
    }
    const m = this.map;
    unchecked(m[this.mapLen << 1] = d);
    unchecked(m[(this.mapLen << 1) + 1] = r);
    this.mapLen++;
  }

  /** Identity bytes [blen, blen+n) from raw rel: extends the last identity run when contiguous. */
  private identityRun(rel: i32): void {
    if (this.mapLen > 0) {
      const m = this.map;
      const k = (this.mapLen - 1) << 1;
      const r = unchecked(m[k + 1]);
      if (r >= 0 && r + this.blen - unchecked(m[k]) == rel) return;
    }
    this.entry(this.blen, rel);
  }

  private toMapped(): void {
    this.mapLen = 0;
    if (this.blen > 0) this.entry(0, 0);
    this.mapped = true;
  }

  /** Append `n` source bytes copied 1:1 (raw offset of the first is rawAbs). */
  appendRun(ptr: usize, n: i32, rawAbs: i64): void {
    while (n > 0) {
      if (this.blen >= this.cap) this.flush(true, rawAbs);
      if (this.segRaw < 0) { this.segRaw = rawAbs; if (this.valueRaw < 0) this.valueRaw = rawAbs; }
      const take = min(n, this.cap - this.blen);
      if (!this.mapped && rawAbs != this.segRaw + <i64>this.blen) this.toMapped();
      this.grow(this.blen + take);
      memory.copy(this.buf.dataStart + <usize>this.blen, ptr, <usize>take);
      if (this.mapped) this.identityRun(<i32>(rawAbs - this.segRaw));
      this.blen += take;
      ptr += <usize>take;
      rawAbs += <i64>take;
      n -= take;
    }
  }

  /** Append one decoded unit of `count` (1..4) bytes packed little-end-first in `bytes`, whose source
   *  spans `rawLen` raw bytes from rawAbs. */
  appendUnit(bytes: u32, count: i32, rawAbs: i64, rawLen: i32): void {
    if (this.blen + count > this.cap) this.flush(true, rawAbs);
    if (this.segRaw < 0) { this.segRaw = rawAbs; if (this.valueRaw < 0) this.valueRaw = rawAbs; }
    if (!this.mapped && (rawLen != count || rawAbs != this.segRaw + <i64>this.blen)) this.toMapped();
    this.grow(this.blen + count);
    if (this.mapped) {
      const rel = <i32>(rawAbs - this.segRaw);
      if (rawLen == count) this.identityRun(rel); else this.entry(this.blen, ~rel);
    }
    for (let k = 0; k < count; k++) {
      unchecked(this.buf[this.blen] = <u8>(bytes >> (<u32>k << 3)));
      this.blen++;
    }
  }

  /** Deliver the buffered segment. rawEnd: raw offset just past its last source byte. */
  flush(more: bool, rawEnd: i64): void {
    const v = this.value;
    v.kind = this.kind;
    v.ptr = this.buf.dataStart;
    v.len = this.blen;
    v.continued = this.continuedNext;
    v.more = more;
    v.decodedBase = this.decoded;
    v.rawStart = this.segRaw < 0 ? rawEnd : this.segRaw;
    v.rawEnd = rawEnd;
    v.mapMode = this.mapped ? MapMode.Runs : MapMode.Identity;
    const m: Int32Array | null = this.mapped ? this.map : null;
    if (v.map !== m) v.map = m;
    v.mapLen = this.mapped ? this.mapLen : 0;
    this.sink.onValue(v);
    this.decoded += <i64>this.blen;
    this.blen = 0;
    this.mapped = false;
    this.mapLen = 0;
    this.segRaw = -1;
    this.continuedNext = more;
  }
}

/** Deliver bytes that need no decoding straight from the chunk (zero copy, identity map). */
// @ts-ignore: decorator
@inline export function deliverDirect(sink: ValueSink, v: ScannedValue, kind: ValueKind, ptr: usize, len: i32,
  rawStart: i64, continued: bool, more: bool, decodedBase: i64): void {
  v.kind = kind;
  v.ptr = ptr;
  v.len = len;
  v.continued = continued;
  v.more = more;
  v.decodedBase = decodedBase;
  v.rawStart = rawStart;
  v.rawEnd = rawStart + <i64>len;
  v.mapMode = MapMode.Identity;
  if (v.map !== null) v.map = null; // skip the GC write barrier in the common case
  sink.onValue(v);
}
