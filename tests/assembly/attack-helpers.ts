// Shared by the attack specs: a string's UTF-8 bytes, and the lowest paranoia level at which a kind fires
// through the whole request-side pipeline (decoding included). Not a spec: as-pect runs *.spec.ts only.
import { AttackFindings, detectAttacks, SOURCE_JSON } from "../../assembly/attack/index";

export function bytes(s: string): Uint8Array { return Uint8Array.wrap(String.UTF8.encode(s)); }

const found = new AttackFindings();

/** Lowest level (1–4) at which `kind` fires on s, or 0 (not even at level 4). */
export function levelOf(s: string, kind: i32, source: i32 = SOURCE_JSON, key: string = ""): i32 {
  found.reset();
  const b = bytes(s);
  detectAttacks(b, 0, b.length, key, 4, found, source);
  for (let i = 0; i < found.count; i++) if (found.kinds[i] == kind) return found.levels[i];
  return 0;
}
