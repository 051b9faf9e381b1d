import { Inflater, InflateFormat, InflateStatus, ByteSink, InflatingScanner, InflatedMark, crc32 } from "../../assembly/scan/inflate";
import { JsonScanner } from "../../assembly/scan/json";
import { CollectSink } from "../../assembly/scan/collect";
import { ScanOptions, ScanFlag } from "../../assembly/scan/value";

// Fixtures made with Node's zlib (gzipSync/deflateSync/deflateRawSync) from the plaintexts below.
const gzDyn = "1f8b080000000000020395d4bb0ec2300c85e19dc7f0dc21f6c9b56f83680706188a982ade1d89c1119b4ff65f51ec4f39e5bec99a16b95d8f4d56c9fa7f6491e7f5b1cb2aefd77e24f95cce5fa1c1a27961c142bd40b0e85ee460615e946031bca8c1025eb4e8cbe7787b30c95e8ce82573be1a5d7b994974ef3a47acd1cdd79980079969915a68925a6993da6894da69953a6896967897a6344c335ea68196699997698596699596698dff2b3b2dd3062d13899609a565c26899002f13999689c2cb44a565a2f132d169991884cc2f176eaf79f7070000";
const gzFixed = "1f8b0800000000000003ab562a2ece53b252323432d63531d53533b7b054aa0500dc85d05515000000";
const gzStored = "1f8b0800000000000403011500eaff7b2273736e223a223132332d34352d36373839227ddc85d05515000000";
const zlibDyn = "789c8d953b0ec2400c057b8ee19a22b6f323b74124050514415488bb2328f6996ed28fa2bc99ddbcecbadad21ded72de575bacf7ffc78e763fdf365becf9d8f6cede87d78f70484c8d08487823121273237a48442306489c1a3142221b31d12fd7bc3344fa469ce84bb4af53ed8310eadd35b153f3a310aabe0449ddab48a7f2cb64d4be9a74aabf2c46f5ab4aa7fe956550fda5cba0fe1566e083af9983fa579941fd97328306a03283065036a30194bb92065026a301a8cca40168b1a4fe556652ff2a33a9fe526652ff2a33f1f92fff24ea5f6526beffcbce340095993480ef661f7ba70068";
const rawDyn = "8d953b0ec2400c057b8ee19a22b6f323b74124050514415488bb2328f6996ed28fa2bc99ddbcecbadad21ded72de575bacf7ffc78e763fdf365becf9d8f6cede87d78f70484c8d08487823121273237a48442306489c1a3142221b31d12fd7bc3344fa469ce84bb4af53ed8310eadd35b153f3a310aabe0449ddab48a7f2cb64d4be9a74aabf2c46f5ab4aa7fe956550fda5cba0fe1566e083af9983fa579941fd97328306a03283065036a30194bb92065026a301a8cca40168b1a4fe556652ff2a33a9fe526652ff2a33f1f92fff24ea5f6526beffcbce340095993480ef661f";
const multi = "1f8b0800000000000003cb48cdc9c9570000f6f981ed060000001f8b08000000000000032bcf2fca4901004311773a05000000";
const bomb = "1f8b0800000000000203edc13101000000c2a0f54f6d085fa000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000003e031cea38a700001000";

function plain(): string {
  let s = "";
  for (let i = 0; i < 40; i++) s += "{\"id\":" + i.toString() + ",\"card\":\"4111111111111111\",\"name\":\"user" + ((i * 7) % 13).toString() + "\"}\n";
  return s;
}

function unhex(h: string): Uint8Array {
  const out = new Uint8Array(h.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = <u8>I32.parseInt(h.substr(i * 2, 2), 16);
  return out;
}

class Collect extends ByteSink {
  out: u8[] = [];
  onBytes(ptr: usize, len: i32): void {
    for (let i = 0; i < len; i++) this.out.push(load<u8>(ptr + <usize>i));
  }
  text(): string {
    const b = new Uint8Array(this.out.length);
    for (let i = 0; i < b.length; i++) b[i] = this.out[i];
    return String.UTF8.decode(b.buffer);
  }
}

let seed: u32 = 99;
function rnd(n: i32): i32 { seed ^= seed << 13; seed ^= seed >> 17; seed ^= seed << 5; return <i32>(seed % <u32>n); }

/** Inflates `hex` in chunks of at most maxChunk bytes (0 = whole). */
function inflate(hex: string, fmt: InflateFormat, maxChunk: i32, maxOut: i64 = 16 << 20, ratio: i32 = 100): Collect {
  const c = new Collect();
  const inf = new Inflater(fmt, c, maxOut, ratio);
  const b = unhex(hex);
  let off = 0;
  while (off < b.length) {
    let n = maxChunk <= 0 ? b.length : 1 + rnd(maxChunk);
    if (n > b.length - off) n = b.length - off;
    const chunk = b.slice(off, off + n);
    inf.push(chunk.dataStart, n);
    off += n;
  }
  inf.finish();
  lastStatus = inf.status;
  return c;
}
let lastStatus: InflateStatus = InflateStatus.More;

describe("inflate", () => {
  test("crc32 matches the standard check value", () => {
    const b = Uint8Array.wrap(String.UTF8.encode("123456789"));
    expect(crc32(0, b.dataStart, b.length)).toBe(0xcbf43926);
  });

  test("gzip with dynamic, fixed and stored blocks, any chunking", () => {
    const p = plain();
    for (let ch = 0; ch <= 7; ch++) {
      const mc = ch == 0 ? 0 : ch == 1 ? 1 : ch * 5;
      expect(inflate(gzDyn, InflateFormat.Gzip, mc).text()).toBe(p);
      expect(lastStatus).toBe(InflateStatus.Done);
      expect(inflate(gzFixed, InflateFormat.Gzip, mc).text()).toBe("{\"ssn\":\"123-45-6789\"}");
      expect(lastStatus).toBe(InflateStatus.Done);
      expect(inflate(gzStored, InflateFormat.Gzip, mc).text()).toBe("{\"ssn\":\"123-45-6789\"}");
      expect(lastStatus).toBe(InflateStatus.Done);
    }
  });

  test("zlib, raw deflate and auto detection", () => {
    const p = plain();
    expect(inflate(zlibDyn, InflateFormat.Zlib, 3).text()).toBe(p);
    expect(lastStatus).toBe(InflateStatus.Done);
    expect(inflate(rawDyn, InflateFormat.Raw, 1).text()).toBe(p);
    expect(lastStatus).toBe(InflateStatus.Done);
    expect(inflate(zlibDyn, InflateFormat.Auto, 1).text()).toBe(p);
    expect(inflate(rawDyn, InflateFormat.Auto, 0).text()).toBe(p);
    expect(lastStatus).toBe(InflateStatus.Done);
  });

  test("concatenated gzip members", () => {
    expect(inflate(multi, InflateFormat.Gzip, 2).text()).toBe("hello world");
    expect(lastStatus).toBe(InflateStatus.Done);
  });

  test("corrupt and truncated input are outcomes, not traps", () => {
    // flipped byte in the compressed data or the checksum
    const bad1 = gzDyn.substr(0, 100) + (gzDyn.charAt(100) == "0" ? "1" : "0") + gzDyn.substr(101);
    inflate(bad1, InflateFormat.Gzip, 4);
    expect(lastStatus).toBe(InflateStatus.Error);
    const bad2 = gzFixed.substr(0, gzFixed.length - 12) + "00" + gzFixed.substr(gzFixed.length - 10);
    inflate(bad2, InflateFormat.Gzip, 0);
    expect(lastStatus).toBe(InflateStatus.Error);
    inflate(gzDyn.substr(0, 200), InflateFormat.Gzip, 3);
    expect(lastStatus).toBe(InflateStatus.Error);
    inflate("1f8b0900", InflateFormat.Gzip, 0);
    expect(lastStatus).toBe(InflateStatus.Error);
    // random garbage, every format
    seed = 4242;
    for (let t = 0; t < 200; t++) {
      let h = "";
      const n = 1 + rnd(60);
      for (let i = 0; i < n; i++) { const v = rnd(256); h += (v < 16 ? "0" : "") + v.toString(16); }
      inflate(h, <InflateFormat>(t % 4), 1 + rnd(8));
      expect(lastStatus != InflateStatus.More).toBe(true);
    }
  });

  test("bombs are refused by the ratio and size caps", () => {
    const c = inflate(bomb, InflateFormat.Gzip, 64);
    expect(lastStatus).toBe(InflateStatus.Ratio);
    expect(c.out.length).toBeLessThanOrEqual(1051 * 100 + 65536);
    const d = inflate(gzDyn, InflateFormat.Gzip, 0, 1000);
    expect(lastStatus).toBe(InflateStatus.TooLarge);
    expect(d.out.length).toBe(1000);
    inflate(bomb, InflateFormat.Gzip, 0, 16 << 20, 2000);
    expect(lastStatus).toBe(InflateStatus.Done);
  });

  test("gzip JSON body scanned through the inflating scanner", () => {
    const sink = new CollectSink();
    const opts = new ScanOptions();
    const sc = new InflatingScanner(new JsonScanner(new InflatedMark(sink), opts), InflateFormat.Gzip, opts);
    const b = unhex(gzFixed);
    for (let i = 0; i < b.length; i++) sc.pushBytes(b.slice(i, i + 1), i);
    sc.finish();
    expect(sink.joined()).toBe("key $.ssn =ssn= [2,5) inflated\nstring $.ssn =123-45-6789= [8,19) inflated");
    expect(sc.flags).toBe(0);
    const bs = new InflatingScanner(new JsonScanner(new InflatedMark(new CollectSink()), opts), InflateFormat.Gzip, opts);
    bs.pushBytes(unhex(bomb), 0);
    bs.finish();
    expect(bs.flags & ScanFlag.INFLATE_RATIO).toBe(ScanFlag.INFLATE_RATIO);
  });

  test("property: gzip NDJSON gives the same values for every split", () => {
    const opts = new ScanOptions();
    const b = unhex(gzDyn);
    let whole = "";
    for (let m = 0; m < 6; m++) {
      const sink = new CollectSink();
      const sc = new InflatingScanner(new JsonScanner(new InflatedMark(sink), opts), InflateFormat.Gzip, opts);
      let off = 0;
      while (off < b.length) {
        const n = m == 0 ? b.length : min(m == 1 ? 1 : 1 + rnd(m * 9), b.length - off);
        sc.pushBytes(b.slice(off, off + n), off);
        off += n;
      }
      sc.finish();
      expect(sc.flags).toBe(0);
      const out = sink.joined();
      if (m == 0) {
        whole = out;
        expect(out.includes("string $.card =4111111111111111= [2005,2021) doc39 inflated")).toBe(true);
      } else expect(out).toBe(whole);
    }
  });
});
