// Fuzzing the real filter through the host at `npm test` scale (seeded: every run generates the same cases).
// MICROWAF_FUZZ_SCALE multiplies the counts; scripts/fuzz.ts runs the same properties much longer.
import { test, after } from "node:test";
import { PROPERTIES } from "./properties.ts";

const scale = Number(process.env.MICROWAF_FUZZ_SCALE ?? "1");
const seed = Number(process.env.MICROWAF_FUZZ_SEED ?? "20261121");
let total = 0;
const started = Date.now();

PROPERTIES.forEach((p, i) => {
  test(`fuzz: ${p.name}`, () => { total += p.run(Math.max(1, Math.round(p.runs * scale)), seed + i); });
});

after(() => { console.log(`# fuzz: ${total} generated cases, 0 traps, ${((Date.now() - started) / 1000).toFixed(1)} s`); });
