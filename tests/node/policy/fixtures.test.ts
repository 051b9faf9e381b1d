// The rendered fixtures the as-pect policy tests load are in step with the shipped policies and the docs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { generateRendered, RENDERED } from "./fixtures.ts";

test("tests/fixtures/policies/rendered.ts is up to date (regenerate: node --import tsx tests/node/policy/fixtures.ts)", () => {
  assert.equal(readFileSync(RENDERED, "utf8"), generateRendered());
});
