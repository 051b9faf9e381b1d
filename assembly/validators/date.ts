// Calendar dates in common written forms, and plausible birth dates.
import { at, clampEnd, clampStart, isAlpha, isDigit } from "./bytes";

/**
 * Latest plausible birth year when the policy gives none: the filter has no trustworthy clock at
 * validation time, so the bound is a constant (build year − 1). Update it yearly, or pass the year as the
 * validator parameter (`{birth_date: 2025}`).
 */
export const MAX_BIRTH_YEAR: i32 = 2025;
export const MIN_BIRTH_YEAR: i32 = 1900;

// Result of the last successful parse.
let pYear = 0;
let pMonth = 0;
let pDay = 0;

function daysIn(y: i32, m: i32): i32 {
  if (m == 2) return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
  if (m == 4 || m == 6 || m == 9 || m == 11) return 30;
  return 31;
}

function valid(y: i32, m: i32, d: i32): bool {
  if (y < 1000 || y > 2999 || m < 1 || m > 12 || d < 1) return false;
  if (d > daysIn(y, m)) return false;
  pYear = y;
  pMonth = m;
  pDay = d;
  return true;
}

// Up to 4 fields: numbers (value, digit count) or a month name (value 1-12, count -1).
const FV = new StaticArray<i32>(4);
const FL = new StaticArray<i32>(4);

const MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";
const MONTHS_LONG = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
  "october", "november", "december"];

/** Month number for an English month name (3-letter, full, or "Sept"), else 0. */
function monthName(b: Uint8Array, s: i32, e: i32): i32 {
  const len = e - s;
  if (len < 3 || len > 9) return 0;
  let c0 = <u32>at(b, s) | 0x20;
  let c1 = <u32>at(b, s + 1) | 0x20;
  let c2 = <u32>at(b, s + 2) | 0x20;
  for (let m = 0; m < 12; m++) {
    if (<u32>MONTHS.charCodeAt(m * 3) == c0 && <u32>MONTHS.charCodeAt(m * 3 + 1) == c1 &&
        <u32>MONTHS.charCodeAt(m * 3 + 2) == c2) {
      if (len == 3) return m + 1;
      if (m == 8 && len == 4 && (<u32>at(b, s + 3) | 0x20) == 0x74) return 9; // Sept
      const full = unchecked(MONTHS_LONG[m]);
      if (len != full.length) return 0;
      for (let k = 3; k < len; k++) if ((<u32>at(b, s + k) | 0x20) != <u32>full.charCodeAt(k)) return 0;
      return m + 1;
    }
  }
  return 0;
}

/**
 * A real calendar date (leap years checked) written as YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, YYYYMMDD,
 * MM/DD/YYYY or DD/MM/YYYY (either reading), DD.MM.YYYY, DD-MM-YYYY, "15 Mar 1985", "15 March 1985",
 * "March 15, 1985", "Mar 15 1985", and ISO date-times (1985-03-15T10:20:00Z: the date part is checked). Years 1000-2999. One separator kind throughout for numeric forms.
 */
export function date(b: Uint8Array, start: i32, end: i32): bool {
  start = clampStart(start);
  end = clampEnd(b, end);
  let len = end - start;
  // ISO 8601 date-time: the date part decides, the time part only has to look like one
  if (len > 11 && len <= 35 && at(b, start + 10) == 0x54 && at(b, start + 4) == 0x2d) {
    for (let i = start + 11; i < end; i++) {
      const c = <u32>at(b, i);
      if (!(isDigit(c) || c == 0x3a || c == 0x2e || c == 0x2b || c == 0x2d || c == 0x5a)) return false;
    }
    end = start + 10;
    len = 10;
  }
  if (len < 8 || len > 20) return false;
  // compact YYYYMMDD
  if (len == 8) {
    let all = true;
    for (let i = start; i < end; i++) if (!isDigit(<u32>at(b, i))) all = false;
    if (all) {
      return valid(num(b, start, 4), num(b, start + 4, 2), num(b, start + 6, 2));
    }
  }
  let nf = 0;
  let sep: u32 = 0;
  let named = false;
  let i = start;
  while (i < end) {
    const c = <u32>at(b, i);
    if (isDigit(c)) {
      const s = i;
      while (i < end && isDigit(<u32>at(b, i))) i++;
      if (nf >= 3 || i - s > 4) return false;
      unchecked(FV[nf] = num(b, s, i - s));
      unchecked(FL[nf] = i - s);
      nf++;
    } else if (isAlpha(c)) {
      const s = i;
      while (i < end && isAlpha(<u32>at(b, i))) i++;
      const m = monthName(b, s, i);
      if (m == 0 || named || nf >= 3) return false;
      named = true;
      unchecked(FV[nf] = m);
      unchecked(FL[nf] = -1);
      nf++;
    } else if (c == 0x2d || c == 0x2f || c == 0x2e || c == 0x20 || c == 0x2c) {
      if (named) {
        if (c == 0x2c) {
          // "March 15, 1985": comma then space
          if (i + 1 >= end || at(b, i + 1) != 0x20) return false;
          i++;
        } else if (c != 0x20 && c != 0x2d) {
          return false;
        }
      } else {
        if (sep == 0) sep = c;
        else if (sep != c) return false;
      }
      i++;
    } else {
      return false;
    }
  }
  if (nf != 3) return false;
  const v0 = unchecked(FV[0]), v1 = unchecked(FV[1]), v2 = unchecked(FV[2]);
  const l0 = unchecked(FL[0]), l1 = unchecked(FL[1]), l2 = unchecked(FL[2]);
  if (named) {
    if (l1 == -1 && l0 <= 2 && l2 == 4) return valid(v2, v1, v0); // 15 Mar 1985
    if (l0 == -1 && l1 <= 2 && l2 == 4) return valid(v2, v0, v1); // Mar 15 1985
    if (l1 == -1 && l0 == 4 && l2 <= 2) return valid(v0, v1, v2); // 1985 Mar 15
    return false;
  }
  if (sep == 0x20 || sep == 0x2c || sep == 0) return false;
  if (l0 == 4 && l1 == 2 && l2 == 2) return valid(v0, v1, v2);
  if (l0 <= 2 && l1 <= 2 && l2 == 4) {
    if (sep == 0x2f) return valid(v2, v0, v1) || valid(v2, v1, v0); // US or day-first
    return valid(v2, v1, v0); // DD.MM.YYYY, DD-MM-YYYY
  }
  return false;
}

function num(b: Uint8Array, s: i32, n: i32): i32 {
  let v = 0;
  for (let i = s; i < s + n; i++) v = v * 10 + <i32>(at(b, i) - 48);
  return v;
}

/** A real date (as `date`) whose year is in [1900, maxYear]; maxYear = MAX_BIRTH_YEAR unless param > 0. */
export function birthDate(b: Uint8Array, start: i32, end: i32, maxYear: i32 = 0): bool {
  if (!date(b, start, end)) return false;
  const top = maxYear > 0 ? maxYear : MAX_BIRTH_YEAR;
  return pYear >= MIN_BIRTH_YEAR && pYear <= top;
}

/** Year, month, day of the last date accepted (for tests and callers that want the parsed value). */
export function lastDateYear(): i32 { return pYear; }
export function lastDateMonth(): i32 { return pMonth; }
export function lastDateDay(): i32 { return pDay; }

