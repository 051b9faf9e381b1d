// Picks the scanner for a body from its content type and content encoding (and, for gRPC, the :path and
// the descriptor). Unknown types are text; binary media are not scanned; encodings we cannot read are
// flagged UNSUPPORTED_ENCODING and not scanned (the policy decides pass/alert/block).
import { ValueSink, ValueKind, Scanner, ScanOptions, ScanFlag } from "./value";
import { JsonScanner } from "./json";
import { TextScanner } from "./text";
import { FormScanner } from "./form";
import { MultipartScanner, multipartBoundary } from "./multipart";
import { ProtobufScanner } from "./protobuf";
import { ProtoSchema } from "./protoschema";
import { GrpcScanner, isGrpcContentType } from "./grpc";
import { InflatingScanner, InflatedMark, InflateFormat } from "./inflate";

export const enum BodyFormat { Text = 0, Json = 1, Grpc = 2, Protobuf = 3, Form = 4, Multipart = 5, Skip = 6 }

/** The media type without parameters, lowercased. */
export function mediaType(contentType: string): string {
  let t = contentType.toLowerCase();
  const semi = t.indexOf(";");
  if (semi >= 0) t = t.slice(0, semi);
  return t.trim();
}

export function bodyFormat(contentType: string): BodyFormat {
  const t = mediaType(contentType);
  if (isGrpcContentType(t)) return BodyFormat.Grpc;
  if (t == "application/json" || t.endsWith("+json") || t == "text/json" || t == "application/x-ndjson"
    || t == "application/ndjson" || t == "application/jsonl" || t == "application/json-seq") return BodyFormat.Json;
  if (t == "application/x-protobuf" || t == "application/protobuf" || t == "application/vnd.google.protobuf"
    || t == "application/x-google-protobuf") return BodyFormat.Protobuf;
  if (t == "application/x-www-form-urlencoded") return BodyFormat.Form;
  if (t == "multipart/form-data" || t == "multipart/mixed") return BodyFormat.Multipart;
  if (t.startsWith("image/") || t.startsWith("audio/") || t.startsWith("video/") || t.startsWith("font/")
    || t == "application/octet-stream" || t == "application/zip" || t == "application/gzip"
    || t == "application/pdf") return BodyFormat.Skip;
  return BodyFormat.Text;
}

/** Reads nothing (binary media, unreadable encodings); `flags` says why. */
export class SkipScanner extends Scanner {
  constructor(flags: i32 = 0) { super(); this.flags = flags; }
  push(ptr: usize, len: i32, rawBase: i64): void {}
  finish(): void {}
}

/**
 * The scanner for one body. contentEncoding: the content-encoding header ("" = identity). For gRPC,
 * grpcEncoding is the grpc-encoding header and `grpcPath` the :path (picks the message type from the
 * descriptor; `response` chooses request or response type).
 */
export function createBodyScanner(contentType: string, contentEncoding: string, sink: ValueSink,
  opts: ScanOptions = new ScanOptions(), schema: ProtoSchema | null = null, grpcPath: string = "",
  response: bool = true, grpcEncoding: string = ""): Scanner {
  return createBodyScannerAs(bodyFormat(contentType), contentType, contentEncoding, sink, opts, schema, grpcPath, response, grpcEncoding);
}

/** As createBodyScanner, with the format already chosen (the filter's policy maps content types itself);
 *  `contentType` still supplies parameters such as the multipart boundary. */
const SKIP = new SkipScanner();

// JSON scanners for plain JSON bodies are kept for reuse: one costs about fifteen objects (path frames,
// value buffer, text fallback) to allocate and collect per body. Per VM: streams run one callback at a time.
const POOL_MAX = 16;
const jsonPool: JsonScanner[] = [];

function jsonScanner(sink: ValueSink, opts: ScanOptions): JsonScanner {
  let sc: JsonScanner | null = null;
  while (sc === null && jsonPool.length > 0) {
    const old = jsonPool.pop();
    if (old.options === opts) { old.rebind(sink); sc = old; } // one made for an older policy is dropped
  }
  if (sc === null) sc = new JsonScanner(sink, opts);
  sc.poolable = true;
  return sc;
}

/** Hands a body's scanner back once the stream is over (nothing may use it afterwards). */
export function releaseBodyScanner(sc: Scanner): void {
  if (sc instanceof JsonScanner && jsonPool.length < POOL_MAX) {
    const js = changetype<JsonScanner>(sc);
    if (js.poolable) { js.poolable = false; jsonPool.push(js); }
  }
}

export function createBodyScannerAs(fmt: BodyFormat, contentType: string, contentEncoding: string, sink: ValueSink,
  opts: ScanOptions = new ScanOptions(), schema: ProtoSchema | null = null, grpcPath: string = "",
  response: bool = true, grpcEncoding: string = ""): Scanner {
  if (fmt == BodyFormat.Skip) return SKIP; // scans nothing, flags nothing: one for all
  const enc = contentEncoding.toLowerCase().trim();
  let inflate = -1;
  if (enc == "gzip" || enc == "x-gzip") inflate = InflateFormat.Gzip;
  else if (enc == "deflate") inflate = InflateFormat.Auto; // zlib per RFC 9110; raw deflate seen in the wild
  else if (enc.length > 0 && enc != "identity") return new SkipScanner(ScanFlag.UNSUPPORTED_ENCODING);
  const target: ValueSink = inflate >= 0 ? new InflatedMark(sink) : sink;
  let root = -1;
  if (schema !== null && grpcPath.length > 0) root = schema.methodType(grpcPath, response);
  let inner: Scanner;
  switch (fmt) {
    case BodyFormat.Json: inner = inflate < 0 ? jsonScanner(target, opts) : new JsonScanner(target, opts); break;
    case BodyFormat.Grpc: inner = new GrpcScanner(target, opts, schema, root, grpcEncoding.length > 0 ? grpcEncoding : "identity"); break;
    case BodyFormat.Protobuf: inner = new ProtobufScanner(target, opts, schema, root); break;
    case BodyFormat.Form: inner = new FormScanner(target, ValueKind.FormField, opts); break;
    case BodyFormat.Multipart: {
      const b = multipartBoundary(contentType);
      if (b.length == 0) {
        const t = new TextScanner(target);
        t.flags = ScanFlag.MALFORMED;
        inner = t;
      } else inner = new MultipartScanner(target, b, opts);
      break;
    }
    default: inner = new TextScanner(target);
  }
  if (inflate < 0) return inner;
  return new InflatingScanner(inner, <InflateFormat>inflate, opts);
}
