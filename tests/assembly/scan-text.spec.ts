import { TextScanner } from "../../assembly/scan/text";
import { FormScanner, scanQueryString, scanHeader } from "../../assembly/scan/form";
import { MultipartScanner, multipartBoundary } from "../../assembly/scan/multipart";
import { createBodyScanner, bodyFormat, BodyFormat } from "../../assembly/scan/body";
import { maskValue } from "../../assembly/scan/redact";
import { JsonScanner } from "../../assembly/scan/json";
import { ProtobufScanner } from "../../assembly/scan/protobuf";
import { CollectSink } from "../../assembly/scan/collect";
import { ScanOptions, ScanFlag, Scanner, ValueSink, ScannedValue, ValueKind } from "../../assembly/scan/value";
import { JsonParser } from "../../assembly/util/json";
import { Rng, utf8, runChunks } from "./scan-helpers";



let lastFlags: i32 = 0;
function run(sc: Scanner, b: Uint8Array, maxChunk: i32, seed: u32): void { lastFlags = runChunks(sc, b, maxChunk, seed); }

function form(s: string, maxChunk: i32 = 0, seed: u32 = 1): string {
  const sink = new CollectSink();
  run(new FormScanner(sink), utf8(s), maxChunk, seed);
  return sink.joined();
}

const MP_BOUNDARY = "XyZ--b";
function mpBody(): string {
  return "preamble\r\n--XyZ--b\r\n" +
    "Content-Disposition: form-data; name=\"ssn\"\r\n\r\n" +
    "123-45-6789\r\n--XyZ--b\r\n" +
    "Content-Disposition: form-data; name=\"doc\"; filename=\"a.json\"\r\nContent-Type: application/json\r\n\r\n" +
    "{\"card\":\"4111 1111 1111 1111\"}\r\n--XyZ--b\r\n" +
    "Content-Disposition: form-data; name=\"img\"; filename=\"x.png\"\r\nContent-Type: image/png\r\n\r\n" +
    "\x01PNG\r\n--XyZ--\r\n--XyZ--b \r\n" +
    "Content-Disposition: form-data; name=\"note\"\r\n\r\n" +
    "line1\r\n--XyZ--c\r\n--XyZ--\r\n\r\n--XyZ--b--\r\nepilogue";
}

function multipart(s: string, maxChunk: i32, seed: u32): string {
  const sink = new CollectSink();
  run(new MultipartScanner(sink, MP_BOUNDARY), utf8(s), maxChunk, seed);
  return sink.joined();
}

describe("text scanner", () => {
  test("chunks arrive as continued segments of one text value", () => {
    const sink = new CollectSink();
    run(new TextScanner(sink), utf8("<p>card 4111 1111</p>"), 3, 9);
    expect(sink.joined()).toBe("text =<p>card 4111 1111</p>= [0,21)");
  });

  test("property: text content and offsets do not depend on the split", () => {
    const r = new Rng(31337);
    for (let t = 0; t < 30; t++) {
      let s = "";
      const n = r.below(200);
      for (let i = 0; i < n; i++) s += String.fromCharCode(0x20 + r.below(90));
      const whole = new CollectSink();
      run(new TextScanner(whole), utf8(s), 0, 1);
      for (let m = 1; m <= 3; m++) {
        const part = new CollectSink();
        run(new TextScanner(part), utf8(s), m == 1 ? 1 : m * 7, <u32>(t + m));
        expect(part.joined()).toBe(whole.joined());
      }
    }
  });
});

describe("form and query scanner", () => {
  test("names as keys, percent and plus decoding mapped to raw offsets", () => {
    const want = [
      "key a =a= [0,1)", "form a =1 2= [2,5)",
      "key card no =card no= [6,15) map 6 7 8 9 10 13 14",
      "form card no =4111/x= [16,24) map 16 17 18 19 20 23",
      "key flag =flag= [25,29)",
      "key e =e= [30,31)", "form e == [32,32)",
      "key p =p= [34,35)", "form p =%zz%4= [36,41)",
    ].join("\n");
    const src = "a=1+2&card%20no=4111%2Fx&flag&e=&&p=%zz%4";
    for (let ch = 0; ch <= 4; ch++) expect(form(src, ch == 0 ? 0 : ch, <u32>ch)).toBe(want);
  });

  test("query strings from a :path, header values and cookies", () => {
    const q = new CollectSink();
    scanQueryString("/api/users?email=a%40b.com&token=abc#frag", q);
    expect(q.joined()).toBe([
      "key email =email= [11,16)", "query email =a@b.com= [17,26) map 17 18 21 22 23 24 25",
      "key token =token= [27,32)", "query token =abc= [33,36)",
    ].join("\n"));
    const h = new CollectSink();
    scanHeader("Cookie", "session=s3cr3t; theme=dark", h);
    scanHeader("Set-Cookie", "sid=xyz; Path=/; HttpOnly", h);
    scanHeader("Authorization", "Bearer eyJhbGciOi", h);
    expect(h.joined()).toBe([
      "header cookie.session =s3cr3t= [8,14)", "header cookie.theme =dark= [22,26)",
      "header set-cookie.sid =xyz= [4,7)", "header authorization =Bearer eyJhbGciOi= [0,17)",
    ].join("\n"));
  });
});

describe("multipart scanner", () => {
  test("boundary from the content type", () => {
    expect(multipartBoundary("multipart/form-data; boundary=abc")).toBe("abc");
    expect(multipartBoundary("multipart/form-data; boundary=\"a b;c\"; x=1")).toBe("a b;c");
    expect(multipartBoundary("multipart/form-data")).toBe("");
  });

  test("parts by name and content type, any chunking (delimiter look-alikes stay body)", () => {
    const s = mpBody();
    const whole = multipart(s, 0, 1);
    expect(lastFlags).toBe(0);
    const i1 = s.indexOf("123-45");
    const i2 = s.indexOf("4111");
    const i3 = s.indexOf("line1");
    const i4 = s.indexOf("x.png"), i5 = s.indexOf("a.json");
    expect(whole).toBe([
      "form ssn =123-45-6789= [" + i1.toString() + "," + (i1 + 11).toString() + ")",
      "form doc.filename =a.json= [" + i5.toString() + "," + (i5 + 6).toString() + ")",
      "key doc:$.card =card= [" + (i2 - 7).toString() + "," + (i2 - 3).toString() + ")",
      "string doc:$.card =4111 1111 1111 1111= [" + i2.toString() + "," + (i2 + 19).toString() + ")",
      // an upload's file name is a value at its place in the part's headers (the PNG body is not scanned)
      "form img.filename =x.png= [" + i4.toString() + "," + (i4 + 5).toString() + ")",
      "form note =line1\r\n--XyZ--c\r\n--XyZ--\r\n= [" + i3.toString() + "," + (i3 + 26).toString() + ")",
    ].join("\n"));
    for (let ch = 1; ch < 12; ch++) {
      expect(multipart(s, ch, <u32>ch * 3)).toBe(whole);
      expect(lastFlags).toBe(0);
    }
  });

  test("file names: quoted, bare, filename*=, any case; one per part; offsets in the body", () => {
    const s = "--XyZ--b\r\nContent-Disposition: form-data; name=\"a\"; FileName=..%2f..%2fetc%2fpasswd\r\n" +
      "Content-Type: application/octet-stream\r\n\r\n\x00\x01\r\n--XyZ--b\r\n" +
      "Content-Disposition: form-data; name=\"b\"; filename*=UTF-8''%e2%82%ac.txt; filename=\"x.txt\"\r\n\r\nhello\r\n--XyZ--b\r\n" +
      "Content-Disposition: form-data; xfilename=\"no\"; name=\"c\"\r\n\r\nv\r\n--XyZ--b--\r\n";
    const out = multipart(s, 0, 1);
    const a = s.indexOf("..%2f"), b = s.indexOf("UTF-8''");
    expect(out).toBe([
      "form a.filename =..%2f..%2fetc%2fpasswd= [" + a.toString() + "," + (a + 22).toString() + ")",
      "form b.filename =UTF-8''%e2%82%ac.txt= [" + b.toString() + "," + (b + 20).toString() + ")",
      "form b =hello= [" + s.indexOf("hello").toString() + "," + (s.indexOf("hello") + 5).toString() + ")",
      "form c =v= [" + (s.lastIndexOf("\r\n\r\nv") + 4).toString() + "," + (s.lastIndexOf("\r\n\r\nv") + 5).toString() + ")",
    ].join("\n"));
    for (let ch = 1; ch < 9; ch++) expect(multipart(s, ch, <u32>ch * 5)).toBe(out);
  });

  test("unterminated and malformed multipart are flagged", () => {
    multipart("--XyZ--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue", 0, 1);
    expect(lastFlags & ScanFlag.TRUNCATED).toBe(ScanFlag.TRUNCATED);
    const out = multipart("--XyZ--bGARBAGE secret", 0, 1);
    expect(lastFlags & ScanFlag.MALFORMED).toBe(ScanFlag.MALFORMED);
    expect(out.includes("secret")).toBe(true);
  });
});

describe("body dispatch", () => {
  test("content types pick scanners", () => {
    expect(bodyFormat("application/json; charset=utf-8")).toBe(BodyFormat.Json);
    expect(bodyFormat("application/problem+json")).toBe(BodyFormat.Json);
    expect(bodyFormat("application/grpc-web+proto")).toBe(BodyFormat.Grpc);
    expect(bodyFormat("application/x-www-form-urlencoded")).toBe(BodyFormat.Form);
    expect(bodyFormat("text/html")).toBe(BodyFormat.Text);
    expect(bodyFormat("application/x-unknown")).toBe(BodyFormat.Text);
    expect(bodyFormat("image/png")).toBe(BodyFormat.Skip);
    const sink = new CollectSink();
    const sc = createBodyScanner("application/x-www-form-urlencoded", "", sink);
    sc.pushBytes(utf8("ssn=123-45-6789"), 0);
    sc.finish();
    expect(sink.joined()).toBe("key ssn =ssn= [0,3)\nform ssn =123-45-6789= [4,15)");
    const br = createBodyScanner("application/json", "br", sink);
    expect(br.flags).toBe(ScanFlag.UNSUPPORTED_ENCODING);
  });
});

/** Masks every string/number value in place (as enforcement would). */
class MaskAll extends ValueSink {
  constructor(public body: Uint8Array) { super(); }
  onValue(v: ScannedValue): void {
    if (v.kind == ValueKind.Key || v.kind == ValueKind.Text || v.len == 0) return;
    maskValue(this.body.dataStart, 0, this.body.length, v, 0, v.len);
  }
}

describe("redaction in place", () => {
  test("masked JSON re-parses with the same structure", () => {
    const src = '{"card":"4111\\u00201111","n":[4111111111111111,-0.5e3,7],"nested":{"s":"é\\"x"}}';
    const body = utf8(src);
    const sc = new JsonScanner(new MaskAll(body));
    for (let i = 0; i < body.length; i += 3) sc.pushBytes(body.slice(i, min(i + 3, body.length)), i);
    sc.finish();
    const out = String.UTF8.decode(body.buffer);
    expect(body.length).toBe(utf8(src).length);
    const v = JsonParser.parseString(out).parse();
    expect(v).not.toBeNull(out);
    expect(out).toBe('{"card":"**************","n":[1000000000000000,-0.0e0,0],"nested":{"s":"*****"}}');
  });

  test("masked protobuf keeps its structure", () => {
    // {1: "4111111111111111", 2: 123456789, 3: {1: "ssn 123-45-6789"}}
    const m: u8[] = [0x0a, 16];
    const s1 = utf8("4111111111111111");
    for (let i = 0; i < s1.length; i++) m.push(s1[i]);
    m.push(0x10); m.push(0x95); m.push(0x9a); m.push(0xef); m.push(0x3a);
    const s2 = utf8("ssn 123-45-6789");
    m.push(0x1a); m.push(<u8>(s2.length + 2)); m.push(0x0a); m.push(<u8>s2.length);
    for (let i = 0; i < s2.length; i++) m.push(s2[i]);
    const body = new Uint8Array(m.length);
    for (let i = 0; i < m.length; i++) body[i] = m[i];
    const sc = new ProtobufScanner(new MaskAll(body));
    sc.pushBytes(body, 0);
    sc.finish();
    const after = new CollectSink();
    const sc2 = new ProtobufScanner(after);
    sc2.pushBytes(body, 0);
    sc2.finish();
    expect(sc2.flags).toBe(0);
    expect(after.joined()).toBe("string 1 =****************= [2,18)\nnumber 2 =0= [19,23)\nstring 3.1 =***************= [27,42)");
  });
});
