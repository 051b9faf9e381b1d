// Builds the filter: build/microwaf.wasm (release, -O3) and build/microwaf.debug.wasm (source map).
// `--if-needed` skips the build when no source under assembly/ or the patch is newer than the output.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const out = join(root, "build/microwaf.wasm");

function newestMtime(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

export function isBuildFresh(): boolean {
  if (!existsSync(out)) return false;
  const sources = Math.max(newestMtime(join(root, "assembly")), newestMtime(join(root, "patches")), newestMtime(join(root, "policy")));
  return statSync(out).mtimeMs >= sources;
}

export function build(): void {
  // The built-in library and the default policy are compiled into the filter as JSON constants.
  execFileSync(process.execPath, ["--import", "tsx", join(root, "scripts/gen-library.ts")], { cwd: root, stdio: "inherit" });
  const asc = join(root, "node_modules/.bin/asc");
  for (const target of ["release", "debug"]) {
    execFileSync(asc, ["assembly/index.ts", "--target", target], { cwd: root, stdio: "inherit" });
  }
  const kib = (f: string) => (statSync(join(root, f)).size / 1024).toFixed(1) + " KiB";
  console.log(`built build/microwaf.wasm (${kib("build/microwaf.wasm")}), build/microwaf.debug.wasm (${kib("build/microwaf.debug.wasm")})`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes("--if-needed") && isBuildFresh()) console.log("build/microwaf.wasm is up to date");
  else build();
}
