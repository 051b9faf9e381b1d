// A small harness wasm (-O3) around assembly/engine, built with asc into a temp dir, for the engine-only
// benchmark tools (bench/engine-pathological.ts, bench/engine-library.ts).
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";

export interface EngineHarness {
  memory: WebAssembly.Memory;
  clearSpecs(): void;
  addSpec(src: string, ci: boolean): void;
  /** NFA size, or -1 if the set does not compile */
  compile(): number;
  classes(): number;
  buffer(n: number): number;
  pin(p: number): void;
  /** streams [ptr, ptr+len) in `chunk`-byte feeds; returns the match count */
  scan(ptr: number, len: number, chunk: number): number;
  /** scans [ptr, ptr+len) as values of `vlen` bytes (scanValue); returns the match count */
  scanValues(ptr: number, len: number, vlen: number): number;
  dfaStates(): number;
  dfaBytes(): number;
  dfaClears(): number;
}

export async function buildEngineHarness(): Promise<EngineHarness> {
  const root = new URL("..", import.meta.url).pathname;
  const dir = mkdtempSync(join(tmpdir(), "mwaf-engine-"));
  const engine = relative(dir, join(root, "assembly/engine/index")).replace(/\\/g, "/");
  writeFileSync(join(dir, "harness_src.ts"), `
import { PatternSet, PatternSpec, EngineOptions, Matcher, MatchSink } from "${engine}";
class Count implements MatchSink { n: i32 = 0; onMatch(p: i32, s: i64, e: i64): void { this.n++; } }
let specs: PatternSpec[] = [];
let set: PatternSet | null = null;
let matcher: Matcher | null = null;
const sink = new Count();
export function clearSpecs(): void { specs = []; }
export function addSpec(src: string, ci: bool): void { specs.push(new PatternSpec(specs.length, src, ci)); }
export function compile(): i32 {
  const r = PatternSet.compile(specs, new EngineOptions());
  if (!r.ok) return -1;
  set = r.set;
  matcher = changetype<PatternSet>(set).newMatcher(sink);
  return changetype<PatternSet>(set).nfa.size;
}
export function classes(): i32 { return changetype<PatternSet>(set).nfa.classCount; }
export function buffer(n: i32): usize { return changetype<usize>(new ArrayBuffer(n)); }
let keep: ArrayBuffer | null = null;
export function pin(p: usize): void { keep = changetype<ArrayBuffer>(p); }
export function scan(ptr: usize, len: i32, chunk: i32): i32 {
  const m = changetype<Matcher>(matcher);
  m.reset(); sink.n = 0;
  for (let off = 0; off < len; off += chunk) m.feed(ptr + <usize>off, min(chunk, len - off));
  m.end();
  return sink.n;
}
export function scanValues(ptr: usize, len: i32, vlen: i32): i32 {
  const m = changetype<Matcher>(matcher);
  sink.n = 0;
  for (let off = 0; off < len; off += vlen) m.scanValue(ptr + <usize>off, min(vlen, len - off));
  return sink.n;
}
export function dfaStates(): i32 { return changetype<PatternSet>(set).dfa.nStates; }
export function dfaBytes(): i32 { return changetype<PatternSet>(set).dfa.memoryBytes; }
export function dfaClears(): i32 { return changetype<PatternSet>(set).dfa.clears; }
`);
  writeFileSync(join(dir, "asconfig.json"), "{}");
  writeFileSync(join(dir, "package.json"), "{\"type\":\"module\"}");
  execFileSync(join(root, "node_modules/.bin/asc"), [join(dir, "harness_src.ts"), "--config", join(dir, "asconfig.json"),
    "--outFile", join(dir, "harness.wasm"), "--bindings", "esm", "-O3", "--runtime", "incremental"], { cwd: root, stdio: "inherit" });
  return (await import(pathToFileURL(join(dir, "harness.js")).href)) as EngineHarness;
}
