// A child process for the proxy benchmark: `upstream` serves the 1 KB JSON corpus bodies; `proxy` runs the
// host proxy (src/host/proxy.ts) in front of it, with the MicroWAF filter (default policy) or with no
// filter at all. Prints {"port": N, "admin": N} on its first stdout line, then serves until killed. Loopback only.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parseBootstrap, quickBootstrap } from "../src/host/bootstrap.ts";
import { startProxy } from "../src/host/proxy.ts";
import { jsonBody } from "./corpus.ts";
import { WASM } from "./driver.ts";

const [mode, arg, wasmArg] = process.argv.slice(2);

if (mode === "upstream") {
  const bodies: Record<string, Buffer> = { "/clean": Buffer.from(jsonBody(42, 1024, 0)), "/findings": Buffer.from(jsonBody(43, 1024, 1536)) };
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const b = bodies[(req.url ?? "/").split("?")[0]] ?? bodies["/clean"];
      res.writeHead(200, { "content-type": "application/json", "content-length": String(b.length) }).end(b);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1", () => console.log(JSON.stringify({ port: (server.address() as AddressInfo).port })));
} else if (mode === "proxy-filter" || mode === "proxy-nofilter") {
  const doc = quickBootstrap({ upstream: `http://127.0.0.1:${arg}`, listen: { host: "127.0.0.1", port: 0 }, admin: { host: "127.0.0.1", port: 0 }, wasm: wasmArg || WASM, configuration: "" }) as any;
  if (mode === "proxy-nofilter") {
    const hcm = doc.static_resources.listeners[0].filter_chains[0].filters[0].typed_config;
    hcm.http_filters = hcm.http_filters.filter((f: { name: string }) => f.name !== "envoy.filters.http.wasm");
  }
  const proxy = await startProxy(parseBootstrap(doc, process.cwd()), { vmCount: 1, logLevel: "warn", log: () => {} });
  console.log(JSON.stringify({ port: proxy.listenerAddress().port, admin: proxy.adminAddress?.port ?? null }));
} else {
  console.error("usage: proxy-child.ts upstream | proxy-filter <upstreamPort> [wasm] | proxy-nofilter <upstreamPort>");
  process.exit(2);
}
