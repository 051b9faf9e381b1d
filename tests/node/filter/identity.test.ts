// Who is talking, as the filter reports it: token identity, local and peer service in the evidence, in the
// findings metric labels, in peer blocklists and per-peer budgets — from node metadata, Istio peer metadata,
// the SPIFFE peer certificate and headers, each stream with its own peer.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadFilter, evidence, json, GET } from "./policy-helpers.ts";

const LEAK = JSON.stringify({ ssn: "878-60-8530" });

const ALERT = `
version: 1
enable: ["pii.ssn", "attack.*"]
rules:
  - { detectors: ["pii.ssn"], action: alert }
  - { detectors: ["attack.*"], action: alert }
`;

function findingsLabels(p: ReturnType<typeof loadFilter>): string[] {
  return [...p.host.stats.stats.values()].filter((s) => s.name.includes("microwaf_findings_total") && s.value > 0n).map((s) => s.name).sort();
}

test("default sources: local from node metadata, peer from Istio peer metadata, else the SPIFFE service account", () => {
  const p = loadFilter(ALERT, { properties: { "node.metadata.WORKLOAD_NAME": "orders" } });
  const cases: Array<[Record<string, string>, string]> = [
    [{ "downstream_peer.workload_name": "checkout" }, "checkout"],
    [{ "connection.uri_san_peer_certificate": "spiffe://cluster.local/ns/shop/sa/cart" }, "cart.shop"],
    [{ "downstream_peer.workload_name": "web", "connection.uri_san_peer_certificate": "spiffe://cluster.local/ns/shop/sa/cart" }, "web"],
    [{}, "unknown"],
  ];
  for (const [props, peer] of cases) {
    p.logs.length = 0;
    const s = p.newStream({ properties: props });
    s.sendRequest({ headers: GET("/api/x", { authorization: "Bearer opaque-token-1" }) });
    s.sendResponse({ headers: json(), body: LEAK });
    const ev = evidence(p);
    assert.equal(ev.length, 1);
    assert.equal(ev[0].stream.peer, peer);
    assert.equal(ev[0].stream.local, "orders");
    assert.match(ev[0].stream.token, /^sha256:[0-9a-f]{16}$/);
    assert.ok(findingsLabels(p).some((n) => n.includes(`peer=.=${peer};.;`) && n.includes("local=.=orders;.;")), `no findings metric for peer ${peer}`);
  }
  // a clean stream logs nothing and counts no finding
  p.logs.length = 0;
  const before = findingsLabels(p).length;
  const s = p.newStream({ properties: { "downstream_peer.workload_name": "quiet" } });
  s.sendRequest({ headers: GET() });
  s.sendResponse({ headers: json(), body: JSON.stringify({ ok: 1 }) });
  assert.equal(evidence(p).length, 0);
  assert.equal(findingsLabels(p).length, before);
});

test("configured sources: header and value, and a request finding carries the peer too", () => {
  const p = loadFilter(ALERT + `
identity:
  service:
    local: [{ value: checkout }]
    peer: [{ header: X-Caller }, { peer_metadata: WORKLOAD_NAME }]
`);
  const s = p.newStream({ properties: { "downstream_peer.workload_name": "meta" } });
  s.sendRequest({ headers: GET("/api/x?q=1%27%20OR%201=1--", { "x-caller": "gateway" }) });
  s.sendResponse({ headers: json(), body: LEAK });
  const ev = evidence(p);
  assert.equal(ev.length, 1);
  assert.equal(ev[0].stream.peer, "gateway");
  assert.equal(ev[0].stream.local, "checkout");
  const s2 = p.newStream({ properties: { "downstream_peer.workload_name": "meta" } });
  p.logs.length = 0;
  s2.sendRequest({ headers: GET() });
  s2.sendResponse({ headers: json(), body: LEAK });
  assert.equal(evidence(p)[0].stream.peer, "meta");
});

test("peer blocklist and per-peer budgets use each stream's own peer", () => {
  const p = loadFilter(`
version: 1
enable: ["pii.ssn"]
rules:
  - { detectors: ["pii.ssn"], action: alert }
blocklists: { peer_services: ["evil"] }
limits:
  - { name: ssn_per_peer, detectors: ["pii.ssn"], max: 2, window: 1m, per: peer_service, action: block }
`, { allowOnHeadersStopIteration: true });
  const bad = p.newStream({ properties: { "downstream_peer.workload_name": "evil" } });
  bad.sendRequest({ headers: GET() });
  assert.ok(bad.localReply, "blocklisted peer not refused");
  assert.equal(bad.downstream.headers?.get(":status"), "403");
  const statuses: string[] = [];
  for (const peer of ["a", "a", "b", "a"]) {
    const s = p.newStream({ properties: { "downstream_peer.workload_name": peer } });
    s.sendRequest({ headers: GET() });
    s.sendResponse({ headers: json(), body: LEAK });
    statuses.push(s.localReply ? "blocked" : s.downstream.body.toString().includes("878-60-8530") ? "passed" : "blanked");
  }
  assert.deepEqual(statuses.slice(0, 3), ["passed", "passed", "passed"]);
  assert.notEqual(statuses[3], "passed"); // the third SSN for peer a is over its budget of 2
});

function jwt(payload: object): string {
  const b = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  return `${b({ alg: "HS256", typ: "JWT" })}.${b(payload)}.c2lnbmF0dXJl`;
}

test("token identity: a JWT's claim or an opaque token's hash, in the evidence, token blocklists and per-token budgets", () => {
  const p = loadFilter(`
version: 1
enable: ["pii.ssn"]
rules:
  - { detectors: ["pii.ssn"], action: alert }
identity:
  token:
    from: [{ header: authorization, prefix: "Bearer " }, { cookie: session }]
    jwt_claim: sub
blocklists: { jwt_subjects: ["mallory"] }
limits:
  - { name: ssn_per_token, detectors: ["pii.ssn"], max: 1, window: 1m, per: token, action: block }
`, { allowOnHeadersStopIteration: true });
  const run = (h: Record<string, string>) => {
    p.logs.length = 0;
    const s = p.newStream();
    s.sendRequest({ headers: GET("/api/x", h) });
    if (!s.localReply) s.sendResponse({ headers: json(), body: LEAK });
    return { s, ev: evidence(p) };
  };
  let r = run({ authorization: `Bearer ${jwt({ sub: "alice" })}` });
  assert.equal(r.ev[0].stream.token, "sub:alice");
  r = run({ cookie: "a=1; session=opaque-cookie-token" });
  assert.match(r.ev[0].stream.token, /^sha256:[0-9a-f]{16}$/);
  const hashed = r.ev[0].stream.token;
  r = run({ cookie: "session=opaque-cookie-token" }); // second SSN for this token: over its budget of 1
  assert.equal(r.ev[0].stream.token, hashed);
  assert.ok(r.s.localReply || !r.s.downstream.body.toString().includes("878-60-8530"), "budget per token not applied");
  r = run({ authorization: `Bearer ${jwt({ sub: "mallory" })}` });
  assert.ok(r.s.localReply, "blocklisted JWT subject not refused");
  assert.equal(r.ev[0].stream.token, "sub:mallory");
  r = run({});
  assert.equal(r.ev[0].stream.token, "");
});
