// Turns a policy file (YAML, or JSON in the same language) into the filter's plugin configuration: checked
// with file:line:col errors, then rendered to the normalized JSON the filter takes.
import { loadPolicyFile } from "../policy/index.ts";
import { renderJson } from "../policy/render.ts";

export function loadPolicyForFilter(path: string): string {
  return renderJson(loadPolicyFile(path));
}
