// gRPC and gRPC-Web framing: 1 flag byte + 4-byte big-endian length per message, across chunks and over
// many messages (streaming RPCs). Each message is scanned by the protobuf scanner (value.doc = message
// index); a compressed message (flag bit 0) is inflated first (gzip/deflate per grpc-encoding), its values
// then carry `inflated` and offsets into the inflated message. gRPC-Web trailer frames (flag 0x80) are skipped.
import { isSpace } from "util/string";
import { ScannedValue, ValueSink, Scanner, ScanOptions, ScanFlag } from "./value";
import { ProtobufScanner } from "./protobuf";
import { ProtoSchema } from "./protoschema";
import { Inflater, InflateFormat, InflateStatus, ByteSink } from "./inflate";

/** Sets `inflated` on values while a compressed message is being scanned. */
class MarkSink extends ValueSink {
  mark: bool = false;
  constructor(public inner: ValueSink) { super(); }
  onValue(v: ScannedValue): void {
    if (this.mark) v.inflated = true;
    this.inner.onValue(v);
    v.inflated = false;
  }
}

class PbFeed extends ByteSink {
  off: i64 = 0;
  constructor(public pb: ProtobufScanner) { super(); }
  onBytes(ptr: usize, len: i32): void {
    this.pb.push(ptr, len, this.off);
    this.off += <i64>len;
  }
}

const enum G { Header = 0, Payload = 1, Skip = 2 }

/** True for application/grpc, application/grpc+proto, application/grpc-web, application/grpc-web+proto
 *  (parameters ignored). */
export function isGrpcContentType(ct: string): bool {
  // Called for every response: compared in place (no lower-cased or trimmed copy); spaces as String#trim's.
  let end = ct.indexOf(";");
  if (end < 0) end = ct.length;
  let start = 0;
  while (start < end && isSpace(ct.charCodeAt(start))) start++;
  while (end > start && isSpace(ct.charCodeAt(end - 1))) end--;
  switch (end - start) {
    case 16: return equalsLowerAt(ct, start, "application/grpc");
    case 20: return equalsLowerAt(ct, start, "application/grpc-web");
    case 22: return equalsLowerAt(ct, start, "application/grpc+proto");
    case 26: return equalsLowerAt(ct, start, "application/grpc-web+proto");
    default: return false;
  }
}


/** Does `s` hold lower-case ASCII `word` at `at`, ignoring ASCII case? */
function equalsLowerAt(s: string, at: i32, word: string): bool {
  if (at + word.length > s.length) return false;
  for (let i = 0; i < word.length; i++) {
    let c = s.charCodeAt(at + i);
    if (c >= 0x41 && c <= 0x5a) c |= 0x20;
    if (c != word.charCodeAt(i)) return false;
  }
  return true;
}

export class GrpcScanner extends Scanner {
  pb: ProtobufScanner;
  messages: i32 = 0;
  private mark: MarkSink;
  private feed: PbFeed;
  private inflater: Inflater | null = null;
  private encoding: string;
  private opts: ScanOptions;
  private state: i32 = G.Header;
  private hdr: Uint8Array = new Uint8Array(5);
  private hfill: i32 = 0;
  private left: i64 = 0;
  private compressed: bool = false;

  /** encoding: the grpc-encoding header ("gzip", "deflate", "identity" or ""). rootType: message type
   *  index in `schema` (ProtoSchema.methodType), -1 for schemaless. */
  constructor(sink: ValueSink, opts: ScanOptions = new ScanOptions(), schema: ProtoSchema | null = null,
    rootType: i32 = -1, encoding: string = "identity") {
    super();
    const mark = new MarkSink(sink);
    const pb = new ProtobufScanner(mark, opts, schema, rootType);
    this.opts = opts;
    this.mark = mark;
    this.pb = pb;
    this.feed = new PbFeed(pb);
    this.encoding = encoding.toLowerCase().trim();
  }

  push(ptr: usize, len: i32, rawBase: i64): void {
    let i = 0;
    while (i < len) {
      if (this.state == G.Header) {
        unchecked(this.hdr[this.hfill] = load<u8>(ptr + <usize>i));
        this.hfill++;
        i++;
        if (this.hfill < 5) continue;
        this.hfill = 0;
        this.startMessage(rawBase + <i64>i);
        continue;
      }
      const take = <i32>min(<i64>(len - i), this.left);
      if (this.state == G.Payload) {
        if (this.compressed) {
          const inf = this.inflater;
          if (inf !== null) inf.push(ptr + <usize>i, take);
        } else {
          this.pb.push(ptr + <usize>i, take, rawBase + <i64>i);
        }
      }
      i += take;
      this.left -= <i64>take;
      if (this.left == 0) this.endMessage();
    }
    this.flags |= this.pb.flags;
  }

  private startMessage(raw: i64): void {
    const h = this.hdr;
    const flag = unchecked(h[0]);
    const n = (<i64>unchecked(h[1]) << 24) | (<i64>unchecked(h[2]) << 16) | (<i64>unchecked(h[3]) << 8) | <i64>unchecked(h[4]);
    this.left = n;
    if ((flag & 0x80) != 0) { // gRPC-Web trailers
      this.state = G.Skip;
    } else {
      if (n > this.opts.maxGrpcMessageBytes) this.flags |= ScanFlag.OVERSIZE_MESSAGE;
      this.compressed = (flag & 1) != 0;
      this.state = G.Payload;
      if (this.compressed) {
        const enc = this.encoding;
        const fmt = enc == "gzip" ? InflateFormat.Gzip : enc == "deflate" ? InflateFormat.Auto : -1;
        if (fmt < 0) {
          this.flags |= ScanFlag.UNSUPPORTED_ENCODING;
          this.state = G.Skip;
        } else {
          let inf = this.inflater;
          if (inf === null) {
            inf = new Inflater(<InflateFormat>fmt, this.feed, this.opts.maxInflatedBytes, this.opts.maxInflateRatio);
            this.inflater = inf;
          }
          inf.reset();
          this.feed.off = 0;
          this.mark.mark = true;
          this.pb.beginMessage(-1, this.messages);
        }
      } else {
        this.pb.beginMessage(n, this.messages);
      }
    }
    if (this.left == 0) this.endMessage();
  }

  private endMessage(): void {
    if (this.state == G.Payload) {
      if (this.compressed) {
        const inf = this.inflater;
        if (inf !== null) {
          inf.finish();
          const st = inf.status;
          if (st == InflateStatus.Error) this.flags |= ScanFlag.INFLATE_ERROR;
          else if (st == InflateStatus.TooLarge) this.flags |= ScanFlag.INFLATE_TOO_LARGE;
          else if (st == InflateStatus.Ratio) this.flags |= ScanFlag.INFLATE_RATIO;
        }
      }
      this.pb.endMessage();
      this.mark.mark = false;
      this.messages++;
    }
    this.state = G.Header;
    this.compressed = false;
  }

  finish(): void {
    if (this.state != G.Header || this.hfill != 0) {
      this.flags |= ScanFlag.TRUNCATED;
      if (this.state == G.Payload) this.endMessage();
    }
    this.flags |= this.pb.flags;
  }
}
