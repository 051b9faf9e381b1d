// The policy toolchain: load a YAML policy with positions, validate (schema + semantics), normalize.
import { loadLibrary, type Library } from "./library.ts";
import type { Policy } from "./model.ts";
import { normalizePolicy } from "./normalize.ts";
import { compileProtos } from "./protobuf.ts";
import { dirname, resolve as resolvePath } from "node:path";
import { validateSchema } from "./schema.ts";
import { checkSemantics } from "./semantic.ts";
import { formatDiagnostic, PolicySource, type Diagnostic } from "./source.ts";

export { formatDiagnostic, PolicySource, type Diagnostic } from "./source.ts";
export { loadLibrary, type Library } from "./library.ts";
export type { Policy } from "./model.ts";

export interface CheckResult {
  file: string;
  policy: Policy | null;
  diagnostics: Diagnostic[];
}

const libraryCache = new Map<string, Library>();
function library(dir?: string): Library {
  const key = dir ?? "";
  let lib = libraryCache.get(key);
  if (!lib) { lib = loadLibrary(dir); libraryCache.set(key, lib); }
  return lib;
}

/** Checks a policy text; `policy` is set only when there are no diagnostics. */
export function checkText(file: string, text: string, opts: { libraryDir?: string } = {}): CheckResult {
  const src = new PolicySource(file, text);
  if (!src.ok) return { file, policy: null, diagnostics: src.diagnostics };
  const raw = src.value();
  if (!validateSchema(src, raw)) return { file, policy: null, diagnostics: sorted(src.diagnostics) };
  const policy = normalizePolicy(raw as Record<string, any>);
  checkSemantics(src, raw as Record<string, any>, policy, library(opts.libraryDir));
  attachProtobuf(src, file, raw as Record<string, any>, policy);
  return { file, policy: src.ok ? policy : null, diagnostics: sorted(src.diagnostics) };
}

export function checkFile(file: string, opts: { libraryDir?: string } = {}): CheckResult {
  const src = PolicySource.read(file);
  return checkText(file, src.text, opts);
}

/** Loads a policy or throws an Error whose message lists every diagnostic. */
export function loadPolicyFile(file: string, opts: { libraryDir?: string } = {}): Policy {
  const r = checkFile(file, opts);
  if (!r.policy) throw new Error(r.diagnostics.map(formatDiagnostic).join("\n"));
  return r.policy;
}

function sorted(d: Diagnostic[]): Diagnostic[] {
  return [...d].sort((a, b) => a.line - b.line || a.col - b.col);
}

/** `protobuf.files` → the compiled descriptor the filter takes (errors point at the files list). */
function attachProtobuf(src: PolicySource, file: string, raw: Record<string, any>, policy: Policy): void {
  const pb = raw.protobuf;
  if (!pb) return;
  if (typeof pb.descriptor === "string") { policy.protobuf = { descriptor: pb.descriptor }; return; }
  if (!Array.isArray(pb.files) || pb.files.length === 0) return;
  try {
    policy.protobuf = { descriptor: JSON.stringify(compileProtos(pb.files, dirname(resolvePath(file)))) };
  } catch (e) {
    src.report(["protobuf", "files"], `cannot compile: ${(e as Error).message}`);
  }
}
