// Shared by the scanner specs: a seeded xorshift generator, UTF-8 bytes of a string, and a driver that feeds a
// scanner its input in random chunk sizes. Not a spec: as-pect runs *.spec.ts only.
import { Scanner } from "../../assembly/scan/value";

export class Rng {
  constructor(public s: u32) { if (this.s == 0) this.s = 1; }
  next(): u32 { let x = this.s; x ^= x << 13; x ^= x >> 17; x ^= x << 5; this.s = x; return x; }
  below(n: i32): i32 { return <i32>(this.next() % <u32>n); }
}

export function utf8(s: string): Uint8Array { return Uint8Array.wrap(String.UTF8.encode(s)); }

/** Pushes b in chunks whose sizes the seeded generator draws (maxChunk <= 0: one chunk), each a fresh copy
 *  so the scanner cannot read past it; finishes and returns the scanner's flags. */
export function runChunks(sc: Scanner, b: Uint8Array, maxChunk: i32, seed: u32): i32 {
  const rng = new Rng(seed);
  let off = 0;
  while (off < b.length) {
    let n = maxChunk <= 0 ? b.length : 1 + rng.below(maxChunk);
    if (n > b.length - off) n = b.length - off;
    sc.pushBytes(b.slice(off, off + n), off);
    off += n;
  }
  sc.finish();
  return sc.flags;
}
