// Builds AssemblyScript fixture filters (tests/fixtures/filters/*.ts) into build/fixtures/*.wasm with the
// repo's asc and the patched proxy-runtime; rebuilt only when the source or the SDK patch is newer.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";

const root = new URL("../../../", import.meta.url).pathname;

export function buildFixture(name: string): string {
  const src = join(root, "tests/fixtures/filters", `${name}.ts`);
  const out = join(root, "build/fixtures", `${name}.wasm`);
  const sdk = join(root, "node_modules/@solo-io/proxy-runtime/assembly/runtime.ts");
  if (existsSync(out) && statSync(out).mtimeMs >= Math.max(statSync(src).mtimeMs, statSync(sdk).mtimeMs)) return out;
  mkdirSync(join(root, "build/fixtures"), { recursive: true });
  execFileSync(join(root, "node_modules/.bin/asc"), [src, "-o", out, "--use", "abort=abort_proc_exit", "-O1", "--runtime", "incremental"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  return out;
}

export const microwafWasm = join(root, "build/microwaf.wasm");
