// Rendering a checked policy: the JSON the filter takes, an Envoy http_filters snippet, an Istio WasmPlugin.
import { stringify } from "yaml";
import { WasmPlugin } from "@kubernetes-models/istio/extensions.istio.io/v1alpha1/WasmPlugin";
import type { Policy } from "./model.ts";

export const ROOT_ID = "microwaf";

/** The plugin configuration JSON (one line; the filter accepts any JSON whitespace). */
export function renderJson(p: Policy, pretty = false): string {
  return JSON.stringify(p, null, pretty ? 2 : undefined);
}

export interface EnvoyOptions { wasmPath?: string; vmId?: string }

/** An `http_filters` list entry for Envoy's wasm filter, with the policy as a google.protobuf.Struct. */
export function envoyFilter(p: Policy, o: EnvoyOptions = {}): Record<string, unknown> {
  return {
    name: "envoy.filters.http.wasm",
    typed_config: {
      "@type": "type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm",
      config: {
        name: ROOT_ID,
        root_id: ROOT_ID,
        configuration: { "@type": "type.googleapis.com/google.protobuf.Struct", value: p },
        vm_config: {
          vm_id: o.vmId ?? ROOT_ID,
          runtime: "envoy.wasm.runtime.v8",
          code: { local: { filename: o.wasmPath ?? "/etc/envoy/microwaf.wasm" } },
        },
      },
    },
  };
}

export function renderEnvoy(p: Policy, o: EnvoyOptions = {}): string {
  return "# Add under the HTTP connection manager's http_filters, before envoy.filters.http.router.\n" +
    stringify({ http_filters: [envoyFilter(p, o)] }, { aliasDuplicateObjects: false, lineWidth: 0 });
}

export interface IstioOptions {
  name?: string;
  namespace?: string;
  url?: string;
  selector?: Record<string, string>;
  phase?: "AUTHN" | "AUTHZ" | "STATS";
}

/** An Istio WasmPlugin (validated against Istio's CRD schema; throws when invalid). */
export function istioManifest(p: Policy, o: IstioOptions = {}): WasmPlugin {
  const plugin = new WasmPlugin({
    metadata: { name: o.name ?? "microwaf", ...(o.namespace ? { namespace: o.namespace } : {}) },
    spec: {
      ...(o.selector ? { selector: { matchLabels: o.selector } } : {}),
      url: o.url ?? "oci://ghcr.io/microwaf/microwaf:0.1.0",
      pluginName: ROOT_ID,
      phase: o.phase ?? "AUTHN",
      failStrategy: "FAIL_CLOSE",
      pluginConfig: p as unknown as Record<string, unknown>,
    },
  });
  plugin.validate();
  return plugin;
}

export function renderIstio(p: Policy, o: IstioOptions = {}): string {
  return stringify(istioManifest(p, o).toJSON(), { aliasDuplicateObjects: false, lineWidth: 0 });
}
