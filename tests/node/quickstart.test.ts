// The README's start command, as a newcomer runs it: `npm start` builds if needed, serves the demo behind
// MicroWAF, a curl of the leaky endpoint comes back redacted, the finding is in /stats/prometheus, and
// Ctrl-C stops everything cleanly. (Uses the demo's fixed ports 10000, 9901, 8080, 50051.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { PROTO_PATH } from "../../examples/demo/services.ts";

const root = new URL("../..", import.meta.url).pathname;

test("npm start: redacted demo response, the finding in Prometheus stats, gRPC through the proxy, clean Ctrl-C", { timeout: 120_000 }, async () => {
  const child = spawn("npm", ["start"], { cwd: root, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, npm_config_update_notifier: "false" } });
  let out = "";
  child.stdout.on("data", (d) => { out += d; });
  child.stderr.on("data", (d) => { out += d; });
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  try {
    for (let i = 0; i < 600 && !out.includes("MicroWAF is running"); i++) await new Promise((r) => setTimeout(r, 100));
    assert.ok(out.includes("MicroWAF is running"), `did not start:\n${out.slice(-2000)}`);

    const leaky = await (await fetch("http://127.0.0.1:10000/api/debug/config")).json() as Record<string, string>;
    assert.match(leaky.aws_access_key_id, /^\*{20}$/);
    assert.match(leaky.aws_secret_access_key, /^\*{40}$/);
    assert.equal(leaky.service, "payments");

    const pii = await (await fetch("http://127.0.0.1:10000/api/customers/1")).json() as Record<string, string>;
    assert.match(pii.ssn, /^\d{3}-\d{2}-\d{4}$/, "the default policy alerts on PII, it does not rewrite it");

    // gRPC through the proxy (HTTP/2 upstream cluster): the PII is seen and counted.
    const pkg = grpc.loadPackageDefinition(protoLoader.loadSync(PROTO_PATH, { keepCase: true })) as any;
    const client = new pkg.demo.v1.Customers("127.0.0.1:10000", grpc.credentials.createInsecure());
    const c = await new Promise<any>((res, rej) => client.GetCustomer({ id: "3" }, (e: Error | null, m: unknown) => (e ? rej(e) : res(m))));
    assert.equal(c.id, "3");
    client.close();

    const stats = await (await fetch("http://127.0.0.1:9901/stats/prometheus")).text();
    assert.match(stats, /microwaf_findings_total\{[^}]*detector="secret\.aws_access_key"[^}]*action="redact"[^}]*\} 1/);
    assert.match(stats, /microwaf_findings_total\{[^}]*detector="pii\.ssn"[^}]*local="customers-api"[^}]*\} [12]/);
    assert.match(stats, /microwaf_values_redacted_total\{[^}]*category="secret\.aws_access_key"/);
  } finally {
    process.kill(-child.pid!, "SIGINT");
  }
  // npm itself dies of the SIGINT (exit code null), as with a user's Ctrl-C; what matters is that the
  // firewall and the demo services shut down and free their ports.
  const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r("timeout"), 15_000))]);
  assert.notEqual(code, "timeout", `Ctrl-C did not stop it:\n${out.slice(-1500)}`);
  assert.match(out, /stopping/);
  for (let i = 0; i < 50; i++) {
    try { await fetch("http://127.0.0.1:10000/healthz"); } catch { return; } // connection refused: stopped
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail("the proxy still answers after Ctrl-C");
});
