// End to end over real sockets: HTTP/1.1 and HTTP/2 clients → host proxy (with the probe filter) → real
// upstreams on 127.0.0.1, bodies 0 B … 8 MiB, chunked and not; the filter's header and body changes
// arrive as Envoy would apply them.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import http2 from "node:http2";
import { buildFixture, microwafWasm } from "./fixtures.ts";
import { echoHandler, h1, h2, listen, proxyTo, sha, type ProxyUnderTest } from "./proxy-helpers.ts";

const up1 = http.createServer(echoHandler);
const up2 = http2.createServer(echoHandler);
let px: ProxyUnderTest;

before(async () => {
  const [p1, p2] = [await listen(up1), await listen(up2)];
  px = await proxyTo({
    clusters: [{ name: "h1", port: p1 }, { name: "h2", port: p2, http2: true }],
    routes: [{ prefix: "/h2/", cluster: "h2" }, { prefix: "/", cluster: "h1" }],
    wasm: { filename: buildFixture("probe"), rootId: "probe" },
  });
});
after(async () => { await px.proxy.stop(); up1.closeAllConnections(); up1.close(); up2.close(); });

const SIZES = [0, 1, 1024, 64 * 1024 + 7, 1024 * 1024, 8 * 1024 * 1024];

for (const size of SIZES) {
  test(`HTTP/1.1 request body ${size} B, content-length and chunked, to HTTP/1.1 and HTTP/2 upstreams`, async () => {
    const body = Buffer.alloc(size, "0123456789");
    for (const chunked of [false, true]) for (const prefix of ["/", "/h2/"]) {
      const r = await h1(px.port, { method: "POST", path: `${prefix}up`, body, chunked: chunked && size > 0 });
      assert.equal(r.status, 200, r.body.toString());
      const j = JSON.parse(r.body.toString());
      assert.equal(j.length, size);
      assert.equal(j.sha, sha(body));
      assert.equal(r.headers["x-probe-seen"], "1");
    }
  });
}

test("HTTP/2 client: request bodies up to 8 MiB and response bodies streamed back, both upstream kinds", async () => {
  for (const size of [0, 5000, 8 * 1024 * 1024]) for (const prefix of ["/", "/h2/"]) {
    const body = Buffer.alloc(size, "xyz");
    const r = await h2(px.port, { path: `${prefix}x`, body: size ? body : undefined, method: "POST" });
    assert.equal(r.status, 200);
    const j = JSON.parse(r.body.toString());
    assert.equal(j.length, size);
    assert.equal(j.sha, sha(body));
    const d = await h2(px.port, { path: `${prefix}dl?size=${size}&chunked=1` });
    assert.equal(d.body.length, size);
    assert.equal(sha(d.body), d.headers["x-sha"]);
  }
});

test("a request without body reaches the filter headers-only (eos=1) over HTTP/1.1 and HTTP/2 [Envoy codecs: end_stream on headers]", async () => {
  const plugin = [...px.proxy.plugins.values()][0]!;
  for (const send of [() => h1(px.port, { path: "/eos-h1" }), () => h2(px.port, { path: "/eos-h2" })]) {
    plugin.logs.length = 0;
    await send();
    const hdr = plugin.logs.map((l) => l.message).filter((m) => m.startsWith("cb on_request_headers"));
    assert.deepEqual(hdr.map((m) => m.endsWith("eos=1")), [true]);
    assert.ok(!plugin.logs.some((l) => l.message.startsWith("cb on_request_body")));
  }
});

test("HTTP/1.1 response bodies 0 B … 8 MiB, content-length and chunked", async () => {
  for (const size of [0, 1, 70000, 8 * 1024 * 1024]) for (const chunked of ["", "&chunked=1"]) {
    const r = await h1(px.port, { path: `/dl?size=${size}${chunked}` });
    assert.equal(r.status, 200);
    assert.equal(r.body.length, size);
    assert.equal(sha(r.body), r.headers["x-sha"]);
  }
});

test("the filter's header changes reach the upstream; its body rewrite reaches the client", async () => {
  const r = await h1(px.port, { path: "/orig", headers: { "x-mutate": "1", "x-remove-me": "bye" } });
  const j = JSON.parse(r.body.toString());
  assert.equal(j.path, "/rewritten");
  assert.equal(j.headers["x-added"], "1");
  assert.equal(j.headers["x-remove-me"], undefined);
  assert.ok(j.headers["x-request-id"], "the host adds x-request-id as Envoy does");
  const u = await h2(px.port, { path: "/h2/dl?size=100000&chunked=1", headers: { "x-resp-body": "upper" } });
  assert.equal(u.body.length, 100000);
  assert.equal(u.body.toString(), Buffer.alloc(100000, "abcdefghij").toString().toUpperCase());
  // The filter changes the length, so the request must not carry content-length (as in Envoy).
  const pre = await h1(px.port, { path: "/p", body: Buffer.from("tail"), headers: { "x-req-body": "prepend" }, chunked: true });
  assert.equal(JSON.parse(pre.body.toString()).text, "<tail");
});

test("local reply, fail-closed 503 after a trap, 404 without a route, 503 when the upstream is down", async () => {
  const l = await h1(px.port, { path: "/", headers: { "x-local": "req-headers" } });
  assert.equal(l.status, 403);
  assert.equal(l.body.toString(), "denied");
  assert.equal(l.headers["x-probe"], "local");
  const down = await proxyTo({ clusters: [{ name: "dead", port: 1 }], wasm: { filename: buildFixture("probe"), rootId: "probe" } });
  try {
    const r = await h1(down.port, { path: "/" });
    assert.equal(r.status, 503);
    assert.match(r.body.toString(), /upstream connect error/);
    const t = await h1(down.port, { path: "/", headers: { "x-trap": "req-headers" } });
    assert.equal(t.status, 503);
    assert.equal(t.body.length, 0);
  } finally { await down.proxy.stop(); }
});

test("buffer limit over the wire: a buffered request above per_connection_buffer_limit_bytes gets 413", async () => {
  const up = http.createServer(echoHandler);
  const port = await listen(up);
  const p = await proxyTo({ clusters: [{ name: "u", port }], wasm: { filename: buildFixture("probe"), rootId: "probe" }, bufferLimit: 64 * 1024 });
  try {
    const r = await h1(p.port, { path: "/", body: Buffer.alloc(200 * 1024), headers: { "x-req-body": "buffer" }, chunked: true });
    assert.equal(r.status, 413);
    const ok = await h1(p.port, { path: "/", body: Buffer.alloc(200 * 1024), chunked: true });
    assert.equal(ok.status, 200, "streaming (not buffered) bodies are not limited");
  } finally { await p?.proxy.stop(); up.closeAllConnections(); up.close(); }
});

test("MicroWAF itself through the proxy; /stats/prometheus renders its counters with stats_tags labels", async () => {
  const up = http.createServer(echoHandler);
  const port = await listen(up);
  let p: ProxyUnderTest | null = null;
  try {
    p = await proxyTo({ clusters: [{ name: "u", port }], wasm: { filename: microwafWasm, rootId: "microwaf", configuration: '{"version":1}' },
      statsTags: [{ tag_name: "direction", regex: "(direction=\\.=(.+?);\\.;)" }] });
    const r = await h1(p.port, { path: "/x", body: Buffer.from('{"a":1}') });
    assert.equal(r.status, 200);
    const prom = await (await fetch(`http://127.0.0.1:${p.adminPort}/stats/prometheus`)).text();
    assert.match(prom, /^# TYPE microwaf_requests_total counter$/m);
    assert.match(prom, /^microwaf_requests_total\{direction="request"\} 1$/m);
    assert.equal((await fetch(`http://127.0.0.1:${p.adminPort}/ready`)).status, 200);
    const dump = await (await fetch(`http://127.0.0.1:${p.adminPort}/config_dump`)).json() as { plugins: Record<string, { root_id: string; configured: boolean }> };
    assert.equal(dump.plugins.l.root_id, "microwaf");
    assert.match(await (await fetch(`http://127.0.0.1:${p.adminPort}/stats`)).text(), /wasmcustom\.direction=\.=request;\.;microwaf_requests_total: 1/);
  } finally { await p?.proxy.stop(); up.closeAllConnections(); up.close(); }
});

test("bodies stream both ways: the upstream sees the first request chunk, and the client the first response chunk, before the rest is sent", async () => {
  let firstSeen!: () => void;
  const upstreamGotFirst = new Promise<void>((r) => (firstSeen = r));
  let releaseResponse!: () => void;
  const clientGotFirst = new Promise<void>((r) => (releaseResponse = r));
  const up = http.createServer((req, res) => {
    req.once("data", () => firstSeen());
    req.resume();
    req.on("end", async () => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.write("first;");
      await clientGotFirst;
      res.end("rest");
    });
  });
  const port = await listen(up);
  const p = await proxyTo({ clusters: [{ name: "u", port }], wasm: { filename: buildFixture("probe"), rootId: "probe" } });
  try {
    const body = await new Promise<string>((resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port: p.port, method: "POST", path: "/s", agent: false }, (res) => {
        let b = "";
        res.on("data", (c) => { b += c; if (b === "first;") releaseResponse(); });
        res.on("end", () => resolve(b));
      });
      req.on("error", reject);
      req.write("part1");
      void upstreamGotFirst.then(() => req.end("part2"));
    });
    assert.equal(body, "first;rest");
  } finally { await p.proxy.stop(); up.closeAllConnections(); up.close(); }
});
