// The quick start's stack on ephemeral ports, for tests that must not collide with `npm start` or each other:
// examples/envoy/envoy.yaml as the bootstrap (its stats_tags, filter and routes), with the listener, the admin
// and the two demo clusters moved to free ports. Also: demo traffic and a real Prometheus server.
import { readFileSync, mkdtempSync, writeFileSync, rmSync, existsSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { parse as parseYaml } from "yaml";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { startRest, startGrpc, PROTO_PATH } from "../../../examples/demo/services.ts";
import { parseBootstrap } from "../../../src/host/bootstrap.ts";
import { startProxy, type ProxyServer } from "../../../src/host/proxy.ts";
import { build, isBuildFresh } from "../../../scripts/build.ts";

export const root = new URL("../../..", import.meta.url).pathname;

export interface Stack { proxy: ProxyServer; listen: string; admin: string; stop(): Promise<void> }

/** Demo REST + gRPC services and MicroWAF in front of them, configured by examples/envoy/envoy.yaml. */
export async function startStack(): Promise<Stack> {
  if (!isBuildFresh()) build();
  const rest = await startRest(0);
  const grpcSvc = await startGrpc(0);
  const restPort = (rest.address() as { port: number }).port;
  const doc = parseYaml(readFileSync(join(root, "examples/envoy/envoy.yaml"), "utf8"));
  doc.admin.address.socket_address.port_value = 0;
  const listener = doc.static_resources.listeners[0];
  listener.address.socket_address = { address: "127.0.0.1", port_value: 0 };
  const ports: Record<string, number> = { upstream: restPort, customers_grpc: grpcSvc.port };
  for (const c of doc.static_resources.clusters) {
    if (!(c.name in ports)) throw new Error(`envoy.yaml: unexpected cluster ${c.name}`);
    c.load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address.port_value = ports[c.name];
  }
  const config = parseBootstrap(doc, root);
  const proxy = await startProxy(config, { echoLogs: false, log: () => {} });
  const l = proxy.listenerAddress();
  return {
    proxy,
    listen: `http://127.0.0.1:${l.port}`,
    admin: `http://127.0.0.1:${proxy.adminAddress!.port}`,
    async stop() {
      await proxy.stop();
      await new Promise<void>((r) => rest.close(() => r()));
      grpcSvc.server.forceShutdown();
    },
  };
}

export interface TrafficCounts { leakyConfig: number; customers: number; clean: number; grpc: number; blocked: number }

/**
 * A round of demo traffic: the debug endpoint (AWS keys → redacted), odd customers (PII → alert),
 * even customers and /healthz (clean), a bulk customer list (≥ 10 cards → blocked), and gRPC calls.
 */
export async function sendTraffic(base: string, rounds = 1): Promise<TrafficCounts> {
  const n: TrafficCounts = { leakyConfig: 0, customers: 0, clean: 0, grpc: 0, blocked: 0 };
  const get = async (path: string) => {
    const r = await fetch(base + path, { headers: { authorization: "Bearer demo-token-1" } });
    const body = await r.text();
    return { status: r.status, body };
  };
  const pkg = grpc.loadPackageDefinition(protoLoader.loadSync(PROTO_PATH, { keepCase: true })) as any;
  const client = new pkg.demo.v1.Customers(base.replace("http://", ""), grpc.credentials.createInsecure());
  try {
    for (let i = 0; i < rounds; i++) {
      const leaky = await get("/api/debug/config");
      if (leaky.status !== 200 || /AKIA/.test(leaky.body)) throw new Error(`debug config not redacted: ${leaky.status} ${leaky.body}`);
      n.leakyConfig++;
      const c1 = await get("/api/customers/1");
      if (c1.status !== 200) throw new Error(`customers/1: ${c1.status}`);
      n.customers++;
      for (const p of ["/api/customers/2", "/healthz"]) { if ((await get(p)).status !== 200) throw new Error(p); n.clean++; }
      const bulk = await get("/api/customers?limit=40");
      // Blocked: a 502 when the headers were still held, else (headers already sent) the body is replaced.
      if (bulk.status !== 502 && !bulk.body.includes("blocked by policy")) throw new Error(`bulk list not blocked: ${bulk.status} ${bulk.body.slice(0, 200)}`);
      n.blocked++;
      await new Promise<void>((res, rej) => client.GetCustomer({ id: String(2 * i + 3) }, (e: Error | null) => (e ? rej(e) : res())));
      n.grpc++;
    }
  } finally {
    client.close();
  }
  return n;
}

export const PROMETHEUS = process.env.PROMETHEUS_BIN ?? "prometheus";
export const PROMTOOL = process.env.PROMTOOL_BIN ?? "promtool";

/** Why the Prometheus tests cannot run here (null when the binaries are on PATH). */
export function prometheusMissing(): string | null {
  for (const bin of [PROMETHEUS, PROMTOOL]) {
    const r = spawnSync(bin, ["--version"], { encoding: "utf8" });
    if (r.error) return `${bin} not found (apt-get install -y prometheus): ${r.error.message}`;
  }
  return null;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => { const p = (s.address() as { port: number }).port; s.close(() => resolve(p)); });
  });
}

export interface PromServer {
  url: string;
  dir: string;
  /** Runs an instant query; throws with Prometheus' error text when the query is invalid. */
  query(expr: string, time?: number): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>>;
  queryRange(expr: string, start: number, end: number, step: number): Promise<Array<{ metric: Record<string, string>; values: Array<[number, string]> }>>;
  /** Resolves once Prometheus has finished `n` more scrapes of the target (after the call). */
  waitScrapes(n: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
  log(): string;
}

/** Starts the prometheus binary scraping `target` (host:port) /stats/prometheus every second, with temp storage. */
export async function startPrometheus(target: string, extraConfig = ""): Promise<PromServer> {
  const dir = mkdtempSync(join(tmpdir(), "microwaf-prom-"));
  const port = await freePort();
  writeFileSync(join(dir, "prometheus.yml"), [
    "global:", "  scrape_interval: 1s", "  evaluation_interval: 1s",
    "scrape_configs:",
    "  - job_name: microwaf", "    metrics_path: /stats/prometheus", "    scrape_interval: 1s", "    scrape_timeout: 1s",
    "    static_configs:", `      - targets: ["${target}"]`, extraConfig,
  ].join("\n") + "\n");
  const child: ChildProcess = spawn(PROMETHEUS, [
    `--config.file=${join(dir, "prometheus.yml")}`, `--storage.tsdb.path=${join(dir, "data")}`,
    `--web.listen-address=127.0.0.1:${port}`, "--storage.tsdb.retention.time=1h", "--log.level=warn",
  ], { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout!.on("data", (d) => { log += d; });
  child.stderr!.on("data", (d) => { log += d; });
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const url = `http://127.0.0.1:${port}`;
  const api = async (path: string, params: Record<string, string>) => {
    const r = await fetch(`${url}/api/v1/${path}`, { method: "POST", body: new URLSearchParams(params) });
    const j = await r.json() as { status: string; data: { result: any }; error?: string; errorType?: string };
    if (j.status !== "success") throw new Error(`${params.query}: ${j.errorType}: ${j.error}`);
    return j.data.result;
  };
  const scrapeCount = async (): Promise<number> => {
    // prometheus_target_scrape_pool_... is not per target; count samples of `up` for our job instead.
    const r = await api("query", { query: 'count_over_time(up{job="microwaf"}[1h])' });
    return r.length ? Number(r[0].value[1]) : 0;
  };
  const srv: PromServer = {
    url, dir,
    query: (expr, time) => api("query", { query: expr, ...(time ? { time: String(time) } : {}) }),
    queryRange: (expr, start, end, step) => api("query_range", { query: expr, start: String(start), end: String(end), step: String(step) }),
    async waitScrapes(n, timeoutMs = 15_000) {
      const t0 = Date.now();
      const start = await scrapeCount();
      while (Date.now() - t0 < timeoutMs) {
        if ((await scrapeCount()) >= start + n) return;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`Prometheus did not scrape ${n} times in ${timeoutMs} ms\n${log.slice(-2000)}`);
    },
    async stop() {
      if (child.exitCode === null) { child.kill("SIGTERM"); await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]); }
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
    },
    log: () => log,
  };
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`prometheus exited (${child.exitCode}):\n${log}`);
    try { if ((await fetch(`${url}/-/ready`)).ok) return srv; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  await srv.stop();
  throw new Error(`prometheus did not become ready:\n${log}`);
}
