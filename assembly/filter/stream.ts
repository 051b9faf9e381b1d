// Per-stream context: one per HTTP request/response exchange. It matches the route, works out who is
// talking (token identity, local and peer service), scans query, headers and bodies, and applies the
// policy's actions: alert (log + count), redact (same-length, in place), block (clean reply when nothing has
// left the proxy yet; otherwise replace what remains and reset — the only thing Envoy allows then).
//
// A stream keeps the compiled policy it started with, so a reload never gives a stream half a policy.
import {
  Context, FilterHeadersStatusValues, FilterDataStatusValues, FilterTrailersStatusValues, stream_context,
  BufferTypeValues, get_property, set_property, get_current_time_nanoseconds, log, LogLevelValues,
  set_buffer_bytes, HeaderMapTypeValues, WasmResultValues,
} from "@solo-io/proxy-runtime/assembly";
import { free } from "@solo-io/proxy-runtime/assembly/malloc";
import { HeaderMapView } from "../util/headers";
import * as imports from "@solo-io/proxy-runtime/assembly/imports";
import { MicroWafRoot } from "./root";
import { CompiledPolicy } from "./config";
import { BodyWindow, Redaction, overwrite } from "./body";
import { Inspection, StreamFinding, MaskKind, NO_FINDINGS, MASK_QUEUED, MASK_TOO_LATE } from "./inspect";
import { decide, Decision, StreamDecider, reportedAction, actionName, redactOf } from "./decide";
import { sendBlock } from "./reply";
import { tokenFromAuthorization, cookieValue, tokenIdentity, serviceFromSpiffe } from "./identity";
import { Evidence } from "./evidence";
import { spend } from "./budget";
import * as M from "./metrics";
import { Route, Rule } from "../policy/index";
import { PathSegments, mediaType } from "../policy/glob";
import { Action, Direction, Oversize, Compressed, TokenFrom, ServiceFrom, Limit, Per, Scanner as PolicyScanner } from "../policy/model";
import { ScanOptions } from "../scan/value";
import { scanQueryString, scanQuery, scanHeader, scanHeaderAt } from "../scan/form";
import { isGrpcContentType } from "../scan/grpc";
import { BodyFormat } from "../scan/body";

/** State of one direction (request or response) of the stream. */
class Side {
  private win: BodyWindow | null = null;
  inspection: Inspection | null = null;
  route: Route;
  decision: Decision | null = null;
  /** made at the first decision while the body streams (most bodies are decided once, at their end) */
  decider: StreamDecider | null = null;
  /** findings from headers and query (request side) — decided together with the body; never appended to */
  headerFindings: StreamFinding[] = NO_FINDINGS;
  /** bytes of this body that have been released (Continue) */
  released: bool = false;
  /** the body is past max_bytes and scanning stopped (oversize: pass) */
  stopped: bool = false;
  uninspected: string = "";
  done: bool = false;
  /** metrics and evidence written (once per side) */
  recorded: bool = false;
  scanNs: u64 = 0;
  constructor(public dir: Direction, private bufferType: BufferTypeValues, route: Route) {
    this.route = route;
  }
  /** made on first use: most sides without a body never need one */
  get window(): BodyWindow {
    let w = this.win;
    if (w === null) { w = new BodyWindow(this.bufferType); this.win = w; }
    return w;
  }
}

function nowNs(): u64 { return get_current_time_nanoseconds(); }

/** Most bytes carried for one open value in stream mode (the scanner's segment cap plus slack). */
const OPEN_VALUE_HOLD: i32 = 65536 + 16384;

/** Request headers whose syntax HTTP, browsers or the mesh define (or credentials, left to the secret
 *  detectors), and those read with the query already: not read again by attack.*. Every other header is, as
 *  CRS reads REQUEST_HEADERS (docs/policy.md, Attacks). */
const NOT_ATTACK_LIST: string[] = [
  "host", "connection", "cache-control", "pragma", "keep-alive", "te", "transfer-encoding", "upgrade",
  "upgrade-insecure-requests", "proxy-connection", "range", "expect", "authorization", "proxy-authorization",
  "origin", "dnt", "priority", "x-request-id", "traceparent", "tracestate", "b3", "x-ot-span-context",
  "x-cloud-trace-context", "x-amzn-trace-id", "x-forwarded-proto", "x-forwarded-port", "x-forwarded-client-cert",
  "grpc-timeout", "grpc-encoding", "grpc-accept-encoding", "cookie", "referer", "user-agent", "x-api-key",
];
const NOT_ATTACK_HEADERS = new Set<string>();
for (let i = 0; i < NOT_ATTACK_LIST.length; i++) NOT_ATTACK_HEADERS.add(NOT_ATTACK_LIST[i]);
const NOT_ATTACK_PREFIXES: string[] = ["accept", "content-", "if-", "sec-", "x-envoy-", "x-b3-", "x-datadog-"];

function attackHeader(name: string): bool {
  if (name.length == 0 || name.charCodeAt(0) == 0x3a) return false; // pseudo-headers (:path is read on its own)
  if (NOT_ATTACK_HEADERS.has(name)) return false;
  for (let i = 0; i < NOT_ATTACK_PREFIXES.length; i++) if (name.startsWith(unchecked(NOT_ATTACK_PREFIXES[i]))) return false;
  return true;
}

const LABELS_REQUEST: string[] = ["direction", "request"];
const LABELS_RESPONSE: string[] = ["direction", "response"];
const REQUESTS_REQ = new M.FixedMetric(M.Kind.Counter, M.REQUESTS, LABELS_REQUEST);
const REQUESTS_RESP = new M.FixedMetric(M.Kind.Counter, M.REQUESTS, LABELS_RESPONSE);
const BYTES_REQ = new M.FixedMetric(M.Kind.Counter, M.BYTES_INSPECTED, LABELS_REQUEST);
const BYTES_RESP = new M.FixedMetric(M.Kind.Counter, M.BYTES_INSPECTED, LABELS_RESPONSE);
const SCAN_TIME_REQ = new M.FixedMetric(M.Kind.Histogram, M.SCAN_TIME_US, LABELS_REQUEST);
const SCAN_TIME_RESP = new M.FixedMetric(M.Kind.Histogram, M.SCAN_TIME_US, LABELS_RESPONSE);
/** The request's query (under :path) and the headers inspected as values, in this order. */
const INSPECTED_HEADERS: string[] = [":path", "cookie", "referer", "user-agent", "x-api-key"];
const headerBounds = new StaticArray<i32>(6);
/** scanQueryString's default options, made once (scanners only read them) */
const QUERY_SCAN_OPTIONS = new ScanOptions();

/** microwaf_streams_inspected_total by (route, direction, scanner), for the policy the entries were made for. */
class InspectedMetric {
  constructor(public route: Route, public dir: Direction, public scanner: PolicyScanner, public metric: M.FixedMetric) {}
}
const inspectedMetrics: InspectedMetric[] = [];
let inspectedPolicy: CompiledPolicy | null = null;

function streamsInspected(cp: CompiledPolicy, route: Route, dir: Direction, scanner: PolicyScanner): M.FixedMetric {
  if (inspectedPolicy !== cp) { inspectedMetrics.length = 0; inspectedPolicy = cp; } // (a reload: drop the old routes)
  for (let i = 0; i < inspectedMetrics.length; i++) {
    const e = unchecked(inspectedMetrics[i]);
    if (e.route === route && e.dir == dir && e.scanner == scanner) return e.metric;
  }
  const m = new M.FixedMetric(M.Kind.Counter, M.STREAMS_INSPECTED, ["direction", dir == Direction.Request ? "request" : "response", "scanner", scannerName(scanner), "route", route.name]);
  if (inspectedMetrics.length < 64) inspectedMetrics.push(new InspectedMetric(route, dir, scanner, m));
  return m;
}

/**
 * The request headers during onRequestHeaders, fetched with one host call instead of one per lookup (about
 * a dozen: routing, identity, the inspected headers) and read in place (no copy per header); not loaded
 * outside that callback or once the filter changed a header. Like Envoy's get_header_map_value, a lookup
 * answers the first header of that name.
 */
const reqHeaders = new HeaderMapView();
let reqLoaded: bool = false;
/** where the host writes the returned buffer's address and size */
const hostRef: usize = memory.data(8);

function loadRequestHeaders(): void {
  let buf: ArrayBuffer;
  if (imports.proxy_get_header_map_pairs(HeaderMapTypeValues.RequestHeaders, hostRef, hostRef + 4) == WasmResultValues.Ok && load<u32>(hostRef + 4) != 0) {
    const ptr = load<usize>(hostRef);
    buf = changetype<ArrayBuffer>(ptr);
    free(ptr); // the host allocated it pinned (malloc); `buf` keeps it alive from here
  } else {
    buf = new ArrayBuffer(0);
  }
  reqHeaders.load(buf);
  reqLoaded = true;
}

function forgetRequestHeaders(): void { reqHeaders.clear(); reqLoaded = false; }

function header(map: i32, name: string): string {
  if (map == 0 && reqLoaded) return reqHeaders.get(name);
  return map == 0 ? stream_context.headers.request.get(name) : stream_context.headers.response.get(name);
}

/** A response header by its name's UTF-8 bytes (made once, see K_*): as header(2, name), one host call. */
function responseHeader(key: ArrayBuffer): string {
  if (imports.proxy_get_header_map_value(HeaderMapTypeValues.ResponseHeaders, changetype<usize>(key), key.byteLength, hostRef, hostRef + 4) != WasmResultValues.Ok) return "";
  const size = load<u32>(hostRef + 4);
  if (size == 0) return "";
  const ptr = load<usize>(hostRef);
  const buf = changetype<ArrayBuffer>(ptr);
  free(ptr); // pinned by the host's malloc; `buf` keeps it alive
  return String.UTF8.decode(buf);
}

/** The response's :status as a number (0 if missing or not digits), read from the host's bytes: no string. */
function responseStatus(): i32 {
  if (imports.proxy_get_header_map_value(HeaderMapTypeValues.ResponseHeaders, changetype<usize>(K_STATUS), K_STATUS.byteLength, hostRef, hostRef + 4) != WasmResultValues.Ok) return 0;
  const size = <i32>load<u32>(hostRef + 4);
  if (size == 0) return 0;
  const ptr = load<usize>(hostRef);
  let status = 0;
  for (let i = 0; i < min(size, 9); i++) {
    const c = <i32>load<u8>(ptr + <usize>i) - 0x30;
    if (<u32>c > 9) break;
    status = status * 10 + c;
  }
  free(ptr); // the host's malloc'd copy (pinned): unpinned, collected with the next garbage
  return status;
}

const K_CONTENT_TYPE = String.UTF8.encode("content-type");
const K_CONTENT_ENCODING = String.UTF8.encode("content-encoding");
const K_GRPC_ENCODING = String.UTF8.encode("grpc-encoding");
const K_STATUS = String.UTF8.encode(":status");

/** attackHeader for header `i` of the loaded request headers: no string unless the name is not ASCII. */
function attackHeaderAt(h: HeaderMapView, i: i32): bool {
  if (!h.nameIsAscii(i)) return attackHeader(h.lowerName(i));
  const b0 = h.nameByte0(i);
  if (b0 < 0 || b0 == 0x3a) return false;
  for (let k = 0; k < NOT_ATTACK_LIST.length; k++) if (h.nameEquals(i, unchecked(NOT_ATTACK_LIST[k]))) return false;
  for (let k = 0; k < NOT_ATTACK_PREFIXES.length; k++) if (h.nameStartsWith(i, unchecked(NOT_ATTACK_PREFIXES[k]))) return false;
  return true;
}

export class StreamContext extends Context {
  private config: CompiledPolicy | null;
  private req: Side | null = null;
  private resp: Side | null = null;
  private path: string = "";
  private method: string = "";
  private requestId: string = "";
  private isGrpc: bool = false;
  private token: string = "";
  private local: string = "";
  private peer: string = "";
  private headersHeld: bool = false;
  private blocked: bool = false;
  /** made when there is something to report (most streams have nothing): see `evidence` */
  private ev: Evidence | null = null;
  private evRoute: string = "";
  private get evidence(): Evidence {
    let e = this.ev;
    if (e === null) {
      e = new Evidence();
      e.begin(this.requestId, this.method, this.evRoute, this.local);
      this.ev = e;
    }
    return e;
  }

  constructor(context_id: u32, root: MicroWafRoot) {
    super(context_id, root);
    this.config = root.config;
  }

  private get root(): MicroWafRoot { return this.root_context as MicroWafRoot; }
  private get policy(): CompiledPolicy { return changetype<CompiledPolicy>(this.config); }

  // ---------------------------------------------------------------- request

  onRequestHeaders(n: u32, end_of_stream: bool): FilterHeadersStatusValues {
    loadRequestHeaders();
    const status = this.requestHeaders(n, end_of_stream);
    forgetRequestHeaders();
    return status;
  }

  private requestHeaders(_n: u32, end_of_stream: bool): FilterHeadersStatusValues {
    const metrics = this.root.metrics;
    metrics.countFixed(REQUESTS_REQ);
    if (this.config === null) return FilterHeadersStatusValues.Continue;
    const cp = this.policy;
    const p = cp.policy;
    this.path = header(0, ":path"); // (:authority is read by routing only: see routeFor)
    this.method = header(0, ":method");
    this.requestId = header(0, "x-request-id");
    const contentType = header(0, "content-type");
    this.isGrpc = isGrpcContentType(contentType);
    const route = this.routeFor(Direction.Request, contentType);
    this.identify();
    this.evRoute = route.name; // for the evidence, if any

    if (p.body.stripAcceptEncoding) stream_context.headers.request.remove("accept-encoding"); // (not looked up again)

    const side = new Side(Direction.Request, BufferTypeValues.HttpRequestBody, route);
    this.req = side;
    if (this.blocklisted()) {
      this.block(side, "blocklist", p.blocklists.status);
      return FilterHeadersStatusValues.StopIteration;
    }
    // Query parameters and selected headers are values too (secrets in URLs, tokens sent to the wrong place).
    if (cp.anyEnabled(route, Direction.Request)) {
      const codeMask = cp.codeMaskFor(route, Direction.Request);
      const hs = new Inspection(cp, cp.enabledMask(route, Direction.Request), BodyFormat.Skip, "", "", "", false, "", this.scanOptions(), codeMask);
      hs.keepValues = this.keepValues();
      const q = this.path.indexOf("?");
      const names = INSPECTED_HEADERS;
      const bounds = headerBounds; // findings [bounds[k], bounds[k+1]) come from names[k]
      // An ASCII path is read in place (its bytes are what this.path re-encodes to: redaction offsets agree)
      const pi = reqLoaded ? reqHeaders.find(":path") : -1;
      if (pi >= 0 && reqHeaders.valueIsAscii(pi)) {
        const pp = reqHeaders.valuePtr(pi), pl = reqHeaders.valueLength(pi);
        hs.scanPathAt(pp, q >= 0 ? q : pl);
        unchecked(bounds[0] = hs.findings.length);
        if (q >= 0) scanQuery(pp, pl, 0, hs, QUERY_SCAN_OPTIONS);
      } else {
        hs.scanPath(q >= 0 ? this.path.substring(0, q) : this.path);
        unchecked(bounds[0] = hs.findings.length);
        if (q >= 0) scanQueryString(this.path, hs, QUERY_SCAN_OPTIONS);
      }
      unchecked(bounds[1] = hs.findings.length);
      for (let i = 1; i < names.length; i++) {
        const name = unchecked(names[i]);
        const hi = reqLoaded && name != "cookie" ? reqHeaders.find(name) : -1;
        if (hi >= 0 && reqHeaders.valueIsAscii(hi)) {
          if (reqHeaders.valueLength(hi) > 0) scanHeaderAt(name, reqHeaders.valuePtr(hi), reqHeaders.valueLength(hi), hs);
        } else {
          const v = header(0, name);
          if (v.length > 0) {
            scanHeader(name, v, hs);
            if (name == "cookie") hs.scanCookieNames(v); // attack.* only; not redactable
          }
        }
        unchecked(bounds[i + 1] = hs.findings.length);
      }
      // attack.* also read the other request headers (not the ones HTTP or the mesh define, see attackHeader)
      if (codeMask != 0) {
        if (reqLoaded) {
          const h = reqHeaders;
          // an empty value is not scanned (scanHeaderAttacks returns at once): no copy made for it
          for (let i = 0; i < h.count; i++) if (h.valueLength(i) > 0 && attackHeaderAt(h, i)) hs.scanHeaderAttacks(h.lowerName(i), h.valueBytes(i));
        } else {
          const pairs = stream_context.headers.request.get_headers();
          for (let i = 0; i < pairs.length; i++) {
            const name = String.UTF8.decode(pairs[i].key).toLowerCase();
            if (attackHeader(name)) hs.scanHeaderAttacks(name, pairs[i].value);
          }
        }
      }
      side.headerFindings = hs.findings;
      this.redactHeaders(side, names, bounds);
      if (!end_of_stream) {
        const enc = header(0, "content-encoding");
        side.inspection = this.openBody(side, contentType, enc, this.isGrpc ? this.grpcPath() : "", false);
      }
    }
    if (end_of_stream || side.inspection === null) {
      if (side.headerFindings.length > 0) {
        const d = this.decideSide(side);
        this.spendBudgets(side, d);
        this.record(side, d);
        if (d.applied == Action.Block) {
          this.block(side, this.categoryOf(side, d), d.status);
          return FilterHeadersStatusValues.StopIteration;
        }
      }
      side.done = true;
    } else if (side.headerFindings.length > 0) {
      // A body follows, but headers that block on their own are refused now: Continue would send them (and
      // the value) upstream before the body is read. More findings only strengthen a decision, so it holds.
      const d = this.decideSide(side);
      if (d.applied == Action.Block) {
        side.done = true;
        this.spendBudgets(side, d);
        this.record(side, d);
        this.block(side, this.categoryOf(side, d), d.status);
        return FilterHeadersStatusValues.StopIteration;
      }
    }
    return FilterHeadersStatusValues.Continue;
  }

  onRequestBody(body_buffer_length: usize, end_of_stream: bool): FilterDataStatusValues {
    const side = this.req;
    if (side === null || side.done || this.blocked) return this.blocked ? FilterDataStatusValues.StopIterationAndBuffer : FilterDataStatusValues.Continue;
    return this.onBody(side, <i32>body_buffer_length, end_of_stream);
  }

  onRequestTrailers(_n: u32): FilterTrailersStatusValues {
    const side = this.req;
    if (side !== null && !side.done && !this.blocked) {
      const size = this.bufferedSize(side);
      this.onBody(side, size, true);
    }
    return this.blocked ? FilterTrailersStatusValues.StopIteration : FilterTrailersStatusValues.Continue;
  }

  // ---------------------------------------------------------------- response

  onResponseHeaders(_n: u32, end_of_stream: bool): FilterHeadersStatusValues {
    this.root.metrics.countFixed(REQUESTS_RESP);
    if (this.blocked) {
      // our own block reply passing through the encoder chain: its body is JSON
      if (!this.isGrpc && stream_context.headers.response.get("x-microwaf") == "blocked") {
        stream_context.headers.response.replace("content-type", "application/json");
      }
      return FilterHeadersStatusValues.Continue;
    }
    if (this.config === null) return FilterHeadersStatusValues.Continue;
    const cp = this.policy;
    const p = cp.policy;
    // Without routes the Content-Type matters only to a body that will be inspected: not looked up otherwise
    // (204, 304, redirects: one host call fewer).
    const routed = p.routes.length > 0;
    let contentType = routed ? responseHeader(K_CONTENT_TYPE) : "";
    const route = this.routeFor(Direction.Response, contentType);
    const side = new Side(Direction.Response, BufferTypeValues.HttpResponseBody, route);
    this.resp = side;
    if (end_of_stream || !cp.anyEnabled(route, Direction.Response)) { side.done = true; return FilterHeadersStatusValues.Continue; }
    if (!routed) contentType = responseHeader(K_CONTENT_TYPE);
    if (isGrpcContentType(contentType)) this.isGrpc = true;
    const ins = this.openBody(side, contentType, responseHeader(K_CONTENT_ENCODING), this.isGrpc ? this.grpcPath() : "", true);
    side.inspection = ins;
    if (ins === null) { side.done = true; return FilterHeadersStatusValues.Continue; }
    // leak detectors: everywhere in error responses, under error-like keys in successful ones
    const status = responseStatus();
    ins.leakEverywhere = status >= 400 || status == 0;
    if (p.body.holdHeaders && p.body.holdBytes > 0) {
      // Needs Envoy ≥ 1.35 with allow_on_headers_stop_iteration: true (see docs/policy.md, body.hold_headers).
      this.headersHeld = true;
      return FilterHeadersStatusValues.StopIteration;
    }
    return FilterHeadersStatusValues.Continue;
  }

  onResponseBody(body_buffer_length: usize, end_of_stream: bool): FilterDataStatusValues {
    const side = this.resp;
    if (side === null) return FilterDataStatusValues.Continue;
    if (this.blocked) return this.afterBlock(side, <i32>body_buffer_length);
    if (side.done) return FilterDataStatusValues.Continue;
    return this.onBody(side, <i32>body_buffer_length, end_of_stream);
  }

  onResponseTrailers(_n: u32): FilterTrailersStatusValues {
    const side = this.resp;
    if (side !== null && !side.done && !this.blocked) {
      const size = this.bufferedSize(side);
      const st = this.onBody(side, size, true);
      // The body is decided at the trailers: if it was blocked, what Envoy still buffers is blanked now.
      if (this.blocked && st != FilterDataStatusValues.Continue) this.afterBlock(side, size);
    }
    if (this.blocked && this.blankingResponse && this.isGrpc) {
      stream_context.trailers.response.replace("grpc-status", "7");
      stream_context.trailers.response.replace("grpc-message", "blocked by policy: " + this.blockReason);
    }
    if (this.blocked && !this.blankingResponse) return FilterTrailersStatusValues.StopIteration;
    return FilterTrailersStatusValues.Continue;
  }

  // ---------------------------------------------------------------- bodies

  private scanOptions(): ScanOptions { return this.policy.scanOptions; }

  private openBody(side: Side, contentType: string, encoding: string, grpcPath: string, response: bool): Inspection | null {
    const cp = this.policy;
    const p = cp.policy;
    if (!cp.anyEnabled(side.route, side.dir)) return null;
    const scanner = p.scannerFor(contentType);
    if (scanner == PolicyScanner.Skip) return null;
    const enc = encoding.toLowerCase();
    const compressed = enc.length > 0 && enc != "identity";
    if (compressed && p.body.compressed != Compressed.Inflate) {
      side.uninspected = "compressed";
      this.countUninspected(side, "compressed");
      if (p.body.compressed == Compressed.Alert) this.evidence.note(side.dir, "compressed body not inspected");
      if (p.body.compressed == Compressed.Block) this.block(side, "compressed", 415);
      return null;
    }
    // grpc-encoding matters to the gRPC scanner only: not looked up for other bodies
    const grpcEncoding = scanner != PolicyScanner.Grpc ? "" : response ? responseHeader(K_GRPC_ENCODING) : header(0, "grpc-encoding");
    const ins = new Inspection(cp, cp.enabledMask(side.route, side.dir), bodyFormatOf(scanner), contentType, encoding, grpcPath, response,
      grpcEncoding, this.scanOptions(), cp.codeMaskFor(side.route, side.dir));
    ins.keepValues = this.keepValues();
    this.root.metrics.countFixed(streamsInspected(cp, side.route, side.dir, scanner));
    return ins;
  }

  private bufferedSize(side: Side): i32 {
    // Everything Envoy holds for this side has been read by the window (trailers end the body); bytes we
    // carry are not in Envoy's buffer until restoreCarry puts them back.
    const c = side.window.carry;
    return <i32>(side.window.seen - side.window.base) - (c === null ? 0 : c.length);
  }


  private onBody(side: Side, size: i32, eos: bool): FilterDataStatusValues {
    const p = this.policy.policy;
    const ins = side.inspection;
    size = side.window.restoreCarry(size); // the open value held back from the last release goes first
    const dirName = side.dir == Direction.Request ? "request" : "response";
    if (ins !== null && !side.stopped) {
      const t0 = nowNs();
      const chunk = side.window.readNew(size);
      const rawBase = side.window.seen - <i64>chunk.length;
      const over = side.window.seen - p.body.maxBytes;
      if (over > 0 && p.body.oversize != Oversize.Stream) {
        // Past max_bytes: scan up to the limit, then pass or block as the policy says.
        const keep = <i32>max(<i64>0, <i64>chunk.length - over);
        if (keep > 0) ins.push(chunk.subarray(0, keep), rawBase);
        if (p.body.oversize == Oversize.Block) {
          this.block(side, "too_large", side.dir == Direction.Request ? 413 : 502);
          return this.afterBlock(side, size);
        }
        side.stopped = true;
        side.uninspected = "too_large";
        this.countUninspected(side, "too_large");
      } else {
        ins.push(chunk, rawBase);
      }
      if (eos) ins.finish();
      side.scanNs += nowNs() - t0;
      if (ins.uninspectable && side.uninspected.length == 0) {
        side.uninspected = "unreadable_encoding";
        this.countUninspected(side, "unreadable_encoding");
        if (p.body.compressed == Compressed.Block) { this.block(side, "compressed", 415); return this.afterBlock(side, size); }
      }
    }
    if (eos) return this.finishSide(side, size);
    // Hold (up to hold_bytes) so a decision can still rewrite or replace the body; past it, stream.
    const held = side.window.seen - side.window.base;
    if (held < p.body.holdBytes && !side.released) return FilterDataStatusValues.StopIterationAndBuffer;
    // Streaming: act on what is known so far (thresholds may already be reached).
    if (ins !== null) {
      const d = this.decideSide(side, true);
      if (d.applied == Action.Block) {
        this.block(side, this.categoryOf(side, d), d.status);
        return this.afterBlock(side, size);
      }
      this.queueRedactions(side, d);
      // Never release the first part of a value still being decoded: a finding in it could not be masked
      // any more. Release up to its start and carry the rest into the next buffer (bounded: values longer
      // than the scanner's cap arrive in segments). Not for gRPC: its trailers end the body with no callback
      // to put carried bytes back.
      const open = ins.scanner.openValueStart();
      if (!this.isGrpc && open >= side.window.base && side.window.seen - open <= <i64>OPEN_VALUE_HOLD) {
        if (open == side.window.base) return FilterDataStatusValues.StopIterationAndBuffer; // all of it is one open value
        if (!side.window.releaseKeeping(size, open)) log(LogLevelValues.warn, "microwaf: could not rewrite the body buffer for redaction");
        side.released = true;
        return FilterDataStatusValues.Continue;
      }
    }
    this.release(side, size);
    return FilterDataStatusValues.Continue;
  }

  private finishSide(side: Side, size: i32): FilterDataStatusValues {
    side.done = true;
    const d = this.decideSide(side);
    this.spendBudgets(side, d);
    if (d.applied == Action.Block) {
      this.record(side, d);
      this.block(side, this.categoryOf(side, d), d.status);
      return this.afterBlock(side, size);
    }
    this.queueRedactions(side, d);
    this.record(side, d); // after queueing: it counts only the values actually masked
    // Stream mode: a value that straddled an earlier release point was only partly masked, and one released
    // before its rule's threshold was reached not at all; say so.
    const missed = side.window.missedBytes;
    if (missed > 0) this.evidence.note(side.dir, "redaction incomplete: " + missed.toString() + " matched bytes had already been released (stream mode)");
    let late = 0; // only body findings are masked in the body (queueRedactions)
    const bodyFindings = side.inspection === null ? NO_FINDINGS : changetype<Inspection>(side.inspection).findings;
    for (let i = 0; i < bodyFindings.length; i++) if (bodyFindings[i].masking == MASK_TOO_LATE) late++;
    if (late > 0) this.evidence.note(side.dir, "redaction incomplete: " + late.toString() + " values had already been released when their redact rule reached its threshold (stream mode)");
    this.release(side, size);
    return FilterDataStatusValues.Continue;
  }

  private release(side: Side, size: i32): void {
    if (!side.window.release(size)) log(LogLevelValues.warn, "microwaf: could not rewrite the body buffer for redaction");
    side.released = true;
  }

  private allFindings(side: Side): StreamFinding[] {
    const ins = side.inspection;
    if (ins === null) return side.headerFindings;
    if (side.headerFindings.length == 0) return ins.findings;
    return side.headerFindings.concat(ins.findings);
  }

  /** `streaming`: findings may still grow (judged incrementally); otherwise they are final (sorted). */
  private decideSide(side: Side, streaming: bool = false): Decision {
    let d: Decision;
    if (streaming) {
      let sd = side.decider;
      if (sd === null) { sd = new StreamDecider(); side.decider = sd; }
      d = sd.decide(this.policy.policy, side.route, side.dir, this.allFindings(side));
    } else d = decide(this.policy.policy, side.route, side.dir, this.allFindings(side));
    this.failClosedUnredactable(side, d);
    side.decision = d;
    return d;
  }

  /**
   * A body value a rule redacts but that cannot be rewritten in place (it came from compressed data) would
   * leave as it is: block the message instead, and say why in the evidence.
   */
  private failClosedUnredactable(side: Side, d: Decision): void {
    if (d.applied != Action.Redact) return; // alert, monitor mode, or already a block
    const ins = side.inspection;
    if (ins === null) return;
    const fs = this.allFindings(side);
    const first = max(fs.length - ins.findings.length, d.judgedFrom); // earlier ones were checked before
    let n = 0;
    for (let i = first; i < fs.length; i++) {
      if (d.actions[i] != Action.Redact || fs[i].mask != MaskKind.None) continue;
      d.actions[i] = Action.Block;
      if (n++ == 0) {
        d.blockBy = i;
        const r = d.rules[i];
        d.status = r === null ? 403 : r.status;
      }
    }
    if (n == 0) return;
    d.wanted = Action.Block;
    d.applied = Action.Block;
    this.evidence.note(side.dir, "blocked instead of redacted: " + n.toString() + " value(s) in compressed data cannot be rewritten in place");
  }

  /**
   * Query and header values that a redact rule covers on their own are rewritten in place (same length)
   * before the headers go upstream. Findings that reach a redact threshold only together with body
   * findings are decided after the headers left and cannot be.
   */
  private redactHeaders(side: Side, names: string[], bounds: StaticArray<i32>): void {
    const fs = side.headerFindings;
    if (fs.length == 0) return;
    const d = decide(this.policy.policy, side.route, side.dir, fs);
    if (d.applied != Action.Redact) return; // alert or monitor: nothing changes; block: the caller blocks
    for (let k = 0; k < names.length; k++) {
      const rs = new Array<Redaction>();
      for (let i = bounds[k]; i < bounds[k + 1]; i++) {
        const f = fs[i];
        if (d.actions[i] != Action.Redact || f.mask == MaskKind.None || f.rawStart < 0) continue;
        rs.push(this.redactionFor(f, d.rules[i]));
      }
      if (rs.length == 0) continue;
      const bytes = Uint8Array.wrap(String.UTF8.encode(header(0, names[k])));
      overwrite(bytes, 0, rs);
      stream_context.headers.request.replace(names[k], String.UTF8.decode(bytes.buffer));
      forgetRequestHeaders(); // later lookups must see the rewritten value
    }
  }

  private redactionFor(f: StreamFinding, rule: Rule | null): Redaction {
    const r = new Redaction(f.rawStart, f.rawEnd, f.mask, f.tokStart, f.tokEnd);
    const style = redactOf(rule);
    r.style = style.style;
    r.keep = style.keep;
    r.text = Uint8Array.wrap(String.UTF8.encode(jsonSafe(style.text)));
    r.char = <u8>(style.char.length > 0 ? style.char.charCodeAt(0) : 0x2a);
    return r;
  }

  private queueRedactions(side: Side, d: Decision): void {
    if (d.applied == Action.Alert) return;
    const fs = this.allFindings(side);
    const ins = side.inspection;
    const body = ins === null ? 0 : ins.findings.length;
    // header findings cannot be rewritten in the body; those judged earlier in this stream were queued then
    const first = max(fs.length - body, d.judgedFrom);
    for (let i = first; i < fs.length; i++) {
      if (d.actions[i] != Action.Redact) continue;
      const f = fs[i];
      if (f.mask == MaskKind.None || f.masking != 0) continue; // nothing to mask, or decided before
      // released whole before a rule reached its threshold (stream mode): it left unmasked; say so, not count it
      if (f.rawEnd <= side.window.base && side.released) { f.masking = MASK_TOO_LATE; continue; }
      f.masking = MASK_QUEUED;
      side.window.add(this.redactionFor(f, d.rules[i]));
    }
  }

  /** Metrics and evidence for one side, once its decision is final. */
  private record(side: Side, d: Decision): void {
    if (side.recorded) return;
    side.recorded = true;
    const dirName = side.dir == Direction.Request ? "request" : "response";
    const metrics = this.root.metrics;
    const fs = this.allFindings(side);
    const ins = side.inspection;
    if (fs.length > 0) this.recordFindings(side, d, fs, dirName);
    if (ins !== null) {
      const dirLabels = side.dir == Direction.Request ? LABELS_REQUEST : LABELS_RESPONSE;
      const request = side.dir == Direction.Request;
      metrics.countFixed(request ? BYTES_REQ : BYTES_RESP, ins.bytes);
      metrics.observeFixed(request ? SCAN_TIME_REQ : SCAN_TIME_RESP, side.scanNs / 1000);
      if (ins.malformed) metrics.count(M.MALFORMED, dirLabels);
      if (ins.dropped > 0) this.evidence.note(side.dir, "findings over the per-stream cap: " + ins.dropped.toString());
    }
  }

  private recordFindings(side: Side, d: Decision, fs: StreamFinding[], dirName: string): void {
    const p = this.policy.policy;
    const metrics = this.root.metrics;
    const ins = side.inspection;
    // one counter update per distinct (detector, action), not per finding: a stat name is built per update
    const keyDet: i32[] = [], keyAct: i32[] = [], keyN: i32[] = [], keyRedacted: i32[] = [];
    for (let i = 0; i < fs.length; i++) {
      const f = fs[i];
      const det = p.detectors[f.detector];
      const act = <i32>d.actions[i];
      let k = 0;
      while (k < keyDet.length && !(unchecked(keyDet[k]) == f.detector && unchecked(keyAct[k]) == act)) k++;
      if (k == keyDet.length) { keyDet.push(f.detector); keyAct.push(act); keyN.push(0); keyRedacted.push(0); }
      unchecked(keyN[k] = unchecked(keyN[k]) + 1);
      if (d.applied == Action.Redact && d.actions[i] == Action.Redact && f.mask != MaskKind.None && f.masking != MASK_TOO_LATE) unchecked(keyRedacted[k] = unchecked(keyRedacted[k]) + 1);
      const inBody = i >= fs.length - (ins === null ? 0 : ins.findings.length);
      this.evidence.finding(dirName, det.id, det.category, reportedAction(p, d.actions[i]), f.path, inBody ? f.rawStart : -1, inBody ? f.rawEnd : -1, f.value, p.report);
    }
    for (let k = 0; k < keyDet.length; k++) {
      const det = p.detectors[keyDet[k]];
      metrics.count(M.FINDINGS, ["detector", det.id, "category", det.category, "action", reportedAction(p, <Action>keyAct[k]), "direction", dirName,
        "route", side.route.name, "local", this.local, "peer", this.peerName], keyN[k]);
      if (keyRedacted[k] > 0) metrics.count(M.REDACTIONS, ["category", det.category, "direction", dirName, "route", side.route.name], keyRedacted[k]);
    }
  }

  /**
   * Counts this message's findings against the policy's limits (shared by every worker VM). Over budget, a
   * block limit blocks this message (its values did not leak, so they are not counted); an alert limit is
   * counted and reported.
   */
  private spendBudgets(side: Side, d: Decision): void {
    const p = this.policy.policy;
    if (p.limits.length == 0) return;
    const fs = this.allFindings(side);
    const limits = new Array<Limit>();
    const counts = new Array<u32>();
    for (let i = 0; i < fs.length; i++) {
      const ls = p.limitsFor(side.route, fs[i].detector, side.dir);
      for (let k = 0; k < ls.length; k++) {
        const j = limits.indexOf(ls[k]);
        if (j >= 0) counts[j]++;
        else { limits.push(ls[k]); counts.push(1); }
      }
    }
    const nowMs = <i64>(nowNs() / 1000000);
    for (let j = 0; j < limits.length; j++) {
      const l = limits[j];
      const subject = l.per == Per.Token ? this.tokenName : l.per == Per.PeerService ? this.peerName : side.route.name;
      if (subject.length == 0 || subject == "unknown") continue; // nobody to attribute it to
      const blocks = l.action == Action.Block;
      const r = spend("microwaf:budget:" + l.name + ":" + subject, counts[j], <u64>l.max, l.windowMs, nowMs, !blocks);
      if (r.failed) this.evidence.note(side.dir, "budget " + l.name + " could not be updated (shared data contention)");
      if (!r.over) continue;
      this.root.metrics.count(M.BUDGET_TRIPS, ["limit", l.name, "route", side.route.name]);
      this.evidence.note(side.dir, "over budget " + l.name + " (" + r.before.toString() + " in window, max " + l.max.toString() + ")");
      if (blocks && <i32>d.wanted < <i32>Action.Block) {
        d.wanted = Action.Block;
        d.applied = p.effectiveAction(Action.Block);
        d.status = l.status;
        d.reason = "budget:" + l.name;
      }
    }
  }

  private categoryOf(side: Side, d: Decision): string {
    if (d.reason.length > 0) return d.reason;
    if (d.blockBy < 0) return "policy";
    const fs = this.allFindings(side);
    return this.policy.policy.detectors[fs[d.blockBy].detector].category;
  }

  // ---------------------------------------------------------------- blocking

  private block(side: Side, reason: string, status: i32): void {
    if (this.blocked) return;
    this.blocked = true;
    // A block the findings did not decide (too large, compressed, blocklist) can come after findings the last
    // decision does not cover, or before any decision: decide on all of them, so each is reported with its
    // action (recording a shorter decision read past its end and trapped: fuzz seed 7025, oversize: block).
    let d = side.decision;
    const fs = this.allFindings(side);
    if (fs.length > 0 && (d === null || d.actions.length != fs.length)) d = this.decideSide(side);
    if (d !== null) this.record(side, d);
    const dirName = side.dir == Direction.Request ? "request" : "response";
    this.root.metrics.count(M.BLOCKS, ["direction", dirName, "reason", reason, "route", side.route.name]);
    this.evidence.blocked(dirName, reason);
    const nothingSent = side.dir == Direction.Request || this.headersHeld;
    if (nothingSent) {
      // Request side, or response headers still held (hold_headers): a clean local reply.
      sendBlock(this.isGrpc, this.requestId, reason, status);
      return;
    }
    // Response headers already left: what Envoy allows is rewriting the body. The body callback that is
    // running rewrites what it holds (afterBlock) and every later chunk is blanked; if some body bytes had
    // already been released, the stream is reset after blanking.
    this.blankingResponse = true;
    this.blockReason = reason;
    this.leakedBeforeBlock = side.released;
  }

  /** response bytes had already been released when the block was decided (the stream will be reset) */
  private leakedBeforeBlock: bool = false;
  private blanked: bool = false;

  private blankingResponse: bool = false;
  private blockReason: string = "";

  /**
   * The status for a body callback once the stream is blocked. Request side / held headers: the local reply
   * takes over. Response with headers sent: this callback's buffer is rewritten — the JSON error padded to
   * the same length when nothing had left (Content-Length stays right), blanks otherwise (gRPC: empty, the
   * trailers say PERMISSION_DENIED) — and released; if bytes had already left, the stream is also reset.
   */
  private afterBlock(side: Side, size: i32): FilterDataStatusValues {
    if (!this.blankingResponse || side.dir != Direction.Response) return FilterDataStatusValues.StopIterationAndBuffer;
    const w = side.window;
    let replacement: ArrayBuffer;
    if (this.isGrpc) replacement = new ArrayBuffer(0);
    else if (!this.leakedBeforeBlock && !this.blanked) replacement = String.UTF8.encode(blockBodyPadded(this.requestId, this.blockReason, size));
    else replacement = blanks(size);
    this.blanked = true;
    set_buffer_bytes(BufferTypeValues.HttpResponseBody, 0, <u32>size, replacement);
    w.base += <i64>size;
    w.seen = max(w.seen, w.base);
    if (this.leakedBeforeBlock && !this.resetSent) {
      // Earlier bytes of this body are already with the client: end the exchange rather than let it look whole.
      this.resetSent = true;
      imports.proxy_close_stream(1);
    }
    side.released = true;
    return FilterDataStatusValues.Continue;
  }

  private resetSent: bool = false;

  /** The normalized path, authority and method, made once for both directions (only if there are routes). */
  private segs: PathSegments | null = null;
  private authorityLower: string = "";
  private methodUpper: string = "";

  /** As Policy#matchRoute; a policy without routes has only the default one. */
  private routeFor(dir: Direction, contentType: string): Route {
    const p = this.policy.policy;
    if (p.routes.length == 0) return p.defaultRoute;
    let segs = this.segs;
    if (segs === null) {
      segs = new PathSegments(this.path);
      this.segs = segs;
      this.authorityLower = header(0, ":authority").toLowerCase(); // the first call is in onRequestHeaders
      this.methodUpper = this.method.toUpperCase();
    }
    return p.matchRouteSegments(this.authorityLower, segs, this.methodUpper, dir, mediaType(contentType));
  }

  // ---------------------------------------------------------------- identity

  private identify(): void {
    const id = this.policy.policy.identity;
    for (let i = 0; i < id.tokenFrom.length && this.rawToken.length == 0; i++) {
      const src = id.tokenFrom[i];
      let raw = "";
      if (src.from == TokenFrom.Header) {
        raw = header(0, src.name);
        if (raw.length > 0) raw = src.name == "authorization" ? tokenFromAuthorization(raw) : stripPrefix(raw, src.prefix);
      } else {
        raw = stripPrefix(cookieValue(header(0, "cookie"), src.name), src.prefix);
      }
      this.rawToken = raw; // its identity (a JWT claim or a hash) is worked out when first needed: see tokenName
    }
    this.local = this.service(id.localService, true);
    // The peer from properties (peer metadata, the peer certificate) is looked up when first needed: most
    // streams report nothing and never need it. They are the connection's, the same all stream long;
    // a header source is read now, while the request headers are at hand.
    if (hasHeaderSource(id.peerService)) this.peer = this.service(id.peerService, false);
    else this.peerPending = true;
  }

  /** the credential found by identify ("" if none), until tokenName has turned it into an identity */
  private rawToken: string = "";

  /** The token identity (tokenIdentity of the credential; "" without one), computed once, when first needed. */
  private get tokenName(): string {
    if (this.rawToken.length > 0) {
      this.token = tokenIdentity(this.rawToken, this.policy.policy.identity.jwtClaim);
      this.rawToken = "";
    }
    return this.token;
  }

  /** peer service sources not read yet (see identify) */
  private peerPending: bool = false;

  private get peerName(): string {
    if (this.peerPending) {
      this.peerPending = false;
      this.peer = this.service(this.policy.policy.identity.peerService, false);
    }
    return this.peer;
  }

  private service(sources: ServiceSource[], local: bool): string {
    if (local && sources === localServiceFor) return localService;
    const v = this.resolveService(sources, local);
    if (local && fixedForVm(sources, this.serviceHit)) { localServiceFor = sources; localService = v; }
    return v;
  }

  /** index of the source that resolved the last service (sources.length if none) */
  private serviceHit: i32 = 0;

  private resolveService(sources: ServiceSource[], local: bool): string {
    this.serviceHit = sources.length;
    for (let i = 0; i < sources.length; i++) {
      this.serviceHit = i;
      const s = sources[i];
      let v = "";
      if (s.from == ServiceFrom.Value) v = s.value;
      else if (s.from == ServiceFrom.Header) v = header(0, s.value);
      else if (s.from == ServiceFrom.NodeMetadata) v = prop(["node", "metadata", s.value]);
      else if (s.from == ServiceFrom.PeerMetadata) v = prop(["downstream_peer", s.value.toLowerCase()]);
      else if (s.from == ServiceFrom.Spiffe) {
        const uri = prop(["connection", local ? "uri_san_local_certificate" : "uri_san_peer_certificate"]);
        if (uri.length > 0) v = s.value == "id" ? uri : serviceFromSpiffe(uri);
      }
      if (v.length > 0) return v;
    }
    return "unknown";
  }

  private blocklisted(): bool {
    const b = this.policy.policy.blocklists;
    if (b.peerServices.length > 0) {
      const peer = this.peerName;
      if (peer.length > 0 && b.peerServices.includes(peer)) return true;
    }
    if (b.tokens.length > 0 || b.jwtSubjects.length > 0) {
      const token = this.tokenName;
      if (token.length > 0) {
        for (let i = 0; i < b.tokens.length; i++) if (token == "sha256:" + b.tokens[i] || token == b.tokens[i]) return true;
        for (let i = 0; i < b.jwtSubjects.length; i++) if (token.endsWith(":" + b.jwtSubjects[i])) return true;
      }
    }
    if (b.userAgents.length > 0) {
      const ua = header(0, "user-agent").toLowerCase();
      for (let i = 0; i < b.userAgents.length; i++) if (ua.includes(b.userAgents[i].toLowerCase())) return true;
    }
    return false;
  }

  private keepValues(): bool {
    return <i32>this.policy.policy.report.values != 0;
  }

  private countUninspected(side: Side, reason: string): void {
    this.root.metrics.count(M.UNINSPECTED, ["direction", side.dir == Direction.Request ? "request" : "response", "reason", reason]);
  }

  private grpcPath(): string {
    const q = this.path.indexOf("?");
    return q >= 0 ? this.path.substring(0, q) : this.path;
  }

  // ---------------------------------------------------------------- end of stream

  /** The stream is over: its body scanners may serve other streams (scan/body.ts keeps a few). */
  onDelete(): void {
    super.onDelete();
    const q = this.req, r = this.resp;
    if (q !== null && q.inspection !== null) changetype<Inspection>(q.inspection).release();
    if (r !== null && r.inspection !== null) changetype<Inspection>(r.inspection).release();
  }

  onLog(): void {
    if (this.config === null) return;
    const ev = this.ev;
    if (ev === null || ev.empty) return; // nothing to report
    ev.setWho(this.tokenName, this.peerName);
    const line = ev.line();
    if (line.length > 0) {
      if (this.policy.policy.report.evidence) log(LogLevelValues.info, line);
      // A compact summary for Envoy access logs: %FILTER_STATE(wasm.microwaf)%.
      set_property("microwaf", String.UTF8.encode(ev.summary()));
    }
  }
}

/** The local service resolved from sources that cannot change during a VM's life (policy values, node
 *  metadata): resolved once per policy instead of a get_property per request. */
let localServiceFor: ServiceSource[] | null = null;
let localService: string = "";
function fixedForVm(sources: ServiceSource[], upTo: i32): bool {
  for (let i = 0; i <= upTo && i < sources.length; i++) {
    const f = sources[i].from;
    if (f != ServiceFrom.Value && f != ServiceFrom.NodeMetadata) return false;
  }
  return true;
}

function hasHeaderSource(sources: ServiceSource[]): bool {
  for (let i = 0; i < sources.length; i++) if (sources[i].from == ServiceFrom.Header) return true;
  return false;
}

function stripPrefix(v: string, prefix: string): string {
  return prefix.length > 0 && v.startsWith(prefix) ? v.substring(prefix.length) : v;
}

function prop(path: string[]): string {
  const b = get_property(path.join("\u0000"));
  return b.byteLength == 0 ? "" : String.UTF8.decode(b);
}

/** The policy's scanner choice as scan/'s body format. */
function bodyFormatOf(s: PolicyScanner): BodyFormat {
  switch (s) {
    case PolicyScanner.Json: return BodyFormat.Json;
    case PolicyScanner.Grpc: return BodyFormat.Grpc;
    case PolicyScanner.Protobuf: return BodyFormat.Protobuf;
    case PolicyScanner.Form: return BodyFormat.Form;
    case PolicyScanner.Multipart: return BodyFormat.Multipart;
    case PolicyScanner.Text: return BodyFormat.Text;
    default: return BodyFormat.Skip;
  }
}

function scannerName(s: PolicyScanner): string {
  const names = ["json", "grpc", "protobuf", "form", "multipart", "text", "skip"];
  const i = <i32>s;
  return i >= 0 && i < names.length ? names[i] : "unknown";
}

/** Fixed redaction text must not break the JSON string it lands in. */
function jsonSafe(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c == 0x22 || c == 0x5c || c < 0x20 ? "*" : String.fromCharCode(c);
  }
  return out;
}

import { blockBody } from "./reply";
import { ServiceSource } from "../policy/model";

/** The JSON error padded with spaces to `size` bytes (valid JSON; Content-Length stays right), or as is
 *  if it does not fit. */
/** `size` spaces, kept for the next call of the same size: a blocked response is blanked chunk after chunk
 *  (the host copies them; a UTF-16 string of spaces made and encoded per chunk cost about as much as scanning) */
let blankBuf: ArrayBuffer = new ArrayBuffer(0);
function blanks(size: i32): ArrayBuffer {
  if (blankBuf.byteLength != size) {
    const b = new ArrayBuffer(size);
    memory.fill(changetype<usize>(b), 0x20, <usize>size);
    blankBuf = b;
  }
  return blankBuf;
}

function blockBodyPadded(requestId: string, reason: string, size: i32): string {
  const b = blockBody(requestId, reason);
  if (b.length > size) return " ".repeat(size); // too short to hold the error: blank it
  return b + " ".repeat(size - b.length);
}
