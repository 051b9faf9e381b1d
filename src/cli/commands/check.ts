// `microwaf check FILE...`: validate policies; errors as file:line:col: message, exit 1 on any.
import type { Command } from "commander";
import { checkFile, formatDiagnostic } from "../../policy/index.ts";

export function register(program: Command): void {
  program
    .command("check")
    .description("check policy files (YAML syntax, schema, semantics); prints file:line:col: message per problem")
    .argument("<files...>", "policy YAML files")
    .option("--library <dir>", "built-in detector library directory (default: policy/detectors)")
    .option("-q, --quiet", "print nothing when the policies are valid")
    .action((files: string[], opts: { library?: string; quiet?: boolean }) => {
      let bad = 0;
      for (const f of files) {
        let diags;
        try {
          diags = checkFile(f, { libraryDir: opts.library }).diagnostics;
        } catch (e) {
          diags = [{ file: f, line: 1, col: 1, message: (e as Error).message }];
        }
        for (const d of diags) process.stderr.write(formatDiagnostic(d) + "\n");
        if (diags.length > 0) bad++;
        else if (!opts.quiet) process.stdout.write(`${f}: ok\n`);
      }
      process.exitCode = bad > 0 ? 1 : 0;
    });
}
