// Reads and validates the plugin configuration (JSON). An invalid configuration is rejected whole,
// with a reason; it is never half-applied.
import { JsonParser, JsonValue, lineColOf } from "../util/json";

export class FilterConfig {
  /** Where the configuration came from: "default" (empty plugin config) or "plugin". */
  source: string = "default";

  describe(): string {
    return "source=" + this.source;
  }
}

export class LoadResult {
  config: FilterConfig | null = null;
  error: string = "";
}

export function loadConfig(text: string): LoadResult {
  const out = new LoadResult();
  const cfg = new FilterConfig();
  if (text.trim().length == 0) {
    out.config = cfg;
    return out;
  }
  const parser = JsonParser.parseString(text);
  const root = parser.parse();
  if (root === null) {
    out.error = "invalid JSON at " + lineColOf(text, parser.errorPos) + ": " + parser.error;
    return out;
  }
  const doc = changetype<JsonValue>(root);
  if (!doc.isObject) {
    out.error = "the configuration must be a JSON object";
    return out;
  }
  cfg.source = "plugin";
  out.config = cfg;
  return out;
}
