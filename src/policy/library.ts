// The built-in detectors: the pattern library (policy/detectors/*.yaml, a list of detectors or a map with
// `detectors:`) and the code detectors of assembly/attack/ (attack.* on requests, leak.* on responses),
// whose ids are read from that module so the two never drift.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import type { DetectorDef } from "./model.ts";
import { normalizeDetector } from "./normalize.ts";

export const DEFAULT_LIBRARY_DIR = new URL("../../policy/detectors/", import.meta.url).pathname;
const ATTACK_MODULE = new URL("../../assembly/attack/index.ts", import.meta.url).pathname;
/** Used only when assembly/attack/index.ts is absent (e.g. a CLI-only install). */
const FALLBACK_CODE_DETECTORS = ["attack.sqli", "attack.xss", "attack.path_traversal", "attack.command_injection", "attack.ssrf",
  "attack.log4shell", "attack.ssti", "attack.nosqli", "attack.prototype_pollution", "leak.stack_trace", "leak.sql_error"];

export interface Library {
  dir: string;
  /** Pattern detectors from the YAML library. */
  detectors: DetectorDef[];
  /** Code detectors (no pattern): attack.* and leak.*. */
  codeIds: string[];
  /** Every built-in id, in the filter's order: YAML library, then code detectors. */
  ids: string[];
  byId: Map<string, DetectorDef>;
  has(id: string): boolean;
}

export function codeDetectorIds(): string[] {
  if (!existsSync(ATTACK_MODULE)) return FALLBACK_CODE_DETECTORS;
  const m = /const NAMES: string\[\] = \[([^\]]*)\]/.exec(readFileSync(ATTACK_MODULE, "utf8"));
  if (!m) return FALLBACK_CODE_DETECTORS;
  return [...m[1].matchAll(/"([a-z0-9_.]+)"/g)].map((x) => x[1]);
}

/** attack.* inspect requests only, leak.* responses only; everything else both. */
export function detectorSides(id: string): { request: boolean; response: boolean } {
  if (id.startsWith("attack.")) return { request: true, response: false };
  if (id.startsWith("leak.")) return { request: false, response: true };
  return { request: true, response: true };
}

export function loadLibrary(dir: string = DEFAULT_LIBRARY_DIR): Library {
  const detectors: DetectorDef[] = [];
  if (existsSync(dir)) {
    for (const f of readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort()) {
      const doc = parse(readFileSync(join(dir, f), "utf8")) as unknown;
      const items = Array.isArray(doc) ? doc : ((doc as { detectors?: unknown[] } | null)?.detectors ?? []);
      for (const d of items as Record<string, unknown>[]) {
        if (d && typeof d.id === "string") detectors.push(normalizeDetector(d));
      }
    }
  }
  const byId = new Map(detectors.map((d) => [d.id, d]));
  const codeIds = codeDetectorIds().filter((id) => !byId.has(id));
  const ids = [...detectors.map((d) => d.id), ...codeIds];
  const all = new Set(ids);
  return { dir, detectors, codeIds, ids, byId, has: (id: string) => all.has(id) };
}
