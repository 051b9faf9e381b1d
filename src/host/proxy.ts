// The network proxy: Envoy-bootstrap-driven listeners (HTTP/1.1 and HTTP/2 h2c by prior knowledge, TLS
// with ALPN when a certificate is given) → the Wasm filter (HttpStream) → router → clusters (HTTP/1.1 or
// HTTP/2). Bodies stream both ways with backpressure: socket writes that return false pause the other
// side, and the filter's watermark (headers held) pauses reading. Local replies and errors go through the
// filter's encoder callbacks as Envoy's router replies do.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import http2 from "node:http2";
import net from "node:net";
import { renderPrometheus, renderStatsText } from "./admin.ts";
import type { Address, ClusterConfig, HostConfig, ListenerConfig, RouteConfig } from "./bootstrap.ts";
import { HeaderMap } from "./headers.ts";
import { Host, Plugin, type PropertyValue } from "./plugin.ts";
import { StatsStore } from "./stats.ts";
import type { HttpStream, StreamSink } from "./stream.ts";
import type { LogLevelName } from "./abi.ts";

const HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "http2-settings"]);

export interface ProxyOptions { vmCount?: number; logLevel?: LogLevelName; echoLogs?: boolean; log?: (line: string) => void }

type DownReq = http.IncomingMessage | http2.Http2ServerRequest;
type DownRes = http.ServerResponse | http2.Http2ServerResponse;

class ClusterPool {
  private rr = 0;
  private sessions = new Map<string, http2.ClientHttp2Session>();
  readonly agent: http.Agent;
  constructor(readonly config: ClusterConfig) { this.agent = new http.Agent({ keepAlive: true, maxSockets: 256, noDelay: true } as http.AgentOptions); }
  pick(): Address { return this.config.endpoints[this.rr++ % this.config.endpoints.length]; }
  session(a: Address): http2.ClientHttp2Session {
    const key = `${a.host}:${a.port}`;
    let s = this.sessions.get(key);
    if (!s || s.closed || s.destroyed) {
      s = http2.connect(`http://${key}`);
      s.on("error", () => {});
      s.on("close", () => { if (this.sessions.get(key) === s) this.sessions.delete(key); });
      s.unref();
      this.sessions.set(key, s);
    }
    return s;
  }
  close(): void { this.agent.destroy(); for (const s of this.sessions.values()) s.destroy(); this.sessions.clear(); }
}

export class ProxyServer {
  readonly host = new Host();
  readonly plugins = new Map<string, Plugin | null>();
  private servers: net.Server[] = [];
  private admin: http.Server | null = null;
  private pools = new Map<string, ClusterPool>();
  private sockets = new Set<net.Socket>();
  private h2sessions = new Set<http2.ServerHttp2Session>();
  private addresses = new Map<string, Address>();
  adminAddress: Address | null = null;
  private log: (l: string) => void;

  constructor(readonly config: HostConfig, readonly options: ProxyOptions = {}) {
    this.log = options.log ?? ((l) => process.stderr.write(l + "\n"));
    for (const c of config.clusters) this.pools.set(c.name, new ClusterPool(c));
    const props: Record<string, PropertyValue> = { "node.id": config.node.id, "node.cluster": config.node.cluster };
    for (const [k, v] of Object.entries(config.node.metadata)) if (typeof v === "string") props[`node.metadata.${k}`] = v;
    for (const l of config.listeners) {
      const w = l.wasm[0];
      if (!w) { this.plugins.set(l.name, null); continue; }
      const p = new Plugin({
        wasm: w.filename, rootId: w.rootId, vmId: w.vmId, name: w.name, configuration: w.configuration, vmConfiguration: w.vmConfiguration,
        failurePolicy: w.failurePolicy, allowOnHeadersStopIteration: w.allowOnHeadersStopIteration, env: w.env,
        vmCount: options.vmCount ?? 2, bufferLimitBytes: l.bufferLimit, logLevel: options.logLevel ?? "info",
        echoLogs: options.echoLogs ?? false, timers: "real", host: this.host, properties: props,
      });
      if (!p.configured) throw new Error(`listener ${l.name}: Unable to create Wasm HTTP filter ${w.name || w.rootId}: ${p.configError}\n${p.logText("warn")}`);
      this.plugins.set(l.name, p);
    }
  }

  listenerAddress(name?: string): Address { return name ? this.addresses.get(name)! : [...this.addresses.values()][0]; }

  async start(): Promise<void> {
    for (const l of this.config.listeners) await this.startListener(l);
    if (this.config.admin) {
      this.admin = http.createServer((req, res) => this.adminRequest(req, res));
      await new Promise<void>((res, rej) => { this.admin!.once("error", rej); this.admin!.listen(this.config.admin!.port, this.config.admin!.host, () => res()); });
      const a = this.admin.address() as net.AddressInfo;
      this.adminAddress = { host: a.address, port: a.port };
    }
  }

  async stop(): Promise<void> {
    for (const s of this.h2sessions) s.destroy();
    for (const s of this.sockets) s.destroy();
    await Promise.all([...this.servers, ...(this.admin ? [this.admin] : [])].map((s) => new Promise<void>((r) => s.close(() => r()))));
    for (const p of this.pools.values()) p.close();
    for (const p of this.plugins.values()) p?.close();
  }

  private async startListener(l: ListenerConfig): Promise<void> {
    const handler = (req: DownReq, res: DownRes) => this.handle(l, req, res);
    const h1 = http.createServer({ keepAliveTimeout: 60_000 }, handler);
    const h2 = http2.createServer({}, handler);
    for (const s of [h1, h2]) s.on("clientError", () => {});
    h2.on("session", (s) => { this.h2sessions.add(s); s.on("close", () => this.h2sessions.delete(s)); });
    let server: net.Server;
    if (l.tls) {
      const secure = http2.createSecureServer({ cert: readFileSync(l.tls.cert), key: readFileSync(l.tls.key), allowHTTP1: true }, handler);
      secure.on("session", (s) => { this.h2sessions.add(s); s.on("close", () => this.h2sessions.delete(s)); });
      server = secure;
      secure.on("connection", (s: net.Socket) => this.track(s));
    } else {
      server = net.createServer({ noDelay: true }, (socket) => {
        this.track(socket);
        if (l.codec === "HTTP1") { h1.emit("connection", socket); return; }
        if (l.codec === "HTTP2") { h2.emit("connection", socket); return; }
        // AUTO: HTTP/2 prior knowledge starts with the connection preface "PRI * HTTP/2.0".
        socket.once("data", (d: Buffer) => {
          socket.pause();
          socket.unshift(d);
          (d.subarray(0, 3).toString("latin1") === "PRI" ? h2 : h1).emit("connection", socket);
          process.nextTick(() => socket.resume());
        });
      });
    }
    await new Promise<void>((res, rej) => { server.once("error", rej); server.listen(l.address.port, l.address.host, () => res()); });
    const a = server.address() as net.AddressInfo;
    this.addresses.set(l.name, { host: a.address, port: a.port });
    this.servers.push(server);
  }
  private track(s: net.Socket): void { this.sockets.add(s); s.on("close", () => this.sockets.delete(s)); }

  private count(name: string): void { StatsStore.add(this.host.stats.get(name, "counter"), 1n); }

  private route(l: ListenerConfig, h: HeaderMap): RouteConfig | null {
    const authority = (h.get(":authority") ?? "").toLowerCase().replace(/:\d+$/, "");
    const path = (h.get(":path") ?? "/").split("?")[0];
    const vh = l.virtualHosts.find((v) => v.domains.some((d) => d === "*" || d.toLowerCase() === authority || (d.startsWith("*") && authority.endsWith(d.slice(1).toLowerCase()))));
    return vh?.routes.find((r) => (r.match.prefix !== undefined ? path.startsWith(r.match.prefix) : path === r.match.path)) ?? null;
  }

  private handle(l: ListenerConfig, req: DownReq, res: DownRes): void {
    this.count(`http.${l.statPrefix}.downstream_rq_total`);
    const isH2 = req.httpVersionMajor === 2;
    const h = new HeaderMap();
    if (isH2) {
      const raw = req.rawHeaders;
      for (let i = 0; i < raw.length; i += 2) h.add(raw[i], raw[i + 1]);
    } else {
      h.add(":method", req.method ?? "GET");
      h.add(":path", req.url ?? "/");
      h.add(":authority", req.headers.host ?? "");
      h.add(":scheme", (req.socket as { encrypted?: boolean }).encrypted ? "https" : "http");
      const raw = req.rawHeaders;
      for (let i = 0; i < raw.length; i += 2) { const k = raw[i].toLowerCase(); if (k !== "host" && !HOP.has(k)) h.add(k, raw[i + 1]); }
    }
    if (!h.has(":scheme")) h.add(":scheme", "http");
    if (!h.has("x-request-id")) h.add("x-request-id", randomUUID());
    h.set("x-forwarded-proto", h.get(":scheme")!);
    const plugin = this.plugins.get(l.name) ?? null;
    const ex = new Exchange(this, l, req, res, isH2);
    const info = {
      protocol: isH2 ? "HTTP/2" : "HTTP/1.1",
      sourceAddress: `${req.socket.remoteAddress}:${req.socket.remotePort}`,
      destinationAddress: `${req.socket.localAddress}:${req.socket.localPort}`,
      sink: ex,
      record: false,
    };
    const stream = plugin ? plugin.newStream(info) : passthroughStream(ex);
    ex.attach(stream);
    const eos = isH2 ? (req as http2.Http2ServerRequest).stream.endAfterHeaders : !req.headers["content-length"] && !req.headers["transfer-encoding"] || req.headers["content-length"] === "0";
    stream.sendRequestHeaders(h, eos);
    if (eos) { req.resume(); return; }
    req.on("data", (c: Buffer) => stream.sendRequestBody(c, false));
    req.on("end", () => {
      const t = trailersOf(req.rawTrailers);
      if (t.size) stream.sendRequestTrailers(t); else stream.sendRequestBody(Buffer.alloc(0), true);
    });
    req.on("error", () => stream.resetStream("downstream_remote_disconnect"));
    res.on("close", () => { if (!res.writableFinished) stream.resetStream("downstream_remote_disconnect"); });
  }

  pool(name: string): ClusterPool | undefined { return this.pools.get(name); }
  routeFor(l: ListenerConfig, h: HeaderMap): RouteConfig | null { return this.route(l, h); }
  countStat(name: string): void { this.count(name); }
  warn(message: string): void { this.log(`[warning] ${message}`); }

  private adminRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/stats/prometheus") {
      res.writeHead(200, { "content-type": "text/plain; version=0.0.4" }).end(renderPrometheus(this.host.stats, this.config.statsTags));
    } else if (path === "/stats") {
      res.writeHead(200, { "content-type": "text/plain" }).end(renderStatsText(this.host.stats));
    } else if (path === "/ready") {
      res.writeHead(200, { "content-type": "text/plain" }).end("LIVE\n");
    } else if (path === "/config_dump") {
      const plugins = Object.fromEntries([...this.plugins].map(([k, p]) => [k, p && { root_id: p.rootId, vm_id: p.vmId, vms: p.vmCount, configured: p.configured, failed: p.failed, failure_policy: p.failurePolicy }]));
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ bootstrap: this.config.source, listeners: Object.fromEntries(this.addresses), plugins }, null, 2));
    } else res.writeHead(404, { "content-type": "text/plain" }).end("invalid path. admin commands are: /stats/prometheus /stats /ready /config_dump\n");
  }
}

function trailersOf(raw: string[]): HeaderMap {
  const t = new HeaderMap();
  for (let i = 0; i < raw.length; i += 2) t.add(raw[i], raw[i + 1]);
  return t;
}

/** No wasm filter on the listener: a stream object that forwards everything. */
function passthroughStream(sink: StreamSink): HttpStream {
  let reqHeaders: HeaderMap | null = null, respSent = false, done = false;
  const s = {
    sendRequestHeaders: (h: HeaderMap, e: boolean) => { reqHeaders = h; sink.upstreamHeaders(h, e); return 0; },
    sendRequestBody: (b: Buffer, e: boolean) => { if (!done) sink.upstreamData(b, e); return 0; },
    sendRequestTrailers: (t: HeaderMap) => { if (!done) sink.upstreamTrailers(t); return 0; },
    sendResponseHeaders: (h: HeaderMap, e: boolean) => { respSent = true; sink.downstreamHeaders(h, e); if (e) done = true; return 0; },
    sendResponseBody: (b: Buffer, e: boolean) => { sink.downstreamData(b, e); if (e) done = true; return 0; },
    sendResponseTrailers: (t: HeaderMap) => { sink.downstreamTrailers(t); done = true; return 0; },
    resetStream: (r: string) => { if (!done) { done = true; sink.upstreamAbort(); sink.reset(r); } },
    get requestHeaders() { return reqHeaders; },
    get completed() { return done; },
    get responseStarted() { return respSent; },
  };
  return s as unknown as HttpStream;
}

/** One request/response exchange: the sink between the filter stream and the sockets. */
class Exchange implements StreamSink {
  private stream!: HttpStream;
  private up: http.ClientRequest | http2.ClientHttp2Stream | null = null;
  private upTrailers: HeaderMap | null = null;
  private upRes: http.IncomingMessage | http2.ClientHttp2Stream | null = null;
  private timer: NodeJS.Timeout | null = null;
  private responseStarted = false;
  private finished = false;

  constructor(private proxy: ProxyServer, private l: ListenerConfig, private req: DownReq, private res: DownRes, private isH2: boolean) {}
  attach(s: HttpStream): void { this.stream = s; }

  // ---- request side: towards the upstream ----
  upstreamHeaders(h: HeaderMap, eos: boolean): void {
    const route = this.proxy.routeFor(this.l, h);
    if (!route) { this.routerReply(404, ""); return; }
    const pool = this.proxy.pool(route.cluster)!;
    this.proxy.countStat(`cluster.${route.cluster}.upstream_rq_total`);
    const a = pool.pick();
    if (route.timeoutMs) this.timer = setTimeout(() => this.upstreamTimeout(), route.timeoutMs);
    if (pool.config.http2) {
      const hdrs: http2.OutgoingHttpHeaders = {};
      for (const [k, v] of h.entries) if (!HOP.has(k)) addHeader(hdrs, k, v);
      let s: http2.ClientHttp2Stream;
      try { s = pool.session(a).request(hdrs, { endStream: eos, waitForTrailers: true }); } catch { this.upstreamFailure("connection failure"); return; }
      this.up = s;
      s.on("wantTrailers", () => { const t = this.upTrailers; const o: http2.OutgoingHttpHeaders = {}; if (t) for (const [k, v] of t.entries) addHeader(o, k, v); s.sendTrailers(o); });
      s.on("response", (rh, flags) => {
        const m = new HeaderMap();
        for (const [k, v] of Object.entries(rh)) if (v !== undefined) for (const x of Array.isArray(v) ? v : [String(v)]) m.add(k, x);
        // END_STREAM on the HEADERS frame (gRPC trailers-only); endAfterHeaders is not set yet here.
        this.onUpstreamResponse(m, (flags & http2.constants.NGHTTP2_FLAG_END_STREAM) !== 0 || s.endAfterHeaders, s);
      });
      s.on("error", () => this.upstreamFailure("remote reset"));
      s.on("drain", () => this.req.resume());
      if (!eos) this.pauseOnWrite(() => true);
    } else {
      const headers: Record<string, string | string[]> = {};
      for (const [k, v] of h.entries) if (!k.startsWith(":") && !HOP.has(k)) { const cur = headers[k]; headers[k] = cur === undefined ? v : Array.isArray(cur) ? [...cur, v] : [cur, v]; }
      headers.host = h.get(":authority") ?? "";
      const r = http.request({ host: a.host, port: a.port, method: h.get(":method"), path: h.get(":path"), headers, agent: pool.agent, timeout: pool.config.connectTimeoutMs });
      this.up = r;
      r.on("response", (ur) => {
        const m = new HeaderMap();
        m.add(":status", String(ur.statusCode));
        for (let i = 0; i < ur.rawHeaders.length; i += 2) { const k = ur.rawHeaders[i].toLowerCase(); if (!HOP.has(k)) m.add(k, ur.rawHeaders[i + 1]); }
        const st = ur.statusCode ?? 200;
        const noBody = h.get(":method") === "HEAD" || st === 204 || st === 304 || ur.headers["content-length"] === "0";
        this.onUpstreamResponse(m, noBody, ur);
      });
      r.on("error", (e: NodeJS.ErrnoException) => this.upstreamFailure(e.code === "ECONNREFUSED" ? "connection failure" : "remote reset"));
      r.on("drain", () => this.req.resume());
      if (eos) r.end();
    }
  }
  private pauseOnWrite(_f: () => boolean): void {}
  upstreamData(d: Buffer, eos: boolean): void {
    const u = this.up;
    if (!u || u.destroyed) return;
    const ok = d.length ? u.write(d) : true;
    if (!ok) this.req.pause();
    if (eos) u.end();
  }
  upstreamTrailers(t: HeaderMap): void {
    const u = this.up;
    if (!u || u.destroyed) return;
    if (u instanceof http.ClientRequest) { const o: Record<string, string> = {}; for (const [k, v] of t.entries) o[k] = v; u.addTrailers(o); u.end(); }
    else { this.upTrailers = t; u.end(); }
  }
  /** Abandons the upstream request as Envoy does: an HTTP/2 stream is reset (RST_STREAM CANCEL — destroy()
   *  alone may first send END_STREAM, and the upstream would see a complete request); HTTP/1 closes the socket. */
  upstreamAbort(): void {
    const u = this.up;
    this.up = null;
    if (u && !u.destroyed) {
      if ("rstCode" in u) (u as http2.ClientHttp2Stream).close(http2.constants.NGHTTP2_CANCEL); // an HTTP/2 stream
      else u.destroy();
    }
    this.clearTimer();
  }

  private onUpstreamResponse(m: HeaderMap, eos: boolean, body: http.IncomingMessage | http2.ClientHttp2Stream): void {
    if (this.stream.completed) return;
    this.upRes = body;
    this.responseStarted = true;
    this.stream.sendResponseHeaders(m, eos);
    if (eos) { this.clearTimer(); body.resume(); return; }
    body.on("data", (c: Buffer) => this.stream.sendResponseBody(c, false));
    let trailers: HeaderMap | null = null;
    if (!(body instanceof http.IncomingMessage)) body.on("trailers", (t) => { trailers = new HeaderMap(); for (const [k, v] of Object.entries(t)) if (v !== undefined) trailers.add(k, String(v)); });
    body.on("end", () => {
      this.clearTimer();
      if (body instanceof http.IncomingMessage) { const t = trailersOf(body.rawTrailers); if (t.size) trailers = t; }
      if (trailers) this.stream.sendResponseTrailers(trailers); else this.stream.sendResponseBody(Buffer.alloc(0), true);
    });
  }

  /** Envoy router local replies (no route, upstream failure, timeout) pass through the filter's encoder. */
  private routerReply(status: number, body: string): void {
    if (this.stream.completed) return;
    const h = new HeaderMap([[":status", String(status)]]);
    if (body) { h.add("content-length", String(Buffer.byteLength(body))); h.add("content-type", "text/plain"); }
    this.stream.sendResponseHeaders(h, body.length === 0);
    if (body) this.stream.sendResponseBody(Buffer.from(body), true);
  }
  private upstreamFailure(reason: string): void {
    this.clearTimer();
    if (this.stream.completed) return;
    if (!this.responseStarted) this.routerReply(503, `upstream connect error or disconnect/reset before headers. reset reason: ${reason}`);
    else this.stream.resetStream("upstream_reset");
  }
  private upstreamTimeout(): void {
    this.timer = null;
    this.upstreamAbort();
    if (!this.responseStarted) this.routerReply(504, "upstream request timeout"); else this.stream.resetStream("upstream_timeout");
  }
  private clearTimer(): void { if (this.timer) { clearTimeout(this.timer); this.timer = null; } }

  // ---- response side: towards the downstream client ----
  downstreamHeaders(h: HeaderMap, eos: boolean): void {
    if (this.res.headersSent || this.res.destroyed) return;
    const status = Number(h.get(":status") ?? 200);
    const out: Record<string, string | string[]> = {};
    for (const [k, v] of h.entries) {
      if (k.startsWith(":") || (this.isH2 && HOP.has(k))) continue;
      const cur = out[k];
      // Envoy's HTTP/2 codec would send a repeated single-value header as two fields; Node's http2 refuses
      // (ERR_HTTP2_HEADER_SINGLE_VALUE) and the stream would hang: keep the last one and say so.
      if (cur !== undefined && this.isH2 && SINGLE_VALUE.has(k)) {
        this.proxy.warn(`duplicate ${k} in an HTTP/2 response: kept the last value`);
        out[k] = v;
        continue;
      }
      out[k] = cur === undefined ? v : Array.isArray(cur) ? [...cur, v] : [cur, v];
    }
    this.proxy.countStat(`http.${this.l.statPrefix}.downstream_rq_${Math.floor(status / 100)}xx`);
    if (eos && this.isH2) {
      // Headers with END_STREAM (gRPC trailers-only); the compat API would add an empty DATA frame.
      const st = (this.res as http2.Http2ServerResponse).stream;
      this.finished = true;
      this.clearTimer();
      if (!st.destroyed && !st.headersSent) st.respond({ ...out, ":status": status }, { endStream: true });
      return;
    }
    (this.res as http.ServerResponse).writeHead(status, out);
    if (eos) this.finish();
  }
  downstreamData(d: Buffer, eos: boolean): void {
    if (this.res.destroyed) return;
    if (d.length && !(this.res as http.ServerResponse).write(d)) {
      const up = this.upRes;
      if (up) { up.pause(); this.res.once("drain", () => up.resume()); }
    }
    if (eos) this.finish();
  }
  downstreamTrailers(t: HeaderMap): void {
    if (this.res.destroyed) return;
    const o: Record<string, string> = {};
    for (const [k, v] of t.entries) o[k] = v;
    (this.res as http.ServerResponse).addTrailers(o);
    this.finish();
  }
  private finish(): void { if (!this.finished) { this.finished = true; this.clearTimer(); this.res.end(); } }
  reset(_reason: string): void {
    this.clearTimer();
    if (this.finished) return;
    this.finished = true;
    if (this.isH2) (this.res as http2.Http2ServerResponse).stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
    else (this.res as http.ServerResponse).destroy();
  }
  watermark(side: "request" | "response", above: boolean): void {
    const s = side === "request" ? this.req : this.upRes;
    if (!s) return;
    if (above) s.pause(); else s.resume();
  }
}

/** Headers Node's http2 accepts only once (its HTTP2_HEADER_SINGLE_VALUE set, the common ones). */
const SINGLE_VALUE = new Set(["content-type", "content-length", "content-encoding", "content-language", "content-location",
  "content-md5", "content-range", "age", "authorization", "etag", "expires", "from", "if-modified-since",
  "if-range", "if-unmodified-since", "last-modified", "location", "max-forwards", "proxy-authorization",
  "range", "referer", "retry-after", "tk", "upgrade-insecure-requests", "user-agent", "x-content-type-options"]);

function addHeader(o: http2.OutgoingHttpHeaders, k: string, v: string): void {
  const cur = o[k];
  o[k] = cur === undefined ? v : Array.isArray(cur) ? [...cur, v] : [String(cur), v];
}

/** Starts a proxy from a parsed bootstrap. */
export async function startProxy(config: HostConfig, options: ProxyOptions = {}): Promise<ProxyServer> {
  const p = new ProxyServer(config, options);
  await p.start();
  return p;
}
