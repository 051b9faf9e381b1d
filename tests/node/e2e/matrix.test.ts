// The enforcement matrix end to end over real sockets: action (alert, redact mask / keep_last / fixed,
// block) × mode (enforce, monitor) × hold_headers (on with allow_on_headers_stop_iteration, off) ×
// protocol (HTTP/1.1 JSON with content-length and chunked, HTTP/2 h2c, gRPC unary and server streaming with
// @grpc/grpc-js and a raw HTTP/2 gRPC client). Each cell asserts what the client received byte for byte,
// scans it for every planted value, checks Content-Length / gRPC framing, and reads the stream's evidence.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import type http2 from "node:http2";
import {
  Upstreams, startMicroWaf, type MwProxy, h1, h2req, h2connect, grpcClient, grpcUnary, grpcStream, grpcFrames, grpcFrame,
  decodeCustomer, encodeCustomer, GetCustomerRequest, ListCustomersRequest, evidenceFor, tokenHash, valueHash, leaked,
  type CustomerMsg, type GrpcClient,
} from "./helpers.ts";
import { Rng, ssn, cardNumber, awsAccessKey } from "../../support/sensitive.ts";

// ---------------------------------------------------------------- planted values

const SSN1 = "878-60-8530", SSN2 = "219-44-0101", CARD = "4539 1488 0343 6467", CARDNUM = "4556737586899855", AWS = "AKIAAB7WQMOHRXIEYQGL";
const JSON_DOC = JSON.stringify({ id: 7, name: "Ada", ssn: SSN1, card: CARD, key: AWS, note: "ok", nested: { list: [{ ssn: SSN2 }] } })
  .replace('"note"', `"card_num":${CARDNUM},"note"`);
const JSON_PLANTED = [SSN1, SSN2, CARD, CARDNUM, AWS];
const JSON_COUNTS = { "pii.ssn": 2, "pii.credit_card": 2, "secret.aws_access_key": 1 };

const cust = (i: number, ssn: string, card: string, aws: string): CustomerMsg => ({
  id: String(i), name: `Customer ${i}`, email: "", ssn, card_number: card, phone: "",
  address: { street: aws, city: "Springfield", postal_code: "12345" },
});
const ONE = cust(1, SSN1, CARD, AWS);
const rng = new Rng(77);
const LIST = [cust(1, SSN1, CARD, AWS), cust(2, ssn(rng), cardNumber(rng, " "), awsAccessKey(rng)), cust(3, ssn(rng), cardNumber(rng, " "), awsAccessKey(rng))];
const LIST_PLANTED = LIST.flatMap((c) => [c.ssn, c.card_number, c.address.street]);

// ---------------------------------------------------------------- the policy: one route per action (by authority)

const ACTIONS = ["alert", "mask", "keep", "fixed", "block"] as const;
type ActionName = (typeof ACTIONS)[number];
const RULE: Record<ActionName, string> = {
  alert: "action: alert",
  mask: "action: redact, redact: { style: mask }",
  keep: "action: redact, redact: { style: keep_last, keep: 4 }",
  fixed: 'action: redact, redact: { style: fixed, text: "[X]" }',
  block: "action: block",
};
function policy(mode: string, hold: boolean): string {
  return `
version: 1
mode: ${mode}
enable: ["pii.ssn", "pii.credit_card", "secret.aws_access_key"]
body: { hold_headers: ${hold} }
identity: { token: { from: [{ header: authorization, prefix: "Bearer " }] } }
report: { values: sha256-prefix }
routes:
${ACTIONS.map((a) => `  - name: ${a}
    match: { authority: ${a}.test }
    rules: [{ detectors: ["pii.ssn", "pii.credit_card", "secret.aws_access_key"], ${RULE[a]}, direction: both }]`).join("\n")}
`;
}

/** What redaction turns a text value into (same length). */
function redacted(action: ActionName, v: string): string {
  if (action === "mask") return "*".repeat(v.length);
  if (action === "keep") return "*".repeat(v.length - 4) + v.slice(-4);
  if (action === "fixed") return ("[X]" + "*".repeat(v.length)).slice(0, v.length);
  return v;
}
function redactedJson(action: ActionName): string {
  let s = JSON_DOC;
  for (const v of [SSN1, SSN2, CARD, AWS]) s = s.replace(JSON.stringify(v), JSON.stringify(redacted(action, v)));
  // JSON numbers stay numbers: the first digit becomes 1, the rest 0 (every style)
  return s.replace(CARDNUM, "1" + "0".repeat(CARDNUM.length - 1));
}
const redactedCustomer = (action: ActionName, c: CustomerMsg): CustomerMsg =>
  ({ ...c, ssn: redacted(action, c.ssn), card_number: redacted(action, c.card_number), address: { ...c.address, street: redacted(action, c.address.street) } });

// ---------------------------------------------------------------- setup

const up = new Upstreams();
const proxies = new Map<string, MwProxy>();
const key = (mode: string, hold: boolean) => `${mode}/${hold}`;

before(async () => {
  await up.start();
  up.canned.set("doc", { body: Buffer.from(JSON_DOC) });
  up.canned.set("doc-chunked", { body: Buffer.from(JSON_DOC), chunked: true });
  up.customers.set("1", ONE);
  up.list = LIST;
  for (const mode of ["enforce", "monitor"]) for (const hold of [true, false]) {
    proxies.set(key(mode, hold), await startMicroWaf(up, policy(mode, hold), { allow: hold }));
  }
});
after(async () => {
  for (const p of proxies.values()) await p.proxy.stop();
  await up.stop();
});

async function evidence(px: MwProxy, rid: string): Promise<Record<string, any>> {
  for (let i = 0; i < 50; i++) {
    const e = evidenceFor(px.plugin, rid);
    if (e) return e;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no evidence for ${rid}`);
}

/** The evidence counts the cell expects: detector:action for each planted detector. */
function expectCounts(mode: string, action: ActionName, counts: Record<string, number>): Record<string, number> {
  const verb = action === "alert" ? "alert" : action === "block" ? "block" : "redact";
  const label = mode === "monitor" && verb !== "alert" ? `would_${verb}` : verb;
  return Object.fromEntries(Object.entries(counts).map(([d, n]) => [`${d}:${label}`, n]));
}

function checkEvidence(ev: Record<string, any>, mode: string, action: ActionName, counts: Record<string, number>, token: string, planted: string[]): void {
  assert.deepEqual(ev.counts, expectCounts(mode, action, counts));
  assert.equal(ev.stream.route, action);
  assert.equal(ev.stream.token, tokenHash(token));
  // sha256-prefix values: each finding is one of the planted values, each planted value is found
  const got = new Set(ev.findings.map((f: any) => f.value));
  for (const v of planted) assert.ok(got.has(valueHash(v)), `evidence lacks ${v}`);
  const text = JSON.stringify(ev);
  assert.deepEqual(leaked(text, [...planted, token]), [], "raw values or token in evidence");
  if (action === "block" && mode === "enforce") assert.match(ev.blocked, /^response:/);
  else assert.equal(ev.blocked, undefined);
}

// ---------------------------------------------------------------- the cells

for (const mode of ["enforce", "monitor"]) for (const hold of [true, false]) {
  describe(`mode ${mode}, hold_headers ${hold ? "on" : "off"}`, () => {
    let px: MwProxy;
    let session: http2.ClientHttp2Session;
    const clients = new Map<string, GrpcClient>();
    before(() => {
      px = proxies.get(key(mode, hold))!;
      session = h2connect(px.port);
      for (const a of ACTIONS) clients.set(a, grpcClient(px.port, `${a}.test`));
    });
    after(() => { session.close(); for (const c of clients.values()) c.close(); });

    for (const action of ACTIONS) {
      const effective: ActionName = mode === "monitor" ? "alert" : action;
      const cell = `${mode}-${hold ? "hold" : "stream"}-${action}`;
      const token = `tok-${cell}`;

      /** HTTP (any protocol): status, body and headers as the cell expects. */
      const checkHttp = (r: { status: number; headers: Record<string, any>; body: Buffer; error?: string }, rid: string, framing: "cl" | "chunked" | "h2") => {
        assert.equal(r.error, undefined, `transport error: ${r.error}`);
        const body = r.body.toString();
        if (framing === "cl") assert.equal(Number(r.headers["content-length"]), r.body.length, "Content-Length matches the body");
        if (framing === "chunked" && !(effective === "block" && hold)) assert.equal(r.headers["content-length"], undefined);
        if (effective !== "block") {
          assert.equal(r.status, 200);
          assert.equal(body, effective === "alert" ? JSON_DOC : redactedJson(effective));
          JSON.parse(body);
          if (effective !== "alert") assert.deepEqual(leaked(r.body, JSON_PLANTED), []);
          return;
        }
        assert.deepEqual(leaked(r.body, JSON_PLANTED), [], "no planted value reaches the client");
        if (hold) {
          assert.equal(r.status, 403);
          assert.deepEqual(JSON.parse(body), { error: "blocked by policy", reason: "pii.ssn", request_id: rid });
          assert.equal(r.headers["x-microwaf"], "blocked");
        } else {
          // Headers had left: the body is replaced by the JSON error padded to the same length.
          assert.equal(r.status, 200);
          assert.equal(r.body.length, JSON_DOC.length);
          assert.deepEqual(JSON.parse(body), { error: "blocked by policy", reason: "pii.ssn", request_id: rid });
        }
      };

      test(`${action}: HTTP/1.1 JSON content-length`, async () => {
        const rid = `${cell}-h1cl`;
        const r = await h1(px.port, { path: "/r/doc", host: `${action}.test`, headers: { "x-request-id": rid, authorization: `Bearer ${token}` } });
        checkHttp(r, rid, "cl");
        checkEvidence(await evidence(px, rid), mode, action, JSON_COUNTS, token, JSON_PLANTED);
      });

      test(`${action}: HTTP/1.1 JSON chunked (7-byte chunks)`, async () => {
        const rid = `${cell}-h1ch`;
        const r = await h1(px.port, { path: "/r/doc-chunked", host: `${action}.test`, headers: { "x-request-id": rid, authorization: `Bearer ${token}` } });
        checkHttp(r, rid, "chunked");
        checkEvidence(await evidence(px, rid), mode, action, JSON_COUNTS, token, JSON_PLANTED);
      });

      test(`${action}: HTTP/2 (h2c) to an HTTP/2 upstream, with and without content-length`, async () => {
        for (const [suffix, path] of [["h2", "/h2/r/doc-chunked"], ["h2cl", "/h2/r/doc"]]) {
          const rid = `${cell}-${suffix}`;
          const r = await h2req(session, { path, authority: `${action}.test`, headers: { "x-request-id": rid, authorization: `Bearer ${token}` } });
          checkHttp(r, rid, suffix === "h2cl" ? "cl" : "h2");
          checkEvidence(await evidence(px, rid), mode, action, JSON_COUNTS, token, JSON_PLANTED);
        }
      });

      const checkGrpcMessages = (messages: Buffer[], expected: CustomerMsg[], planted: string[]) => {
        if (effective === "block") { assert.equal(messages.length, 0, "no message reaches the client"); return; }
        assert.equal(messages.length, expected.length);
        const want = expected.map((c) => effective === "alert" ? c : redactedCustomer(effective, c));
        // same structure, masked values: decode with protobufjs and compare whole messages
        assert.deepEqual(messages.map(decodeCustomer), want);
        assert.deepEqual(messages, want.map(encodeCustomer), "same bytes as the re-encoded expectation (lengths unchanged)");
        if (effective !== "alert") assert.deepEqual(leaked(Buffer.concat(messages), planted), []);
      };
      const checkGrpcStatus = (s: { code: number; details: string }, rid: string) => {
        if (effective === "block") {
          assert.equal(s.code, 7, `PERMISSION_DENIED, got ${s.code} ${s.details}`);
          assert.match(s.details, /^blocked by policy: pii\.ssn/);
          if (hold) assert.ok(s.details.includes(rid), "trailers-only reply names the request id");
        } else assert.equal(s.code, 0, s.details);
      };

      test(`${action}: gRPC unary (grpc-js client and server)`, async () => {
        const rid = `${cell}-gu`;
        const req = Buffer.from(GetCustomerRequest.encode({ id: "1" }).finish());
        const r = await grpcUnary(clients.get(action)!, req, { "x-request-id": rid, authorization: `Bearer ${token}` });
        checkGrpcStatus(r.status, rid);
        checkGrpcMessages(r.messages, [ONE], [SSN1, CARD, AWS]);
        assert.deepEqual(leaked(r.status.details, [SSN1, CARD, AWS]), []);
        checkEvidence(await evidence(px, rid), mode, action, { "pii.ssn": 1, "pii.credit_card": 1, "secret.aws_access_key": 1 }, token, [SSN1, CARD, AWS]);
      });

      test(`${action}: gRPC server streaming (grpc-js), 3 messages on separate ticks`, async () => {
        const rid = `${cell}-gs`;
        const req = Buffer.from(ListCustomersRequest.encode({ limit: 3 }).finish());
        const r = await grpcStream(clients.get(action)!, req, { "x-request-id": rid, authorization: `Bearer ${token}` });
        checkGrpcStatus(r.status, rid);
        checkGrpcMessages(r.messages, LIST, LIST_PLANTED);
        checkEvidence(await evidence(px, rid), mode, action, { "pii.ssn": 3, "pii.credit_card": 3, "secret.aws_access_key": 3 }, token, LIST_PLANTED);
      });

      test(`${action}: gRPC server streaming, raw HTTP/2: framing, trailers, every byte scanned`, async () => {
        const rid = `${cell}-graw`;
        const r = await h2req(session, {
          path: "/demo.v1.Customers/ListCustomers", authority: `${action}.test`, method: "POST",
          headers: { "content-type": "application/grpc", te: "trailers", "x-request-id": rid, authorization: `Bearer ${token}` },
          body: grpcFrame(Buffer.from(ListCustomersRequest.encode({ limit: 3 }).finish())),
        });
        assert.equal(r.error, undefined, r.error);
        assert.equal(r.status, 200);
        const everything = Buffer.concat([r.body, Buffer.from(JSON.stringify(r.headers)), Buffer.from(JSON.stringify(r.trailers ?? {}))]);
        if (effective === "block") {
          assert.deepEqual(leaked(everything, LIST_PLANTED), []);
          assert.equal(r.body.length, 0, "no gRPC message bytes");
          if (hold) {
            // trailers-only: one HEADERS frame with END_STREAM carrying the status
            assert.ok(r.endAfterHeaders, "trailers-only response");
            assert.equal(r.headers["grpc-status"], "7");
            assert.equal(r.trailers, null);
          } else {
            assert.ok(!r.endAfterHeaders);
            assert.equal(r.headers["grpc-status"], undefined, "headers had left without a status");
            assert.equal(r.trailers?.["grpc-status"], "7");
            assert.match(String(r.trailers?.["grpc-message"]), /blocked by policy/);
          }
          return;
        }
        assert.equal(r.trailers?.["grpc-status"], "0");
        const frames = grpcFrames(r.body); // throws on broken framing
        checkGrpcMessages(frames, LIST, LIST_PLANTED);
        if (effective !== "alert") assert.deepEqual(leaked(everything, LIST_PLANTED), []);
      });
    }
  });
}

test("HTTP/1.1 keep-alive: after a block (403 reply, or blanked body) the same connection serves the next request", async () => {
  for (const hold of [true, false]) {
    const px = proxies.get(key("enforce", hold))!;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const sockets = new Set<unknown>();
    agent.on("free", (sock) => sockets.add(sock));
    try {
      const got: Array<[number, string]> = [];
      for (const [path, authority] of [["/r/doc", "block.test"], ["/r/doc", "alert.test"], ["/r/doc-chunked", "block.test"], ["/r/doc", "mask.test"]]) {
        const r = await h1(px.port, { path, host: authority, agent, headers: { "x-request-id": `ka-${hold}-${got.length}` } });
        assert.equal(r.error, undefined);
        got.push([r.status, r.body.toString()]);
      }
      assert.deepEqual(got.map((g) => g[0]), hold ? [403, 200, 403, 200] : [200, 200, 200, 200]);
      assert.equal(got[1][1], JSON_DOC);
      assert.equal(got[3][1], redactedJson("mask"));
      assert.equal(sockets.size, 1, "one connection for all four");
    } finally { agent.destroy(); }
  }
});
