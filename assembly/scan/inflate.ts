// Streaming DEFLATE decoder (RFC 1951) with zlib (RFC 1950) and gzip (RFC 1952) wrappers. Resumable at
// any input byte: every step that needs more bits than are buffered returns and is retried on the next
// push. Output goes through a 32 KiB window to a ByteSink. Caps on total output and on the output/input
// ratio stop decompression bombs with an outcome, never a trap; corrupt data is an outcome too.
import { Scanner, ScanOptions, ScanFlag, ValueSink, ScannedValue } from "./value";

export abstract class ByteSink {
  abstract onBytes(ptr: usize, len: i32): void;
}

export const enum InflateFormat { Raw = 0, Zlib = 1, Gzip = 2, Auto = 3 /* zlib if its header checks, else raw */ }

export const enum InflateStatus {
  More = 0, // waiting for input
  Done = 1, // stream complete (trailing bytes ignored)
  Error = 2, // corrupt data or checksum mismatch
  TooLarge = 3, // output cap reached
  Ratio = 4, // output/input ratio cap reached
}

const enum St {
  Header = 0, Block = 1, StoredLen = 2, Stored = 3, DynCounts = 4, DynClens = 5, DynLens = 6,
  Codes = 7, Dist = 8, Copy = 9, Trailer = 10, NextMember = 11, End = 12,
}

const WSIZE: i32 = 32768;
const RATIO_SLACK: i64 = 65536; // outputs below this never trip the ratio cap

const LBASE: StaticArray<u16> = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LEXT: StaticArray<u8> = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DBASE: StaticArray<u16> = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DEXT: StaticArray<u8> = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const CLORDER: StaticArray<u8> = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

let crcTable: StaticArray<u32> | null = null;

function getCrcTable(): StaticArray<u32> {
  let t = crcTable;
  if (t === null) {
    t = new StaticArray<u32>(256);
    for (let n: u32 = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >> 1) : c >> 1;
      unchecked(t[n] = c);
    }
    crcTable = t;
  }
  return t;
}

/** CRC-32 (gzip) of [ptr, ptr+len), continuing from `crc`. */
export function crc32(crc: u32, ptr: usize, len: i32): u32 {
  const t = getCrcTable();
  let c = ~crc;
  for (let i = 0; i < len; i++) c = unchecked(t[(c ^ <u32>load<u8>(ptr + <usize>i)) & 0xff]) ^ (c >> 8);
  return ~c;
}

/** Canonical Huffman table: counts/symbols for the bit-by-bit decode and a 9-bit direct lookup. */
class Huff {
  count: StaticArray<i32> = new StaticArray<i32>(16);
  sym: StaticArray<u16> = new StaticArray<u16>(320);
  fast: StaticArray<u16> = new StaticArray<u16>(512); // (sym << 4) | len, 0 = longer than 9 bits
  offs: StaticArray<i32> = new StaticArray<i32>(17);
  next: StaticArray<i32> = new StaticArray<i32>(17);

  /** lens[off..off+n) code lengths (0..15). False if over-subscribed. */
  build(lens: StaticArray<u8>, off: i32, n: i32): bool {
    const count = this.count;
    for (let l = 0; l < 16; l++) unchecked(count[l] = 0);
    for (let s = 0; s < n; s++) {
      const l = <i32>unchecked(lens[off + s]);
      unchecked(count[l] = unchecked(count[l]) + 1);
    }
    unchecked(count[0] = 0);
    let left = 1;
    for (let l = 1; l < 16; l++) {
      left = (left << 1) - unchecked(count[l]);
      if (left < 0) return false;
    }
    const offs = this.offs;
    unchecked(offs[1] = 0);
    for (let l = 1; l < 16; l++) unchecked(offs[l + 1] = unchecked(offs[l]) + unchecked(count[l]));
    for (let s = 0; s < n; s++) {
      const l = <i32>unchecked(lens[off + s]);
      if (l != 0) {
        const o = unchecked(offs[l]);
        unchecked(this.sym[o] = <u16>s);
        unchecked(offs[l] = o + 1);
      }
    }
    // 9-bit lookup: stream bits arrive LSB first, so index by the bit-reversed canonical code
    const fast = this.fast;
    for (let k = 0; k < 512; k++) unchecked(fast[k] = 0);
    const next = this.next;
    let code = 0;
    unchecked(next[0] = 0);
    for (let l = 1; l < 16; l++) {
      code = (code + unchecked(count[l - 1])) << 1;
      unchecked(next[l] = code);
    }
    for (let s = 0; s < n; s++) {
      const l = <i32>unchecked(lens[off + s]);
      if (l == 0) continue;
      const c = unchecked(next[l]);
      unchecked(next[l] = c + 1);
      if (l > 9) continue;
      let r = 0;
      for (let b = 0; b < l; b++) r |= ((c >> b) & 1) << (l - 1 - b);
      for (let k = r; k < 512; k += 1 << l) unchecked(fast[k] = <u16>((s << 4) | l));
    }
    return true;
  }
}

export class Inflater {
  status: InflateStatus = InflateStatus.More;
  totalIn: i64 = 0;
  totalOut: i64 = 0;
  maxOut: i64;
  maxRatio: i64;

  private state: i32 = St.Header;
  private fmt: InflateFormat;
  private initFmt: InflateFormat;
  private bitbuf: u64 = 0;
  private bitcnt: i32 = 0;
  private inPtr: usize = 0;
  private inLen: i32 = 0;
  private inPos: i32 = 0;
  private outLimit: i64 = 0;

  private window: Uint8Array = new Uint8Array(WSIZE);
  private wpos: i32 = 0;
  private flushed: i32 = 0;
  private crc: u32 = 0;
  private adlerA: u32 = 1;
  private adlerB: u32 = 0;
  private memberOut: i64 = 0;

  private final: bool = false;
  private hdrPos: i32 = 0;
  private hdrFlags: i32 = 0;
  private hdrStep: i32 = 0;
  private hdrCount: i32 = 0;
  private storedLeft: i32 = 0;
  private hlit: i32 = 0;
  private hdist: i32 = 0;
  private hclen: i32 = 0;
  private li: i32 = 0; // index while reading code lengths
  private lens: StaticArray<u8> = new StaticArray<u8>(320);
  private lit: Huff = new Huff();
  private dist: Huff = new Huff();
  private fixedLit: Huff | null = null;
  private fixedDist: Huff | null = null;
  private curLit!: Huff;
  private curDist!: Huff;
  private copyLen: i32 = 0;
  private copyDist: i32 = 0;
  private trailer: u64 = 0;

  constructor(fmt: InflateFormat, public sink: ByteSink, maxOut: i64 = 16 << 20, maxRatio: i32 = 100) {
    this.fmt = fmt;
    this.initFmt = fmt;
    this.maxOut = maxOut;
    this.maxRatio = <i64>max(maxRatio, 1);
    this.curLit = this.lit;
    this.curDist = this.dist;
  }

  /** Ready for a new stream (keeps the window and tables). */
  reset(): void {
    this.status = InflateStatus.More;
    this.state = St.Header;
    this.fmt = this.initFmt;
    this.totalIn = 0;
    this.totalOut = 0;
    this.memberOut = 0;
    this.bitbuf = 0;
    this.bitcnt = 0;
    this.wpos = 0;
    this.flushed = 0;
    this.crc = 0;
    this.adlerA = 1;
    this.adlerB = 0;
    this.hdrStep = 0;
    this.hdrPos = 0;
  }

  get done(): bool { return this.status != InflateStatus.More; }

  /** Feed compressed bytes; output is delivered to the sink before this returns. */
  push(ptr: usize, len: i32): void {
    if (this.status != InflateStatus.More || len <= 0) return;
    this.inPtr = ptr;
    this.inLen = len;
    this.inPos = 0;
    this.totalIn += <i64>len;
    const ratioLimit = max(RATIO_SLACK, this.totalIn * this.maxRatio);
    this.outLimit = min(this.maxOut, ratioLimit);
    this.run();
    this.flushOut();
    this.inLen = 0;
  }

  /** End of input: a stream that did not complete is an error (truncated). */
  finish(): void {
    if (this.status == InflateStatus.More) {
      if (this.state == St.NextMember) this.status = InflateStatus.Done;
      else this.status = InflateStatus.Error;
    }
    this.flushOut();
  }

  // ---- bits ----

  // @ts-ignore: decorator
  @inline private fill(): void {
    while (this.bitcnt <= 56 && this.inPos < this.inLen) {
      this.bitbuf |= (<u64>load<u8>(this.inPtr + <usize>this.inPos)) << <u64>this.bitcnt;
      this.inPos++;
      this.bitcnt += 8;
    }
  }

  // @ts-ignore: decorator
  @inline private drop(n: i32): void {
    this.bitbuf >>= <u64>n;
    this.bitcnt -= n;
  }

  /** n (<= 32) bits if available, else -1 (nothing consumed). */
  private bits(n: i32): i64 {
    this.fill();
    if (this.bitcnt < n) return -1;
    const v = <i64>(this.bitbuf & ((<u64>1 << <u64>n) - 1));
    this.drop(n);
    return v;
  }

  /** (sym << 4) | len without consuming; -1 need more bits; -2 invalid code. */
  private peek(h: Huff): i32 {
    const e = <i32>unchecked(h.fast[<i32>(this.bitbuf & 511)]);
    if (e != 0 && (e & 15) <= this.bitcnt) return e;
    let code = 0, first = 0, index = 0;
    let b = this.bitbuf;
    for (let len = 1; len < 16; len++) {
      if (len > this.bitcnt) return -1;
      code |= <i32>(b & 1);
      b >>= 1;
      const count = unchecked(h.count[len]);
      if (code - count < first) return (<i32>unchecked(h.sym[index + (code - first)]) << 4) | len;
      index += count;
      first = (first + count) << 1;
      code <<= 1;
    }
    return -2;
  }

  // ---- output ----

  private flushOut(): void {
    const n = this.wpos - this.flushed;
    if (n <= 0) return;
    const p = this.window.dataStart + <usize>this.flushed;
    if (this.fmt == InflateFormat.Gzip) this.crc = crc32(this.crc, p, n);
    else if (this.fmt == InflateFormat.Zlib) this.adler(p, n);
    this.flushed = this.wpos;
    this.sink.onBytes(p, n);
  }

  private adler(p: usize, n: i32): void {
    let a = this.adlerA, b = this.adlerB;
    for (let i = 0; i < n; i++) {
      a += <u32>load<u8>(p + <usize>i);
      if (a >= 65521) a -= 65521;
      b += a;
      if (b >= 65521) b -= 65521;
    }
    this.adlerA = a;
    this.adlerB = b;
  }

  /** false when the output cap stops decoding */
  // @ts-ignore: decorator
  @inline private put(b: u8): bool {
    if (this.totalOut >= this.outLimit) { this.stopForCap(); return false; }
    unchecked(this.window[this.wpos] = b);
    this.wpos++;
    this.totalOut++;
    this.memberOut++;
    if (this.wpos == WSIZE) { this.flushOut(); this.wpos = 0; this.flushed = 0; }
    return true;
  }

  private stopForCap(): void {
    this.status = this.totalOut >= this.maxOut ? InflateStatus.TooLarge : InflateStatus.Ratio;
  }

  private fail(): void { this.status = InflateStatus.Error; }

  // ---- the machine ----

  private run(): void {
    while (this.status == InflateStatus.More) {
      switch (this.state) {
        case St.Header: { if (!this.header()) return; break; }
        case St.Block: {
          const v = this.bits(3);
          if (v < 0) return;
          this.final = (v & 1) != 0;
          const t = <i32>(v >> 1);
          if (t == 0) { this.drop(this.bitcnt & 7); this.state = St.StoredLen; }
          else if (t == 1) { this.useFixed(); this.state = St.Codes; }
          else if (t == 2) this.state = St.DynCounts;
          else { this.fail(); return; }
          break;
        }
        case St.StoredLen: {
          const v = this.bits(32);
          if (v < 0) return;
          const len = <i32>(v & 0xffff);
          if ((len ^ <i32>(v >> 16)) != 0xffff) { this.fail(); return; }
          this.storedLeft = len;
          this.state = St.Stored;
          break;
        }
        case St.Stored: {
          while (this.storedLeft > 0) {
            const b = this.bits(8);
            if (b < 0) return;
            if (!this.put(<u8>b)) return;
            this.storedLeft--;
          }
          this.state = this.final ? St.Trailer : St.Block;
          break;
        }
        case St.DynCounts: {
          const v = this.bits(14);
          if (v < 0) return;
          this.hlit = <i32>(v & 31) + 257;
          this.hdist = <i32>((v >> 5) & 31) + 1;
          this.hclen = <i32>((v >> 10) & 15) + 4;
          if (this.hlit > 286 || this.hdist > 30) { this.fail(); return; }
          for (let k = 0; k < 19; k++) unchecked(this.lens[k] = 0);
          this.li = 0;
          this.state = St.DynClens;
          break;
        }
        case St.DynClens: {
          while (this.li < this.hclen) {
            const v = this.bits(3);
            if (v < 0) return;
            unchecked(this.lens[<i32>unchecked(CLORDER[this.li])] = <u8>v);
            this.li++;
          }
          if (!this.lit.build(this.lens, 0, 19)) { this.fail(); return; }
          this.li = 0;
          this.state = St.DynLens;
          break;
        }
        case St.DynLens: { if (!this.dynLens()) return; break; }
        case St.Codes: { if (!this.codes()) return; break; }
        case St.Dist: { if (!this.distance()) return; break; }
        case St.Copy: { if (!this.copy()) return; break; }
        case St.Trailer: { if (!this.trailerStep()) return; break; }
        case St.NextMember: {
          this.fill();
          if (this.bitcnt < 8) return;
          const b = <i32>(this.bitbuf & 0xff);
          if (b == 0x1f) { this.state = St.Header; this.hdrStep = 0; this.hdrPos = 0; }
          else if (b == 0) this.drop(8); // zero padding after a member
          else { this.status = InflateStatus.Done; return; } // trailing garbage is ignored
          break;
        }
        default: { this.status = InflateStatus.Done; return; }
      }
    }
  }

  private useFixed(): void {
    let fl = this.fixedLit;
    let fd = this.fixedDist;
    if (fl === null || fd === null) {
      const lens = this.lens;
      for (let s = 0; s < 288; s++) unchecked(lens[s] = s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8);
      fl = new Huff();
      fl.build(lens, 0, 288);
      for (let s = 0; s < 30; s++) unchecked(lens[s] = 5);
      fd = new Huff();
      fd.build(lens, 0, 30);
      this.fixedLit = fl;
      this.fixedDist = fd;
    }
    this.curLit = fl;
    this.curDist = fd;
  }

  private header(): bool {
    if (this.fmt == InflateFormat.Raw) { this.state = St.Block; return true; }
    if (this.fmt == InflateFormat.Auto) {
      this.fill();
      if (this.bitcnt < 16) return false;
      const cmf = <i32>(this.bitbuf & 0xff), flg = <i32>((this.bitbuf >> 8) & 0xff);
      this.fmt = (cmf & 0x0f) == 8 && (cmf >> 4) <= 7 && ((cmf << 8) | flg) % 31 == 0 && (flg & 0x20) == 0
        ? InflateFormat.Zlib : InflateFormat.Raw;
      return true;
    }
    if (this.fmt == InflateFormat.Zlib) {
      const v = this.bits(16);
      if (v < 0) return false;
      const cmf = <i32>(v & 0xff), flg = <i32>(v >> 8);
      if ((cmf & 0x0f) != 8 || ((cmf << 8) | flg) % 31 != 0 || (flg & 0x20) != 0) { this.fail(); return false; }
      this.state = St.Block;
      return true;
    }
    // gzip: 10 fixed bytes, then optional extra, name, comment, header crc
    while (true) {
      switch (this.hdrStep) {
        case 0: {
          const b = this.bits(8);
          if (b < 0) return false;
          const p = this.hdrPos++;
          if ((p == 0 && b != 0x1f) || (p == 1 && b != 0x8b) || (p == 2 && b != 8)) { this.fail(); return false; }
          if (p == 3) this.hdrFlags = <i32>b;
          if (p == 9) { this.hdrStep = 1; this.hdrCount = 0; this.hdrPos = 0; }
          break;
        }
        case 1: { // FEXTRA length
          if ((this.hdrFlags & 4) == 0) { this.hdrStep = 3; break; }
          const v = this.bits(16);
          if (v < 0) return false;
          this.hdrCount = <i32>v;
          this.hdrStep = 2;
          break;
        }
        case 2: {
          while (this.hdrCount > 0) {
            if (this.bits(8) < 0) return false;
            this.hdrCount--;
          }
          this.hdrStep = 3;
          break;
        }
        case 3: case 4: { // FNAME, FCOMMENT: zero-terminated
          const flag = this.hdrStep == 3 ? 8 : 16;
          if ((this.hdrFlags & flag) != 0) {
            while (true) {
              const b = this.bits(8);
              if (b < 0) return false;
              if (b == 0) break;
            }
          }
          this.hdrStep++;
          break;
        }
        case 5: {
          if ((this.hdrFlags & 2) != 0 && this.bits(16) < 0) return false;
          this.hdrStep = 0;
          this.crc = 0;
          this.memberOut = 0;
          this.state = St.Block;
          return true;
        }
        default: { this.fail(); return false; }
      }
    }
    return false;
  }

  private dynLens(): bool {
    const total = this.hlit + this.hdist;
    const cl = this.lit; // the code-length code lives in `lit` until the real tables are built
    while (this.li < total) {
      this.fill();
      const e = this.peek(cl);
      if (e == -1) return false;
      if (e < 0) { this.fail(); return false; }
      const sym = e >> 4, l = e & 15;
      if (sym < 16) {
        this.drop(l);
        unchecked(this.lens[this.li++] = <u8>sym);
        continue;
      }
      const extra = sym == 16 ? 2 : sym == 17 ? 3 : 7;
      if (this.bitcnt < l + extra) return false;
      this.drop(l);
      const x = <i32>(this.bitbuf & ((<u64>1 << <u64>extra) - 1));
      this.drop(extra);
      let rep = 0;
      let val: u8 = 0;
      if (sym == 16) {
        if (this.li == 0) { this.fail(); return false; }
        val = unchecked(this.lens[this.li - 1]);
        rep = 3 + x;
      } else rep = (sym == 17 ? 3 : 11) + x;
      if (this.li + rep > total) { this.fail(); return false; }
      for (let k = 0; k < rep; k++) unchecked(this.lens[this.li++] = val);
    }
    if (unchecked(this.lens[256]) == 0) { this.fail(); return false; }
    if (!this.lit.build(this.lens, 0, this.hlit) || !this.dist.build(this.lens, this.hlit, this.hdist)) {
      this.fail();
      return false;
    }
    this.curLit = this.lit;
    this.curDist = this.dist;
    this.state = St.Codes;
    return true;
  }

  private codes(): bool {
    const h = this.curLit;
    while (true) {
      this.fill();
      const e = this.peek(h);
      if (e == -1) return false;
      if (e < 0) { this.fail(); return false; }
      const sym = e >> 4, l = e & 15;
      if (sym < 256) {
        if (this.totalOut >= this.outLimit) { this.stopForCap(); return false; }
        this.drop(l);
        this.put(<u8>sym);
        continue;
      }
      if (sym == 256) {
        this.drop(l);
        this.state = this.final ? St.Trailer : St.Block;
        return true;
      }
      const s = sym - 257;
      if (s >= 29) { this.fail(); return false; }
      const extra = <i32>unchecked(LEXT[s]);
      if (this.bitcnt < l + extra) return false;
      this.drop(l);
      this.copyLen = <i32>unchecked(LBASE[s]) + <i32>(this.bitbuf & ((<u64>1 << <u64>extra) - 1));
      this.drop(extra);
      this.state = St.Dist;
      return true;
    }
    return false;
  }

  private distance(): bool {
    this.fill();
    const e = this.peek(this.curDist);
    if (e == -1) return false;
    if (e < 0) { this.fail(); return false; }
    const s = e >> 4, l = e & 15;
    if (s >= 30) { this.fail(); return false; }
    const extra = <i32>unchecked(DEXT[s]);
    if (this.bitcnt < l + extra) return false;
    this.drop(l);
    const d = <i32>unchecked(DBASE[s]) + <i32>(this.bitbuf & ((<u64>1 << <u64>extra) - 1));
    this.drop(extra);
    if (<i64>d > this.memberOut && this.fmt != InflateFormat.Raw) { this.fail(); return false; }
    if (<i64>d > this.totalOut) { this.fail(); return false; }
    this.copyDist = d;
    this.state = St.Copy;
    return true;
  }

  private copy(): bool {
    const w = this.window;
    while (this.copyLen > 0) {
      if (!this.put(unchecked(w[(this.wpos - this.copyDist) & (WSIZE - 1)]))) return false;
      this.copyLen--;
    }
    this.state = St.Codes;
    return true;
  }

  private trailerStep(): bool {
    if (this.fmt == InflateFormat.Raw) { this.status = InflateStatus.Done; return false; }
    this.drop(this.bitcnt & 7);
    const n = this.fmt == InflateFormat.Gzip ? 64 : 32;
    this.fill();
    if (this.bitcnt < n) return false;
    this.flushOut(); // checksums cover everything output so far
    if (this.fmt == InflateFormat.Gzip) {
      const c = <u32>(this.bitbuf & 0xffffffff);
      const size = <u32>((this.bitbuf >> 32) & 0xffffffff);
      this.drop(32);
      this.drop(32);
      if (c != this.crc || size != <u32>this.memberOut) { this.fail(); return false; }
      this.state = St.NextMember;
      return true;
    }
    const v = <u32>(this.bitbuf & 0xffffffff);
    this.drop(32);
    const want = ((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >> 8) & 0xff00) | (v >> 24);
    if (want != ((this.adlerB << 16) | this.adlerA)) { this.fail(); return false; }
    this.status = InflateStatus.Done;
    return false;
  }
}

/** Feeds inflated output to a scanner, offsets counted in the inflated stream. */
class ScannerFeed extends ByteSink {
  off: i64 = 0;
  constructor(public target: Scanner) { super(); }
  onBytes(ptr: usize, len: i32): void {
    this.target.push(ptr, len, this.off);
    this.off += <i64>len;
  }
}

/** Marks values as coming from inflated content (offsets are not raw body offsets). */
export class InflatedMark extends ValueSink {
  constructor(public inner: ValueSink) { super(); }
  onValue(v: ScannedValue): void {
    v.inflated = true;
    this.inner.onValue(v);
    v.inflated = false;
  }
}

/** A body with content-encoding gzip/deflate: inflates and scans the result with `inner` (built with an
 *  InflatedMark sink). Inflate outcomes become flags; what could not be inflated is not scanned. */
export class InflatingScanner extends Scanner {
  inflater: Inflater;
  private feed: ScannerFeed;

  constructor(public inner: Scanner, fmt: InflateFormat, opts: ScanOptions = new ScanOptions()) {
    super();
    const feed = new ScannerFeed(inner);
    this.feed = feed;
    this.inflater = new Inflater(fmt, feed, opts.maxInflatedBytes, opts.maxInflateRatio);
  }

  push(ptr: usize, len: i32, rawBase: i64): void {
    this.inflater.push(ptr, len);
    this.collect();
  }

  finish(): void {
    this.inflater.finish();
    this.inner.finish();
    this.collect();
  }

  private collect(): void {
    const st = this.inflater.status;
    if (st == InflateStatus.Error) this.flags |= ScanFlag.INFLATE_ERROR;
    else if (st == InflateStatus.TooLarge) this.flags |= ScanFlag.INFLATE_TOO_LARGE;
    else if (st == InflateStatus.Ratio) this.flags |= ScanFlag.INFLATE_RATIO;
    this.flags |= this.inner.flags;
  }
}
