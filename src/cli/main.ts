// The `microwaf` command line. Each subcommand lives in src/cli/commands/<name>.ts and exports
// `register(program)`; main discovers them, so adding a command never edits a shared file.
import { Command } from "commander";
import { readdirSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { join } from "node:path";

export interface CommandModule {
  register(program: Command): void;
}

export async function buildProgram(): Promise<Command> {
  const program = new Command("microwaf")
    .description("MicroWAF: a Layer 7 micro-firewall for service meshes (proxy-wasm filter for Envoy)")
    .version("0.1.0")
    .showHelpAfterError();
  const dir = fileURLToPath(new URL("./commands/", import.meta.url));
  const files = readdirSync(dir).filter((f) => f.endsWith(".ts")).sort();
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as CommandModule;
    mod.register(program);
  }
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = await buildProgram();
  await program.parseAsync(argv);
}
