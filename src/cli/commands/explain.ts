// `microwaf explain`: which route a request takes and, per enabled detector, what happens.
import type { Command } from "commander";
import { loadLibrary } from "../../policy/index.ts";
import { loadPolicyOrReport } from "../load-policy.ts";
import { explain, formatExplanation } from "../../policy/explain.ts";

export function register(program: Command): void {
  program
    .command("explain")
    .description("show the effective route, enabled detectors, actions and limits for a request")
    .requiredOption("-p, --policy <file>", "policy YAML file")
    .option("--method <method>", "HTTP method", "GET")
    .option("--path <path>", "request path", "/")
    .option("--authority <host>", "request authority (Host)", "localhost")
    .option("--direction <dir>", "request | response", "response")
    .option("--content-type <type>", "Content-Type of the message")
    .option("--library <dir>", "built-in detector library directory (default: policy/detectors)")
    .option("--json", "print the explanation as JSON")
    .action((o: { policy: string; method: string; path: string; authority: string; direction: string; contentType?: string; library?: string; json?: boolean }) => {
      if (o.direction !== "request" && o.direction !== "response") {
        process.stderr.write(`--direction must be request or response\n`);
        process.exitCode = 2;
        return;
      }
      const policy = loadPolicyOrReport(o.policy, o.library);
      if (!policy) return;
      const x = explain(policy, loadLibrary(o.library), {
        method: o.method, path: o.path, authority: o.authority, direction: o.direction, contentType: o.contentType,
      });
      process.stdout.write(o.json ? JSON.stringify(x, null, 2) + "\n" : formatExplanation(x));
    });
}
