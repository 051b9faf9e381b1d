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

/** The detectors that fire on the corpus's planted values (bench/corpus.ts `sensitive`, plus the names and
 *  key-named secrets that come with them): every scaling policy contains them, so each size finds the same
 *  values and the figure isolates the cost of more patterns from the cost of reporting more findings. */
const SCALING_CORE = ["pii.credit_card", "pii.ssn", "pii.email", "pii.phone", "pii.iban", "secret.aws_access_key", "secret.jwt",
  "secret.generic_api_key", "pii.person_name", "pii.passport"];

/**
 * A policy with exactly `n` pattern detectors, nested (each size contains the smaller ones): the core above,
 * then the rest of the built-in library in its order, then generated custom detectors. Every finding alerts.
 */
export function scalingPolicy(n: number): { yaml: string; ids: string[]; defs: DetectorDef[] } {
  const lib = patternDetectors();
  const core = SCALING_CORE.map((id) => lib.find((d) => d.id === id)).filter((d): d is DetectorDef => d !== undefined);
  const ordered = [...core, ...lib.filter((d) => !SCALING_CORE.includes(d.id))];
  const chosen = ordered.slice(0, Math.min(n, ordered.length));
  const custom = generatedDetectors(n - chosen.length);
  const enable = chosen.map((d) => `  - ${JSON.stringify(d.id)}`).join("\n");
  const yaml = `version: 1\nmode: enforce\nenable:\n${enable}\n` +
    (custom.length ? `detectors:\n${custom.map(yamlDetector).join("")}` : "") +
    `rules:\n  - detectors: ["*"]\n    action: alert\n`;
  return { yaml, ids: [...chosen.map((d) => d.id), ...custom.map((d) => d.id)], defs: [...chosen, ...custom] };
}
