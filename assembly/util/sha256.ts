// SHA-256 (FIPS 180-4), for hashing tokens before they are used as budget keys or reported: the raw token
// never leaves the filter. Inputs are small (tokens, matched values), so a straightforward version suffices.

const K: StaticArray<u32> = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

const W = new StaticArray<u32>(64);
const H = new StaticArray<u32>(8);

function block(p: Uint8Array, off: i32): void {
  for (let i = 0; i < 16; i++) {
    const j = off + i * 4;
    unchecked(W[i] = (<u32>p[j] << 24) | (<u32>p[j + 1] << 16) | (<u32>p[j + 2] << 8) | <u32>p[j + 3]);
  }
  for (let i = 16; i < 64; i++) {
    const w15 = unchecked(W[i - 15]);
    const w2 = unchecked(W[i - 2]);
    const s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >>> 3);
    const s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >>> 10);
    unchecked(W[i] = unchecked(W[i - 16]) + s0 + unchecked(W[i - 7]) + s1);
  }
  let a = unchecked(H[0]), b = unchecked(H[1]), c = unchecked(H[2]), d = unchecked(H[3]);
  let e = unchecked(H[4]), f = unchecked(H[5]), g = unchecked(H[6]), h = unchecked(H[7]);
  for (let i = 0; i < 64; i++) {
    const t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + unchecked(K[i]) + unchecked(W[i]);
    const t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    h = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
  }
  unchecked(H[0] += a); unchecked(H[1] += b); unchecked(H[2] += c); unchecked(H[3] += d);
  unchecked(H[4] += e); unchecked(H[5] += f); unchecked(H[6] += g); unchecked(H[7] += h);
}

/** SHA-256 of bytes[start, end): 32 bytes. */
export function sha256(bytes: Uint8Array, start: i32 = 0, end: i32 = -1): Uint8Array {
  if (end < 0 || end > bytes.length) end = bytes.length;
  if (start < 0) start = 0;
  if (start > end) start = end;
  const n = end - start;
  // message + 0x80 + zero padding + 64-bit length, a multiple of 64 bytes
  const total = ((n + 9 + 63) >> 6) << 6;
  const p = new Uint8Array(total);
  for (let i = 0; i < n; i++) unchecked(p[i] = bytes[start + i]);
  p[n] = 0x80;
  const bits = <u64>n * 8;
  for (let i = 0; i < 8; i++) p[total - 1 - i] = <u8>(bits >>> (<u64>i * 8));
  H[0] = 0x6a09e667; H[1] = 0xbb67ae85; H[2] = 0x3c6ef372; H[3] = 0xa54ff53a;
  H[4] = 0x510e527f; H[5] = 0x9b05688c; H[6] = 0x1f83d9ab; H[7] = 0x5be0cd19;
  for (let off = 0; off < total; off += 64) block(p, off);
  const out = new Uint8Array(32);
  for (let i = 0; i < 8; i++) {
    const h = H[i];
    out[i * 4] = <u8>(h >>> 24); out[i * 4 + 1] = <u8>(h >>> 16); out[i * 4 + 2] = <u8>(h >>> 8); out[i * 4 + 3] = <u8>h;
  }
  return out;
}

const HEXDIGITS = "0123456789abcdef";

/** Lower-case hex of the first `bytes` bytes of a digest (`sha256-prefix` reports use 8 bytes = 16 hex). */
export function hexPrefix(digest: Uint8Array, bytes: i32 = 32): string {
  const n = min(bytes, digest.length);
  let s = "";
  for (let i = 0; i < n; i++) {
    const b = <i32>digest[i];
    s += HEXDIGITS.charAt(b >> 4) + HEXDIGITS.charAt(b & 15);
  }
  return s;
}

export function sha256Hex(text: string, prefixBytes: i32 = 32): string {
  return hexPrefix(sha256(Uint8Array.wrap(String.UTF8.encode(text))), prefixBytes);
}
