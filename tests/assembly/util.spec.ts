import { sha256, hexPrefix, sha256Hex } from "../../assembly/util/sha256";
import { base64Decode } from "../../assembly/util/base64";
import { HeaderMapView } from "../../assembly/util/headers";

function bytes(s: string): Uint8Array { return Uint8Array.wrap(String.UTF8.encode(s)); }

describe("sha256", () => {
  test("FIPS 180-4 test vectors", () => {
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))
      .toBe("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  });
  test("55/56/64-byte boundaries match a reference", () => {
    // Values computed with Node's crypto.createHash("sha256").
    expect(sha256Hex("a".repeat(55))).toBe("9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
    expect(sha256Hex("a".repeat(56))).toBe("b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
    expect(sha256Hex("a".repeat(64))).toBe("ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
  });
  test("hashes a sub-range and prints a prefix", () => {
    const d = sha256(bytes("xxabcxx"), 2, 5);
    expect(hexPrefix(d, 4)).toBe("ba7816bf");
  });
});

describe("base64", () => {
  test("decodes base64url without padding and base64 with padding", () => {
    const a = base64Decode(bytes("eyJhbGciOiJIUzI1NiJ9"), 0, 20);
    expect(String.UTF8.decode(changetype<Uint8Array>(a).buffer)).toBe('{"alg":"HS256"}');
    const b = base64Decode(bytes("aGk/Pz8+"), 0, 8);
    expect(String.UTF8.decode(changetype<Uint8Array>(b).buffer)).toBe("hi???>");
    const c = base64Decode(bytes("aGk="), 0, 4);
    expect(String.UTF8.decode(changetype<Uint8Array>(c).buffer)).toBe("hi");
  });
  test("rejects invalid characters and impossible lengths", () => {
    expect(base64Decode(bytes("ab$d"), 0, 4)).toBeNull();
    expect(base64Decode(bytes("abcde"), 0, 5)).toBeNull();
  });
});

import { jsonString, JsonObject } from "../../assembly/util/jsonwriter";
import { JsonParser, JsonValue } from "../../assembly/util/json";

describe("JSON writer", () => {
  test("escapes quotes, backslashes, controls and lone surrogates", () => {
    expect(jsonString("a\"b\\c\nd\u0001")).toBe("\"a\\\"b\\\\c\\nd\\u0001\"");
    expect(jsonString("x\ud800y")).toBe("\"x\\ud800y\"");
    expect(jsonString("😀")).toBe("\"😀\"");
  });
  test("objects round-trip through the JSON reader", () => {
    const text = new JsonObject().str("k", "v\"").num("n", 42).num("f", 1.5).bool("b", true).raw("a", "[1]").close();
    const v = changetype<JsonValue>(JsonParser.parseString(text).parse());
    expect(changetype<JsonValue>(v.get("k")).str).toBe("v\"");
    expect(changetype<JsonValue>(v.get("n")).num).toBe(42.0);
    expect(changetype<JsonValue>(v.get("f")).num).toBe(1.5);
  });
});

/** A flat proxy-wasm header map (count, sizes, NUL-terminated keys and values), as the host sends it. */
function flat(pairs: string[]): ArrayBuffer {
  const n = pairs.length / 2;
  const enc: ArrayBuffer[] = [];
  let size = 4 + n * 8;
  for (let i = 0; i < pairs.length; i++) { const b = String.UTF8.encode(pairs[i]); enc.push(b); size += b.byteLength + 1; }
  const out = new ArrayBuffer(size);
  const p = changetype<usize>(out);
  store<u32>(p, n);
  let d = 4 + n * 8;
  for (let i = 0; i < enc.length; i++) {
    store<u32>(p + 4 + i * 4, enc[i].byteLength);
    memory.copy(p + d, changetype<usize>(enc[i]), enc[i].byteLength);
    d += enc[i].byteLength + 1;
  }
  return out;
}

describe("HeaderMapView", () => {
  test("finds the first header of a name case-insensitively and decodes its value", () => {
    const h = new HeaderMapView();
    h.load(flat([":path", "/a?b=1", "X-Api-Key", "k1", "accept", "*/*", "x-api-key", "k2", "user-agent", "caf\u00e9"]));
    expect(h.count).toBe(5);
    expect(h.get(":path")).toBe("/a?b=1");
    expect(h.get("x-api-key")).toBe("k1");
    expect(h.get("X-API-KEY")).toBe("k1");
    expect(h.get("user-agent")).toBe("caf\u00e9");
    expect(h.get("cookie")).toBe("");
    expect(h.find("accept")).toBe(2);
    expect(h.lowerName(1)).toBe("x-api-key");
    expect(h.nameEquals(1, "x-api-key")).toBe(true);
    expect(h.nameStartsWith(2, "acc")).toBe(true);
    expect(h.nameStartsWith(2, "accepts")).toBe(false);
    expect(h.nameByte0(0)).toBe(0x3a);
    expect(String.UTF8.decode(h.valueBytes(3))).toBe("k2");
  });
  test("non-ASCII names compare as String#toLowerCase does (KELVIN SIGN lowers to k)", () => {
    const h = new HeaderMapView();
    h.load(flat(["\u212Aey", "v", "\u00C9t\u00E9", "w"]));
    expect(h.nameIsAscii(0)).toBe(false);
    expect(h.get("key")).toBe("v");
    expect(h.lowerName(0)).toBe("key");
    expect(h.get("\u00E9T\u00C9")).toBe("w");
  });
  test("an empty, short or lying buffer reads as the headers that fit, without trapping", () => {
    const h = new HeaderMapView();
    h.load(new ArrayBuffer(0));
    expect(h.count).toBe(0);
    expect(h.get("a")).toBe("");
    const b = flat(["a", "1", "bb", "22"]);
    store<u32>(changetype<usize>(b), 1000); // more headers than sizes
    h.load(b);
    expect(h.count).toBe(0);
    const c = flat(["a", "1", "bb", "22"]);
    store<u32>(changetype<usize>(c) + 12, 50); // a key longer than the buffer: cut at its end
    h.load(c);
    expect(h.count).toBe(2);
    expect(h.get("a")).toBe("1");
    expect(h.valueLength(1)).toBe(0);
  });
  test("many headers: offsets grow, and clear() drops them", () => {
    const pairs: string[] = [];
    for (let i = 0; i < 300; i++) { pairs.push("h" + i.toString()); pairs.push("v" + i.toString()); }
    const h = new HeaderMapView();
    h.load(flat(pairs));
    expect(h.count).toBe(300);
    expect(h.get("H299")).toBe("v299");
    h.clear();
    expect(h.count).toBe(0);
    expect(h.get("h1")).toBe("");
  });
});
