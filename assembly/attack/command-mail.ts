// Mail protocol command injection after a line break (CRS 932300 SMTP, 932310 IMAP, 932320 POP3): a value
// that smuggles CRLF plus a protocol command into a mail header or body. Level 2: the same lines can
// open a paragraph of prose ("List 3 things"), CRS puts these rules at paranoia 2 too.
import { WordTable, isAlpha, isDigit, startsWithAt, at } from "./words";

let imap: WordTable | null = null;
function imapTable(): WordTable {
  let t = imap;
  if (t !== null) return t;
  const w = new WordTable(6);
  w.addAll("append authenticate status uid select fetch login store copy expunge examine create delete rename lsub list " +
    "capability noop logout search subscribe unsubscribe starttls idle", 1);
  imap = w;
  return w;
}

function digitsAfter(s: Uint8Array, p: i32, end: i32): bool { return at(s, p, end) == 0x20 && isDigit(at(s, p + 1, end)); }

function mailLine(s: Uint8Array, p: i32, end: i32, first: bool): bool {
  // SMTP and POP3 commands, by their first byte
  switch (at(s, p, end)) {
    case 0x6d: if (startsWithAt(s, p, end, "mail from:")) return true; break;
    case 0x72: if (startsWithAt(s, p, end, "rcpt to:") || startsWithAt(s, p, end, "retr") && digitsAfter(s, p + 4, end)) return true; break;
    case 0x65: if ((startsWithAt(s, p, end, "ehlo ") || startsWithAt(s, p, end, "expn ")) && isAlpha(at(s, p + 5, end))) return true; break;
    case 0x68: if (startsWithAt(s, p, end, "helo ") && isAlpha(at(s, p + 5, end))) return true; break;
    case 0x76: if (startsWithAt(s, p, end, "vrfy ") && isAlpha(at(s, p + 5, end))) return true; break;
    case 0x61: if (startsWithAt(s, p, end, "auth ") && isAlpha(at(s, p + 5, end)) || startsWithAt(s, p, end, "apop ")) return true; break;
    case 0x64: if (startsWithAt(s, p, end, "dele") && digitsAfter(s, p + 4, end)) return true; break;
    case 0x6c: if (!first && startsWithAt(s, p, end, "list") && digitsAfter(s, p + 4, end)) return true; break;
    case 0x75: if (startsWithAt(s, p, end, "uidl") && digitsAfter(s, p + 4, end)) return true; break;
    case 0x74: if (!first && startsWithAt(s, p, end, "top") && digitsAfter(s, p + 3, end)) return true; break;
  }
  // IMAP: a tag with a digit (a001, A1) then a command
  let q = p;
  let digit = false, letter = false; // a001, A1 (a bare number opens prose: "18 create gold")
  while (q < end && q < p + 10 && (isAlpha(<i32>unchecked(s[q])) || isDigit(<i32>unchecked(s[q])))) {
    if (isDigit(<i32>unchecked(s[q]))) digit = true; else letter = true;
    q++;
  }
  if (!digit || !letter || q == p || at(s, q, end) != 0x20) return false;
  const w0 = q + 1;
  let w1 = w0;
  while (w1 < end && w1 < w0 + 14 && isAlpha(<i32>unchecked(s[w1]))) w1++;
  if (w1 == w0 || !(at(s, w1, end) == 0x20 || at(s, w1, end) == -1 || at(s, w1, end) == 0x0a)) return false;
  return imapTable().lookup(s, w0, w1) > 0;
}

/** `spaced`: the value holds a whitespace byte (every command line has a space); `lines`: it holds a line break
 * (false skips the scan for lines after the first). */
export function mailInjectionLevel(s: Uint8Array, start: i32, end: i32, lines: bool = true, spaced: bool = true): i32 {
  if (!spaced) return 0;
  // the value itself (decoding trims a leading CRLF); "List 3"/"Top 5" opening a value are prose-like, skipped
  if (mailLine(s, start, end, true)) return 2;
  if (!lines) return 0;
  for (let i = start; i < end; i++) {
    if (<i32>unchecked(s[i]) != 0x0a) continue;
    let p = i + 1;
    while (p < end && <i32>unchecked(s[p]) == 0x20) p++;
    if (mailLine(s, p, end, false)) return 2;
  }
  return 0;
}
