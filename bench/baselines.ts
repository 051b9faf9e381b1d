// The naive filter we compare with: the same detectors' patterns as JavaScript RegExps (and RE2 when the
// `re2` package is installed), each applied over the whole body one after another. Validators, key context
// and redaction are not run — the baseline is regex matching only, so the ratio favours the baseline.
import { createRequire } from "node:module";
import type { DetectorDef } from "../src/policy/model.ts";

export interface Source { id: string; source: string; flags: string }
export interface Skipped { id: string; reason: string }

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** Regex sources for pattern/literal detectors (code detectors have neither and are left out). */
export function sourcesFor(defs: DetectorDef[]): Source[] {
  const out: Source[] = [];
  for (const d of defs) {
    const ci = d.case_insensitive ? "i" : "";
    if (d.pattern) out.push({ id: d.id, source: d.pattern, flags: "g" + ci });
    else if (d.literals.length) out.push({ id: d.id, source: d.literals.map(escapeRe).join("|"), flags: "g" + ci });
  }
  return out;
}

export interface Scanner { name: string; compiled: number; skipped: Skipped[]; scan(body: Buffer, text: string): number }

/** JavaScript RegExp (Irregexp, backtracking). RE2 syntax JS rejects is skipped and reported. */
export function regexpScanner(sources: Source[]): Scanner {
  const res: RegExp[] = [];
  const skipped: Skipped[] = [];
  for (const s of sources) {
    try { res.push(new RegExp(s.source, s.flags)); } catch (e) { skipped.push({ id: s.id, reason: (e as Error).message }); }
  }
  return {
    name: "regexp", compiled: res.length, skipped,
    scan(_body, text) {
      let n = 0;
      for (const re of res) {
        re.lastIndex = 0;
        for (let m = re.exec(text); m !== null; m = re.exec(text)) { n++; if (m[0].length === 0) re.lastIndex++; }
      }
      return n;
    },
  };
}

type Re2Ctor = new (source: string, flags: string) => { lastIndex: number; exec(b: Buffer | string): Array<{ length: number }> | null };

/** Loads the `re2` package: from node_modules, else from MICROWAF_BENCH_RE2 (a directory holding node_modules/re2). */
export async function loadRe2(): Promise<{ ctor: Re2Ctor; version: string } | { error: string }> {
  try {
    const m = (await import("re2" as string)) as { default: Re2Ctor };
    const req = createRequire(import.meta.url);
    return { ctor: m.default, version: (req("re2/package.json") as { version: string }).version };
  } catch (e) {
    const dir = process.env.MICROWAF_BENCH_RE2;
    if (dir) {
      try {
        const req = createRequire(dir.replace(/\/?$/, "/") + "index.js");
        return { ctor: req("re2") as Re2Ctor, version: (req("re2/package.json") as { version: string }).version };
      } catch (e2) { return { error: `re2 from MICROWAF_BENCH_RE2 failed: ${(e2 as Error).message}` }; }
    }
    return { error: `the re2 package is not installed (${(e as Error).message.split("\n")[0]})` };
  }
}

/** RE2 over the body's bytes (a Buffer, so no UTF-16 → UTF-8 conversion per call). */
export function re2Scanner(ctor: Re2Ctor, sources: Source[]): Scanner {
  const res: Array<{ lastIndex: number; exec(b: Buffer): Array<{ length: number }> | null }> = [];
  const skipped: Skipped[] = [];
  for (const s of sources) {
    try { res.push(new ctor(s.source, s.flags)); } catch (e) { skipped.push({ id: s.id, reason: (e as Error).message }); }
  }
  return {
    name: "re2", compiled: res.length, skipped,
    scan(body) {
      let n = 0;
      for (const re of res) {
        re.lastIndex = 0;
        for (let m = re.exec(body); m !== null; m = re.exec(body)) { n++; if (m[0].length === 0) re.lastIndex++; }
      }
      return n;
    },
  };
}
