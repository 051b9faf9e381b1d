// attack.sqli: a small SQL tokenizer run in three quote contexts (as typed, as if inside '…', as if inside
// "…"); tokens fold to a short fingerprint (one letter a token) which a grammar of dangerous shapes judges.
// Our own rules, tuned on the libinjection data's attacks and false positives (see docs/attacks.md).
import { WordTable, isAlpha, isDigit, isSpace, byteAt } from "./words";
import { sqlProbeLevel } from "./sqli-probe";

// Token types (one letter each, so fingerprints read like strings in tests and docs).
export const T_NUM: u8 = 0x6e;      // n  number, NULL, TRUE
export const T_STR: u8 = 0x73;      // s  string literal
export const T_VAR: u8 = 0x76;      // v  @var
export const T_SYSVAR: u8 = 0x56;   // V  @@version
export const T_KEY: u8 = 0x6b;      // k  keyword (from, where, into, …)
export const T_UNION: u8 = 0x55;    // U  union [all|distinct]
export const T_STMT: u8 = 0x45;     // E  statement verb (select, insert, drop, exec, …)
export const T_FUNC: u8 = 0x66;     // f  identifier followed by '('
export const T_DANGER: u8 = 0x54;   // T  dangerous function or object (sleep, benchmark, load_file, xp_cmdshell…)
export const T_SCHEMA: u8 = 0x53;   // S  catalog objects (information_schema, sysobjects, mysql.user…)
export const T_OP: u8 = 0x6f;       // o  operator
export const T_LOGIC: u8 = 0x26;    // &  and, or, xor, &&, ||
export const T_LPAR: u8 = 0x28;     // (
export const T_RPAR: u8 = 0x29;     // )
export const T_COMMA: u8 = 0x2c;    // ,
export const T_SEMI: u8 = 0x3b;     // ;
export const T_COMMENT: u8 = 0x63;  // c
export const T_WORD: u8 = 0x62;     // b  bareword / identifier
export const T_ORDERBY: u8 = 0x42;  // B  order by / group by
export const T_OTHER: u8 = 0x78;    // x  anything else
// word-table only codes
const W_ORDER: i32 = 1000;
const W_BY: i32 = 1001;
const W_ALL: i32 = 1002;
const W_TIMEVERB: i32 = 1003; // waitfor
const W_CMP: i32 = 1004;      // like, in, is, between…
const W_NOT: i32 = 1005;
const W_ARITH: i32 = 1006;    // div, mod
const W_CAST: i32 = 1007;     // binary, collate, escape
const W_STRONGKEY: i32 = 1008; // into, outfile, limit… (aux 1 on 'k')
const W_SQLFUNC: i32 = 1009;   // names of SQL built-ins (aux 1 on 'f')
const W_ORDER_FOLDED: i32 = 1010; // "order"/"group" merged into the word before it

// operator classes (aux of 'o' tokens)
export const OP_CMP: u8 = 1;
export const OP_ARITH: u8 = 2;
export const OP_NOT: u8 = 3;
export const OP_CAST: u8 = 4;
export const OP_BIN: u8 = 5;   // binary-only arithmetic: * / % ^ | & << >> div mod

export const MAX_TOKENS: i32 = 64;

let table: WordTable | null = null;

function words(): WordTable {
  let t = table;
  if (t !== null) return t;
  const w = new WordTable(10);
  w.addAll("union intersect", T_UNION);
  w.addAll("select insert update delete drop create alter exec execute declare truncate shutdown grant revoke replace merge handler rename", T_STMT);
  w.addAll("and or xor", T_LOGIC);
  w.addAll("like rlike regexp is in between sounds glob against match", W_CMP);
  w.add("not", W_NOT);
  w.addAll("div mod", W_ARITH);
  w.addAll("into outfile dumpfile procedure limit having offset", W_STRONGKEY);
  w.addAll("ascii substring substr mid char chr concat concat_ws group_concat version database user current_user system_user session_user cast convert length char_length count hex unhex ord if ifnull isnull coalesce md5 sha1 rand row_count schema sysdate unicode nchar len db_name user_name is_srvrolemember is_member host_name suser_sname current_database pg_read_file lpad rpad reverse left right instr locate position elt field make_set bin oct conv uncompress compress @@version nullif iif charindex", W_SQLFUNC);
  w.addAll("binary collate escape", W_CAST);
  w.addAll("from where limit offset into table values as distinct having procedure case when then else end top join on outfile dumpfile set delay fetch", T_KEY);
  w.addAll("null true false", T_NUM);
  w.addAll("sleep benchmark pg_sleep load_file extractvalue updatexml xp_cmdshell sp_executesql sys_eval sys_exec dbms_pipe.receive_message utl_inaddr.get_host_name utl_http.request utl_inaddr.get_host_address ctxsys.drithsx.sn dbms_xmlgen.getxml name_const gtid_subset randomblob sqlite_version make_set json_keys dbms_lock.sleep xmltype sp_add_job sp_configure sp_oacreate sp_oamethod sp_password sp_makewebtask xp_regread xp_dirtree xp_fileexist xp_servicecontrol geometrycollection multipoint polygon linestring multipolygon multilinestring exp", T_DANGER);
  w.addAll("information_schema information_schema.tables information_schema.columns information_schema.schemata sysobjects syscolumns sys.objects sys.tables mysql.user pg_catalog pg_shadow pg_user all_tables user_tables all_tab_columns sqlite_master msysobjects master..sysdatabases sys.databases dual", T_SCHEMA);
  w.addAll("into outfile dumpfile procedure limit having offset", W_STRONGKEY);
  w.add("order", W_ORDER); w.add("group", W_ORDER); w.add("by", W_BY);
  w.add("all", W_ALL);
  w.add("waitfor", W_TIMEVERB);
  table = w;
  return w;
}

/** Tokens of one pass, in fixed arrays (no allocation per token). */
export class SqlTokens {
  types: Uint8Array = new Uint8Array(MAX_TOKENS);
  /** operator class (OP_*) for 'o'; 1 for a '#' comment followed by text */
  aux: Uint8Array = new Uint8Array(MAX_TOKENS);
  /** bit 1: operator written as a word (like, is, in) */
  flags: Uint8Array = new Uint8Array(MAX_TOKENS);
  len: i32 = 0;
  /** first string token was closed by a quote (a real breakout in quote contexts) */
  closedFirst: bool = false;
  /** a string literal was left open at the end */
  openString: bool = false;
  /** a token other than b, n, x, o was pushed: only then can judge() find anything */
  rich: bool = false;
  push(t: u8, aux: u8 = 0, flags: u8 = 0): void {
    if (t != T_WORD && t != T_NUM && t != T_OTHER && t != T_OP) this.rich = true;
    if (this.len < MAX_TOKENS) { const k = <usize>this.len; store<u8>(this.types.dataStart + k, t); store<u8>(this.aux.dataStart + k, aux); store<u8>(this.flags.dataStart + k, flags); this.len++; }
  }
  @inline flagsAt(i: i32): i32 { return i >= 0 && i < this.len ? byteAt(this.flags, i) : 0; }
  @inline auxAt(i: i32): i32 { return i >= 0 && i < this.len ? byteAt(this.aux, i) : 0; }
  @inline at(i: i32): i32 { return i >= 0 && i < this.len ? byteAt(this.types, i) : 0; }
  @inline last(): i32 { return this.len > 0 ? byteAt(this.types, this.len - 1) : 0; }
  fingerprint(): string {
    let s = "";
    for (let i = 0; i < this.len; i++) s += String.fromCharCode(this.types[i]);
    return s;
  }
}

/** Raw token stream before folding; pending keyword codes for two-word folds. */
class Tokenizer {
  out: SqlTokens = new SqlTokens();
  prevWord: i32 = -1;  // W_ORDER / T_UNION pending fold

  @inline emit(t: u8, aux: u8 = 0, flags: u8 = 0): void {
    const o = this.out;
    const last = o.last();
    // folds: consecutive words, strings and numbers merge (prose, concatenation, implicit joins)
    if (t == T_WORD && last == T_WORD) return;
    if (t == T_STR && last == T_STR) return;
    // long column lists (1,2,3,…,30) fold to "n,n" so the tokens after them stay within the cap
    if (t == T_NUM && last == T_COMMA && o.at(o.len - 2) == T_NUM && o.at(o.len - 3) == T_COMMA) { o.len--; return; }
    // comments in the middle of code act as whitespace: drop a comment when more tokens follow
    if (last == T_COMMENT) o.len--;
    o.push(t, aux, flags);
  }

  run(src: Uint8Array, start: i32, end: i32, quote: i32): SqlTokens {
    const w = words();
    const o = this.out;
    o.len = 0; o.closedFirst = false; o.openString = false; o.rich = false;
    this.prevWord = -1;
    let i = start;
    if (quote != 0) {
      // the value is assumed to start inside a quoted literal: its first token is the rest of that string
      let j = i;
      let closed = false;
      while (j < end) {
        const c = byteAt(src, j);
        if (c == 0x5c) { j += 2; continue; }
        if (c == quote) {
          if (j + 1 < end && byteAt(src, j + 1) == quote) { j += 2; continue; }
          closed = true; break;
        }
        j++;
      }
      if (!closed) return o; // no breakout possible in this context
      o.push(T_STR);
      o.closedFirst = true;
      i = j + 1;
    }
    while (i < end && o.len < MAX_TOKENS) {
      const c = byteAt(src, i);
      if (isSpace(c) || c == 0xa0) { i++; continue; }
      const n1 = i + 1 < end ? byteAt(src, i + 1) : -1;
      // strings
      if (c == 0x27 || c == 0x22) {
        let j = i + 1;
        let closed = false;
        while (j < end) {
          const d = byteAt(src, j);
          if (d == 0x5c) { j += 2; continue; }
          if (d == c) {
            if (j + 1 < end && byteAt(src, j + 1) == c) { j += 2; continue; }
            closed = true; break;
          }
          j++;
        }
        if (!closed) o.openString = true;
        this.emit(T_STR);
        i = j + 1;
        continue;
      }
      if (c == 0x60) { // `identifier`
        let j = i + 1;
        while (j < end && byteAt(src, j) != 0x60) j++;
        this.word(w.lookup(src, i + 1, j) == T_SCHEMA ? T_SCHEMA : T_WORD, src, j + 1, end);
        i = j + 1;
        continue;
      }
      // comments
      if (c == 0x23 || (c == 0x2d && n1 == 0x2d)) {
        let j = i;
        let text = false;
        while (j < end && byteAt(src, j) != 0x0a) { if (j > i + 1 && isAlpha(byteAt(src, j))) text = true; j++; }
        // '#text' and '--text' (no space: not a comment in MySQL) read as prose more often than code
        const glued = c == 0x2d && i + 2 < end && isAlpha(byteAt(src, i + 2));
        this.emit(T_COMMENT, (c == 0x23 && text) || glued ? 1 : 0);
        i = j;
        continue;
      }
      if (c == 0x2f && n1 == 0x2a) {
        let j = i + 2;
        if (j < end && byteAt(src, j) == 0x21) {
          // MySQL executable comment: its content is code
          j++;
          while (j < end && isDigit(byteAt(src, j))) j++;
          i = j;
          continue;
        }
        while (j + 1 < end && !(byteAt(src, j) == 0x2a && byteAt(src, j + 1) == 0x2f)) j++;
        this.emit(T_COMMENT);
        i = j + 2;
        continue;
      }
      if (c == 0x2a && n1 == 0x2f) { i += 2; continue; } // end of an executable comment
      // numbers
      if (isDigit(c) || (c == 0x2e && isDigit(n1))) {
        let j = i;
        if (c == 0x30 && (n1 | 0x20) == 0x78) { j += 2; while (j < end && isHex(byteAt(src, j))) j++; }
        else if (c == 0x30 && (n1 | 0x20) == 0x62 && i + 2 < end && (byteAt(src, i + 2) == 0x30 || byteAt(src, i + 2) == 0x31)) { j += 2; while (j < end && (byteAt(src, j) == 0x30 || byteAt(src, j) == 0x31)) j++; }
        else {
          while (j < end && (isDigit(byteAt(src, j)) || byteAt(src, j) == 0x2e)) j++;
          if (j < end && (byteAt(src, j) | 0x20) == 0x65) {
            let k = j + 1;
            if (k < end && (byteAt(src, k) == 0x2b || byteAt(src, k) == 0x2d)) k++;
            if (k < end && isDigit(byteAt(src, k))) { j = k; while (j < end && isDigit(byteAt(src, j))) j++; }
          }
        }
        if (j < end && (isAlpha(byteAt(src, j)) || byteAt(src, j) == 0x5f) && !(c == 0x30 && (n1 | 0x20) == 0x78)) {
          // 1108_no_17, 2nd: a word; 1union, 1and (MySQL reads these as number + keyword): split
          let k = j;
          while (k < end && isIdent(byteAt(src, k))) k++;
          if (w.lookup(src, j, k) < 0) { this.wordCode(-1, src, k, end); i = k; continue; }
        }
        this.emit(T_NUM);
        i = j;
        continue;
      }
      // variables
      if (c == 0x40 && n1 == 0x3e) { this.emit(T_OP, OP_CMP); i += 2; continue; }
      if (c == 0x40) {
        let j = i + 1;
        let sys = false;
        if (j < end && byteAt(src, j) == 0x40) { j++; sys = true; }
        while (j < end && isIdent(byteAt(src, j))) j++;
        this.emit(sys && j > i + 2 ? T_SYSVAR : T_VAR);
        i = j;
        continue;
      }
      // words
      if (isAlpha(c) || c == 0x5f || c == 0x24 || c >= 0x80) {
        let j = i;
        let dots = false;
        while (j < end) {
          const d = byteAt(src, j);
          if (d == 0x2e) dots = true; else if (!isIdent(d)) break;
          j++;
        }
        // trailing dots are punctuation, not part of the name
        while (j > i + 1 && byteAt(src, j - 1) == 0x2e) j--;
        let code = w.lookup(src, i, j);
        if (code < 0 && dots) { // (without a dot inside, both searches below find nothing)
          // schema.table: judge by the schema part
          let d = i;
          while (d < j && byteAt(src, d) != 0x2e) d++;
          if (d < j) { const c2 = w.lookup(src, i, d); if (c2 == T_SCHEMA) code = T_SCHEMA; }
          // master..xp_cmdshell, dbo.sp_executesql: the procedure name decides
          let e = j;
          while (e > i && byteAt(src, e - 1) != 0x2e) e--;
          if (code < 0 && e > i && w.lookup(src, e, j) == T_DANGER) code = T_DANGER;
        }
        this.wordCode(code, src, j, end);
        i = j;
        continue;
      }
      // operators
      if (c == 0x28) { this.emit(T_LPAR); i++; continue; }
      if (c == 0x29) { this.emit(T_RPAR); i++; continue; }
      if (c == 0x2c) { this.emit(T_COMMA); i++; continue; }
      if (c == 0x3b) { this.emit(T_SEMI); i++; continue; }
      if ((c == 0x7c && n1 == 0x7c) || (c == 0x26 && n1 == 0x26)) { this.emit(T_LOGIC); i += 2; continue; }
      if (c == 0x26) {
        // a lone '&' before name= joins query strings far more often than it ANDs bits
        let k = i + 1;
        while (k < end && isIdent(byteAt(src, k))) k++;
        if (k > i + 1 && k < end && byteAt(src, k) == 0x3d) { this.emit(T_OTHER); i++; continue; }
        this.emit(T_OP, OP_BIN); i++; continue;
      }
      if (c == 0x3d || c == 0x3c || c == 0x3e || c == 0x21 || c == 0x2b || c == 0x2d || c == 0x2a || c == 0x2f ||
          c == 0x25 || c == 0x5e || c == 0x7c || c == 0x26 || c == 0x7e || c == 0x3a) {
        const j = i + opLength(src, i, end);
        // unary sign/negation before a value is part of that value
        const last = o.last();
        const unary = (c == 0x2d || c == 0x2b || c == 0x21 || c == 0x7e) && j == i + 1 &&
          (last == 0 || last == T_OP || last == T_LOGIC || last == T_LPAR || last == T_COMMA || last == T_KEY || last == T_STMT || last == T_UNION);
        if (!unary) this.emit(T_OP, opClass(src, i, j));
        i = j;
        continue;
      }
      if (c == 0x5c && (n1 | 0x20) == 0x6e) { this.emit(T_NUM); i += 2; continue; } // \N is NULL in MySQL
      this.emit(T_OTHER);
      i++;
    }
    return o;
  }

  word(t: u8, src: Uint8Array, next: i32, end: i32): void { this.emitWord(t, src, next, end); }

  wordCode(code: i32, src: Uint8Array, next: i32, end: i32): void {
    const o = this.out;
    // two-word folds see through comments (union/**/all, order/**/by)
    if ((code == W_BY || code == W_ALL) && o.last() == T_COMMENT) o.len--;
    if (code == W_BY) {
      if (this.prevWord == W_ORDER && o.last() == T_WORD) { o.len--; this.prevWord = -1; o.push(T_ORDERBY); return; }
      if (this.prevWord == W_ORDER_FOLDED && o.last() == T_WORD) { this.prevWord = -1; o.push(T_ORDERBY); return; }
      this.prevWord = -1; this.emitWord(T_KEY, src, next, end); return;
    }
    if (code == W_ALL) {
      if (o.last() == T_UNION) { this.prevWord = -1; return; }
      this.prevWord = -1; this.emitWord(T_WORD, src, next, end); return;
    }
    if (code == T_KEY && this.prevWord == T_UNION && o.last() == T_UNION) { this.prevWord = -1; return; } // union distinct
    if (code == W_ORDER) {
      // "group" after a word folds into it; "by" must then not swallow that word (from t group by x)
      const folded = o.last() == T_WORD;
      this.emitWord(T_WORD, src, next, end); this.prevWord = folded ? W_ORDER_FOLDED : W_ORDER; return;
    }
    if (code == W_TIMEVERB) { this.prevWord = -1; this.emitWord(T_DANGER, src, next, end); return; }
    if (code >= W_CMP && code <= W_CAST) {
      this.prevWord = -1;
      this.emit(T_OP, code == W_CMP ? OP_CMP : code == W_NOT ? OP_NOT : code == W_ARITH ? OP_BIN : OP_CAST, 1);
      return;
    }
    if (code == W_STRONGKEY) { this.prevWord = -1; this.emitWord(T_KEY, src, next, end, 1); return; }
    if (code == W_SQLFUNC) { this.prevWord = -1; this.emitWord(T_WORD, src, next, end, 1); return; }
    this.prevWord = code == T_UNION ? T_UNION : -1;
    this.emitWord(code < 0 ? T_WORD : <u8>code, src, next, end);
  }

  emitWord(t: u8, src: Uint8Array, next: i32, end: i32, aux: u8 = 0): void {
    // a word directly followed by '(' (spaces and comments allowed) is a function call
    if (t == T_WORD || t == T_DANGER || t == T_SCHEMA) {
      let j = next;
      while (j < end) {
        const c = byteAt(src, j);
        if (isSpace(c)) { j++; continue; }
        if (c == 0x2f && j + 1 < end && byteAt(src, j + 1) == 0x2a) {
          j += 2; while (j + 1 < end && !(byteAt(src, j) == 0x2a && byteAt(src, j + 1) == 0x2f)) j++;
          j += 2; continue;
        }
        break;
      }
      if (j < end && byteAt(src, j) == 0x28 && t == T_WORD) t = T_FUNC;
    }
    if (t == T_WORD && this.out.last() == T_WORD) return;
    // aux: a known SQL built-in when called (f), a strong keyword (k)
    this.emit(t, t == T_FUNC || t == T_KEY ? aux : 0);
  }
}

/** Class of a symbolic operator src[i,j). */
function opClass(src: Uint8Array, i: i32, j: i32): u8 {
  const c = byteAt(src, i);
  const d = j > i + 1 ? byteAt(src, i + 1) : 0;
  if ((c == 0x3c && d == 0x3c) || (c == 0x3e && d == 0x3e)) return OP_ARITH;
  if (c == 0x3d || c == 0x3c || c == 0x3e || d == 0x3d) return OP_CMP;
  if (c == 0x21 && j == i + 1) return OP_NOT;
  if (c == 0x2b || c == 0x2d || c == 0x7e) return OP_ARITH;
  return OP_BIN;
}

/** Length of the SQL operator at src[i] (1–3): only real multi-char operators join ("><" is two). */
function opLength(src: Uint8Array, i: i32, end: i32): i32 {
  const c = byteAt(src, i);
  const d = i + 1 < end ? byteAt(src, i + 1) : 0;
  const e = i + 2 < end ? byteAt(src, i + 2) : 0;
  if (c == 0x3c && d == 0x3d && e == 0x3e) return 3;                           // <=>
  if (c == 0x2d && d == 0x3e && e == 0x3e) return 3;                           // ->>
  if ((c == 0x3c || c == 0x3e || c == 0x21 || c == 0x3a) && d == 0x3d) return 2; // <= >= != :=
  if (c == 0x3c && (d == 0x3e || d == 0x3c)) return 2;                         // <> <<
  if (c == 0x3e && d == 0x3e) return 2;                                        // >>
  if (c == 0x21 && (d == 0x3c || d == 0x3e || d == 0x7e)) return 2;            // !< !> !~
  if (c == 0x2d && d == 0x3e) return 2;                                        // ->
  if (c == 0x3a && d == 0x3a) return 2;                                        // ::
  if ((c == 0x3c && d == 0x40) || (c == 0x40 && d == 0x3e)) return 2;          // <@ @> (PostgreSQL containment)
  return 1;
}

@inline function isHex(c: i32): bool { return isDigit(c) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66); }
@inline function isIdent(c: i32): bool { return isAlpha(c) || isDigit(c) || c == 0x5f || c == 0x24 || c >= 0x80; }
@inline function isOpChar(c: i32): bool {
  return c == 0x3d || c == 0x3c || c == 0x3e || c == 0x21 || c == 0x7c || c == 0x26 || c == 0x3a;
}

const tok = new Tokenizer();

/** Tokenize `src[start,end)` (lower-case) in a quote context (0, '\'' or '"'); exposed for tests. */
export function sqlTokens(src: Uint8Array, start: i32, end: i32, quote: i32): SqlTokens {
  return tok.run(src, start, end, quote);
}

@inline function isValue(t: i32): bool {
  return t == T_NUM || t == T_STR || t == T_VAR || t == T_SYSVAR || t == T_WORD || t == T_FUNC || t == T_DANGER || t == T_SCHEMA;
}

/**
 * The grammar of dangerous shapes. Returns the lowest paranoia level at which the fingerprint counts as
 * injection (1 = confident … 4 = suspicious), or 0 when it does not.
 */
export function judge(t: SqlTokens, quote: i32): i32 {
  const n = t.len;
  if (n == 0) return 0;
  let best = 0;
  // Anywhere: union [(] select, stacked statements, dangerous calls, catalog access, @@system variables.
  for (let i = 0; i < n; i++) {
    const a = t.at(i), b = t.at(i + 1), c = t.at(i + 2);
    if (a == T_UNION && (b == T_STMT || (b == T_LPAR && (c == T_STMT || c == T_LPAR)))) return 1;
    if (a == T_SEMI && b == T_DANGER && (c == T_LPAR || c == T_KEY)) return 1;    // ; waitfor delay, ; sleep(5)
    if (a == T_SEMI && b == T_STMT) {
      // stacked statement: confident when the verb is followed by SQL (not prose like "; exec will …")
      if (c == 0 || c == T_COMMENT || c == T_DANGER || c == T_SCHEMA || c == T_FUNC || c == T_OP || c == T_NUM || c == T_VAR ||
          c == T_SYSVAR || c == T_KEY || c == T_LPAR || statementShape(t, i + 1) == 1) return 1;
      best = minLevel(best, 2);
    }
    if (a == T_DANGER && b == T_LPAR && (isValue(c) || c == T_LPAR || c == T_STMT || c == T_RPAR)) return 1;
    if (a == T_DANGER && isValue(b) && (quote != 0 || i > 0)) best = minLevel(best, 2);
    if (a == T_DANGER && b == T_KEY && (c == T_STR || c == T_NUM)) return 1; // waitfor delay '0:0:5'
    if (a == T_SYSVAR) best = minLevel(best, i > 0 || n > 1 ? 1 : 2);
    if (a == T_SCHEMA && (hasBefore(t, i, T_STMT) || hasBefore(t, i, T_KEY))) return 1;
    if (a == T_STMT && i + 1 < n) {
      let l = statementShape(t, i);
      // a verb in the middle of prose ("… voluptatibus alter maxime …") is at most suspicious
      const prev = t.at(i - 1);
      if (l == 1 && (prev == T_WORD || prev == T_STR)) l = 2;
      if (l > 0) best = minLevel(best, l);
    }
  }
  // Breakout: the value, read as the continuation of an SQL expression (after a closed string in quote
  // contexts; from its first token as typed), must parse to its end; then its operators decide.
  const l = breakoutLevel(t, quote);
  if (l > 0) best = minLevel(best, l);
  return best;
}

@inline function endish(x: i32): bool { return x == 0 || x == T_COMMENT || x == T_SEMI; }

@inline function minLevel(a: i32, b: i32): i32 { return a == 0 ? b : (b < a ? b : a); }

function hasBefore(t: SqlTokens, i: i32, type: i32): bool {
  for (let k = 0; k < i; k++) if (t.at(k) == type) return true;
  return false;
}

/** What a parse of the value as an SQL expression saw. */
class ParseStats {
  logic: i32 = 0;     // and/or/xor/&&/||
  cmp: i32 = 0;       // = < > like in is between…
  litCmp: i32 = 0;    // a symbolic comparison with a literal on one side (1=1, 'a'='a', x>5)
  arith: i32 = 0;
  calls: i32 = 0;     // f(…), T(…), (select …)
  known: i32 = 0;     // calls of SQL built-ins (ascii, substring, version…) and sub-selects
  unmatched: i32 = 0; // ')' closing a parenthesis opened before the value
  litLogic: i32 = 0;  // and/or followed by a number, variable, call or parenthesis
  litRight: i32 = 0;  // any binary operator whose right operand is a literal (string too)
  words: i32 = 0;     // bareword operands
  weakRight: i32 = 0;
  reset(): void {
    this.weakRight = 0; this.logic = 0; this.cmp = 0; this.litCmp = 0; this.arith = 0; this.calls = 0; this.known = 0; this.unmatched = 0; this.litLogic = 0; this.litRight = 0; this.words = 0; }
}
const ps = new ParseStats();

@inline function isPrimary(t: i32): bool {
  return t == T_NUM || t == T_STR || t == T_VAR || t == T_SYSVAR || t == T_WORD || t == T_SCHEMA;
}
@inline function isLiteral(t: i32): bool {
  return t == T_NUM || t == T_STR || t == T_VAR || t == T_SYSVAR || t == T_RPAR || t == T_LPAR || t == T_FUNC || t == T_DANGER;
}

/** Skip unary operators (not, !, -, +, ~, binary) at i. */
function skipUnary(t: SqlTokens, i: i32): i32 {
  while (i < t.len && t.at(i) == T_OP && (t.auxAt(i) == OP_NOT || t.auxAt(i) == OP_ARITH || t.auxAt(i) == OP_CAST)) i++;
  return i;
}

/** Parse one operand at i (after unary operators); returns the next index or -1. */
function parseOperand(t: SqlTokens, i: i32, depth: i32): i32 {
  const n = t.len;
  i = skipUnary(t, i);
  if (i >= n) return -1;
  const a = t.at(i);
  if (isPrimary(a)) { if (a == T_WORD) ps.words++; return i + 1; }
  if (a == T_FUNC || a == T_DANGER) {
    if (t.at(i + 1) != T_LPAR) return a == T_DANGER ? i + 1 : -1;
    ps.calls++;
    if (a == T_DANGER || t.auxAt(i) == 1) ps.known++;
    return parseParen(t, i + 1, depth);
  }
  if (a == T_LPAR) return parseParen(t, i, depth);
  return -1;
}

/** Skip to the ')' matching the '(' already entered; truncated input counts as closed. */
function skipToClose(t: SqlTokens, i: i32): i32 {
  let d = 1;
  while (i < t.len && d > 0) { const q = t.at(i); if (q == T_LPAR) d++; else if (q == T_RPAR) d--; i++; }
  return i;
}

/** '(' at i: a sub-select (skipped to its ')') or an expression list. */
function parseParen(t: SqlTokens, i: i32, depth: i32): i32 {
  const n = t.len;
  i++;
  if (depth > 8) return -1;
  if (t.at(i) == T_STMT) { ps.calls++; ps.known++; return skipToClose(t, i); }
  if (t.at(i) == T_RPAR) return i + 1;
  while (i < n) {
    i = parseExpr(t, i, depth + 1);
    if (i < 0) return -1;
    const q = t.at(i);
    if (q == T_COMMA) { i++; continue; }
    if (q == T_RPAR) return i + 1;
    if (i >= n || q == T_COMMENT) return i;
    if (q == T_KEY || q == T_ORDERBY) return skipToClose(t, i); // cast(x as int), substring(x from 1 for 1)
    return -1;
  }
  return i;
}

/** operand (binop operand)* */
function parseExpr(t: SqlTokens, i: i32, depth: i32): i32 {
  i = parseOperand(t, i, depth);
  if (i < 0) return -1;
  return parseRest(t, i, depth);
}

function parseRest(t: SqlTokens, i: i32, depth: i32): i32 {
  const n = t.len;
  while (i < n) {
    const q = t.at(i);
    const left = t.at(i - 1);
    const right = t.at(skipUnary(t, i + 1));
    // word operators (like, is, mod) before the value's trailing open string are quoted words in prose
    const trailing = right == T_STR && t.openString && skipUnary(t, i + 1) == n - 1;
    if (q == T_OP && trailing && (isWordOp(t, i) || t.auxAt(i) == OP_BIN)) ps.weakRight++;
    else if ((q == T_LOGIC || q == T_OP) && (right == T_NUM || right == T_STR || right == T_VAR || right == T_SYSVAR || right == T_LPAR || right == T_FUNC || right == T_DANGER)) ps.litRight++;
    if (q == T_LOGIC && t.at(i + 1) == T_STMT) {
      // 1 and select top 1 …: the verb must be followed by SQL, not by prose ("and alter studio")
      const v = t.at(i + 2);
      if (v == T_KEY || v == T_OP || v == T_NUM || v == T_VAR || v == T_SYSVAR || v == T_FUNC || v == T_DANGER || v == T_LPAR || v == T_SCHEMA) { ps.logic++; ps.known++; return n; }
      return -1;
    }
    if (q == T_LOGIC) {
      ps.logic++;
      if (right == T_NUM || right == T_VAR || right == T_SYSVAR || right == T_LPAR || right == T_FUNC || right == T_DANGER) ps.litLogic++;
    } else if (q == T_OP) {
      const c = t.auxAt(i) == OP_NOT && t.at(i + 1) == T_OP && t.auxAt(i + 1) == OP_CMP ? OP_CMP : t.auxAt(i); // not like
      if (c == OP_CMP) {
        ps.cmp++;
        const sym = t.auxAt(i) == OP_CMP && !isWordOp(t, i);
        if (sym && (isLiteral(left) || isLiteral(right))) ps.litCmp++;
      } else ps.arith++;
    } else return i;
    let j = i + 1;
    while (j < n && t.at(j) == T_OP && isWordOp(t, j)) j++; // sounds like, not like, is not
    if (j >= n) return n; // a trailing operator: the value was cut
    i = parseOperand(t, j, depth);
    if (i < 0) return -1;
  }
  return i;
}

function hasAfterKey(t: SqlTokens, i: i32): bool {
  for (let k = i + 1; k < t.len; k++) if (t.at(k) == T_KEY && t.auxAt(k) == 1) return true;
  return false;
}

/** Word comparisons (like, is, in) are marked by the tokenizer with a flag bit in `words`. */
@inline function isWordOp(t: SqlTokens, i: i32): bool { return (t.flagsAt(i) & 1) != 0; }

/** Level at which the value breaks out of its context into SQL, or 0. */
function breakoutLevel(t: SqlTokens, quote: i32): i32 {
  const n = t.len;
  ps.reset();
  let i = 0;
  if (quote != 0) {
    if (!t.closedFirst || t.at(0) != T_STR || n < 2) return 0;
    i = 1;
  } else if (t.at(0) == T_LOGIC) {
    // a value that starts with "or …"/"and …": the tail of an expression the application started
    i = parseOperand(t, 1, 0);
    if (i < 0) return 0;
    ps.logic++;
  } else {
    i = parseOperand(t, 0, 0);
    if (i < 0) return 0;
  }
  // the expression continues: binary operators, and ')' closing parentheses opened before the value
  while (true) {
    i = parseRest(t, i, 0);
    if (i < 0) return 0;
    if (t.at(i) == T_RPAR) { ps.unmatched++; i++; continue; }
    if (quote == 0 && t.at(i) == T_COMMA && i + 1 < n) { i = parseOperand(t, i + 1, 0); if (i < 0) return 0; continue; } // 17,23 order by 16
    break;
  }
  const tail = t.at(i);
  const tailAux = t.auxAt(i);
  const after = t.at(i + 1);
  // what may end the expression: the end, a comment, a statement separator, union, order by, a keyword
  if (!(i >= n || tail == T_COMMENT || tail == T_SEMI || tail == T_UNION || tail == T_ORDERBY || tail == T_KEY)) return 0;
  const tailAtEnd = (tail == T_UNION || tail == T_ORDERBY || tail == T_KEY) && (i + 1 >= n || t.at(i + 1) == T_COMMENT);
  const endComment = tail == T_COMMENT && tailAux == 0;
  const hashText = tail == T_COMMENT && tailAux == 1;
  const strongTail = endComment ||
    (tail == T_SEMI && (after == T_STMT || after == T_DANGER || after == T_COMMENT || after == T_KEY || (after == T_FUNC && t.auxAt(i + 1) == 1))) ||
    (tail == T_UNION && (after == T_STMT || after == T_LPAR || (tailAtEnd && t.at(0) == T_NUM))) ||
    (tail == T_ORDERBY && (after == T_NUM || after == T_FUNC)) ||
    (tail == T_KEY && tailAux == 1 && (after == T_KEY || after == T_NUM || after == T_VAR || after == T_SYSVAR));
  const strongOps = ps.litCmp > 0 || ps.litLogic > 0 || ps.known > 0 || ps.unmatched > 0;
  if (quote != 0) {
    // after a closing quote: SQL with literals, calls, a comment or a statement is an injection;
    // prose parses only into word comparisons and arithmetic between barewords
    // arithmetic alone after a quote (1/4"-1/2, "a" + "b") is how prose quotes inches and titles
    const arithOnly = ps.logic == 0 && ps.cmp == 0 && ps.calls == 0 && ps.unmatched == 0 && !strongTail;
    if (!arithOnly && (strongOps || ps.litRight > 0)) return 1;
    if (ps.logic > 0 && (ps.cmp > 0 || strongTail || ps.calls > 0)) return 1;
    if (strongTail && (ps.cmp > 0 || ps.calls > 0 || ps.logic > 0)) return 1;
    if (endComment && i == 1) return 1;                 // admin'--
    if (tail == T_SEMI && i == 1 && i + 1 >= n) return 1; // admin';
    if (strongTail && i == 1 && tail != T_COMMENT) return 1;   // ' union select, '; drop, ' order by 1, ' into outfile
    if (ps.logic > 0 || ps.cmp > 0 || ps.calls > 0 || hashText || strongTail) return 2;
    // x' ^ 'y, ' / ': a lone operator between the breakout and the closing quote the application adds
    if (n == 3 && t.at(1) == T_OP && t.at(2) == T_STR && t.openString && !isWordOp(t, 1)) return 1;
    if (ps.arith > 0) return 3;
    return 0;
  }
  // as typed: a number/name/parenthesis followed by SQL
  const head = t.at(0);
  if (head == T_STR && ps.litCmp > 0 && t.openString && t.at(n - 1) == T_STR) return 1; // 'x'!='y
  if (head == T_LOGIC && (ps.litCmp > 0 || ps.known > 0 || (ps.litRight > 0 && ps.cmp > 0))) return 1; // or '{"b":2}'::jsonb <@ '…'
  if (head == T_LPAR && (ps.known > 0 || (endComment && (ps.words == 0 || ps.litRight > 0)))) return 1; // (select …), ( 1 * @a ) --
  if (head == T_NUM && n == 2 && endComment) return 1;                   // -1--
  if (head == T_NUM && tail == T_UNION && tailAtEnd) return 1;           // -1 union
  if (head == T_NUM && endComment && ps.litRight > 0) return 1;           // 1*1--
  if (strongTail && tail == T_KEY && (head == T_NUM || head == T_STR || head == T_VAR || head == T_SYSVAR)) return 1; // '1' into outfile
  if (tail == T_ORDERBY && head == T_NUM && (t.last() == T_COMMENT || ps.logic > 0 || hasAfterKey(t, i))) return 1;  // 1 group by x having 1=1--
  if (tail == T_SEMI && after == T_STMT && (t.last() == T_COMMENT || (head == T_NUM && t.at(i + 2) != T_WORD))) return 1; // 10;drop members --
  if (ps.logic > 0 && (ps.litCmp > 0 || ps.known > 0 || (ps.unmatched > 0 && ps.litRight > 0))) return 1;
  if (ps.logic > 0 && (ps.cmp > 0 || ps.calls > 0 || endComment)) return head == T_WORD ? 2 : 1;
  if (ps.unmatched > 0 && (ps.cmp > 0 || ps.calls > 0 || strongTail)) return 1;
  if (ps.known > 0 && (ps.arith > 0 || ps.cmp > 0) && head != T_WORD) return 1;
  if (strongTail && (ps.litCmp > 0 || ps.known > 0) && head != T_WORD) return 1;
  if (tail == T_ORDERBY && (after == T_NUM || after == T_FUNC) && (head == T_NUM || ps.logic > 0)) return 1;
  if (tail == T_KEY && tailAux == 1 && head == T_NUM) return 1;   // 1 into outfile …
  if (ps.logic > 0) return 3;
  if (ps.known > 0) return 2;
  if (ps.calls > 0 && (ps.cmp > 0 || ps.arith > 0)) return 3;
  if (endComment && head == T_NUM) return 3;
  return 0;
}

/** select … from, insert into … values, update … set, delete from, drop table … */
function statementShape(t: SqlTokens, i: i32): i32 {
  const b = t.at(i + 1), c = t.at(i + 2), d = t.at(i + 3);
  // select <cols> from: columns written like SQL (*, a,b, f(), @@v) count more than prose
  let k = i + 1;
  let sqlish = false;
  let steps = 0;
  while (k < t.len && steps < 16) {
    const q = t.at(k);
    if (q == T_KEY) break;
    if (q == T_OP || q == T_COMMA || q == T_FUNC || q == T_SYSVAR || q == T_VAR || q == T_NUM || q == T_STR || q == T_DANGER || q == T_LPAR) sqlish = true;
    k++; steps++;
  }
  if (k < t.len && t.at(k) == T_KEY) {
    const after = t.at(k + 1);
    if (after == T_WORD || after == T_SCHEMA || after == T_FUNC || after == T_LPAR || after == T_NUM || after == T_STR || after == T_KEY) {
      if (sqlish) return 1;
      return k == i + 1 ? 2 : 3;
    }
  }
  if (b == T_KEY && (c == T_WORD || c == T_SCHEMA) && (d == T_KEY || d == T_LPAR || d == T_OP)) return 1; // insert into t values, drop table t;
  if (b == T_WORD && c == T_KEY && d == T_WORD && t.at(i + 4) == T_OP) return 1; // update t set a=
  if (b == T_DANGER) return 1;                  // exec xp_cmdshell, execute sp_add_job
  if (b == T_VAR || b == T_SYSVAR) return 1;    // declare @x, select @@version
  if (b == T_LPAR && (c == T_FUNC || c == T_VAR || c == T_SYSVAR || c == T_STMT)) return 1; // select(user(
  if (b == T_FUNC) return 2;                    // select version()
  return 0;
}

/**
 * Judge lower-case bytes in the three quote contexts; returns the paranoia level (1–4) at which this is
 * SQL injection, or 0. `lastFingerprint` keeps the deciding fingerprint for tests and evidence.
 */
export function sqliLevel(src: Uint8Array, start: i32, end: i32): i32 {
  let best = 0;
  lastFingerprint = "";
  const quotes = quoteBits(src, start, end);
  for (let q = 0; q < 3; q++) {
    const quote = q == 0 ? 0 : (q == 1 ? 0x27 : 0x22);
    if (quote != 0 && (quotes & q) == 0) continue;
    const t = tok.run(src, start, end, quote);
    const l = t.rich ? judge(t, quote) : 0;
    if (l > 0 && (best == 0 || l < best)) { best = l; lastFingerprint = t.fingerprint(); }
    if (best == 1) break;
  }
  if (best == 1) return 1;
  // a URL path: the injection starts at a later segment (/get/OR '{"b":2}'::jsonb <@ '…')
  if (end - start > 1 && byteAt(src, start) == 0x2f) {
    const seg = injectedSegment(src, start, end);
    if (seg > start) {
      for (let q = 0; q < 3; q++) {
        const quote = q == 0 ? 0 : (q == 1 ? 0x27 : 0x22);
        if (quote != 0 && !hasByte(src, seg, end, quote)) continue;
        const t = tok.run(src, seg, end, quote);
        const l = t.rich ? judge(t, quote) : 0;
        if (l > 0 && (best == 0 || l < best)) { best = l; lastFingerprint = t.fingerprint(); }
        if (best == 1) return 1;
      }
    }
  }
  // name=rest: a form body or query string carried whole in one value (pay=AND 2771=1709)); judge the rest
  if (best == 0 || best > 2) {
    const eq = assignmentRest(src, start, end);
    if (eq > 0) {
      for (let q = 0; q < 3; q++) {
        const quote = q == 0 ? 0 : (q == 1 ? 0x27 : 0x22);
        if (quote != 0 && !hasByte(src, eq, end, quote)) continue;
        const t = tok.run(src, eq, end, quote);
        let l = t.rich ? judge(t, quote) : 0;
        if (l == 1) l = 2; // a value that holds "k=v" is data more often than a payload: at most level 2
        if (l > 0 && (best == 0 || l < best)) { best = l; lastFingerprint = t.fingerprint(); }
      }
    }
  }
  // second pass: probes and fragments that are not whole expressions (sqli-probe.ts)
  const p = sqlProbeLevel(src, start, end);
  if (p > 0 && (best == 0 || p < best)) best = p;
  return best;
}

/** Start of the path segment holding the first space or quote (after its '/'), or -1. */
function injectedSegment(src: Uint8Array, start: i32, end: i32): i32 {
  let slash = -1;
  let named = false; // a path has a named segment before it ("// comment" does not)
  for (let i = start; i < end; i++) {
    const c = byteAt(src, i);
    if (c == 0x2f) { if (i == start + 1) return -1; slash = i; }
    else if (c == 0x20 || c == 0x27 || c == 0x22 || c == 0x0a) return slash > start && named ? slash + 1 : -1;
    else if (isAlpha(c) || isDigit(c)) named = true;
    // before it, only path bytes (a comment like "/** … */" is not a path)
    if (!(c == 0x2f || isAlpha(c) || isDigit(c) || c == 0x2e || c == 0x2d || c == 0x5f || c == 0x7e || c == 0x25)) return -1;
  }
  return -1;
}

export let lastFingerprint: string = "";

/** Bit 1: the value holds a single quote; bit 2: a double quote (one scan for both quote contexts). */
function quoteBits(src: Uint8Array, start: i32, end: i32): i32 {
  let bits = 0;
  for (let i = start; i < end; i++) {
    const c = byteAt(src, i);
    if (c == 0x27) bits |= 1; else if (c == 0x22) bits |= 2;
  }
  return bits;
}

function hasByte(src: Uint8Array, start: i32, end: i32, b: i32): bool {
  for (let i = start; i < end; i++) if (byteAt(src, i) == b) return true;
  return false;
}

/** After a leading "name=" (1–32 identifier bytes): the index of the rest, or -1. */
function assignmentRest(src: Uint8Array, start: i32, end: i32): i32 {
  let i = start;
  while (i < end && i - start <= 32 && isIdent(byteAt(src, i))) i++;
  if (i == start || i - start > 32 || i >= end || byteAt(src, i) != 0x3d) return -1;
  return i + 1 < end ? i + 1 : -1;
}
