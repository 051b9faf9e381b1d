// Windows command lines (CRS 932140 cmd.exe FOR/IF, 932120 PowerShell cmdlets).
import { WordTable, isAlpha, isDigit, isSpace, startsWithAt, containsAt, at } from "./words";

let psWords: WordTable | null = null;
function psTable(): WordTable {
  let t = psWords;
  if (t !== null) return t;
  const w = new WordTable(8);
  w.addAll("new-object start-process get-content set-content add-content get-childitem get-process stop-process " +
    "get-wmiobject get-ciminstance add-type out-file remove-item copy-item move-item new-item set-executionpolicy " +
    "get-credential convertto-securestring convertfrom-securestring set-mppreference add-mppreference get-itemproperty " +
    "set-itemproperty new-itemproperty import-module start-bitstransfer new-service register-scheduledtask " +
    "new-scheduledtaskaction new-localuser add-localgroupmember get-aduser test-netconnection resolve-dnsname " +
    "get-nettcpconnection get-hotfix get-acl set-acl expand-archive compress-archive get-localuser get-wmiclass " +
    "set-alias new-alias get-clipboard stop-computer restart-computer", 1);
  psWords = w;
  return w;
}

/** PowerShell cmdlets (Verb-Noun) as whole tokens: Invoke-* and a list of system ones. */
export function powershellLevel(s: Uint8Array, start: i32, end: i32): i32 {
  let ts = start;
  let dash = -1;
  const table = psTable();
  for (let i = start; i <= end; i++) {
    const c = i < end ? <i32>unchecked(s[i]) : -1;
    if (isAlpha(c) || isDigit(c) || c == 0x5f) continue;
    if (c == 0x2d && dash < 0 && i > ts) { dash = i; continue; }
    // token [ts, i) ends here
    if (dash > ts && i > dash + 1 && (ts == start || !(at(s, ts - 1, end) == 0x2d || at(s, ts - 1, end) == 0x2f || at(s, ts - 1, end) == 0x2e))) {
      if (c == -1 || isSpace(c) || c == 0x28 || c == 0x3b || c == 0x7c || c == 0x29 || c == 0x27 || c == 0x22 || c == 0x24) {
        if (dash - ts == 6 && startsWithAt(s, ts, end, "invoke")) return 1;
        if (i - ts <= 40 && table.lookup(s, ts, i) > 0) return 1;
      }
    }
    ts = i + 1;
    dash = -1;
  }
  return 0;
}

/** After `if [/i] [not]`: an operand (quoted, bracketed or a bare word) followed by == or EQU/NEQ/…? */
function ifComparison(s: Uint8Array, j: i32, end: i32): bool {
  const open = at(s, j, end);
  let close = -1;
  if (open == 0x22) close = 0x22; else if (open == 0x28) close = 0x29; else if (open == 0x5b) close = 0x5d; else if (open == 0x7b) close = 0x7d;
  let k = j;
  let pct = false; // a bare operand compared with spaces around == must be a batch variable (%1, %x%): `if x == y` is Python
  if (close >= 0) {
    k++;
    while (k < end && k < j + 80 && <i32>unchecked(s[k]) != close) {
      // IF (2 GEQ 15): the comparison inside the parentheses
      if (close == 0x29 && isSpace(<i32>unchecked(s[k])) && compareWord(s, k + 1, end)) return true;
      k++;
    }
    if (at(s, k, end) != close) return false;
    k++;
  } else {
    while (k < end && k < j + 80 && !isSpace(<i32>unchecked(s[k]))) {
      if (<i32>unchecked(s[k]) == 0x3d && at(s, k + 1, end) == 0x3d) return true;
      if (<i32>unchecked(s[k]) == 0x25 || <i32>unchecked(s[k]) == 0x21) pct = true;
      k++;
    }
  }
  if (isSpace(at(s, k, end))) k++;
  if (isSpace(at(s, k, end))) k++;
  if (at(s, k, end) == 0x3d && at(s, k + 1, end) == 0x3d) return close >= 0 || pct;
  return compareWord(s, k, end);
}

function compareWord(s: Uint8Array, k: i32, end: i32): bool {
  return startsWithAt(s, k, end, "equ ") || startsWithAt(s, k, end, "neq ") || startsWithAt(s, k, end, "lss ") ||
    startsWithAt(s, k, end, "leq ") || startsWithAt(s, k, end, "gtr ") || startsWithAt(s, k, end, "geq ");
}

/** cmd.exe control flow: FOR /F … IN (…) DO …, IF [/I] [NOT] EXIST|ERRORLEVEL|DEFINED|a==b … */
export function windowsBatchLevel(s: Uint8Array, start: i32, end: i32): i32 { return batchMasked(s, start, end, true, true); }

/** windowsBatchLevel in one pass; `forOn`/`ifOn` false skip a keyword whose required bytes the value lacks
 * (FOR needs a '/' or '%', IF a space or '='). */
export function batchMasked(s: Uint8Array, start: i32, end: i32, forOn: bool, ifOn: bool): i32 {
  const lim = end > s.length ? s.length : end;
  // "for" and "if" cannot overlap themselves: every occurrence is seen once, as the old containsAt loops saw them
  for (let p = start; p + 1 < lim; p++) {
    const c = <i32>unchecked(s[p]);
    if (c == 0x66) { if (forOn && forAt(s, p, start, end)) return 1; }
    else if (c == 0x69) { if (ifOn && <i32>unchecked(s[p + 1]) == 0x66 && ifAt(s, p, start, end)) return 1; }
  }
  return 0;
}

function forAt(s: Uint8Array, p: i32, start: i32, end: i32): bool {
  if (!(at(s, p + 1, end) == 0x6f && at(s, p + 2, end) == 0x72)) return false;
  if ((p == start || !isAlpha(at(s, p - 1, end))) && isSpace(at(s, p + 3, end))) {
    let j = p + 4;
    if (at(s, j, end) == 0x20) j++;
    const a = at(s, j, end);
    // FOR /F … IN (…) DO within one short command line
    const w = j + 256 < end ? j + 256 : end;
    if ((a == 0x2f || a == 0x25) && containsAt(s, j, w, " in") >= 0 && containsAt(s, j, w, "do") >= 0) return true;
  }
  return false;
}

function ifAt(s: Uint8Array, p: i32, start: i32, end: i32): bool {
  const a = at(s, p + 2, end);
  if ((p == start || !isAlpha(at(s, p - 1, end))) && (isSpace(a) || a == 0x2f)) {
    // whitespace runs are one byte after decoding
    let j = p + 2;
    if (isSpace(at(s, j, end))) j++;
    if (startsWithAt(s, j, end, "/i") && (isSpace(at(s, j + 2, end)))) { j += 3; if (isSpace(at(s, j, end))) j++; }
    if (startsWithAt(s, j, end, "not ")) { j += 4; if (isSpace(at(s, j, end))) j++; }
    if (startsWithAt(s, j, end, "/i ") || startsWithAt(s, j, end, "exist ") || startsWithAt(s, j, end, "errorlevel ") ||
        startsWithAt(s, j, end, "defined ") || startsWithAt(s, j, end, "cmdextversion")) return true;
    if (ifComparison(s, j, end)) return true;
  }
  return false;
}
