import { PatternSet, PatternSpec, EngineOptions, Match, MatchSink, CompileError } from "../../assembly/engine/index";

function compileErr(src: string, opts: EngineOptions = new EngineOptions()): string {
  const r = PatternSet.compile([new PatternSpec(1, "abc"), new PatternSpec(2, src)], opts);
  if (r.ok) return "ok";
  const e = changetype<CompileError>(r.error);
  return e.patternIndex.toString() + "@" + e.position.toString() + ": " + e.message;
}
function find(src: string, input: string, ci: bool = false): string {
  const r = PatternSet.compile([new PatternSpec(9, src, ci)], new EngineOptions());
  if (!r.ok) return "ERR " + changetype<CompileError>(r.error).message;
  const ms = changetype<PatternSet>(r.set).findAll(Uint8Array.wrap(String.UTF8.encode(input)));
  let out = "";
  for (let i = 0; i < ms.length; i++) out += (i > 0 ? " " : "") + ms[i].start.toString() + "-" + ms[i].end.toString();
  return out;
}

class Collect implements MatchSink {
  ms: Match[] = [];
  onMatch(patternId: i32, start: i64, end: i64): void { this.ms.push(new Match(patternId, start, end)); }
}

describe("regex subset: rejected constructs name the byte position", () => {
  test("backtracking-only features", () => {
    expect(compileErr("(a)\\1")).toBe("1@3: backreferences are not supported");
    expect(compileErr("ab(?=c)")).toBe("1@2: lookahead is not supported");
    expect(compileErr("ab(?!c)")).toBe("1@2: lookahead is not supported");
    expect(compileErr("(?<=a)b")).toBe("1@0: lookbehind is not supported");
    expect(compileErr("(?<!a)b")).toBe("1@0: lookbehind is not supported");
    expect(compileErr("a+?")).toBe("1@2: lazy quantifiers are not supported (matching is leftmost-longest)");
    expect(compileErr("a{2,3}?")).toBe("1@6: lazy quantifiers are not supported (matching is leftmost-longest)");
    expect(compileErr("a*+")).toBe("1@2: possessive quantifiers are not supported");
  });
  test("malformed patterns", () => {
    expect(compileErr("(ab")).toBe("1@0: missing ')'");
    expect(compileErr("ab)")).toBe("1@2: unmatched ')'");
    expect(compileErr("[ab")).toBe("1@0: missing ']'");
    expect(compileErr("*a")).toBe("1@0: nothing to repeat");
    expect(compileErr("a|+")).toBe("1@2: nothing to repeat");
    expect(compileErr("a**")).toBe("1@2: nested quantifier: wrap the repeated part in (?: )");
    expect(compileErr("\\b+")).toBe("1@2: nothing to repeat (an assertion cannot be repeated)");
    expect(compileErr("[z-a]")).toBe("1@1: range out of order");
    expect(compileErr("a{3,2}")).toBe("1@1: repetition {m,n} with n < m");
    expect(compileErr("a{1001}")).toBe("1@1: repetition count above 1000");
    expect(compileErr("\\q")).toBe("1@0: unknown escape");
    expect(compileErr("\\xZZ")).toBe("1@0: \\x needs two hex digits");
    expect(compileErr("a\\")).toBe("1@1: trailing backslash");
    expect(compileErr("[[:alpha:]]")).toBe("1@1: POSIX classes [:name:] are not supported");
    expect(compileErr("[é]")).toBe("1@1: non-ASCII characters in a class are not supported (write an alternation)");
    expect(compileErr("a(?i)b")).toBe("1@1: (?i) is only supported at the start of the pattern");
    expect(compileErr("a*")).toBe("1@0: pattern can match the empty string");
    expect(compileErr("^$")).toBe("1@0: pattern can match the empty string");
  });
  test("size caps", () => {
    const o = new EngineOptions();
    o.maxNfaStates = 500;
    expect(compileErr("(?:a{100}){100}", o)).toBe("1@0: automaton too large (more than 500 NFA states)");
    expect(compileErr("[a-z]{1000}")).toBe("ok");
  });
  test("accepted syntax", () => {
    expect(compileErr("(?P<name>a)(?<n2>b)(?:c)")).toBe("ok");
    expect(compileErr("a{,2}")).toBe("ok"); // not a quantifier: literal '{' ',' '2' '}'
  });
});

describe("regex subset: semantics", () => {
  test("escapes and classes", () => {
    expect(find("\\d+", "ab 123 x9")).toBe("3-6 8-9");
    expect(find("\\w+", "hi, you_2!")).toBe("0-2 4-9");
    expect(find("\\s+", "a \t\nb")).toBe("1-4");
    expect(find("\\D\\W\\S", "a!b")).toBe("0-3");
    expect(find("[\\d\\-]+", "tel 12-34 x")).toBe("4-9");
    expect(find("[^\\d ]+", "12ab 3c")).toBe("2-4 6-7");
    expect(find("\\x41\\.\\/\\t", "A./\t")).toBe("0-4");
    expect(find("[a\\]\\\\]+", "x]a\\y")).toBe("1-4");
    expect(find("[-a]+", "b-a-")).toBe("1-4");
    expect(find("a{,2}", "a{,2}")).toBe("0-5");
  });
  test("dot and negated classes never match a newline; other bytes do", () => {
    expect(find("a.c", "a\nc abc a\u00e9c")).toBe("4-7");
    expect(find("a..c", "a\u00e9c")).toBe("0-4"); // é is two bytes
    expect(find("[^x]+", "ab\ncd")).toBe("0-2 3-5");
  });
  test("non-ASCII literals match their UTF-8 bytes; a quantifier repeats the whole character", () => {
    expect(find("é+", "ééé e")).toBe("0-6");
    expect(find("straße", "Straße STRASSE straße", true)).toBe("0-7 16-23");
  });
  test("case-insensitive flag folds ASCII letters in literals, classes and escapes", () => {
    expect(find("[a-c]x", "BX cx", true)).toBe("0-2 3-5");
    expect(find("(?i)[^a]", "Ab")).toBe("1-2");
    expect(find("\\x41", "aA", true)).toBe("0-1 1-2");
  });
  test("anchors are the value's bounds, \\A and \\z too", () => {
    expect(find("^\\d+", "12 34")).toBe("0-2");
    expect(find("\\d+$", "12 34")).toBe("3-5");
    expect(find("\\A\\d+\\z", "12 34")).toBe("");
    expect(find("\\A\\d+\\z", "1234")).toBe("0-4");
    expect(find("\\Bb+", "abb bb")).toBe("1-3 5-6");
  });
  test("repetition counts", () => {
    expect(find("a{3}", "aaaaaaa")).toBe("0-3 3-6");
    expect(find("a{2,}", "a aa aaaaa")).toBe("2-4 5-10");
    expect(find("(?:ab){1,2}", "abababab")).toBe("0-4 4-8");
  });
});

describe("streaming", () => {
  test("a match straddling feed() calls gets stream offsets", () => {
    const set = changetype<PatternSet>(PatternSet.compile([
      new PatternSpec(1, "\\b\\d{3}-\\d{2}-\\d{4}\\b"), new PatternSpec(2, "[a-z]+@[a-z]+\\.com"),
    ], new EngineOptions()).set);
    const sink = new Collect();
    const m = set.newMatcher(sink);
    const parts = ["xx 12", "3-45-6", "789 mail: bob@ex", "", "ample.com"];
    for (let i = 0; i < parts.length; i++) m.feedBytes(Uint8Array.wrap(String.UTF8.encode(parts[i])));
    m.end();
    expect(sink.ms.length).toBe(2);
    expect(sink.ms[0].patternId).toBe(1);
    expect(sink.ms[0].start).toBe(3);
    expect(sink.ms[0].end).toBe(14);
    expect(sink.ms[1].patternId).toBe(2);
    expect(sink.ms[1].start).toBe(21);
    expect(sink.ms[1].end).toBe(36);
    // reusable after reset(): offsets start at 0 again, ^ matches again
    m.reset();
    m.feedBytes(Uint8Array.wrap(String.UTF8.encode("987-65-4321")));
    m.end();
    expect(sink.ms.length).toBe(3);
    expect(sink.ms[2].start).toBe(0);
  });
  test("the DFA cache stays within its budget on a large pattern set", () => {
    const o = new EngineOptions();
    o.dfaCacheBytes = 16 << 10;
    const specs: PatternSpec[] = [];
    for (let i = 0; i < 20; i++) specs.push(new PatternSpec(i, "(?:.*a){" + (2 + i % 5).toString() + "}x" + i.toString()));
    const set = changetype<PatternSet>(PatternSet.compile(specs, o).set);
    const input = new Uint8Array(200000);
    let seed: u32 = 7;
    for (let i = 0; i < input.length; i++) { seed = seed * 1103515245 + 12345; input[i] = <u8>"ab x0123456789\n".charCodeAt((seed >> 16) % 15); }
    const ms = set.findAll(input);
    expect(ms.length).toBeGreaterThan(0);
    expect(set.dfa.memoryBytes).toBeLessThanOrEqual(16 << 10);
    // same matches as with an unconstrained cache
    const big = changetype<PatternSet>(PatternSet.compile(specs, new EngineOptions()).set);
    expect(big.findAll(input).length).toBe(ms.length);
    expect(set.dfa.clears).toBeGreaterThan(0);
  });
});

describe("robustness", () => {
  test("random pattern text never traps: it compiles or is rejected with a position, then scans", () => {
    const alpha = "ab()[]{}\\^$|*+?.,-019dwsbBxAz:=!<>Pi é";
    let seed: u32 = 99;
    let ok = 0, rejected = 0;
    const input = Uint8Array.wrap(String.UTF8.encode("ab a-b 01 {}[] é\n(b)ba9 aa"));
    for (let i = 0; i < 3000; i++) {
      let src = "";
      seed = seed * 1103515245 + 12345;
      const n = 1 + <i32>((seed >> 16) % 12);
      for (let k = 0; k < n; k++) {
        seed = seed * 1103515245 + 12345;
        src += alpha.charAt(<i32>((seed >> 16) % <u32>alpha.length));
      }
      const r = PatternSet.compile([new PatternSpec(1, src)], new EngineOptions());
      if (r.ok) {
        ok++;
        changetype<PatternSet>(r.set).findAll(input);
      } else {
        rejected++;
        const e = changetype<CompileError>(r.error);
        expect(e.position).toBeGreaterThanOrEqual(0);
        expect(e.position).toBeLessThanOrEqual(String.UTF8.byteLength(src));
        expect(e.message.length).toBeGreaterThan(0);
      }
    }
    expect(ok).toBeGreaterThan(300);
    expect(rejected).toBeGreaterThan(300);
  });
});
