// Adversarial inputs through the real filter in the host: each must leave the VM alive (no trap), complete
// the stream, and keep the VM's linear memory bounded. Big bodies are streamed in chunks, never built whole.
import { test } from "node:test";
import assert from "node:assert/strict";
import { gzipSync, deflateRawSync, constants as Z } from "node:zlib";
import type { Plugin, HttpStream } from "../../../src/host/index.ts";
import { policyPlugin, plugin, memoryBytes, check, exchange, REDACT_ALL, GET_HEADERS } from "../fuzz/harness.ts";
import { ld } from "../fuzz/gen.ts";
import { renderPolicy } from "../filter/policy-helpers.ts";

const MiB = 1024 * 1024;
/** No adversarial input may take a VM past this much linear memory (it starts at a few MiB). */
const CEILING = 64 * MiB;

function fresh(yaml = REDACT_ALL): Plugin { return policyPlugin(yaml); }

/** Streams a response body produced by `next()` (null = end) and returns the finished stream. */
function streamResponse(p: Plugin, headers: Record<string, string>, next: () => Buffer | null): HttpStream {
  const s = p.newStream();
  s.sendRequest({ headers: GET_HEADERS });
  s.sendResponseHeaders({ ":status": "200", ...headers });
  let chunk = next();
  while (chunk !== null && !s.completed) {
    const following = next();
    s.sendResponseBody(chunk, following === null);
    chunk = following;
  }
  check(p, s);
  return s;
}
function streamRequest(p: Plugin, headers: Record<string, string>, next: () => Buffer | null): HttpStream {
  const s = p.newStream();
  s.sendRequestHeaders({ ":method": "POST", ":path": "/api/x", ":authority": "svc", ...headers });
  let chunk = next();
  while (chunk !== null && !s.completed) {
    const following = next();
    s.sendRequestBody(chunk, following === null);
    chunk = following;
  }
  if (!s.completed) s.sendResponse({ headers: { ":status": "204" } });
  check(p, s);
  return s;
}
/** A generator of `n` chunks: `first`, then `fill` repeated, then `last`. */
function pieces(first: Buffer, fill: Buffer, count: number, last: Buffer): () => Buffer | null {
  let i = -1;
  return () => { i++; return i === 0 ? first : i <= count ? fill : i === count + 1 ? last : null; };
}
function bounded(p: Plugin, what: string, ceiling = CEILING): void {
  const m = memoryBytes(p);
  console.log(`# ${what}: wasm memory ${(m / MiB).toFixed(1)} MiB`);
  assert.ok(m <= ceiling, `${what}: wasm memory ${(m / MiB).toFixed(1)} MiB over the ${ceiling / MiB} MiB ceiling`);
}
/** Compiling a policy is bounded by the engine's automaton cap (100,000 NFA states), not by traffic. */
const POLICY_CEILING = 128 * MiB;
function evidenceOf(p: Plugin): Array<Record<string, any>> {
  return p.logs.filter((l) => l.message.startsWith('{"microwaf":"evidence"')).map((l) => JSON.parse(l.message));
}

test("JSON nested 1,000,000 deep (arrays and objects), streamed in 64 KiB chunks", () => {
  const p = fresh();
  for (const [open, close] of [["[", "]"], ['{"a":', "}"]]) {
    const depth = 1_000_000;
    const o = Buffer.from(open.repeat(65536 / open.length)), c = Buffer.from(close.repeat(65536));
    const nOpen = Math.ceil(depth / (65536 / open.length)), nClose = Math.ceil(depth / 65536);
    let i = 0;
    const s = streamResponse(p, { "content-type": "application/json" }, () => (i < nOpen ? (i++, o) : i < nOpen + nClose ? (i++, c) : null));
    assert.ok(s.downstream.ended, "the body reached the client");
  }
  // a secret after the depth bomb is still seen (the rest of the body is scanned as text)
  const bomb = Buffer.concat([Buffer.from("[".repeat(100_000)), Buffer.from('"ssn 219-44-0101 card 4539 1488 0343 6467"'), Buffer.from("]".repeat(100_000))]);
  p.logs.length = 0;
  const o = exchange(p, { response: { headers: { ":status": "200", "content-type": "application/json" }, body: bomb, splits: [65536, 131072] } });
  assert.ok(!o.downstream.includes("4539 1488 0343 6467"), "card after a 100,000-deep prefix was redacted");
  bounded(p, "deep JSON");
});

test("JSON nested 1,000,000 deep as the plugin configuration is rejected, not a trap", () => {
  for (const conf of ["[".repeat(1_000_000), '{"version":1,"x":' + "[".repeat(1_000_000) + "]".repeat(1_000_000) + "}", '{"a":'.repeat(200_000)]) {
    const p = plugin(conf);
    assert.equal(p.failed, false, p.logText());
    assert.equal(p.configured, false);
    assert.match(p.logText(), /configuration rejected/);
  }
});

// 100 MB in the long run (scripts/fuzz.ts sets MICROWAF_BIG_MB=100); 16 MB at `npm test` scale, since the
// engine scans a long [A-Za-z0-9] run at only ~3-5 MB/s (see docs/reliability.md).
const BIG = Number(process.env.MICROWAF_BIG_MB ?? "16");
test(`${BIG} MB JSON string and ${BIG} MB text body, streamed in 1 MiB chunks, with a secret at each end`, () => {
  const p = fresh(REDACT_ALL + "body: { max_bytes: 209715200, oversize: stream }\n");
  const fill = Buffer.alloc(MiB, "a");
  const s1 = streamResponse(p, { "content-type": "application/json" }, pieces(Buffer.from('{"ssn":"219-44-0101","big":"'), fill, BIG, Buffer.from('","card":"4539 1488 0343 6467"}')));
  const ev = evidenceOf(p).at(-1)!;
  const dets = ev.findings.map((f: any) => f.detector);
  assert.ok(dets.includes("pii.ssn") && dets.includes("pii.credit_card"), `findings at both ends of 100 MB: ${JSON.stringify(ev.counts)}`);
  assert.ok(s1.downstream.chunks.length > 0);
  bounded(p, `${BIG} MB JSON string`);
  p.logs.length = 0;
  const s2 = streamResponse(p, { "content-type": "text/plain" }, pieces(Buffer.from("ssn 219-44-0101 "), Buffer.alloc(MiB, "lorem ipsum "), BIG, Buffer.from(" card 4539 1488 0343 6467")));
  assert.ok(evidenceOf(p).at(-1)!.findings.length >= 2);
  assert.ok(!s2.downstream.chunks.at(-1)!.includes("4539 1488 0343 6467"));
  bounded(p, `${BIG} MB text`);
});

test("invalid UTF-8, overlong forms, lone surrogates (escaped and raw) in JSON, forms, headers", () => {
  const p = fresh();
  const bad = [Buffer.from([0xff, 0xfe]), Buffer.from([0xc0, 0x80]), Buffer.from([0xe0, 0x80, 0x80]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xf4, 0x90, 0x80, 0x80]),
    Buffer.from([0xe2, 0x82]), Buffer.from([0x80]), Buffer.from("\\ud800"), Buffer.from("\\udfff\\ud800"), Buffer.from("\\ud83d"), Buffer.from("\\u0000")];
  for (const b of bad) {
    const body = Buffer.concat([Buffer.from('{"k'), b, Buffer.from('":"x'), b, Buffer.from(' 219-44-0101 '), b, Buffer.from('","n":"'), b, Buffer.from('4539148803436467"}')]);
    const whole = exchange(p, { response: { headers: { ":status": "200", "content-type": "application/json", "content-length": String(body.length) }, body } });
    const split = exchange(p, { response: { headers: { ":status": "200", "content-type": "application/json", "content-length": String(body.length) }, body, splits: Array.from({ length: body.length }, (_, i) => i) } });
    assert.equal(split.evidence, whole.evidence, `chunking changed findings for ${b.toString("latin1")}`);
    assert.equal(whole.downstream.length, body.length);
    assert.ok(!whole.downstream.includes("219-44-0101"), `SSN next to ${JSON.stringify(b.toString("latin1"))} not redacted`);
    const form = Buffer.concat([Buffer.from("a="), b, Buffer.from("&ssn=219-44-0101%ff%c0%80%ed%a0%80&"), b, Buffer.from("=%")]);
    exchange(p, { request: { headers: { ":method": "POST", ":path": "/f?q=%ed%a0%80" + encodeURIComponent("219-44-0101"), ":authority": "svc", "content-type": "application/x-www-form-urlencoded" }, body: form } });
    exchange(p, { request: { headers: [[":method", "GET"], [":path", "/"], [":authority", "svc"], ["x-bad", b.toString("latin1")], ["cookie", "a=" + b.toString("latin1") + "; ssn=219-44-0101"]] } });
  }
  bounded(p, "invalid UTF-8");
});

test("protobuf recursion bombs: 100,000 nested levels, self-similar doubling, inside gRPC frames", () => {
  const p = fresh();
  // deep: field 1 wrapping field 1 wrapping … a string with an SSN
  let deep = ld(2, Buffer.from("ssn 219-44-0101"));
  for (let i = 0; i < 100_000; i++) deep = ld(1, deep);
  // self-similar: every level holds two copies of the level below (2^16 leaves, linear in the input)
  let wide = ld(2, Buffer.from("219-44-0101"));
  for (let i = 0; i < 16; i++) wide = Buffer.concat([ld(1, wide), ld(3, wide)]);
  for (const body of [deep, wide]) {
    streamResponse(p, { "content-type": "application/x-protobuf" }, chunksOf(body, 65536));
    const frame = Buffer.alloc(5); frame.writeUInt32BE(body.length, 1);
    streamResponse(p, { "content-type": "application/grpc" }, chunksOf(Buffer.concat([frame, body]), 65536));
    streamRequest(p, { "content-type": "application/grpc", ":path": "/pkg.S/M" }, chunksOf(Buffer.concat([frame, body]), 65536));
  }
  // a frame header claiming 4 GiB, then a trickle
  const huge = Buffer.from([0, 0xff, 0xff, 0xff, 0xff, 0x0a, 0x05]);
  streamResponse(p, { "content-type": "application/grpc" }, chunksOf(Buffer.concat([huge, Buffer.alloc(MiB, 0x0a)]), 65536));
  bounded(p, "protobuf bombs");
});

function chunksOf(b: Buffer, n: number): () => Buffer | null {
  let i = 0;
  return () => { if (i >= b.length) return null; const c = b.subarray(i, i + n); i += n; return c; };
}

test("gzip bombs (1 GiB of zeros, nested gzip, raw deflate) stop at the caps and are not reported clean", () => {
  const p = fresh();
  // 1 GiB of zeros deflated, built from a repeated compressed block (never 1 GiB in memory)
  const block = deflateRawSync(Buffer.alloc(MiB), { level: 9, finishFlush: Z.Z_SYNC_FLUSH });
  const gzHeader = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
  let n = 0;
  const s = streamResponse(p, { "content-type": "application/json", "content-encoding": "gzip" }, () => (n === 0 ? (n++, gzHeader) : n <= 1024 ? (n++, block) : null));
  assert.ok(s.completed);
  const nested = gzipSync(gzipSync(gzipSync(Buffer.alloc(64 * MiB))));
  streamResponse(p, { "content-type": "application/json", "content-encoding": "gzip" }, chunksOf(nested, 4096));
  streamRequest(p, { "content-type": "application/json", "content-encoding": "deflate" }, chunksOf(deflateRawSync(Buffer.alloc(64 * MiB, "{")), 65536));
  const uninspected = p.host.stats.all().filter((st) => st.name.includes("uninspected")).reduce((a, st) => a + st.value, 0n);
  assert.ok(uninspected >= 2n, `bombs are counted as uninspected (got ${uninspected})`);
  bounded(p, "gzip bombs");
});

test("10,000 headers and giant header values (1 MiB, 10,000 cookies) in requests and responses", () => {
  const p = fresh("version: 1\nreport: { evidence: true }\n");
  const many: Array<[string, string]> = Array.from({ length: 10_000 }, (_, i) => [`x-h-${i}`, i % 100 === 0 ? "219-44-0101" : "v" + i]);
  const o = exchange(p, {
    request: { headers: [[":method", "GET"], [":path", "/"], [":authority", "svc"], ...many] },
    response: { headers: [[":status", "200"], ["content-type", "application/json"], ...many], body: Buffer.from("{}") },
  });
  assert.ok(o.stream.completed);
  const giant = "Bearer " + "A".repeat(MiB);
  const cookies = Array.from({ length: 10_000 }, (_, i) => `c${i}=${i % 1000 === 0 ? "4539148803436467" : "x"}`).join("; ");
  exchange(p, {
    request: { headers: [[":method", "GET"], [":path", "/" + "a".repeat(64 * 1024)], [":authority", "svc"], ["authorization", giant], ["cookie", cookies], ["x-big", "\xff".repeat(MiB)]] },
    response: { headers: [[":status", "200"], ["set-cookie", "s=" + "B".repeat(MiB)], ["x-ssn", "219-44-0101".repeat(10_000)]] },
  });
  bounded(p, "headers");
});

test("pathological patterns in custom detectors: exact results on inputs that explode backtracking engines", () => {
  const dets = [["custom.alt", "(a|aa)+b"], ["custom.nested", "(a+)+c"], ["custom.xx", "(x+x+)+y"], ["custom.words", "(\\w+\\s?)+!"], ["custom.dots", "(.*z){8}"]];
  const p = fresh(`version: 1
report: { evidence: true }
enable: ["custom.*"]
detectors:
${dets.map(([id, re]) => `  - id: ${id}\n    pattern: '${re}'`).join("\n")}
`);
  const run = (body: string) => { p.logs.length = 0; exchange(p, { response: { headers: { ":status": "200", "content-type": "text/plain" }, body: Buffer.from(body) } }); return evidenceOf(p).flatMap((e) => e.findings.map((f: any) => `${f.detector}@${f.start}-${f.end}`)); };
  // no match anywhere: a backtracking engine takes exponential time on each of these
  assert.deepEqual(run("a".repeat(100_000)), []);
  assert.deepEqual(run("x".repeat(100_000)), []);
  assert.deepEqual(run("word ".repeat(20_000)), []);
  // matches, leftmost-longest, within the 4096-byte match cap
  assert.deepEqual(run("-" + "a".repeat(3000) + "b-"), ["custom.alt@1-3002"]);
  assert.deepEqual(run("a".repeat(2000) + "c"), ["custom.nested@0-2001"]);
  assert.deepEqual(run("qq" + "x".repeat(1000) + "y"), ["custom.xx@2-1003"]);
  assert.deepEqual(run("hello world foo!"), ["custom.words@0-16"]);
  assert.deepEqual(run("z".repeat(8)), ["custom.dots@0-8"]);
  bounded(p, "pathological patterns");
});

test("a policy with 10,000 custom detectors is handled within the ceiling or rejected with a clear message", () => {
  const base = JSON.parse(renderPolicy(`version: 1\nreport: { evidence: true }\ndetectors:\n  - id: custom.d0\n    pattern: 'tok0_[a-z]{8}'\n`));
  const tmpl = base.detectors[0];
  base.detectors = Array.from({ length: 10_000 }, (_, i) => ({ ...tmpl, id: `custom.d${i}`, pattern: `tok${i}_[a-z]{8}` }));
  const p = plugin(JSON.stringify(base));
  assert.equal(p.failed, false, p.logText());
  // rejected before compiling: at most 2,048 custom detectors (MAX_CUSTOM_DETECTORS; compiling ~5,000 of them
  // reached the 100,000-state automaton cap with over 128 MiB of linear memory, which never shrinks)
  bounded(p, "compiling 10,000 detectors", POLICY_CEILING);
  if (p.configured) {
    bounded(p, "10,000 detectors");
    p.logs.length = 0;
    const o = exchange(p, { response: { headers: { ":status": "200", "content-type": "text/plain" }, body: Buffer.from("x tok9999_abcdefgh tok17_qwertyui y") } });
    assert.ok(o.stream.completed);
    const found = evidenceOf(p).flatMap((e) => e.findings.map((f: any) => f.detector)).sort();
    assert.deepEqual(found, ["custom.d17", "custom.d9999"]);
    bounded(p, "10,000 detectors after traffic");
  } else {
    assert.match(p.logText(), /configuration rejected: (detector custom\.d\d+|\$\.detectors): .*(automaton too large|too many|limit)/i);
  }
});
