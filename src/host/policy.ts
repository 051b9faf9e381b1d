// Seam for the policy tooling: turns a policy file into the filter's plugin configuration (JSON text).
// For now the file must already be JSON; the integrator points this at the YAML renderer (src/policy).
import { readFileSync } from "node:fs";

export function loadPolicyForFilter(path: string): string {
  const text = readFileSync(path, "utf8");
  JSON.parse(text); // reject a non-JSON file here with the parser's message rather than inside the filter
  return text;
}
