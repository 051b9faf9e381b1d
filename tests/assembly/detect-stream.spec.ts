import { DetectorSet, DetectorDef, ValidatorRunner, ValidatorRef, Finding, FindingSink } from "../../assembly/detect/index";

class NoValidators implements ValidatorRunner {
  run(validatorId: i32, param: f64, bytes: Uint8Array, start: i32, end: i32): bool { return true; }
}

class Collect implements FindingSink {
  out: string[] = [];
  onFinding(f: Finding): void { this.out.push(f.detector.toString() + "@" + f.start.toString() + "-" + f.end.toString()); }
}

function set(): DetectorSet {
  const defs = [new DetectorDef("secret.aws", "\\bAKIA[A-Z2-7]{16}\\b"), new DetectorDef("pii.ssn", "\\b\\d{3}-\\d{2}-\\d{4}\\b"), new DetectorDef("t.word", "\\bneedle$")];
  return changetype<DetectorSet>(DetectorSet.build(defs, new NoValidators()).set);
}

function bytes(s: string): Uint8Array { return Uint8Array.wrap(String.UTF8.encode(s)); }

describe("DetectorSet streaming", () => {
  test("a value fed in segments, split at every position, gives the whole-value findings", () => {
    const text = "key AKIAABCDEFGHIJKLMNOP and 123-45-6789, xAKIAABCDEFGHIJKLMNOP no; end needle";
    const b = bytes(text);
    const ds = set();
    const whole = new Collect();
    ds.detectValue(b, 0, b.length, "", whole);
    expect(whole.out.length).toBe(3);
    for (let cut = 1; cut < b.length; cut++) {
      const c = new Collect();
      expect(ds.beginStream("")).toBe(true);
      ds.feedStream(b, 0, cut, c);
      ds.feedStream(b, cut, b.length, c);
      ds.endStream(c);
      c.out.sort();
      const w = whole.out.slice(0);
      w.sort();
      expect(c.out.join(",")).toBe(w.join(","), "cut at " + cut.toString());
    }
  });

  test("three-way splits and 1-byte segments", () => {
    const b = bytes("aa 123-45-6789 bb AKIAABCDEFGHIJKLMNOP needle");
    const ds = set();
    const c = new Collect();
    ds.beginStream("");
    for (let i = 0; i < b.length; i++) ds.feedStream(b, i, i + 1, c);
    ds.endStream(c);
    expect(c.out.join(",")).toBe("1@3-14,0@18-38,2@39-45");
  });
});

class Ipv4Only implements ValidatorRunner {
  // as validators/net.ts ipv4: "1.2.3.4" directly followed by ".5" is part of a longer dotted run, not an address
  run(validatorId: i32, param: f64, bytes: Uint8Array, start: i32, end: i32): bool {
    return !(end + 1 < bytes.length && bytes[end] == 0x2e && bytes[end + 1] >= 0x30 && bytes[end + 1] <= 0x39);
  }
}

describe("DetectorSet streaming: validators that look past a match", () => {
  test("a candidate at a segment's end is judged once the bytes after it have arrived", () => {
    const d = new DetectorDef("pii.ip", "\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b");
    d.validators.push(new ValidatorRef(0, 0));
    const ds = changetype<DetectorSet>(DetectorSet.build([d], new Ipv4Only()).set);
    for (let k = 0; k < 2; k++) {
      const text = k == 0 ? "v 10.1.2.3.4 x 10.9.8.7 y" : "10.1.2.3.4";
      const b = bytes(text);
      const whole = new Collect();
      ds.detectValue(b, 0, b.length, "", whole);
      for (let cut = 1; cut < b.length; cut++) {
        const c = new Collect();
        ds.beginStream("");
        ds.feedStream(b, 0, cut, c);
        ds.feedStream(b, cut, b.length, c);
        ds.endStream(c);
        expect(c.out.join(",")).toBe(whole.out.join(","), text + " cut at " + cut.toString());
      }
    }
  });
});
