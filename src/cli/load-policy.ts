// Shared by the CLI commands that take --policy: a checked policy, or its diagnostics printed
// (file:line:col: message) with exit code 1.
import { checkFile, formatDiagnostic } from "../policy/index.ts";
import type { Policy } from "../policy/model.ts";

export function loadPolicyOrReport(file: string, libraryDir?: string): Policy | null {
  const r = checkFile(file, { libraryDir });
  if (r.policy) return r.policy;
  for (const d of r.diagnostics) process.stderr.write(formatDiagnostic(d) + "\n");
  process.exitCode = 1;
  return null;
}
