// TLS downstream: a listener with a DownstreamTlsContext certificate serves HTTP/1.1 and HTTP/2 (ALPN)
// through the filter.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import http2 from "node:http2";
import https from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseBootstrap, TYPES } from "../../../src/host/bootstrap.ts";
import { startProxy } from "../../../src/host/proxy.ts";
import { buildFixture } from "./fixtures.ts";
import { echoHandler, listen } from "./proxy-helpers.ts";

test("HTTPS listener: HTTP/1.1 and HTTP/2 over TLS reach the upstream through the filter", async () => {
  const dir = mkdtempSync(join(tmpdir(), "mwtls-"));
  const up = http.createServer(echoHandler);
  try {
    execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=localhost",
      "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem")], { stdio: "ignore" });
    const port = await listen(up);
    const sa = (p: number) => ({ socket_address: { address: "127.0.0.1", port_value: p } });
    const doc = { static_resources: {
      listeners: [{ name: "tls", address: sa(0), filter_chains: [{
        transport_socket: { name: "envoy.transport_sockets.tls", typed_config: { "@type": TYPES.tls, common_tls_context: { tls_certificates: [{ certificate_chain: { filename: join(dir, "cert.pem") }, private_key: { filename: join(dir, "key.pem") } }] } } },
        filters: [{ name: "envoy.filters.network.http_connection_manager", typed_config: { "@type": TYPES.hcm, stat_prefix: "tls",
          route_config: { virtual_hosts: [{ name: "all", domains: ["*"], routes: [{ match: { prefix: "/" }, route: { cluster: "up" } }] }] },
          http_filters: [
            { name: "envoy.filters.http.wasm", typed_config: { "@type": TYPES.wasm, config: { root_id: "probe", vm_config: { code: { local: { filename: buildFixture("probe") } } } } } },
            { name: "envoy.filters.http.router", typed_config: { "@type": TYPES.router } }] } }] }] }],
      clusters: [{ name: "up", load_assignment: { cluster_name: "up", endpoints: [{ lb_endpoints: [{ endpoint: { address: sa(port) } }] }] } }],
    } };
    const proxy = await startProxy(parseBootstrap(doc, process.cwd()), { vmCount: 1, log: () => {} });
    try {
      const lp = proxy.listenerAddress().port;
      const r1 = await new Promise<{ body: string; seen: string | undefined }>((resolve, reject) => {
        https.get({ host: "127.0.0.1", port: lp, path: "/one", rejectUnauthorized: false, agent: false }, (res) => {
          let b = ""; res.on("data", (c) => (b += c)); res.on("end", () => resolve({ body: b, seen: res.headers["x-probe-seen"] as string | undefined }));
        }).on("error", reject);
      });
      assert.equal(JSON.parse(r1.body).path, "/one");
      assert.equal(r1.seen, "1");
      assert.equal(JSON.parse(r1.body).headers["x-forwarded-proto"], "https");
      const r2 = await new Promise<string>((resolve, reject) => {
        const s = http2.connect(`https://127.0.0.1:${lp}`, { rejectUnauthorized: false });
        s.on("error", reject);
        const q = s.request({ ":path": "/two" });
        let b = ""; q.on("data", (c) => (b += c)); q.on("end", () => { s.close(); resolve(b); });
      });
      assert.equal(JSON.parse(r2).path, "/two");
    } finally { await proxy.stop(); }
  } finally { up.close(); rmSync(dir, { recursive: true, force: true }); }
});
