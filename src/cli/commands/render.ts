// `microwaf render json|envoy|istio --policy FILE`: the filter's plugin configuration in three wrappings.
import type { Command } from "commander";
import { loadPolicyOrReport } from "../load-policy.ts";
import { renderEnvoy, renderIstio, renderJson } from "../../policy/render.ts";

export function register(program: Command): void {
  program
    .command("render")
    .description("render a policy: json (the filter's plugin configuration), envoy (http_filters snippet), istio (WasmPlugin)")
    .argument("<format>", "json | envoy | istio")
    .requiredOption("-p, --policy <file>", "policy YAML file")
    .option("--library <dir>", "built-in detector library directory (default: policy/detectors)")
    .option("--pretty", "json: indent the output")
    .option("--wasm <path>", "envoy: path of microwaf.wasm on the Envoy host", "/etc/envoy/microwaf.wasm")
    .option("--url <url>", "istio: plugin image or URL", "oci://ghcr.io/microwaf/microwaf:0.1.0")
    .option("--name <name>", "istio: WasmPlugin name", "microwaf")
    .option("--namespace <ns>", "istio: WasmPlugin namespace")
    .option("--selector <k=v...>", "istio: workload selector labels (repeatable)", (v: string, acc: string[]) => [...acc, v], [] as string[])
    .action((format: string, o: { policy: string; library?: string; pretty?: boolean; wasm: string; url: string; name: string; namespace?: string; selector: string[] }) => {
      if (!["json", "envoy", "istio"].includes(format)) {
        process.stderr.write(`unknown format "${format}": use json, envoy or istio\n`);
        process.exitCode = 2;
        return;
      }
      const policy = loadPolicyOrReport(o.policy, o.library);
      if (!policy) return;
      let out: string;
      if (format === "json") out = renderJson(policy, o.pretty) + "\n";
      else if (format === "envoy") out = renderEnvoy(policy, { wasmPath: o.wasm });
      else {
        const selector = o.selector.length ? Object.fromEntries(o.selector.map((s) => s.split("=", 2) as [string, string])) : undefined;
        out = renderIstio(policy, { url: o.url, name: o.name, namespace: o.namespace, selector });
      }
      process.stdout.write(out);
    });
}
