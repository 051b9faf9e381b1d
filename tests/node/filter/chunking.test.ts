// Findings and redacted output do not depend on how a body is split into chunks (issues 5 and 6): the same
// body through the real filter in one piece, in 1-byte chunks and at random split points gives identical
// evidence and identical bytes at the client.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { createPlugin } from "../../../src/host/index.ts";
import { scanConfiguration } from "../../../src/scan/scanner.ts";
import { Rng, cardNumber, ssn, email, awsAccessKey, githubToken, iban, jwt, hardNegative } from "../../support/sensitive.ts";

const wasm = new URL("../../../build/microwaf.wasm", import.meta.url).pathname;
const plugin = createPlugin({ wasm, rootId: "microwaf", configuration: scanConfiguration(), vmCount: 1 });

function run(body: Buffer, splits: number[], contentType: string): { out: string; findings: string } {
  plugin.logs.length = 0;
  const s = plugin.newStream();
  s.sendRequest({ headers: { ":method": "GET", ":path": "/x", ":authority": "a" } });
  s.sendResponseHeaders({ ":status": "200", "content-type": contentType, "content-length": String(body.length) });
  const cuts = [...new Set(splits.filter((x) => x > 0 && x < body.length))].sort((a, b) => a - b);
  let prev = 0;
  for (const c of [...cuts, body.length]) {
    s.sendResponseBody(body.subarray(prev, c), c === body.length);
    prev = c;
  }
  assert.equal(plugin.failed, false, plugin.logText());
  const findings = plugin.logs.filter((l) => l.message.startsWith('{"microwaf":"evidence"')).map((l) => JSON.stringify(JSON.parse(l.message).findings)).join("\n");
  return { out: s.downstream.body.toString("utf8"), findings };
}

function document(seed: number): string {
  const r = new Rng(seed);
  const gens = [() => cardNumber(r, r.pick(["", " ", "-"])), () => ssn(r), () => email(r), () => awsAccessKey(r), () => githubToken(r), () => iban(r), () => jwt(r), () => hardNegative(r)];
  const items = Array.from({ length: r.int(1, 8) }, (_, i) => ({ id: i, v: r.pick(gens)(), note: "x\u00e9\\\"y", n: r.int(0, 1e9) }));
  return JSON.stringify({ data: items, escaped: "\\u0034" + ssn(r) });
}

test("JSON: identical findings and output for one chunk, 1-byte chunks and random splits", () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.array(fc.nat(), { maxLength: 12 }), (seed, raw) => {
    const body = Buffer.from(document(seed));
    const whole = run(body, [], "application/json");
    const splits = raw.map((x) => x % body.length);
    assert.deepEqual(run(body, splits, "application/json"), whole);
    return true;
  }), { numRuns: 60, seed: 7 });
  const body = Buffer.from(document(42));
  assert.deepEqual(run(body, Array.from({ length: body.length }, (_, i) => i), "application/json"), run(body, [], "application/json"));
});

test("the generated documents do contain findings (the invariance above is not vacuous)", () => {
  let total = 0;
  for (let seed = 1; seed <= 20; seed++) total += (run(Buffer.from(document(seed)), [], "application/json").findings.match(/"detector"/g) ?? []).length;
  assert.ok(total >= 20, `only ${total} findings in 20 documents`);
});

test("text: identical findings and output for random splits (matches straddling chunks are found)", () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.array(fc.nat(), { maxLength: 12 }), (seed, raw) => {
    const r = new Rng(seed);
    const body = Buffer.from(`Dear customer, card ${cardNumber(r, " ")} and SSN ${ssn(r)} on file; key ${awsAccessKey(r)} mail ${email(r)}. ${hardNegative(r)}\n`.repeat(r.int(1, 3)));
    const whole = run(body, [], "text/plain");
    assert.match(whole.findings, /"detector"/);
    assert.deepEqual(run(body, raw.map((x) => x % body.length), "text/plain"), whole);
    return true;
  }), { numRuns: 60, seed: 11 });
});

// Streaming without holding (hold_bytes: 0): every request chunk is released as soon as it is scanned, except
// the bytes of a value still open (Scanner.openValueStart), which are carried into the next buffer. A secret
// cut by a chunk boundary (or by a scanner's segment boundary) must still be masked before any of it leaves.
const SECRETS = "key AKIAABCDEFGHIJKLMNOP and xoxb-80658895072-969686442927-VTZYFuFdkazEg5EP9JIlQ4b4 done";

/** A filter that redacts secrets in request bodies with hold_bytes 0, and a function sending `body` in the
 *  given chunks (a list of cut points, or a chunk size) that returns what reached the upstream. */
async function streamingRedactor(contentType: string, body: Buffer) {
  const { renderPolicy } = await import("./policy-helpers.ts");
  const p = createPlugin({ wasm, rootId: "microwaf", vmCount: 1, configuration: renderPolicy(`version: 1
enable: ["secret.*"]
rules:
  - { detectors: ["secret.*"], action: redact, direction: request }
body: { hold_bytes: 0 }
`) });
  assert.ok(p.configured, p.logText());
  return (cut: number, chunkSize?: number): string => {
    const s = p.newStream();
    const headers = { ":method": "POST", ":path": "/upload", ":authority": "a", "content-type": contentType, "content-length": String(body.length) };
    if (chunkSize) s.sendRequest({ headers, body, chunkSize });
    else {
      s.sendRequestHeaders(headers);
      s.sendRequestBody(body.subarray(0, cut), false);
      s.sendRequestBody(body.subarray(cut), true);
    }
    s.sendResponse({ headers: { ":status": "204" } });
    assert.equal(p.failed, false, p.logText());
    return s.upstream.body.toString();
  };
}

// Text bodies hold back their last 4 KiB; form fields and multipart part bodies their open value (and the
// multipart scanner the bytes it holds as a possible delimiter prefix, not scanned yet).
for (const [kind, contentType, body] of [
  ["text", "text/plain", `log line one\n${SECRETS}\n${"filler ".repeat(20)}`],
  ["form", "application/x-www-form-urlencoded", `user=alice&note=${encodeURIComponent(SECRETS)}&n=1`],
  ["multipart", "multipart/form-data; boundary=XyZ",
    `--XyZ\r\nContent-Disposition: form-data; name="user"\r\n\r\nalice\r\n--XyZ\r\nContent-Disposition: form-data; name="note"\r\n\r\n${SECRETS}\r\n--XyZ--\r\n`],
] as const) {
  test(`${kind} body streamed without holding (hold_bytes: 0): a secret cut by a chunk boundary is still masked before it leaves`, async () => {
    const bytes = Buffer.from(body);
    const upstream = await streamingRedactor(contentType, bytes);
    const whole = upstream(bytes.length);
    assert.ok(!whole.includes("AKIA") && !whole.includes("xoxb"), whole);
    assert.equal(whole.length, bytes.length);
    for (let cut = 1; cut < bytes.length; cut++) assert.equal(upstream(cut), whole, `cut at ${cut}`);
  });
}

test("a JSON value longer than the scanner's cap, streamed (hold_bytes: 0): a secret across its segment boundary is masked before it leaves", async () => {
  // the value is delivered in 64 KiB segments: the key starts 10 bytes before the first segment ends
  const value = "x ".repeat((65536 - 10) / 2) + "AKIAABCDEFGHIJKLMNOP" + " y".repeat(4000);
  const body = Buffer.from(JSON.stringify({ log: value }));
  const upstream = await streamingRedactor("application/json", body);
  const whole = upstream(body.length);
  assert.ok(!whole.includes("AKIA"), "masked in one piece");
  for (const chunk of [16384, 16000, 9999, 4096]) assert.ok(upstream(0, chunk) === whole, `chunks of ${chunk}: output differs`);
});

test("stream mode with a redact threshold: values still held when a later chunk reaches it are masked, released ones are not", async () => {
  const { loadFilter, evidence } = await import("./policy-helpers.ts");
  const p = loadFilter(`version: 1
enable: ["pii.ssn"]
rules:
  - { detectors: ["pii.ssn"], action: redact, threshold: 2 }
body: { hold_bytes: 0 }
`);
  const pad = "x".repeat(300);
  // SSN 1 in the first chunk (released before the threshold is reached), SSNs 2 and 3 in the last chunk
  const r = new Rng(77);
  const [s1, s2n, s3] = [ssn(r), ssn(r), ssn(r)];
  const records = [{ a: s1, p: pad }, { b: pad }, { c: s2n, d: s3 }];
  const body = Buffer.from(JSON.stringify(records));
  const cut1 = body.indexOf('{"b"'), cut2 = body.indexOf('{"c"');
  const s = p.newStream();
  s.sendRequest({ headers: { ":method": "GET", ":path": "/x", ":authority": "a" } });
  s.sendResponseHeaders({ ":status": "200", "content-type": "application/json", "content-length": String(body.length) });
  s.sendResponseBody(body.subarray(0, cut1), false);
  s.sendResponseBody(body.subarray(cut1, cut2), false);
  s.sendResponseBody(body.subarray(cut2), true);
  assert.equal(p.failed, false, p.logText());
  const out = s.downstream.body.toString();
  assert.equal(out.length, body.length);
  assert.ok(out.includes(s1), "released before the threshold: it left as it was");
  assert.ok(!out.includes(s2n) && !out.includes(s3), out.slice(cut2));
  // and the report says so: two values masked, not three, and a note for the one that left
  const redacted = () => [...p.host.stats.stats.values()].filter((m) => m.name.includes("microwaf_values_redacted_total")).reduce((n, m) => n + Number(m.value), 0);
  assert.equal(redacted(), 2);
  const ev = evidence(p).at(-1)!;
  assert.ok((ev.notes ?? []).some((n: string) => /redaction incomplete: 1 values had already been released when their redact rule reached its threshold/.test(n)), JSON.stringify(ev));
  // the same body in one chunk: every value is masked
  const s2 = p.newStream();
  s2.sendRequest({ headers: { ":method": "GET", ":path": "/x", ":authority": "a" } });
  s2.sendResponse({ headers: { ":status": "200", "content-type": "application/json" }, body });
  const all = s2.downstream.body.toString();
  assert.ok(![s1, s2n, s3].some((v) => all.includes(v)), all.replace(/x{20,}/g, "…"));
  assert.equal(redacted(), 5);
  assert.ok(!(evidence(p).at(-1)!.notes ?? []).some((n: string) => n.startsWith("redaction incomplete")));
});
