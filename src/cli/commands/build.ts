// `microwaf build`: compile the filter to build/microwaf.wasm (and the debug build).
import type { Command } from "commander";
import { build, isBuildFresh } from "../../../scripts/build.ts";

export function register(program: Command): void {
  program
    .command("build")
    .description("compile the filter to build/microwaf.wasm and build/microwaf.debug.wasm")
    .option("--if-needed", "skip when the module is newer than its sources")
    .action((opts: { ifNeeded?: boolean }) => {
      if (opts.ifNeeded && isBuildFresh()) console.log("build/microwaf.wasm is up to date");
      else build();
    });
}
