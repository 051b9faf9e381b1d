// `npm start`: the quick start. Builds the filter if needed, starts the bundled demo services (a REST
// customers/payments API that leaks PII and secrets now and then, and a gRPC customer directory), and runs
// MicroWAF in front of them in the local proxy-wasm host with examples/envoy/envoy.yaml — the same file a
// real Envoy runs. Options: --traffic (send demo requests every second), --config FILE, --quiet.
import { join } from "node:path";
import { build, isBuildFresh } from "./build.ts";
import { startRest, startGrpc } from "../examples/demo/services.ts";
import { loadBootstrapFile } from "../src/host/bootstrap.ts";
import { startProxy, type ProxyServer } from "../src/host/proxy.ts";

const root = new URL("..", import.meta.url).pathname;

export interface QuickStart {
  proxy: ProxyServer;
  listen: string;
  admin: string;
  stop(): Promise<void>;
}

export interface QuickStartOptions {
  config?: string;
  restPort?: number;
  grpcPort?: number;
  quiet?: boolean;
  log?: (line: string) => void;
}

export async function quickStart(o: QuickStartOptions = {}): Promise<QuickStart> {
  const say = o.log ?? ((l: string) => console.log(l));
  if (!isBuildFresh()) {
    say("building the filter (build/microwaf.wasm)…");
    build();
  }
  const rest = await startRest(o.restPort ?? 8080);
  let grpc: Awaited<ReturnType<typeof startGrpc>>;
  try { grpc = await startGrpc(o.grpcPort ?? 50051); } catch (e) { rest.close(); throw e; }
  const config = loadBootstrapFile(o.config ?? join(root, "examples/envoy/envoy.yaml"), root);
  const proxy = await startProxy(config, { echoLogs: !o.quiet, log: o.quiet ? () => {} : undefined });
  const l = config.listeners[0].address;
  const listen = `http://${l.host === "0.0.0.0" ? "127.0.0.1" : l.host}:${l.port}`;
  const admin = proxy.adminAddress ? `http://${proxy.adminAddress.host}:${proxy.adminAddress.port}` : "";
  return {
    proxy, listen, admin,
    async stop() {
      await proxy.stop();
      await new Promise<void>((r) => rest.close(() => r()));
      grpc.server.forceShutdown();
    },
  };
}

async function traffic(base: string, stopSignal: AbortSignal): Promise<void> {
  const paths = ["/api/customers/1", "/api/customers/2", "/api/customers?limit=3", "/api/debug/config", "/healthz"];
  let n = 0;
  while (!stopSignal.aborted) {
    const path = paths[n % paths.length];
    try {
      const r = await fetch(base + path, { headers: { authorization: `Bearer demo-token-${n % 3}` }, signal: stopSignal });
      await r.arrayBuffer();
      process.stdout.write(`\rtraffic: ${++n} requests sent (last: ${r.status} ${path})      `);
    } catch { if (stopSignal.aborted) break; }
    await new Promise((r) => setTimeout(r, 1000));
  }
  process.stdout.write("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const ci = args.indexOf("--config");
  let qs: QuickStart;
  try {
    qs = await quickStart({ config: ci >= 0 ? args[ci + 1] : undefined, quiet: args.includes("--quiet") });
  } catch (e) {
    console.error(`microwaf: cannot start: ${(e as Error).message}\n(is another \`npm start\` running? the demo uses ports 10000, 9901, 8080 and 50051)`);
    process.exit(1);
  }
  console.log(`
MicroWAF is running in front of the demo services.

  REST (leaks now and then):  curl -s ${qs.listen}/api/customers/1        # SSN, card, e-mail → see the evidence log
                              curl -s ${qs.listen}/api/debug/config       # cloud keys → redacted in place
                              curl -s ${qs.listen}/api/customers/2        # clean
  gRPC:                       demo.v1.Customers/GetCustomer on ${qs.listen.replace("http://", "")} (examples/demo/customers.proto)
  Metrics (Prometheus):       curl -s ${qs.admin}/stats/prometheus | grep microwaf

Policy: the embedded default (policy/default.yaml). Your own service instead:
  node bin/microwaf.js proxy --upstream http://127.0.0.1:3000 --policy policy/default.yaml

Ctrl-C stops everything.`);
  const ac = new AbortController();
  if (args.includes("--traffic")) void traffic(qs.listen, ac.signal);
  const shutdown = async () => {
    ac.abort();
    console.log("\nstopping…");
    await qs.stop();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}
