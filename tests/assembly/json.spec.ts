import { JsonParser, JsonValue, lineColOf } from "../../assembly/util/json";

function parse(text: string): JsonValue | null {
  return JsonParser.parseString(text).parse();
}

describe("JSON reader", () => {
  test("parses nested objects, arrays, numbers, escapes", () => {
    const v = changetype<JsonValue>(parse('{"a":[1,-2.5e3,true,null],"b":{"c":"x\\u00e9\\n\\"y"}}'));
    expect(v.isObject).toBe(true);
    const a = changetype<JsonValue>(v.get("a"));
    expect(a.length).toBe(4);
    expect(a.at(1).num).toBe(-2500.0);
    expect(a.at(2).bool).toBe(true);
    expect(a.at(3).isNull).toBe(true);
    const c = changetype<JsonValue>(changetype<JsonValue>(v.get("b")).get("c"));
    expect(c.str).toBe("xé\n\"y");
  });

  test("decodes surrogate pairs written as two \\u escapes", () => {
    const v = changetype<JsonValue>(parse('"\\ud83d\\ude00"'));
    expect(v.str).toBe("😀");
  });

  test("last duplicate key wins, as in JSON.parse", () => {
    const v = changetype<JsonValue>(parse('{"k":1,"k":2}'));
    expect(changetype<JsonValue>(v.get("k")).num).toBe(2.0);
  });

  test("rejects malformed documents with a position", () => {
    const cases = ['{"a":}', "[1,2", '{"a" 1}', "tru", '"abc', "01x", '{"a":1,}', "1 2", '"\\q"', "-"];
    for (let i = 0; i < cases.length; i++) {
      const p = JsonParser.parseString(cases[i]);
      expect(p.parse()).toBeNull(cases[i]);
      expect(p.error.length).toBeGreaterThan(0);
      expect(p.errorPos).toBeGreaterThanOrEqual(0);
    }
  });

  test("depth limit is an error, not a stack overflow", () => {
    let deep = "";
    for (let i = 0; i < 5000; i++) deep += "[";
    const p = JsonParser.parseString(deep, 64);
    expect(p.parse()).toBeNull();
    expect(p.error).toBe("JSON nested deeper than 64 levels");
  });

  test("line:col of an error offset", () => {
    expect(lineColOf('{\n  "a": x}', 9)).toBe("2:8");
  });
});
