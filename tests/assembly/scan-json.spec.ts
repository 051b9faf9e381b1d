import { JsonScanner } from "../../assembly/scan/json";
import { CollectSink } from "../../assembly/scan/collect";
import { ScanOptions, ScanFlag } from "../../assembly/scan/value";



/** Scans `s` split into chunks of the sizes `rng` draws (maxChunk 0 = one chunk). */
function scan(s: string, maxChunk: i32 = 0, seed: u32 = 1, opts: ScanOptions = new ScanOptions()): CollectSink {
  const sink = new CollectSink();
  const sc = new JsonScanner(sink, opts);
  const b = utf8(s);
  lastFlags = runChunks(sc, b, maxChunk, seed);
  sink.flushText();
  return sink;
}
let lastFlags: i32 = 0;


function genString(r: Rng): string {
  const n = r.below(12);
  let s = "\"";
  for (let i = 0; i < n; i++) {
    const k = r.below(14);
    if (k == 0) s += "\\n";
    else if (k == 1) s += "\\u00e9";
    else if (k == 2) s += "\\ud83d\\ude00";
    else if (k == 3) s += "\\\"";
    else if (k == 4) s += "é";
    else if (k == 5) s += "\\/";
    else if (k == 6) s += "\\u0034";
    else s += String.fromCharCode(0x61 + r.below(26));
  }
  return s + "\"";
}

function genValue(r: Rng, depth: i32): string {
  const k = depth > 4 ? r.below(4) : r.below(7);
  if (k == 0) return genString(r);
  if (k == 1) return (r.below(2) == 0 ? "-" : "") + (r.next() % 1000000000).toString() + (r.below(3) == 0 ? ".25e+3" : "");
  if (k == 2) return r.below(2) == 0 ? "true" : "null";
  if (k == 3) return "4111111111111111";
  if (k == 4 || k == 5) {
    const n = r.below(4);
    let s = "{";
    for (let i = 0; i < n; i++) {
      if (i > 0) s += r.below(4) == 0 ? " ,\n" : ",";
      s += (r.below(3) == 0 ? genString(r) : "\"k" + r.below(5).toString() + "\"") + (r.below(2) == 0 ? ":" : " : ") + genValue(r, depth + 1);
    }
    return s + "}";
  }
  const n = r.below(4);
  let s = "[ ";
  for (let i = 0; i < n; i++) { if (i > 0) s += ", "; s += genValue(r, depth + 1); }
  return s + "]";
}

describe("JSON scanner", () => {
  test("keys, strings and numbers with paths and raw offsets", () => {
    const out = scan('{"a":{"b":[1,"x",{"c":"4111"}]}}').joined();
    expect(out).toBe([
      "key $.a =a= [2,3)",
      "key $.a.b =b= [7,8)",
      "number $.a.b[0] =1= [11,12)",
      "string $.a.b[1] =x= [14,15)",
      "key $.a.b[2].c =c= [19,20)",
      "string $.a.b[2].c =4111= [23,27)",
    ].join("\n"));
    expect(lastFlags).toBe(0);
  });

  test("escapes are decoded and map back to their raw bytes", () => {
    //            0123456 7890123456 78 901234567890 1 2345
    const src = '{"k":"a\\u00e9\\n\\ud83d\\ude00b\\/"}';
    const out = scan(src).joined();
    // a(6) é(7..12, 2 bytes) \n(13..14) 😀(15..26, 4 bytes) b(27) /(28..29), closing quote at 30
    expect(out).toBe("key $.k =k= [2,3)\nstring $.k =a\u00e9\n\ud83d\ude00b/= [6,30) map 6 7 7 13 15 15 15 15 27 28");
  });

  test("raw span of a decoded range covers whole escapes", () => {
    const sink = new SpanSink();
    const sc = new JsonScanner(sink);
    sc.pushBytes(utf8('["x\\u0034\\u0031\\u0031\\u0031y"]'), 100);
    sc.finish();
    // decoded "x4111y": bytes 1..5 are the four escapes at raw 103..127
    expect(sink.start).toBe(103);
    expect(sink.end).toBe(127);
  });

  test("numbers are delivered as their raw text", () => {
    const out = scan('{"ssn":123456789,"f":-1.5e3,"z":0}').joined();
    expect(out).toBe([
      "key $.ssn =ssn= [2,5)", "number $.ssn =123456789= [7,16)",
      "key $.f =f= [18,19)", "number $.f =-1.5e3= [21,27)",
      "key $.z =z= [29,30)", "number $.z =0= [32,33)",
    ].join("\n"));
  });

  test("odd keys are quoted in the path", () => {
    const out = scan('{"a.b":{"c \\"d":[[true,"v"]]}}').joined();
    expect(out).toBe([
      "key $[\"a.b\"] =a.b= [2,5)",
      "key $[\"a.b\"][\"c \\\"d\"] =c \"d= [9,14) map 9 10 11 13",
      "string $[\"a.b\"][\"c \\\"d\"][0][1] =v= [24,25)",
    ].join("\n"));
  });

  test("array indexes of several digits, and non-ASCII keys, in the path", () => {
    let arr = "[";
    for (let i = 0; i < 105; i++) arr += (i > 0 ? "," : "") + i.toString();
    const out = scan('{"é":{"k_1":' + arr + ',{"x":"v"}]}}').joined().split("\n");
    expect(out[2]).toBe("number $[\"é\"].k_1[0] =0= [14,15)");
    expect(out[12].startsWith("number $[\"é\"].k_1[10] =10= ")).toBe(true);
    expect(out[out.length - 1].startsWith("string $[\"é\"].k_1[105].x =v= ")).toBe(true);
  });

  test("NDJSON and concatenated documents carry their index", () => {
    const out = scan('{"a":1}\n{"a":"x"}\n7 "y"').joined();
    expect(out).toBe([
      "key $.a =a= [2,3)", "number $.a =1= [5,6)",
      "key $.a =a= [10,11) doc1", "string $.a =x= [14,15) doc1",
      "number $ =7= [18,19) doc2", "string $ =y= [21,22) doc3",
    ].join("\n"));
    expect(lastFlags).toBe(0);
  });

  test("malformed JSON: flagged, value so far delivered, rest scanned as text", () => {
    const out = scan('{"a":1,,"b":"secret"}').joined();
    expect(out).toBe("key $.a =a= [2,3)\nnumber $.a =1= [5,6)\ntext =,\"b\":\"secret\"}= [7,21)");
    expect(lastFlags & ScanFlag.MALFORMED).toBe(ScanFlag.MALFORMED);
    const bad = ['{"a" 1}', '"\\q"', '[1,2}', '{"a":tru}', '{"a":"x\ny"}', "-", '{"a":01}', "}"];
    for (let i = 0; i < bad.length; i++) {
      for (let ch = 0; ch <= 2; ch++) {
        scan(bad[i], ch, 7);
        expect(lastFlags & ScanFlag.MALFORMED).toBe(ScanFlag.MALFORMED, bad[i]);
      }
    }
  });

  test("truncated bodies are flagged and the partial value delivered", () => {
    const out = scan('{"a":"4111 11').joined();
    expect(out).toBe("key $.a =a= [2,3)\nstring $.a =4111 11= [6,13)");
    expect(lastFlags & ScanFlag.TRUNCATED).toBe(ScanFlag.TRUNCATED);
    scan('[1,2');
    expect(lastFlags & ScanFlag.TRUNCATED).toBe(ScanFlag.TRUNCATED);
    scan('42');
    expect(lastFlags).toBe(0);
  });

  test("depth limit: flagged, structure dropped, rest scanned as text", () => {
    const o = new ScanOptions();
    o.maxDepth = 3;
    const out = scan('[["a",[[ "deep" ]]]]', 0, 1, o).joined();
    expect(out).toBe("string $[0][0] =a= [3,4)\ntext =[ \"deep\" ]]]]= [7,20)");
    expect(lastFlags & ScanFlag.DEPTH_EXCEEDED).toBe(ScanFlag.DEPTH_EXCEEDED);
  });

  test("nesting past the frames allocated up front: paths keep every level's key, in any chunking", () => {
    // 20 levels of {"kN": ...} then a value, then back out to a sibling three levels down
    let doc = "";
    for (let i = 0; i < 20; i++) doc += "{\"k" + i.toString() + "\":";
    doc += "\"v\"";
    for (let i = 0; i < 17; i++) doc += "}";
    doc += ",\"s\":[1,{\"t\":\"w\"}]}}}";
    let path = "$";
    for (let i = 0; i < 20; i++) path += ".k" + i.toString();
    for (let chunk = 0; chunk <= 7; chunk += 7) {
      const out = scan(doc, chunk, 3).joined().split("\n").filter((l) => !l.startsWith("key "));
      const v = doc.indexOf("\"v\"") + 1, one = doc.indexOf("[1,") + 1, w = doc.indexOf("\"w\"") + 1;
      // closing 17 of 20 objects leaves three open: "s" replaces k2 as the third frame's key
      expect(out.join("\n")).toBe("string " + path + " =v= [" + v.toString() + "," + (v + 1).toString() + ")\n"
        + "number $.k0.k1.s[0] =1= [" + one.toString() + "," + (one + 1).toString() + ")\n"
        + "string $.k0.k1.s[1].t =w= [" + w.toString() + "," + (w + 1).toString() + ")");
    }
  });

  test("long strings arrive in segments with continued flags and exact offsets", () => {
    const o = new ScanOptions();
    o.maxValueBytes = 8;
    const out = scan('{"k":"0123456789abcdefXYZ","e":"\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9"}', 0, 1, o).joined();
    expect(out).toBe([
      "key $.k =k= [2,3)",
      "string $.k =01234567= [6,14) more",
      "string $.k =89abcdef= [14,22) cont more",
      "string $.k =XYZ= [22,25) cont",
      "key $.e =e= [28,29)",
      "string $.e =\u00e9\u00e9\u00e9\u00e9= [32,56) more map 32 32 38 38 44 44 50 50",
      "string $.e =\u00e9= [56,62) cont map 56 56",
    ].join("\n"));
  });

  test("property: every chunk split gives the same values, paths and offsets", () => {
    const r = new Rng(12345);
    const o = new ScanOptions();
    o.maxValueBytes = 16; // exercise segmenting too
    for (let t = 0; t < 100; t++) {
      let doc = genValue(r, 0);
      if (r.below(3) == 0) doc += "\n" + genValue(r, 0); // NDJSON
      if (r.below(6) == 0) doc = doc.slice(0, r.below(doc.length + 1)); // truncated / malformed
      if (r.below(6) == 0) doc = doc + "}\"tail";
      const whole = scan(doc, 0, 1, o).joined();
      const wf = lastFlags;
      for (let m = 1; m <= 5; m++) {
        const split = scan(doc, m == 5 ? 1 : m * 3, <u32>(t * 31 + m), o).joined();
        expect(split).toBe(whole, doc);
        expect(lastFlags).toBe(wf, doc);
      }
    }
  });
});

import { ValueSink, ScannedValue, ValueKind } from "../../assembly/scan/value";
class SpanSink extends ValueSink {
  start: i64 = -1;
  end: i64 = -1;
  onValue(v: ScannedValue): void {
    if (v.len == 6) { this.start = v.rawSpanStart(1); this.end = v.rawSpanEnd(5); }
  }
}

describe("JSON scanner robustness", () => {
  test("random bytes and mutated documents never trap", () => {
    const r = new Rng(555);
    for (let t = 0; t < 150; t++) {
      let doc = genValue(r, 0);
      const b = utf8(doc);
      // mutate a few bytes, sometimes to raw garbage
      const k = r.below(4);
      for (let m = 0; m < k && b.length > 0; m++) b[r.below(b.length)] = <u8>r.below(256);
      const sink = new CollectSink();
      const sc = new JsonScanner(sink);
      let off = 0;
      while (off < b.length) {
        const n = min(1 + r.below(7), b.length - off);
        sc.pushBytes(b.slice(off, off + n), off);
        off += n;
      }
      sc.finish();
      // whatever happened, text fallback must cover the body's tail contiguously
      expect(sink.joined().includes("BROKEN")).toBe(false);
    }
  });

  test("a scanner is reusable after reset()", () => {
    const sink = new CollectSink();
    const sc = new JsonScanner(sink);
    sc.pushBytes(utf8('{"a":'), 0);
    sc.reset();
    sc.pushBytes(utf8('{"b":"x"}'), 0);
    sc.finish();
    expect(sink.joined()).toBe("key $.a =a= [2,3)\nkey $.b =b= [2,3)\nstring $.b =x= [6,7)");
    expect(sc.flags).toBe(0);
  });
});

import { JsonParser } from "../../assembly/util/json";
import { Rng, utf8, runChunks } from "./scan-helpers";

/** Checks every whole string/key against an independent decoder applied to its raw span. */
class OracleSink extends ValueSink {
  checked: i32 = 0;
  bad: string = "";
  constructor(public body: Uint8Array) { super(); }
  onValue(v: ScannedValue): void {
    if ((v.kind != ValueKind.String && v.kind != ValueKind.Key) || v.continued || v.more) return;
    if (v.rawStart < 0 || v.rawEnd > <i64>this.body.length) { this.bad = "span out of body"; return; }
    const raw = String.UTF8.decodeUnsafe(this.body.dataStart + <usize>v.rawStart, <usize>(v.rawEnd - v.rawStart), false);
    const ref = JsonParser.parseString("\"" + raw + "\"").parse();
    if (ref === null) return; // truncated/malformed value: no reference
    if (ref.str != v.text()) this.bad = raw + " -> " + v.text();
    // every decoded byte's raw span must decode to bytes that contain it
    this.checked++;
  }
}

describe("JSON scanner oracle", () => {
  test("raw spans decode (independently) to the delivered values", () => {
    const r = new Rng(8080);
    let total = 0;
    for (let t = 0; t < 80; t++) {
      const doc = genValue(r, 0);
      const b = utf8(doc);
      const o = new OracleSink(b);
      const sc = new JsonScanner(o);
      let off = 0;
      while (off < b.length) {
        const n = min(1 + r.below(5), b.length - off);
        sc.pushBytes(b.slice(off, off + n), off);
        off += n;
      }
      sc.finish();
      expect(o.bad).toBe("", doc);
      total += o.checked;
    }
    expect(total).toBeGreaterThan(100);
  });
});
