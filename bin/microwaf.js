#!/usr/bin/env node
// The `microwaf` CLI. Sources are TypeScript, run through tsx's loader (one way, no separate compile step).
import { register } from "tsx/esm/api";
register();
const { main } = await import("../src/cli/main.ts");
await main(process.argv);
