// Compiles the filter's validator registry (assembly/validators/) to a small wasm module for Node tests, so
// library examples are checked by the same code the filter runs. The AssemblyScript entry is virtual (kept in
// this string) so the TypeScript type-check never sees it.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import asc from "assemblyscript/asc";
import { ROOT } from "./load.ts";

const ENTRY = "__validators_entry.ts";
const ENTRY_SOURCE = `
import { Validators, validatorIdByName } from "./assembly/validators/index";
const V = new Validators();
const BUF = new Uint8Array(1 << 16);
export function bufPtr(): usize { return BUF.dataStart; }
export function bufLen(): i32 { return BUF.length; }
export function idOf(len: i32): i32 { return validatorIdByName(String.UTF8.decodeUnsafe(BUF.dataStart, len)); }
export function run(id: i32, param: f64, len: i32, start: i32, end: i32): i32 {
  return V.run(id, param, Uint8Array.wrap(BUF.buffer, 0, len), start, end) ? 1 : 0;
}
`;

export interface ValidatorHost {
  idOf(name: string): number;
  run(id: number, param: number, bytes: Uint8Array, start: number, end: number): boolean;
}

export async function loadValidators(): Promise<ValidatorHost> {
  let binary: Uint8Array | null = null;
  const stderr: string[] = [];
  const { error } = await asc.main([ENTRY, "--outFile", "validators.wasm", "-O2", "--runtime", "incremental"], {
    readFile: async (name: string, baseDir: string) => {
      if (name === ENTRY) return ENTRY_SOURCE;
      if (name.endsWith("asconfig.json")) return null; // the filter's build config (entries, abort hook) is not ours
      try {
        return await readFile(join(ROOT, baseDir, name), "utf8");
      } catch {
        return null;
      }
    },
    writeFile: (name: string, contents: Uint8Array | string) => {
      if (name.endsWith(".wasm") && typeof contents !== "string") binary = contents;
    },
    listFiles: () => [],
    stdout: { write: () => true } as never,
    stderr: { write: (s: string) => { stderr.push(String(s)); return true; } } as never,
  });
  if (error || !binary) throw new Error(`validators did not compile: ${error?.message ?? ""}\n${stderr.join("")}`);
  const { instance } = await WebAssembly.instantiate(binary, {
    env: { abort: () => { throw new Error("validator trapped (abort)"); } },
  });
  const ex = instance.exports as Record<string, any>;
  const mem = ex.memory as WebAssembly.Memory;
  const put = (bytes: Uint8Array): void => {
    if (bytes.length > ex.bufLen()) throw new Error("example too long for the test buffer");
    new Uint8Array(mem.buffer, ex.bufPtr(), bytes.length).set(bytes);
  };
  return {
    idOf(name) {
      const b = new TextEncoder().encode(name);
      put(b);
      return ex.idOf(b.length);
    },
    run(id, param, bytes, start, end) {
      put(bytes);
      return ex.run(id, param, bytes.length, start, end) === 1;
    },
  };
}
