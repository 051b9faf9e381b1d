// The root context: one per VM (per Envoy worker). It owns the loaded configuration and the metrics,
// and creates one StreamContext per HTTP stream.
import { RootContext, Context, log, LogLevelValues } from "@solo-io/proxy-runtime/assembly";
import { CompiledPolicy, loadConfig } from "./config";
import { Metrics, POLICY_LOADS } from "./metrics";
import { StreamContext } from "./stream";

export class MicroWafRoot extends RootContext {
  config: CompiledPolicy | null = null;
  metrics: Metrics = new Metrics();

  createContext(context_id: u32): Context {
    return new StreamContext(context_id, this);
  }

  onConfigure(configuration_size: u32): bool {
    if (!super.onConfigure(configuration_size)) return false;
    const result = loadConfig(this.getConfiguration());
    if (result.error.length > 0) {
      // Envoy keeps the previous configuration (or refuses to start) when on_configure returns false.
      log(LogLevelValues.error, "microwaf: configuration rejected: " + result.error);
      this.metrics.count(POLICY_LOADS, ["result", "rejected"]);
      return false;
    }
    this.metrics.count(POLICY_LOADS, ["result", "accepted"]);
    this.config = changetype<CompiledPolicy>(result.config);
    log(LogLevelValues.info, "microwaf: configuration loaded (" + changetype<CompiledPolicy>(this.config).describe() + ")");
    return true;
  }
}
