import { ProtobufScanner, validMessage, utf8Check } from "../../assembly/scan/protobuf";
import { ProtoSchema } from "../../assembly/scan/protoschema";
import { GrpcScanner, isGrpcContentType } from "../../assembly/scan/grpc";
import { CollectSink } from "../../assembly/scan/collect";
import { ScanOptions, ScanFlag, Scanner } from "../../assembly/scan/value";
import { Rng, utf8, runChunks } from "./scan-helpers";

// gzip / zlib of the message {1: "alice", 2: "123-45-6789"}, made with Node's zlib
const GZ_MSG = "1f8b0800000000000003e3624dccc94c4e15e2363432d63531d53533b7b00400c7dcf9ef14000000";
const ZL_MSG = "789ce3624dccc94c4e15e2363432d63531d53533b7b004002f7d0462";


/** A tiny protobuf encoder for the tests. */
class Enc {
  b: u8[] = [];
  varint(v: u64): Enc { while (v >= 0x80) { this.b.push(<u8>(v | 0x80)); v >>= 7; } this.b.push(<u8>v); return this; }
  tag(f: i32, wt: i32): Enc { return this.varint(<u64>((f << 3) | wt)); }
  num(f: i32, v: u64): Enc { return this.tag(f, 0).varint(v); }
  fixed32(f: i32, v: u32): Enc { this.tag(f, 5); for (let i = 0; i < 4; i++) this.b.push(<u8>(v >> (i * 8))); return this; }
  fixed64(f: i32, v: u64): Enc { this.tag(f, 1); for (let i = 0; i < 8; i++) this.b.push(<u8>(v >> (<u64>i * 8))); return this; }
  bytes(f: i32, d: u8[]): Enc { this.tag(f, 2).varint(<u64>d.length); for (let i = 0; i < d.length; i++) this.b.push(d[i]); return this; }
  str(f: i32, s: string): Enc {
    const u = Uint8Array.wrap(String.UTF8.encode(s));
    const d: u8[] = [];
    for (let i = 0; i < u.length; i++) d.push(u[i]);
    return this.bytes(f, d);
  }
  msg(f: i32, m: Enc): Enc { return this.bytes(f, m.b); }
  u8a(): Uint8Array { const o = new Uint8Array(this.b.length); for (let i = 0; i < o.length; i++) o[i] = this.b[i]; return o; }
}

function frame(m: Enc, flag: u8 = 0): u8[] {
  const n = m.b.length;
  const out: u8[] = [flag, <u8>(n >> 24), <u8>(n >> 16), <u8>(n >> 8), <u8>n];
  for (let i = 0; i < n; i++) out.push(m.b[i]);
  return out;
}

function unhex(h: string): u8[] {
  const out: u8[] = [];
  for (let i = 0; i + 1 < h.length; i += 2) out.push(<u8>I32.parseInt(h.substr(i, 2), 16));
  return out;
}

function toU8(a: u8[]): Uint8Array { const o = new Uint8Array(a.length); for (let i = 0; i < o.length; i++) o[i] = a[i]; return o; }

let lastFlags: i32 = 0;
function run(sc: Scanner, b: Uint8Array, maxChunk: i32, seed: u32): void { lastFlags = runChunks(sc, b, maxChunk, seed); }

function pb(b: Uint8Array, maxChunk: i32 = 0, schema: ProtoSchema | null = null, root: i32 = -1, opts: ScanOptions = new ScanOptions()): string {
  const sink = new CollectSink();
  run(new ProtobufScanner(sink, opts, schema, root), b, maxChunk, 3);
  return sink.joined();
}

function grpc(b: Uint8Array, maxChunk: i32 = 0, seed: u32 = 5, enc: string = "identity", schema: ProtoSchema | null = null, root: i32 = -1): string {
  const sink = new CollectSink();
  run(new GrpcScanner(sink, new ScanOptions(), schema, root, enc), b, maxChunk, seed);
  return sink.joined();
}

const SCHEMA = '{"types":[' +
  '{"name":"pkg.User","fields":[[1,"name","string"],[2,"ssn","string"],[3,"address","pkg.Address"],[4,"ids","int32"],[5,"delta","sint64"],[6,"photo","bytes"],[7,"score","double"]]},' +
  '{"name":"pkg.Address","fields":[[1,"street","string"],[2,"zip","uint32"]]},' +
  '{"name":"pkg.Req","fields":[[1,"id","string"]]}],' +
  '"methods":{"/pkg.Users/Get":["pkg.Req","pkg.User"]}}';

describe("protobuf scanner", () => {
  test("schemaless: numbers, text, nested messages, bytes skipped", () => {
    const m = new Enc().str(1, "alice").num(2, 123456789)
      .msg(3, new Enc().str(1, "4111111111111111").fixed32(2, 7))
      .bytes(4, [0xff, 0xfe, 0x00]).fixed64(5, 1234567890123);
    const out = pb(m.u8a());
    expect(out).toBe([
      "string 1 =alice= [2,7)",
      "number 2 =123456789= [8,12)",
      "string 3.1 =4111111111111111= [16,32)",
      "number 3.2 =7= [33,37)",
      "number 5 =1234567890123= [43,51)",
    ].join("\n"));
    expect(lastFlags).toBe(0);
  });

  test("printable text is not mistaken for a message; binary that parses is a message", () => {
    // "  " = 0x20 0x20 would parse as field 4 varint 32
    expect(pb(new Enc().str(1, "  ").u8a())).toBe("string 1 =  = [2,4)");
    expect(validMessage(toU8([0x20, 0x20]).dataStart, 2)).toBe(true);
    expect(validMessage(toU8([0x0a, 0x05, 0x61]).dataStart, 3)).toBe(false);
    expect(utf8Check(toU8([0xc3, 0xa9]).dataStart, 2, true)).toBe(true);
    expect(utf8Check(toU8([0xc0, 0xaf]).dataStart, 2, false)).toBe(false);
    expect(utf8Check(toU8([0xed, 0xa0, 0x80]).dataStart, 3, false)).toBe(false);
  });

  test("schema-aware paths, typed numbers, packed fields, unknown fields by number", () => {
    const schema = ProtoSchema.fromJson(SCHEMA);
    expect(schema.error).toBe("");
    const root = schema.methodType("/pkg.Users/Get", true);
    expect(root).toBe(schema.typeIndex("pkg.User"));
    const m = new Enc().str(1, "Ann").str(2, "123-45-6789")
      .msg(3, new Enc().str(1, "1 Main St").num(2, 94110))
      .bytes(4, [0x05, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]) // packed int32: 5, -1
      .num(5, 3) // sint64 zigzag: -2
      .bytes(6, [0x89, 0x50]) // bytes, binary: skipped
      .fixed64(7, 0x400921fb54442d18) // double: skipped
      .str(9, "extra");
    expect(pb(m.u8a(), 0, schema, root)).toBe([
      "string name =Ann= [2,5)",
      "string ssn =123-45-6789= [7,18)",
      "string address.street =1 Main St= [22,31)",
      "number address.zip =94110= [32,35)",
      "number ids =5= [37,38)",
      "number ids =-1= [38,48)",
      "number delta =-2= [49,50)",
      "string 9 =extra= [65,70)",
    ].join("\n"));
    const bad = ProtoSchema.fromJson('{"types":[{"name":"A","fields":[[1,"x","Nope"]]}]}');
    expect(bad.error.length).toBeGreaterThan(0);
  });

  test("garbage never traps and is flagged", () => {
    const r = new Rng(77);
    let flagged = 0;
    for (let t = 0; t < 300; t++) {
      const n = 1 + r.below(40);
      const a: u8[] = [];
      for (let i = 0; i < n; i++) a.push(<u8>r.below(256));
      pb(toU8(a), 1 + r.below(5));
      if ((lastFlags & (ScanFlag.MALFORMED | ScanFlag.TRUNCATED)) != 0) flagged++;
    }
    expect(flagged).toBeGreaterThan(100);
  });

  test("depth limit on nested messages", () => {
    let m = new Enc().str(1, "deep secret");
    for (let d = 0; d < 80; d++) m = new Enc().msg(2, m);
    const o = new ScanOptions();
    o.maxDepth = 10;
    const out = pb(m.u8a(), 0, null, -1, o);
    expect(lastFlags & ScanFlag.DEPTH_EXCEEDED).toBe(ScanFlag.DEPTH_EXCEEDED);
    expect(out.includes("deep secret")).toBe(false);
    const o2 = new ScanOptions();
    o2.maxDepth = 100;
    expect(pb(m.u8a(), 0, null, -1, o2).includes("deep secret")).toBe(true);
  });

  test("long strings stream in segments; schema messages over the cap stream as frames", () => {
    const o = new ScanOptions();
    o.maxValueBytes = 16;
    const long = "0123456789abcdefghijklmnopqrstuvwxyz";
    const schema = ProtoSchema.fromJson(SCHEMA);
    const m = new Enc().str(1, long).msg(3, new Enc().str(1, "street name that is long").num(2, 7));
    expect(pb(m.u8a(), 3, schema, schema.typeIndex("pkg.User"), o)).toBe([
      "string name =0123456789abcdef= [2,18) more",
      "string name =ghijklmnopqrstuv= [18,34) cont more",
      "string name =wxyz= [34,38) cont",
      "string address.street =street name that= [42,58) more",
      "string address.street = is long= [58,66) cont",
      "number address.zip =7= [67,68)",
    ].join("\n"));
    expect(lastFlags).toBe(0);
  });
});

describe("gRPC scanner", () => {
  test("content types", () => {
    expect(isGrpcContentType("application/grpc")).toBe(true);
    expect(isGrpcContentType("application/grpc+proto")).toBe(true);
    expect(isGrpcContentType("application/grpc-web+proto; charset=x")).toBe(true);
    expect(isGrpcContentType("application/grpc-web-text")).toBe(false);
    expect(isGrpcContentType("application/json")).toBe(false);
    // compared in place, case-insensitively, around spaces and parameters
    expect(isGrpcContentType("Application/GRPC")).toBe(true);
    expect(isGrpcContentType("  application/grpc-web ;charset=utf-8")).toBe(true);
    expect(isGrpcContentType("application/grpc-WEB")).toBe(true);
    expect(isGrpcContentType("application/grpc+json")).toBe(false);
    expect(isGrpcContentType("application/grpc-web+json")).toBe(false);
    expect(isGrpcContentType("application/grpcx")).toBe(false);
    expect(isGrpcContentType("xapplication/grpc")).toBe(false);
    expect(isGrpcContentType("")).toBe(false);
    expect(isGrpcContentType(";application/grpc")).toBe(false);
  });

  test("many messages across chunks, grpc-web trailers skipped", () => {
    const a: u8[] = [];
    const f1 = frame(new Enc().str(1, "alice").num(2, 42));
    const f2 = frame(new Enc());
    const f3 = frame(new Enc().str(2, "bob"));
    for (let i = 0; i < f1.length; i++) a.push(f1[i]);
    for (let i = 0; i < f2.length; i++) a.push(f2[i]);
    for (let i = 0; i < f3.length; i++) a.push(f3[i]);
    const tr = Uint8Array.wrap(String.UTF8.encode("grpc-status: 0\r\n"));
    const t: u8[] = [0x80, 0, 0, 0, <u8>tr.length];
    for (let i = 0; i < tr.length; i++) t.push(tr[i]);
    for (let i = 0; i < t.length; i++) a.push(t[i]);
    const want = "string 1 =alice= [7,12)\nnumber 2 =42= [13,14)\nstring 2 =bob= [26,29) doc2";
    for (let ch = 0; ch < 6; ch++) {
      expect(grpc(toU8(a), ch == 0 ? 0 : ch == 1 ? 1 : ch * 4, <u32>ch)).toBe(want);
      expect(lastFlags).toBe(0);
    }
  });

  test("compressed messages are inflated and marked", () => {
    const g = unhex(GZ_MSG);
    const f: u8[] = [1, 0, 0, 0, <u8>g.length];
    for (let i = 0; i < g.length; i++) f.push(g[i]);
    const p = frame(new Enc().str(1, "plain"));
    for (let i = 0; i < p.length; i++) f.push(p[i]);
    const want = "string 1 =alice= [2,7) inflated\nstring 2 =123-45-6789= [9,20) inflated\nstring 1 =plain= [" +
      (5 + g.length + 7).toString() + "," + (5 + g.length + 12).toString() + ") doc1";
    expect(grpc(toU8(f), 1, 1, "gzip")).toBe(want);
    expect(lastFlags).toBe(0);
    const z = unhex(ZL_MSG);
    const fz: u8[] = [1, 0, 0, 0, <u8>z.length];
    for (let i = 0; i < z.length; i++) fz.push(z[i]);
    expect(grpc(toU8(fz), 3, 1, "deflate")).toBe("string 1 =alice= [2,7) inflated\nstring 2 =123-45-6789= [9,20) inflated");
    grpc(toU8(fz), 0, 1, "snappy");
    expect(lastFlags & ScanFlag.UNSUPPORTED_ENCODING).toBe(ScanFlag.UNSUPPORTED_ENCODING);
  });

  test("truncated frame is flagged", () => {
    const f = frame(new Enc().str(1, "alice"));
    f.pop();
    grpc(toU8(f));
    expect(lastFlags & ScanFlag.TRUNCATED).toBe(ScanFlag.TRUNCATED);
  });

  test("property: every chunk split gives the same values, paths and offsets", () => {
    const r = new Rng(2024);
    const o = new ScanOptions();
    for (let t = 0; t < 40; t++) {
      const a: u8[] = [];
      const nm = 1 + r.below(4);
      for (let k = 0; k < nm; k++) {
        const f = frame(genMsg(r, 0));
        for (let i = 0; i < f.length; i++) a.push(f[i]);
      }
      if (r.below(5) == 0) a.push(<u8>r.below(256)); // trailing garbage / truncation
      const b = toU8(a);
      const whole = grpc(b, 0, 1);
      const wf = lastFlags;
      for (let m = 1; m <= 4; m++) {
        expect(grpc(b, m == 4 ? 1 : m * 5, <u32>(t * 7 + m))).toBe(whole);
        expect(lastFlags).toBe(wf);
      }
    }
  });
});

function genMsg(r: Rng, depth: i32): Enc {
  const e = new Enc();
  const n = r.below(5);
  for (let i = 0; i < n; i++) {
    const f = 1 + r.below(20);
    const k = depth > 3 ? r.below(4) : r.below(5);
    if (k == 0) e.num(f, <u64>r.next() * <u64>r.below(1000));
    else if (k == 1) e.str(f, "v" + r.next().toString() + (r.below(2) == 0 ? " é" : ""));
    else if (k == 2) e.fixed32(f, r.next());
    else if (k == 3) e.bytes(f, [<u8>r.below(256), 0xff, 0x00]);
    else e.msg(f, genMsg(r, depth + 1));
  }
  return e;
}
