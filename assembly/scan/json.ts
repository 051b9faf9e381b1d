// Streaming JSON scanner: a byte-at-a-time resumable tokenizer (any chunk split, 1-byte chunks included)
// that delivers keys, strings and numbers with their key paths. Unescaped string content is a tight scan
// delivered straight from the chunk when the string lies in one chunk (zero copy, identity map); escapes
// switch that one value to a per-byte decoded→raw map. The path is kept as a frame stack of fixed-size key
// slots and array indexes and turned into a string only when asked (a finding needs it).
// Depth over the limit or malformed input: flag it and deliver the rest of the body as text.
import {
  ScannedValue, ValueSink, ValueKind, Scanner, ScanOptions, ScanFlag, ValueBuffer, PathSource, deliverDirect,
} from "./value";
import { TextStream } from "./text";
import { nameHash } from "../util/hash";

const enum S {
  Top = 0, // between top-level documents (NDJSON / concatenated)
  Value = 1, // expecting a value
  ValueOrEnd = 2, // after '['
  KeyOrEnd = 3, // after '{'
  Key = 4, // after ',' in an object
  Colon = 5, // after a key
  After = 6, // after a value inside a container
  Str = 7,
  Esc = 8, // after '\'
  Uni = 9, // in \uXXXX
  LowBs = 10, // after a high surrogate escape: expecting '\'
  LowU = 11, // expecting 'u' of the low surrogate
  Num = 12,
  Lit = 13,
  Text = 14, // fallback: rest of the body is text
}

const LITS = "truefalsenull";

/** Path frames allocated up front (JSON APIs rarely nest deeper); more are added up to maxDepth. */
const INITIAL_FRAMES: i32 = 8;

// @ts-ignore: decorator
@inline function isWs(c: u32): bool { return c == 0x20 || c == 0x0a || c == 0x0d || c == 0x09; }

// @ts-ignore: decorator
@inline function hexVal(c: u32): i32 {
  if (c - 0x30 < 10) return <i32>(c - 0x30);
  const l = c | 0x20;
  if (l - 0x61 < 6) return <i32>(l - 0x61 + 10);
  return -1;
}

// number grammar states; -1 = not part of the number
// @ts-ignore: decorator
@inline function numStep(ns: i32, c: u32): i32 {
  const digit = c - 0x30 < 10;
  switch (ns) {
    case 0: if (c == 0x2d) return 1; if (c == 0x30) return 2; return digit ? 3 : -1;
    case 1: if (c == 0x30) return 2; return digit ? 3 : -1;
    case 2: if (c == 0x2e) return 4; return (c | 0x20) == 0x65 ? 6 : -1;
    case 3: if (digit) return 3; if (c == 0x2e) return 4; return (c | 0x20) == 0x65 ? 6 : -1;
    case 4: return digit ? 5 : -1;
    case 5: if (digit) return 5; return (c | 0x20) == 0x65 ? 6 : -1;
    case 6: if (c == 0x2b || c == 0x2d) return 7; return digit ? 8 : -1;
    case 7: return digit ? 8 : -1;
    case 8: return digit ? 8 : -1;
  }
  return -1;
}

// @ts-ignore: decorator
@inline function numTerminal(ns: i32): bool { return ns == 2 || ns == 3 || ns == 5 || ns == 8; }

function utf8Pack(cp: u32, out: StaticArray<i32>): void {
  // out[0] = packed bytes (first byte lowest), out[1] = count
  if (cp < 0x80) { out[0] = <i32>cp; out[1] = 1; }
  else if (cp < 0x800) { out[0] = <i32>((0xc0 | (cp >> 6)) | ((0x80 | (cp & 0x3f)) << 8)); out[1] = 2; }
  else if (cp < 0x10000) {
    out[0] = <i32>((0xe0 | (cp >> 12)) | ((0x80 | ((cp >> 6) & 0x3f)) << 8) | ((0x80 | (cp & 0x3f)) << 16));
    out[1] = 3;
  } else {
    out[0] = <i32>((0xf0 | (cp >> 18)) | ((0x80 | ((cp >> 12) & 0x3f)) << 8) | ((0x80 | ((cp >> 6) & 0x3f)) << 16)
      | ((0x80 | (cp & 0x3f)) << 24));
    out[1] = 4;
  }
}

/** Is the key identifier-like (written `.name` in a path)? */
function plainKey(ptr: usize, len: i32): bool {
  let plain = len > 0;
  for (let k = 0; k < len && plain; k++) {
    const c = <u32>load<u8>(ptr + <usize>k);
    const alpha = ((c | 0x20) - 0x61 < 26) || c == 0x5f || c == 0x24;
    plain = alpha || (k > 0 && (c - 0x30 < 10 || c == 0x2d));
  }
  return plain;
}

/** A path being built (JsonPath.pathString): bytes, reused. */
class ByteList {
  private buf: Uint8Array = new Uint8Array(256);
  length: i32 = 0;
  get dataStart(): usize { return this.buf.dataStart; }
  @inline push(c: u8): void {
    if (this.length == this.buf.length) {
      const nb = new Uint8Array(this.buf.length << 1);
      memory.copy(nb.dataStart, this.buf.dataStart, <usize>this.length);
      this.buf = nb;
    }
    unchecked(this.buf[this.length++] = c);
  }
  /** reverses bytes [from, length) */
  reverse(from: i32): void {
    for (let i = from, j = this.length - 1; i < j; i++, j--) {
      const t = unchecked(this.buf[i]); unchecked(this.buf[i] = unchecked(this.buf[j])); unchecked(this.buf[j] = t);
    }
  }
}
const PATH_BYTES = new ByteList();

function appendUtf8(b: ByteList, str: string): void {
  const enc = String.UTF8.encode(str);
  const p = changetype<usize>(enc);
  for (let k = 0; k < enc.byteLength; k++) b.push(load<u8>(p + <usize>k));
}

/** Formats one key as a path step: `.name` for identifier-like keys, else `["…"]` with JSON escaping. */
export function pathStep(ptr: usize, len: i32): string {
  const plain = plainKey(ptr, len);
  const s = String.UTF8.decodeUnsafe(ptr, <usize>len, false);
  if (plain) return "." + s;
  let out = "[\"";
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c == 0x22) out += "\\\"";
    else if (c == 0x5c) out += "\\\\";
    else if (c < 0x20) out += "\\u00" + (c < 0x10 ? "0" : "") + c.toString(16);
    else out += String.fromCharCode(c);
  }
  return out + "\"]";
}

class JsonPath extends PathSource {
  constructor(public s: JsonScanner) { super(); }

  /** Built as UTF-8 in a scratch buffer and decoded once: one string per path, not one per step (a finding's
   *  path is built for each finding, hundreds in a large body). */
  pathString(): string {
    const s = this.s;
    const b = PATH_BYTES;
    b.length = 0;
    if (s.prefix.length > 0) appendUtf8(b, s.prefix);
    b.push(0x24); // $
    for (let f = 0; f < s.depth; f++) {
      if (unchecked(s.kinds[f]) == 0) {
        const ptr = s.keyBuf.dataStart + <usize>(f * s.keySlot), len = unchecked(s.keyLens[f]);
        if (plainKey(ptr, len)) {
          b.push(0x2e); // .
          for (let k = 0; k < len; k++) b.push(load<u8>(ptr + <usize>k));
        } else appendUtf8(b, pathStep(ptr, len)); // ["…"] with escapes: rare
      } else {
        b.push(0x5b); // [
        let n = <u32>unchecked(s.idx[f]);
        const at = b.length;
        do { b.push(<u8>(0x30 + n % 10)); n /= 10; } while (n != 0);
        b.reverse(at); // digits were pushed lowest first
        b.push(0x5d); // ]
      }
    }
    return String.UTF8.decodeUnsafe(b.dataStart, <usize>b.length, false);
  }

  loadKey(): bool {
    const s = this.s;
    for (let f = s.depth - 1; f >= 0; f--) {
      if (unchecked(s.kinds[f]) == 0) {
        this.keyPtr = s.keyBuf.dataStart + <usize>(f * s.keySlot);
        this.keyLen = unchecked(s.keyLens[f]);
        this.keyHash = unchecked(s.keyHashes[f]);
        return true;
      }
    }
    return false; // a prefix key (multipart part name) or none: use keyString()
  }

  keyString(): string {
    const s = this.s;
    for (let f = s.depth - 1; f >= 0; f--) {
      if (unchecked(s.kinds[f]) == 0) {
        return String.UTF8.decodeUnsafe(s.keyBuf.dataStart + <usize>(f * s.keySlot), <usize>unchecked(s.keyLens[f]), false);
      }
    }
    return s.prefixKey;
  }
}

/** Forwards segments to the real sink, recording a key's first bytes in the path slot before delivery. */
class KeyCapture extends ValueSink {
  constructor(public s: JsonScanner) { super(); }
  onValue(v: ScannedValue): void {
    const s = this.s;
    if (v.kind == ValueKind.Key && !v.continued) s.storeKey(v.ptr, v.len);
    s.markKey();
    s.sink.onValue(v);
  }
}

export class JsonScanner extends Scanner {
  state: i32 = S.Top;
  depth: i32 = 0;
  maxDepth: i32;
  kinds!: Uint8Array; // 0 object, 1 array
  idx!: Int32Array;
  keyLens!: Int32Array;
  /** nameHash of each frame's key, made while the key is stored (the detectors' per-name lookups use it) */
  keyHashes!: Int32Array;
  keyBuf!: Uint8Array;
  keySlot: i32;
  /** prepended to every path (multipart part names); prefixKey is the key outside the document */
  prefix: string = "";
  prefixKey: string = "";

  value: ScannedValue = new ScannedValue();
  vb!: ValueBuffer;
  text!: TextStream;
  cap: i32;
  capture!: KeyCapture;

  private strIsKey: bool = false;
  private escRaw: i64 = 0;
  private hiRaw: i64 = 0;
  private hi: i32 = -1;
  private uniVal: i32 = 0;
  private uniCount: i32 = 0;
  private ns: i32 = 0;
  private litPos: i32 = 0;
  private litEnd: i32 = 0;
  private doc: i32 = -1;
  private rawEnd: i64 = 0;
  private utf: StaticArray<i32> = new StaticArray<i32>(2);

  /** the options it was made with; `poolable`: handed out by scan/body.ts's pool, to go back to it */
  options: ScanOptions;
  poolable: bool = false;

  constructor(public sink: ValueSink, opts: ScanOptions = new ScanOptions()) {
    super();
    this.options = opts;
    this.maxDepth = max(opts.maxDepth, 1);
    this.keySlot = max(opts.maxKeyBytes, 1);
    this.cap = opts.maxValueBytes;
    // frames for the usual nesting; grown up to maxDepth on demand (a scanner is made per body: at the full
    // depth the key slots alone were 8 KiB to allocate and free per stream)
    const frames = min(this.maxDepth, INITIAL_FRAMES);
    this.kinds = new Uint8Array(frames);
    this.idx = new Int32Array(frames);
    this.keyLens = new Int32Array(frames);
    this.keyHashes = new Int32Array(frames);
    this.keyBuf = new Uint8Array(frames * this.keySlot);
    this.value.paths = new JsonPath(this);
    this.capture = new KeyCapture(this);
    this.vb = new ValueBuffer(this.capture, this.value, opts.maxValueBytes);
    this.text = new TextStream(sink);
  }

  private growFrames(): void {
    const n = min(this.maxDepth, this.kinds.length * 2);
    const kinds = new Uint8Array(n), idx = new Int32Array(n), keyLens = new Int32Array(n), keyBuf = new Uint8Array(n * this.keySlot);
    const keyHashes = new Int32Array(n);
    kinds.set(this.kinds);
    idx.set(this.idx);
    keyLens.set(this.keyLens);
    keyHashes.set(this.keyHashes);
    keyBuf.set(this.keyBuf);
    this.kinds = kinds;
    this.idx = idx;
    this.keyLens = keyLens;
    this.keyHashes = keyHashes;
    this.keyBuf = keyBuf;
  }

  /** Ready for a new body (reuses the buffers). */
  reset(): void {
    this.state = S.Top;
    this.depth = 0;
    this.hi = -1;
    this.doc = -1;
    this.flags = 0;
    this.rawEnd = 0;
    this.strIsKey = false;
    this.vb.begin(ValueKind.String);
    this.value.doc = 0;
    this.text.reset();
  }

  /** Ready for a new body delivered to `sink` (a scanner kept for reuse: see scan/body.ts). */
  rebind(sink: ValueSink): void {
    this.sink = sink;
    this.text.sink = sink;
    this.reset();
  }

  get textMode(): bool { return this.state == S.Text; }

  storeKey(ptr: usize, len: i32): void {
    const f = this.depth - 1;
    if (f < 0) return;
    let n = len;
    if (n > this.keySlot) { n = this.keySlot; this.flags |= ScanFlag.KEY_TRUNCATED; }
    const dst = this.keyBuf.dataStart + <usize>(f * this.keySlot);
    if (n <= 16) { // most keys: word copies (memory.copy is a call into the engine, costly for a few bytes)
      let k = 0;
      for (; k + 4 <= n; k += 4) store<u32>(dst + <usize>k, load<u32>(ptr + <usize>k));
      for (; k < n; k++) store<u8>(dst + <usize>k, load<u8>(ptr + <usize>k));
    } else memory.copy(dst, ptr, <usize>n);
    unchecked(this.keyHashes[f] = nameHash(dst, n));
    unchecked(this.keyLens[f] = n);
  }

  /** Hands the value about to be delivered its key (the innermost frame's, when that frame is an object). */
  @inline markKey(): void {
    const v = this.value;
    const f = this.depth - 1;
    if (f >= 0 && unchecked(this.kinds[f]) == 0) {
      v.keyReady = true;
      v.keyPtr = this.keyBuf.dataStart + <usize>(f * this.keySlot);
      v.keyLen = unchecked(this.keyLens[f]);
      v.keyHash = unchecked(this.keyHashes[f]);
    } else v.keyReady = false; // in an array (or at the top): JsonPath.loadKey looks further down
  }

  private fail(flag: i32, ptr: usize, i: i32, len: i32, rawBase: i64): void {
    this.flags |= flag;
    const st = this.state;
    // a value in progress is delivered as far as it was decoded
    if (st >= S.Str && st <= S.Num && !this.vb.empty) this.vb.flush(false, rawBase + <i64>i);
    this.state = S.Text;
    this.text.push(ptr + <usize>i, len - i, rawBase + <i64>i);
  }

  private afterValue(): void { this.state = this.depth == 0 ? S.Top : S.After; }

  openValueStart(): i64 {
    const st = this.state;
    if (st == S.Text) return this.text.openStart(); // after malformed input: the rest is a text stream
    return st >= S.Str && st <= S.Num ? this.vb.openStart(this.rawEnd) : -1;
  }

  private emitCp(cp: u32, rawAbs: i64, rawLen: i32): void {
    utf8Pack(cp, this.utf);
    this.vb.appendUnit(<u32>unchecked(this.utf[0]), unchecked(this.utf[1]), rawAbs, rawLen);
  }

  push(ptr: usize, len: i32, rawBase: i64): void {
    if (len <= 0) return;
    this.rawEnd = rawBase + <i64>len;
    let i = 0;
    while (i < len) {
      const st = this.state;
      if (st == S.Str) {
        // hot loop: unescaped string content, 8 bytes at a time while none of them is '"', '\\' or a control
        // byte (SWAR: each test below is exact for "some byte is"), then straight to the stop byte: the lowest
        // flagged byte of a word is exact (a borrow only flags bytes above a true hit), so its index is ctz / 8
        let j = i;
        let c: u32 = 0;
        while (j + 8 <= len) {
          const x = load<u64>(ptr + <usize>j);
          const q = x ^ 0x2222222222222222;
          const b = x ^ 0x5c5c5c5c5c5c5c5c;
          const t = (((q - 0x0101010101010101) & ~q) | ((b - 0x0101010101010101) & ~b) | ((x - 0x2020202020202020) & ~x)) & 0x8080808080808080;
          if (t != 0) { j += <i32>(ctz(t) >> 3); break; }
          j += 8;
        }
        while (j < len) {
          c = <u32>load<u8>(ptr + <usize>j);
          if (c == 0x22 || c == 0x5c || c < 0x20) break;
          j++;
        }
        if (j == len) {
          this.vb.appendRun(ptr + <usize>i, j - i, rawBase + <i64>i);
          return;
        }
        if (c == 0x22) {
          const kind = this.strIsKey ? ValueKind.Key : ValueKind.String;
          if (this.vb.empty && j - i <= this.cap) {
            if (this.strIsKey) this.storeKey(ptr + <usize>i, j - i);
            if (!this.strIsKey || this.sink.wantsKeys) {
              this.markKey();
              deliverDirect(this.sink, this.value, kind, ptr + <usize>i, j - i, rawBase + <i64>i, false, false, 0);
            }
          } else {
            if (j > i) this.vb.appendRun(ptr + <usize>i, j - i, rawBase + <i64>i);
            this.vb.flush(false, rawBase + <i64>j);
          }
          i = j + 1;
          if (this.strIsKey) {
            // common case `"key":"value"` / `"key":123`: go straight to the value
            if (i + 1 < len && load<u8>(ptr + <usize>i) == 0x3a) {
              i++;
              const d = <u32>load<u8>(ptr + <usize>i);
              if (d == 0x22) {
                this.strIsKey = false;
                this.vb.begin(ValueKind.String);
                i++;
                continue; // still S.Str
              }
              this.state = S.Value;
            } else this.state = S.Colon;
          } else if (this.depth > 0) {
            // common case `"value",` in an object: straight to the next key
            if (i + 1 < len && load<u8>(ptr + <usize>i) == 0x2c && load<u8>(ptr + <usize>(i + 1)) == 0x22
              && unchecked(this.kinds[this.depth - 1]) == 0) {
              this.strIsKey = true;
              this.vb.begin(ValueKind.Key);
              i += 2;
              continue; // still S.Str
            }
            this.state = S.After;
          } else this.state = S.Top;
        } else if (c == 0x5c) {
          if (j > i) this.vb.appendRun(ptr + <usize>i, j - i, rawBase + <i64>i);
          this.escRaw = rawBase + <i64>j;
          this.state = S.Esc;
          i = j + 1;
        } else {
          if (j > i) this.vb.appendRun(ptr + <usize>i, j - i, rawBase + <i64>i);
          this.fail(ScanFlag.MALFORMED, ptr, j, len, rawBase);
          return;
        }
        continue;
      }
      if (st == S.Text) {
        this.text.push(ptr + <usize>i, len - i, rawBase + <i64>i);
        return;
      }
      const c = <u32>load<u8>(ptr + <usize>i);
      switch (st) {
        case S.Top: {
          if (isWs(c)) { i++; continue; }
          this.doc++;
          this.value.doc = this.doc;
          this.state = S.Value;
          continue; // reprocess as a value
        }
        case S.Value:
        case S.ValueOrEnd: {
          if (isWs(c)) { i++; continue; }
          if (c == 0x22) {
            this.strIsKey = false;
            this.vb.begin(ValueKind.String);
            this.state = S.Str;
            i++;
            continue;
          }
          if (c == 0x7b || c == 0x5b) {
            if (this.depth >= this.maxDepth) { this.fail(ScanFlag.DEPTH_EXCEEDED, ptr, i, len, rawBase); return; }
            const d = this.depth;
            if (d >= this.kinds.length) this.growFrames();
            unchecked(this.kinds[d] = c == 0x7b ? 0 : 1);
            unchecked(this.idx[d] = 0);
            unchecked(this.keyLens[d] = 0);
            this.depth = d + 1;
            this.state = c == 0x7b ? S.KeyOrEnd : S.ValueOrEnd;
            i++;
            continue;
          }
          if (c == 0x5d && st == S.ValueOrEnd) {
            this.depth--;
            this.afterValue();
            i++;
            continue;
          }
          if (c == 0x2d || c - 0x30 < 10) {
            // fast path: a number that ends inside this chunk is delivered from the chunk
            let j = i;
            let ns = 0;
            // integers first (the common case) with a plain digit loop, then the full grammar
            if (c != 0x2d && c != 0x30) {
              j = i + 1;
              while (j < len && <u32>load<u8>(ptr + <usize>j) - 0x30 < 10) j++;
              ns = 3;
            }
            while (j < len) {
              const nn = numStep(ns, <u32>load<u8>(ptr + <usize>j));
              if (nn < 0) break;
              ns = nn;
              j++;
            }
            if (j < len && numTerminal(ns)) {
              this.markKey();
              deliverDirect(this.sink, this.value, ValueKind.Number, ptr + <usize>i, j - i, rawBase + <i64>i, false, false, 0);
              i = j;
              this.afterValue();
              continue;
            }
            this.vb.begin(ValueKind.Number);
            this.ns = 0;
            this.state = S.Num;
            continue;
          }
          if (c == 0x74 || c == 0x66 || c == 0x6e) {
            this.litPos = c == 0x74 ? 1 : c == 0x66 ? 5 : 10;
            this.litEnd = c == 0x74 ? 4 : c == 0x66 ? 9 : 13;
            this.state = S.Lit;
            i++;
            continue;
          }
          this.fail(ScanFlag.MALFORMED, ptr, i, len, rawBase);
          return;
        }
        case S.KeyOrEnd:
        case S.Key: {
          if (isWs(c)) { i++; continue; }
          if (c == 0x22) {
            this.strIsKey = true;
            this.vb.begin(ValueKind.Key);
            this.state = S.Str;
            i++;
            continue;
          }
          if (c == 0x7d && st == S.KeyOrEnd) {
            this.depth--;
            this.afterValue();
            i++;
            continue;
          }
          this.fail(ScanFlag.MALFORMED, ptr, i, len, rawBase);
          return;
        }
        case S.Colon: {
          if (isWs(c)) { i++; continue; }
          if (c == 0x3a) { this.state = S.Value; i++; continue; }
          this.fail(ScanFlag.MALFORMED, ptr, i, len, rawBase);
          return;
        }
        case S.After: {
          if (isWs(c)) { i++; continue; }
          const f = this.depth - 1;
          const isObj = unchecked(this.kinds[f]) == 0;
          if (c == 0x2c) {
            if (isObj) this.state = S.Key;
            else { unchecked(this.idx[f] = unchecked(this.idx[f]) + 1); this.state = S.Value; }
            i++;
            continue;
          }
          if ((c == 0x7d && isObj) || (c == 0x5d && !isObj)) {
            this.depth = f;
            this.afterValue();
            i++;
            continue;
          }
          this.fail(ScanFlag.MALFORMED, ptr, i, len, rawBase);
          return;
        }
        case S.Esc: {
          let b: u32 = 0xffffffff;
          switch (c) {
            case 0x22: case 0x5c: case 0x2f: b = c; break;
            case 0x62: b = 8; break;
            case 0x66: b = 0x0c; break;
            case 0x6e: b = 0x0a; break;
            case 0x72: b = 0x0d; break;
            case 0x74: b = 0x09; break;
            case 0x75: { this.uniVal = 0; this.uniCount = 0; this.state = S.Uni; i++; continue; }
          }
          if (b == 0xffffffff) { this.fail(ScanFlag.MALFORMED, ptr, i, len, rawBase); return; }
          this.vb.appendUnit(b, 1, this.escRaw, 2);
          this.state = S.Str;
          i++;
          continue;
        }
        case S.Uni: {
          const h = hexVal(c);
          if (h < 0) { this.fail(ScanFlag.MALFORMED, ptr, i, len, rawBase); return; }
          this.uniVal = (this.uniVal << 4) | h;
          i++;
          if (++this.uniCount < 4) continue;
          const end = rawBase + <i64>i;
          let cp = <u32>this.uniVal;
          if (this.hi >= 0) {
            if (cp - 0xdc00 < 0x400) {
              const full = 0x10000 + ((<u32>this.hi - 0xd800) << 10) + (cp - 0xdc00);
              this.emitCp(full, this.hiRaw, <i32>(end - this.hiRaw));
              this.hi = -1;
              this.state = S.Str;
              continue;
            }
            this.emitCp(0xfffd, this.hiRaw, <i32>(this.escRaw - this.hiRaw)); // lone high surrogate
            this.hi = -1;
          }
          if (cp - 0xd800 < 0x400) {
            this.hi = <i32>cp;
            this.hiRaw = this.escRaw;
            this.state = S.LowBs;
            continue;
          }
          if (cp - 0xdc00 < 0x400) cp = 0xfffd; // lone low surrogate
          this.emitCp(cp, this.escRaw, <i32>(end - this.escRaw));
          this.state = S.Str;
          continue;
        }
        case S.LowBs: {
          if (c == 0x5c) { this.escRaw = rawBase + <i64>i; this.state = S.LowU; i++; continue; }
          this.emitCp(0xfffd, this.hiRaw, 6);
          this.hi = -1;
          this.state = S.Str; // reprocess
          continue;
        }
        case S.LowU: {
          if (c == 0x75) { this.uniVal = 0; this.uniCount = 0; this.state = S.Uni; i++; continue; }
          this.emitCp(0xfffd, this.hiRaw, 6);
          this.hi = -1;
          this.state = S.Esc; // the backslash starts an ordinary escape
          continue;
        }
        case S.Num: {
          let j = i;
          let ns = this.ns;
          while (j < len) {
            const nn = numStep(ns, <u32>load<u8>(ptr + <usize>j));
            if (nn < 0) break;
            ns = nn;
            j++;
          }
          this.ns = ns;
          if (j > i) this.vb.appendRun(ptr + <usize>i, j - i, rawBase + <i64>i);
          i = j;
          if (j < len) {
            if (!numTerminal(ns)) { this.fail(ScanFlag.MALFORMED, ptr, j, len, rawBase); return; }
            this.vb.flush(false, rawBase + <i64>j);
            this.afterValue();
          }
          continue;
        }
        case S.Lit: {
          if (c != <u32>LITS.charCodeAt(this.litPos)) { this.fail(ScanFlag.MALFORMED, ptr, i, len, rawBase); return; }
          i++;
          if (++this.litPos == this.litEnd) this.afterValue();
          continue;
        }
        default: {
          this.fail(ScanFlag.MALFORMED, ptr, i, len, rawBase);
          return;
        }
      }
    }
  }

  finish(): void {
    const st = this.state;
    const end = this.rawEnd;
    if (st == S.Text) { this.text.finish(end); return; }
    if (st == S.Num) {
      if (numTerminal(this.ns)) { this.vb.flush(false, end); this.afterValue(); }
      else { this.flags |= ScanFlag.MALFORMED; this.vb.flush(false, end); }
    } else if (st >= S.Str && st <= S.LowU) {
      this.flags |= ScanFlag.TRUNCATED;
      if (!this.vb.empty) this.vb.flush(false, end);
    } else if (st == S.Lit) {
      this.flags |= ScanFlag.MALFORMED;
    }
    if (this.depth > 0 || (this.state != S.Top)) this.flags |= ScanFlag.TRUNCATED;
  }
}
