import { overwrite, Redaction } from "../../assembly/filter/body";

function bytes(s: string): Uint8Array { return Uint8Array.wrap(String.UTF8.encode(s)); }
function text(b: Uint8Array): string { return String.UTF8.decode(b.buffer); }

describe("overwrite (redaction inside one released buffer)", () => {
  test("masks spans given in absolute body offsets", () => {
    const b = bytes('{"ssn":"123-45-6789"}'); // buffer starts at body offset 100
    overwrite(b, 100, [new Redaction(108, 119, bytes("***********"))]);
    expect(text(b)).toBe('{"ssn":"***********"}');
  });
  test("masks only the part of a straddling span inside this buffer, aligned to the mask", () => {
    const b = bytes("6789 end");
    // the value started at body offset 5 in the previous buffer; this buffer starts at offset 12
    overwrite(b, 12, [new Redaction(5, 16, bytes("ABCDEFGHIJK"))]);
    expect(text(b)).toBe("HIJK end");
  });
  test("spans outside the buffer leave it untouched", () => {
    const b = bytes("hello");
    overwrite(b, 0, [new Redaction(10, 20, bytes("xxxxxxxxxx"))]);
    expect(text(b)).toBe("hello");
  });
});
