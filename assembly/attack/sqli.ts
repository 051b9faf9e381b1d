// attack.sqli: a small SQL tokenizer run in three quote contexts (as typed, as if inside '…', as if inside
// "…"); tokens fold to a short fingerprint (one letter a token) which a grammar of dangerous shapes judges.
// Our own rules, tuned on the libinjection data's attacks and false positives (see docs/attacks.md).
import { WordTable, isAlpha, isDigit, isSpace } from "./words";

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

export const MAX_TOKENS: i32 = 40;

let table: WordTable | null = null;

function words(): WordTable {
  let t = table;
  if (t !== null) return t;
  const w = new WordTable(10);
  w.addAll("union intersect", T_UNION);
  w.addAll("select insert update delete drop create alter exec execute declare truncate shutdown grant revoke replace merge handler rename", T_STMT);
  w.addAll("and or xor", T_LOGIC);
  w.addAll("like rlike regexp is in between div mod not sounds collate escape glob against", T_OP);
  w.addAll("from where limit offset into table values as distinct having procedure case when then else end top join on outfile dumpfile set delay fetch", T_KEY);
  w.addAll("null true false", T_NUM);
  w.addAll("sleep benchmark pg_sleep load_file extractvalue updatexml xp_cmdshell sp_executesql sys_eval sys_exec dbms_pipe.receive_message utl_inaddr.get_host_name utl_http.request utl_inaddr.get_host_address ctxsys.drithsx.sn dbms_xmlgen.getxml name_const gtid_subset randomblob sqlite_version make_set json_keys dbms_lock.sleep xmltype geometrycollection multipoint polygon linestring multipolygon multilinestring exp", T_DANGER);
  w.addAll("information_schema information_schema.tables information_schema.columns information_schema.schemata sysobjects syscolumns sys.objects sys.tables mysql.user pg_catalog pg_shadow pg_user all_tables user_tables all_tab_columns sqlite_master msysobjects master..sysdatabases sys.databases dual", T_SCHEMA);
  w.add("order", W_ORDER); w.add("group", W_ORDER); w.add("by", W_BY);
  w.add("all", W_ALL);
  w.add("waitfor", W_TIMEVERB);
  table = w;
  return w;
}

/** Tokens of one pass, in fixed arrays (no allocation per token). */
export class SqlTokens {
  types: Uint8Array = new Uint8Array(MAX_TOKENS);
  len: i32 = 0;
  /** first string token was closed by a quote (a real breakout in quote contexts) */
  closedFirst: bool = false;
  /** a string literal was left open at the end */
  openString: bool = false;
  push(t: u8): void { if (this.len < MAX_TOKENS) { unchecked(this.types[this.len] = t); this.len++; } }
  @inline at(i: i32): i32 { return i >= 0 && i < this.len ? <i32>unchecked(this.types[i]) : 0; }
  @inline last(): i32 { return this.len > 0 ? <i32>unchecked(this.types[this.len - 1]) : 0; }
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

  emit(t: u8): void {
    const o = this.out;
    const last = o.last();
    // folds: consecutive words, strings and numbers merge (prose, concatenation, implicit joins)
    if (t == T_WORD && last == T_WORD) return;
    if (t == T_STR && last == T_STR) return;
    // comments in the middle of code act as whitespace: drop a comment when more tokens follow
    if (last == T_COMMENT) o.len--;
    o.push(t);
  }

  run(src: Uint8Array, start: i32, end: i32, quote: i32): SqlTokens {
    const w = words();
    const o = this.out;
    o.len = 0; o.closedFirst = false; o.openString = false;
    this.prevWord = -1;
    let i = start;
    if (quote != 0) {
      // the value is assumed to start inside a quoted literal: its first token is the rest of that string
      let j = i;
      let closed = false;
      while (j < end) {
        const c = <i32>unchecked(src[j]);
        if (c == 0x5c) { j += 2; continue; }
        if (c == quote) {
          if (j + 1 < end && <i32>unchecked(src[j + 1]) == quote) { j += 2; continue; }
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
      const c = <i32>unchecked(src[i]);
      if (isSpace(c) || c == 0xa0) { i++; continue; }
      const n1 = i + 1 < end ? <i32>unchecked(src[i + 1]) : -1;
      // strings
      if (c == 0x27 || c == 0x22) {
        let j = i + 1;
        let closed = false;
        while (j < end) {
          const d = <i32>unchecked(src[j]);
          if (d == 0x5c) { j += 2; continue; }
          if (d == c) {
            if (j + 1 < end && <i32>unchecked(src[j + 1]) == c) { j += 2; continue; }
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
        while (j < end && <i32>unchecked(src[j]) != 0x60) j++;
        this.word(T_WORD, src, j + 1, end);
        i = j + 1;
        continue;
      }
      // comments
      if (c == 0x23 || (c == 0x2d && n1 == 0x2d)) {
        let j = i;
        while (j < end && <i32>unchecked(src[j]) != 0x0a) j++;
        this.emit(T_COMMENT);
        i = j;
        continue;
      }
      if (c == 0x2f && n1 == 0x2a) {
        let j = i + 2;
        if (j < end && <i32>unchecked(src[j]) == 0x21) {
          // MySQL executable comment: its content is code
          j++;
          while (j < end && isDigit(<i32>unchecked(src[j]))) j++;
          i = j;
          continue;
        }
        while (j + 1 < end && !(<i32>unchecked(src[j]) == 0x2a && <i32>unchecked(src[j + 1]) == 0x2f)) j++;
        this.emit(T_COMMENT);
        i = j + 2;
        continue;
      }
      if (c == 0x2a && n1 == 0x2f) { i += 2; continue; } // end of an executable comment
      // numbers
      if (isDigit(c) || (c == 0x2e && isDigit(n1))) {
        let j = i;
        if (c == 0x30 && (n1 | 0x20) == 0x78) { j += 2; while (j < end && isHex(<i32>unchecked(src[j]))) j++; }
        else if (c == 0x30 && (n1 | 0x20) == 0x62 && i + 2 < end && (<i32>unchecked(src[i + 2]) == 0x30 || <i32>unchecked(src[i + 2]) == 0x31)) { j += 2; while (j < end && (<i32>unchecked(src[j]) == 0x30 || <i32>unchecked(src[j]) == 0x31)) j++; }
        else {
          while (j < end && (isDigit(<i32>unchecked(src[j])) || <i32>unchecked(src[j]) == 0x2e)) j++;
          if (j < end && (<i32>unchecked(src[j]) | 0x20) == 0x65) {
            let k = j + 1;
            if (k < end && (<i32>unchecked(src[k]) == 0x2b || <i32>unchecked(src[k]) == 0x2d)) k++;
            if (k < end && isDigit(<i32>unchecked(src[k]))) { j = k; while (j < end && isDigit(<i32>unchecked(src[j]))) j++; }
          }
        }
        this.emit(T_NUM);
        i = j;
        continue;
      }
      // variables
      if (c == 0x40) {
        let j = i + 1;
        let sys = false;
        if (j < end && <i32>unchecked(src[j]) == 0x40) { j++; sys = true; }
        while (j < end && isIdent(<i32>unchecked(src[j]))) j++;
        this.emit(sys && j > i + 2 ? T_SYSVAR : T_VAR);
        i = j;
        continue;
      }
      // words
      if (isAlpha(c) || c == 0x5f || c == 0x24 || c >= 0x80) {
        let j = i;
        while (j < end && (isIdent(<i32>unchecked(src[j])) || <i32>unchecked(src[j]) == 0x2e)) j++;
        // trailing dots are punctuation, not part of the name
        while (j > i + 1 && <i32>unchecked(src[j - 1]) == 0x2e) j--;
        let code = w.lookup(src, i, j);
        if (code < 0) {
          // schema.table: judge by the schema part
          let d = i;
          while (d < j && <i32>unchecked(src[d]) != 0x2e) d++;
          if (d < j) { const c2 = w.lookup(src, i, d); if (c2 == T_SCHEMA) code = T_SCHEMA; }
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
      if (c == 0x3d || c == 0x3c || c == 0x3e || c == 0x21 || c == 0x2b || c == 0x2d || c == 0x2a || c == 0x2f ||
          c == 0x25 || c == 0x5e || c == 0x7c || c == 0x26 || c == 0x7e || c == 0x3a) {
        let j = i + 1;
        while (j < end && j < i + 3 && isOpChar(<i32>unchecked(src[j])) && !(<i32>unchecked(src[j]) == 0x2d && j + 1 < end && <i32>unchecked(src[j + 1]) == 0x2d)) j++;
        // unary sign/negation before a value is part of that value
        const last = o.last();
        const unary = (c == 0x2d || c == 0x2b || c == 0x21 || c == 0x7e) && j == i + 1 &&
          (last == 0 || last == T_OP || last == T_LOGIC || last == T_LPAR || last == T_COMMA || last == T_KEY || last == T_STMT || last == T_UNION);
        if (!unary) this.emit(T_OP);
        i = j;
        continue;
      }
      this.emit(T_OTHER);
      i++;
    }
    return o;
  }

  word(t: u8, src: Uint8Array, next: i32, end: i32): void { this.emitWord(t, src, next, end); }

  wordCode(code: i32, src: Uint8Array, next: i32, end: i32): void {
    const o = this.out;
    if (code == W_BY) {
      if (this.prevWord == W_ORDER && o.last() == T_WORD) { o.len--; this.prevWord = -1; o.push(T_ORDERBY); return; }
      this.prevWord = -1; this.emitWord(T_KEY, src, next, end); return;
    }
    if (code == W_ALL) {
      if (o.last() == T_UNION) { this.prevWord = -1; return; }
      this.prevWord = -1; this.emitWord(T_WORD, src, next, end); return;
    }
    if (code == T_KEY && this.prevWord == T_UNION && o.last() == T_UNION) { this.prevWord = -1; return; } // union distinct
    if (code == W_ORDER) { this.emitWord(T_WORD, src, next, end); this.prevWord = W_ORDER; return; }
    if (code == W_TIMEVERB) { this.prevWord = -1; this.emitWord(T_DANGER, src, next, end); return; }
    this.prevWord = code == T_UNION ? T_UNION : -1;
    this.emitWord(code < 0 ? T_WORD : <u8>code, src, next, end);
  }

  emitWord(t: u8, src: Uint8Array, next: i32, end: i32): void {
    // a word directly followed by '(' (spaces and comments allowed) is a function call
    if (t == T_WORD || t == T_DANGER || t == T_SCHEMA) {
      let j = next;
      while (j < end) {
        const c = <i32>unchecked(src[j]);
        if (isSpace(c)) { j++; continue; }
        if (c == 0x2f && j + 1 < end && <i32>unchecked(src[j + 1]) == 0x2a) {
          j += 2; while (j + 1 < end && !(<i32>unchecked(src[j]) == 0x2a && <i32>unchecked(src[j + 1]) == 0x2f)) j++;
          j += 2; continue;
        }
        break;
      }
      if (j < end && <i32>unchecked(src[j]) == 0x28 && t == T_WORD) t = T_FUNC;
    }
    if (t == T_WORD && this.out.last() == T_WORD) return;
    this.emit(t);
  }
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
          c == T_SYSVAR || c == T_KEY || c == T_LPAR || statementShape(t, i + 1) > 0) return 1;
      best = minLevel(best, 2);
    }
    if (a == T_DANGER && b == T_LPAR && (isValue(c) || c == T_LPAR || c == T_STMT || c == T_RPAR)) return 1;
    if (a == T_DANGER && isValue(b) && (quote != 0 || i > 0)) best = minLevel(best, 2); // waitfor delay '0:0:5'
    if (a == T_SYSVAR) best = minLevel(best, i > 0 || n > 1 ? 1 : 2);
    if (a == T_SCHEMA && (hasBefore(t, i, T_STMT) || hasBefore(t, i, T_KEY))) return 1;
    if (a == T_STMT && i + 1 < n) {
      const l = statementShape(t, i);
      if (l > 0) best = minLevel(best, l);
    }
  }
  // Breakout shapes: the value's head (a closed string in quote contexts; a number or name as typed).
  const h = t.at(0);
  if ((quote != 0 && t.closedFirst && h == T_STR) || (quote == 0 && (h == T_NUM || h == T_WORD || h == T_VAR || h == T_RPAR))) {
    let i = 1;
    while (t.at(i) == T_RPAR) i++;
    const a = t.at(i), b = t.at(i + 1);
    const strong = quote != 0 || h == T_NUM || i > 1;
    if (a == T_LOGIC) {
      const l = expressionLevel(t, i + 1, quote, h);
      if (l > 0) best = minLevel(best, l);
    } else if (a == T_SEMI && i + 1 < n) {
      best = minLevel(best, strong ? 2 : 3);
    } else if (a == T_ORDERBY && (b == T_NUM || b == T_WORD)) {
      best = minLevel(best, strong && (b == T_NUM || t.last() == T_COMMENT) ? 1 : 3);
    } else if (a == T_KEY && (b == T_NUM || b == T_WORD || b == T_STR || b == T_FUNC || b == T_LPAR)) {
      best = minLevel(best, strong ? 2 : 3);
    } else if (a == T_COMMENT && quote != 0) {
      best = minLevel(best, 1);      // admin'--
    } else if (a == T_COMMENT && h == T_NUM && i > 1) {
      best = minLevel(best, 2);      // 1)--
    } else if (a == T_OP && quote != 0 && i + 1 < n) {
      // x'='x , '+(select …)+'
      if ((b == T_STR || b == T_NUM || b == T_FUNC || b == T_LPAR || b == T_DANGER) && (t.at(i + 2) == 0 || t.at(i + 2) == T_COMMENT || t.at(i + 2) == T_OP || t.at(i + 2) == T_LOGIC || t.at(i + 2) == T_LPAR)) {
        best = minLevel(best, b == T_STR || b == T_FUNC || b == T_LPAR ? 1 : 2);
      }
    } else if (a == T_OP && quote == 0 && h == T_NUM && i == 1 && (b == T_LPAR) && t.at(i + 2) == T_STMT) {
      best = minLevel(best, 1);      // 1+(select …)
    }
  }
  return best;
}

@inline function endish(x: i32): bool { return x == 0 || x == T_COMMENT || x == T_SEMI; }

@inline function minLevel(a: i32, b: i32): i32 { return a == 0 ? b : (b < a ? b : a); }

function hasBefore(t: SqlTokens, i: i32, type: i32): bool {
  for (let k = 0; k < i; k++) if (t.at(k) == type) return true;
  return false;
}

/** After `and`/`or`: is what follows an expression an attacker would write? */
function expressionLevel(t: SqlTokens, i: i32, quote: i32, head: i32): i32 {
  const n = t.len;
  const a = t.at(i), b = t.at(i + 1), c = t.at(i + 2), d = t.at(i + 3);
  if (a == T_STMT || a == T_DANGER || a == T_SYSVAR) return 1;
  if (a == T_LPAR && (b == T_STMT || b == T_DANGER)) return 1;
  // a comparison between literals: 1=1, 'a'='a', 2>1
  let j = i;
  while (t.at(j) == T_LPAR) j++;
  const x = t.at(j), y = t.at(j + 1), z = t.at(j + 2);
  if ((x == T_NUM || x == T_STR || x == T_VAR) && y == T_OP && (z == T_NUM || z == T_STR || z == T_VAR || z == T_FUNC || z == T_LPAR)) return 1;
  if (x == T_FUNC && i + 2 < n) {
    // ascii(substring(…))>64, length(database())=5
    let k = j + 1;
    let sawOp = false;
    while (k < n) { const q = t.at(k); if (q == T_OP) { sawOp = true; break; } if (q == T_LOGIC || q == T_SEMI) break; k++; }
    return sawOp || quote != 0 ? 1 : 2;
  }
  if (x == T_WORD && y == T_OP && (z == T_NUM || z == T_STR || z == T_WORD)) return quote != 0 || head == T_NUM ? 1 : 3;
  if ((x == T_NUM || x == T_STR) && endish(y)) {
    if (quote != 0) return y == 0 && x == T_STR && !t.openString ? 2 : 1;  // ' or 1-- , ' or 'x
    return y == T_COMMENT ? 1 : 3;
  }
  if (x == T_WORD && endish(y) && y != 0 && quote != 0) return 2;
  if (a == T_OP) return 3;           // not …
  if (quote != 0 && (x == T_NUM || x == T_STR) && (y == T_LOGIC || y == T_KEY)) return 2;
  if (d == 0 && c == 0) return 0;
  return 0;
}

/** select … from, insert into … values, update … set, delete from, drop table … */
function statementShape(t: SqlTokens, i: i32): i32 {
  const b = t.at(i + 1), c = t.at(i + 2), d = t.at(i + 3);
  // select <cols> from: columns written like SQL (*, a,b, f(), @@v) count more than prose
  let k = i + 1;
  let sqlish = false;
  let steps = 0;
  while (k < t.len && steps < 12) {
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
  if (b == T_FUNC || b == T_DANGER) return 2;   // select version(), exec xp_cmdshell
  return 0;
}

/**
 * Judge lower-case bytes in the three quote contexts; returns the paranoia level (1–4) at which this is
 * SQL injection, or 0. `lastFingerprint` keeps the deciding fingerprint for tests and evidence.
 */
export function sqliLevel(src: Uint8Array, start: i32, end: i32): i32 {
  let best = 0;
  lastFingerprint = "";
  for (let q = 0; q < 3; q++) {
    const quote = q == 0 ? 0 : (q == 1 ? 0x27 : 0x22);
    if (quote != 0 && !hasByte(src, start, end, quote)) continue;
    const t = tok.run(src, start, end, quote);
    const l = judge(t, quote);
    if (l > 0 && (best == 0 || l < best)) { best = l; lastFingerprint = t.fingerprint(); }
    if (best == 1) break;
  }
  return best;
}

export let lastFingerprint: string = "";

function hasByte(src: Uint8Array, start: i32, end: i32, b: i32): bool {
  for (let i = start; i < end; i++) if (<i32>unchecked(src[i]) == b) return true;
  return false;
}
