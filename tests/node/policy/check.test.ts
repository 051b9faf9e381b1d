// Shipped policies pass; every broken policy gets its expected file:line:col: message and exit 1.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { checkFile, checkText, formatDiagnostic } from "../../../src/policy/index.ts";
import { BROKEN_DIR, FIXTURE_LIBRARY, REAL_LIBRARY, ROOT, SHIPPED, realLibraryReady } from "./helpers.ts";

const broken = readdirSync(BROKEN_DIR).filter((f) => f.endsWith(".yaml")).sort();

function expected(file: string): string {
  const first = readFileSync(`${BROKEN_DIR}/${file}`, "utf8").split("\n")[0];
  const m = /^# expect: (\d+:\d+: .+)$/.exec(first);
  assert.ok(m, `${file}: first line must be "# expect: LINE:COL: message"`);
  return m[1];
}

test("the broken corpus has at least 30 cases across YAML, schema and semantics", () => {
  assert.ok(broken.length >= 30, `only ${broken.length} cases`);
  for (const kind of ["yaml-", "schema-", "sem-"]) assert.ok(broken.filter((f) => f.startsWith(kind)).length >= 4, kind);
});

for (const f of broken) {
  test(`broken/${f}: ${expected(f).replace(/^\d+:\d+: /, "").slice(0, 70)}`, () => {
    const file = `${BROKEN_DIR}/${f}`;
    const r = checkFile(file, { libraryDir: FIXTURE_LIBRARY });
    assert.equal(r.policy, null);
    assert.ok(r.diagnostics.length > 0);
    assert.equal(formatDiagnostic(r.diagnostics[0]), `${file}:${expected(f)}`);
  });
}

test("the CLI prints every broken case's diagnostic and exits 1", () => {
  const files = broken.map((f) => `tests/fixtures/policies/broken/${f}`);
  const r = spawnSync(process.execPath, ["bin/microwaf.js", "check", "--library", FIXTURE_LIBRARY, ...files], { cwd: ROOT, encoding: "utf8" });
  assert.equal(r.status, 1, r.stderr);
  const lines = new Set(r.stderr.trim().split("\n"));
  for (const f of broken) {
    const want = `tests/fixtures/policies/broken/${f}:${expected(f)}`;
    assert.ok(lines.has(want), `missing: ${want}`);
  }
  // every file reports at least one problem
  for (const f of broken) assert.ok(r.stderr.includes(`broken/${f}:`), f);
});

test("the CLI exits 1 for a single broken file and 0 for a good one", () => {
  const bad = spawnSync(process.execPath, ["bin/microwaf.js", "check", "--library", FIXTURE_LIBRARY, "tests/fixtures/policies/broken/sem-regex-lazy.yaml"], { cwd: ROOT, encoding: "utf8" });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /^tests\/fixtures\/policies\/broken\/sem-regex-lazy\.yaml:5:24: detectors\[0\]\.pattern: lazy quantifiers/);
  const good = execFileSync(process.execPath, ["bin/microwaf.js", "check", "--library", FIXTURE_LIBRARY, ...SHIPPED], { cwd: ROOT, encoding: "utf8" });
  assert.match(good, /policy\/default\.yaml: ok/);
});

test("shipped policies check against the test library", () => {
  for (const f of SHIPPED) {
    const r = checkFile(ROOT + f, { libraryDir: FIXTURE_LIBRARY });
    assert.deepEqual(r.diagnostics.map(formatDiagnostic), [], f);
  }
});

test("shipped policies check against the built-in library", (t) => {
  if (!realLibraryReady()) return t.skip("policy/detectors does not yet have pii, secret and attack files");
  for (const f of SHIPPED) {
    const r = checkFile(ROOT + f, { libraryDir: REAL_LIBRARY });
    assert.deepEqual(r.diagnostics.map(formatDiagnostic), [], f);
  }
});

test("shipped policies carry the schema modeline and teach with comments", () => {
  for (const f of SHIPPED) {
    const text = readFileSync(ROOT + f, "utf8");
    assert.match(text, /^# yaml-language-server: \$schema=\.\/schema\.json/);
    assert.ok(text.split("\n").filter((l) => l.trim().startsWith("#")).length >= 8, `${f} has few comments`);
  }
});

test("several errors in one file are all reported, in source order", () => {
  const r = checkText("p.yaml", "version: 1\nmode: x\nrules:\n  - detectors: [pii.ssn]\n    action: nope\n", { libraryDir: FIXTURE_LIBRARY });
  assert.deepEqual(r.diagnostics.map(formatDiagnostic), [
    "p.yaml:2:7: mode: must be one of enforce, monitor (got \"x\")",
    "p.yaml:5:13: rules[0].action: must be one of alert, redact, block (got \"nope\")",
  ]);
});

test("regex positions account for YAML quoting", () => {
  // double-quoted: each \\ in the source is one character of the pattern
  const r = checkText("p.yaml", 'version: 1\ndetectors:\n  - id: custom.x\n    pattern: "\\\\d+(?<=x)"\n', { libraryDir: FIXTURE_LIBRARY });
  assert.equal(formatDiagnostic(r.diagnostics[0]), "p.yaml:4:19: detectors[0].pattern: lookbehind is not supported (at offset 3)");
  const plain = checkText("p.yaml", "version: 1\ndetectors:\n  - id: custom.x\n    pattern: ab(?=c)\n", { libraryDir: FIXTURE_LIBRARY });
  assert.equal(formatDiagnostic(plain.diagnostics[0]), "p.yaml:4:16: detectors[0].pattern: lookahead is not supported (at offset 2)");
});

test("more than 2,048 custom detectors: rejected by check (schema, with the line) before any compile", () => {
  const one = (i: number) => `  - id: custom.d${i}\n    pattern: 'tok${i}_[a-z]{8}'\n`;
  const yaml = (n: number) => `version: 1\ndetectors:\n${Array.from({ length: n }, (_, i) => one(i)).join("")}`;
  const over = checkText("many.yaml", yaml(2049), { libraryDir: FIXTURE_LIBRARY });
  assert.equal(over.policy, null);
  assert.match(formatDiagnostic(over.diagnostics[0]), /^many\.yaml:3:\d+: .*(2048|more than)/);
  const at = checkText("many.yaml", yaml(2048), { libraryDir: FIXTURE_LIBRARY });
  assert.deepEqual(at.diagnostics.map(formatDiagnostic), []);
});
