// A small JSON DOM reader for the plugin configuration (the policy). It never throws: a bad document
// yields `null` and an error message with its byte offset, so on_configure can reject it with a reason.
// Body scanning does not use this: bodies go through the streaming scanner, which needs no DOM.

export const enum JsonKind { Null, Bool, Number, String, Array, Object }

export class JsonValue {
  kind: JsonKind;
  bool: bool = false;
  num: f64 = 0;
  str: string = "";
  items: JsonValue[] | null = null;
  keys: string[] | null = null; // object keys in document order, parallel to `items`
  /** byte offset of the value in the source, for error messages */
  pos: i32 = 0;

  constructor(kind: JsonKind) { this.kind = kind; }

  get isNull(): bool { return this.kind == JsonKind.Null; }
  get isString(): bool { return this.kind == JsonKind.String; }
  get isNumber(): bool { return this.kind == JsonKind.Number; }
  get isBool(): bool { return this.kind == JsonKind.Bool; }
  get isArray(): bool { return this.kind == JsonKind.Array; }
  get isObject(): bool { return this.kind == JsonKind.Object; }

  get length(): i32 {
    const items = this.items;
    return items === null ? 0 : items.length;
  }

  at(i: i32): JsonValue {
    return changetype<JsonValue[]>(this.items)[i];
  }

  keyAt(i: i32): string {
    return changetype<string[]>(this.keys)[i];
  }

  /** Member of an object by key (last one wins, as in JSON.parse), or null. */
  get(key: string): JsonValue | null {
    if (this.kind != JsonKind.Object) return null;
    const keys = changetype<string[]>(this.keys);
    for (let i = keys.length - 1; i >= 0; i--) {
      if (keys[i] == key) return changetype<JsonValue[]>(this.items)[i];
    }
    return null;
  }

  has(key: string): bool { return this.get(key) !== null; }
}

export class JsonParser {
  private src: Uint8Array;
  private p: i32 = 0;
  private depth: i32 = 0;
  error: string = "";
  errorPos: i32 = -1;

  constructor(src: Uint8Array, public maxDepth: i32 = 256) {
    this.src = src;
  }

  static parseString(text: string, maxDepth: i32 = 256): JsonParser {
    const parser = new JsonParser(Uint8Array.wrap(String.UTF8.encode(text)), maxDepth);
    return parser;
  }

  /** Parses one whole document; returns null and sets `error` on failure. */
  parse(): JsonValue | null {
    this.skipWs();
    const v = this.value();
    if (v === null) return null;
    this.skipWs();
    if (this.p < this.src.length) return this.fail("unexpected data after the JSON value");
    return v;
  }

  private fail(msg: string): JsonValue | null {
    if (this.errorPos < 0) {
      this.error = msg;
      this.errorPos = this.p;
    }
    return null;
  }

  private skipWs(): void {
    const s = this.src;
    while (this.p < s.length) {
      const c = unchecked(s[this.p]);
      if (c == 0x20 || c == 0x0a || c == 0x0d || c == 0x09) this.p++;
      else break;
    }
  }

  private value(): JsonValue | null {
    const s = this.src;
    if (this.p >= s.length) return this.fail("unexpected end of JSON");
    const start = this.p;
    const c = unchecked(s[this.p]);
    let v: JsonValue | null;
    if (c == 0x7b) v = this.object();
    else if (c == 0x5b) v = this.array();
    else if (c == 0x22) {
      const str = this.string();
      if (str === null) return null;
      v = new JsonValue(JsonKind.String);
      v.str = str;
    } else if (c == 0x2d || (c >= 0x30 && c <= 0x39)) v = this.number();
    else if (this.literal("true")) { v = new JsonValue(JsonKind.Bool); v.bool = true; }
    else if (this.literal("false")) { v = new JsonValue(JsonKind.Bool); }
    else if (this.literal("null")) { v = new JsonValue(JsonKind.Null); }
    else return this.fail("unexpected character");
    if (v !== null) v.pos = start;
    return v;
  }

  private literal(word: string): bool {
    const s = this.src;
    const n = word.length;
    if (this.p + n > s.length) return false;
    for (let i = 0; i < n; i++) {
      if (<i32>unchecked(s[this.p + i]) != word.charCodeAt(i)) return false;
    }
    this.p += n;
    return true;
  }

  private enter(): bool {
    if (++this.depth > this.maxDepth) {
      this.fail("JSON nested deeper than " + this.maxDepth.toString() + " levels");
      return false;
    }
    return true;
  }

  private object(): JsonValue | null {
    if (!this.enter()) return null;
    this.p++; // {
    const v = new JsonValue(JsonKind.Object);
    const keys = new Array<string>();
    const items = new Array<JsonValue>();
    v.keys = keys;
    v.items = items;
    this.skipWs();
    if (this.p < this.src.length && unchecked(this.src[this.p]) == 0x7d) { this.p++; this.depth--; return v; }
    while (true) {
      this.skipWs();
      if (this.p >= this.src.length || unchecked(this.src[this.p]) != 0x22) return this.fail("expected a string key");
      const key = this.string();
      if (key === null) return null;
      this.skipWs();
      if (this.p >= this.src.length || unchecked(this.src[this.p]) != 0x3a) return this.fail("expected ':' after key");
      this.p++;
      this.skipWs();
      const item = this.value();
      if (item === null) return null;
      keys.push(key);
      items.push(item);
      this.skipWs();
      if (this.p >= this.src.length) return this.fail("unterminated object");
      const c = unchecked(this.src[this.p]);
      this.p++;
      if (c == 0x2c) continue;
      if (c == 0x7d) break;
      this.p--;
      return this.fail("expected ',' or '}' in object");
    }
    this.depth--;
    return v;
  }

  private array(): JsonValue | null {
    if (!this.enter()) return null;
    this.p++; // [
    const v = new JsonValue(JsonKind.Array);
    const items = new Array<JsonValue>();
    v.items = items;
    this.skipWs();
    if (this.p < this.src.length && unchecked(this.src[this.p]) == 0x5d) { this.p++; this.depth--; return v; }
    while (true) {
      this.skipWs();
      const item = this.value();
      if (item === null) return null;
      items.push(item);
      this.skipWs();
      if (this.p >= this.src.length) return this.fail("unterminated array");
      const c = unchecked(this.src[this.p]);
      this.p++;
      if (c == 0x2c) continue;
      if (c == 0x5d) break;
      this.p--;
      return this.fail("expected ',' or ']' in array");
    }
    this.depth--;
    return v;
  }

  private number(): JsonValue | null {
    const s = this.src;
    const start = this.p;
    if (unchecked(s[this.p]) == 0x2d) this.p++;
    let digits = 0;
    while (this.p < s.length && unchecked(s[this.p]) >= 0x30 && unchecked(s[this.p]) <= 0x39) { this.p++; digits++; }
    if (digits == 0) return this.fail("invalid number");
    if (this.p < s.length && unchecked(s[this.p]) == 0x2e) {
      this.p++;
      let frac = 0;
      while (this.p < s.length && unchecked(s[this.p]) >= 0x30 && unchecked(s[this.p]) <= 0x39) { this.p++; frac++; }
      if (frac == 0) return this.fail("invalid number");
    }
    if (this.p < s.length && (unchecked(s[this.p]) | 0x20) == 0x65) {
      this.p++;
      if (this.p < s.length && (unchecked(s[this.p]) == 0x2b || unchecked(s[this.p]) == 0x2d)) this.p++;
      let exp = 0;
      while (this.p < s.length && unchecked(s[this.p]) >= 0x30 && unchecked(s[this.p]) <= 0x39) { this.p++; exp++; }
      if (exp == 0) return this.fail("invalid number");
    }
    const v = new JsonValue(JsonKind.Number);
    v.str = String.UTF8.decodeUnsafe(s.dataStart + <usize>start, <usize>(this.p - start));
    v.num = parseFloat(v.str);
    return v;
  }

  private hex4(): i32 {
    const s = this.src;
    if (this.p + 4 > s.length) return -1;
    let v = 0;
    for (let i = 0; i < 4; i++) {
      const c = <i32>unchecked(s[this.p + i]);
      let d: i32;
      if (c >= 0x30 && c <= 0x39) d = c - 0x30;
      else if ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66) d = (c | 0x20) - 0x61 + 10;
      else return -1;
      v = (v << 4) | d;
    }
    this.p += 4;
    return v;
  }

  /** Reads a string token (at the opening quote), decoding escapes. */
  private string(): string | null {
    const s = this.src;
    this.p++; // opening quote
    const start = this.p;
    // Fast path: no escapes.
    while (this.p < s.length) {
      const c = unchecked(s[this.p]);
      if (c == 0x22) {
        const out = String.UTF8.decodeUnsafe(s.dataStart + <usize>start, <usize>(this.p - start));
        this.p++;
        return out;
      }
      if (c == 0x5c) break;
      if (c < 0x20) { this.fail("control character in string"); return null; }
      this.p++;
    }
    if (this.p >= s.length) { this.fail("unterminated string"); return null; }
    // Slow path: build from parts.
    let out = String.UTF8.decodeUnsafe(s.dataStart + <usize>start, <usize>(this.p - start));
    let runStart = this.p;
    while (this.p < s.length) {
      const c = unchecked(s[this.p]);
      if (c == 0x22) {
        out += String.UTF8.decodeUnsafe(s.dataStart + <usize>runStart, <usize>(this.p - runStart));
        this.p++;
        return out;
      }
      if (c < 0x20) { this.fail("control character in string"); return null; }
      if (c != 0x5c) { this.p++; continue; }
      out += String.UTF8.decodeUnsafe(s.dataStart + <usize>runStart, <usize>(this.p - runStart));
      this.p++;
      if (this.p >= s.length) break;
      const e = unchecked(s[this.p]);
      this.p++;
      if (e == 0x22) out += "\"";
      else if (e == 0x5c) out += "\\";
      else if (e == 0x2f) out += "/";
      else if (e == 0x62) out += "\b";
      else if (e == 0x66) out += "\f";
      else if (e == 0x6e) out += "\n";
      else if (e == 0x72) out += "\r";
      else if (e == 0x74) out += "\t";
      else if (e == 0x75) {
        const u = this.hex4();
        if (u < 0) { this.fail("invalid \\u escape"); return null; }
        out += String.fromCharCode(u); // lone surrogates are kept as UTF-16 code units
      } else { this.p--; this.fail("invalid escape"); return null; }
      runStart = this.p;
    }
    this.fail("unterminated string");
    return null;
  }
}

/** Line and column (1-based) of a byte offset, for error messages. */
export function lineColOf(src: string, byteOffset: i32): string {
  const bytes = Uint8Array.wrap(String.UTF8.encode(src));
  let line = 1;
  let col = 1;
  const end = min(byteOffset, bytes.length);
  for (let i = 0; i < end; i++) {
    if (unchecked(bytes[i]) == 0x0a) { line++; col = 1; } else col++;
  }
  return line.toString() + ":" + col.toString();
}
