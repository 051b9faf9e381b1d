// The filter is built with AssemblyScript's minimal runtime: nothing is freed until the outermost callback
// returns and the patched proxy-runtime collects (every 1,024 callbacks, every 2 MiB of body — request bytes
// count 8 times — or when linear memory grew). These tests push far more garbage through the VM than its memory could hold uncollected and
// check that memory levels off and that the filter still works after thousands of collections.
import { test } from "node:test";
import assert from "node:assert/strict";
import { policyPlugin, memoryBytes, check, exchange, GET_HEADERS } from "../fuzz/harness.ts";

const MiB = 1024 * 1024;
const POLICY = `version: 1
enable: ["pii.*", "secret.*", "attack.*"]
report: { evidence: true }
rules:
  - { detectors: ["attack.*"], action: alert }
`;

/** A JSON request body of `n` short fields: the attack detectors read every key and value (strings built per value). */
function manyFields(n: number, seed: number): Buffer {
  const o: Record<string, string> = {};
  for (let i = 0; i < n; i++) o[`field_${seed}_${i}`] = `value ${i} of request ${seed}`;
  return Buffer.from(JSON.stringify(o));
}

test("garbage is collected between callbacks: 30 MB of request bodies, linear memory levels off", () => {
  const p = policyPlugin(POLICY);
  const sizes: number[] = [];
  for (let r = 0; r < 300; r++) {
    const body = manyFields(2500, r); // ~100 KB, 5,000 keys and values
    const s = p.newStream();
    s.sendRequest({ headers: { ...GET_HEADERS, ":method": "POST", "content-type": "application/json" }, body, chunkSize: 16384 });
    s.sendResponse({ headers: { ":status": "204" } });
    check(p, s, `request ${r}`);
    if (r % 50 === 49) sizes.push(memoryBytes(p));
  }
  console.log(`# wasm memory after each 50 requests of ~100 KB: ${sizes.map((b) => (b / MiB).toFixed(1)).join(", ")} MiB`);
  // uncollected, 30 MB of bodies would leave far more than this behind; collected, the heap stops growing
  // (the incremental GC held this workload at 10 MiB; collecting every 2 MiB of unweighted body took 40)
  assert.ok(sizes[sizes.length - 1] <= 16 * MiB, `memory ${(sizes[sizes.length - 1] / MiB).toFixed(1)} MiB`);
  assert.equal(sizes[sizes.length - 1], sizes[1], `memory kept growing: ${sizes.map((b) => (b / MiB).toFixed(1)).join(" → ")} MiB`);
  // and the VM still finds what it should
  const o = exchange(p, { request: { headers: { ...GET_HEADERS, ":method": "POST", "content-type": "application/json" }, body: Buffer.from('{"q":"1 UNION SELECT password FROM users--","ssn":"878-60-8530"}') } });
  assert.ok(o.stream.completed);
  const found = o.evidence.split("\n").flatMap((l) => (JSON.parse(l).findings as Array<{ detector: string }>).map((f) => f.detector));
  assert.ok(found.includes("attack.sqli") && found.includes("pii.ssn"), found.join(","));
});

test("many small requests (headers only): memory levels off across 20,000 streams", () => {
  const p = policyPlugin(POLICY);
  const sizes: number[] = [];
  for (let r = 0; r < 20_000; r++) {
    const s = p.newStream();
    s.sendRequestHeaders({ ...GET_HEADERS, ":path": `/api/items/${r}?page=${r % 50}&q=item-${r}`, "user-agent": `client/${r}` }, true);
    s.sendResponse({ headers: { ":status": "204" } });
    if (r % 2000 === 1999) { check(p, s, `request ${r}`); sizes.push(memoryBytes(p)); }
  }
  console.log(`# wasm memory after each 2,000 streams: ${sizes.map((b) => (b / MiB).toFixed(1)).join(", ")} MiB`);
  assert.equal(sizes[sizes.length - 1], sizes[2], `memory kept growing: ${sizes.map((b) => (b / MiB).toFixed(1)).join(" → ")} MiB`);
});
