// Globs, the regex subset, route specificity and rule resolution (the semantics the filter mirrors).
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { idGlobMatches, normalizePath, pathGlobCovers, pathMatches, resolveSelectors, authorityMatches, contentTypeMatches, contentTypeRank } from "../../../src/policy/glob.ts";
import { checkRegexSubset } from "../../../src/policy/regex.ts";
import { checkText, loadLibrary } from "../../../src/policy/index.ts";
import { resolveRules, selectRoute, enabledIds } from "../../../src/policy/routes.ts";
import { explain } from "../../../src/policy/explain.ts";
import { parseDuration } from "../../../src/policy/normalize.ts";
import { FIXTURE_LIBRARY } from "./helpers.ts";

const lib = loadLibrary(FIXTURE_LIBRARY);
const allIds = lib.detectors.map((d) => d.id);

function policy(yaml: string) {
  const r = checkText("t.yaml", yaml, { libraryDir: FIXTURE_LIBRARY });
  assert.deepEqual(r.diagnostics, [], JSON.stringify(r.diagnostics));
  return r.policy!;
}

test("id globs: wildcards, categories as prefixes, ordered negation", () => {
  assert.ok(idGlobMatches("pii.*", "pii.ssn"));
  assert.ok(idGlobMatches("pii", "pii.credit_card.visa"));
  assert.ok(idGlobMatches("pii.credit_card", "pii.credit_card.visa"));
  assert.ok(!idGlobMatches("pii.credit", "pii.credit_card"));
  assert.ok(idGlobMatches("*", "attack.sqli"));
  assert.ok(!idGlobMatches("secret.*", "pii.ssn"));
  assert.deepEqual([...resolveSelectors(["pii.*", "!pii.ip_address", "secret.jwt"], allIds)].sort(),
    ["pii.credit_card", "pii.email", "pii.iban", "pii.ssn", "secret.jwt"]);
  assert.deepEqual([...resolveSelectors(["!pii.*", "pii.ssn"], allIds)], ["pii.ssn"]);
});

test("paths: segments, params, ** and normalization", () => {
  assert.ok(pathMatches("/api/**", "/api"));
  assert.ok(pathMatches("/api/**", "/api/a/b/c?x=1"));
  assert.ok(pathMatches("/api/users/{id}", "/api/users/42"));
  assert.ok(!pathMatches("/api/users/{id}", "/api/users/42/orders"));
  assert.ok(pathMatches("/api/*/orders", "/api/7/orders"));
  assert.ok(pathMatches("/files/*.json", "/files/a.json"));
  assert.ok(!pathMatches("/files/*.json", "/files/a.xml"));
  assert.ok(pathMatches("/**/export", "/a/b/export"));
  assert.ok(pathMatches("/api/payments/**", "//api/./x/../%70ayments/1"), "normalized before matching");
  assert.equal(normalizePath("/a//b/./c/../%7Euser%2F?q#f"), "/a/b/~user%2F");
});

test("path glob containment is sound against random paths", () => {
  const pats = ["/api/**", "/api/users/{id}", "/api/users/*", "/api/*/orders", "/**", "/api/users/me", "/**/export", "/files/*.json", "/files/a.json"];
  const seg = fc.constantFrom("api", "users", "me", "orders", "export", "a.json", "x", "7");
  fc.assert(fc.property(fc.array(seg, { maxLength: 5 }), (segs) => {
    const path = "/" + segs.join("/");
    for (const a of pats) for (const b of pats) {
      if (pathGlobCovers(a, b) && pathMatches(b, path)) assert.ok(pathMatches(a, path), `${a} ⊇ ${b} but not for ${path}`);
    }
  }), { numRuns: 300 });
  assert.ok(pathGlobCovers("/api/**", "/api/users/{id}"));
  assert.ok(!pathGlobCovers("/api/users/{id}", "/api/**"));
});

test("authority and content-type globs", () => {
  assert.ok(authorityMatches("*.example.com", "API.example.com:8443"));
  assert.ok(!authorityMatches("api.example.com:8443", "api.example.com:443"));
  assert.ok(authorityMatches("[::1]", "[::1]:80"));
  assert.ok(contentTypeMatches("application/*+json", "application/vnd.api+json; charset=utf-8"));
  assert.deepEqual(["*", "text/*", "application/*+json", "application/json"].map(contentTypeRank), [0, 1, 2, 3]);
});

test("regex subset: what the engine accepts, rejected with the engine's message and position", () => {
  for (const ok of ["\\b(?:\\d[ -]?){12,18}\\d\\b", "[A-Za-z0-9+/]{40}", "(?P<k>AKIA)[0-9A-Z]{16}", "(?<k>x)", "a|b", "[]a]", "[\\]\\-]", "x{1,1000}", "\\x41", "\\.", "(?i)abc", "\\Aabc\\z", "é+", "x{", "a}", "\\0"]) {
    assert.equal(checkRegexSubset(ok), null, ok);
  }
  const bad: [string, number, RegExp][] = [
    ["(a)\\1", 3, /backreferences/], ["a(?=b)", 1, /lookahead/], ["(?<!a)b", 0, /lookbehind/], ["a+?", 2, /lazy/],
    ["a{2}+", 4, /possessive/], ["(?>a)", 0, /unsupported group/], ["a(?i)b", 1, /only supported at the start/], ["\\p{L}", 0, /Unicode classes/],
    ["a{1001}", 1, /above 1000/], ["a{3,2}", 1, /n < m/], ["[b-a]", 1, /out of order/], ["(a", 0, /missing '\)'/],
    ["a)", 1, /unmatched/], ["+a", 0, /nothing to repeat/], ["a**", 2, /nested quantifier/], ["\\", 0, /trailing/], ["\\k<n>", 0, /backreferences/],
    ["a*", 0, /empty string/], ["(?:x|)", 0, /empty string/], ["\\b+", 2, /assertion cannot be repeated/], ["[[:alpha:]]", 1, /POSIX/],
    ["[é]", 1, /non-ASCII/], ["\\u00e9", 0, /unknown escape/], ["[^\\x00-\\xff]", 0, /matches nothing/], ["[a-\\d]", 3, /cannot end a range/],
  ];
  for (const [src, off, re] of bad) {
    const e = checkRegexSubset(src);
    assert.ok(e, src);
    assert.equal(e.offset, off, src);
    assert.match(e.message, re, src);
  }
});

test("every built-in library pattern is inside the subset", () => {
  for (const d of loadLibrary().detectors) if (d.pattern) assert.equal(checkRegexSubset(d.pattern), null, d.id);
});

test("durations", () => {
  assert.equal(parseDuration("1h30m"), 5400000);
  assert.equal(parseDuration("500ms"), 500);
  assert.ok(Number.isNaN(parseDuration("1d")));
});

const ROUTED = `
version: 1
enable: ["pii.*", "secret.*", "attack.*", "!pii.ip_address"]
rules:
  - { detectors: ["pii.*"], action: alert }
  - { detectors: ["pii.ssn"], action: redact, redact: { style: keep_last, keep: 4 } }
  - { detectors: ["pii.*"], action: block, threshold: 50 }
  - { detectors: ["secret.*"], action: redact }
routes:
  - name: api
    match: { path: /api/** }
  - name: users
    match: { path: "/api/users/{id}", methods: [GET] }
    enable: ["!pii.email"]
    rules:
      - { detectors: ["pii.ssn"], action: block }
  - name: admin-host
    match: { authority: admin.example.com, path: /** }
  - name: json-only
    match: { path: /api/export, content_type: "application/*+json", direction: response }
`;

test("the most specific route wins, in the documented order", () => {
  const p = policy(ROUTED);
  const q = (path: string, o: Partial<{ method: string; authority: string; contentType: string; direction: "request" | "response" }> = {}) => {
    const i = selectRoute(p, { method: o.method ?? "GET", path, authority: o.authority ?? "svc", direction: o.direction ?? "response", contentType: o.contentType });
    return i < 0 ? "default" : p.routes[i].name;
  };
  assert.equal(q("/api/users/7"), "users");
  assert.equal(q("/api/users/7", { method: "POST" }), "api");
  assert.equal(q("/api/users/7", { authority: "admin.example.com" }), "admin-host", "an exact authority beats any path");
  assert.equal(q("/api/export", { contentType: "application/vnd.x+json" }), "json-only");
  assert.equal(q("/api/export", { contentType: "text/plain" }), "api");
  assert.equal(q("/api/export", { contentType: "application/vnd.x+json", direction: "request" }), "api");
  assert.equal(q("/health"), "default");
});

test("rule resolution: specific selectors win per threshold; route rules replace global ones", () => {
  const p = policy(ROUTED);
  const acts = (route: string | null, id: string, dir: "request" | "response" = "response") =>
    resolveRules(p, route === null ? null : p.routes.find((r) => r.name === route)!, id, dir).map((r) => `${r.rule.threshold}:${r.rule.action}`).join(",");
  assert.equal(acts(null, "pii.email"), "1:alert,50:block");
  assert.equal(acts(null, "pii.ssn"), "1:redact,50:block");
  assert.equal(acts("users", "pii.ssn"), "1:block");
  assert.equal(acts("users", "pii.credit_card"), "1:alert,50:block");
  assert.equal(acts(null, "secret.jwt"), "1:redact");
  assert.equal(acts(null, "pii.ssn", "request"), "1:alert", "rules default to responses; an uncovered detector alerts");
  assert.deepEqual(enabledIds(p, allIds, p.routes[1]).filter((id) => id.startsWith("pii.")), ["pii.credit_card", "pii.ssn", "pii.iban"]);
});

test("explain shows monitor mode as would-actions and skips attack detectors on responses", () => {
  const p = policy(ROUTED.replace("version: 1", "version: 1\nmode: monitor"));
  const x = explain(p, lib, { method: "GET", path: "/api/users/1", authority: "svc", direction: "response" });
  assert.equal(x.route.name, "users");
  const ssn = x.detectors.find((d) => d.id === "pii.ssn")!;
  assert.deepEqual(ssn.rules.map((r) => r.effective), ["alert (would block)"]);
  assert.ok(!x.detectors.some((d) => d.id.startsWith("attack.")));
  const req = explain(p, lib, { method: "POST", path: "/login", authority: "svc", direction: "request" });
  assert.ok(req.detectors.some((d) => d.id === "attack.sqli"));
});
