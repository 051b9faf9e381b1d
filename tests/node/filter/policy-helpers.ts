// Helpers for filter tests: render an inline YAML policy to the filter's JSON and load it in the host.
import { createPlugin, type Plugin, type PluginOptions } from "../../../src/host/index.ts";
import { checkText, formatDiagnostic } from "../../../src/policy/index.ts";
import { renderJson } from "../../../src/policy/render.ts";

export const WASM = new URL("../../../build/microwaf.wasm", import.meta.url).pathname;

export function renderPolicy(yaml: string): string {
  const r = checkText("inline.yaml", yaml);
  if (!r.policy) throw new Error(r.diagnostics.map(formatDiagnostic).join("\n"));
  return renderJson(r.policy);
}

export function loadFilter(yaml: string, opts: Partial<PluginOptions> = {}): Plugin {
  const p = createPlugin({ wasm: WASM, rootId: "microwaf", configuration: renderPolicy(yaml), vmCount: 1, ...opts });
  if (!p.configured) throw new Error(`filter rejected the policy: ${p.logText()}`);
  return p;
}

export function evidence(p: Plugin): Array<Record<string, any>> {
  return p.logs.filter((l) => l.message.startsWith('{"microwaf":"evidence"')).map((l) => JSON.parse(l.message));
}

export function json(headers: Record<string, string> = {}, status = "200"): Record<string, string> {
  return { ":status": status, "content-type": "application/json", ...headers };
}

export const GET = (path = "/api/x", extra: Record<string, string> = {}) => ({ ":method": "GET", ":path": path, ":authority": "svc", ...extra });
