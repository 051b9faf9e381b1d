// Byte-level ASCII helpers shared by the scanners and the filter (no string is built).

/** Do the bytes at ptr start with ASCII `word` (lower-case), case-insensitively? The caller checks the length. */
// @ts-ignore: decorator
@inline export function lowerWordAt(ptr: usize, word: string): bool {
  for (let j = 0; j < word.length; j++) if ((<i32>load<u8>(ptr + <usize>j) | 0x20) != word.charCodeAt(j)) return false;
  return true;
}
