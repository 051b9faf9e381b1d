// Loads the built-in detector library (policy/detectors/*.yaml) and the validator registry's names, for the
// library tests and the docs/detectors.md generator.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

export const ROOT = new URL("../../../", import.meta.url).pathname;
export const LIBRARY_DIR = join(ROOT, "policy/detectors");

export type Example = string | { value: string; key?: string };
export type ValidatorRef = string | Record<string, number>;
export interface Detector {
  id: string;
  description?: string;
  severity?: string;
  pattern?: string;
  literals?: string[];
  case_insensitive?: boolean;
  validators?: ValidatorRef[];
  keys?: { require?: string[]; boost?: string[]; exclude?: string[] };
  context_only?: boolean;
  except?: string[];
  examples?: { positive?: Example[]; negative?: Example[] };
  [other: string]: unknown;
}
export interface LoadedDetector { file: string; index: number; def: Detector }

export function libraryFiles(): string[] {
  return readdirSync(LIBRARY_DIR).filter((f) => /\.ya?ml$/.test(f)).sort();
}

export function loadLibrary(): LoadedDetector[] {
  const out: LoadedDetector[] = [];
  for (const file of libraryFiles()) {
    const doc = parse(readFileSync(join(LIBRARY_DIR, file), "utf8")) as unknown;
    if (!Array.isArray(doc)) throw new Error(`${file}: expected a list of detectors`);
    doc.forEach((def, index) => out.push({ file, index, def: def as Detector }));
  }
  return out;
}

/** Validator names in id order, read from the registry's NAMES list in assembly/validators/index.ts. */
export function registryNames(): string[] {
  const src = readFileSync(join(ROOT, "assembly/validators/index.ts"), "utf8");
  const m = /const NAMES: string\[\] = \[([\s\S]*?)\];/.exec(src);
  if (!m) throw new Error("NAMES list not found in assembly/validators/index.ts");
  return [...m[1].matchAll(/"([a-z0-9_]+)"/g)].map((x) => x[1]);
}

export function validatorName(v: ValidatorRef): { name: string; param: number | null } {
  if (typeof v === "string") return { name: v, param: null };
  const [name, param] = Object.entries(v)[0];
  return { name, param };
}

export function exampleOf(e: Example): { value: string; key: string | null } {
  return typeof e === "string" ? { value: e, key: null } : { value: e.value, key: e.key ?? null };
}
