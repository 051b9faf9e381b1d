// Reads a wasm module's type, import, function and export sections, because Node's
// WebAssembly.Module.imports() gives names but no signatures, and Envoy rejects a module whose imports
// do not match its host functions exactly (proxy-wasm-cpp-host src/v8/v8.cc V8::link).
import { type AbiVersion, type FuncSig, type ValType, envoyImportTable, EXPORT_SIGS, formatSig, sameSig } from "./abi.ts";

export interface ImportEntry { module: string; name: string; kind: "function" | "table" | "memory" | "global"; sig?: FuncSig }
export interface ExportEntry { name: string; kind: "function" | "table" | "memory" | "global"; sig?: FuncSig }
export interface ModuleInfo { imports: ImportEntry[]; exports: ExportEntry[]; hasStartSection: boolean }

const VALTYPES: Record<number, ValType> = { 0x7f: "i32", 0x7e: "i64", 0x7d: "f32", 0x7c: "f64", 0x7b: "v128", 0x70: "funcref", 0x6f: "externref" };
const KINDS = ["function", "table", "memory", "global"] as const;

class Reader {
  constructor(public b: Uint8Array, public p = 0, public end = b.length) {}
  byte(): number { if (this.p >= this.end) throw new Error("wasm: unexpected end of section"); return this.b[this.p++]; }
  u32(): number {
    let result = 0, shift = 0;
    for (;;) {
      const x = this.byte();
      result += (x & 0x7f) * 2 ** shift;
      if ((x & 0x80) === 0) return result;
      shift += 7;
      if (shift > 35) throw new Error("wasm: bad LEB128");
    }
  }
  name(): string { const n = this.u32(); const s = Buffer.from(this.b.buffer, this.b.byteOffset + this.p, n).toString("utf8"); this.p += n; return s; }
  valtype(): ValType { const t = this.byte(); const v = VALTYPES[t]; if (!v) throw new Error(`wasm: unknown value type 0x${t.toString(16)}`); return v; }
  limits(): void { const f = this.byte(); this.u32(); if (f & 1) this.u32(); }
}

export function parseModule(bytes: Uint8Array): ModuleInfo {
  if (bytes.length < 8 || bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) {
    throw new Error("not a wasm module (bad magic)");
  }
  const r = new Reader(bytes, 8);
  const types: FuncSig[] = [];
  const imports: ImportEntry[] = [];
  const funcTypes: number[] = []; // type index of every function, imported first
  const rawExports: Array<{ name: string; kind: number; index: number }> = [];
  let hasStartSection = false;
  while (r.p < bytes.length) {
    const id = r.byte();
    const len = r.u32();
    const end = r.p + len;
    if (end > bytes.length) throw new Error("wasm: section past end of module");
    const s = new Reader(bytes, r.p, end);
    if (id === 1) {
      for (let n = s.u32(); n > 0; n--) {
        const form = s.byte();
        if (form !== 0x60) throw new Error("wasm: unsupported type form");
        const params: ValType[] = []; for (let k = s.u32(); k > 0; k--) params.push(s.valtype());
        const results: ValType[] = []; for (let k = s.u32(); k > 0; k--) results.push(s.valtype());
        types.push({ params, results });
      }
    } else if (id === 2) {
      for (let n = s.u32(); n > 0; n--) {
        const module = s.name(); const name = s.name(); const kind = s.byte();
        if (kind === 0) { const t = s.u32(); funcTypes.push(t); imports.push({ module, name, kind: "function", sig: types[t] }); }
        else if (kind === 1) { s.byte(); s.limits(); imports.push({ module, name, kind: "table" }); }
        else if (kind === 2) { s.limits(); imports.push({ module, name, kind: "memory" }); }
        else if (kind === 3) { s.valtype(); s.byte(); imports.push({ module, name, kind: "global" }); }
        else throw new Error(`wasm: unknown import kind ${kind}`);
      }
    } else if (id === 3) {
      for (let n = s.u32(); n > 0; n--) funcTypes.push(s.u32());
    } else if (id === 7) {
      for (let n = s.u32(); n > 0; n--) { const name = s.name(); const kind = s.byte(); const index = s.u32(); rawExports.push({ name, kind, index }); }
    } else if (id === 8) {
      hasStartSection = true;
    }
    r.p = end;
  }
  const exports: ExportEntry[] = rawExports.map((e) => ({
    name: e.name, kind: KINDS[e.kind] ?? "function",
    sig: e.kind === 0 ? types[funcTypes[e.index]] : undefined,
  }));
  return { imports, exports, hasStartSection };
}

/** ABI version from the exported proxy_abi_version_* marker (cpp-host src/bytecode_util.cc getAbiVersion). */
export function abiVersionOf(info: ModuleInfo): AbiVersion | null {
  const names = new Set(info.exports.map((e) => e.name));
  if (names.has("proxy_abi_version_0_2_1")) return "0.2.1";
  if (names.has("proxy_abi_version_0_2_0")) return "0.2.0";
  if (names.has("proxy_abi_version_0_1_0")) return "0.1.0";
  return null;
}

export interface LinkProblem { kind: "missing-import" | "import-type-mismatch" | "bad-export-signature" | "missing-malloc" | "unknown-abi"; name: string; message: string }

/**
 * Checks a module as Envoy's V8 link step and getFunctions() do. Returns every problem, in import order;
 * Envoy stops at the first one (the VM fails to load with that message).
 */
export function checkModule(info: ModuleInfo): { abi: AbiVersion | null; problems: LinkProblem[] } {
  const problems: LinkProblem[] = [];
  const abi = abiVersionOf(info);
  if (!abi) {
    problems.push({ kind: "unknown-abi", name: "proxy_abi_version", message: "Wasm module has unsupported or missing ABI version (export proxy_abi_version_0_2_0 or proxy_abi_version_0_2_1)" });
    return { abi, problems };
  }
  const table = envoyImportTable(abi);
  for (const imp of info.imports) {
    const full = `${imp.module}.${imp.name}`;
    if (imp.kind === "memory") continue; // the host creates an imported memory (v8.cc MEMORY case)
    if (imp.kind !== "function") {
      problems.push({ kind: "missing-import", name: full, message: `Failed to load Wasm module due to a missing import: ${full}` });
      continue;
    }
    const want = table.get(full);
    if (!want) {
      problems.push({ kind: "missing-import", name: full, message: `Failed to load Wasm module due to a missing import: ${full}` });
    } else if (!sameSig(imp.sig!, want)) {
      problems.push({
        kind: "import-type-mismatch", name: full,
        message: `Failed to load Wasm module due to an import type mismatch: ${full}, want: ${formatSig(imp.sig!)}, but host exports: ${formatSig(want)}`,
      });
    }
  }
  const fnExports = new Map(info.exports.filter((e) => e.kind === "function").map((e) => [e.name, e.sig!]));
  for (const [name, s] of fnExports) {
    const want = EXPORT_SIGS[name];
    if (want && !sameSig(s, want)) {
      problems.push({ kind: "bad-export-signature", name, message: `Bad function signature for: ${name}, want: ${formatSig(want)}, but the module exports: ${formatSig(s)}` });
    }
  }
  if (!fnExports.has("malloc") && !fnExports.has("proxy_on_memory_allocate")) {
    problems.push({ kind: "missing-malloc", name: "malloc", message: "Wasm module is missing malloc function." });
  }
  return { abi, problems };
}
