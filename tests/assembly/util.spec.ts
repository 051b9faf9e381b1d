import { sha256, hexPrefix, sha256Hex } from "../../assembly/util/sha256";
import { base64Decode } from "../../assembly/util/base64";

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
