// MicroWAF filter entry: exports the proxy-wasm ABI (from the patched @solo-io/proxy-runtime) and registers
// the root context. Envoy picks it by `root_id` (Istio: `pluginName`), which must be "microwaf".
export * from "@solo-io/proxy-runtime/assembly/proxy";
import { registerRootContext, RootContext } from "@solo-io/proxy-runtime/assembly";
import { MicroWafRoot } from "./filter/root";

const ROOT_ID = "microwaf";

function createRoot(context_id: u32): RootContext {
  return new MicroWafRoot(context_id);
}

registerRootContext(createRoot, ROOT_ID);
// Envoy passes an empty root_id when the filter config leaves it unset; serve that too rather than trap.
registerRootContext(createRoot, "");
