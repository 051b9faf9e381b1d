// examples/envoy/docker-compose.yaml cannot run here (no Docker engine). What can be checked is checked: the
// structure compose needs, Envoy >= 1.35, every mounted file exists and lands where envoy.yaml, prometheus.yml
// and the Grafana provisioning expect it, the ports agree across the files, and the demo container's command
// really starts the demo services (run here with free ports).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve, posix } from "node:path";
import { spawn } from "node:child_process";
import { parse } from "yaml";
import { root } from "./stack.ts";

const here = join(root, "examples/envoy");
const compose = parse(readFileSync(join(here, "docker-compose.yaml"), "utf8"));
const envoy = parse(readFileSync(join(here, "envoy.yaml"), "utf8"));
const S = compose.services;

/** Bind mounts of a service: host path (resolved against examples/envoy) → container path. */
function mounts(svc: string): Array<{ host: string; container: string }> {
  return (S[svc].volumes ?? []).map((v: string) => v.split(":")).filter((p: string[]) => p[0].startsWith(".") || p[0].startsWith("/"))
    .map((p: string[]) => ({ host: resolve(here, p[0]), container: p[1] }));
}

test("compose: services, Envoy >= 1.35, one shared network namespace, published ports", () => {
  assert.deepEqual(Object.keys(S).sort(), ["demo", "envoy", "grafana", "prometheus"]);
  for (const [name, s] of Object.entries<any>(S)) {
    assert.equal(typeof s.image, "string", `${name}.image`);
    assert.ok(!/:latest$/.test(s.image), `${name}: pin the image`);
  }
  const v = /^envoyproxy\/envoy:v(\d+)\.(\d+)/.exec(S.envoy.image);
  assert.ok(v && (Number(v[1]) > 1 || Number(v[2]) >= 35), `Envoy image ${S.envoy.image}`);
  for (const s of ["envoy", "prometheus", "grafana"]) assert.equal(S[s].network_mode, "service:demo", s);
  const published = S.demo.ports.map((p: string) => p.split(":")[1]);
  const listener = envoy.static_resources.listeners[0].address.socket_address.port_value;
  assert.ok(published.includes(String(listener)), "the Envoy listener is published");
  assert.ok(published.includes("9090") && published.includes("3000"));
});

test("compose: every mounted file exists and sits where its reader looks", () => {
  for (const s of Object.keys(S)) for (const m of mounts(s)) {
    if (m.host.endsWith("build/microwaf.wasm")) continue; // built by `npm run build` (checked below)
    assert.ok(existsSync(m.host), `${s}: ${m.host} missing`);
  }
  // Envoy: envoy.yaml names build/microwaf.wasm relative to the working directory.
  const wasmName = envoy.static_resources.listeners[0].filter_chains[0].filters[0].typed_config.http_filters[0].typed_config.config.vm_config.code.local.filename;
  const em = mounts("envoy");
  assert.ok(em.some((m) => m.host === join(root, "build/microwaf.wasm") && m.container === posix.join(S.envoy.working_dir, wasmName)), "wasm mount");
  const cfg = em.find((m) => m.host === join(here, "envoy.yaml"));
  assert.ok(cfg && S.envoy.command.includes(cfg.container), "envoy -c points at the mounted envoy.yaml");
  // Prometheus: its config and the rules next to it (rule_files are relative to the config file).
  const prom = parse(readFileSync(join(root, "examples/prometheus/prometheus.yml"), "utf8"));
  const pm = mounts("prometheus");
  const pcfg = pm.find((m) => m.host.endsWith("prometheus.yml"))!;
  assert.ok(S.prometheus.command.includes(`--config.file=${pcfg.container}`));
  for (const r of prom.rule_files) assert.ok(pm.some((m) => m.container === posix.join(posix.dirname(pcfg.container), r)), `rule file ${r}`);
  const admin = envoy.admin.address.socket_address;
  assert.deepEqual(prom.scrape_configs[0].static_configs[0].targets, [`${admin.address}:${admin.port_value}`]);
  assert.equal(prom.scrape_configs[0].metrics_path, "/stats/prometheus");
  // Grafana: provisioning dirs, the dashboard where the provider reads, the datasource URL on Prometheus' port.
  const gm = mounts("grafana");
  const provider = parse(readFileSync(join(root, "examples/grafana/provisioning/dashboards/microwaf.yaml"), "utf8")).providers[0];
  assert.ok(gm.some((m) => m.host.endsWith("examples/grafana/microwaf.json") && posix.dirname(m.container) === provider.options.path));
  assert.ok(gm.some((m) => m.container === "/etc/grafana/provisioning/datasources"));
  assert.ok(gm.some((m) => m.container === "/etc/grafana/provisioning/dashboards"));
  const ds = parse(readFileSync(join(root, "examples/grafana/provisioning/datasources/prometheus.yaml"), "utf8")).datasources[0];
  const listen = S.prometheus.command.find((c: string) => c.startsWith("--web.listen-address=")).split(":").pop();
  assert.equal(new URL(ds.url).port, listen);
});

test("compose: the ports envoy.yaml's clusters use are the demo command's", () => {
  const cmd: string = S.demo.command.join(" ");
  const ports = Object.fromEntries(envoy.static_resources.clusters.map((c: any) => [c.name, c.load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address]));
  assert.match(cmd, new RegExp(`startRest\\(${ports.upstream.port_value}, '${ports.upstream.address}'\\)`));
  assert.match(cmd, new RegExp(`startGrpc\\(${ports.customers_grpc.port_value}, '${ports.customers_grpc.address}'\\)`));
});

test("compose: the demo container's command starts the demo services (here on free ports)", { timeout: 30_000 }, async () => {
  const script = /-e "([\s\S]*)"$/.exec(S.demo.command[2])?.[1];
  assert.ok(script, "node -e script in the demo command");
  const local = script.replace(/startRest\(\d+/, "startRest(0").replace(/startGrpc\(\d+/, "startGrpc(0");
  const child = spawn(process.execPath, ["--import", "tsx", "-e", local], { cwd: root, stdio: ["ignore", "pipe", "pipe"], detached: false });
  let out = "";
  child.stdout.on("data", (d) => { out += d; });
  child.stderr.on("data", (d) => { out += d; });
  try {
    for (let i = 0; i < 200 && !out.includes("demo services on"); i++) await new Promise((r) => setTimeout(r, 50));
    assert.match(out, /demo services on/);
  } finally {
    child.kill("SIGTERM");
  }
});
