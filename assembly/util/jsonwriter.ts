// A minimal JSON writer for the filter's own output (evidence log lines, block reply bodies, filter state).
// Strings are escaped per RFC 8259; control characters and lone surrogates become \u escapes.

const HEX = "0123456789abcdef";

export function jsonString(s: string): string {
  if (plainJson(s)) return "\"" + s + "\"";
  let out = "\"";
  let run = 0;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    let esc = "";
    if (c == 0x22) esc = "\\\"";
    else if (c == 0x5c) esc = "\\\\";
    else if (c == 0x0a) esc = "\\n";
    else if (c == 0x0d) esc = "\\r";
    else if (c == 0x09) esc = "\\t";
    else if (c < 0x20 || (c >= 0xd800 && c <= 0xdfff && !pairedSurrogate(s, i))) {
      esc = "\\u" + HEX.charAt((c >> 12) & 15) + HEX.charAt((c >> 8) & 15) + HEX.charAt((c >> 4) & 15) + HEX.charAt(c & 15);
    } else if (c >= 0xd800 && c <= 0xdbff) {
      i++; // a valid pair: keep both units
      continue;
    } else continue;
    out += s.substring(run, i) + esc;
    run = i + 1;
  }
  return out + s.substring(run) + "\"";
}

/** True when no character of s needs escaping (the common case: ids, names, paths). */
function plainJson(s: string): bool {
  for (let i = 0, n = s.length; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c == 0x22 || c == 0x5c || c < 0x20 || (c >= 0xd800 && c <= 0xdfff)) return false;
  }
  return true;
}

function pairedSurrogate(s: string, i: i32): bool {
  const c = s.charCodeAt(i);
  if (c <= 0xdbff) return i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff;
  return i > 0 && s.charCodeAt(i - 1) >= 0xd800 && s.charCodeAt(i - 1) <= 0xdbff;
}

/** Builds one JSON object incrementally: `new JsonObject().str("a", "x").num("n", 3).close()`. Parts are
 *  joined once at close (evidence writes an object per finding: repeated `+=` copied the prefix each time). */
export class JsonObject {
  private parts: string[] = ["{"];

  private key(k: string): void {
    const parts = this.parts;
    if (parts.length > 1) parts.push(",");
    this.quoted(k);
    parts.push(":");
  }

  /** A JSON string as parts: a plain string is pushed as is between quotes (no copy until close). */
  private quoted(v: string): void {
    const parts = this.parts;
    if (plainJson(v)) { parts.push("\""); parts.push(v); parts.push("\""); }
    else parts.push(jsonString(v));
  }

  str(k: string, v: string): JsonObject { this.key(k); this.quoted(v); return this; }
  num(k: string, v: f64): JsonObject { this.key(k); this.parts.push(isFinite(v) ? (v == Math.floor(v) && Math.abs(v) < 1e15 ? (<i64>v).toString() : v.toString()) : "null"); return this; }
  bool(k: string, v: bool): JsonObject { this.key(k); this.parts.push(v ? "true" : "false"); return this; }
  raw(k: string, json: string): JsonObject { this.key(k); this.parts.push(json); return this; }
  close(): string { this.parts.push("}"); return this.parts.join(""); }
}
