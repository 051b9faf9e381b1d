// Shared harness for the fuzz, adversarial and isolation suites: drives the real build/microwaf.wasm through
// the local proxy-wasm host and checks the invariants every exchange must keep (no trap, no exception out
// of the host, the stream completes with log → done → delete).
import { readFileSync } from "node:fs";
import { createPlugin, type Plugin, type PluginOptions, type HttpStream } from "../../../src/host/index.ts";
import { renderPolicy } from "../filter/policy-helpers.ts";

/** MICROWAF_WASM points the suites at another build (e.g. a candidate fix); default build/microwaf.wasm. */
export const WASM_PATH = process.env.MICROWAF_WASM ?? new URL("../../../build/microwaf.wasm", import.meta.url).pathname;
let wasmBytes: Uint8Array | null = null;
/** The module bytes, read once (a concurrent rebuild cannot swap the module under a running suite). */
export function wasm(): Uint8Array { return (wasmBytes ??= readFileSync(WASM_PATH)); }

/** Redact everything sensitive in both directions, alert on attacks, evidence on: the richest code paths. */
export const REDACT_ALL = `version: 1
report: { evidence: true }
rules:
  - detectors: ["pii.*", "secret.*"]
    action: redact
    direction: both
`;

export function plugin(configuration: string, opts: Partial<PluginOptions> = {}): Plugin {
  return createPlugin({ wasm: wasm(), rootId: "microwaf", configuration, vmCount: 1, ...opts });
}
export function policyPlugin(yaml: string, opts: Partial<PluginOptions> = {}): Plugin {
  const p = plugin(renderPolicy(yaml), opts);
  if (!p.configured) throw new Error(`filter rejected the policy: ${p.logText()}`);
  return p;
}

/** Wasm linear memory of VM `i`, in bytes (it only grows; a plateau across cycles means no leak). */
export function memoryBytes(p: Plugin, i = 0): number {
  return (p.vm(i).exports.memory as WebAssembly.Memory).buffer.byteLength;
}

export type Headers = Record<string, string> | Array<[string, string]>;
export interface Exchange {
  request?: { headers: Headers; body?: Buffer; splits?: number[]; trailers?: Headers };
  response?: { headers: Headers; body?: Buffer; splits?: number[]; trailers?: Headers };
}
export interface Outcome {
  stream: HttpStream;
  /** Evidence lines (request_id dropped) — what the filter reported. */
  evidence: string;
  upstream: Buffer;
  downstream: Buffer;
  status: string | undefined;
  logs: string[];
}

export const GET_HEADERS = { ":method": "GET", ":path": "/api/x", ":authority": "svc", ":scheme": "http" };

/** Cuts `body` at the given points (deduplicated, in range). */
export function chunks(body: Buffer, splits: number[] = []): Buffer[] {
  const cuts = [...new Set(splits.filter((x) => x > 0 && x < body.length))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let prev = 0;
  for (const c of [...cuts, body.length]) { out.push(body.subarray(prev, c)); prev = c; }
  return out;
}

/** Runs one exchange on a fresh stream and asserts the invariants; throws with the filter's logs if broken. */
export function exchange(p: Plugin, ex: Exchange, label = ""): Outcome {
  p.logs.length = 0; // the host keeps the last 10,000 lines; this exchange's lines are then all of them
  const before = 0;
  const s = p.newStream();
  const rq: NonNullable<Exchange["request"]> = ex.request ?? { headers: GET_HEADERS };
  send(s, "request", rq.headers, rq.body, rq.splits, rq.trailers);
  if (!s.completed && ex.response) send(s, "response", ex.response.headers, ex.response.body, ex.response.splits, ex.response.trailers);
  else if (!s.completed) s.sendResponseHeaders({ ":status": "204" }, true);
  check(p, s, label);
  const logs = p.logs.slice(before).map((l) => l.message);
  const evidence = logs.filter((m) => m.startsWith('{"microwaf":"evidence"')).map((m) => {
    const e = JSON.parse(m);
    delete e.stream.request_id;
    return JSON.stringify(e);
  }).join("\n");
  return { stream: s, evidence, upstream: s.upstream.body, downstream: s.downstream.body, status: s.downstream.headers?.get(":status"), logs };
}

function send(s: HttpStream, side: "request" | "response", headers: Headers, body: Buffer | undefined, splits: number[] | undefined, trailers: Headers | undefined): void {
  const h = Array.isArray(headers) ? headers : Object.entries(headers);
  const hasBody = body !== undefined && body.length > 0;
  if (side === "request") s.sendRequestHeaders(h, !hasBody && !trailers); else s.sendResponseHeaders(h, !hasBody && !trailers);
  if (hasBody) {
    const parts = chunks(body!, splits);
    for (let i = 0; i < parts.length && !s.completed; i++) {
      const end = i === parts.length - 1 && !trailers;
      if (side === "request") s.sendRequestBody(parts[i], end); else s.sendResponseBody(parts[i], end);
    }
  }
  if (trailers && !s.completed) {
    const t = Array.isArray(trailers) ? trailers : Object.entries(trailers);
    if (side === "request") s.sendRequestTrailers(t); else s.sendResponseTrailers(t);
  }
}

/** No trap, and the stream ran its whole lifecycle (on_log, on_done, on_delete). */
export function check(p: Plugin, s: HttpStream, label = ""): void {
  if (p.failed) {
    const why = p.logs.filter((l) => l.level === "critical").map((l) => l.message).join("\n");
    throw new Error(`TRAP ${label}: ${why}`);
  }
  if (!s.completed) throw new Error(`stream did not complete ${label}: calls ${s.calls.join(",")}`);
  const tail = s.calls.slice(-3).join(",");
  if (tail !== "on_log,on_done,on_delete") throw new Error(`stream lifecycle ${label}: ${s.calls.join(",")}`);
}

/** A short printable description of a failing input, for counterexamples. */
export function describe(b: Buffer | undefined, max = 300): string {
  if (!b) return "<none>";
  return `${b.length} B: ${JSON.stringify(b.subarray(0, max).toString("latin1"))}${b.length > max ? "…" : ""}`;
}
