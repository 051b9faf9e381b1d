// End-to-end helpers: real upstreams (HTTP/1.1, HTTP/2 h2c, gRPC via @grpc/grpc-js) on 127.0.0.1 ephemeral
// ports, the MicroWAF filter in the host proxy in front of them (an inline YAML policy), and clients that
// return exactly what reached them (bytes, headers, trailers, gRPC messages) so tests can scan for leaks.
import { createHash } from "node:crypto";
import http from "node:http";
import http2 from "node:http2";
import type { AddressInfo } from "node:net";
import * as grpc from "@grpc/grpc-js";
import protobuf from "protobufjs";
import { parseBootstrap, TYPES } from "../../../src/host/bootstrap.ts";
import { startProxy, type ProxyServer } from "../../../src/host/proxy.ts";
import type { Plugin } from "../../../src/host/index.ts";
import { renderPolicy, WASM } from "../filter/policy-helpers.ts";

export const PROTO = new URL("../../../examples/demo/customers.proto", import.meta.url).pathname;
export const root = new protobuf.Root().loadSync(PROTO, { keepCase: true });
export const Customer = root.lookupType("demo.v1.Customer");
export const GetCustomerRequest = root.lookupType("demo.v1.GetCustomerRequest");
export const ListCustomersRequest = root.lookupType("demo.v1.ListCustomersRequest");

export interface CustomerMsg {
  id: string; name: string; email: string; ssn: string; card_number: string; phone: string;
  address: { street: string; city: string; postal_code: string };
}

// ---------------------------------------------------------------- upstreams

/** What an upstream received for one request (keyed by x-request-id). */
export interface Seen { method: string; path: string; headers: Record<string, unknown>; body: Buffer; aborted: boolean }

/** A canned response: the test registers it under an id and requests /r/<id>. */
export interface Canned { body: Buffer; chunked?: boolean; contentType?: string; chunkSize?: number; ticks?: boolean; headers?: Record<string, string> }

export class Upstreams {
  readonly seen = new Map<string, Seen>();
  readonly canned = new Map<string, Canned>();
  /** gRPC: customers by id (GetCustomer) and the list ListCustomers streams (limit = how many) */
  readonly customers = new Map<string, CustomerMsg>();
  list: CustomerMsg[] = [];
  readonly grpcSeen = new Map<string, Buffer>();
  h1Port = 0; h2Port = 0; grpcPort = 0;
  private h1 = http.createServer((q, s) => this.handle(q, s));
  private h2 = http2.createServer((q, s) => this.handle(q, s as unknown as http.ServerResponse));
  private grpcServer = new grpc.Server();

  private handle(req: http.IncomingMessage | http2.Http2ServerRequest, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    const id = String(req.headers["x-request-id"] ?? "");
    const record = (aborted: boolean) => this.seen.set(id, { method: req.method ?? "", path: req.url ?? "", headers: { ...req.headers }, body: Buffer.concat(chunks), aborted });
    // Whatever arrives is recorded, also when the proxy aborts the request mid-body. An abort is sticky: Node's
    // HTTP/2 compat request also emits 'end' after 'aborted' (its readable side closes on RST_STREAM).
    let aborted = false;
    record(true);
    req.on("aborted", () => { aborted = true; record(true); });
    req.on("data", (c: Buffer) => { chunks.push(c); record(true); });
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      record(aborted);
      if (aborted) return;
      const m = /\/r\/([^/?]+)/.exec(req.url ?? "");
      const c = m ? this.canned.get(m[1]) : undefined;
      if (!c) {
        // Echo: the request body back, so request-side redaction shows on both ends.
        res.writeHead(200, { "content-type": "application/json", "content-length": String(body.length) });
        res.end(body);
        return;
      }
      const headers: Record<string, string> = { "content-type": c.contentType ?? "application/json", ...(c.headers ?? {}) };
      if (!c.chunked) headers["content-length"] = String(c.body.length);
      res.writeHead(200, headers);
      const step = c.chunkSize ?? (c.chunked ? 7 : c.body.length || 1);
      const parts: Buffer[] = [];
      for (let i = 0; i < c.body.length; i += step) parts.push(c.body.subarray(i, i + step));
      // Chunked (or ticks): writes 1 ms apart so the proxy sees them as separate data events.
      const next = () => {
        const p = parts.shift();
        if (!p) { res.end(); return; }
        res.write(p);
        if (c.chunked || c.ticks) setTimeout(next, 1); else next();
      };
      next();
    });
  }

  async start(): Promise<void> {
    const listen = async (s: http.Server | http2.Http2Server) => {
      await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
      return (s.address() as AddressInfo).port;
    };
    this.h1Port = await listen(this.h1);
    this.h2Port = await listen(this.h2);
    const id = (b: Buffer) => b;
    const svc: grpc.ServiceDefinition = {
      GetCustomer: { path: "/demo.v1.Customers/GetCustomer", requestStream: false, responseStream: false, requestSerialize: id, requestDeserialize: id, responseSerialize: id, responseDeserialize: id },
      ListCustomers: { path: "/demo.v1.Customers/ListCustomers", requestStream: false, responseStream: true, requestSerialize: id, requestDeserialize: id, responseSerialize: id, responseDeserialize: id },
    };
    this.grpcServer.addService(svc, {
      GetCustomer: (call: grpc.ServerUnaryCall<Buffer, Buffer>, cb: grpc.sendUnaryData<Buffer>) => {
        const rid = String(call.metadata.get("x-request-id")[0] ?? "");
        this.grpcSeen.set(rid, call.request);
        const req = GetCustomerRequest.decode(call.request) as unknown as { id: string };
        const c = this.customers.get(req.id);
        if (!c) { cb({ code: grpc.status.NOT_FOUND, details: "no such customer" }); return; }
        cb(null, encodeCustomer(c));
      },
      ListCustomers: (call: grpc.ServerWritableStream<Buffer, Buffer>) => {
        const rid = String(call.metadata.get("x-request-id")[0] ?? "");
        this.grpcSeen.set(rid, call.request);
        const req = ListCustomersRequest.decode(call.request) as unknown as { limit: number };
        const n = Math.min(req.limit || this.list.length, this.list.length);
        let i = 0;
        // One message per tick: the proxy sees them as separate data events (a real stream).
        const next = () => {
          if (i >= n || call.cancelled) { call.end(); return; }
          call.write(encodeCustomer(this.list[i++]));
          setImmediate(next);
        };
        next();
      },
    });
    this.grpcPort = await new Promise<number>((res, rej) => this.grpcServer.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? rej(e) : res(p))));
  }

  async stop(): Promise<void> {
    this.h1.closeAllConnections();
    await new Promise<void>((r) => this.h1.close(() => r()));
    await new Promise<void>((r) => this.h2.close(() => r()));
    this.grpcServer.forceShutdown();
  }
}

export function encodeCustomer(c: CustomerMsg): Buffer {
  return Buffer.from(Customer.encode(Customer.fromObject(c)).finish());
}
export function decodeCustomer(b: Buffer): CustomerMsg {
  return Customer.toObject(Customer.decode(b), { defaults: true }) as unknown as CustomerMsg;
}

// ---------------------------------------------------------------- the proxy

export interface MwProxy { proxy: ProxyServer; port: number; plugin: Plugin }

/** The MicroWAF filter (policy YAML) in the host proxy: gRPC paths → gRPC server, /h2/ → h2c upstream, rest → HTTP/1.1. */
export async function startMicroWaf(up: Upstreams, policyYaml: string, o: { allow?: boolean; vmCount?: number } = {}): Promise<MwProxy> {
  const sa = (port: number) => ({ socket_address: { address: "127.0.0.1", port_value: port } });
  const h2opts = { typed_extension_protocol_options: { "envoy.extensions.upstreams.http.v3.HttpProtocolOptions": { "@type": TYPES.httpOptions, explicit_http_config: { http2_protocol_options: {} } } } };
  const cluster = (name: string, port: number, h2: boolean) => ({ name, type: "STATIC", connect_timeout: "2s", ...(h2 ? h2opts : {}),
    load_assignment: { cluster_name: name, endpoints: [{ lb_endpoints: [{ endpoint: { address: sa(port) } }] }] } });
  const route = (prefix: string, c: string) => ({ match: { prefix }, route: { cluster: c, timeout: "20s" } });
  const doc = {
    static_resources: {
      listeners: [{ name: "l", address: sa(0), filter_chains: [{ filters: [{ name: "envoy.filters.network.http_connection_manager", typed_config: {
        "@type": TYPES.hcm, stat_prefix: "e2e", codec_type: "AUTO",
        route_config: { name: "r", virtual_hosts: [{ name: "all", domains: ["*"], routes: [route("/demo.v1.Customers/", "grpc"), route("/h2/", "h2"), route("/", "h1")] }] },
        http_filters: [
          { name: "envoy.filters.http.wasm", typed_config: { "@type": TYPES.wasm, config: {
            name: "microwaf", root_id: "microwaf", failure_policy: "FAIL_CLOSED", allow_on_headers_stop_iteration: o.allow ?? false,
            vm_config: { vm_id: "microwaf", runtime: "envoy.wasm.runtime.v8", code: { local: { filename: WASM } } },
            configuration: { "@type": TYPES.stringValue, value: renderPolicy(policyYaml) } } } },
          { name: "envoy.filters.http.router", typed_config: { "@type": TYPES.router } },
        ] } }] }] }],
      clusters: [cluster("h1", up.h1Port, false), cluster("h2", up.h2Port, true), cluster("grpc", up.grpcPort, true)],
    },
  };
  const proxy = await startProxy(parseBootstrap(doc, process.cwd()), { vmCount: o.vmCount ?? 2, log: () => {} });
  return { proxy, port: proxy.listenerAddress().port, plugin: [...proxy.plugins.values()][0]! };
}

/** Evidence lines (parsed) the filter logged, with the VM that logged each. */
export function evidenceOf(p: Plugin): Array<Record<string, any> & { vm: number }> {
  return p.logs.filter((l) => l.message.startsWith('{"microwaf":"evidence"')).map((l) => ({ ...JSON.parse(l.message), vm: l.vm }));
}
export function evidenceFor(p: Plugin, requestId: string): Record<string, any> | undefined {
  const all = evidenceOf(p).filter((e) => e.stream.request_id === requestId);
  if (all.length > 1) throw new Error(`${all.length} evidence lines for ${requestId}`);
  return all[0];
}

/** How the filter names an opaque bearer token in evidence: sha256: + 16 hex digits. */
export const tokenHash = (t: string) => "sha256:" + createHash("sha256").update(t).digest("hex").slice(0, 16);
/** report.values: sha256-prefix with the default prefix of 12 hex digits. */
export const valueHash = (v: string, n = 12) => "sha256:" + createHash("sha256").update(v).digest("hex").slice(0, n);

// ---------------------------------------------------------------- clients

export interface H1Result { status: number; headers: http.IncomingHttpHeaders; body: Buffer; error?: string }

/** HTTP/1.1 over its own socket; resolves also when the response is cut (error set). */
export function h1(port: number, o: { method?: string; path: string; host?: string; headers?: Record<string, string>; body?: Buffer; chunked?: boolean; agent?: http.Agent; delayBodyMs?: number }): Promise<H1Result> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (o.host) headers.host = o.host;
    if (o.body && !o.chunked) headers["content-length"] = String(o.body.length);
    let status = 0, rh: http.IncomingHttpHeaders = {};
    const chunks: Buffer[] = [];
    const req = http.request({ host: "127.0.0.1", port, method: o.method ?? (o.body ? "POST" : "GET"), path: o.path, headers, agent: o.agent ?? false }, (res) => {
      status = res.statusCode!; rh = res.headers;
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status, headers: rh, body: Buffer.concat(chunks) }));
      res.on("error", (e) => resolve({ status, headers: rh, body: Buffer.concat(chunks), error: e.message }));
      res.on("aborted", () => resolve({ status, headers: rh, body: Buffer.concat(chunks), error: "aborted" }));
    });
    req.on("error", (e) => resolve({ status, headers: rh, body: Buffer.concat(chunks), error: e.message }));
    const send = () => {
      if (o.body) {
        if (o.chunked) for (let i = 0; i < o.body.length; i += 16) req.write(o.body.subarray(i, i + 16));
        else req.write(o.body);
      }
      req.end();
    };
    // delayBodyMs: the headers leave first and the body later, as over a slow network.
    if (o.delayBodyMs) { req.flushHeaders(); setTimeout(send, o.delayBodyMs); } else send();
  });
}

export interface H2Result { status: number; headers: http2.IncomingHttpHeaders; body: Buffer; trailers: http2.IncomingHttpHeaders | null; endAfterHeaders: boolean; error?: string }

/** One HTTP/2 request on `session` (h2c prior knowledge). */
export function h2req(session: http2.ClientHttp2Session, o: { method?: string; path: string; authority?: string; headers?: Record<string, string>; body?: Buffer }): Promise<H2Result> {
  return new Promise((resolve) => {
    const req = session.request({ ":method": o.method ?? (o.body ? "POST" : "GET"), ":path": o.path, ...(o.authority ? { ":authority": o.authority } : {}), ...(o.headers ?? {}) }, { endStream: !o.body });
    let headers: http2.IncomingHttpHeaders = {}, trailers: http2.IncomingHttpHeaders | null = null, endAfterHeaders = false;
    const chunks: Buffer[] = [];
    req.on("response", (h, flags) => { headers = h; endAfterHeaders = (flags & http2.constants.NGHTTP2_FLAG_END_STREAM) !== 0; });
    req.on("trailers", (t) => { trailers = t; });
    req.on("data", (c: Buffer) => chunks.push(c));
    const done = (error?: string) => resolve({ status: Number(headers[":status"] ?? 0), headers, body: Buffer.concat(chunks), trailers, endAfterHeaders, ...(error ? { error } : {}) });
    req.on("end", () => done());
    req.on("error", (e) => done(e.message));
    req.on("close", () => { if (req.rstCode && req.rstCode !== http2.constants.NGHTTP2_NO_ERROR) done(`rst ${req.rstCode}`); });
    if (o.body) req.end(o.body);
  });
}

export function h2connect(port: number): http2.ClientHttp2Session {
  const s = http2.connect(`http://127.0.0.1:${port}`);
  s.on("error", () => {});
  return s;
}

/** Splits a gRPC body into its length-prefixed messages; throws if the framing is broken. */
export function grpcFrames(body: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let i = 0;
  while (i < body.length) {
    if (body.length - i < 5) throw new Error(`truncated gRPC frame header at ${i}`);
    if (body[i] !== 0) throw new Error(`compressed flag ${body[i]} at ${i}`);
    const n = body.readUInt32BE(i + 1);
    if (i + 5 + n > body.length) throw new Error(`gRPC frame at ${i} says ${n} bytes, ${body.length - i - 5} left`);
    out.push(body.subarray(i + 5, i + 5 + n));
    i += 5 + n;
  }
  return out;
}
export function grpcFrame(msg: Buffer): Buffer {
  const h = Buffer.alloc(5);
  h.writeUInt32BE(msg.length, 1);
  return Buffer.concat([h, msg]);
}

// grpc-js client with identity (de)serializers: we see the raw message bytes and decode them ourselves.
const ident = (b: Buffer) => b;
const CustomersDef: grpc.ServiceDefinition = {
  GetCustomer: { path: "/demo.v1.Customers/GetCustomer", requestStream: false, responseStream: false, requestSerialize: ident, requestDeserialize: ident, responseSerialize: ident, responseDeserialize: ident },
  ListCustomers: { path: "/demo.v1.Customers/ListCustomers", requestStream: false, responseStream: true, requestSerialize: ident, requestDeserialize: ident, responseSerialize: ident, responseDeserialize: ident },
};
const ClientCtor = grpc.makeGenericClientConstructor(CustomersDef, "Customers");
export type GrpcClient = grpc.Client & Record<string, (...a: unknown[]) => unknown>;

export function grpcClient(port: number, authority: string): GrpcClient {
  return new ClientCtor(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), { "grpc.default_authority": authority }) as unknown as GrpcClient;
}

export interface GrpcResult { messages: Buffer[]; status: grpc.StatusObject; metadata: grpc.Metadata | null }

function md(o: Record<string, string>): grpc.Metadata {
  const m = new grpc.Metadata();
  for (const [k, v] of Object.entries(o)) m.set(k, v);
  return m;
}

export function grpcUnary(c: GrpcClient, req: Buffer, meta: Record<string, string>): Promise<GrpcResult> {
  return new Promise((resolve) => {
    let metadata: grpc.Metadata | null = null;
    const messages: Buffer[] = [];
    const call = c.GetCustomer(req, md(meta), (err: grpc.ServiceError | null, res?: Buffer) => { if (!err && res) messages.push(res); }) as grpc.ClientUnaryCall;
    call.on("metadata", (m: grpc.Metadata) => { metadata = m; });
    call.on("status", (s: grpc.StatusObject) => setImmediate(() => resolve({ messages, status: s, metadata })));
  });
}

export function grpcStream(c: GrpcClient, req: Buffer, meta: Record<string, string>): Promise<GrpcResult> {
  return new Promise((resolve) => {
    let metadata: grpc.Metadata | null = null;
    const messages: Buffer[] = [];
    const call = c.ListCustomers(req, md(meta)) as grpc.ClientReadableStream<Buffer>;
    call.on("metadata", (m: grpc.Metadata) => { metadata = m; });
    call.on("data", (b: Buffer) => messages.push(b));
    call.on("error", () => {});
    call.on("status", (s: grpc.StatusObject) => resolve({ messages, status: s, metadata }));
  });
}

/** The planted values found verbatim in `hay` (each one a leak). */
export function leaked(hay: Buffer | string, planted: string[]): string[] {
  const b = typeof hay === "string" ? Buffer.from(hay) : hay;
  return planted.filter((v) => b.includes(Buffer.from(v)));
}
