// The hash of a field name's bytes that the detectors' per-name caches use. The JSON scanner computes it while
// it copies a key into its path slot, so the lookup made for each value does not read the key again.

/** FNV-1a over 4-byte words, then the tail bytes (one multiply per word); never 0 (0 marks "not computed"). */
// @ts-ignore: decorator
@inline export function nameHash(ptr: usize, len: i32): i32 {
  let h: u32 = 2166136261 ^ <u32>len;
  let i = 0;
  for (; i + 4 <= len; i += 4) h = (h ^ load<u32>(ptr + <usize>i)) * 16777619;
  for (; i < len; i++) h = (h ^ <u32>load<u8>(ptr + <usize>i)) * 16777619;
  return <i32>(h | 1);
}
