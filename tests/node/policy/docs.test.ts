// Every ```yaml example in docs/policy.md is a complete policy that passes check.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { checkText, formatDiagnostic } from "../../../src/policy/index.ts";
import { docExamples } from "./fixtures.ts";
import { FIXTURE_LIBRARY, REAL_LIBRARY, ROOT, realLibraryReady } from "./helpers.ts";

const examples = docExamples();

test("docs/policy.md has an example per feature", () => {
  assert.ok(examples.length >= 12, `${examples.length} examples`);
  const all = examples.map((e) => e.yaml).join("\n");
  for (const key of ["mode: monitor", "enable:", "detectors:", "rules:", "routes:", "identity:", "limits:", "blocklists:", "report:", "body:", "threshold:", "content_type:", "keep_last", "context_only", "validators:"]) {
    assert.ok(all.includes(key), `no example uses ${key}`);
  }
});

for (const e of examples) {
  test(`docs/policy.md:${e.line} checks`, () => {
    const r = checkText(`docs/policy.md:${e.line}`, e.yaml, { libraryDir: FIXTURE_LIBRARY });
    assert.deepEqual(r.diagnostics.map(formatDiagnostic), []);
  });
}

test("docs examples check against the built-in library", (t) => {
  if (!realLibraryReady()) return t.skip("policy/detectors does not yet have pii, secret and attack files");
  for (const e of examples) {
    const r = checkText(`docs/policy.md:${e.line}`, e.yaml, { libraryDir: REAL_LIBRARY });
    assert.deepEqual(r.diagnostics.map(formatDiagnostic), [], `example at line ${e.line}`);
  }
});

test("error messages quoted in the docs are the ones check prints", () => {
  const md = readFileSync(ROOT + "docs/policy.md", "utf8");
  const backref = checkText("policy.yaml", "version: 1\ndetectors:\n  - id: custom.repeat\n    # a doubled word\n    pattern: '(\\w+) \\1'\n", { libraryDir: FIXTURE_LIBRARY });
  assert.ok(md.includes(formatDiagnostic(backref.diagnostics[0])), formatDiagnostic(backref.diagnostics[0]));
  const typo = checkText("p.yaml", "version: 1\nenable: [\"pii.*\", \"!pii.ip_adress\"]\n", { libraryDir: FIXTURE_LIBRARY });
  assert.ok(md.includes(typo.diagnostics[0].message), typo.diagnostics[0].message);
  const bad = checkText("bad.yaml", "# bad\nversion: 1\nrules:\n  - detectors: [\"pii.*\"]\n    action: deny\n", { libraryDir: FIXTURE_LIBRARY });
  assert.ok(md.includes(formatDiagnostic(bad.diagnostics[0])), formatDiagnostic(bad.diagnostics[0]));
});
