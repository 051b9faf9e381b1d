import { PatternSet, PatternSpec, EngineOptions, Match, CompileError, MatchSink } from "../../assembly/engine/index";

function set1(src: string, ci: bool = false): PatternSet {
  const r = PatternSet.compile([new PatternSpec(7, src, ci)], new EngineOptions());
  if (!r.ok) throw new Error(changetype<CompileError>(r.error).toString());
  return changetype<PatternSet>(r.set);
}
class NoSink implements MatchSink { onMatch(_p: i32, _s: i64, _e: i64): void {} }
function bytes(s: string): Uint8Array { return Uint8Array.wrap(String.UTF8.encode(s)); }
function show(ms: Match[]): string {
  let out = "";
  for (let i = 0; i < ms.length; i++) {
    if (i > 0) out += " ";
    out += ms[i].patternId.toString() + ":" + ms[i].start.toString() + "-" + ms[i].end.toString();
  }
  return out;
}
function find(src: string, input: string, ci: bool = false): string {
  return show(set1(src, ci).findAll(bytes(input)));
}

describe("engine basics", () => {
  test("shortest match length (the probe skips shorter values)", () => {
    expect(set1("abc|de").nfa.minMatchLen).toBe(2);
    expect(set1("a+").nfa.minMatchLen).toBe(1);
    expect(set1("\\bfoo\\b").nfa.minMatchLen).toBe(3);
    expect(set1("x{3,5}y?").nfa.minMatchLen).toBe(3);
    expect(set1("(ab)+|[0-9]{4}").nfa.minMatchLen).toBe(2);
    expect(set1("é").nfa.minMatchLen).toBe(2); // bytes, not characters
    const m = set1("[0-9]{4}").newMatcher(new NoSink());
    expect(m.probe(bytes("123").dataStart, 3)).toBe(false);
    expect(m.probe(bytes("x1234").dataStart, 5)).toBe(true);
  });
  test("the union walks relaxed counters: a superset for the probe and the flags, the matches stay exact", () => {
    // x{m,n} is walked as x{min(m,12),}: 14 digits pass the probe of \d{16}, 11 do not, and the resolvers decide
    const s = set1("\\b\\d{16}\\b");
    const m = s.newMatcher(new NoSink());
    expect(m.probe(bytes("id 12345678901234").dataStart, 17)).toBe(true);
    expect(m.probe(bytes("id 12345678901").dataStart, 14)).toBe(false);
    expect(s.findAll(bytes("id 12345678901234")).length).toBe(0);
    expect(find("\\b\\d{16}\\b", "1234567890123456")).toBe("7:0-16");
    // counters times counters: a 3-30 letter run before '@' and a 10-20 digit run before 'x'; the relaxed union
    // also flags the over-long runs, and the exact resolvers turn them down
    const opts = new EngineOptions();
    const r = PatternSet.compile([new PatternSpec(1, "\\b[a-z0-9]{3,30}@"), new PatternSpec(2, "\\b\\d{10,20}x")], opts);
    const both = changetype<PatternSet>(r.set);
    const text = bytes("alpha 1234567 beta 12345678901234567 gamma delta epsilon zeta 98765432109876543210 eta theta");
    expect(both.newMatcher(new NoSink()).probe(text.dataStart, text.length)).toBe(false);
    const tricky = bytes("a123456789012345678901234567890b@ 1234567890123456789012345x 123456789x abc@ 1234567890x");
    expect(both.newMatcher(new NoSink()).probe(tricky.dataStart, 33)).toBe(true); // 32 letters and digits, then '@'
    const got = both.findAll(tricky);
    expect(got.length).toBe(2);
    expect(got[0].patternId).toBe(1);
    expect(got[0].start).toBe(72); // "abc@"
    expect(got[1].patternId).toBe(2);
    expect(got[1].start).toBe(77); // "1234567890x"
    opts.unionRepeatCap = 1000; // no lower bound relaxed: only the upper ones go
    const wide = changetype<PatternSet>(PatternSet.compile([new PatternSpec(1, "\\b\\d{16}\\b")], opts).set);
    expect(wide.newMatcher(new NoSink()).probe(bytes("id 12345678901234").dataStart, 17)).toBe(false);
  });
  test("a long counter's resolver DFAs get room for a state per count: no clear-and-rebuild at every few bytes", () => {
    const s = set1("a{300}");
    let text = "";
    for (let i = 0; i < 3; i++) text += "a".repeat(450) + "-" + "a".repeat(299) + "-";
    const got = s.findAll(bytes(text));
    expect(got.length).toBe(3); // one match per 450-run, none in the 299-runs (which the relaxed union flags)
    expect(got[1].start).toBe(751);
    expect(s.scanDfa(0).clears).toBe(0, "unanchored");
    expect(s.reverseDfa(0).clears).toBe(0, "backward");
  });
  test("literal", () => {
    expect(find("abc", "xxabcxabc")).toBe("7:2-5 7:6-9");
  });
  test("leftmost-longest", () => {
    expect(find("a+", "baaab aa")).toBe("7:1-4 7:6-8");
    expect(find("abcd|c", "abcd")).toBe("7:0-4");
    expect(find("ab|abcd", "abcde")).toBe("7:0-4");
  });
  test("word boundary and anchors", () => {
    expect(find("\\bcat\\b", "cat concat cat.")).toBe("7:0-3 7:11-14");
    expect(find("^ab", "abab")).toBe("7:0-2");
    expect(find("ab$", "abab")).toBe("7:2-4");
  });
  test("classes and repetition", () => {
    expect(find("\\d{3}-\\d{4}", "call 555-1234 now")).toBe("7:5-13");
    expect(find("[a-c]+x?", "zzabcx ab")).toBe("7:2-6 7:7-9");
  });
  test("case insensitive", () => {
    expect(find("hello", "HeLLo hello", true)).toBe("7:0-5 7:6-11");
    expect(find("(?i)hello", "HeLLo")).toBe("7:0-5");
  });
  test("an empty set compiles and matches nothing", () => {
    const set = changetype<PatternSet>(PatternSet.compile([], new EngineOptions()).set);
    expect(set.findAll(bytes("anything at all")).length).toBe(0);
  });
  test("disabled patterns are not reported; the others are unchanged", () => {
    const r = PatternSet.compile([new PatternSpec(1, "a+"), new PatternSpec(2, "b+"), new PatternSpec(3, "ab")], new EngineOptions());
    const set = changetype<PatternSet>(r.set);
    const sink = new Sink();
    const m = set.newMatcher(sink);
    m.setEnabled(1, false);
    m.feedBytes(bytes("aab bb ab"));
    m.end();
    // per pattern in order; across patterns the delivery order is not specified
    expect(sink.out).toBe(" 1:0-2 1:7-8 3:1-3 3:7-9");
  });
});

class Sink implements MatchSink {
  out: string = "";
  onMatch(patternId: i32, start: i64, end: i64): void {
    this.out += " " + patternId.toString() + ":" + start.toString() + "-" + end.toString();
  }
}

describe("a typical detector set", () => {
  test("compiles in one set and finds each kind in one pass", () => {
    const pats: string[] = [
      "[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}",
      "\\b\\d{3}-\\d{2}-\\d{4}\\b",
      "\\b(?:\\d[ -]?){12,18}\\d\\b",
      "\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\\b",
      "\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b",
      "\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b",
      "\\bgh[pousr]_[A-Za-z0-9]{36,255}\\b",
      "\\beyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{10,}",
      "-----BEGIN (?:RSA |EC |OPENSSH )?PRIVATE KEY-----",
      "(?i)(?:password|passwd|pwd)[\"']?\\s*[:=]\\s*[\"']?[^\\s\"']{6,}",
    ];
    const specs: PatternSpec[] = [];
    for (let i = 0; i < pats.length; i++) specs.push(new PatternSpec(100 + i, pats[i], i == 0));
    const r = PatternSet.compile(specs, new EngineOptions());
    expect(r.ok).toBe(true);
    const set = changetype<PatternSet>(r.set);
    expect(set.nfa.size).toBeLessThan(2000);
    const text = "mail Bob.Smith@Example.org ssn 123-45-6789 card 4539 1488 0343 6467 iban DE89 3704 0044 0532 0130 00 " +
      "ip 10.0.0.12 key AKIAIOSFODNN7EXAMPLE gh ghp_abcdefghijklmnopqrstuvwxyz0123456789 " +
      "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U " +
      "-----BEGIN RSA PRIVATE KEY----- PASSWORD: \"hunter22\"";
    const got = show(set.findAll(bytes(text)));
    // patterns overlap each other freely (the card pattern also sees the IBAN's digits; validators decide)
    expect(got).toBe("100:5-26 101:31-42 102:48-67 103:73-100 102:78-100 104:104-113 105:118-138 106:142-182 107:187-267 108:268-299 109:300-319");
  });
});
