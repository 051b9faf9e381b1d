// Streaming protobuf wire-format scanner. The top-level message (and, with a schema, nested messages longer
// than the value cap) is decoded as a stream with a frame stack; a length-delimited field up to the cap is
// buffered whole and then classified: with a schema by its declared type, without one as printable UTF-8
// text first (strings dominate and text can accidentally parse as a message), else a nested message if it
// passes a strict validity check, else other valid UTF-8, else bytes (skipped). Numbers are delivered as
// decimal text whose raw span is the whole encoded number. Garbage → MALFORMED, rest of the message as text.
import {
  ScannedValue, ValueSink, ValueKind, Scanner, ScanOptions, ScanFlag, ValueBuffer, PathSource, MapMode,
  deliverDirect,
} from "./value";
import { TextStream } from "./text";
import { ProtoSchema, PType } from "./protoschema";

const enum S { Tag = 0, Varint = 1, Fixed = 2, Len = 3, Buffer = 4, StreamStr = 5, Skip = 6, Text = 7 }

/** Strict UTF-8 validity; `printable` also rejects C0 controls other than tab/CR/LF and DEL. */
export function utf8Check(ptr: usize, len: i32, printable: bool): bool {
  let i = 0;
  while (i < len) {
    const c = <u32>load<u8>(ptr + <usize>i);
    if (c < 0x80) {
      if (printable && ((c < 0x20 && c != 9 && c != 10 && c != 13) || c == 0x7f)) return false;
      i++;
      continue;
    }
    let n = 0;
    let cp: u32 = 0;
    if ((c & 0xe0) == 0xc0) { n = 1; cp = c & 0x1f; }
    else if ((c & 0xf0) == 0xe0) { n = 2; cp = c & 0x0f; }
    else if ((c & 0xf8) == 0xf0) { n = 3; cp = c & 0x07; }
    else return false;
    if (i + n >= len) return false;
    for (let k = 1; k <= n; k++) {
      const d = <u32>load<u8>(ptr + <usize>(i + k));
      if ((d & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3f);
    }
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000)) return false;
    if (cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000)) return false;
    i += n + 1;
  }
  return true;
}

/** Strict one-level check that [ptr, ptr+len) is a sequence of well-formed fields ending exactly at len. */
export function validMessage(ptr: usize, len: i32): bool {
  let i = 0;
  while (i < len) {
    let tag: u64 = 0;
    let shift: u64 = 0;
    while (true) {
      if (i >= len || shift > 28) return false;
      const b = <u64>load<u8>(ptr + <usize>(i++));
      tag |= (b & 0x7f) << shift;
      shift += 7;
      if (b < 0x80) break;
    }
    const field = tag >> 3;
    if (field == 0 || field > 536870911) return false;
    const wt = <i32>(tag & 7);
    if (wt == 0) {
      let k = 0;
      while (true) {
        if (i >= len || k >= 10) return false;
        k++;
        if (load<u8>(ptr + <usize>(i++)) < 0x80) break;
      }
    } else if (wt == 1) {
      i += 8;
    } else if (wt == 5) {
      i += 4;
    } else if (wt == 2) {
      let l: u64 = 0;
      let s: u64 = 0;
      while (true) {
        if (i >= len || s > 35) return false;
        const b = <u64>load<u8>(ptr + <usize>(i++));
        l |= (b & 0x7f) << s;
        s += 7;
        if (b < 0x80) break;
      }
      if (l > <u64>(len - i)) return false;
      i += <i32>l;
    } else {
      return false; // groups (3, 4) and 6, 7
    }
    if (i > len) return false;
  }
  return i == len;
}

class ProtoPath extends PathSource {
  constructor(public s: ProtobufScanner) { super(); }

  step(k: i32): string {
    const s = this.s;
    const t = unchecked(s.stepType[k]);
    const f = unchecked(s.stepField[k]);
    const schema = s.schema;
    if (schema !== null && t >= 0 && t < schema.types.length && f >= 0) {
      const pt = unchecked(schema.types[t]);
      if (f < pt.fields.length) return unchecked(pt.fields[f]).name;
    }
    return unchecked(s.stepNum[k]).toString();
  }

  pathString(): string {
    let out = "";
    for (let k = 0; k < this.s.pathLen; k++) {
      if (k > 0) out += ".";
      out += this.step(k);
    }
    return out;
  }

  keyString(): string {
    const n = this.s.pathLen;
    return n > 0 ? this.step(n - 1) : "";
  }
}

export class ProtobufScanner extends Scanner {
  schema: ProtoSchema | null;
  rootType: i32;
  maxDepth: i32;
  cap: i32;
  value: ScannedValue = new ScannedValue();
  vb!: ValueBuffer;
  text!: TextStream;

  // path steps: field number, the message type it belongs to (-1 schemaless) and its field index
  stepNum!: Int32Array;
  stepType!: Int32Array;
  stepField!: Int32Array;
  pathLen: i32 = 0;

  // streaming frames (nested messages decoded as a stream): end position and message type
  private frameEnd!: Int64Array;
  private frameType!: Int32Array;
  private fdepth: i32 = 0;

  private state: i32 = S.Tag;
  private inMessage: bool = false;
  private pos: i64 = 0; // offset in the message
  private acc: u64 = 0;
  private shift: u64 = 0;
  private nbytes: i32 = 0;
  private fieldNum: i32 = 0;
  private wt: i32 = 0;
  private fieldIdx: i32 = -1;
  private ftype: i32 = 0; // declared PType, 0 = unknown
  private fmsg: i32 = -1;
  private valRaw: i64 = 0; // raw offset where the current value's bytes start
  private left: i64 = 0; // bytes left in a length-delimited payload
  private lbuf: Uint8Array = new Uint8Array(256);
  private lfill: i32 = 0;
  private numBuf: Uint8Array = new Uint8Array(24);
  private doc: i32 = 0;
  private lastRaw: i64 = 0;

  constructor(public sink: ValueSink, opts: ScanOptions = new ScanOptions(), schema: ProtoSchema | null = null,
    rootType: i32 = -1) {
    super();
    this.schema = schema;
    this.rootType = schema === null ? -1 : rootType;
    this.maxDepth = max(opts.maxDepth, 1);
    this.cap = max(opts.maxValueBytes, 16);
    const n = this.maxDepth + 2;
    this.stepNum = new Int32Array(n);
    this.stepType = new Int32Array(n);
    this.stepField = new Int32Array(n);
    this.frameEnd = new Int64Array(n);
    this.frameType = new Int32Array(n);
    this.value.paths = new ProtoPath(this);
    this.vb = new ValueBuffer(sink, this.value, opts.maxValueBytes);
    this.text = new TextStream(sink);
  }

  /** Start a message of `length` bytes (-1: until endMessage). `doc` is its index in the stream. */
  beginMessage(length: i64, doc: i32): void {
    this.inMessage = true;
    this.state = S.Tag;
    this.acc = 0;
    this.shift = 0;
    this.pos = 0;
    this.fdepth = 0;
    this.pathLen = 0;
    unchecked(this.frameEnd[0] = length < 0 ? i64.MAX_VALUE : length);
    unchecked(this.frameType[0] = this.rootType);
    this.doc = doc;
    this.value.doc = doc;
    this.text.value.doc = doc;
    this.text.reset();
  }

  /** End of the current message: anything unfinished is flagged. */
  endMessage(): void {
    if (!this.inMessage) return;
    this.inMessage = false;
    while (this.state == S.Tag && this.shift == 0 && this.fdepth > 0 && this.pos == unchecked(this.frameEnd[this.fdepth])) this.fdepth--;
    if (this.state == S.Text) { this.text.finish(this.lastRaw); return; }
    if (this.state != S.Tag || this.shift != 0 || this.fdepth != 0) {
      this.flags |= ScanFlag.TRUNCATED;
      if (this.state == S.StreamStr && !this.vb.empty) this.vb.flush(false, this.lastRaw);
    }
  }

  finish(): void { this.endMessage(); }

  private malformed(ptr: usize, i: i32, len: i32, rawBase: i64): void {
    this.flags |= ScanFlag.MALFORMED;
    this.state = S.Text;
    if (i < len) this.text.push(ptr + <usize>i, len - i, rawBase + <i64>i);
  }

  private setStep(k: i32, num: i32, type: i32): void {
    unchecked(this.stepNum[k] = num);
    unchecked(this.stepType[k] = type);
    let f = -1;
    const schema = this.schema;
    if (schema !== null && type >= 0 && type < schema.types.length) f = unchecked(schema.types[type]).find(num);
    unchecked(this.stepField[k] = f);
    this.pathLen = k + 1;
  }

  /** declared type of step k's field (0 unknown) and its message type */
  private declared(k: i32): i32 {
    const schema = this.schema;
    const t = unchecked(this.stepType[k]);
    const f = unchecked(this.stepField[k]);
    if (schema === null || t < 0 || f < 0) { this.fmsg = -1; return 0; }
    const pf = unchecked(unchecked(schema.types[t]).fields[f]);
    this.fmsg = pf.msg;
    return pf.type;
  }

  push(ptr: usize, len: i32, rawBase: i64): void {
    if (len <= 0) return;
    if (!this.inMessage) this.beginMessage(-1, this.doc);
    this.lastRaw = rawBase + <i64>len;
    let i = 0;
    while (i < len) {
      // close streaming frames that ended exactly here
      while (this.state == S.Tag && this.shift == 0 && this.fdepth > 0 && this.pos >= unchecked(this.frameEnd[this.fdepth])) {
        if (this.pos > unchecked(this.frameEnd[this.fdepth])) { this.malformed(ptr, i, len, rawBase); return; }
        this.fdepth--;
      }
      switch (this.state) {
        case S.Text: {
          this.text.push(ptr + <usize>i, len - i, rawBase + <i64>i);
          this.pos += <i64>(len - i);
          return;
        }
        case S.Tag: {
          const b = <u64>load<u8>(ptr + <usize>i);
          this.acc |= (b & 0x7f) << this.shift;
          this.shift += 7;
          i++;
          this.pos++;
          if (b >= 0x80) {
            if (this.shift > 28) { this.malformed(ptr, i, len, rawBase); return; }
            continue;
          }
          const tag = this.acc;
          this.acc = 0;
          this.shift = 0;
          const field = tag >> 3;
          const wt = <i32>(tag & 7);
          if (field == 0 || field > 536870911 || (wt != 0 && wt != 1 && wt != 2 && wt != 5)) {
            this.malformed(ptr, i, len, rawBase);
            return;
          }
          this.fieldNum = <i32>field;
          this.wt = wt;
          this.setStep(this.fdepth, <i32>field, unchecked(this.frameType[this.fdepth]));
          this.ftype = this.declared(this.fdepth);
          this.valRaw = rawBase + <i64>i;
          this.nbytes = 0;
          this.state = wt == 0 ? S.Varint : wt == 2 ? S.Len : S.Fixed;
          continue;
        }
        case S.Varint:
        case S.Len: {
          const b = <u64>load<u8>(ptr + <usize>i);
          if (this.shift < 64) this.acc |= (b & 0x7f) << this.shift;
          this.shift += 7;
          this.nbytes++;
          i++;
          this.pos++;
          if (b >= 0x80) {
            if (this.nbytes >= 10) { this.malformed(ptr, i, len, rawBase); return; }
            continue;
          }
          const v = this.acc;
          this.acc = 0;
          this.shift = 0;
          if (this.state == S.Varint) {
            this.deliverNumber(v, this.ftype, 0, this.valRaw, rawBase + <i64>i);
            this.state = S.Tag;
            if (!this.checkFrame(ptr, i, len, rawBase)) return;
            continue;
          }
          const end = unchecked(this.frameEnd[this.fdepth]);
          if (v > <u64>i64.MAX_VALUE || <i64>v > end - this.pos) { this.malformed(ptr, i, len, rawBase); return; }
          this.left = <i64>v;
          this.valRaw = rawBase + <i64>i;
          if (v == 0) { this.state = S.Tag; continue; }
          if (v <= <u64>this.cap) {
            this.lfill = 0;
            if (this.lbuf.length < <i32>v) {
              let n = this.lbuf.length;
              while (n < <i32>v) n <<= 1;
              this.lbuf = new Uint8Array(min(n, this.cap));
            }
            this.state = S.Buffer;
          } else if (this.ftype == PType.Message && this.fdepth + 1 < this.maxDepth) {
            const d = this.fdepth + 1;
            unchecked(this.frameEnd[d] = this.pos + <i64>v);
            unchecked(this.frameType[d] = this.fmsg);
            this.fdepth = d;
            this.state = S.Tag;
          } else if (this.ftype == PType.Bytes || this.ftype == PType.Message) {
            if (this.ftype == PType.Message) this.flags |= ScanFlag.DEPTH_EXCEEDED;
            this.state = S.Skip;
          } else {
            this.vb.begin(ValueKind.String);
            this.state = S.StreamStr;
          }
          continue;
        }
        case S.Fixed: {
          const need = this.wt == 1 ? 8 : 4;
          while (i < len && this.nbytes < need) {
            this.acc |= (<u64>load<u8>(ptr + <usize>i)) << (<u64>this.nbytes << 3);
            this.nbytes++;
            i++;
            this.pos++;
          }
          if (this.nbytes < need) return;
          const v = this.acc;
          this.acc = 0;
          this.deliverNumber(v, this.ftype, need, this.valRaw, rawBase + <i64>i);
          this.state = S.Tag;
          if (!this.checkFrame(ptr, i, len, rawBase)) return;
          continue;
        }
        case S.Buffer: {
          const take = <i32>min(<i64>(len - i), this.left);
          memory.copy(this.lbuf.dataStart + <usize>this.lfill, ptr + <usize>i, <usize>take);
          this.lfill += take;
          this.left -= <i64>take;
          i += take;
          this.pos += <i64>take;
          if (this.left > 0) return;
          this.state = S.Tag;
          this.decodeLD(this.lbuf.dataStart, this.lfill, this.valRaw, this.fdepth + 1, this.ftype, this.fmsg, this.pathLen);
          continue;
        }
        case S.StreamStr:
        case S.Skip: {
          const take = <i32>min(<i64>(len - i), this.left);
          if (this.state == S.StreamStr) this.vb.appendRun(ptr + <usize>i, take, rawBase + <i64>i);
          this.left -= <i64>take;
          i += take;
          this.pos += <i64>take;
          if (this.left > 0) return;
          if (this.state == S.StreamStr) this.vb.flush(false, rawBase + <i64>i);
          this.state = S.Tag;
          continue;
        }
      }
    }
  }

  private checkFrame(ptr: usize, i: i32, len: i32, rawBase: i64): bool {
    if (this.pos > unchecked(this.frameEnd[this.fdepth])) { this.malformed(ptr, i, len, rawBase); return false; }
    return true;
  }

  /** Decimal text of a number, delivered with the whole encoded number as its raw span. */
  private deliverNumber(v: u64, ptype: i32, fixedBytes: i32, rawStart: i64, rawEnd: i64): void {
    let neg = false;
    switch (ptype) {
      case PType.Bool: case PType.Enum: case PType.Double: case PType.Float: return; // not identifying data
      case PType.Int64: case PType.Int32: case PType.Sfixed64: {
        if (<i64>v < 0) { neg = true; v = <u64>(-<i64>v); }
        break;
      }
      case PType.Sfixed32: {
        const s = <i64><i32><u32>v;
        if (s < 0) { neg = true; v = <u64>(-s); }
        break;
      }
      case PType.Sint32: case PType.Sint64: {
        const z = (v >> 1) ^ (0 - (v & 1));
        if (<i64>z < 0) { neg = true; v = <u64>(-<i64>z); } else v = z;
        break;
      }
    }
    const b = this.numBuf;
    let p = 24;
    do {
      p--;
      unchecked(b[p] = <u8>(0x30 + <i32>(v % 10)));
      v /= 10;
    } while (v != 0 && p > 1);
    if (neg) { p--; unchecked(b[p] = 0x2d); }
    // the decimal text is not the raw bytes: every digit maps to the whole encoded number
    const val = this.value;
    val.kind = ValueKind.Number;
    val.ptr = b.dataStart + <usize>p;
    val.len = 24 - p;
    val.continued = false;
    val.more = false;
    val.decodedBase = 0;
    val.rawStart = rawStart;
    val.rawEnd = rawEnd;
    val.mapMode = MapMode.Whole;
    val.map = null;
    this.sink.onValue(val);
  }

  /** A complete length-delimited payload at step `k = pathLen - 1`, at nesting `depth`. */
  private decodeLD(ptr: usize, len: i32, raw: i64, depth: i32, ptype: i32, pmsg: i32, pathLen: i32): void {
    this.pathLen = pathLen;
    if (len <= 0) return;
    if (ptype == PType.String) { this.deliverString(ptr, len, raw); return; }
    if (ptype == PType.Message) {
      if (depth > this.maxDepth) { this.flags |= ScanFlag.DEPTH_EXCEEDED; return; }
      if (validMessage(ptr, len)) { this.decodeMessage(ptr, len, raw, depth, pmsg, pathLen); return; }
      // not what the schema says: fall through to the schemaless guess
    } else if (ptype != 0 && ptype != PType.Bytes) {
      this.decodePacked(ptr, len, raw, ptype);
      return;
    }
    if (utf8Check(ptr, len, true)) { this.deliverString(ptr, len, raw); return; }
    if (ptype != PType.Bytes && validMessage(ptr, len)) {
      if (depth > this.maxDepth) { this.flags |= ScanFlag.DEPTH_EXCEEDED; return; }
      this.decodeMessage(ptr, len, raw, depth, -1, pathLen);
      return;
    }
    if (utf8Check(ptr, len, false)) this.deliverString(ptr, len, raw);
    // else: binary bytes, skipped
  }

  private deliverString(ptr: usize, len: i32, raw: i64): void {
    deliverDirect(this.sink, this.value, ValueKind.String, ptr, len, raw, false, false, 0);
  }

  /** packed repeated scalars */
  private decodePacked(ptr: usize, len: i32, raw: i64, ptype: i32): void {
    const width = ptype == PType.Fixed64 || ptype == PType.Sfixed64 || ptype == PType.Double ? 8
      : ptype == PType.Fixed32 || ptype == PType.Sfixed32 || ptype == PType.Float ? 4 : 0;
    let i = 0;
    while (i < len) {
      const start = i;
      let v: u64 = 0;
      if (width > 0) {
        if (len - i < width) return;
        for (let k = 0; k < width; k++) v |= (<u64>load<u8>(ptr + <usize>(i + k))) << (<u64>k << 3);
        i += width;
      } else {
        let s: u64 = 0;
        while (true) {
          if (i >= len || s > 63) return;
          const b = <u64>load<u8>(ptr + <usize>(i++));
          v |= (b & 0x7f) << s;
          s += 7;
          if (b < 0x80) break;
        }
      }
      this.deliverNumber(v, ptype, width, raw + <i64>start, raw + <i64>i);
    }
  }

  /** A validated message in memory (fields are well formed; only nesting and values remain to decide). */
  private decodeMessage(ptr: usize, len: i32, raw: i64, depth: i32, type: i32, pathLen: i32): void {
    const k = pathLen;
    if (k >= this.stepNum.length) { this.flags |= ScanFlag.DEPTH_EXCEEDED; return; }
    let i = 0;
    while (i < len) {
      let tag: u64 = 0;
      let shift: u64 = 0;
      while (i < len) {
        const b = <u64>load<u8>(ptr + <usize>(i++));
        tag |= (b & 0x7f) << shift;
        shift += 7;
        if (b < 0x80) break;
      }
      this.setStep(k, <i32>(tag >> 3), type);
      const ptype = this.declared(k);
      const pmsg = this.fmsg;
      const wt = <i32>(tag & 7);
      const start = i;
      if (wt == 0) {
        let v: u64 = 0;
        let s: u64 = 0;
        while (i < len) {
          const b = <u64>load<u8>(ptr + <usize>(i++));
          if (s < 64) v |= (b & 0x7f) << s;
          s += 7;
          if (b < 0x80) break;
        }
        this.deliverNumber(v, ptype, 0, raw + <i64>start, raw + <i64>i);
      } else if (wt == 1 || wt == 5) {
        const w = wt == 1 ? 8 : 4;
        if (len - i < w) return;
        let v: u64 = 0;
        for (let b = 0; b < w; b++) v |= (<u64>load<u8>(ptr + <usize>(i + b))) << (<u64>b << 3);
        i += w;
        this.deliverNumber(v, ptype, w, raw + <i64>start, raw + <i64>i);
      } else {
        let l: u64 = 0;
        let s: u64 = 0;
        while (i < len) {
          const b = <u64>load<u8>(ptr + <usize>(i++));
          l |= (b & 0x7f) << s;
          s += 7;
          if (b < 0x80) break;
        }
        if (l > <u64>(len - i)) return;
        const n = <i32>l;
        this.decodeLD(ptr + <usize>i, n, raw + <i64>i, depth + 1, ptype, pmsg, k + 1);
        i += n;
      }
    }
    this.pathLen = k;
  }
}
