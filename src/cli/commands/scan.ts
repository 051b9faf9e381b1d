// `microwaf scan`: run files or NDJSON records through the real filter (in the local host) to see what a
// policy finds, for tuning on captured traffic.
import type { Command } from "commander";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { extname } from "node:path";
import { FilterScanner, lineCol, maskForDisplay } from "../../scan/scanner.ts";

interface ScanOpts { policy?: string; direction: "request" | "response"; contentType?: string; jsonl?: boolean; wasm?: string }

const BY_EXTENSION: Record<string, string> = {
  ".json": "application/json", ".ndjson": "application/x-ndjson", ".jsonl": "application/x-ndjson",
  ".txt": "text/plain", ".log": "text/plain", ".html": "text/html", ".xml": "application/xml", ".csv": "text/csv",
};

function fail(message: string): never {
  console.error(`microwaf scan: ${message}`);
  process.exit(2);
}

export function register(program: Command): void {
  program
    .command("scan")
    .description("scan files (or NDJSON records on stdin with --jsonl) through the filter and print what it finds")
    .argument("[files...]", "bodies to scan")
    .option("--policy <file>", "policy YAML (default: policy/default.yaml)")
    .option("--direction <dir>", "request | response", "response")
    .option("--content-type <type>", "content type of the files (default: from the extension)")
    .option("--jsonl", "read {id, body|body_base64, content_type, direction} lines on stdin, write one result line each")
    .option("--wasm <file>", "filter module (default: build/microwaf.wasm)")
    .action(async (files: string[], opts: ScanOpts) => {
      if (opts.direction !== "request" && opts.direction !== "response") fail(`--direction must be request or response (got ${opts.direction})`);
      let scanner: FilterScanner;
      try { scanner = new FilterScanner({ policyFile: opts.policy, wasm: opts.wasm }); } catch (e) { fail((e as Error).message); }
      if (opts.jsonl) return jsonl(scanner, opts);
      if (files.length === 0) fail("give files to scan, or --jsonl to read NDJSON on stdin");
      let total = 0;
      for (const file of files) {
        let body: Buffer;
        try { body = readFileSync(file); } catch (e) { fail(`${file}: ${(e as Error).message}`); }
        const contentType = opts.contentType ?? BY_EXTENSION[extname(file).toLowerCase()] ?? "text/plain";
        const r = scanner.scan({ body, contentType, direction: opts.direction });
        total += r.findings.length;
        for (const f of r.findings) {
          const where = f.start >= 0 ? lineCol(body, f.start) : { line: 0, col: 0 };
          const value = f.start >= 0 ? maskForDisplay(body.subarray(f.start, f.end).toString("utf8")) : "";
          console.log(`${file}:${where.line}:${where.col}: ${f.detector} ${f.action} ${f.path || "-"} ${value}`);
        }
        console.log(`${file}: ${r.verdict} (${r.findings.length} finding${r.findings.length === 1 ? "" : "s"})`);
      }
      if (files.length > 1) console.log(`${total} findings in ${files.length} files`);
    });
}

async function jsonl(scanner: FilterScanner, opts: ScanOpts): Promise<void> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let n = 0;
  for await (const line of rl) {
    n++;
    if (line.trim() === "") continue;
    let rec: { id?: unknown; body?: string; body_base64?: string; content_type?: string; direction?: string };
    try { rec = JSON.parse(line); } catch (e) {
      process.stdout.write(JSON.stringify({ id: null, line: n, error: `invalid JSON: ${(e as Error).message}` }) + "\n");
      continue;
    }
    const body = rec.body_base64 !== undefined ? Buffer.from(rec.body_base64, "base64") : Buffer.from(rec.body ?? "", "utf8");
    const direction = rec.direction === "request" ? "request" : rec.direction === "response" || rec.direction === undefined ? opts.direction : null;
    if (direction === null) {
      process.stdout.write(JSON.stringify({ id: rec.id ?? null, error: `direction must be request or response` }) + "\n");
      continue;
    }
    const r = scanner.scan({ body, contentType: rec.content_type ?? opts.contentType ?? "application/json", direction });
    const findings = r.findings.map((f) => ({ detector: f.detector, category: f.category, start: f.start, end: f.end, path: f.path, action: f.action }));
    process.stdout.write(JSON.stringify({ id: rec.id ?? null, verdict: r.verdict, findings }) + "\n");
  }
}
