// Engine benchmark (not a test): compile time of a typical ~45-detector pattern set, scan throughput over
// realistic text in 16 KiB chunks, and linear scaling on patterns that explode backtracking engines.
// Uses the engine harness wasm (bench/engine-harness.ts) and times it from Node.
// Run: node --import tsx bench/engine-pathological.ts
import { buildEngineHarness } from "./engine-harness.ts";

const h = await buildEngineHarness();

// Typical detector patterns (PII, vendor secrets), in the shape the library uses.
const LIBRARY: [string, boolean][] = [
  ["[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}", true],
  ["(?:\\+?1[ .-]?)?\\(?\\d{3}\\)?[ .-]?\\d{3}[ .-]?\\d{4}\\b", false],
  ["\\+\\d{1,3}[ .-]?\\d{2,4}[ .-]?\\d{3,4}[ .-]?\\d{3,4}\\b", false],
  ["\\b\\d{3}-\\d{2}-\\d{4}\\b", false],
  ["\\b\\d{9}\\b", false],
  ["\\b(?:\\d[ -]?){12,18}\\d\\b", false],
  ["\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\\b", false],
  ["\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b", false],
  ["\\b(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}\\b", true],
  ["\\b(?:[0-9a-f]{1,4}:){1,6}:[0-9a-f]{1,4}\\b", true],
  ["\\b\\d{4}-\\d{2}-\\d{2}\\b", false],
  ["\\b\\d{1,2}/\\d{1,2}/\\d{4}\\b", false],
  ["\\b[A-Z]\\d{8}\\b", false],
  ["\\b[A-CEGHJ-PR-TW-Z]{2}\\d{6}[A-D]\\b", false],
  ["\\b\\d{3}[ -]\\d{3}[ -]\\d{3}\\b", false],
  ["\\b(?:[0-9a-f]{2}:){5}[0-9a-f]{2}\\b", true],
  ["\\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\\b", false],
  ["\\b[A-Za-z0-9/+=]{40}\\b", false],
  ["\\bgh[pousr]_[A-Za-z0-9]{36,255}\\b", false],
  ["github_pat_[A-Za-z0-9_]{82}", false],
  ["xox[baprs]-[A-Za-z0-9-]{10,72}", false],
  ["https://hooks\\.slack\\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]+", false],
  ["\\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{10,99}\\b", false],
  ["\\bAIza[0-9A-Za-z_-]{35}\\b", false],
  ["\\beyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{10,}", false],
  ["-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----", false],
  ["\\bbearer [A-Za-z0-9._~+/-]{20,}=*", true],
  ["(?:password|passwd|pwd)[\"']?\\s*[:=]\\s*[\"']?[^\\s\"']{6,}", true],
  ["(?:api[_-]?key|apikey|secret|token)[\"']?\\s*[:=]\\s*[\"']?[A-Za-z0-9_-]{16,}", true],
  ["\\bSK[0-9a-fA-F]{32}\\b", false],
  ["SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}", false],
  ["key-[0-9a-z]{32}", false],
  ["npm_[A-Za-z0-9]{36}", false],
  ["pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}", false],
  ["glpat-[A-Za-z0-9_-]{20}", false],
  ["shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}", false],
  ["dop_v1_[a-f0-9]{64}", false],
  ["sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}", false],
  ["sk-ant-api03-[A-Za-z0-9_-]{93}AA", false],
  ["AccountKey=[A-Za-z0-9+/=]{88}", false],
  ["\\b\\d{8,10}:[A-Za-z0-9_-]{35}\\b", false],
  ["sq0atp-[0-9A-Za-z_-]{22}", false],
  ["[a-z][a-z0-9+.-]*://[^\\s:@/]+:[^\\s:@/]+@", true],
  ["\\b(?:4\\d{3}|5[1-5]\\d{2}|6011|3[47]\\d{2})[ -]?\\d{4}[ -]?\\d{4}[ -]?\\d{1,4}\\b", false],
];

function load(patterns: [string, boolean][]): number {
  h.clearSpecs();
  for (const [p, ci] of patterns) h.addSpec(p, ci);
  return h.compile();
}

function text(n: number): Uint8Array {
  // JSON-ish records with sparse PII, deterministic
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const words = ["alpha", "order", "status", "shipped", "customer", "the", "quantity", "price", "2024-05-01", "id", "note", "lorem", "ipsum"];
  const parts: string[] = [];
  let len = 0, i = 0;
  while (len < n) {
    let rec = `{"id":${1000 + i},"name":"${words[i % words.length]} ${words[(i * 7) % words.length]}","note":"`;
    for (let k = 0; k < 12; k++) rec += words[Math.floor(rnd() * words.length)] + " ";
    if (i % 50 === 0) rec += "mail bob.smith@example.org card 4539 1488 0343 6467 ";
    rec += `","total":${(rnd() * 1000).toFixed(2)}}\n`;
    parts.push(rec);
    len += rec.length;
    i++;
  }
  return new TextEncoder().encode(parts.join("").slice(0, n));
}

function put(bytes: Uint8Array): number {
  const ptr = h.buffer(bytes.length) >>> 0;
  h.pin(ptr);
  new Uint8Array(h.memory.buffer, ptr, bytes.length).set(bytes);
  return ptr;
}

function time(fn: () => void, reps: number): number {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < reps; i++) fn();
  return Number(process.hrtime.bigint() - t0) / 1e6 / reps;
}

// 1. compile time
load(LIBRARY);
const compileMs = time(() => load(LIBRARY), 20);
console.log(`compile: ${LIBRARY.length} patterns, ${load(LIBRARY)} NFA states, ${h.classes()} byte classes: ${compileMs.toFixed(2)} ms`);

// 2. throughput on realistic text
const MB = 8;
const body = text(MB << 20);
let ptr = put(body);
const found = h.scan(ptr, body.length, 16384); // warm the lazy DFA
const ms = time(() => h.scan(ptr, body.length, 16384), 3);
console.log(`scan: ${MB} MiB JSON-ish text, 16 KiB chunks: ${(MB / (ms / 1000)).toFixed(0)} MB/s, ${found} matches, ` +
  `DFA ${h.dfaStates()} states, ${(h.dfaBytes() / 1024).toFixed(0)} KiB, ${h.dfaClears()} clears`);

// 2b. many small values (per-value cost: reset + end), as detectValue does for JSON fields
for (const vlen of [32, 256]) {
  const n = h.scanValues(ptr, body.length, vlen);
  const t = time(() => h.scanValues(ptr, body.length, vlen), 2);
  console.log(`scanValue: ${vlen}-byte values: ${(MB / (t / 1000)).toFixed(0)} MB/s (${((t * 1e6) / (body.length / vlen)).toFixed(0)} ns per value), ${n} matches`);
}

// 3. pathological patterns: time per MiB must stay flat as input grows. The last three aim at the union
// automaton's relaxed counters (x{m,n} walked as x{min(m,12),}): runs one byte short of the count make the
// relaxed pattern flag an end at nearly every byte, and the exact resolvers must turn each down in linear time.
const filled = (fill: number) => (size: number) => new Uint8Array(size).fill(fill);
const runs = (len: number) => (size: number) => { const b = new Uint8Array(size).fill(0x61); for (let i = len; i < size; i += len + 1) b[i] = 0x2d; return b; };
const cases: [string, (size: number) => Uint8Array][] = [["(a+)+$", filled(0x61)], ["(x+x+)+y", filled(0x78)], ["(?:.*a){12}", filled(0x61)], ["(?:a|aa)+$", filled(0x61)],
  ["[a-z]{200}", runs(199)], ["\\b[a-z]{40}\\b", runs(39)], ["a{1000}", runs(999)]];
for (const [pat, make] of cases) {
  load([[pat, false]]);
  const row: string[] = [];
  for (const size of [100 * 1024, 1 << 20, 4 << 20]) {
    const buf = make(size);
    ptr = put(buf);
    const n = h.scan(ptr, size, 16384);
    const t = time(() => h.scan(ptr, size, 16384), 2);
    row.push(`${(size / 1024).toFixed(0)} KiB ${t.toFixed(1)} ms (${n} matches)`);
  }
  console.log(`pathological ${pat}: ${row.join(", ")}`);
}
