// Typed access to a JSON DOM with errors naming the JSON path. The first error is kept; reading goes on
// with defaults so callers need no early returns, and the result is discarded when `failed`.
import { JsonKind, JsonValue } from "../util/json";

export class Reader {
  error: string = "";
  get failed(): bool { return this.error.length > 0; }

  fail(path: string, message: string): void {
    if (this.error.length == 0) this.error = path + ": " + message;
  }

  /** An object whose keys are all in `allowed` (a comma-separated list), or null (error if present but wrong). */
  object(v: JsonValue | null, path: string, allowed: string): JsonValue | null {
    if (v === null) return null;
    if (!v.isObject) { this.fail(path, "must be an object"); return null; }
    if (allowed.length > 0) {
      const list = allowed.split(",");
      for (let i = 0; i < v.length; i++) {
        const k = v.keyAt(i);
        if (!list.includes(k)) { this.fail(path, "unknown property \"" + k + "\" (this filter cannot enforce it)"); return null; }
      }
    }
    return v;
  }

  array(v: JsonValue | null, path: string): JsonValue | null {
    if (v === null) return null;
    if (!v.isArray) { this.fail(path, "must be an array"); return null; }
    return v;
  }

  str(o: JsonValue | null, key: string, path: string, def: string): string {
    if (o === null) return def;
    const v = o.get(key);
    if (v === null) return def;
    if (!v.isString) { this.fail(path + "." + key, "must be a string"); return def; }
    return v.str;
  }

  /** A string, or null when the member is JSON null; `def` when absent. */
  strOrNull(o: JsonValue | null, key: string, path: string, def: string): string {
    if (o === null) return def;
    const v = o.get(key);
    if (v === null) return def;
    if (v.isNull) return "";
    if (!v.isString) { this.fail(path + "." + key, "must be a string or null"); return def; }
    return v.str;
  }

  bool(o: JsonValue | null, key: string, path: string, def: bool): bool {
    if (o === null) return def;
    const v = o.get(key);
    if (v === null) return def;
    if (!v.isBool) { this.fail(path + "." + key, "must be true or false"); return def; }
    return v.bool;
  }

  num(o: JsonValue | null, key: string, path: string, def: f64, min: f64, max: f64): f64 {
    if (o === null) return def;
    const v = o.get(key);
    if (v === null) return def;
    if (!v.isNumber || !isFinite(v.num)) { this.fail(path + "." + key, "must be a number"); return def; }
    if (v.num < min || v.num > max) { this.fail(path + "." + key, "must be between " + min.toString() + " and " + max.toString()); return def; }
    return v.num;
  }

  /** An integer (Envoy's Struct turns integers into doubles: 1.0 is accepted, 1.5 is not). */
  int(o: JsonValue | null, key: string, path: string, def: i64, min: i64, max: i64): i64 {
    if (o === null) return def;
    const v = o.get(key);
    if (v === null) return def;
    if (!v.isNumber || !isFinite(v.num) || Math.floor(v.num) != v.num) { this.fail(path + "." + key, "must be an integer"); return def; }
    if (v.num < <f64>min || v.num > <f64>max) { this.fail(path + "." + key, "must be between " + min.toString() + " and " + max.toString()); return def; }
    return <i64>v.num;
  }

  /** Index of the member's value in a comma-separated option list; `def` when absent. */
  oneOf(o: JsonValue | null, key: string, path: string, options: string, def: i32): i32 {
    if (o === null) return def;
    const v = o.get(key);
    if (v === null) return def;
    const list = options.split(",");
    if (v.isString) {
      const i = list.indexOf(v.str);
      if (i >= 0) return i;
    }
    this.fail(path + "." + key, "must be one of " + list.join(", "));
    return def;
  }

  /** A string or an array of non-empty strings (absent: empty). */
  strings(o: JsonValue | null, key: string, path: string): string[] {
    const out = new Array<string>();
    if (o === null) return out;
    const v = o.get(key);
    if (v === null) return out;
    if (v.isString) { out.push(v.str); return out; }
    if (!v.isArray) { this.fail(path + "." + key, "must be a string or an array of strings"); return out; }
    for (let i = 0; i < v.length; i++) {
      const it = v.at(i);
      if (!it.isString || it.str.length == 0) { this.fail(path + "." + key + "[" + i.toString() + "]", "must be a non-empty string"); return out; }
      out.push(it.str);
    }
    return out;
  }

  kindName(v: JsonValue): string {
    const k = v.kind;
    return k == JsonKind.Object ? "object" : k == JsonKind.Array ? "array" : k == JsonKind.String ? "string" : k == JsonKind.Number ? "number" : k == JsonKind.Bool ? "boolean" : "null";
  }
}
