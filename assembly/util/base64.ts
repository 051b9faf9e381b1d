// Base64 / base64url decoding (padding optional), for JWT segments. Returns null on any invalid input.

function sextet(c: i32): i32 {
  if (c >= 65 && c <= 90) return c - 65;      // A-Z
  if (c >= 97 && c <= 122) return c - 71;     // a-z
  if (c >= 48 && c <= 57) return c + 4;       // 0-9
  if (c == 43 || c == 45) return 62;          // + -
  if (c == 47 || c == 95) return 63;          // / _
  return -1;
}

/** Decodes bytes[start, end) as base64 or base64url (either alphabet, '=' padding optional). */
export function base64Decode(bytes: Uint8Array, start: i32, end: i32): Uint8Array | null {
  if (start < 0 || end > bytes.length || start > end) return null;
  while (end > start && bytes[end - 1] == 61) end--; // strip '='
  const n = end - start;
  if (n % 4 == 1) return null;
  const out = new Uint8Array((n * 3) >> 2);
  let acc: u32 = 0;
  let bits = 0;
  let o = 0;
  for (let i = start; i < end; i++) {
    const v = sextet(<i32>unchecked(bytes[i]));
    if (v < 0) return null;
    acc = (acc << 6) | <u32>v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      if (o < out.length) unchecked(out[o++] = <u8>(acc >>> bits));
    }
  }
  return out;
}
