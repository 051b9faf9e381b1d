// Checksum validators: payment cards (Luhn + issuer ranges), IBAN (ISO 13616 mod-97), ABA routing numbers,
// Canadian SIN. Separators (spaces, dashes) are skipped; any other byte fails.
import {
  DIGITS, allSameDigits, at, clampEnd, clampStart, collectDigits, digitsValue, isAlnum, isDigit, isUpper, peek,
  precededByWord, toUpper,
} from "./bytes";

/** Luhn (mod 10) over the first n collected digits. */
export function luhnDigits(n: i32): bool {
  if (n < 2) return false;
  let sum = 0;
  let dbl = false;
  for (let i = n - 1; i >= 0; i--) {
    let d = <i32>unchecked(DIGITS[i]);
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    dbl = !dbl;
  }
  return sum % 10 == 0;
}

/** Card number: 12–19 digits (spaces/dashes skipped), Luhn-valid, not all one digit. */
export function luhn(b: Uint8Array, start: i32, end: i32): bool {
  const n = collectDigits(b, start, end, 19);
  if (n < 12) return false;
  if (allSameDigits(n)) return false;
  return luhnDigits(n);
}

// Issuer ranges: [low, high] over the first `plen` digits, allowed lengths [minLen, maxLen].
// Sources: the networks' published BIN tables as summarised by ISO/IEC 7812 registries.
const IIN: StaticArray<i32> = [
  // low, high, plen, minLen, maxLen
  4, 4, 1, 13, 19,          // Visa (13, 16, 19 in practice)
  51, 55, 2, 16, 16,        // Mastercard
  2221, 2720, 4, 16, 16,    // Mastercard 2-series
  34, 34, 2, 15, 15,        // American Express
  37, 37, 2, 15, 15,
  6011, 6011, 4, 16, 19,    // Discover
  644, 649, 3, 16, 19,
  65, 65, 2, 16, 19,
  622126, 622925, 6, 16, 19,
  300, 305, 3, 14, 19,      // Diners Club
  36, 36, 2, 14, 19,
  38, 39, 2, 16, 19,
  3528, 3589, 4, 16, 19,    // JCB
  62, 62, 2, 16, 19,        // UnionPay
  81, 81, 2, 16, 19,        // UnionPay 81, RuPay
  82, 82, 2, 16, 16,        // RuPay
  60, 60, 2, 16, 16,        // RuPay
  2200, 2204, 4, 16, 19,    // Mir
  50, 50, 2, 12, 19,        // Maestro and others (5018, 5020, 5038, 508x, 506099 Verve)
  56, 59, 2, 12, 19,        // Maestro
  63, 63, 2, 12, 19,        // Maestro (6304), Laser
  67, 67, 2, 12, 19,        // Maestro (6759, 6761-6763)
  9792, 9792, 4, 16, 16,    // Troy
  1, 1, 1, 15, 15,          // UATP
];

/**
 * The card number's digits (spaces/dashes skipped) fall in a known issuer range with an allowed length, and
 * the number stands on its own (not a slice of a longer run, not right after an id word such as "order").
 */
// A number right after one of these words is that kind of id, not a card ("order 4600088255158850").
const ID_WORDS: string[] = ["order", "orders", "invoice", "tracking", "reference", "ref", "transaction", "txn",
  "shipment", "awb", "imei", "isbn", "gtin", "upc", "sku", "account", "acct", "id", "confirmation", "code", "serial",
  "batch", "booking", "reservation", "membership", "loyalty", "case", "ticket", "voucher"];

export function cardIin(b: Uint8Array, start: i32, end: i32): bool {
  if (inLongerRun(b, start, end) || precededByWord(b, start, ID_WORDS)) return false;
  const n = collectDigits(b, start, end, 19);
  if (n < 12) return false;
  for (let r = 0; r < IIN.length; r += 5) {
    const plen = unchecked(IIN[r + 2]);
    if (n < unchecked(IIN[r + 3]) || n > unchecked(IIN[r + 4])) continue;
    const p = digitsValue(0, plen);
    if (p >= unchecked(IIN[r]) && p <= unchecked(IIN[r + 1])) return true;
  }
  return false;
}

/**
 * Is b[start, end) a slice of a longer number rather than a number of its own: after '+' (a phone number),
 * after a digit and a separator ("SE52 4177 6169 …", an IBAN's groups), or followed by a separator and a
 * further group of 3+ digits. An expiry date after the number ("… 1111 12/29") is not a further group.
 */
function inLongerRun(b: Uint8Array, start: i32, end: i32): bool {
  const p = <u32>peek(b, start - 1);
  if (p == 0x2b) return true;
  if ((p == 0x20 || p == 0x2d) && isDigit(<u32>peek(b, start - 2))) return true;
  const q = <u32>peek(b, end);
  if (q == 0x20 || q == 0x2d) {
    let k = end + 1;
    while (k - end <= 8 && isDigit(<u32>peek(b, k))) k++;
    const next = <u32>peek(b, k);
    if (k - end - 1 >= 3 && next != 0x2f && next != 0x3a) return true;
  }
  return false;
}

// IBAN lengths per country (SWIFT IBAN registry, release 2024/2025), as "CCnn" pairs.
const IBAN_LENGTHS =
  "IR26AD24AE23AL28AT20AZ28BA20BE16BG22BH22BI27BR29BY28CH21CR22CY28CZ24DE22DJ27DK18DO28EE20EG29ES24FI18FK18FO18" +
  "FR27GB22GE22GI23GL18GR27GT28HN28HR21HU28IE22IL23IQ23IS26IT27JO30KW30KZ20LB28LC32LI21LT20LU20LV21LY25MC27" +
  "MD24ME22MK19MN20MR27MT31MU30NI28NL18NO15OM23PK24PL28PS29PT25QA29RO24RS22RU33SA24SC31SD18SE24SI19SK24SM27" +
  "SO23ST25SV28TL23TN24TR26UA29VA22VG24XK20YE30";

/** The IBAN length for a two-letter country code (upper case), or 0 when the country has no IBAN. */
export function ibanLength(c0: u32, c1: u32): i32 {
  for (let i = 0; i + 3 < IBAN_LENGTHS.length; i += 4) {
    if (<u32>IBAN_LENGTHS.charCodeAt(i) == c0 && <u32>IBAN_LENGTHS.charCodeAt(i + 1) == c1) {
      return (IBAN_LENGTHS.charCodeAt(i + 2) - 48) * 10 + (IBAN_LENGTHS.charCodeAt(i + 3) - 48);
    }
  }
  return 0;
}

// BBAN structure for the most used IBAN countries (SWIFT registry notation: n digits, a upper-case letters,
// c alphanumerics), as "CC:<count><kind>…;". Countries not listed get the length and mod-97 checks only.
const BBAN_FORMATS =
  "DE:18n;GB:4a14n;IE:4a14n;FR:10n11c2n;MC:10n11c2n;NL:4a10n;BE:12n;ES:20n;IT:1a10n12c;SM:1a10n12c;CH:5n12c;" +
  "LI:5n12c;AT:16n;PL:24n;SE:20n;NO:11n;DK:14n;FI:14n;PT:21n;SA:2n18c;MT:4a5n18c;";

/** Checks IBAN_BUF[4, n) against the country's BBAN format; true when the country has no listed format. */
function bbanOk(c0: u32, c1: u32, n: i32): bool {
  const f = BBAN_FORMATS;
  let i = 0;
  while (i + 2 < f.length) {
    const match = <u32>f.charCodeAt(i) == c0 && <u32>f.charCodeAt(i + 1) == c1;
    i += 3;
    let pos = 4;
    while (i < f.length && f.charCodeAt(i) != 0x3b) {
      let count = 0;
      while (isDigit(<u32>f.charCodeAt(i))) count = count * 10 + (f.charCodeAt(i++) - 48);
      const kind = f.charCodeAt(i++);
      if (match) {
        for (let k = 0; k < count; k++) {
          if (pos >= n) return false;
          const c = <u32>unchecked(IBAN_BUF[pos++]);
          if (kind == 0x6e && !isDigit(c)) return false;
          if (kind == 0x61 && !isUpper(c)) return false;
        }
      }
    }
    if (match) return pos == n;
    i++; // ';'
  }
  return true;
}

const IBAN_BUF = new StaticArray<u8>(34);

/** IBAN: country code, check digits, BBAN; spaces skipped; country length; BBAN format (listed countries); mod 97 == 1. */
export function iban(b: Uint8Array, start: i32, end: i32): bool {
  start = clampStart(start);
  end = clampEnd(b, end);
  let n = 0;
  let prevSpace = true;
  for (let i = start; i < end; i++) {
    const c = <u32>at(b, i);
    if (c == 0x20) {
      if (prevSpace) return false;
      prevSpace = true;
      continue;
    }
    if (!isAlnum(c) || n >= 34) return false;
    unchecked(IBAN_BUF[n++] = <u8>toUpper(c));
    prevSpace = false;
  }
  if (n < 15 || prevSpace) return false;
  const c0 = <u32>unchecked(IBAN_BUF[0]);
  const c1 = <u32>unchecked(IBAN_BUF[1]);
  if (!isUpper(c0) || !isUpper(c1)) return false;
  if (!isDigit(<u32>unchecked(IBAN_BUF[2])) || !isDigit(<u32>unchecked(IBAN_BUF[3]))) return false;
  if (ibanLength(c0, c1) != n) return false;
  const check = (<i32>unchecked(IBAN_BUF[2]) - 48) * 10 + (<i32>unchecked(IBAN_BUF[3]) - 48);
  if (check < 2 || check > 98) return false;
  if (!bbanOk(c0, c1, n)) return false;
  // Rearranged (BBAN then country and check digits), letters as 10..35, reduced digit by digit.
  let rem = 0;
  for (let k = 0; k < n; k++) {
    const c = <u32>unchecked(IBAN_BUF[(k + 4) % n]);
    if (isDigit(c)) {
      rem = (rem * 10 + <i32>(c - 48)) % 97;
    } else {
      rem = (rem * 100 + <i32>(c - 65 + 10)) % 97;
    }
  }
  return rem == 1;
}

/** ABA routing transit number: 9 digits, valid Federal Reserve prefix, 3-7-1 checksum. */
export function abaRouting(b: Uint8Array, start: i32, end: i32): bool {
  const n = collectDigits(b, start, end, 9);
  if (n != 9) return false;
  const p = digitsValue(0, 2);
  // 00 government, 01-12 Federal Reserve districts, 21-32 thrifts, 61-72 electronic, 80 traveller's cheques.
  if (!((p >= 1 && p <= 12) || (p >= 21 && p <= 32) || (p >= 61 && p <= 72) || p == 80)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i += 3) {
    sum += 3 * <i32>unchecked(DIGITS[i]) + 7 * <i32>unchecked(DIGITS[i + 1]) + <i32>unchecked(DIGITS[i + 2]);
  }
  return sum % 10 == 0;
}

/** Canadian Social Insurance Number: 9 digits, Luhn, first digit not 0 or 8 (never issued). */
export function caSin(b: Uint8Array, start: i32, end: i32): bool {
  const n = collectDigits(b, start, end, 9);
  if (n != 9) return false;
  const d0 = unchecked(DIGITS[0]);
  if (d0 == 0 || d0 == 8) return false;
  if (allSameDigits(n)) return false;
  return luhnDigits(n);
}
