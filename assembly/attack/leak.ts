// Response-side leaks: stack traces and database error messages in response text (lower-cased). Each
// signature is a fixed string; a few need a second nearby string, so prose mentioning "exception" is not
// enough. Cost: one bounded substring search per signature over a capped text (MAX_DECODED).
import { containsAt, isDigit, startsWithAt } from "./words";

// Signatures strong enough alone (level 1).
const STACK_STRONG: string[] = [
  "traceback (most recent call last)",          // Python
  "exception in thread \"",                     // Java
  "goroutine 1 [running]",                      // Go
  "--- end of stack trace from previous location", "--- end of inner exception stack trace ---", // .NET
  "stack trace:\n#0 ", "php fatal error:", "php warning:", "php parse error:", "<b>fatal error</b>:", "<b>warning</b>:", // PHP
  "unhandledpromiserejectionwarning", "at process.processticksandrejections", "at module._compile", "(node:internal/", // Node
  "at java.base/", "at org.springframework.", "at org.apache.catalina.", "at sun.reflect.", "at jdk.internal.", // Java frames
  "at system.web.", "at microsoft.aspnetcore.", "[nullreferenceexception:", "server error in '/' application", // .NET
  "runtime error: invalid memory address", "panic: runtime error", // Go
  "from /usr/lib/ruby/", "actioncontroller::routingerror", // Ruby
];

// Pairs: both must appear (level 1), or the first alone (level 3).
const STACK_PAIR_A: string[] = ["\tat ", "\n    at ", "\n   at ", "file \"", "panic: ", "fatal error: ", "warning: "];
const STACK_PAIR_B: string[] = [".java:", ".js:", ".cs:line ", "\", line ", ".go:", " on line ", " on line "];

export function stackTraceLevel(s: Uint8Array, start: i32, end: i32): i32 {
  for (let k = 0; k < STACK_STRONG.length; k++) if (containsAt(s, start, end, unchecked(STACK_STRONG[k])) >= 0) return 1;
  let best = 0;
  for (let k = 0; k < STACK_PAIR_A.length; k++) {
    if (containsAt(s, start, end, unchecked(STACK_PAIR_A[k])) < 0) continue;
    if (containsAt(s, start, end, unchecked(STACK_PAIR_B[k])) >= 0) return 1;
    best = best == 0 || best > 3 ? 3 : best;
  }
  // Java-style "at pkg.Class.method(File.java:12)" frames without a leading tab (flattened logs)
  const p = containsAt(s, start, end, ".java:");
  if (p >= 0 && isDigit(p + 6 < end ? <i32>s[p + 6] : 0) && containsAt(s, start, end, "exception") >= 0) return 1;
  if (containsAt(s, start, end, "stack trace") >= 0 || containsAt(s, start, end, "stacktrace") >= 0) best = best == 0 || best > 4 ? 4 : best;
  return best;
}

const SQL_ERRORS: string[] = [
  "you have an error in your sql syntax", "warning: mysql_", "mysql_fetch_", "mysqli_sql_exception", "valid mysql result",
  "mysqlclient.", "com.mysql.jdbc", "mysql server version for the right syntax",
  "pg::syntaxerror", "org.postgresql.util.psqlexception", "error:  syntax error at or near", "unterminated quoted string at or near",
  "pg_query(): query failed", "supplied argument is not a valid postgresql", "npgsql.", "psycopg2.errors", "psycopg2.programmingerror",
  "unclosed quotation mark after the character string", "incorrect syntax near", "microsoft ole db provider for sql server",
  "odbc sql server driver", "system.data.sqlclient.sqlexception", "microsoft.data.sqlclient", "sqlserver jdbc driver", "[sql server]",
  "quoted string not properly terminated", "sql command not properly ended", "oracle.jdbc.", "oci_parse", "oci_execute",
  "sqlite3::", "sqlite3.operationalerror", "sqlite_error", "sqlite.exception", "system.data.sqlite.sqliteexception", "unrecognized token:",
  "db2 sql error", "dynamic sql error", "syntax error in string in query expression", "microsoft jet database engine",
  "microsoft access driver", "sqlstate[", "pdoexception", "sqlexception", "sql syntax error", "hibernate.exception.sqlgrammarexception",
  "java.sql.sqlsyntaxerrorexception", "sequelizedatabaseerror", "er_parse_error", "er_bad_field_error",
];

export function sqlErrorLevel(s: Uint8Array, start: i32, end: i32): i32 {
  for (let k = 0; k < SQL_ERRORS.length; k++) if (containsAt(s, start, end, unchecked(SQL_ERRORS[k])) >= 0) return 1;
  // Oracle: ORA-01756 style codes
  let p = containsAt(s, start, end, "ora-");
  while (p >= 0) {
    let d = 0;
    while (p + 4 + d < end && d < 6 && isDigit(<i32>s[p + 4 + d])) d++;
    if (d == 5) return 1;
    p = containsAt(s, p + 4, end, "ora-");
  }
  if (containsAt(s, start, end, "near \"") >= 0 && containsAt(s, start, end, "\": syntax error") >= 0) return 1; // SQLite
  if (startsWithAt(s, start, end, "sql error") || containsAt(s, start, end, "database error") >= 0) return 3;
  return 0;
}

// ---- prefilter: does any signature occur at all? One pass with first-byte dispatch, instead of one
// substring search per signature per value (most response values contain none, and responses carry many).

const EXTRA: string[] = [".java:", "exception", "stack trace", "stacktrace", "ora-", "near \"", "\": syntax error", "database error", "sql error"];
// Bucketed by the first two bytes (12 bits of them): on lower-cased text a first-byte table matched at
// almost every letter; two bytes leave few candidates per position.
let byPair: Array<Array<Uint8Array>> | null = null;

@inline function pairKey(a: i32, b: i32): i32 { return ((a << 5) ^ b) & 4095; }

function table(): Array<Array<Uint8Array>> {
  let t = byPair;
  if (t !== null) return t;
  t = new Array<Array<Uint8Array>>(4096);
  for (let i = 0; i < 4096; i++) t[i] = new Array<Uint8Array>();
  const lists = [STACK_STRONG, STACK_PAIR_A, STACK_PAIR_B, SQL_ERRORS, EXTRA];
  for (let l = 0; l < lists.length; l++) {
    const list = lists[l];
    for (let k = 0; k < list.length; k++) {
      const b = Uint8Array.wrap(String.UTF8.encode(list[k]));
      if (b.length >= 2) t[pairKey(b[0], b[1])].push(b);
    }
  }
  byPair = t;
  return t;
}

/** True if any leak signature occurs in s[start, end) (lower-cased text). Exact: a false means both
 *  stackTraceLevel and sqlErrorLevel would return 0. */
export function anyLeakSignature(s: Uint8Array, start: i32, end: i32): bool {
  const t = table();
  if (end > s.length) end = s.length;
  for (let i = start; i + 1 < end; i++) {
    const cands = unchecked(t[pairKey(<i32>unchecked(s[i]), <i32>unchecked(s[i + 1]))]);
    for (let k = 0; k < cands.length; k++) {
      const n = unchecked(cands[k]);
      const len = n.length;
      if (i + len > end) continue;
      let j = 0;
      while (j < len && unchecked(s[i + j]) == unchecked(n[j])) j++;
      if (j == len) return true;
    }
  }
  return false;
}
