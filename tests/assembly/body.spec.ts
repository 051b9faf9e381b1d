import { overwrite, Redaction } from "../../assembly/filter/body";
import { MaskKind } from "../../assembly/filter/inspect";
import { RedactStyle } from "../../assembly/policy/model";

function bytes(s: string): Uint8Array { return Uint8Array.wrap(String.UTF8.encode(s)); }
function text(b: Uint8Array): string { return String.UTF8.decode(b.buffer); }

describe("overwrite (same-length redaction at release)", () => {
  test("masks text spans given in absolute body offsets", () => {
    const b = bytes('{"ssn":"123-45-6789"}'); // buffer starts at body offset 100
    overwrite(b, 100, [new Redaction(108, 119)]);
    expect(text(b)).toBe('{"ssn":"***********"}');
  });
  test("masks only the part of a straddling span inside this buffer", () => {
    const b = bytes("6789 end");
    // the value started at body offset 5 in the previous buffer; this buffer starts at offset 12
    overwrite(b, 12, [new Redaction(5, 16)]);
    expect(text(b)).toBe("**** end");
  });
  test("spans outside the buffer leave it untouched", () => {
    const b = bytes("hello");
    overwrite(b, 0, [new Redaction(10, 20)]);
    expect(text(b)).toBe("hello");
  });
  test("JSON numbers stay valid numbers", () => {
    const b = bytes('{"card":4111111111111111}');
    overwrite(b, 0, [new Redaction(8, 24, MaskKind.JsonNumber, 8, 24)]);
    expect(text(b)).toBe('{"card":1000000000000000}');
  });
  test("keep_last leaves the last N characters, fixed writes its text then the mask character", () => {
    const b = bytes('"4111 1111 1111 1234"');
    const r = new Redaction(1, 20);
    r.style = RedactStyle.KeepLast; r.keep = 4;
    overwrite(b, 0, [r]);
    expect(text(b)).toBe('"***************1234"');
    const c = bytes('"sk_live_abcdefghij"');
    const f = new Redaction(1, 19);
    f.style = RedactStyle.Fixed; f.text = bytes("[SECRET]");
    overwrite(c, 0, [f]);
    expect(text(c)).toBe('"[SECRET]**********"');
  });
  test("multi-byte characters are masked whole", () => {
    const b = bytes('"né"'); // é is 2 bytes; a span ending inside it widens to the whole character
    overwrite(b, 0, [new Redaction(1, 3, MaskKind.Text, 1, 4)]);
    expect(text(b)).toBe('"***"');
  });
});
