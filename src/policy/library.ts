// The built-in detector library: policy/detectors/*.yaml (a list of detectors, or a map with `detectors:`).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import type { DetectorDef } from "./model.ts";
import { normalizeDetector } from "./normalize.ts";

export const DEFAULT_LIBRARY_DIR = new URL("../../policy/detectors/", import.meta.url).pathname;

export interface Library {
  dir: string;
  detectors: DetectorDef[];
  byId: Map<string, DetectorDef>;
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
  return { dir, detectors, byId: new Map(detectors.map((d) => [d.id, d])) };
}
