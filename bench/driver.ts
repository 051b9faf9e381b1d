// Drives the real filter (build/microwaf.wasm) through the host's programmatic API and measures the time
// spent inside the VM: every proxy_on_* export is wrapped with a clock, so `total` covers the filter's
// code plus the host calls it makes while running (proxy_get_buffer_bytes copying the body into linear
// memory, header-map marshalling, logs) and excludes the host's own stream bookkeeping between callbacks,
// which Envoy does in C++ for every filter anyway. The host functions are clocked too (`host`): total minus
// host is the Wasm time alone — issue 10's per-request figure — since this host's JavaScript implementations
// of those calls say nothing about what Envoy's C++ ones cost.
import { createPlugin, hostCallClock, type Plugin } from "../src/host/index.ts";

export const WASM = new URL("../build/microwaf.wasm", import.meta.url).pathname;
export const WASM_DEBUG = new URL("../build/microwaf.debug.wasm", import.meta.url).pathname;

export interface Timed {
  plugin: Plugin;
  /** Milliseconds inside proxy_on_* exports since the last reset, all callbacks / body callbacks only. */
  total: number;
  body: number;
  /** Of `total`: milliseconds inside host functions the filter called, and how many calls. */
  host: number;
  hostCalls: number;
  reset(): void;
}

/** Clock overhead of one wrapped call (ms): the measured interval around an empty callee. Subtracted. */
let clockCost = -1;
function calibrate(): number {
  if (clockCost >= 0) return clockCost;
  const f = () => 0;
  let acc = 0;
  const w = () => { const t = performance.now(); try { return f(); } finally { acc += performance.now() - t; } };
  const n = 200_000;
  for (let i = 0; i < n; i++) w(); // warm the wrapper
  acc = 0;
  for (let i = 0; i < n; i++) w();
  clockCost = Math.max(0, acc / n);
  return clockCost;
}

export function loadFilter(configuration: string | object = "", opts: { wasm?: string; logLevel?: "trace" | "debug" | "info" | "warn" | "error" } = {}): Plugin {
  const p = createPlugin({ wasm: opts.wasm ?? WASM, rootId: "microwaf", configuration, vmCount: 1, bufferLimitBytes: 64 << 20, logLevel: opts.logLevel ?? "info" });
  if (!p.configured) throw new Error(`filter rejected its configuration: ${p.configError}\n${p.logText("warn")}`);
  return p;
}

/** Wraps the VM's proxy_on_* exports with clocks. */
export function timed(plugin: Plugin): Timed {
  const cost = calibrate();
  const vm = plugin.vm(0);
  const t: Timed = { plugin, total: 0, body: 0, host: 0, hostCalls: 0, reset() { t.total = 0; t.body = 0; t.host = 0; t.hostCalls = 0; } };
  const orig = vm.exports;
  const wrapped: typeof orig = { ...orig };
  for (const [name, f] of Object.entries(orig)) {
    if (typeof f !== "function" || !name.startsWith("proxy_on_")) continue;
    const fn = f as (...a: unknown[]) => unknown;
    const isBody = name === "proxy_on_request_body" || name === "proxy_on_response_body";
    wrapped[name] = (...a: unknown[]) => {
      // host functions called inside this callback are clocked too; each such clock (two clock reads) is a
      // cost paid inside `d` that the filter did not cause, so it is taken out again (as the export's own is)
      const outer = !hostCallClock.on;
      const h0 = hostCallClock.ms, c0 = hostCallClock.calls;
      hostCallClock.on = true;
      const s = performance.now();
      try { return fn(...a); } finally {
        const e = performance.now();
        if (outer) hostCallClock.on = false;
        const calls = hostCallClock.calls - c0;
        const d = e - s - cost - 2 * calls * cost;
        t.total += d;
        if (isBody) t.body += d;
        t.host += Math.max(0, hostCallClock.ms - h0 - calls * cost);
        t.hostCalls += calls;
      }
    };
  }
  vm.exports = wrapped;
  return t;
}

export function memoryPages(plugin: Plugin): number { return plugin.vm(0).exports.memory.buffer.byteLength / 65536; }

export type Headers = Record<string, string>;
export interface Exchange {
  name: string;
  requestHeaders: Headers;
  requestBody?: Buffer;
  responseHeaders: Headers;
  responseBody?: Buffer;
  responseTrailers?: Headers;
  /** Bytes of body the filter inspects (request + response). */
  bytes: number;
}

/** Envoy hands bodies to filters in slices of about 16 KiB on plaintext HTTP/1.1 reads. */
export const CHUNK = 16384;

/** One complete stream: create → request → response → log/done/delete. */
export function runExchange(plugin: Plugin, x: Exchange): void {
  const s = plugin.newStream();
  if (x.requestBody && x.requestBody.length) s.sendRequest({ headers: x.requestHeaders, body: x.requestBody, chunkSize: CHUNK });
  else s.sendRequestHeaders(x.requestHeaders, true);
  s.sendResponse({ headers: x.responseHeaders, body: x.responseBody, chunkSize: CHUNK, trailers: x.responseTrailers });
  if (!s.completed && !plugin.failed) throw new Error(`stream ${x.name} did not complete`);
  if (plugin.failed) throw new Error(`filter VM failed on ${x.name}: ${plugin.logText("critical")}`);
}

/** A GET answered 204: what the filter costs per request before any body (headers, routing, metrics). */
export function getNoBody(): Exchange {
  return {
    name: "get_nobody",
    requestHeaders: { ":method": "GET", ":path": "/api/orders?page=1", ":authority": "orders.svc", ":scheme": "http", "user-agent": "bench", accept: "application/json" },
    responseHeaders: { ":status": "204" },
    bytes: 0,
  };
}

/** A JSON request body (POST) answered 204: the request side, where the attack detectors read every value. */
export function jsonPostExchange(name: string, body: string): Exchange {
  const b = Buffer.from(body);
  return {
    name,
    requestHeaders: { ":method": "POST", ":path": "/api/orders", ":authority": "orders.svc", ":scheme": "http", "user-agent": "bench",
      "content-type": "application/json", "content-length": String(b.length) },
    requestBody: b,
    responseHeaders: { ":status": "204" },
    bytes: b.length,
  };
}

export function jsonExchange(name: string, body: string): Exchange {
  const b = Buffer.from(body);
  return {
    name,
    requestHeaders: { ":method": "GET", ":path": "/api/orders?page=1", ":authority": "orders.svc", ":scheme": "http", "user-agent": "bench", accept: "application/json" },
    responseHeaders: { ":status": "200", "content-type": "application/json", "content-length": String(b.length) },
    responseBody: b,
    bytes: b.length,
  };
}

/**
 * Repeats `x` for about `budgetMs` of wall time (at least `minIters`), `rounds` times; returns the median
 * over rounds of the filter time per exchange (µs, all callbacks and body callbacks only).
 */
export function measure(t: Timed, x: Exchange, o: { rounds: number; budgetMs: number; minIters?: number; warm?: number }): { us: number; bodyUs: number; wasmUs: number; hostCalls: number; iters: number; rounds: number[] } {
  for (let i = 0; i < (o.warm ?? 3); i++) runExchange(t.plugin, x);
  const per: number[] = [], perBody: number[] = [], perWasm: number[] = [], perCalls: number[] = [];
  let iters = 0;
  for (let r = 0; r < o.rounds; r++) {
    t.reset();
    const start = performance.now();
    let n = 0;
    while (n < (o.minIters ?? 1) || performance.now() - start < o.budgetMs) { runExchange(t.plugin, x); n++; }
    iters += n;
    per.push((t.total * 1000) / n);
    perBody.push((t.body * 1000) / n);
    perWasm.push(((t.total - t.host) * 1000) / n);
    perCalls.push(t.hostCalls / n);
  }
  return { us: median(per), bodyUs: median(perBody), wasmUs: median(perWasm), hostCalls: median(perCalls), iters, rounds: per };
}

export function median(a: number[]): number {
  if (a.length === 0) return NaN;
  const s = [...a].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
