// Proxy overhead of the local proxy-wasm host: the same load against the upstream directly, through the
// host with no filter, and through the host with a no-op Wasm filter. Requests/s and p50/p99 latency.
// Bounded in time: BENCH_WARMUP_SECONDS (default 1) + BENCH_SECONDS (default 3) per case,
// BENCH_CONCURRENCY connections (default 16), BENCH_BODY request bytes (default 1024).
// Run: node --import tsx bench/host-overhead.ts
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parseBootstrap, TYPES } from "../src/host/bootstrap.ts";
import { startProxy } from "../src/host/proxy.ts";
import { buildFixture } from "../tests/node/host/fixtures.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 1);
const BODY = Buffer.alloc(Number(process.env.BENCH_BODY ?? 1024), "a");

async function upstream(): Promise<{ server: http.Server; port: number }> {
  const server = http.createServer((req, res) => { req.resume(); req.on("end", () => res.end("ok")); });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return { server, port: (server.address() as AddressInfo).port };
}

function bootstrap(upPort: number, wasm: string | null): unknown {
  const sa = (port: number) => ({ socket_address: { address: "127.0.0.1", port_value: port } });
  const filters: unknown[] = wasm ? [{ name: "envoy.filters.http.wasm", typed_config: { "@type": TYPES.wasm, config: { root_id: "noop", vm_config: { vm_id: "noop", code: { local: { filename: wasm } } } } } }] : [];
  filters.push({ name: "envoy.filters.http.router", typed_config: { "@type": TYPES.router } });
  return { static_resources: {
    listeners: [{ name: "bench", address: sa(0), filter_chains: [{ filters: [{ name: "envoy.filters.network.http_connection_manager", typed_config: {
      "@type": TYPES.hcm, stat_prefix: "bench", route_config: { virtual_hosts: [{ name: "all", domains: ["*"], routes: [{ match: { prefix: "/" }, route: { cluster: "up" } }] }] }, http_filters: filters } }] }] }],
    clusters: [{ name: "up", load_assignment: { cluster_name: "up", endpoints: [{ lb_endpoints: [{ endpoint: { address: sa(upPort) } }] }] } }],
  } };
}

async function load(port: number, seconds = SECONDS): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const lat: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const one = () => new Promise<void>((resolve) => {
    const t0 = performance.now();
    const req = http.request({ host: "127.0.0.1", port, method: "POST", path: "/bench", agent, headers: { "content-length": BODY.length } }, (res) => {
      res.resume();
      res.on("end", () => { if (res.statusCode === 200) lat.push(performance.now() - t0); else errors++; resolve(); });
    });
    req.on("error", () => { errors++; resolve(); });
    req.end(BODY);
  });
  const worker = async () => { while (performance.now() < end) await one(); };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const secs = (performance.now() - t0) / 1000;
  agent.destroy();
  lat.sort((a, b) => a - b);
  const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] ?? NaN;
  return { rps: lat.length / secs, p50: q(0.5), p99: q(0.99), errors };
}

const up = await upstream();
const noop = buildFixture("noop");
const rows: Array<[string, Awaited<ReturnType<typeof load>>]> = [];
// Each case gets a warm-up run first (JIT, connection pools), then the measured run.
await load(up.port, WARMUP);
rows.push(["upstream directly", await load(up.port)]);
for (const [name, wasm] of [["host, no filter", null], ["host, no-op wasm filter", noop]] as const) {
  const proxy = await startProxy(parseBootstrap(bootstrap(up.port, wasm), process.cwd()), { vmCount: 1, log: () => {} });
  await load(proxy.listenerAddress().port, WARMUP);
  rows.push([name, await load(proxy.listenerAddress().port)]);
  await proxy.stop();
}
up.server.close();
console.log(`host overhead: ${SECONDS}s per case, ${CONCURRENCY} connections, ${BODY.length} B request bodies (Node ${process.version}, one process)`);
console.log("case                        req/s     p50 ms   p99 ms   errors");
for (const [name, r] of rows) console.log(`${name.padEnd(26)} ${r.rps.toFixed(0).padStart(7)}  ${r.p50.toFixed(2).padStart(7)}  ${r.p99.toFixed(2).padStart(7)}   ${r.errors}`);
