// `microwaf scan` through the real filter: NDJSON in, one result line per input in order, with UTF-8 byte
// offsets of the matched values in the body as given; human output for files; bad input lines are answered
// with an error line, never dropped.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("../..", import.meta.url).pathname;
const cli = (args: string[], input?: string) => spawnSync(process.execPath, ["bin/microwaf.js", ...args], { cwd: root, input, encoding: "utf8" });

test("scan --jsonl: one line per input, in order, byte offsets into the body as given (UTF-8), base64 bodies", () => {
  const body1 = JSON.stringify({ name: "Zoë Müller", ssn: "878-60-8530" }); // multi-byte characters before the value
  const body2 = "plain text with a key AKIAAB7WQMOHRXIEYQGL inside";
  const lines = [
    JSON.stringify({ id: "a", body: body1 }),
    "{not json",
    JSON.stringify({ id: 7, body_base64: Buffer.from(body2).toString("base64"), content_type: "text/plain" }),
    JSON.stringify({ id: "clean", body: "{\"ok\":true}" }),
  ];
  const r = cli(["scan", "--jsonl"], lines.join("\n") + "\n");
  assert.equal(r.status, 0, r.stderr);
  const out = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
  assert.equal(out.length, 4);
  assert.deepEqual(out.map((o) => o.id), ["a", null, 7, "clean"]);
  const ssn = out[0].findings.find((f: any) => f.detector === "pii.ssn");
  assert.equal(Buffer.from(body1).subarray(ssn.start, ssn.end).toString(), "878-60-8530");
  assert.equal(ssn.path, "$.ssn");
  assert.equal(out[0].verdict, "alert");
  assert.match(out[1].error, /invalid JSON/);
  const key = out[2].findings.find((f: any) => f.category === "secret.aws_access_key");
  assert.equal(body2.slice(key.start, key.end), "AKIAAB7WQMOHRXIEYQGL");
  assert.equal(out[2].verdict, "redact", "the default policy redacts secrets");
  assert.deepEqual(out[3], { id: "clean", verdict: "allow", findings: [] });
});

test("scan FILE: findings with line:col and the value masked; a bad policy is an error with its position", () => {
  const dir = mkdtempSync(join(tmpdir(), "mwaf-scan-"));
  const file = join(dir, "customer.json");
  writeFileSync(file, '{\n  "id": 1,\n  "card": "4539 1488 0343 6467"\n}\n');
  const r = cli(["scan", file]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /customer\.json:3:12: pii\.credit_card alert \$\.card \*{4} \*{4} \*{4} 6467/);
  assert.match(r.stdout, /customer\.json: alert \(1 finding\)/);
  const bad = join(dir, "bad.yaml");
  writeFileSync(bad, "version: 1\nrules:\n  - { detectors: [pii.ssn], action: deny }\n");
  const b = cli(["scan", "--policy", bad, file]);
  assert.equal(b.status, 2);
  assert.match(b.stderr, /bad\.yaml:3:\d+: .*action/);
});
