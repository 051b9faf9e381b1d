// `microwaf proxy`: run the local proxy-wasm host with MicroWAF in front of an upstream, from an Envoy
// bootstrap (-c envoy.yaml, the same file real Envoy takes) or built from --upstream for a quick start.
import type { Command } from "commander";
import { BootstrapError, loadBootstrapFile, parseBootstrap, quickBootstrap, type Address } from "../../host/bootstrap.ts";
import { loadPolicyForFilter } from "../../host/policy.ts";
import { startProxy } from "../../host/proxy.ts";

function hostPort(s: string, flag: string): Address {
  const m = /^(.*):(\d+)$/.exec(s);
  if (!m) throw new BootstrapError(`${flag}: expected HOST:PORT, got "${s}"`);
  return { host: m[1].replace(/^\[|\]$/g, "") || "0.0.0.0", port: Number(m[2]) };
}

export function register(program: Command): void {
  program
    .command("proxy")
    .description("run MicroWAF in the local proxy-wasm host (Envoy semantics) in front of an upstream")
    .option("-c, --config <envoy.yaml>", "Envoy bootstrap (static listeners, envoy.filters.http.wasm, clusters, admin)")
    .option("--upstream <url>", "upstream to protect, e.g. http://127.0.0.1:8080 (instead of -c)")
    .option("--policy <file>", "policy for the filter (with --upstream); default: the built-in default policy")
    .option("--listen <host:port>", "listener address (with --upstream)", "0.0.0.0:10000")
    .option("--admin <host:port>", "admin address: /stats/prometheus, /stats, /ready, /config_dump (with --upstream)", "127.0.0.1:9901")
    .option("--wasm <file>", "filter module (with --upstream)", "build/microwaf.wasm")
    .option("--workers <n>", "VMs per filter, as Envoy's worker threads", "2")
    .option("--log-level <level>", "filter log level shown: trace|debug|info|warn|error|critical", "info")
    .action(async (o: { config?: string; upstream?: string; policy?: string; listen: string; admin: string; wasm: string; workers: string; logLevel: string }) => {
      try {
        if (!o.config === !o.upstream) throw new BootstrapError("give either -c envoy.yaml or --upstream URL");
        const config = o.config
          ? loadBootstrapFile(o.config)
          : parseBootstrap(quickBootstrap({
            upstream: o.upstream!, listen: hostPort(o.listen, "--listen"), admin: hostPort(o.admin, "--admin"), wasm: o.wasm,
            configuration: o.policy ? loadPolicyForFilter(o.policy) : "",
          }), process.cwd());
        const proxy = await startProxy(config, { vmCount: Number(o.workers) || 2, logLevel: o.logLevel as "info", echoLogs: true });
        for (const l of config.listeners) { const a = proxy.listenerAddress(l.name); console.log(`microwaf: listener ${l.name} on ${a.host}:${a.port}`); }
        if (proxy.adminAddress) console.log(`microwaf: admin on http://${proxy.adminAddress.host}:${proxy.adminAddress.port}/stats/prometheus`);
        let stopping = false;
        const stop = () => {
          if (stopping) process.exit(1); // second Ctrl-C: leave now
          stopping = true;
          console.log("microwaf: stopping");
          void proxy.stop().then(() => process.exit(0));
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      } catch (e) {
        console.error(`microwaf proxy: ${(e as Error).message}`);
        process.exitCode = 1;
      }
    });
}
