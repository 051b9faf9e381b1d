// The fuzz properties, shared by `npm test` (modest counts, tests/node/fuzz/*.test.ts) and scripts/fuzz.ts
// (long runs). Each property drives the real filter through the host and checks:
//   - no trap (plugin.failed stays false) and no exception escapes the host
//   - every stream completes: on_log → on_done → on_delete
//   - findings and output bytes do not depend on how the body is chunked
//   - redacted JSON still parses when the input did; Content-Length still matches the body
import fc from "fast-check";
import assert from "node:assert/strict";
import type { Plugin } from "../../../src/host/index.ts";
import { exchange, policyPlugin, plugin, REDACT_ALL, GET_HEADERS, describe, type Exchange, type Outcome } from "./harness.ts";
import {
  jsonText, mutate, protobuf, grpcBody, compress, encodingHeader, formBody, multipart, headerMap, splitFractions, splitsFor,
  text, attack, secret, type Encoding,
} from "./gen.ts";
import { randomPolicy, junkConfiguration } from "./policies.ts";
import { renderPolicy } from "../filter/policy-helpers.ts";

export interface FuzzProperty { name: string; /** runs at the `npm test` scale */ runs: number; run(numRuns: number, seed: number): number }

let shared: Plugin | null = null;
/** One plugin for the body suites (redact everything, evidence on). Recreated if a trap ever failed it. */
function redactAll(): Plugin {
  if (!shared || shared.failed) shared = policyPlugin(REDACT_ALL);
  return shared;
}

/** Response headers with Content-Length. */
function respHeaders(ct: string, body: Buffer, extra: Record<string, string> = {}): Record<string, string> {
  return { ":status": "200", "content-type": ct, "content-length": String(body.length), ...extra };
}

/** Content-Length the client received matches the body it received (unless the stream was reset). */
function contentLengthHolds(o: Outcome, label: string): void {
  if (o.stream.resetReason) return;
  const cl = o.stream.downstream.headers?.get("content-length");
  if (cl !== undefined) assert.equal(o.downstream.length, Number(cl), `${label}: content-length ${cl} but ${o.downstream.length} bytes reached the client`);
}

/**
 * A stream blocked before its body ended is not read further (Envoy delivers nothing more after the local
 * reply): a block decided on an early chunk reports what was read up to it. The same block, and findings that
 * are all among the whole body's, is then the same outcome; everything else must be equal.
 */
function sameEvidence(a: string, b: string, label: string): void {
  if (b === a) return;
  const ea = a ? JSON.parse(a) : null, eb = b ? JSON.parse(b) : null;
  if (ea?.blocked && eb?.blocked === ea.blocked) {
    const key = (f: Record<string, unknown>) => `${f.direction} ${f.detector} ${f.path} ${f.start}-${f.end}`;
    const whole = new Set((ea.findings ?? []).map(key));
    const missing = (eb.findings ?? []).map(key).filter((k: string) => !whole.has(k));
    if (missing.length === 0) return;
  }
  assert.equal(b, a, `${label}: evidence depends on chunking`);
}

/**
 * A body released past `hold_bytes` cannot be called back: a block decided after some of it left ends a
 * response with a reset (the one-piece body, nothing released yet, is blanked, or refused with a clean reply
 * when its headers were held) and a request with the local
 * reply and an aborted upstream request (the one-piece body sent nothing upstream). Legitimate when both
 * blocked alike and what left is a prefix of the body; where the evidence gives the blocking detector's
 * offsets, the prefix must stop before its first finding.
 */
function lateBlock(a: Outcome, b: Outcome, body: Buffer, side: "request" | "response"): boolean {
  const out = side === "response" ? b.downstream : b.upstream;
  if (!out.equals(body.subarray(0, out.length))) return false;
  if (side === "response") {
    // headers held (hold_headers) go out with the first released bytes: the one-piece body could still be
    // refused with a clean reply, the cut one only reset
    if (!b.stream.resetReason || a.stream.resetReason || (b.status !== a.status && b.status !== "200")) return false;
  } else if (b.stream.upstream.ended || a.upstream.length > 0 || b.status !== a.status || !b.downstream.equals(a.downstream)) return false;
  const ea = a.evidence ? JSON.parse(a.evidence) : null, eb = b.evidence ? JSON.parse(b.evidence) : null;
  if (!ea && !eb) { // no evidence to read the block from: the one-piece outcome shows it (a reply, or a blanked body)
    const blanked = side === "response" && a.downstream.length === body.length && /^ *$/.test(a.downstream.toString("latin1"));
    return blanked || (a.status !== undefined && a.status !== "200");
  }
  if (!ea?.blocked || eb?.blocked !== ea.blocked) return false;
  const [direction, detector] = String(ea.blocked).split(":");
  const starts = (ea.findings ?? []).filter((f: { direction: string; detector: string; start: number }) => f.direction === direction && f.detector === detector && f.start >= 0).map((f: { start: number }) => f.start);
  return starts.length === 0 || out.length <= Math.min(...starts);
}

function sameOutcome(a: Outcome, b: Outcome, label: string, body?: Buffer, side: "request" | "response" = "response"): void {
  sameEvidence(a.evidence, b.evidence, label);
  if (body && lateBlock(a, b, body, side)) return;
  assert.equal(b.status, a.status, `${label}: status depends on chunking`);
  assert.ok(b.downstream.equals(a.downstream), `${label}: client bytes depend on chunking`);
  assert.ok(b.upstream.equals(a.upstream), `${label}: upstream bytes depend on chunking`);
}

/** Response body in one piece and at the given splits; returns the one-piece outcome. */
function responseBoth(p: Plugin, ct: string, body: Buffer, fr: number[], extra: Record<string, string> = {}, label = ct, compare = true): Outcome {
  const ex = (splits: number[]): Exchange => ({ request: { headers: GET_HEADERS }, response: { headers: respHeaders(ct, body, extra), body, splits } });
  const whole = exchange(p, ex([]), `${label} ${describe(body)}`);
  const split = exchange(p, ex(splitsFor(body.length, fr)), `${label} split ${describe(body)}`);
  if (compare) sameOutcome(whole, split, `${label} ${describe(body)}`, body);
  contentLengthHolds(whole, label);
  return whole;
}
function requestBoth(p: Plugin, ct: string, body: Buffer, fr: number[], path = "/api/x", extra: Record<string, string> = {}, compare = true): Outcome {
  const ex = (splits: number[]): Exchange => ({
    request: { headers: { ":method": "POST", ":path": path, ":authority": "svc", "content-type": ct, "content-length": String(body.length), ...extra }, body, splits },
    response: { headers: { ":status": "200", "content-type": "text/plain" }, body: Buffer.from("ok") },
  });
  const whole = exchange(p, ex([]), `request ${ct} ${describe(body)}`);
  const split = exchange(p, ex(splitsFor(body.length, fr)), `request ${ct} split ${describe(body)}`);
  if (compare) sameOutcome(whole, split, `request ${ct} ${describe(body)}`, body, "request");
  return whole;
}

function parses(b: Buffer): boolean { try { JSON.parse(b.toString("utf8")); return true; } catch { return false; } }

/** Runs a property; a failure reports the seed, path, counterexample and the broken invariant. */
function check(name: string, numRuns: number, seed: number, prop: fc.IProperty<any>): number {
  const r = fc.check(prop, { numRuns, seed, endOnFailure: true });
  if (r.failed) {
    const cause = r.errorInstance instanceof Error ? r.errorInstance.message : String(r.errorInstance);
    throw new Error(`${name}: property failed after ${r.numRuns} runs (seed ${r.seed}, path ${r.counterexamplePath})\n` +
      `${cause}\ncounterexample: ${fc.stringify(r.counterexample).slice(0, 4000)}`);
  }
  return r.numRuns;
}

export const PROPERTIES: FuzzProperty[] = [
  {
    name: "json response: chunk-invariant, redacted JSON still parses, Content-Length kept",
    runs: 1700,
    run: (n, seed) => check("json", n, seed, fc.property(jsonText, splitFractions, (s, fr) => {
      const body = Buffer.from(s);
      const o = responseBoth(redactAll(), "application/json", body, fr);
      if (o.status === "200" && !o.stream.resetReason) {
        assert.equal(o.downstream.length, body.length, "redaction changed the body length");
        if (parses(body)) assert.ok(parses(o.downstream), `redacted JSON no longer parses: ${describe(o.downstream)}`);
      }
    })),
  },
  {
    name: "json request (attacks and secrets): chunk-invariant",
    runs: 1500,
    run: (n, seed) => check("jsonreq", n, seed, fc.property(jsonText, splitFractions, (s, fr) => {
      requestBoth(redactAll(), "application/json", Buffer.from(s), fr);
    })),
  },
  {
    name: "mutated JSON / NDJSON: no trap, chunk-invariant",
    runs: 1600,
    run: (n, seed) => check("jsonmut", n, seed, fc.property(mutate(fc.array(jsonText, { minLength: 1, maxLength: 3 }).map((a) => Buffer.from(a.join("\n")))), splitFractions, fc.constantFrom("application/json", "application/x-ndjson"), (body, fr, ct) => {
      responseBoth(redactAll(), ct, body, fr);
    })),
  },
  {
    name: "protobuf (random and mutated): no trap, chunk-invariant",
    runs: 1600,
    run: (n, seed) => check("protobuf", n, seed, fc.property(fc.oneof(protobuf, mutate(protobuf)), splitFractions, (body, fr) => {
      responseBoth(redactAll(), "application/x-protobuf", body, fr);
    })),
  },
  {
    name: "gRPC frames (random, compressed, mutated) both directions with trailers",
    runs: 600,
    run: (n, seed) => check("grpc", n, seed, fc.property(fc.oneof(grpcBody.map((g) => g.body), mutate(grpcBody.map((g) => g.body))), splitFractions, fc.constantFrom("application/grpc", "application/grpc+proto", "application/grpc-web"), (body, fr, ct) => {
      const p = redactAll();
      const ex = (splits: number[]): Exchange => ({
        request: { headers: { ":method": "POST", ":path": "/pkg.Svc/Get", ":authority": "svc", "content-type": ct, "grpc-encoding": "gzip", te: "trailers" }, body, splits },
        response: { headers: { ":status": "200", "content-type": ct, "grpc-encoding": "gzip" }, body, splits, trailers: { "grpc-status": "0" } },
      });
      const a = exchange(p, ex([]), `grpc ${describe(body)}`);
      const b = exchange(p, ex(splitsFor(body.length, fr)), `grpc split ${describe(body)}`);
      sameOutcome(a, b, `grpc ${describe(body)}`);
    })),
  },
  {
    name: "gzip/deflate/raw-deflate/br bodies (valid and corrupted): no trap, chunk-invariant",
    runs: 1200,
    run: (n, seed) => check("compressed", n, seed, fc.property(jsonText, fc.constantFrom<Encoding>("gzip", "deflate", "deflate-raw", "br"), fc.boolean(), fc.array(fc.tuple(fc.nat(), fc.nat(255)), { maxLength: 3 }), splitFractions, (s, enc, corrupt, flips, fr) => {
      const body = Buffer.from(compress(Buffer.from(s), enc));
      if (corrupt) for (const [i, b] of flips) if (body.length) body[i % body.length] = b;
      responseBoth(redactAll(), "application/json", body, fr, { "content-encoding": encodingHeader(enc) }, `json+${enc}`);
    })),
  },
  {
    name: "urlencoded forms and query strings: no trap, chunk-invariant",
    runs: 600,
    run: (n, seed) => check("form", n, seed, fc.property(fc.oneof(formBody, mutate(formBody)), splitFractions, fc.array(fc.tuple(fc.stringMatching(/^[a-z]{1,6}$/), fc.oneof(text, attack)), { maxLength: 4 }), (body, fr, q) => {
      const query = q.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&");
      if (query.length % 2 === 0) requestBoth(redactAll(), "application/x-www-form-urlencoded", body, fr, `/api/form${query ? "?" + query : ""}`);
      else responseBoth(redactAll(), "application/x-www-form-urlencoded", body, fr);
    })),
  },
  {
    name: "multipart bodies (valid and mutated): no trap, chunk-invariant",
    runs: 700,
    run: (n, seed) => check("multipart", n, seed, fc.property(multipart, fc.boolean(), fc.nat(), fc.nat(255), splitFractions, (m, corrupt, at, byte, fr) => {
      const body = Buffer.from(m.body);
      if (corrupt && body.length) body[at % body.length] = byte;
      if (at % 2 === 0) requestBoth(redactAll(), `multipart/form-data; boundary=${m.boundary}`, body, fr);
      else responseBoth(redactAll(), `multipart/form-data; boundary="${m.boundary}"`, body, fr);
    })),
  },
  {
    name: "header maps (many headers, giant values, odd bytes) in requests and responses",
    runs: 400,
    run: (n, seed) => check("headers", n, seed, fc.property(headerMap, headerMap, fc.string({ unit: "binary-ascii", maxLength: 200 }), (rq, rs, path) => {
      const p = redactAll();
      const body = Buffer.from('{"ok":true}');
      exchange(p, {
        request: { headers: [[":method", "GET"], [":path", "/" + path], [":authority", "svc"], ...rq] },
        response: { headers: [[":status", "200"], ...rs, ["content-type", "application/json"], ["content-length", String(body.length)]], body },
      }, `headers ${JSON.stringify(rq).slice(0, 300)}`);
    })),
  },
  {
    name: "random valid policies: accepted, no trap on random traffic",
    runs: 100,
    run: (n, seed) => check("policy", n, seed, fc.property(randomPolicy, fc.array(fc.tuple(fc.nat(3), jsonText, secret, attack, splitFractions), { minLength: 1, maxLength: 4 }), (yaml, traffic) => {
      let conf: string;
      try { conf = renderPolicy(yaml); } catch (e) { throw new Error(`generator produced an invalid policy: ${(e as Error).message}\n${yaml}`); }
      // Both response-block paths: held headers (clean reply) and headers already sent (body rewritten).
      const p = plugin(conf, { allowOnHeadersStopIteration: /hold_headers: true/.test(yaml) });
      assert.ok(!p.failed, `configure trapped: ${p.logText()}\n${yaml}`);
      assert.ok(p.configured, `a policy the tooling accepts was rejected by the filter: ${p.logText()}\n${yaml}`);
      for (const [kind, j, s, atk, fr] of traffic) {
        const body = Buffer.from(kind === 0 ? j : kind === 1 ? JSON.stringify({ v: s, q: atk }) : kind === 2 ? `name=${encodeURIComponent(s)}&q=${encodeURIComponent(atk)}` : s + "\n" + atk);
        const ct = kind === 2 ? "application/x-www-form-urlencoded" : kind === 3 ? "text/plain" : "application/json";
        // budgets (limits) carry state from one exchange to the next: no chunking comparison with them
        const compare = !yaml.includes("\nlimits:");
        requestBoth(p, ct, body, fr, `/api/payments/1?q=${encodeURIComponent(atk)}`, { authorization: "Bearer " + s }, compare);
        responseBoth(p, ct, body, fr, {}, ct, compare);
      }
    })),
  },
  {
    name: "junk plugin configuration: rejected with a reason, never a trap",
    runs: 300,
    run: (n, seed) => check("junkconf", n, seed, fc.property(junkConfiguration, (conf) => {
      const p = plugin(conf);
      assert.ok(!p.failed, `configure trapped on ${JSON.stringify(conf.slice(0, 300))}: ${p.logText()}`);
      if (!p.configured) assert.match(p.logText(), /configuration rejected/, `rejected without a reason: ${p.logText()}`);
      else {
        // accepted junk must still be a version-1 object (or empty = default policy) and serve traffic
        assert.ok(conf.trim() === "" || JSON.parse(conf)?.version === 1, `accepted ${JSON.stringify(conf.slice(0, 200))}`);
        exchange(p, { response: { headers: respHeaders("application/json", Buffer.from('{"a":"123-45-6789"}')), body: Buffer.from('{"a":"123-45-6789"}') } });
      }
    })),
  },
];

