// Loads build/attack-harness.wasm (building it from tests/fixtures/attack-harness when assembly/attack/ is
// newer) and exposes the detectors to Node: detect(value, key, level, source) → per-kind paranoia levels.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

export const root = new URL("../../..", import.meta.url).pathname;
const out = join(root, "build/attack-harness.wasm");

export const KINDS = ["attack.sqli", "attack.xss", "attack.path_traversal", "attack.command_injection", "attack.ssrf",
  "attack.log4shell", "attack.ssti", "attack.nosqli", "attack.prototype_pollution", "leak.stack_trace", "leak.sql_error"] as const;
export type Kind = (typeof KINDS)[number];
export const SOURCE = { json: 0, query: 1, header: 2, path: 3, cookie: 4 } as const;
export type Source = keyof typeof SOURCE;

function newest(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    n = Math.max(n, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return n;
}

export function buildHarness(force = false): void {
  const src = Math.max(newest(join(root, "assembly/attack")), newest(join(root, "tests/fixtures/attack-harness")));
  if (!force && existsSync(out) && statSync(out).mtimeMs >= src) return;
  execFileSync(join(root, "node_modules/.bin/asc"),
    ["tests/fixtures/attack-harness/index.ts", "--config", "tests/fixtures/attack-harness/asconfig.json", "-o", "build/attack-harness.wasm"],
    { cwd: root, stdio: "inherit" });
}

export interface Detection { mask: number; levels: Map<Kind, number> }

export class AttackHarness {
  private ex: any;
  private mem: WebAssembly.Memory;
  private enc = new TextEncoder();

  constructor() {
    buildHarness();
    const mod = new WebAssembly.Module(readFileSync(out));
    const inst = new WebAssembly.Instance(mod, {
      env: {
        abort: (_m: number, _f: number, line: number, col: number) => { throw new Error(`wasm abort at ${line}:${col}`); },
        seed: () => 42,
        trace: () => {},
      },
    });
    this.ex = inst.exports;
    this.mem = this.ex.memory as WebAssembly.Memory;
  }

  private write(ptr: number, cap: number, data: Uint8Array): number {
    const n = Math.min(data.length, cap);
    new Uint8Array(this.mem.buffer, ptr, n).set(data.subarray(0, n));
    return n;
  }

  private read(mask: number): Detection {
    const levels = new Map<Kind, number>();
    for (let k = 0; k < KINDS.length; k++) if (mask & (1 << k)) levels.set(KINDS[k], this.ex.levelOf(k));
    return { mask, levels };
  }

  /** Request-side detectors at paranoia `level` (1–4). */
  detect(value: string | Uint8Array, key = "", level = 4, source: Source = "json"): Detection {
    const v = typeof value === "string" ? this.enc.encode(value) : value;
    const len = this.write(this.ex.inputPtr(), this.ex.inputCap(), v);
    const klen = this.write(this.ex.keyPtr(), this.ex.keyCap(), this.enc.encode(key));
    return this.read(this.ex.detect(len, klen, level, SOURCE[source]));
  }

  /** Response-side leak detectors. */
  detectResponse(text: string | Uint8Array, level = 4): Detection {
    const v = typeof text === "string" ? this.enc.encode(text) : text;
    const len = this.write(this.ex.inputPtr(), this.ex.inputCap(), v);
    return this.read(this.ex.detectResponse(len, level));
  }
}
