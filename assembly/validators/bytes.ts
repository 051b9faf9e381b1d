// Small byte helpers shared by the validators. Every validator first clamps its range with `clampEnd` and
// `clampStart`, after which indexes in [start, end) are proven in range and read with `unchecked`.

export const MAX_DIGITS: i32 = 64;
// Scratch for digits collected while skipping separators; one module-wide buffer (wasm is single-threaded),
// so validators never allocate per call.
export const DIGITS = new StaticArray<u8>(MAX_DIGITS);

@inline export function clampStart(start: i32): i32 {
  return start < 0 ? 0 : start;
}

@inline export function clampEnd(b: Uint8Array, end: i32): i32 {
  return end > b.length ? b.length : end;
}

// load<u8> rather than unchecked(b[i]): the latter is a call (Uint8Array#__uget, with a shadow-stack frame)
// that binaryen does not inline
@inline export function at(b: Uint8Array, i: i32): u8 {
  return load<u8>(b.dataStart + <usize>i);
}

/** The byte at i, or 0 when i is outside the array (for looking just past a match). */
@inline export function peek(b: Uint8Array, i: i32): u8 {
  return i >= 0 && i < b.length ? load<u8>(b.dataStart + <usize>i) : 0;
}

@inline export function isDigit(c: u32): bool {
  return c - 0x30 < 10;
}

@inline export function isUpper(c: u32): bool {
  return c - 0x41 < 26;
}

@inline export function isLower(c: u32): bool {
  return c - 0x61 < 26;
}

@inline export function isAlpha(c: u32): bool {
  return ((c | 0x20) - 0x61) < 26;
}

@inline export function isAlnum(c: u32): bool {
  return isDigit(c) || isAlpha(c);
}

@inline export function isHex(c: u32): bool {
  return isDigit(c) || ((c | 0x20) - 0x61) < 6;
}

@inline export function hexVal(c: u32): i32 {
  return isDigit(c) ? <i32>(c - 0x30) : <i32>((c | 0x20) - 0x61 + 10);
}

@inline export function toUpper(c: u32): u32 {
  return isLower(c) ? c - 32 : c;
}

@inline export function isSpace(c: u32): bool {
  return c == 0x20 || c == 0x09 || c == 0x0a || c == 0x0d;
}

/**
 * Collects the ASCII digits of b[start, end) into DIGITS, skipping spaces and dashes (and dots when
 * `dots`). Returns the digit count, or -1 on any other byte, more than `max` digits, a leading or trailing
 * separator, or two separators in a row.
 */
export function collectDigits(b: Uint8Array, start: i32, end: i32, max: i32, dots: bool = false): i32 {
  start = clampStart(start);
  end = clampEnd(b, end);
  if (max > MAX_DIGITS) max = MAX_DIGITS;
  let n = 0;
  let prevSep = true; // a separator may not lead
  for (let i = start; i < end; i++) {
    const c = <u32>at(b, i);
    if (isDigit(c)) {
      if (n >= max) return -1;
      unchecked(DIGITS[n++] = <u8>(c - 0x30));
      prevSep = false;
    } else if (c == 0x20 || c == 0x2d || (dots && c == 0x2e)) {
      if (prevSep) return -1;
      prevSep = true;
    } else {
      return -1;
    }
  }
  if (prevSep && n > 0) return -1; // trailing separator
  return n;
}

/** The separators used in b[start, end): bit 1 space, 2 dash, 4 dot, 8 other non-alphanumeric. */
export function separatorKinds(b: Uint8Array, start: i32, end: i32): i32 {
  start = clampStart(start);
  end = clampEnd(b, end);
  let k = 0;
  for (let i = start; i < end; i++) {
    const c = <u32>at(b, i);
    if (c == 0x20) k |= 1;
    else if (c == 0x2d) k |= 2;
    else if (c == 0x2e) k |= 4;
    else if (!isAlnum(c)) k |= 8;
  }
  return k;
}

/** True when the first n collected digits are all the same. */
export function allSameDigits(n: i32): bool {
  if (n <= 0) return true;
  const d = unchecked(DIGITS[0]);
  for (let i = 1; i < n; i++) if (unchecked(DIGITS[i]) != d) return false;
  return true;
}

/** Integer value of collected digits [from, from+len). */
export function digitsValue(from: i32, len: i32): i32 {
  let v = 0;
  for (let i = from; i < from + len; i++) v = v * 10 + <i32>unchecked(DIGITS[i]);
  return v;
}

/** Case-insensitive: does b[start, end) equal the ASCII lower-case text s? */
export function equalsLower(b: Uint8Array, start: i32, end: i32, s: string): bool {
  if (end - start != s.length) return false;
  for (let i = 0; i < s.length; i++) {
    let c = <u32>at(b, start + i);
    if (isUpper(c)) c += 32;
    if (c != <u32>s.charCodeAt(i)) return false;
  }
  return true;
}

/** Case-insensitive: does b[start, end) contain the ASCII lower-case text s? */
export function containsLower(b: Uint8Array, start: i32, end: i32, s: string): bool {
  const n = s.length;
  for (let i = start; i + n <= end; i++) {
    let j = 0;
    for (; j < n; j++) {
      let c = <u32>at(b, i + j);
      if (isUpper(c)) c += 32;
      if (c != <u32>s.charCodeAt(j)) break;
    }
    if (j == n) return true;
  }
  return false;
}

/**
 * Is the word just before `start` (skipping up to 4 bytes of space, '#', ':', '=', '(') one of `words` (lower
 * case)? For id-like context: "order 4600088255158850" is an order number, "build 1.1.58.182" a version.
 */
export function precededByWord(b: Uint8Array, start: i32, words: string[]): bool {
  let k = start - 1;
  const gapStop = start - 5;
  while (k >= 0 && k > gapStop) {
    const c = <u32>peek(b, k);
    if (c == 0x20 || c == 0x09 || c == 0x23 || c == 0x3a || c == 0x3d || c == 0x28) k--;
    else break;
  }
  if (k == start - 1) return false; // the match touches the word: no separate word before it
  const wordEnd = k + 1;
  const wordStop = wordEnd - 16;
  while (k >= 0 && k >= wordStop && isAlpha(<u32>peek(b, k))) k--;
  const wordStart = k + 1;
  if (wordStart >= wordEnd || isAlnum(<u32>peek(b, k))) return false;
  for (let i = 0; i < words.length; i++) {
    if (equalsLower(b, wordStart, wordEnd, unchecked(words[i]))) return true;
  }
  return false;
}
