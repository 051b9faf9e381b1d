// One HTTP stream through the Wasm filter, with Envoy's filter-manager semantics for a single HTTP filter
// in front of the router. Sources: cpp-host src/context.cc (onRequestHeaders…, CHECK_FAIL_HTTP,
// convertVmCallResultTo*Status), Envoy filter manager (StopAllIterationAndWatermark buffering and
// redelivery on continue, sendLocalReply through the encoder chain before response headers exist, direct
// reply while encoding, reset after headers left, buffer limit 413/500), Envoy ≥1.32 wasm body buffering.
import { DataStatus, HeadersStatus, TrailersStatus, WasmResult, type HeaderPairs } from "./abi.ts";
import { BodyBuffer, HeaderMap, type HeadersInit } from "./headers.ts";
import { Context, type WasmVm } from "./vm.ts";

/** Where the stream's output goes. The test recorder and the network proxy both implement it. */
export interface StreamSink {
  /** Request headers/body/trailers forwarded upstream (to the router). */
  upstreamHeaders(h: HeaderMap, endStream: boolean): void;
  upstreamData(d: Buffer, endStream: boolean): void;
  upstreamTrailers(t: HeaderMap): void;
  /** The upstream request must be abandoned (local reply or reset). */
  upstreamAbort(): void;
  /** Response headers/body/trailers sent to the downstream client. */
  downstreamHeaders(h: HeaderMap, endStream: boolean): void;
  downstreamData(d: Buffer, endStream: boolean): void;
  downstreamTrailers(t: HeaderMap): void;
  /** The stream is reset (no more bytes either way). */
  reset(reason: string): void;
  /** Flow control: the filter holds more than the buffer limit in watermark mode (stop reading), or drained. */
  watermark?(side: "request" | "response", above: boolean): void;
}

export interface LocalReply { status: number; body: Buffer; headers: HeaderPairs; details: string; grpcStatus: number | null }

/** What a side of the stream delivered, as the peer saw it. */
export class Recorded {
  headers: HeaderMap | null = null;
  chunks: Buffer[] = [];
  trailers: HeaderMap | null = null;
  ended = false;
  get body(): Buffer { return Buffer.concat(this.chunks); }
}

export interface StreamInfo {
  protocol?: string; // "HTTP/1.1" | "HTTP/2"
  sourceAddress?: string; // "ip:port"
  destinationAddress?: string;
  requestId?: string;
  properties?: Record<string, string | Uint8Array | number | bigint | boolean>;
  routeName?: string;
  clusterName?: string;
  /** Keep what was forwarded in `upstream` / `downstream` (default true; the proxy turns it off). */
  record?: boolean;
}

type Side = "request" | "response";
class Dir {
  map: HeaderMap | null = null;
  trailers: HeaderMap | null = null;
  buf = new BodyBuffer(); // what the filter sees in on_*_body (chunk, or cumulative while buffering)
  buffering = false; // StopIterationAndBuffer returned
  stopAll = false; // headers returned Stop → StopAllIterationAndWatermark: no callbacks until continue
  headersHeld = false; // StopIteration with allow_on_headers_stop_iteration: body callbacks continue
  headersSent = false;
  pending = new BodyBuffer(); // data that arrived while stopAll
  pendingEnd = false;
  trailersPending = false; // trailers arrived while stopAll / body pending
  trailersHeld = false; // on_*_trailers returned StopIteration
  ended = false; // end of stream received from the peer
  endSent = false;
  aboveWatermark = false;
  bytes = 0;
}

export class HttpStream extends Context {
  readonly req = new Dir();
  readonly resp = new Dir();
  /** Every VM callback made for this stream, in order (e.g. "on_request_headers"). */
  readonly calls: string[] = [];
  /** What reached the upstream (request) and the downstream client (response). */
  readonly upstream = new Recorded();
  readonly downstream = new Recorded();
  localReply: LocalReply | null = null;
  resetReason: string | null = null;
  completed = false;
  private logPhase = false;
  private streamFailed = false;
  private localReplySent = false;
  private bypass = false; // FAIL_OPEN on a failed VM: the filter is skipped
  readonly filterState = new Map<string, Buffer>();
  readonly startTime = process.hrtime.bigint();
  readonly startWall = BigInt(Date.now()) * 1_000_000n;
  private sinks: StreamSink[];

  constructor(
    vm: WasmVm, root: Context,
    readonly options: { allowOnHeadersStopIteration: boolean; failOpen: boolean; bufferLimit: number },
    readonly info: StreamInfo, sink?: StreamSink,
  ) {
    super(vm, vm.newContextId(), root);
    vm.register(this);
    // The proxy passes record: false so bodies are not kept twice in memory.
    this.sinks = sink ? (info.record === false ? [sink] : [this.recorderSink(), sink]) : [this.recorderSink()];
    if (vm.failed) { this.bypass = options.failOpen; return; }
    this.calls.push("on_context_create");
    vm.callDeferred("proxy_on_context_create", this, this.id, root.id); // cpp-host ContextBase::onCreate
    this.inVmCreated = true;
  }

  private recorderSink(): StreamSink {
    const u = this.upstream, d = this.downstream;
    return {
      upstreamHeaders: (h, e) => { u.headers = h.clone(); u.ended ||= e; },
      upstreamData: (b, e) => { if (b.length) u.chunks.push(Buffer.from(b)); u.ended ||= e; },
      upstreamTrailers: (t) => { u.trailers = t.clone(); u.ended = true; },
      upstreamAbort: () => {},
      downstreamHeaders: (h, e) => { d.headers = h.clone(); d.ended ||= e; },
      downstreamData: (b, e) => { if (b.length) d.chunks.push(Buffer.from(b)); d.ended ||= e; },
      downstreamTrailers: (t) => { d.trailers = t.clone(); d.ended = true; },
      reset: () => {},
    };
  }
  private emit<K extends keyof StreamSink>(k: K, ...a: Parameters<NonNullable<StreamSink[K]>>): void {
    for (const s of this.sinks) (s[k] as ((...x: unknown[]) => void) | undefined)?.(...a);
  }

  // ---------------- public driving API ----------------
  /** Request headers from the client. Returns the status the filter produced (Envoy FilterHeadersStatus). */
  sendRequestHeaders(headers: HeadersInit, endOfStream = false): number { return this.onHeaders("request", new HeaderMap(headers), endOfStream); }
  sendRequestBody(chunk: string | Uint8Array, endOfStream = false): number { return this.onData("request", toBuf(chunk), endOfStream); }
  sendRequestTrailers(trailers: HeadersInit): number { return this.onTrailers("request", new HeaderMap(trailers)); }
  sendResponseHeaders(headers: HeadersInit, endOfStream = false): number { return this.onHeaders("response", new HeaderMap(headers), endOfStream); }
  sendResponseBody(chunk: string | Uint8Array, endOfStream = false): number { return this.onData("response", toBuf(chunk), endOfStream); }
  sendResponseTrailers(trailers: HeadersInit): number { return this.onTrailers("response", new HeaderMap(trailers)); }
  /** The client or upstream went away: Envoy resets the stream (then log/done/delete). */
  resetStream(reason = "downstream_remote_disconnect"): void { this.doReset(reason); }

  /** Whole request in one call, body split in chunks of `chunkSize` (default: one chunk). */
  sendRequest(r: { headers: HeadersInit; body?: string | Uint8Array; chunkSize?: number; trailers?: HeadersInit }): void {
    const body = r.body === undefined ? Buffer.alloc(0) : toBuf(r.body);
    this.sendRequestHeaders(r.headers, body.length === 0 && !r.trailers);
    this.sendChunks("request", body, r.chunkSize, !r.trailers);
    if (r.trailers) this.sendRequestTrailers(r.trailers);
  }
  sendResponse(r: { headers: HeadersInit; body?: string | Uint8Array; chunkSize?: number; trailers?: HeadersInit }): void {
    const body = r.body === undefined ? Buffer.alloc(0) : toBuf(r.body);
    this.sendResponseHeaders(r.headers, body.length === 0 && !r.trailers);
    this.sendChunks("response", body, r.chunkSize, !r.trailers);
    if (r.trailers) this.sendResponseTrailers(r.trailers);
  }
  private sendChunks(side: Side, body: Buffer, chunkSize: number | undefined, end: boolean): void {
    if (body.length === 0) return;
    const n = chunkSize && chunkSize > 0 ? chunkSize : body.length;
    for (let i = 0; i < body.length; i += n) {
      if (this.completed) return;
      this.onData(side, body.subarray(i, i + n), end && i + n >= body.length);
    }
  }
  get requestHeaders(): HeaderMap | null { return this.req.map; }
  get responseHeaders(): HeaderMap | null { return this.resp.map; }

  // ---------------- Context overrides (what host functions see) ----------------
  override get inLogPhase(): boolean { return this.logPhase; }
  override headerMap(type: number, write: boolean): HeaderMap | "unavailable" {
    if (this.logPhase && write) return "unavailable";
    const m = type === 0 ? this.req.map : type === 1 ? this.req.trailers : type === 2 ? this.resp.map : type === 3 ? this.resp.trailers : null;
    if (m) return m;
    return super.headerMap(type, write);
  }
  override buffer(type: number): BodyBuffer | null {
    if (type === 0) return this.req.buf;
    if (type === 1) return this.resp.buf;
    return super.buffer(type);
  }
  override setProperty(key: string, value: Buffer): number { this.filterState.set(key, Buffer.from(value)); return WasmResult.Ok; }
  override sendLocalResponse(code: number, details: string, body: Buffer, headers: HeaderPairs, grpc: number): number {
    // Envoy Context::sendLocalResponse: deferred until the VM call returns; grpc_status outside 0..16 → none.
    const grpcStatus = grpc >= 0 && grpc <= 16 ? grpc : null;
    this.vm.addAfterCallAction(() => this.localResponse({ status: code, body, headers, details: details.replace(/\s/g, "_"), grpcStatus }, true));
    return WasmResult.Ok;
  }
  override continueStream(type: number): number {
    if (type === 0 || type === 1) { this.vm.addAfterCallAction(() => this.resume(type === 0 ? "request" : "response")); return WasmResult.Ok; }
    return type === 3 ? WasmResult.Unimplemented : WasmResult.Ok;
  }
  override closeStream(type: number): number {
    if (type === 0 || type === 1) { this.vm.addAfterCallAction(() => this.doReset("wasm_close_stream")); return WasmResult.Ok; }
    return type === 3 ? WasmResult.Unimplemented : WasmResult.Ok;
  }

  // ---------------- the state machine ----------------
  private dir(side: Side): Dir { return side === "request" ? this.req : this.resp; }
  private get active(): boolean { return !this.completed && !this.resetReason; }
  private filterActive(): boolean { return !this.bypass && !this.streamFailed; }

  /** Runs a stream callback; on a failed VM applies CHECK_FAIL_HTTP (fail-open → continue, else 503). */
  private invoke(name: string, ...args: number[]): { status: number | "open" | "closed"; stopped: boolean } {
    if (this.vm.failed) return this.checkFail();
    this.calls.push(name);
    const r = this.vm.callDeferred(`proxy_${name}`, this, this.id, ...args);
    if (this.vm.failed) return this.checkFail();
    return { status: r.result ?? 0, stopped: r.stopped };
  }
  private checkFail(): { status: "open" | "closed"; stopped: boolean } {
    if (this.options.failOpen) return { status: "open", stopped: false };
    if (!this.streamFailed) {
      this.streamFailed = true;
      // Envoy Context::failStream: 503, gRPC UNAVAILABLE, details wasm_fail_stream.
      this.localResponse({ status: 503, body: Buffer.alloc(0), headers: [], details: "wasm_fail_stream", grpcStatus: 14 }, false);
    }
    return { status: "closed", stopped: true };
  }

  private onHeaders(side: Side, map: HeaderMap, eos: boolean): number {
    const d = this.dir(side);
    if (!this.active || (side === "request" && this.localReplySent)) return HeadersStatus.StopAllIterationAndWatermark;
    if (side === "response" && this.localReplySent && !this.inLocalReply) return HeadersStatus.StopAllIterationAndWatermark;
    d.map = map; d.ended = eos;
    if (!this.filterActive() || (this.inLocalReply && this.streamFailed)) { this.forwardHeaders(side, eos); return HeadersStatus.Continue; }
    const r = this.invoke(side === "request" ? "on_request_headers" : "on_response_headers", map.size, eos ? 1 : 0);
    if (r.status === "open") { this.forwardHeaders(side, eos); return HeadersStatus.Continue; }
    if (r.status === "closed") return HeadersStatus.StopAllIterationAndWatermark;
    let st = r.status as number;
    if (r.stopped || st > HeadersStatus.StopAllIterationAndWatermark) st = HeadersStatus.StopAllIterationAndWatermark;
    else if (st === HeadersStatus.StopIteration && !this.options.allowOnHeadersStopIteration) st = HeadersStatus.StopAllIterationAndWatermark;
    if (!this.active || (d.headersSent)) return st;
    if (this.localReplySent && side === "request") return st;
    if (st === HeadersStatus.Continue || st === HeadersStatus.ContinueAndDontEndStream) this.forwardHeaders(side, eos && st === HeadersStatus.Continue);
    else if (st === HeadersStatus.StopIteration) d.headersHeld = true;
    else d.stopAll = true;
    return st;
  }

  private onData(side: Side, chunk: Buffer, eos: boolean): number {
    const d = this.dir(side);
    if (!this.active || (side === "request" && this.localReplySent)) return DataStatus.StopIterationNoBuffer;
    if (side === "response" && this.localReplySent && !this.inLocalReply) return DataStatus.StopIterationNoBuffer;
    d.ended ||= eos;
    d.bytes += chunk.length;
    if (!this.filterActive() || (this.inLocalReply && this.streamFailed)) { this.forwardData(side, chunk, eos); return DataStatus.Continue; }
    if (d.stopAll) {
      // StopAllIterationAndWatermark: the filter manager buffers without calling the filter; above the
      // limit it stops reading (watermark), it does not fail the request.
      d.pending.append(chunk);
      d.pendingEnd ||= eos;
      if (!d.aboveWatermark && d.pending.length > this.options.bufferLimit) { d.aboveWatermark = true; this.emit("watermark", side, true); }
      return DataStatus.StopIterationAndWatermark;
    }
    return this.runData(side, chunk, eos);
  }

  private runData(side: Side, chunk: Buffer, eos: boolean): number {
    const d = this.dir(side);
    // Envoy ≥ 1.32: while buffering, the callback sees the whole buffered body including the new chunk.
    if (d.buffering) d.buf.append(chunk); else d.buf = new BodyBuffer(Buffer.from(chunk));
    const r = this.invoke(side === "request" ? "on_request_body" : "on_response_body", d.buf.length, eos ? 1 : 0);
    if (r.status === "open") { this.forwardHeldHeaders(side); this.forwardData(side, d.buf.take(), eos); d.buffering = false; return DataStatus.Continue; }
    if (r.status === "closed") return DataStatus.StopIterationNoBuffer;
    let st = r.status as number;
    if (r.stopped || st > DataStatus.StopIterationNoBuffer) st = DataStatus.StopIterationNoBuffer;
    if (!this.active || (side === "request" && this.localReplySent) || d.stopAll) return st;
    if (st === DataStatus.Continue) {
      this.forwardHeldHeaders(side);
      d.buffering = false;
      const data = d.buf.take();
      if (d.trailersPending && eos) { /* trailers follow */ }
      this.forwardData(side, data, eos);
    } else if (st === DataStatus.StopIterationAndBuffer || st === DataStatus.StopIterationAndWatermark) {
      d.buffering = true;
      if (d.buf.length > this.options.bufferLimit) this.bufferOverflow(side);
    } else if (!d.buffering) {
      d.buf = new BodyBuffer(); // StopIterationNoBuffer: the chunk is not kept by the filter manager
    }
    return st;
  }

  private onTrailers(side: Side, trailers: HeaderMap): number {
    const d = this.dir(side);
    if (!this.active || (side === "request" && this.localReplySent)) return TrailersStatus.StopIteration;
    if (side === "response" && this.localReplySent && !this.inLocalReply) return TrailersStatus.StopIteration;
    d.trailers = trailers; d.ended = true;
    if (!this.filterActive()) { this.forwardHeldHeaders(side); this.forwardTrailers(side); return TrailersStatus.Continue; }
    if (d.stopAll) { d.trailersPending = true; return TrailersStatus.StopIteration; }
    return this.runTrailers(side);
  }
  private runTrailers(side: Side): number {
    const d = this.dir(side);
    const r = this.invoke(side === "request" ? "on_request_trailers" : "on_response_trailers", d.trailers!.size);
    if (r.status === "open") { this.flushAll(side); return TrailersStatus.Continue; }
    if (r.status === "closed") return TrailersStatus.StopIteration;
    let st = r.status as number;
    if (r.stopped || st > TrailersStatus.StopIteration) st = TrailersStatus.StopIteration;
    if (!this.active || (side === "request" && this.localReplySent)) return st;
    if (st === TrailersStatus.Continue) this.flushAll(side); else d.trailersHeld = true;
    return st;
  }

  /** continue_stream (deferred): resume iteration as Envoy's continueDecoding/continueEncoding. */
  private resume(side: Side): void {
    const d = this.dir(side);
    if (!this.active || (side === "request" && this.localReplySent)) return;
    if (d.stopAll) {
      d.stopAll = false;
      this.forwardHeaders(side, d.ended && d.pending.length === 0 && !d.pendingEnd && !d.trailersPending && !d.trailers);
      if (d.aboveWatermark) { d.aboveWatermark = false; this.emit("watermark", side, false); }
      if (d.pending.length > 0 || d.pendingEnd) {
        const data = d.pending.take();
        const end = d.pendingEnd;
        d.pendingEnd = false;
        this.runData(side, data, end); // buffered data is redelivered to this filter (CanStartFromCurrent)
      }
      if (d.trailersPending && this.active && !d.stopAll && !d.buffering) { d.trailersPending = false; this.runTrailers(side); }
      return;
    }
    if (d.trailersHeld) { d.trailersHeld = false; this.flushAll(side); return; }
    if (d.headersHeld || d.buffering) {
      this.forwardHeldHeaders(side);
      d.buffering = false;
      const data = d.buf.take();
      if (d.trailersPending || d.trailers) { this.forwardData(side, data, false); if (d.trailers) this.forwardTrailers(side); }
      else this.forwardData(side, data, d.ended);
    }
  }

  private flushAll(side: Side): void {
    const d = this.dir(side);
    this.forwardHeldHeaders(side);
    d.buffering = false;
    const data = d.buf.take();
    if (data.length) this.forwardData(side, data, false);
    this.forwardTrailers(side);
  }

  private forwardHeldHeaders(side: Side): void {
    const d = this.dir(side);
    if (!d.headersSent && d.map) { d.headersHeld = false; this.forwardHeaders(side, false); }
  }
  private forwardHeaders(side: Side, eos: boolean): void {
    const d = this.dir(side);
    if (d.headersSent || !d.map) return;
    d.headersSent = true;
    if (side === "request") this.emit("upstreamHeaders", d.map, eos); else this.emit("downstreamHeaders", d.map, eos);
    if (eos) this.sideEnded(side);
  }
  private forwardData(side: Side, data: Buffer, eos: boolean): void {
    const d = this.dir(side);
    if (d.endSent) return;
    if (!d.headersSent) this.forwardHeaders(side, false);
    if (data.length === 0 && !eos) return;
    if (side === "request") this.emit("upstreamData", data, eos); else this.emit("downstreamData", data, eos);
    if (eos) this.sideEnded(side);
  }
  private forwardTrailers(side: Side): void {
    const d = this.dir(side);
    if (d.endSent || !d.trailers) return;
    if (!d.headersSent) this.forwardHeaders(side, false);
    if (side === "request") this.emit("upstreamTrailers", d.trailers); else this.emit("downstreamTrailers", d.trailers);
    this.sideEnded(side);
  }
  private sideEnded(side: Side): void {
    this.dir(side).endSent = true;
    if (side === "response") this.complete();
  }

  private bufferOverflow(side: Side): void {
    if (side === "request") {
      // Envoy: buffered request over the limit → 413 via sendLocalReply (details request_payload_too_large).
      this.localResponse({ status: 413, body: Buffer.from("Payload Too Large"), headers: [], details: "request_payload_too_large", grpcStatus: null }, true);
    } else if (!this.resp.headersSent) {
      this.directReply({ status: 500, body: Buffer.from("Internal Server Error"), headers: [], details: "response_payload_too_large", grpcStatus: null });
    } else this.doReset("response_payload_too_large");
  }

  private inLocalReply = false;
  /** Envoy FilterManager::sendLocalReply: via the encoder chain before a response exists, direct while encoding, reset after headers left. */
  localResponse(r: LocalReply, _fromFilter: boolean): void {
    if (!this.active) return;
    if (this.resp.headersSent) { this.doReset("local_reply_after_headers"); return; }
    if (this.localReplySent && !this.inLocalReply) return;
    this.localReply = r;
    const wasSent = this.localReplySent;
    this.localReplySent = true;
    if (!this.req.endSent) this.emit("upstreamAbort");
    if (this.resp.map && !this.inLocalReply || wasSent) { this.directReply(r); return; }
    const { headers, body } = this.buildLocalReply(r);
    this.inLocalReply = true;
    this.resp.map = null;
    try {
      this.onHeaders("response", headers, body.length === 0);
      if (this.active && body.length > 0) this.onData("response", body, true);
    } finally { this.inLocalReply = false; }
  }
  private directReply(r: LocalReply): void {
    this.localReply = r;
    this.localReplySent = true;
    const { headers, body } = this.buildLocalReply(r);
    this.resp.map = headers;
    this.resp.stopAll = false; this.resp.buffering = false; this.resp.headersHeld = false;
    this.forwardHeaders("response", body.length === 0);
    if (body.length) this.forwardData("response", body, true);
  }
  private isGrpc(): boolean { return (this.req.map?.get("content-type") ?? "").startsWith("application/grpc"); }
  private buildLocalReply(r: LocalReply): { headers: HeaderMap; body: Buffer } {
    const h = new HeaderMap();
    if (this.isGrpc()) {
      // Envoy Http::Utility::sendLocalReply for gRPC: trailers-only 200 with grpc-status / grpc-message.
      h.add(":status", "200");
      h.add("content-type", "application/grpc");
      h.add("grpc-status", String(r.grpcStatus ?? httpToGrpc(r.status)));
      if (r.body.length) h.add("grpc-message", grpcPercentEncode(r.body));
      for (const [k, v] of r.headers) h.add(k, v);
      return { headers: h, body: Buffer.alloc(0) };
    }
    h.add(":status", String(r.status));
    if (r.body.length) { h.add("content-length", String(r.body.length)); h.add("content-type", "text/plain"); }
    for (const [k, v] of r.headers) h.add(k, v);
    return { headers: h, body: r.body };
  }

  private doReset(reason: string): void {
    if (!this.active) return;
    this.resetReason = reason;
    if (!this.req.endSent) this.emit("upstreamAbort");
    this.emit("reset", reason);
    this.complete();
  }

  /** Stream end: on_log → on_done → on_delete (Envoy calls log before done). */
  private complete(): void {
    if (this.completed) return;
    this.completed = true;
    if (this.inVmCreated && !this.vm.failed) {
      this.logPhase = true;
      this.calls.push("on_log");
      this.vm.callDeferred("proxy_on_log", this, this.id);
      this.logPhase = false;
      if (!this.vm.failed) { this.calls.push("on_done"); this.vm.callDeferred("proxy_on_done", this, this.id); }
      if (!this.vm.failed) { this.calls.push("on_delete"); this.vm.callDeferred("proxy_on_delete", this, this.id); }
    }
    this.vm.unregister(this);
    this.onComplete?.();
  }
  onComplete?: () => void;
}

/** Envoy Grpc::Utility::httpToGrpcStatus. */
export function httpToGrpc(code: number): number {
  switch (code) {
    case 400: return 13;
    case 401: return 16;
    case 403: return 7;
    case 404: return 12;
    case 429: case 502: case 503: case 504: return 14;
    default: return 2;
  }
}

function toBuf(c: string | Uint8Array): Buffer { return typeof c === "string" ? Buffer.from(c) : Buffer.from(c.buffer, c.byteOffset, c.byteLength); }

/** gRPC's grpc-message encoding (PROTOCOL-HTTP2.md): bytes outside 0x20–0x7E, and '%', as %XX. */
export function grpcPercentEncode(b: Uint8Array): string {
  let out = "";
  for (const c of b) out += c >= 0x20 && c <= 0x7e && c !== 0x25 ? String.fromCharCode(c) : "%" + c.toString(16).toUpperCase().padStart(2, "0");
  return out;
}
