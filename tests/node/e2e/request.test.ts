// Request side end to end: secrets in request bodies, the query string and headers are redacted or blocked
// before the upstream sees them. The upstreams record whatever reaches them (also a body cut short), and
// every recorded byte — path, headers, body — is scanned for the planted values.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import {
  Upstreams, startMicroWaf, type MwProxy, h1, h2req, h2connect, grpcClient, grpcUnary, GetCustomerRequest,
  evidenceFor, leaked,
} from "./helpers.ts";

const SSN = "878-60-8530", CARD = "4539 1488 0343 6467", AWS = "AKIAAB7WQMOHRXIEYQGL";
const PLANTED = [SSN, CARD, AWS];
const BODY = JSON.stringify({ user: "ada", ssn: SSN, payment: { card: CARD }, creds: { key: AWS }, note: "hello" });
const MASKED = JSON.stringify({ user: "ada", ssn: "*".repeat(SSN.length), payment: { card: "*".repeat(CARD.length) }, creds: { key: "*".repeat(AWS.length) }, note: "hello" });

const POLICY = `
version: 1
enable: ["pii.ssn", "pii.credit_card", "secret.aws_access_key"]
routes:
  - name: mask
    match: { authority: mask.test }
    rules: [{ detectors: ["pii.ssn", "pii.credit_card", "secret.aws_access_key"], action: redact, direction: request }]
  - name: block
    match: { authority: block.test }
    rules: [{ detectors: ["pii.ssn", "pii.credit_card", "secret.aws_access_key"], action: block, direction: request, status: 400 }]
`;

const up = new Upstreams();
let px: MwProxy;
before(async () => { await up.start(); px = await startMicroWaf(up, POLICY, { allow: true }); });
after(async () => { await px.proxy.stop(); await up.stop(); });

/** Everything the upstream got for a request id, as one buffer (path, headers, body). */
function upstreamBytes(rid: string): Buffer {
  const s = up.seen.get(rid);
  if (!s) return Buffer.alloc(0);
  return Buffer.concat([Buffer.from(s.path), Buffer.from(JSON.stringify(s.headers)), s.body]);
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test("redact: JSON request bodies reach the upstream masked (HTTP/1.1 content-length and chunked, HTTP/2), Content-Length right", async () => {
  const session = h2connect(px.port);
  try {
    for (const kind of ["cl", "chunked", "h2"] as const) {
      const rid = `req-mask-${kind}`;
      const headers = { "x-request-id": rid, "content-type": "application/json" };
      const r = kind === "h2"
        ? await h2req(session, { path: "/h2/echo", authority: "mask.test", method: "POST", headers, body: Buffer.from(BODY) })
        : await h1(px.port, { path: "/echo", host: "mask.test", headers, body: Buffer.from(BODY), chunked: kind === "chunked" });
      assert.equal(r.status, 200, r.body.toString());
      const seen = up.seen.get(rid)!;
      assert.equal(seen.aborted, false);
      assert.equal(seen.body.toString(), MASKED, `${kind}: the upstream got the masked body`);
      if (kind === "cl") assert.equal(Number(seen.headers["content-length"]), seen.body.length);
      assert.deepEqual(leaked(upstreamBytes(rid), PLANTED), []);
      assert.equal(r.body.toString(), MASKED, "the echo is the masked body");
      assert.deepEqual(evidenceFor(px.plugin, rid)?.counts, { "pii.ssn:redact": 1, "pii.credit_card:redact": 1, "secret.aws_access_key:redact": 1 });
    }
  } finally { session.close(); }
});

test("redact: a gRPC request message reaches the upstream with the value masked, framing intact", async () => {
  const c = grpcClient(px.port, "mask.test");
  try {
    const rid = "req-mask-grpc";
    const r = await grpcUnary(c, Buffer.from(GetCustomerRequest.encode({ id: SSN }).finish()), { "x-request-id": rid });
    assert.equal(r.status.code, 5, "NOT_FOUND: the server looked up the masked id"); // the server decoded a valid message
    const got = GetCustomerRequest.decode(up.grpcSeen.get(rid)!) as unknown as { id: string };
    assert.equal(got.id, "*".repeat(SSN.length));
  } finally { c.close(); }
});

test("block: a gRPC request message with an SSN gets PERMISSION_DENIED; the server is never called", async () => {
  const c = grpcClient(px.port, "block.test");
  try {
    const rid = "req-block-grpc";
    const r = await grpcUnary(c, Buffer.from(GetCustomerRequest.encode({ id: SSN }).finish()), { "x-request-id": rid });
    assert.equal(r.status.code, 7);
    assert.equal(r.messages.length, 0);
    assert.equal(up.grpcSeen.has(rid), false);
    assert.deepEqual(leaked(r.status.details, PLANTED), []);
  } finally { c.close(); }
});

const blockKinds = [["cl", false], ["chunked", false], ["h2", false]] as const;
for (const [kind, skip] of blockKinds) test(`block (${kind}): a request body with a secret gets the 400 JSON reply; the upstream never sees the value`, { skip }, async () => {
  const session = h2connect(px.port);
  try {
    {
      const rid = `req-block-${kind}`;
      const headers = { "x-request-id": rid, "content-type": "application/json" };
      const r = kind === "h2"
        ? await h2req(session, { path: "/h2/echo", authority: "block.test", method: "POST", headers, body: Buffer.from(BODY) })
        : await h1(px.port, { path: "/echo", host: "block.test", headers, body: Buffer.from(BODY), chunked: kind === "chunked" });
      assert.equal(r.status, 400);
      assert.deepEqual(JSON.parse(r.body.toString()), { error: "blocked by policy", reason: "pii.ssn", request_id: rid });
      await sleep(kind === "h2" ? 300 : 20);
      assert.deepEqual(leaked(upstreamBytes(rid), PLANTED), [], `${kind}: upstream saw a planted value`);
      const s = up.seen.get(rid);
      assert.ok(!s || s.aborted, "the upstream request did not complete");
    }
  } finally { session.close(); }
});

test("block: a secret in the query string or a header is refused before any upstream request", async () => {
  const cases: Array<[string, Record<string, string>, string]> = [
    ["query", {}, `/r/x?api_key=${AWS}`],
    ["x-api-key", { "x-api-key": AWS }, "/r/x"],
    ["cookie", { cookie: `sid=1; key=${AWS}` }, "/r/x"],
  ];
  for (const [name, headers, path] of cases) {
    const rid = `req-block-${name}`;
    const r = await h1(px.port, { path, host: "block.test", headers: { "x-request-id": rid, ...headers } });
    assert.equal(r.status, 400, name);
    assert.equal(JSON.parse(r.body.toString()).request_id, rid);
    await sleep(10);
    assert.equal(up.seen.get(rid), undefined, `${name}: no upstream request at all`);
  }
});

test("block: a secret in a header of a request WITH a body is refused before the upstream sees the header", async () => {
  const rid = "req-block-header-with-body";
  // The body follows the headers 50 ms later, to an HTTP/2 upstream (whose HEADERS frame leaves at once).
  const r = await h1(px.port, { path: "/h2/echo", host: "block.test", headers: { "x-request-id": rid, "x-api-key": AWS, "content-type": "application/json" }, body: Buffer.from('{"a":1}'), delayBodyMs: 50 });
  assert.equal(r.status, 400);
  await sleep(20);
  assert.deepEqual(leaked(upstreamBytes(rid), PLANTED), [], "the upstream saw the header secret");
});

test("redact: secrets in the query string and headers reach the upstream masked in place (same length)", async () => {
  const M = "*".repeat(AWS.length);
  const cases = [
    ["query", {}, `/echo?a=1&api_key=${AWS}&b=2`, (s: any) => assert.equal(s.path, `/echo?a=1&api_key=${M}&b=2`)],
    ["x-api-key", { "x-api-key": AWS }, "/echo", (s: any) => assert.equal(s.headers["x-api-key"], M)],
    ["cookie", { cookie: `sid=1; key=${AWS}` }, "/echo", (s: any) => assert.equal(s.headers.cookie, `sid=1; key=${M}`)],
    ["with body", { "x-api-key": AWS, "content-type": "application/json" }, `/echo?api_key=${AWS}`, (s: any) => {
      assert.equal(s.headers["x-api-key"], M);
      assert.equal(s.path, `/echo?api_key=${M}`);
      assert.equal(s.body.toString(), MASKED);
    }],
  ] as const;
  for (const [name, headers, path, check] of cases) {
    const rid = `req-mask-${name}`;
    const body = name === "with body" ? Buffer.from(BODY) : undefined;
    const r = await h1(px.port, { path, host: "mask.test", headers: { "x-request-id": rid, ...headers }, body });
    assert.equal(r.status, 200, name);
    const seen = up.seen.get(rid)!;
    check(seen);
    assert.deepEqual(leaked(upstreamBytes(rid), PLANTED), [], `${name}: the upstream saw a raw secret`);
    const ev = evidenceFor(px.plugin, rid)!;
    assert.equal(ev.counts["secret.aws_access_key:redact"], name === "with body" ? 3 : 1, JSON.stringify(ev.counts));
  }
});

test("monitor mode: query and header secrets pass unchanged, evidence says would_redact", async () => {
  const mon = await startMicroWaf(up, POLICY.replace("version: 1", "version: 1\nmode: monitor"), { allow: true });
  try {
    const rid = "req-monitor-query";
    const r = await h1(mon.port, { path: `/echo?api_key=${AWS}`, host: "mask.test", headers: { "x-request-id": rid, "x-api-key": AWS } });
    assert.equal(r.status, 200);
    const seen = up.seen.get(rid)!;
    assert.equal(seen.path, `/echo?api_key=${AWS}`);
    assert.equal(seen.headers["x-api-key"], AWS);
    assert.deepEqual(evidenceFor(mon.plugin, rid)!.counts, { "secret.aws_access_key:would_redact": 2 });
  } finally { await mon.proxy.stop(); }
});
