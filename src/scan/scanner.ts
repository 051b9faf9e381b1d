// Offline scanning through the real filter: each body is sent through build/microwaf.wasm in the local host
// as one HTTP exchange, and the filter's evidence line says what it found (detector, category, JSON path,
// raw byte offsets) and what it did. There is no second, JavaScript implementation of detection.
import { createPlugin, type Plugin } from "../host/index.ts";
import { loadPolicyFile } from "../policy/index.ts";
import { renderJson } from "../policy/render.ts";
import type { Policy } from "../policy/model.ts";

export const DEFAULT_WASM = new URL("../../build/microwaf.wasm", import.meta.url).pathname;

export interface ScanFinding {
  detector: string;
  category: string;
  action: string;
  path: string;
  start: number;
  end: number;
  direction: string;
}

export interface ScanResult {
  verdict: "allow" | "alert" | "redact" | "block";
  findings: ScanFinding[];
  /** the body as the client (response) or upstream (request) received it */
  output: Buffer;
  blocked: boolean;
}

export interface ScanInput {
  body: Buffer;
  contentType?: string;
  direction?: "request" | "response";
  path?: string;
  method?: string;
}

interface EvidenceLine {
  microwaf: string;
  findings: Array<ScanFinding>;
  blocked?: string;
}

export const DEFAULT_POLICY = new URL("../../policy/default.yaml", import.meta.url).pathname;

/** The policy the scanner runs: the user's (or the shipped default), with evidence on so findings are reported. */
export function scanConfiguration(policyFile: string = DEFAULT_POLICY): string {
  const p: Policy = loadPolicyFile(policyFile);
  const json = JSON.parse(renderJson(p));
  json.report = { ...json.report, evidence: true };
  return JSON.stringify(json);
}

export class FilterScanner {
  readonly plugin: Plugin;

  constructor(opts: { policyFile?: string; wasm?: string; configuration?: string } = {}) {
    const configuration = opts.configuration ?? scanConfiguration(opts.policyFile);
    this.plugin = createPlugin({ wasm: opts.wasm ?? DEFAULT_WASM, rootId: "microwaf", configuration, vmCount: 1 });
    if (!this.plugin.configured) {
      throw new Error(`the filter rejected the policy: ${this.plugin.logs.filter((l) => l.level === "error").map((l) => l.message).join("; ") || this.plugin.configError}`);
    }
  }

  scan(input: ScanInput): ScanResult {
    const p = this.plugin;
    p.logs.length = 0;
    const s = p.newStream();
    const direction = input.direction ?? "response";
    const ct = input.contentType ?? "application/json";
    const headers: Record<string, string> = { ":method": input.method ?? (direction === "request" ? "POST" : "GET"), ":path": input.path ?? "/scan", ":authority": "scan.local", ":scheme": "http" };
    if (direction === "request") {
      s.sendRequest({ headers: { ...headers, "content-type": ct, "content-length": String(input.body.length) }, body: input.body });
      if (!s.localReply) s.sendResponse({ headers: { ":status": "204" } });
    } else {
      s.sendRequest({ headers });
      s.sendResponse({ headers: { ":status": "200", "content-type": ct, "content-length": String(input.body.length) }, body: input.body });
    }
    if (p.failed) throw new Error(`the filter trapped: ${p.configError ?? p.logText()}`);
    const evidence = p.logs.map((l) => l.message).filter((m) => m.startsWith('{"microwaf":"evidence"')).map((m) => JSON.parse(m) as EvidenceLine);
    const findings = evidence.flatMap((e) => e.findings ?? []);
    const blocked = s.localReply !== null || evidence.some((e) => e.blocked);
    let verdict: ScanResult["verdict"] = "allow";
    if (blocked) verdict = "block";
    else if (findings.some((f) => f.action === "redact")) verdict = "redact";
    else if (findings.length > 0) verdict = "alert";
    const output = direction === "request" ? s.upstream.body : s.downstream.body;
    return { verdict, findings, output, blocked };
  }
}

/** 1-based line and column of a byte offset in a UTF-8 body. */
export function lineCol(body: Buffer, offset: number): { line: number; col: number } {
  let line = 1, start = 0;
  for (let i = 0; i < offset && i < body.length; i++) if (body[i] === 0x0a) { line++; start = i + 1; }
  return { line, col: body.subarray(start, offset).toString("utf8").length + 1 };
}

/** The matched value with all but the last 4 characters masked (separators kept), for human output. */
export function maskForDisplay(value: string): string {
  const keep = value.length >= 10 ? 4 : 0;
  return [...value].map((c, i, a) => (i >= a.length - keep || /[\s\-.@/]/.test(c) ? c : "*")).join("");
}
