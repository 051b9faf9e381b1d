// Through the proxy: wrk against the host proxy with no filter and with MicroWAF (default policy), both in
// front of the same upstream, each in its own process, on loopback, for a fixed duration.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

const ROOT = new URL("..", import.meta.url).pathname;
const CHILD = new URL("./proxy-child.ts", import.meta.url).pathname;

export interface WrkResult { requests_per_s: number; p50_ms: number; p99_ms: number; requests: number; errors: number }
export interface ProxyResults {
  tool: string | null;
  reason?: string;
  duration_s: number;
  connections: number;
  path: string;
  no_filter: WrkResult | null;
  microwaf: WrkResult | null;
  /** microwaf / no_filter requests per second. */
  rps_ratio: number | null;
}

function child(args: string[]): Promise<{ proc: ChildProcess; port: number }> {
  const proc = spawn(process.execPath, ["--no-liftoff", "--import", "tsx", CHILD, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: proc.stdout! });
    const timer = setTimeout(() => { proc.kill(); reject(new Error(`${args[0]} did not start in 60 s`)); }, 60_000);
    rl.once("line", (l) => { clearTimeout(timer); resolve({ proc, port: (JSON.parse(l) as { port: number }).port }); });
    proc.once("exit", (c) => { clearTimeout(timer); reject(new Error(`${args[0]} exited with ${c}`)); });
  });
}

function stop(p: ChildProcess): Promise<void> {
  return new Promise((r) => { if (p.exitCode !== null) return r(); p.once("exit", () => r()); p.kill("SIGTERM"); });
}

const unit = (v: string, u: string) => Number(v) * (u === "us" ? 1e-3 : u === "s" ? 1e3 : u === "m" ? 6e4 : 1);

export function parseWrk(out: string): WrkResult {
  const lat = (p: string) => { const m = new RegExp(`^\\s*${p}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, "m").exec(out); return m ? unit(m[1], m[2]) : NaN; };
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(out);
  const total = /(\d+) requests in/.exec(out);
  const errs = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(out);
  return {
    requests_per_s: rps ? Number(rps[1]) : NaN,
    p50_ms: lat("50"), p99_ms: lat("99"),
    requests: total ? Number(total[1]) : 0,
    errors: (errs ? errs.slice(1).reduce((a, b) => a + Number(b), 0) : 0) + (non2xx ? Number(non2xx[1]) : 0),
  };
}

function wrk(port: number, path: string, seconds: number, connections: number): WrkResult {
  // A user-agent and a query string, as real clients send: both are request-side inputs the filter inspects.
  const r = spawnSync("wrk", ["-t1", `-c${connections}`, `-d${seconds}s`, "--latency", "--timeout", "10s", "-H", "User-Agent: wrk/4 (bench)", "-H", "Accept: application/json", `http://127.0.0.1:${port}${path}`], { encoding: "utf8", timeout: (seconds + 30) * 1000 });
  if (r.status !== 0) throw new Error(`wrk failed: ${r.stderr || r.error?.message}`);
  return parseWrk(r.stdout);
}

export async function proxyBench(o: { seconds: number; connections: number; path?: string; wasm?: string }): Promise<ProxyResults> {
  const path = o.path ?? "/clean?page=1";
  const base: ProxyResults = { tool: null, duration_s: o.seconds, connections: o.connections, path, no_filter: null, microwaf: null, rps_ratio: null };
  const which = spawnSync("wrk", ["--version"], { encoding: "utf8" });
  if (which.error) return { ...base, reason: "wrk is not installed (apt-get install -y wrk)" };
  base.tool = /wrk[^\s]*\s+[^\s]+/.exec((which.stdout || which.stderr).split("\n")[0])?.[0].replace(/debian\//, "") ?? "wrk";
  const up = await child(["upstream"]);
  try {
    for (const mode of ["proxy-nofilter", "proxy-filter"] as const) {
      const px = await child([mode, String(up.port), ...(o.wasm ? [o.wasm] : [])]);
      try {
        wrk(px.port, path, 1, Math.min(4, o.connections)); // warm: JIT, connections, lazy DFA
        const res = wrk(px.port, path, o.seconds, o.connections);
        if (mode === "proxy-nofilter") base.no_filter = res; else base.microwaf = res;
      } finally { await stop(px.proc); }
    }
  } finally { await stop(up.proc); }
  if (base.no_filter && base.microwaf) base.rps_ratio = base.microwaf.requests_per_s / base.no_filter.requests_per_s;
  return base;
}
