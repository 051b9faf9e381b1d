// Policies for the benchmark: the default policy, and policies enabling N pattern detectors (10…160) for the
// scaling figure. Beyond the built-in library, generated custom detectors look like real vendor secrets
// (a prefix, a separator, a fixed-length alphabet run), so the automaton grows the way a real policy's does.
import { loadLibrary, checkText, formatDiagnostic } from "../src/policy/index.ts";
import { renderJson } from "../src/policy/render.ts";
import type { DetectorDef } from "../src/policy/model.ts";

export const DEFAULT_POLICY = new URL("../policy/default.yaml", import.meta.url).pathname;

export function render(yaml: string): string {
  const r = checkText("bench.yaml", yaml);
  if (!r.policy) throw new Error(r.diagnostics.map(formatDiagnostic).join("\n"));
  return renderJson(r.policy);
}

/** The built-in pattern detectors (code detectors attack.* / leak.* have no pattern). */
export function patternDetectors(): DetectorDef[] {
  return loadLibrary().detectors.filter((d) => d.pattern || d.literals.length);
}

/** Detectors the default policy enables on responses, as definitions (pattern ones only). */
export function defaultPatternDetectors(): DetectorDef[] {
  return patternDetectors().filter((d) => d.id.startsWith("pii.") || d.id.startsWith("secret."));
}

/** Deterministic vendor-style custom detectors: `\bqzv7_[A-Za-z0-9]{32}\b`, `\bkrt-live-[a-f0-9]{40}\b`, … */
export function generatedDetectors(n: number): DetectorDef[] {
  let seed = 0x9e3779b9;
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)];
  const letters = "abcdefghijklmnopqrstuvwxyz";
  const out: DetectorDef[] = [];
  const seen = new Set<string>();
  while (out.length < n) {
    let prefix = "";
    const plen = 3 + Math.floor(rnd() * 3);
    for (let i = 0; i < plen; i++) prefix += letters[Math.floor(rnd() * 26)];
    if (seen.has(prefix)) continue;
    seen.add(prefix);
    const shape = pick(["digits", "env", "plain"] as const);
    const sep = pick(["_", "-"]);
    const alpha = pick(["[A-Za-z0-9]", "[a-f0-9]", "[A-Z0-9]", "[A-Za-z0-9_-]"]);
    const len = pick([24, 32, 36, 40, 48]);
    const head = shape === "digits" ? `${prefix}\\d+` : shape === "env" ? `${prefix}${sep}(?:live|test)` : prefix;
    const i = out.length;
    out.push({
      id: `custom.vendor_${String(i).padStart(3, "0")}`,
      description: `generated vendor token ${prefix}`,
      severity: "high",
      pattern: `\\b${head}${sep}${alpha}{${len}}\\b`,
      literals: [],
      case_insensitive: false,
      validators: [],
      keys: { require: [], boost: [], exclude: [] },
      context_only: false,
      except: [],
    });
  }
  return out;
}

function yamlDetector(d: DetectorDef): string {
  return `  - id: ${d.id}\n    description: ${JSON.stringify(d.description)}\n    severity: ${d.severity}\n    pattern: ${JSON.stringify(d.pattern)}\n`;
}

/**
 * A policy with exactly `n` pattern detectors: built-ins first (spread over the library order so PII,
 * generic secrets and vendor secrets all appear), then generated custom detectors. Every finding alerts.
 */
export function scalingPolicy(n: number): { yaml: string; ids: string[]; defs: DetectorDef[] } {
  const lib = patternDetectors();
  const take = Math.min(n, lib.length);
  const chosen: DetectorDef[] = [];
  for (let i = 0; i < take; i++) chosen.push(lib[Math.floor((i * lib.length) / take)]);
  const custom = generatedDetectors(n - take);
  const enable = chosen.map((d) => `  - ${JSON.stringify(d.id)}`).join("\n");
  const yaml = `version: 1\nmode: enforce\nenable:\n${enable}\n` +
    (custom.length ? `detectors:\n${custom.map(yamlDetector).join("")}` : "") +
    `rules:\n  - detectors: ["*"]\n    action: alert\n`;
  return { yaml, ids: [...chosen.map((d) => d.id), ...custom.map((d) => d.id)], defs: [...chosen, ...custom] };
}
