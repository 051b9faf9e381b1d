// attack.sqli, second pass: SQL probes and fragments that the breakout grammar (sqli.ts) does not parse
// because they are not whole expressions: catalog names (information_schema), a SQL function name cut off
// at its "(" (pow(, database(), PostgreSQL casts (x)::int) and JSON operators ('{"a":1}'::jsonb <@ …),
// truncated statements (into outfile ', exec master.), MySQL hints (/*!50000, /*+), the 1.e( notation and
// integer-overflow probes. One pass over the lower-case value; words are looked up at token boundaries
// in a WordTable; look-aheads are short and bounded, so the cost stays linear.
import { WordTable, isAlpha, isDigit, isSpace, minLevel, byteAt, at, bytesAre } from "./words";

// word codes
const FN_SQL: i32 = 1;   // SQL built-in with a name prose and other languages rarely call
const FN_GEN: i32 = 2;   // SQL built-in with a generic name (sin, left, insert, trim…)
const CAT_1: i32 = 3;    // catalog / system database names (not words of any language)
const CAT_2: i32 = 4;    // sample databases and column names that are also ordinary identifiers
const K_VERB: i32 = 5;   // select insert update delete create alter rename truncate load desc
const K_OTHER: i32 = 6;  // into exec execute waitfor procedure case like regexp as union …
const FN_L2: i32 = 7;    // English words that are SQL functions (date, day, if…): fn( at level 2
const PROC_1: i32 = 8;   // xp_cmdshell and friends
const TYPE_2: i32 = 9;   // varchar, nvarchar as a whole value

let table: WordTable | null = null;
let types: WordTable | null = null;

function probeWords(): WordTable {
  let t = table;
  if (t !== null) return t;
  const w = new WordTable(11);
  // CRS 942151/942140/942190 function names, narrowed to SQL-specific spellings
  w.addAll("benchmark coalesce compress uncompress uncompressed_length concat concat_ws group_concat current_user current_setting " +
    "database db_name schema extractvalue updatexml load_file make_set md5 sha1 sha2 hex unhex ifnull isnull nullif iif " +
    "name_const ord pg_sleep sleep sysdate rand substr substring substring_index mid xmltype find_in_set json_extract json_build_object " +
    "json_build_array json_agg json_object_agg json_object_keys json_array_length json_each json_typeof json_populate_record " +
    "jsonb_pretty jsonb_build_object jsonb_agg jsonb_insert jsonb_set jsonb_path_query jsonb_path_exists jsonb_each jsonb_typeof " +
    "jsonb_array_elements json_array_elements jsonb_object_keys jsonb_strip_nulls to_json to_jsonb row_to_json query_to_xml database_to_xml " +
    "starts_with unistr lo_get lo_put lo_import lo_export lo_from_bytea lo_create pg_read_file pg_read_binary_file pg_ls_dir pg_user " +
    "pg_database pg_client_encoding pg_largeobject system_user session_user connection_id last_insert_id row_count found_rows " +
    "char_length character_length ascii strcmp soundex aes_decrypt aes_encrypt des_decrypt des_encrypt from_base64 to_base64 inet_aton " +
    "inet_ntoa inet6_aton inet6_ntoa get_lock release_lock is_free_lock is_used_lock master_pos_wait procedure_analyse sqlite_version " +
    "sqlite_source_id sqlite_compileoption_used sqlite_compileoption_get randomblob weight_string export_set lcase ucase unix_timestamp " +
    "from_unixtime date_format str_to_date utc_date utc_time utc_timestamp curdate curtime sec_to_time time_to_sec hextoraw rawtohex " +
    "to_nchar to_char chr nchar charindex convert_tz coercibility collation octet_length old_password bit_and bit_or bit_xor bit_count " +
    "bit_length crc32 is_srvrolemember is_member host_name suser_sname user_name has_dbaccess current_database dbms_xmlgen.getxml " +
    "div ifnull ltrim rtrim lpad rpad decode encode", FN_SQL);
  w.addAll("user sin cos tan atan atan2 asin acos cot pow power sqrt exp floor ceil ceiling log log10 log2 ln abs sign pi degrees " +
    "radians left right insert instr locate position trim lower upper reverse space repeat replace conv bin oct cast convert count " +
    "length char field elt format hour year week weekday dayname monthname quarter now quote values type encrypt version", FN_GEN);
  // English words that are also SQL functions or keywords: "date(", "if (" only at level 2
  w.addAll("date day default if in time timestamp exists", FN_L2);
  // extended stored procedures: names nothing else uses
  w.addAll("xp_cmdshell xp_dirtree xp_regread xp_regwrite xp_fileexist xp_servicecontrol xp_availablemedia xp_subdirs xp_makecab " +
    "xp_ntsec_enumdomains xp_terminate_process sp_oacreate sp_oamethod sp_makewebtask sp_addextendedproc sp_execute_external_script", PROC_1);
  w.addAll("varchar nvarchar", TYPE_2);
  w.addAll("information_schema pg_catalog pg_toast pg_shadow mysql.db mysql.user msdb tempdb msysaccessobjects msysaccessstorage " +
    "msysaccessxml msysaces msysmodules msysmodules2 msysobjects msysqueries msysrelationships sqlite_master sqlite_temp_master " +
    "sysaux sys.database_name master..sysdatabases sysobjects syscolumns", CAT_1);
  w.addAll("northwind schema_name", CAT_2);
  w.addAll("select insert update delete create alter rename truncate load desc drop", K_VERB);
  w.addAll("into exec execute waitfor procedure case like rlike regexp as union then returns having from where set", K_OTHER);
  table = w;
  return w;
}

/** PostgreSQL type names after '::'. Code 1: also after a bare identifier (x::int); 2: only after ')' or a quote. */
function castTypes(): WordTable {
  let t = types;
  if (t !== null) return t;
  const w = new WordTable(7);
  w.addAll("int int2 int4 int8 bigint smallint jsonb varchar bytea regclass regproc regtype oid numeric float4 float8 tsvector", 1);
  w.addAll("integer text json double real char bool boolean date timestamp timestamptz xml uuid inet money interval decimal name", 2);
  types = w;
  return w;
}

@inline function isIdentByte(c: i32): bool { return isAlpha(c) || isDigit(c) || c == 0x5f || c == 0x24; }
@inline function isQuote(c: i32): bool { return c == 0x27 || c == 0x22 || c == 0x60; }
@inline function isStrQuote(c: i32): bool { return c == 0x27 || c == 0x22; }

function skipSpace(s: Uint8Array, i: i32, end: i32): i32 {
  while (i < end && isSpace(byteAt(s, i))) i++;
  return i;
}

/** End of the identifier starting at i (no dots). */
function wordEnd(s: Uint8Array, i: i32, end: i32): i32 {
  while (i < end && isIdentByte(byteAt(s, i))) i++;
  return i;
}

/** Is s[i,j) the ASCII word `w`? */
@inline function isWord(s: Uint8Array, i: i32, j: i32, w: string): bool { return bytesAre(s, i, j, w); }

/** The next word after position i (spaces skipped): returns its start, sets `nextEnd`. -1 if none. */
let nextEnd: i32 = 0;
function nextWord(s: Uint8Array, i: i32, end: i32): i32 {
  const a = skipSpace(s, i, end);
  if (a >= end || !(isAlpha(byteAt(s, a)) || byteAt(s, a) == 0x5f)) return -1;
  nextEnd = wordEnd(s, a, end);
  return a;
}

/** After a function name ending at j: up to 3 non-word bytes then '(' → index after '(' ; else -1. */
function callParen(s: Uint8Array, j: i32, end: i32): i32 {
  for (let k = 0; k < 4 && j < end; k++, j++) {
    const c = byteAt(s, j);
    if (c == 0x28) return j + 1;
    // spaces, '=', '\\', '%', '+', comment marks between name and '(' (encode=(, md5\(, sin (); not a markdown link's ](
    if (!(isSpace(c) || c == 0x3d || c == 0x5c || c == 0x25 || c == 0x2b || c == 0x2a || c == 0x2f)) return -1;
  }
  return -1;
}

/** Position of the next comment close found so far (-2: not searched, -1: none); reset per value. */
let closeAt: i32 = -2;
/** A comment close after i. The search resumes where the last one ended (callers' i only grows): linear. */
function closesComment(s: Uint8Array, i: i32, end: i32): bool {
  if (closeAt >= i) return true;
  if (closeAt == -1) return false;
  for (let k = i; k + 1 < end; k++) {
    if (byteAt(s, k) == 0x2a && byteAt(s, k + 1) == 0x2f) { closeAt = k; return true; }
  }
  closeAt = -1;
  return false;
}

/** Only whitespace from i to end. */
@inline function restEmpty(s: Uint8Array, i: i32, end: i32): bool { return skipSpace(s, i, end) >= end; }

/** (args) made only of numbers, signs, commas and spaces, closed by ')' at the end of the value. */
function literalArgsToEnd(s: Uint8Array, i: i32, end: i32): bool {
  let digits = false;
  while (i < end) {
    const c = byteAt(s, i);
    if (c == 0x29) return digits && restEmpty(s, i + 1, end);
    if (isDigit(c)) digits = true;
    else if (!(c == 0x2c || c == 0x2d || c == 0x2b || c == 0x2e || isSpace(c))) return false;
    i++;
  }
  return false;
}

/**
 * A JSON operator of PostgreSQL/MySQL at i: @> <@ ? ?| ?& #> #>> #- -> ->> @? @@ ||, and after a ::json cast
 * also - < >; without the cast, < and > only before another quoted literal ('{…}' < '$.c[2].f').
 */
function jsonOpAt(s: Uint8Array, i: i32, end: i32, cast: bool): bool {
  const c = at(s, i, end), d = at(s, i + 1, end);
  if (c == 0x3f || c == 0x40) return true;                                         // ? ?| ?& @> @? @@ @
  if (c == 0x3c && d == 0x40) return true;                                         // <@
  if (c == 0x23 && (d == 0x3e || d == 0x2d)) return true;                          // #> #>> #-
  if (c == 0x2d && d == 0x3e) return true;                                         // -> ->>
  if (c == 0x7c && d == 0x7c) return true;                                         // ||
  if (c == 0x2d || c == 0x3c || c == 0x3e) {
    if (cast) return true;
    if (c != 0x2d && isQuote(at(s, skipSpace(s, i + 1, end), end))) return true;
  }
  return false;
}

/** Whole value (trimmed) is one of the integer/float overflow probes (CRS 942220). */
function magicNumberLevel(s: Uint8Array, start: i32, end: i32): i32 {
  let a = skipSpace(s, start, end), b = end;
  while (b > a && isSpace(byteAt(s, b - 1))) b--;
  const n = b - a;
  // every probe below is 5, 10, 11 or 23 bytes long
  if (n != 10 && n != 11 && n != 5 && n != 23) return 0;
  const c = byteAt(s, a);
  if (!(isDigit(c) || c == 0x2d)) return 0;
  // one past a limit, or the float parsing DoS values: probes, not quantities
  if (isWord(s, a, b, "4294967296") || isWord(s, a, b, "2147483648") || isWord(s, a, b, "-2147483649") ||
      isWord(s, a, b, "2.2250738585072011e-308") || isWord(s, a, b, "1e309")) return 1;
  if (isWord(s, a, b, "4294967295") || isWord(s, a, b, "2147483647") || isWord(s, a, b, "-2147483648") ||
      isWord(s, a, b, "0000012345") || isWord(s, a, b, "0000023456") || isWord(s, a, b, "-0000023456")) return 2;
  return 0;
}

/** Level at which lower-case `s[start,end)` is a SQL probe or fragment, or 0. */
export function sqlProbeLevel(s: Uint8Array, start: i32, end: i32): i32 {
  if (end > s.length) end = s.length;
  if (start < 0) start = 0;
  if (end <= start) return 0;
  const w = probeWords();
  let best = magicNumberLevel(s, start, end);
  const bare = bareOperatorLevel(s, start, end);
  if (bare > 0) best = minLevel(best, bare);
  if (best == 1) return 1;
  const first = skipSpace(s, start, end);
  const f0 = at(s, first, end);
  // a value that starts a new select-list item: ", find_in_set('22', category)"
  if (f0 == 0x2c) {
    const a = nextWord(s, first + 1, end);
    if (a >= 0) { const code = w.lookup(s, a, nextEnd); if ((code == FN_SQL || code == FN_GEN) && callParen(s, nextEnd, end) > 0) return 1; }
  }
  // a value that opens with a quote and goes straight into a statement: 'select x, ";having…
  if (isQuote(f0)) {
    let k = first + 1;
    while (k < end && (byteAt(s, k) == 0x3b || isSpace(byteAt(s, k)))) k++;
    const a = k < end && isAlpha(byteAt(s, k)) ? k : -1;
    if (a >= 0) {
      const e = wordEnd(s, a, end);
      if ((isWord(s, a, e, "select") || isWord(s, a, e, "union") || isWord(s, a, e, "having")) &&
          nextWord(s, e, end) >= 0 && !hasByteFrom(s, e, end, f0)) return 1;
      // 'alter a, ' union/: a breakout into a statement verb, cut short (level 2)
      const vc = w.lookup(s, a, e);
      if ((vc == K_VERB || isWord(s, a, e, "union")) && e < end && !hasByteFrom(s, e, end, f0)) best = minLevel(best, 2);
    }
  }
  // value`; — a quote left open and the statement ended (authentication bypass, CRS 942540)
  {
    let b = end;
    while (b > first && isSpace(byteAt(s, b - 1))) b--;
    if (b - 1 > first && byteAt(s, b - 1) == 0x3b) {
      let q = b - 2;
      while (q > first && isSpace(byteAt(s, q))) q--;
      const qc = at(s, q, end);
      const pq = at(s, q - 1, end); // a name or address before the quote (admin@x.op`;), not code (})`;)
      if (q > first && isQuote(qc) && (isIdentByte(pq) || pq == 0x2e) && countByte(s, start, end, qc) == 1) return 1;
    }
  }
  closeAt = -2;
  let createFn = false, alterTable = false, sawSelect = false, sawFrom = false;
  let caseLevel = 0;
  let i = start;
  while (i < end) {
    const c = byteAt(s, i);
    const prev = at(s, i - 1, end);
    // words at token boundaries
    if ((isAlpha(c) || c == 0x5f) && !isIdentByte(prev)) {
      let j = wordEnd(s, i, end);
      // dotted catalog names: mysql.db, sys.database_name, master..sysdatabases
      let jd = j;
      while (jd < end && byteAt(s, jd) == 0x2e && jd - i < 40) { jd++; while (jd < end && byteAt(s, jd) == 0x2e) jd++; jd = wordEnd(s, jd, end); }
      if (jd > j) {
        const cd = w.lookup(s, i, jd);
        if (cd == CAT_1 && !(prev == 0x2f || prev == 0x5c)) return 1;  // not a file path segment
        if (cd == CAT_1 || cd == CAT_2) best = minLevel(best, 2);
      }
      // glued union select (spaces removed): xunionselectfrom
      if (j - i >= 11 && containsIn(s, i, j, "unionselect")) return 1;
      const code = w.lookup(s, i, j);
      if (code == CAT_1) return 1;
      // alter table … character set utf8
      if (alterTable && (isWord(s, i, j, "character") || isWord(s, i, j, "char"))) {
        const a = nextWord(s, j, end);
        if (a >= 0 && isWord(s, a, nextEnd, "set")) return 1;
      }
      if (code == CAT_2) best = minLevel(best, 2);
      if (code == PROC_1) return 1;
      if (code == TYPE_2 && skipSpace(s, start, end) == i && restEmpty(s, j, end)) best = minLevel(best, 2);
      // (exec/execute are K_OTHER words, insert a K_VERB word: compared only when the table says so)
      if ((code == FN_L2 || code == FN_GEN || code == FN_SQL || code == K_VERB || (code == K_OTHER && (isWord(s, i, j, "exec") || isWord(s, i, j, "execute")))) && prev != 0x2e) { // not obj.method(
        // level 2: any short run of punctuation before a '(' that ends the value (date]=(, if !(, day&'()
        if (looseParenAtEnd(s, j, end)) best = minLevel(best, 2);
      }
      if ((code == FN_SQL || code == FN_GEN || (code == K_VERB && isWord(s, i, j, "insert"))) && prev != 0x2e) { // not obj.method(
        const p = callParen(s, j, end);
        if (p > 0) {
          // fn( cut off at its parenthesis: a probe for which built-ins the filter lets through
          // (generic names like format/user/left only at the start of the value or of a select-list item:
          // prose "see format (#12)" reads as "format (" once the '#' comment is stripped)
          if (restEmpty(s, p, end) && (code != FN_GEN || skipSpace(s, start, end) == i || listItemBefore(s, start, i, code))) {
            // exactly one trailing space is what a stripped '#'/'--' comment leaves ("if (--n === 0)"):
            // the comment-free view of code, not a probe
            if (p == end - 1 && byteAt(s, p) == 0x20) best = minLevel(best, 2);
            else return 1;
          }
          // the whole value is a call of a SQL built-in with numeric arguments: div(23,-2), lo_get(16400)
          if (code == FN_SQL && skipSpace(s, start, end) == i && literalArgsToEnd(s, p, end)) return 1;
        }
      }
      if (code == K_VERB) {
        if (isWord(s, i, j, "select")) sawSelect = true;
        const a = nextWord(s, j, end);
        if (a >= 0) {
          const e = nextEnd;
          const nc = w.lookup(s, a, e);
          // select char(, select group_concat(, select if(, select benchmark(
          if ((isWord(s, a, e, "char") || isWord(s, a, e, "group_concat") || isWord(s, a, e, "load_file") || isWord(s, a, e, "if") ||
               isWord(s, a, e, "iif") || isWord(s, a, e, "benchmark") || isWord(s, a, e, "sleep")) && callParen(s, e, end) > 0) return 1;
          if (isWord(s, i, j, "select") && nc == FN_SQL && callParen(s, e, end) > 0) return 1;
          if (isWord(s, i, j, "create") && isWord(s, a, e, "function")) {
            const nm = nextWord(s, e, end);
            if (nm >= 0 && at(s, skipSpace(s, nextEnd, end), end) == 0x28) createFn = true;
          }
          if ((isWord(s, i, j, "create") || isWord(s, i, j, "drop")) && isWord(s, a, e, "table")) {
            // create table persons — a table name then the end, '(' or ';'
            let k = skipSpace(s, e, end);
            if (at(s, k, end) == 0x60) { k++; while (k < end && byteAt(s, k) != 0x60) k++; k++; }
            else k = wordEnd(s, k, end);
            if (k > e + 1) { const z = skipSpace(s, k, end); const zc = at(s, z, end); if (z >= end || zc == 0x28 || zc == 0x3b) return 1; }
          }
          if (isWord(s, i, j, "alter") && isWord(s, a, e, "table")) alterTable = true;
        }
        // ;truncate[xx — a stacked statement with a bracketed or parenthesised name
        if (prev != -1) {
          let k = i - 1;
          while (k > start && isSpace(byteAt(s, k))) k--;
          if (at(s, k, end) == 0x3b) {
            const z = skipSpace(s, j, end);
            if (at(s, z, end) == 0x5b && isIdentByte(at(s, z + 1, end)) && isIdentByte(at(s, z + 2, end))) return 1;
          }
        }
      } else if (code == K_OTHER) {
        const a = nextWord(s, j, end);
        const e = nextEnd;
        if (isWord(s, i, j, "into")) {
          if (a >= 0 && (isWord(s, a, e, "outfile") || isWord(s, a, e, "dumpfile")) && isStrQuote(at(s, skipSpace(s, e, end), end))) return 1;
        } else if (isWord(s, i, j, "exec") || isWord(s, i, j, "execute")) {
          if (a >= 0 && isWord(s, a, e, "master") && at(s, e, end) == 0x2e) return 1;
          if (a >= 0 && isWord(s, a, e, "immediate") && isQuote(at(s, skipSpace(s, e, end), end))) return 1;
        } else if (isWord(s, i, j, "waitfor")) {
          if (a >= 0 && (isWord(s, a, e, "delay") || isWord(s, a, e, "time")) && isQuote(at(s, skipSpace(s, e, end), end))) return 1;
        } else if (isWord(s, i, j, "procedure")) {
          if (a >= 0 && isWord(s, a, e, "analyse") && at(s, skipSpace(s, e, end), end) == 0x28) return 1;
        } else if (isWord(s, i, j, "like")) {
          // ) like ( — comparing two sub-expressions
          let k = i - 1;
          while (k > start && isSpace(byteAt(s, k))) k--;
          if (at(s, k, end) == 0x29 && at(s, skipSpace(s, j, end), end) == 0x28) return 1;
        } else if (isWord(s, i, j, "regexp") || isWord(s, i, j, "rlike")) {
          // ` regexp  — a quoted identifier compared by pattern
          // (after a closing ' or ": level 2 — "'/' + regexp + '/'" is JavaScript once '+' reads as a space)
          if (isSpace(prev) && isQuote(at(s, i - 2, end)) && (j >= end || !isIdentByte(at(s, j, end)))) {
            if (at(s, i - 2, end) == 0x60) return 1;
            best = minLevel(best, 2);
          }
        } else if (isWord(s, i, j, "as")) {
          if (asFromAt(s, start, i, j, end)) return 1;
          // ") as total from": the end of a select-list item (level 2: "(see above) as soon from" reads alike)
          let k = i - 1;
          while (k >= start && isSpace(byteAt(s, k))) k--;
          if (at(s, k, end) == 0x29) {
            let z = skipSpace(s, j, end);
            const q = at(s, z, end);
            if (isQuote(q)) { z = wordEnd(s, z + 1, end); if (at(s, z, end) == q) z++; } else z = wordEnd(s, z, end);
            const f = nextWord(s, z, end);
            if (f >= 0 && isWord(s, f, nextEnd, "from")) best = minLevel(best, 2);
          }
        } else if (isWord(s, i, j, "case")) {
          if (a >= 0 && isWord(s, a, e, "when")) {
            // case when … then: a conditional expression; confident when the value or a sub-expression opens with it
            let k = i - 1;
            while (k >= start && isSpace(byteAt(s, k))) k--;
            const pc = at(s, k, end);
            caseLevel = k < start || pc == 0x28 || pc == 0x2c || pc == 0x3d ? 1 : 2;
          }
        } else if (isWord(s, i, j, "then")) {
          if (caseLevel > 0) best = minLevel(best, caseLevel);
          if (best == 1) return 1;
        } else if (isWord(s, i, j, "from")) {
          if (sawSelect) sawFrom = true;
          // a value that starts at FROM: from `table` …, from t where c = …
          if (skipSpace(s, start, end) == i) {
            const z = skipSpace(s, j, end);
            if (at(s, z, end) == 0x60) {
              // from `t`.`c` / from `t` where|limit|order|group — not markdown's "from `npm view` output"
              let k = z + 1;
              while (k < end && byteAt(s, k) != 0x60 && k - z < 64) k++;
              const nw = nextWord(s, k + 1, end);
              if (at(s, k + 1, end) == 0x2e || (nw >= 0 && (isWord(s, nw, nextEnd, "where") || isWord(s, nw, nextEnd, "limit") ||
                  isWord(s, nw, nextEnd, "order") || isWord(s, nw, nextEnd, "group") || isWord(s, nw, nextEnd, "join")))) best = minLevel(best, 2);
            } else if (a >= 0) {
              const wh = nextWord(s, e, end);
              if (wh >= 0 && isWord(s, wh, nextEnd, "where")) best = minLevel(best, 2);
            }
          }
        } else if (isWord(s, i, j, "set")) {
          if (at(s, skipSpace(s, j, end), end) == 0x40) best = minLevel(best, 2); // set @old_sql_mode
        } else if (isWord(s, i, j, "where")) {
          // select … from … where id=json_extract(…): a query comparing a column with a call (an SQL
          // statement quoted in prose compares with literals: where name = 'susan')
          if (sawFrom && a >= 0) {
            let z = skipSpace(s, e, end);
            const zc = at(s, z, end);
            if (zc == 0x3d || zc == 0x3c || zc == 0x3e) {
              z = skipSpace(s, z + 1, end);
              if (isAlpha(at(s, z, end)) && callParen(s, wordEnd(s, z, end), end) > 0) return 1;
            }
          }
        } else if (isWord(s, i, j, "having")) {
          // select … having count(id) >= 9: a filter on a grouped select
          if (sawSelect && a >= 0) {
            const z = skipSpace(s, e, end);
            const zc = at(s, z, end);
            if (zc == 0x28 || zc == 0x3d || zc == 0x3c || zc == 0x3e || zc == 0x21) return 1;
          }
        } else if (isWord(s, i, j, "union")) {
          // union [all|distinct|distinctrow] select, seen through comments (union#\ndistinctrow\vselect)
          let z = skipGap(s, j, end);
          let ze = wordEnd(s, z, end);
          if (isWord(s, z, ze, "all") || isWord(s, z, ze, "distinct") || isWord(s, z, ze, "distinctrow")) { z = skipGap(s, ze, end); ze = wordEnd(s, z, end); }
          if (isWord(s, z, ze, "select")) return 1;
        } else if (isWord(s, i, j, "returns")) {
          if (createFn) return 1;
        }
      }
      i = j > i ? j : i + 1;
      continue;
    }
    if (c == 0x3a && at(s, i + 1, end) == 0x3a) {
      // PostgreSQL cast: )::int, '…'::jsonb, password::int
      const a = nextWord(s, i + 2, end);
      if (a >= 0) {
        const tc = castTypes().lookup(s, a, nextEnd);
        if (tc > 0 && (prev == 0x29 || isQuote(prev) || (tc == 1 && isIdentByte(prev)))) return 1;
        if (tc > 0 && isIdentByte(prev)) best = minLevel(best, 2);
      }
      i += 2;
      continue;
    }
    if (c == 0x2f && at(s, i + 1, end) == 0x2a) {
      // MySQL versioned comment and optimizer hints: /*!50000select, /*+ hint */
      // ('!' right after the opener as MySQL requires; C's "/* !_FOO_H_ */" has a space)
      let k = at(s, i + 2, end) == 0x21 ? i + 2 : skipSpace(s, i + 2, end);
      const h = at(s, k, end);
      // (closed by */ — "application/*+json" is a media-type glob)
      if (((h == 0x21 && k == i + 2) || h == 0x2b) && isIdentByte(at(s, skipSpace(s, k + 1, end), end)) && closesComment(s, k + 1, end)) return 1;
      i += 2;
      continue;
    }
    if ((c == 0x27 || c == 0x22) && (at(s, i + 1, end) == 0x7b || at(s, i + 1, end) == 0x5b)) {
      // '{"a":1}' or '[1,2]' next to a JSON operator (PostgreSQL/MySQL JSON): '{"b":2}'::jsonb <@ '…'
      let k = i + 1;
      const lim = end - i > 1024 ? i + 1024 : end;
      while (k < lim && byteAt(s, k) != c) k++;
      if (k < lim) {
        const inner = at(s, k - 1, end);
        if (inner == 0x7d || inner == 0x5d) {
          let z = skipSpace(s, k + 1, end);
          let cast = false;
          if (at(s, z, end) == 0x3a && at(s, z + 1, end) == 0x3a) {
            const a = nextWord(s, z + 2, end);
            if (a >= 0 && (isWord(s, a, nextEnd, "json") || isWord(s, a, nextEnd, "jsonb"))) { z = skipSpace(s, nextEnd, end); cast = true; }
          }
          if (jsonOpAt(s, z, end, cast)) return 1;
          // … or a containment operator before it: x <@ '{…}', x @> '[…]'
          let b = i - 1;
          while (b > start && isSpace(byteAt(s, b))) b--;
          const pc = at(s, b, end), pd = at(s, b - 1, end);
          if ((pc == 0x40 && pd == 0x3c) || (pc == 0x3e && pd == 0x40)) return 1;
        }
        i = k + 1;
        continue;
      }
    }
    if (isDigit(c) && at(s, i + 1, end) == 0x2e && at(s, i + 2, end) == 0x65 && !isIdentByte(prev) && prev != 0x2e) {
      // MySQL reads 1.e( as the number 1 glued to what follows: 1.e(ascii …), 1.e.tables
      const d = at(s, i + 3, end);
      if (d == 0x28 || d == 0x29 || d == 0x2c) return 1;
      if (d == 0x2e && isAlpha(at(s, i + 4, end)) && wordEnd(s, i + 4, end) - (i + 4) >= 3) return 1;
    }
    i++;
  }
  return best;
}

/** `<number|quote> as <name or quoted name> from` (CRS 942360): an aliased column running into FROM. */
function asFromAt(s: Uint8Array, start: i32, i: i32, j: i32, end: i32): bool {
  let k = i - 1;
  while (k >= start && isSpace(byteAt(s, k))) k--;
  const pc = at(s, k, end);
  if (!(isDigit(pc) || isQuote(pc))) return false;
  if (isDigit(pc)) { // a whole number, not the tail of a word like "mp3"
    let d = k;
    while (d >= start && isDigit(byteAt(s, d))) d--;
    if (isIdentByte(at(s, d, end))) return false;
  }
  // the alias: "name", `name`, a lone quote (6 as" from) or, after a quote, a bare name
  let z = skipSpace(s, j, end);
  const q = at(s, z, end);
  if (isQuote(q)) {
    const a = z + 1;
    z = wordEnd(s, a, end);
    if (at(s, z, end) == q) z++;
    else if (z > a) return false; // "read from the …: an opened quotation, not an alias
  } else {
    if (isDigit(pc)) return false; // 6 as x from: prose ("aged 6 as kids from")
    z = wordEnd(s, z, end);
  }
  const a = nextWord(s, z, end);
  return a >= 0 && isWord(s, a, nextEnd, "from");
}

function containsIn(s: Uint8Array, i: i32, j: i32, needle: string): bool {
  const n = needle.length;
  for (let k = i; k + n <= j; k++) {
    let ok = true;
    for (let m = 0; m < n; m++) if (byteAt(s, k + m) != needle.charCodeAt(m)) { ok = false; break; }
    if (ok) return true;
  }
  return false;
}

function hasByteFrom(s: Uint8Array, i: i32, end: i32, b: i32): bool {
  for (let k = i; k < end; k++) if (byteAt(s, k) == b) return true;
  return false;
}

function countByte(s: Uint8Array, i: i32, end: i32, b: i32): i32 {
  let n = 0;
  for (let k = i; k < end; k++) if (byteAt(s, k) == b) n++;
  return n;
}

/** The word at i follows ',' or '(' (an argument or select-list item), or "select". */
function listItemBefore(s: Uint8Array, start: i32, i: i32, code: i32): bool {
  let k = i - 1;
  while (k >= start && isSpace(byteAt(s, k))) k--;
  const c = at(s, k, s.length);
  if (c == 0x2c || (c == 0x28 && code == FN_SQL)) return true;
  // the previous word begins with "select" (select user(, selectect user( — a mangled verb)
  let b = k;
  while (b >= start && isIdentByte(byteAt(s, b))) b--;
  return k - b >= 6 && isWord(s, b + 1, b + 7, "select");
}

// Skip spaces and SQL comments (hash and double-dash to the newline, slash-star blocks) from i.
function skipGap(s: Uint8Array, i: i32, end: i32): i32 {
  // bounded: "union/* union/* …" must not rescan the rest of the value at every union
  if (end - i > 256) end = i + 256;
  while (i < end) {
    const c = byteAt(s, i);
    if (isSpace(c)) { i++; continue; }
    if (c == 0x23 || (c == 0x2d && at(s, i + 1, end) == 0x2d)) { while (i < end && byteAt(s, i) != 0x0a) i++; continue; }
    if (c == 0x2f && at(s, i + 1, end) == 0x2a) { i += 2; while (i + 1 < end && !(byteAt(s, i) == 0x2a && byteAt(s, i + 1) == 0x2f)) i++; i += 2; continue; }
    break;
  }
  return i < end ? i : end;
}

/** After a name ending at j: at most 3 non-word bytes, then '(' and only spaces to the end. */
function looseParenAtEnd(s: Uint8Array, j: i32, end: i32): bool {
  for (let k = 0; k < 4 && j < end; k++, j++) {
    const c = byteAt(s, j);
    if (c == 0x28) return restEmpty(s, j + 1, end);
    if (isIdentByte(c)) return false;
  }
  return false;
}

/** Whole value (trimmed) is a bare SQL operator (||, &&, xor, !=, <<, >>, regexp…) or a literal tautology (1=1, 42 like 42). */
export function bareOperatorLevel(s: Uint8Array, start: i32, end: i32): i32 {
  let a = skipSpace(s, start, end), b = end;
  // every shape below starts with one of these bytes (an operator, its word, or a literal): most values stop here
  const c0 = at(s, a, end);
  if (!(isDigit(c0) || isStrQuote(c0) || c0 == 0x7c || c0 == 0x26 || c0 == 0x3c || c0 == 0x3e || c0 == 0x21 || c0 == 0x3d ||
        c0 == 0x2d || c0 == 0x78 || c0 == 0x72 || c0 == 0x6c || c0 == 0x69 || c0 == 0x6f || c0 == 0x67)) return 0;
  while (b > a && isSpace(byteAt(s, b - 1))) b--;
  const n = b - a;
  if (n == 0 || n > 48) return 0;
  if (!(isDigit(c0) || isStrQuote(c0))) {
    // an operator or its word (none starts with a digit or quote; a literal is needed for the tautology below)
    if (n <= 11 && (isWord(s, a, b, "||") || isWord(s, a, b, "&&") || isWord(s, a, b, "<<") || isWord(s, a, b, ">>") || isWord(s, a, b, "!=") ||
        isWord(s, a, b, "<>") || isWord(s, a, b, "<=>") || isWord(s, a, b, "xor") || isWord(s, a, b, "regexp") || isWord(s, a, b, "rlike") ||
        isWord(s, a, b, "like null") || isWord(s, a, b, "is null") || isWord(s, a, b, "is not null") || isWord(s, a, b, "<=") ||
        isWord(s, a, b, ">=") || isWord(s, a, b, "==") || isWord(s, a, b, "->") || isWord(s, a, b, "->>") ||
        isWord(s, a, b, "order by") || isWord(s, a, b, "group by"))) return 2;
    // in (0,1), in (815914, 815913): a membership list of numbers
    if (n > 4 && isWord(s, a, a + 2, "in")) {
      const p = skipSpace(s, a + 2, b);
      if (at(s, p, b) == 0x28 && literalArgsToEnd(s, p + 1, b)) return 2;
    }
    return 0;
  }
  // tautology: the same literal on both sides of a comparison (1=1, 42<=>42, 'a'='a', 42 like 42)
  const x = literalEnd(s, a, b);
  if (x <= a) return 0;
  let k = skipSpace(s, x, b);
  const o = k;
  while (k < b && (byteAt(s, k) == 0x3d || byteAt(s, k) == 0x3c || byteAt(s, k) == 0x3e || byteAt(s, k) == 0x21)) k++;
  if (k == o) {
    const we = wordEnd(s, k, b);
    if (!(isWord(s, k, we, "like") || isWord(s, k, we, "is") || isWord(s, k, we, "rlike") || isWord(s, k, we, "regexp"))) return 0;
    k = we;
  }
  k = skipSpace(s, k, b);
  const y = literalEnd(s, k, b);
  if (y != b || y - k != x - a) return 0;
  for (let m = 0; m < x - a; m++) if (byteAt(s, a + m) != byteAt(s, k + m)) return 0;
  return 2;
}

/** End of a number or quoted string at i, or i. */
function literalEnd(s: Uint8Array, i: i32, end: i32): i32 {
  const c = at(s, i, end);
  if (isDigit(c)) { let k = i; while (k < end && (isDigit(byteAt(s, k)) || byteAt(s, k) == 0x2e)) k++; return k; }
  if (c == 0x27 || c == 0x22) { let k = i + 1; while (k < end && byteAt(s, k) != c) k++; return k < end ? k + 1 : i; }
  return i;
}
