// Helpers for end-to-end tests: upstream servers on ephemeral ports and a host proxy in front of them.
import { createHash } from "node:crypto";
import http from "node:http";
import http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { parseBootstrap, TYPES } from "../../../src/host/bootstrap.ts";
import { startProxy, type ProxyServer } from "../../../src/host/proxy.ts";

export const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** Echo upstream: answers JSON {method, path, headers, length, sha} and, with ?size=N, a body of N bytes. */
export function echoHandler(req: http.IncomingMessage | http2.Http2ServerRequest, anyRes: http.ServerResponse | http2.Http2ServerResponse): void {
  const res = anyRes as http.ServerResponse; // the calls below exist on both response kinds
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    const u = new URL(req.url ?? "/", "http://x");
    const size = Number(u.searchParams.get("size") ?? -1);
    if (size >= 0) {
      const out = Buffer.alloc(size, "abcdefghij");
      res.setHeader("content-type", "application/octet-stream");
      res.setHeader("x-sha", sha(out));
      if (u.searchParams.has("chunked")) { for (let i = 0; i < out.length; i += 65536) res.write(out.subarray(i, i + 65536)); res.end(); }
      else { res.setHeader("content-length", String(out.length)); res.end(out); }
      return;
    }
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ method: req.method, path: req.url, headers: req.headers, length: body.length, sha: sha(body), text: body.length < 256 ? body.toString() : "" }));
  });
}

export async function listen(server: http.Server | http2.Http2Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return (server.address() as AddressInfo).port;
}

export interface ProxyUnderTest { proxy: ProxyServer; port: number; adminPort: number }

export async function proxyTo(o: {
  clusters: Array<{ name: string; port: number; http2?: boolean }>; wasm?: { filename: string; rootId: string; configuration?: string; failurePolicy?: string; allow?: boolean };
  routes?: Array<{ prefix: string; cluster: string }>; bufferLimit?: number; statsTags?: Array<{ tag_name: string; regex: string }>;
}): Promise<ProxyUnderTest> {
  const sa = (port: number) => ({ socket_address: { address: "127.0.0.1", port_value: port } });
  const filters: unknown[] = [];
  if (o.wasm) filters.push({ name: "envoy.filters.http.wasm", typed_config: { "@type": TYPES.wasm, config: {
    name: o.wasm.rootId, root_id: o.wasm.rootId, failure_policy: o.wasm.failurePolicy ?? "FAIL_CLOSED", allow_on_headers_stop_iteration: o.wasm.allow ?? false,
    vm_config: { vm_id: o.wasm.rootId, runtime: "envoy.wasm.runtime.v8", code: { local: { filename: o.wasm.filename } } },
    configuration: { "@type": TYPES.stringValue, value: o.wasm.configuration ?? "" } } } });
  filters.push({ name: "envoy.filters.http.router", typed_config: { "@type": TYPES.router } });
  const routes = (o.routes ?? [{ prefix: "/", cluster: o.clusters[0].name }]).map((r) => ({ match: { prefix: r.prefix }, route: { cluster: r.cluster, timeout: "20s" } }));
  const doc = {
    admin: { address: sa(0) },
    ...(o.statsTags ? { stats_config: { stats_tags: o.statsTags } } : {}),
    static_resources: {
      listeners: [{ name: "l", address: sa(0), ...(o.bufferLimit ? { per_connection_buffer_limit_bytes: o.bufferLimit } : {}),
        filter_chains: [{ filters: [{ name: "envoy.filters.network.http_connection_manager", typed_config: {
          "@type": TYPES.hcm, stat_prefix: "test", codec_type: "AUTO",
          route_config: { name: "r", virtual_hosts: [{ name: "all", domains: ["*"], routes }] }, http_filters: filters } }] }] }],
      clusters: o.clusters.map((c) => ({
        name: c.name, type: "STATIC", connect_timeout: "2s",
        ...(c.http2 ? { typed_extension_protocol_options: { "envoy.extensions.upstreams.http.v3.HttpProtocolOptions": { "@type": TYPES.httpOptions, explicit_http_config: { http2_protocol_options: {} } } } } : {}),
        load_assignment: { cluster_name: c.name, endpoints: [{ lb_endpoints: [{ endpoint: { address: sa(c.port) } }] }] },
      })),
    },
  };
  const proxy = await startProxy(parseBootstrap(doc, process.cwd()), { vmCount: 2, log: () => {} });
  return { proxy, port: proxy.listenerAddress().port, adminPort: proxy.adminAddress!.port };
}

/** HTTP/1.1 request; `chunked` sends the body without content-length in several writes. */
export function h1(port: number, o: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer; chunked?: boolean }): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (o.body && !o.chunked) headers["content-length"] = String(o.body.length);
    const req = http.request({ host: "127.0.0.1", port, method: o.method ?? (o.body ? "POST" : "GET"), path: o.path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    if (o.body) { if (o.chunked) for (let i = 0; i < o.body.length; i += 100_000) req.write(o.body.subarray(i, i + 100_000)); else req.write(o.body); }
    req.end();
  });
}

/** HTTP/2 (h2c prior knowledge) request. */
export function h2(port: number, o: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer }): Promise<{ status: number; headers: http2.IncomingHttpHeaders; body: Buffer; trailers: http2.IncomingHttpHeaders | null }> {
  return new Promise((resolve, reject) => {
    const s = http2.connect(`http://127.0.0.1:${port}`);
    s.on("error", reject);
    const req = s.request({ ":method": o.method ?? (o.body ? "POST" : "GET"), ":path": o.path, ...(o.headers ?? {}) }, { endStream: !o.body });
    let headers: http2.IncomingHttpHeaders = {}, trailers: http2.IncomingHttpHeaders | null = null;
    const chunks: Buffer[] = [];
    req.on("response", (h) => { headers = h; });
    req.on("trailers", (t) => { trailers = t; });
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => { s.close(); resolve({ status: Number(headers[":status"]), headers, body: Buffer.concat(chunks), trailers }); });
    req.on("error", (e) => { s.close(); reject(e); });
    if (o.body) req.end(o.body);
  });
}
