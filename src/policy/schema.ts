// JSON Schema validation (policy/schema.json, draft 2020-12) with ajv errors mapped to YAML positions.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { ErrorObject, ValidateFunction } from "ajv";
import { pathText, type PathSeg, type PolicySource } from "./source.ts";

const require = createRequire(import.meta.url);
// ajv's 2020 build is CommonJS; createRequire sidesteps the default-export interop differences.
const Ajv2020 = require("ajv/dist/2020").default as typeof import("ajv").default;

export const SCHEMA_PATH = new URL("../../policy/schema.json", import.meta.url).pathname;
export const schema = JSON.parse(readFileSync(SCHEMA_PATH, "utf8")) as Record<string, any>;

let compiled: ValidateFunction | null = null;
function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, verbose: true });
    ajv.addKeyword({ keyword: "x-expect", schemaType: "string" });
    compiled = ajv.compile(schema);
  }
  return compiled;
}

function toPath(pointer: string): PathSeg[] {
  if (pointer === "") return [];
  return pointer.slice(1).split("/").map((s) => {
    const u = s.replace(/~1/g, "/").replace(/~0/g, "~");
    return /^\d+$/.test(u) ? Number(u) : u;
  });
}

function show(v: unknown): string {
  return typeof v === "string" ? JSON.stringify(v) : JSON.stringify(v) ?? String(v);
}

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

export function suggest(word: string, candidates: string[]): string {
  let best = "", bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestD) { best = c; bestD = d; }
  }
  return best && bestD <= Math.max(2, Math.floor(word.length / 3)) ? ` (did you mean "${best}"?)` : "";
}

function typeName(t: string): string {
  return t === "object" ? "a map" : t === "array" ? "a list" : t === "integer" ? "an integer" : `a ${t}`;
}

/** Validates the document; reports each schema error on the source. Returns true when valid. */
export function validateSchema(src: PolicySource, value: unknown): boolean {
  const validate = validator();
  if (validate(value)) return true;
  let errors = (validate.errors ?? []) as ErrorObject[];
  // anyOf/oneOf: one message from the union (its x-expect), not one per branch.
  const unions = errors.filter((e) => e.keyword === "anyOf" || e.keyword === "oneOf");
  errors = errors.filter((e) => !unions.some((u) => u !== e && e.schemaPath.startsWith(u.schemaPath + "/") && e.instancePath.startsWith(u.instancePath)));
  // A type error makes the other errors at the same place noise.
  const typed = new Set(errors.filter((e) => e.keyword === "type").map((e) => e.instancePath));
  errors = errors.filter((e) => e.keyword === "type" || !typed.has(e.instancePath) || e.keyword === "required");
  const seen = new Set<string>();
  for (const e of errors) {
    const path = toPath(e.instancePath);
    const where = pathText(path);
    const expect = (e.parentSchema as Record<string, unknown> | undefined)?.["x-expect"] as string | undefined;
    let msg: string;
    let off = src.offsetOf(path);
    switch (e.keyword) {
      case "required": {
        const p = (e.params as { missingProperty: string }).missingProperty;
        msg = `${where}: missing required property "${p}"`;
        break;
      }
      case "additionalProperties": {
        const p = (e.params as { additionalProperty: string }).additionalProperty;
        const allowed = Object.keys(((e.parentSchema as Record<string, any>)?.properties ?? {}) as object);
        msg = `${where}: unknown property "${p}"${suggest(p, allowed)}`;
        off = src.keyOffset(path, p);
        break;
      }
      case "enum": {
        const allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
        msg = `${where}: must be one of ${allowed.join(", ")} (got ${show(e.data)})${typeof e.data === "string" ? suggest(e.data, allowed.map(String)) : ""}`;
        break;
      }
      case "const":
        msg = `${where}: must be ${show((e.params as { allowedValue: unknown }).allowedValue)} (got ${show(e.data)})`;
        break;
      case "type": {
        const t = (e.params as { type: string | string[] }).type;
        msg = `${where}: must be ${Array.isArray(t) ? t.map(typeName).join(" or ") : typeName(String(t))} (got ${show(e.data)})`;
        break;
      }
      case "propertyNames": {
        const name = (e.params as { propertyName: string }).propertyName;
        msg = `${where}: invalid key ${show(name)}`;
        off = src.keyOffset(path, name);
        break;
      }
      case "pattern":
        if (e.propertyName !== undefined) continue; // reported by propertyNames
        msg = `${where}: ${expect ? "must be " + expect : "does not match " + (e.params as { pattern: string }).pattern} (got ${show(e.data)})`;
        break;
      case "anyOf":
      case "oneOf":
        msg = `${where}: must be ${expect ?? "one of the allowed forms"}`;
        break;
      case "minimum": case "maximum": case "exclusiveMinimum": case "exclusiveMaximum":
        msg = `${where}: must be ${e.message?.replace(/^must be /, "")} (got ${show(e.data)})`;
        break;
      case "minItems":
        msg = `${where}: must not be empty`;
        break;
      case "minLength":
        msg = `${where}: must not be empty`;
        break;
      case "minProperties": case "maxProperties":
        msg = `${where}: must be ${expect ?? e.message}`;
        break;
      default:
        msg = `${where}: ${e.message}`;
    }
    const key = off + "\0" + msg;
    if (seen.has(key)) continue;
    seen.add(key);
    src.diagnostics.push(src.at(off, msg));
  }
  return false;
}
