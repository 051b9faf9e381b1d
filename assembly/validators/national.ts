// National identifiers: US SSN, UK National Insurance number, UK NHS number, US passport and driver's
// licence (structure only: these two are meaningful only under key context).
import {
  DIGITS, allSameDigits, at, clampEnd, clampStart, collectDigits, digitsValue, isAlpha, isDigit, separatorKinds,
  toUpper,
} from "./bytes";

/**
 * US Social Security Number (SSA rules): 9 digits, optionally 3-2-4 with one kind of separator; area not
 * 000, 666 or 900-999; group not 00; serial not 0000; not one repeated digit; not the well-known
 * invalid/advertising numbers (078-05-1120 Woolworth wallet card, 219-09-9999 SSA ad, 123-45-6789).
 */
export function ssn(b: Uint8Array, start: i32, end: i32): bool {
  start = clampStart(start);
  end = clampEnd(b, end);
  const n = collectDigits(b, start, end, 9);
  if (n != 9) return false;
  const seps = separatorKinds(b, start, end);
  if (seps == 3) return false; // mixed space and dash
  if (seps != 0) {
    // separators only at the 3-2-4 positions
    const len = end - start;
    if (len != 11) return false;
    const s1 = <u32>at(b, start + 3);
    const s2 = <u32>at(b, start + 6);
    if (s1 != s2 || isDigit(s1)) return false;
  }
  const area = digitsValue(0, 3);
  const group = digitsValue(3, 2);
  const serial = digitsValue(5, 4);
  if (area == 0 || area == 666 || area >= 900) return false;
  if (group == 0 || serial == 0) return false;
  if (allSameDigits(9)) return false;
  if (area == 78 && group == 5 && serial == 1120) return false;
  if (area == 219 && group == 9 && serial == 9999) return false;
  if (area == 123 && group == 45 && serial == 6789) return false;
  return true;
}

/**
 * UK National Insurance number: two prefix letters, six digits, suffix A-D (optional); spaces allowed.
 * First letter not D F I Q U V; second not D F I O Q U V; prefixes BG GB KN NK NT TN ZZ never allocated.
 */
export function ukNino(b: Uint8Array, start: i32, end: i32): bool {
  start = clampStart(start);
  end = clampEnd(b, end);
  let letters = 0;
  let digits = 0;
  let suffix: u32 = 0;
  let p0: u32 = 0;
  let p1: u32 = 0;
  for (let i = start; i < end; i++) {
    const c = toUpper(<u32>at(b, i));
    if (c == 0x20) continue;
    if (letters < 2) {
      if (!isAlpha(c)) return false;
      if (letters == 0) p0 = c;
      else p1 = c;
      letters++;
    } else if (digits < 6) {
      if (!isDigit(c)) return false;
      digits++;
    } else if (suffix == 0) {
      if (c < 0x41 || c > 0x44) return false;
      suffix = c;
    } else {
      return false;
    }
  }
  if (letters != 2 || digits != 6) return false;
  if (p0 == 0x44 || p0 == 0x46 || p0 == 0x49 || p0 == 0x51 || p0 == 0x55 || p0 == 0x56) return false;
  if (p1 == 0x44 || p1 == 0x46 || p1 == 0x49 || p1 == 0x4f || p1 == 0x51 || p1 == 0x55 || p1 == 0x56) return false;
  const pair = (p0 << 8) | p1;
  if (pair == 0x4247 || pair == 0x4742 || pair == 0x4b4e || pair == 0x4e4b || pair == 0x4e54 || pair == 0x544e ||
      pair == 0x5a5a) return false;
  return true;
}

/** UK NHS number: 10 digits (3-3-4, spaces/dashes), mod-11 check digit (10 is never issued). */
export function ukNhs(b: Uint8Array, start: i32, end: i32): bool {
  const n = collectDigits(b, start, end, 10);
  if (n != 10 || allSameDigits(10)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += <i32>unchecked(DIGITS[i]) * (10 - i);
  let check = 11 - (sum % 11);
  if (check == 11) check = 0;
  if (check == 10) return false;
  return check == <i32>unchecked(DIGITS[9]);
}

/** US passport book number: 9 digits (pre-2021) or one letter and 8 digits (Next Generation); not one repeated digit. */
export function usPassport(b: Uint8Array, start: i32, end: i32): bool {
  start = clampStart(start);
  end = clampEnd(b, end);
  if (end - start != 9) return false;
  const c0 = toUpper(<u32>at(b, start));
  let from = start;
  if (isAlpha(c0)) from = start + 1;
  else if (!isDigit(c0)) return false;
  const n = collectDigits(b, from, end, 9);
  if (n != end - from) return false;
  if (allSameDigits(n)) return false;
  if (n == 9 && digitsValue(0, 9) < 10000000) return false; // mostly zeros
  return true;
}

/**
 * US driver's licence numbers: the union of state formats (0-2 leading letters then 6-14 digits, an optional
 * trailing letter; or 1 letter + 3-6 digits, as in a few states), dashes/spaces skipped; not one repeated
 * digit. No state has a public checksum, so this only rejects shapes no state issues.
 */
export function usDriversLicense(b: Uint8Array, start: i32, end: i32): bool {
  start = clampStart(start);
  end = clampEnd(b, end);
  let lead = 0;
  let digits = 0;
  let trail = 0;
  for (let i = start; i < end; i++) {
    const c = <u32>at(b, i);
    if (c == 0x20 || c == 0x2d) {
      if (i == start || i == end - 1) return false;
      continue;
    }
    if (isAlpha(c)) {
      if (digits == 0) lead++;
      else trail++;
    } else if (isDigit(c)) {
      if (trail > 0) return false;
      if (digits < 64) unchecked(DIGITS[digits] = <u8>(c - 48));
      digits++;
    } else {
      return false;
    }
  }
  if (lead > 2 || trail > 1) return false;
  if (digits > 14) return false;
  if (digits < 6 && !(lead == 1 && digits >= 4)) return false;
  if (allSameDigits(digits)) return false;
  return true;
}
