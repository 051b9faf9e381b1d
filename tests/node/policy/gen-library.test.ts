// scripts/gen-library.ts: the library and the default policy as string constants for the filter.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateLibrarySource } from "../../../scripts/gen-library.ts";
import { checkFile, loadLibrary } from "../../../src/policy/index.ts";
import { renderJson } from "../../../src/policy/render.ts";
import { FIXTURE_LIBRARY, ROOT } from "./helpers.ts";

function constants(src: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of src.matchAll(/^export const (\w+): string = (".*");$/gm)) out[m[1]] = JSON.parse(m[2]);
  return out;
}

test("emits BUILTIN_LIBRARY_JSON and DEFAULT_POLICY_JSON (the rendered default policy)", () => {
  const src = generateLibrarySource(FIXTURE_LIBRARY);
  const c = constants(src);
  assert.deepEqual(Object.keys(c), ["BUILTIN_LIBRARY_JSON", "DEFAULT_POLICY_JSON"]);
  const lib = JSON.parse(c.BUILTIN_LIBRARY_JSON);
  assert.equal(lib.version, 1);
  assert.deepEqual(lib.detectors, loadLibrary(FIXTURE_LIBRARY).detectors);
  assert.ok(!("examples" in lib.detectors[0]), "examples stay out of the filter");
  const policy = checkFile(ROOT + "policy/default.yaml", { libraryDir: FIXTURE_LIBRARY }).policy!;
  assert.equal(c.DEFAULT_POLICY_JSON, renderJson(policy));
});

test("refuses to generate when the default policy does not check", () => {
  const dir = mkdtempSync(join(tmpdir(), "mw-lib-"));
  const bad = join(dir, "default.yaml");
  writeFileSync(bad, "version: 1\nenable: [\"pii.nothing\"]\n");
  assert.throws(() => generateLibrarySource(FIXTURE_LIBRARY, bad), /default\.yaml does not check:\n.*default\.yaml:2:10: enable\[0\]: "pii\.nothing" matches no detector/);
  assert.ok(readFileSync(bad, "utf8"));
});
