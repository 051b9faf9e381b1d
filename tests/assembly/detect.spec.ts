import { DetectorSet, DetectorDef, ValidatorRef, ValidatorRunner, Finding, FindingSink, categoryOf, globMatch, lastKeySegment, escapeLiteral } from "../../assembly/detect/index";

// Fake validators: 1 = Luhn (real algorithm, small), 2 = "length >= param"
class FakeValidators implements ValidatorRunner {
  calls: i32 = 0;
  run(validatorId: i32, param: f64, bytes: Uint8Array, start: i32, end: i32): bool {
    this.calls++;
    if (validatorId == 1) {
      let sum = 0, n = 0;
      for (let i = end - 1; i >= start; i--) {
        const c = <i32>bytes[i];
        if (c < 0x30 || c > 0x39) continue;
        let d = c - 0x30;
        if ((n & 1) == 1) { d *= 2; if (d > 9) d -= 9; }
        sum += d; n++;
      }
      return n >= 12 && sum % 10 == 0;
    }
    if (validatorId == 2) return <f64>(end - start) >= param;
    return false;
  }
}

class Collect implements FindingSink {
  fs: Finding[] = [];
  onFinding(f: Finding): void { this.fs.push(f); }
}

function b(s: string): Uint8Array { return Uint8Array.wrap(String.UTF8.encode(s)); }

function build(defs: DetectorDef[], v: FakeValidators): DetectorSet {
  const r = DetectorSet.build(defs, v);
  if (!r.ok) throw new Error(r.error);
  return changetype<DetectorSet>(r.set);
}

function run(set: DetectorSet, value: string, key: string): string {
  const c = new Collect();
  const bytes = b(value);
  set.detectValue(bytes, 0, bytes.length, key, c);
  let out = "";
  for (let i = 0; i < c.fs.length; i++) {
    const f = c.fs[i];
    out += (i > 0 ? " " : "") + set.detectors[f.detector].id + "@" + f.start.toString() + "-" + f.end.toString() + (f.boosted ? "+" : "");
  }
  return out;
}

/** Each row: value, key path, expected findings (as `run` prints them). */
function expectRows(set: DetectorSet, rows: string[][]): void {
  for (let i = 0; i < rows.length; i++) expect(run(set, rows[i][0], rows[i][1])).toBe(rows[i][2], rows[i][0] + " under " + rows[i][1]);
}

function defs(): DetectorDef[] {
  const card = new DetectorDef("pii.credit_card", "\\b(?:\\d[ -]?){12,18}\\d\\b");
  card.validators = [new ValidatorRef(1)];
  card.boost = ["card*", "pan"];
  card.exclude = ["*_id", "uuid"];
  card.except = ["4111111111111111"];
  const ssn = new DetectorDef("pii.ssn", "\\b\\d{3}-\\d{2}-\\d{4}\\b|\\b\\d{9}\\b");
  ssn.require = ["ssn", "*social*"];
  const name = new DetectorDef("pii.person_name", "[A-Z][a-z]+ [A-Z][a-z]+");
  name.contextOnly = true;
  name.boost = ["name", "*_name"];
  const tok = new DetectorDef("secret.generic_api_key.vendor");
  tok.literals = ["sk_live_", "x.y+z"];
  tok.caseInsensitive = true;
  tok.except = ["X.Y+Z"];
  const email = new DetectorDef("pii.email", "[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}");
  email.caseInsensitive = true;
  email.except = ["*@example.com"];
  email.validators = [new ValidatorRef(2, 8)];
  return [card, ssn, name, tok, email];
}

describe("detector runtime", () => {
  test("helpers: category, globs, key segments, literal escaping", () => {
    expect(categoryOf("pii.phone.us")).toBe("pii.phone");
    expect(categoryOf("pii.email")).toBe("pii.email");
    expect(categoryOf("secret")).toBe("secret");
    expect(globMatch("*_id", "user_id")).toBe(true);
    expect(globMatch("*_id", "idx")).toBe(false);
    expect(globMatch("c?rd*", "card_number")).toBe(true);
    expect(globMatch("$.a.**", "$.a.b.c")).toBe(true);
    expect(lastKeySegment("$.user.ssn")).toBe("ssn");
    expect(lastKeySegment("$.items[3]")).toBe("items");
    expect(lastKeySegment("1.3.2")).toBe("2");
    expect(lastKeySegment("$")).toBe("");
    expect(escapeLiteral("a.b")).toBe("a\\x2eb");
  });

  test("pattern + validator: Luhn-valid cards only", () => {
    const set = build(defs(), new FakeValidators());
    expect(run(set, "pay 4539 1488 0343 6467 now", "$.note")).toBe("pii.credit_card@4-23");
    expect(run(set, "pay 4539 1488 0343 6468 now", "$.note")).toBe("");
  });

  test("key context: exclude, require, boost, context_only", () => {
    expectRows(build(defs(), new FakeValidators()), [
      ["4539148803436467", "$.order.payment_id", ""],
      ["4539148803436467", "$.card_number", "pii.credit_card@0-16+"],
      ["123-45-6789", "$.note", ""],
      ["123-45-6789", "$.user.SSN", "pii.ssn@0-11"],
      ["123456789", "$.socialSecurity", "pii.ssn@0-9"],
      ["Jane Doe", "$.comment", ""],
      ["Jane Doe", "$.user.full_name", "pii.person_name@0-8+"],
    ]);
  });

  test("literals (case-insensitive, escaped) and except values (exact and glob)", () => {
    const set = build(defs(), new FakeValidators());
    // "xay+z" is not "x.y+z" (the dot is escaped); "x.Y+Z" is an except value (case-insensitive detector)
    expect(run(set, "key=SK_LIVE_abc x.Y+Z xay+z", "")).toBe("secret.generic_api_key.vendor@4-12");
    expect(run(set, "x.y+z", "")).toBe("");
    expect(run(set, "mail bob@corp.io or a@example.com", "")).toBe("pii.email@5-16");
    // the validator (length >= 8) rejects a short address
    expect(run(set, "a@b.io", "")).toBe("");
    expect(run(set, "4111111111111111", "$.card")).toBe("");
  });

  test("offsets are in the given bytes; findings sorted; validators run only on candidates", () => {
    const v = new FakeValidators();
    const set = build(defs(), v);
    const bytes = b("xxxx{\"ssn\":\"123-45-6789\",\"m\":\"jo@corp.com\"}");
    const c = new Collect();
    // value "123-45-6789" sits at [12, 23)
    const n = set.detectValue(bytes, 12, 23, "$.ssn", c);
    expect(n).toBe(1);
    expect(c.fs[0].start).toBe(12);
    expect(c.fs[0].end).toBe(23);
    const before = v.calls;
    const plain = b("nothing to see here, just words and 42 numbers");
    set.detectValue(plain, 0, plain.length, "$.text", new Collect());
    expect(v.calls).toBe(before);
    // restricting enabled detectors
    const en = new StaticArray<bool>(5);
    en[4] = true;
    const c2 = new Collect();
    const mixed = b("4539148803436467 bob@corp.io");
    set.detectValue(mixed, 0, mixed.length, "", c2, en);
    expect(c2.fs.length).toBe(1);
    expect(set.detectors[c2.fs[0].detector].id).toBe("pii.email");
  });

  test("key-gated detectors each scan alone: several under one key, path globs, route masks", () => {
    // a password pattern that matches anything must not stand in for the token detector under `token`
    const pw = new DetectorDef("secret.password", "[^\\x00-\\x1f]{1,256}");
    pw.contextOnly = true;
    pw.require = ["password", "secret"];
    const tok = new DetectorDef("secret.token", "[A-Za-z0-9]{16,64}");
    tok.require = ["token", "secret"];
    const pin = new DetectorDef("pii.pin", "\\b\\d{4}\\b");
    pin.require = ["$.card.**.pin"];
    const mail = new DetectorDef("pii.email", "[a-z]+@[a-z]+\\.io");
    const set = build([pw, tok, pin, mail], new FakeValidators());
    expectRows(set, [
      ["abcd1234efgh5678", "$.secret", "secret.password@0-16 secret.token@0-16"],
      ["abcd1234efgh5678 x", "$.token", "secret.token@0-16"],
      ["hunter2 x", "$.password", "secret.password@0-9"],
      ["hunter2 x", "$.note", ""],
      ["pin 1234, bo@corp.io", "$.card.x.pin", "pii.pin@4-8 pii.email@10-20"],
      ["pin 1234", "$.user.pin", ""],
    ]);
    // the route's mask switches the password detector off: the token one still fires under `secret`
    const en = new StaticArray<bool>(4);
    en[1] = true; en[2] = true; en[3] = true;
    const c = new Collect();
    const v = b("abcd1234efgh5678");
    set.detectValue(v, 0, v.length, "$.secret", c, en);
    expect(c.fs.length).toBe(1);
    expect(set.detectors[c.fs[0].detector].id).toBe("secret.token");
    // a gated detector's bad pattern is reported under its own id
    const bad = new DetectorDef("secret.bad", "a{2,1}");
    bad.contextOnly = true;
    const r = DetectorSet.build([mail, bad], new FakeValidators());
    expect(r.ok).toBe(false);
    expect(r.detectorIndex).toBe(1);
    expect(r.error.startsWith("detector secret.bad: pattern at byte ")).toBe(true);
  });

  test("bad definitions are rejected with the detector named", () => {
    const d = new DetectorDef("pii.bad", "ab(?=c)");
    const r = DetectorSet.build([d], new FakeValidators());
    expect(r.ok).toBe(false);
    expect(r.detectorIndex).toBe(0);
    expect(r.error).toBe("detector pii.bad: pattern at byte 2: lookahead is not supported");
    const e = DetectorSet.build([new DetectorDef("pii.empty", "")], new FakeValidators());
    expect(e.ok).toBe(false);
  });
});
