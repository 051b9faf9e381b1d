// Server-side code injection (CRS 933 PHP, 934 Node.js/Ruby, 944 Java), reported as attack.command_injection:
// each of these ends in code running on the server. One pass over the value: identifier tokens (dotted, like
// `java.lang.Runtime` or `process.env`) are looked up in word tables at their boundaries and judged by the
// syntax around them (a call's "(", an assignment's "=", a "[" index); `$`, `<?`, `[php]` and callee shapes
// (`)(`, `"fn"(`, `[0](`) are read where their first byte occurs. Word lists: code-words.ts.
import { WordTable, isAlpha, isDigit, isSpace, startsWithAt, containsAt, minLevel, at, byteClasses, BC_LPAREN, BC_EQ, BC_UNDERSCORE,
  BC_DIGIT, BC_HIGH, BC_QZ, BC_B64RUN10, BC_CODEP, BC_RPAREN, BC_DOLLAR, BC_LBRACK, BC_LBRACE } from "./words";
import { PHP_HIGH_RISK, PHP_CALL_PL1, PHP_CALL_PL2, PHP_CALL_PL3, PHP_INI } from "./code-words";

// PHP table bits (a word can carry several)
const P_HR: i32 = 1;       // high-risk function (933150): a call fires, the bare name is level 2
const P_CALL1: i32 = 2;    // 933160: a call fires
const P_PROSE: i32 = 4;    // also an English word (file, system, eval…): the call must look like code
const P_CALL2: i32 = 8;    // 933151-153: any other PHP function, level 2 when called
const P_CALL3: i32 = 16;   // 933161: common words (count, date…), level 3 when called
const P_INI: i32 = 32;     // php.ini directive (933120), fires when assigned
const P_SUPERGLOBAL: i32 = 64; // after "$": $_GET, $GLOBALS… (933130)
const P_SERVERVAR: i32 = 128;  // $_SERVER keys (REQUEST_URI, QUERY_STRING…): level 3 as words (933131)

// Java table codes
const J_CLASS: i32 = 1;    // class or package (java-classes.data, gadget chains): matches as a dotted prefix
const J_WORD: i32 = 2;     // a single identifier (ProcessBuilder, InvokerTransformer, OgnlContext…)

// Node.js / Ruby table codes ("a.b" pairs or single words)
const N_ALONE: i32 = 1;    // fires by itself (process.env, this.constructor, child_process)
const N_CALL: i32 = 2;     // fires when called (console.log(, Process.spawn(, String.fromCharCode()
const N_ASSIGN: i32 = 3;   // fires when assigned (module.exports=)
const N_INDEX: i32 = 4;    // fires when indexed (process[, require[, global[)

function addBits(t: WordTable, list: string, bit: i32): void {
  const parts = list.split(" ");
  for (let i = 0; i < parts.length; i++) {
    const w = parts[i];
    if (w.length == 0) continue;
    const b = Uint8Array.wrap(String.UTF8.encode(w));
    const old = t.lookup(b, 0, b.length);
    t.add(w, old < 0 ? bit : old | bit);
  }
}

let phpT: WordTable | null = null;
function phpTable(): WordTable {
  let t = phpT;
  if (t !== null) return t;
  t = new WordTable(13);
  addBits(t, PHP_CALL_PL3, P_CALL3);
  addBits(t, PHP_CALL_PL2, P_CALL2);
  addBits(t, PHP_CALL_PL1, P_CALL1);
  addBits(t, PHP_HIGH_RISK, P_HR);
  // exec-style calls beyond the CRS lists (they were caught before and stay caught)
  addBits(t, "shell_exec passthru popen proc_open pcntl_exec base64_decode gzinflate str_rot13 fsockopen pfsockopen " +
    "file_get_contents file_put_contents fopen include_once require_once create_function call_user_func call_user_func_array " +
    "preg_replace phpinfo unserialize highlight_file show_source readfile move_uploaded_file assert_options", P_CALL1);
  addBits(t, "system exec eval assert include require file stat glob ord prev exp chr mail md5 mkdir unlink", P_PROSE | P_CALL1);
  addBits(t, PHP_INI, P_INI);
  addBits(t, "_get _post _request _cookie _server _files _env _session globals http_raw_post_data http_cookie_vars " +
    "http_env_vars http_get_vars http_post_files http_post_vars http_request_vars http_server_vars", P_SUPERGLOBAL);
  addBits(t, "auth_type http_accept http_accept_charset http_accept_encoding http_accept_language http_connection http_host " +
    "http_user_agent http_keep_alive http_referer http_x_forwarded_for orig_path_info path_info path_translated query_string request_uri", P_SERVERVAR);
  phpT = t;
  return t;
}

let javaT: WordTable | null = null;
const javaPairs = new StaticArray<u32>(512);
function javaTable(): WordTable {
  let t = javaT;
  if (t !== null) return t;
  t = new WordTable(8);
  // java-classes.data (CRS 944130), lower-cased, plus the deserialization gadget packages
  t.addAll("com.opensymphony.xwork2 com.sun.org.apache freemarker.core freemarker.template freemarker.ext.rhino " +
    "java.io.bufferedinputstream java.io.bufferedreader java.io.bytearrayinputstream java.io.bytearrayoutputstream " +
    "java.io.chararrayreader java.io.datainputstream java.io.file java.io.fileoutputstream java.io.filepermission " +
    "java.io.filewriter java.io.filterinputstream java.io.filteroutputstream java.io.filterreader java.io.inputstream " +
    "java.io.ioexception java.io.linenumberreader java.io.objectinputstream java.io.objectoutputstream java.io.outputstream " +
    "java.io.pipedoutputstream java.io.pipedreader java.io.printstream java.io.pushbackinputstream java.io.reader " +
    "java.io.stringreader java.lang.class java.lang.enum java.lang.integer java.lang.number java.lang.object " +
    "java.lang.process java.lang.processbuilder java.lang.reflect java.lang.runtime java.lang.string java.lang.system " +
    "java.lang.classloader java.lang.thread java.net.httpurlconnection java.net.jarurlconnection java.net.datagramsocket " +
    "java.net.multicastsocket java.net.serversocket java.net.socket java.net.url javax.naming javax.script javax.xml.parsers " +
    "javax.xml.stream org.apache.commons org.apache.struts org.apache.struts2 org.dom4j.io.saxreader org.jdom2.input.saxbuilder " +
    "org.omg.corba org.xml.sax java.beans.xmldecode java.nio.file sun.reflect sun.misc com.sun.jndi com.sun.rowset " +
    "org.springframework.context.support org.codehaus.groovy.runtime org.mozilla.javascript bsh.interpreter", J_CLASS);
  t.addAll("declaredclass javassist ognlcontext ognlutil propertyutilsbean invokertransformer chainedtransformer " +
    "constanttransformer instantiatetransformer clonetransformer instantiatefactory prototypeclonefactory " +
    "prototypeserializationfactory forclosure whileclosure templatesimpl jdbcrowsetimpl scriptenginemanager " +
    "xmldecoder mvelexpression ognlvaluestack", J_WORD);
  // first two bytes of the single words (a segment holds no '.', so it can only be one of these)
  for (let k = 0; k < t.count; k++) {
    const w = t.word(k);
    if (t.codes[k] == J_WORD) { const p = ((w.charCodeAt(0) & 127) << 7) | (w.charCodeAt(1) & 127); javaPairs[p >> 5] |= (<u32>1) << <u32>(p & 31); }
  }
  javaT = t;
  return t;
}

let nodeT: WordTable | null = null;
function nodeTable(): WordTable {
  let t = nodeT;
  if (t !== null) return t;
  t = new WordTable(9);
  // CRS 934100: process.<fs or runtime member>, require.*, console.*, constructor chains; 934150 Ruby spawns
  const members = "access appendfile argv availability caveats chmod chown close copyfile cp createreadstream createwritestream " +
    "exec execfile exists fchmod fchown fdatasync fstat fsync futimes inodes lchmod link lstat lutimes mkdir mkdtemp open " +
    "opendir read readdir readfile readlink readv rename rm spawnfile stat symlink truncate unlink unwatchfile utimes " +
    "watchfile write writefile writev binding constructor env global main mainmodule process require dlopen kill";
  const parts = members.split(" ");
  for (let i = 0; i < parts.length; i++) {
    t.add("process." + parts[i], N_ALONE);
    if (parts[i] != "binding" && parts[i] != "constructor" && parts[i] != "env" && parts[i] != "global" &&
        parts[i] != "main" && parts[i] != "mainmodule" && parts[i] != "process" && parts[i] != "require") t.add("process." + parts[i] + "sync", N_ALONE);
  }
  t.addAll("this.constructor constructor.constructor require.main require.cache require.extensions global.process " +
    "child_process __js_function string.fromcharcode", N_ALONE);
  t.addAll("console.log console.info console.error console.debug console.trace console.warn require.resolve " +
    "process.spawn kernel.exec kernel.system kernel.spawn io.popen open3.popen3 open3.popen2 " +
    "open3.capture2 open3.capture3 open3.capture2e runtime.exec", N_CALL);
  t.add("module.exports", N_ASSIGN);
  t.addAll("process require global mainmodule binding constructor", N_INDEX);
  nodeT = t;
  return t;
}

@inline function isIdent(c: i32): bool { return isAlpha(c) || isDigit(c) || c == 0x5f; }

/** Skip whitespace and PHP/C comments from j; sets `hidden` when a comment was skipped. */
class Skip { pos: i32 = 0; gap: bool = false; hidden: bool = false; }
const skip = new Skip();
function skipFill(s: Uint8Array, j: i32, end: i32): Skip {
  const r = skip;
  r.gap = false; r.hidden = false;
  // comments are followed for at most 256 bytes each, so repeated unterminated ones stay linear
  while (j < end) {
    const c = <i32>unchecked(s[j]);
    if (isSpace(c)) { r.gap = true; j++; continue; }
    if (c == 0x2f && at(s, j + 1, end) == 0x2a) { // /* … */
      const lim = j + 258 < end ? j + 258 : end;
      let k = j + 2;
      while (k + 1 < lim && !(<i32>unchecked(s[k]) == 0x2a && <i32>unchecked(s[k + 1]) == 0x2f)) k++;
      if (k + 1 >= lim) break;
      r.hidden = true; j = k + 2; continue;
    }
    if ((c == 0x2f && at(s, j + 1, end) == 0x2f) || c == 0x23) { // // or # to end of line
      const lim = j + 256 < end ? j + 256 : end;
      let k = j + 1;
      while (k < lim && <i32>unchecked(s[k]) != 0x0a) k++;
      if (k >= lim && lim < end) break;
      r.hidden = true; j = k; continue;
    }
    break;
  }
  r.pos = j < end ? j : end;
  return r;
}

/** Is there a ")" after position j (within 512 bytes)? */
function closesAfter(s: Uint8Array, j: i32, end: i32): bool {
  const lim = j + 512 < end ? j + 512 : end;
  for (let k = j; k < lim; k++) if (<i32>unchecked(s[k]) == 0x29) return true;
  return false;
}

/** "(s)", "(es)": a plural in prose, not an argument. */
function pluralArg(s: Uint8Array, j: i32, end: i32): bool {
  return (at(s, j, end) == 0x73 && at(s, j + 1, end) == 0x29) || (at(s, j, end) == 0x65 && at(s, j + 1, end) == 0x73 && at(s, j + 2, end) == 0x29);
}

/** Level for the PHP function word s[ts,te) with table bits `bits`, judged by what follows (and precedes). */
function phpCallLevel(s: Uint8Array, ts: i32, te: i32, bits: i32, start: i32, end: i32): i32 {
  // "name"(…), (name)(…), ("name  ")(…): quotes and a parenthesis around the name (CRS 933160)
  const b = at(s, ts - 1, end);
  const qb = b == 0x22 || b == 0x27;
  let j = te;
  if (qb) while (j < end && isSpace(<i32>unchecked(s[j]))) j++;
  let quoted = false;
  while (j < end && (<i32>unchecked(s[j]) == 0x22 || <i32>unchecked(s[j]) == 0x27)) { j++; quoted = true; }
  let wrapped = false;
  if ((b == 0x28 || (qb && at(s, ts - 2, end) == 0x28)) && at(s, j, end) == 0x29) { j++; wrapped = true; }
  const sk = skipFill(s, j, end);
  if (at(s, sk.pos, end) != 0x28) {
    // bare high-risk names: CRS matches them alone; an identifier with "_" is code-like but may be a field name
    if ((bits & P_HR) != 0 && containsAt(s, ts, te, "_") >= 0) return 2;
    return 0;
  }
  const gap = sk.gap, hidden = sk.hidden;
  let k = sk.pos + 1;
  while (k < end && isSpace(<i32>unchecked(s[k]))) k++;
  const a = at(s, k, end);
  const codeArg = a == -1 || a == 0x27 || a == 0x22 || a == 0x24 || a == 0x60 || a == 0x29 || isDigit(a) || a == 0x5f || a == 0x40 || a == 0x5b;
  const closed = closesAfter(s, sk.pos + 1, end) || a == -1;
  if ((bits & P_PROSE) != 0) {
    // file (pdf), system (the one…): a call must look like code
    if (hidden || wrapped || (quoted && qb)) return 1;
    if ((a == 0x27 || a == 0x22) && (segIs(s, ts, te, "require") || segIs(s, ts, te, "include"))) {
      // include('http://…'), require('/etc/passwd'), require("child_process"); require('express') is a Node import
      let q = k + 1;
      const lim = q + 128 < end ? q + 128 : end;
      while (q < lim && <i32>unchecked(s[q]) != a) {
        const d = <i32>unchecked(s[q]);
        if (d == 0x2f || d == 0x5c || d == 0x3a || d == 0x2e || d == 0x5f || d == 0x24) return 1;
        q++;
      }
      return 2;
    }
    if (codeArg && (!gap || closed)) return 1;
    if (isAlpha(a) && callFollows(s, k, end)) return 1;
    if (isAlpha(a) && !pluralArg(s, k, end) && closed) {
      // exec(blah), system(whoami): the verbs that run code read as calls; "exec  (blah)" with a gap is level 2
      const verb = segIs(s, ts, te, "exec") || segIs(s, ts, te, "system") || segIs(s, ts, te, "eval") || segIs(s, ts, te, "assert") || segIs(s, ts, te, "passthru");
      if (verb) {
        // "system(whoami)" as a payload starts the value or follows code; "My system(win10) crashed" is prose
        let p = ts - 1;
        while (p >= start && <i32>unchecked(s[p]) == 0x20) p--;
        const pb = at(s, p, end);
        const prose = p < ts - 1 && isAlpha(pb);
        return gap || prose ? 2 : 1;
      }
      return gap ? 3 : 2;
    }
    return 3;
  }
  if ((bits & (P_HR | P_CALL1)) != 0) return 1;
  if ((bits & P_CALL2) != 0) {
    if (pluralArg(s, k, end)) return 3;
    return gap && !hidden && containsAt(s, ts, te, "_") < 0 ? 3 : 2;
  }
  if ((bits & P_CALL3) != 0) return pluralArg(s, k, end) ? 4 : 3;
  return 0;
}

function callFollows(s: Uint8Array, j: i32, end: i32): bool {
  let k = j;
  while (k < end && isIdent(<i32>unchecked(s[k]))) k++;
  return at(s, k, end) == 0x28;
}

/** A high-risk PHP name glued to a prefix (FOOgzinflate(), xcall_user_func()): suffixes of >= 6 bytes. */
function hrSuffixCall(s: Uint8Array, ts: i32, te: i32, end: i32): bool {
  if (te - ts < 7 || te - ts > 40) return false;
  const sk = skipFill(s, te, end);
  if (at(s, sk.pos, end) != 0x28) return false;
  const t = phpTable();
  for (let p = ts + 1; p + 6 <= te; p++) {
    const bits = t.lookup(s, p, te);
    if (bits > 0 && (bits & P_HR) != 0) return true;
  }
  return false;
}

/** A snake_case identifier called: name_with_parts(…) — how most PHP functions (CRS 933151-153, PL2) look. */
function snakeCall(s: Uint8Array, ts: i32, te: i32, end: i32): bool {
  if (te - ts < 5 || <i32>unchecked(s[ts]) == 0x5f || !isAlpha(<i32>unchecked(s[ts]))) return false;
  let u = false;
  for (let k = ts + 1; k < te - 1; k++) if (<i32>unchecked(s[k]) == 0x5f) { u = true; break; }
  if (!u) return false;
  const sk = skipFill(s, te, end);
  return at(s, sk.pos, end) == 0x28 && !pluralArg(s, sk.pos + 1, end);
}

/** php.ini directive s[ts,te) assigned: `name = value` (not `==`). */
function iniLevel(s: Uint8Array, ts: i32, te: i32, start: i32, end: i32): i32 {
  let j = te;
  while (j < end && (<i32>unchecked(s[j]) == 0x20 || <i32>unchecked(s[j]) == 0x09)) j++;
  if (at(s, j, end) != 0x3d || at(s, j + 1, end) == 0x3d) return 0;
  const b = at(s, ts - 1, end);
  if (b == 0x3f || b == 0x26) return 2; // ?name= / &name=: a URL query parameter, not an ini line
  // plain words (engine, extension, precision…) only as a line of their own
  let plain = true;
  for (let k = ts; k < te; k++) { const c = <i32>unchecked(s[k]); if (c == 0x5f || c == 0x2e) { plain = false; break; } }
  if (!plain) return 1;
  let p = ts - 1;
  while (p >= start && (<i32>unchecked(s[p]) == 0x20 || <i32>unchecked(s[p]) == 0x09)) p--;
  const c = at(s, p, end);
  if (!(p < start || c == 0x0a || c == 0x3b)) return 2;
  // and with an ini-style value (On/Off/true/a number/a path): "extension=pdf" may be a search filter
  let v = j + 1;
  while (v < end && (<i32>unchecked(s[v]) == 0x20 || <i32>unchecked(s[v]) == 0x09)) v++;
  const a = at(s, v, end);
  if (isDigit(a) || a == 0x2f || a == 0x22 || a == 0x27 || startsWithAt(s, v, end, "on") || startsWithAt(s, v, end, "off") ||
      startsWithAt(s, v, end, "true") || startsWithAt(s, v, end, "false") || startsWithAt(s, v, end, "yes") || startsWithAt(s, v, end, "no")) return 1;
  return 2;
}

/** PHP serialized object: O:8:"stdClass":1:{…  (also C: custom-serialized), at s[i] == 'o'|'c'. */
function serializedAt(s: Uint8Array, i: i32, end: i32): bool {
  let j = i + 1;
  if (at(s, j, end) != 0x3a) return false;
  j++;
  const d0 = j;
  while (j < end && isDigit(<i32>unchecked(s[j]))) j++;
  if (j == d0 || at(s, j, end) != 0x3a || at(s, j + 1, end) != 0x22) return false;
  j += 2;
  const lim = j + 256 < end ? j + 256 : end;
  while (j < lim && <i32>unchecked(s[j]) != 0x22) j++;
  if (at(s, j, end) != 0x22 || at(s, j + 1, end) != 0x3a) return false;
  j += 2;
  const d1 = j;
  while (j < end && isDigit(<i32>unchecked(s[j]))) j++;
  return j > d1 && at(s, j, end) == 0x3a && at(s, j + 1, end) == 0x7b;
}

/** CRS 934160: while(true), while(!false), while(-1), while(new Date)… (an endless loop, Node.js DoS). s[j] is after "while". */
function endlessLoopAt(s: Uint8Array, j: i32, end: i32): bool {
  while (j < end && isSpace(<i32>unchecked(s[j]))) j++;
  if (at(s, j, end) != 0x28) return false;
  while (j < end && (isSpace(<i32>unchecked(s[j])) || <i32>unchecked(s[j]) == 0x28)) j++;
  let k = j;
  let bangs = 0;
  while (k < end && <i32>unchecked(s[k]) == 0x21) { k++; bangs++; }
  if (bangs > 0 && (bangs & 1) == 0 && (at(s, k, end) == 0x22 || at(s, k, end) == 0x27 || at(s, k, end) == 0x60) && at(s, k + 1, end) == at(s, k, end)) return closesAfter(s, k, end); // !!"" (CRS reads it as !+"")
  if ((bangs & 1) == 1) {
    // !false, !null, !undefined, !NaN, !0, !-0, !"" …
    if (at(s, k, end) == 0x2b || at(s, k, end) == 0x2d) k++;
    if (!(startsWithAt(s, k, end, "false") || startsWithAt(s, k, end, "null") || startsWithAt(s, k, end, "undefined") || startsWithAt(s, k, end, "nan") ||
        startsWithAt(s, k, end, "0") || startsWithAt(s, k, end, "\"\"") || startsWithAt(s, k, end, "''") || startsWithAt(s, k, end, "``"))) return false;
    return closesAfter(s, k, end);
  }
  // a truthy constant, then ")": while(true), while(-1), while(+Infinity), while(new Date), while(!!{})
  if (at(s, k, end) == 0x2b || at(s, k, end) == 0x2d) k++;
  const a = at(s, k, end);
  let w = k;
  if (isDigit(a) && a != 0x30) { while (w < end && isDigit(<i32>unchecked(s[w]))) w++; }
  else if (a == 0x7b || a == 0x5b) {
    const close = a == 0x7b ? 0x7d : 0x5d;
    const lim = k + 128 < end ? k + 128 : end;
    while (w < lim && <i32>unchecked(s[w]) != close) w++;
    if (w >= lim) return false;
    w++;
  } else if (startsWithAt(s, k, end, "new ")) {
    w = k + 4;
    if (!isAlpha(at(s, w, end))) return false;
    while (w < end && isIdent(<i32>unchecked(s[w]))) w++;
  } else {
    while (w < end && isAlpha(<i32>unchecked(s[w]))) w++;
    const n = w - k;
    if (!((n == 4 && (startsWithAt(s, k, end, "true") || startsWithAt(s, k, end, "this"))) || (n == 8 && startsWithAt(s, k, end, "infinity")) ||
          (n == 6 && (startsWithAt(s, k, end, "window") || startsWithAt(s, k, end, "string") || startsWithAt(s, k, end, "object"))) ||
          (n == 5 && startsWithAt(s, k, end, "array")) || (n == 7 && startsWithAt(s, k, end, "boolean")) || (n == 8 && startsWithAt(s, k, end, "function")))) return false;
  }
  while (w < end && isSpace(<i32>unchecked(s[w]))) w++;
  if (at(s, w, end) != 0x29) return false;
  return loopBodyFollows(s, w + 1, end);
}

/** After "while(…)": end of value, ";", "{" or ")" — "while (true) love wins" is prose. */
function loopBodyFollows(s: Uint8Array, j: i32, end: i32): bool {
  while (j < end && isSpace(<i32>unchecked(s[j]))) j++;
  const c = at(s, j, end);
  return c == -1 || c == 0x3b || c == 0x7b || c == 0x29 || c == 0x2c;
}

/** `$` at s[i]: superglobals, variable variables ${…} and variable functions $f(…) (CRS 933130/933135/933180). */
function dollarLevel(s: Uint8Array, i: i32, start: i32, end: i32): i32 {
  if (startsWithAt(s, i, end, "$$nd_func$$")) return 1; // node-serialize function marker
  let j = i + 1;
  while (j < end && j < i + 8 && <i32>unchecked(s[j]) == 0x24) j++;
  if (at(s, j, end) == 0x24) return 0; // a long run of "$": each one would rescan it
  let k = j;
  while (k < end && isSpace(<i32>unchecked(s[k]))) k++;
  let lvl = 0;
  let after = -1;
  if (at(s, k, end) == 0x7b) {
    // ${…}: variable variable / complex expression
    const lim = k + 256 < end ? k + 256 : end;
    let e = -1;
    for (let q = k + 1; q < lim; q++) { const c = <i32>unchecked(s[q]); if (c == 0x7d) { e = q; break; } if (c == 0x7b) break; }
    if (e < 0) return 0;
    let q = k + 1;
    while (q < e && isSpace(<i32>unchecked(s[q]))) q++;
    if (q == e) return 0;
    const f = <i32>unchecked(s[q]);
    // "$ {…}", ${'name'}, ${$a}, ${@a}: PHP only; ${name} is also shell/JS template syntax
    lvl = k > j || f == 0x27 || f == 0x22 || f == 0x24 || f == 0x40 ? 1 : 4;
    after = e + 1;
  } else {
    if (k != j) return 0;
    const c = at(s, j, end);
    if (!(isAlpha(c) || c == 0x5f || c >= 0x80)) return 0;
    let te = j;
    while (te < end && (isIdent(<i32>unchecked(s[te])) || <i32>unchecked(s[te]) >= 0x80)) te++;
    const bits = phpTable().lookup(s, j, te);
    if (bits > 0 && (bits & P_SUPERGLOBAL) != 0) return 1;
    after = te;
  }
  // trailer: whitespace, comments, [index], {index}, then "(": a call through a variable
  let p = after;
  let gap = false, hidden = false, indexed = false;
  for (let n = 0; n < 16 && p < end; n++) {
    const sk = skipFill(s, p, end);
    gap = gap || sk.gap; hidden = hidden || sk.hidden;
    p = sk.pos;
    const c = at(s, p, end);
    if (c == 0x5b || c == 0x7b) {
      const close = c == 0x5b ? 0x5d : 0x7d;
      let depth = 0, q = p;
      const lim = p + 128 < end ? p + 128 : end;
      for (; q < lim; q++) {
        const d = <i32>unchecked(s[q]);
        if (d == c) depth++;
        else if (d == close) { depth--; if (depth == 0) break; }
      }
      if (q >= lim || q == p + 1) break; // $a[]() is not a call through an element
      p = q + 1; indexed = true;
      continue;
    }
    break;
  }
  if (at(s, p, end) == 0x28 && closesAfter(s, p + 1, end)) {
    let a = p + 1;
    while (a < end && isSpace(<i32>unchecked(s[a]))) a++;
    const x = at(s, a, end);
    // "$price (incl. VAT)" in a template string: a gap and a word argument read as prose
    if (gap && !hidden && !indexed && isAlpha(x)) return minLevel(lvl, 2);
    return 1;
  }
  return lvl;
}

/** Callee shapes of CRS 933210: (expr)(…);  "name"(…);  [0](…);  {0}(…);  at the closing byte s[i]. */
function calleeLevel(s: Uint8Array, i: i32, start: i32, end: i32): i32 {
  const c = <i32>unchecked(s[i]);
  const sk = skipFill(s, i + 1, end);
  if (at(s, sk.pos, end) != 0x28) return 0;
  if (c == 0x22 || c == 0x27) {
    // a quoted identifier right before: "system"(…), 'sys'.'tem'(…)
    let p = i - 1, n = 0;
    while (p >= start && n < 64) {
      const d = <i32>unchecked(s[p]);
      if (d == c) break;
      if (!(isIdent(d) || d == 0x2d || d == 0x5c)) return 0;
      p--; n++;
    }
    if (p < start || n == 0 || <i32>unchecked(s[p]) != c) return 0;
  } else if (c == 0x5d || c == 0x7d) {
    // [0](…), {0}(…), …]}(…)
    let p = i - 1;
    while (p > start && isSpace(<i32>unchecked(s[p]))) p--;
    const b = at(s, p, end);
    if (!(isDigit(b) || b == 0x5d || b == 0x27 || b == 0x22)) return 0;
    // [1](https://…): a markdown footnote link, not a call
    const a = skipFill(s, sk.pos + 1, end).pos;
    if (startsWithAt(s, a, end, "http") || at(s, a, end) == 0x2f || at(s, a, end) == 0x23) return 0;
  } else if (c == 0x29) {
    // (callee)(…): the parenthesized callee is code — no spaces, or code bytes in it ("(room 5)(floor 2);" is prose)
    let p = i - 1, depth = 0, spaced = false, codey = false;
    while (p >= start && p > i - 64) {
      const d = <i32>unchecked(s[p]);
      if (d == 0x29) depth++;
      else if (d == 0x28) { if (depth == 0) break; depth--; }
      else if (isSpace(d)) spaced = true;
      else if (d == 0x24 || d == 0x27 || d == 0x22 || d == 0x5b || d == 0x2e || d == 0x2f) codey = true;
      p--;
    }
    if (p < start || p <= i - 64 || (spaced && !codey)) return 0;
  } else return 0;
  // the call must be closed and the statement ended: …(args);
  const lim = sk.pos + 512 < end ? sk.pos + 512 : end;
  for (let q = sk.pos + 1; q < lim; q++) {
    if (<i32>unchecked(s[q]) != 0x29) continue;
    let r = q + 1;
    while (r < end && isSpace(<i32>unchecked(s[r]))) r++;
    if (at(s, r, end) == 0x3b) return 1;
    if (r >= end) return 3;
  }
  return 0;
}

/** data: URLs as the whole value (CRS 934170: PHP data:// stream wrapper); s[i] is after "data:". */
function dataSchemeLevel(s: Uint8Array, i: i32, end: i32): i32 {
  let j = i;
  if (at(s, j, end) == 0x2f && at(s, j + 1, end) == 0x2f) j += 2;
  const t0 = j;
  while (j < end && (isIdent(<i32>unchecked(s[j])) || <i32>unchecked(s[j]) == 0x2d || <i32>unchecked(s[j]) == 0x2e || <i32>unchecked(s[j]) == 0x2b)) j++;
  if (j == t0 || at(s, j, end) != 0x2f) return 0;
  const a = j + 1;
  let k = a;
  while (k < end && (isIdent(<i32>unchecked(s[k])) || <i32>unchecked(s[k]) == 0x2d || <i32>unchecked(s[k]) == 0x2e || <i32>unchecked(s[k]) == 0x2b || <i32>unchecked(s[k]) == 0x2a)) k++;
  if (k == a) return 0;
  // images, audio, video and fonts are what data: URLs normally carry (avatars, inline icons)
  if (startsWithAt(s, t0, end, "image/") || startsWithAt(s, t0, end, "audio/") || startsWithAt(s, t0, end, "video/") || startsWithAt(s, t0, end, "font/")) return 3;
  // text/* (what include('data://text/plain;base64,…') runs) and PHP types; application/json source maps are common
  if (startsWithAt(s, t0, end, "text/") || containsAt(s, a, k, "php") >= 0 || (j - t0 == 1 && <i32>unchecked(s[t0]) == 0x2a)) return 1;
  return 2;
}

@inline function segIs(s: Uint8Array, a: i32, b: i32, w: string): bool { return b - a == w.length && startsWithAt(s, a, b, w); }

/** PHP-only stream wrapper schemes (php:// itself is left to the SSRF detector's scheme list). */
function phpWrapper(s: Uint8Array, a: i32, b: i32): bool {
  return segIs(s, a, b, "zip") || segIs(s, a, b, "zlib") || segIs(s, a, b, "bzip2") || segIs(s, a, b, "phar") || segIs(s, a, b, "rar") ||
    segIs(s, a, b, "ogg") || segIs(s, a, b, "expect") || segIs(s, a, b, "glob") || segIs(s, a, b, "compress.zlib") || segIs(s, a, b, "compress.bzip2") ||
    segIs(s, a, b, "ssh2.shell") || segIs(s, a, b, "ssh2.exec") || segIs(s, a, b, "ssh2.tunnel") || segIs(s, a, b, "ssh2.sftp") || segIs(s, a, b, "ssh2.scp");
}

/** Java: dotted token s[ts,te) with first segment ending at e1. */
function javaLevel(s: Uint8Array, ts: i32, e1: i32, te: i32): i32 {
  const n1 = e1 - ts;
  const isJava = n1 == 4 && startsWithAt(s, ts, te, "java");
  const isJavax = n1 == 5 && startsWithAt(s, ts, te, "javax");
  if (!(isJava || isJavax || (n1 == 3 && (startsWithAt(s, ts, te, "org") || startsWithAt(s, ts, te, "com") || startsWithAt(s, ts, te, "sun") || startsWithAt(s, ts, te, "bsh"))) ||
        (n1 == 10 && startsWithAt(s, ts, te, "freemarker")))) return 0;
  if (isJavax) return 1;
  // every prefix that ends at or inside a later segment (java.io.File matches java.io.FileInputStream)
  const t = javaTable();
  const lim = te - ts > 40 ? ts + 40 : te;
  for (let p = e1 + 2; p <= lim; p++) {
    if (t.lookup(s, ts, p) == J_CLASS) return 1;
  }
  if (isJava) {
    // java.lang.*, java.util.*, java.io.*: a fully-qualified class of the runtime
    const e2 = e1 + 1;
    let q = e2;
    while (q < te && <i32>unchecked(s[q]) != 0x2e) q++;
    if (q < te && (segIs(s, e2, q, "lang") || segIs(s, e2, q, "io") || segIs(s, e2, q, "nio") ||
        segIs(s, e2, q, "net") || segIs(s, e2, q, "beans") || segIs(s, e2, q, "rmi") || segIs(s, e2, q, "security"))) return 1;
  }
  if (n1 == 3 && startsWithAt(s, ts, te, "com") && startsWithAt(s, e1, te, ".sun.")) return 1;
  return 0;
}

export function codeInjectionLevel(s: Uint8Array, start: i32, end: i32): i32 {
  if (end > s.length) end = s.length;
  if (start < 0) start = 0;
  return codeLevelMasked(s, start, end, byteClasses(s, start, end));
}

/** codeInjectionLevel with the value's byte classes (words.ts byteClasses) already known: sub-checks whose
 * trigger bytes are absent are skipped. */
export function codeLevelMasked(s: Uint8Array, start: i32, end: i32, mask: u32): i32 {
  if (end > s.length) end = s.length;
  if (start < 0) start = 0;
  // PHP words count only when called "(", assigned "=" (php.ini) or when they hold "_" (bare high-risk names,
  // $_SERVER keys)
  const phpOn = (mask & (BC_LPAREN | BC_EQ | BC_UNDERSCORE)) != 0;
  const callOn = (mask & BC_LPAREN) != 0;
  let best = 0;
  if ((mask & (BC_LPAREN | BC_RPAREN | BC_EQ | BC_UNDERSCORE | BC_DOLLAR | BC_LBRACK | BC_LBRACE | BC_CODEP)) == 0) {
    // no code syntax at all: only bare Java words can count (and the markers after the loop)
    best = bareWordsLevel(s, start, end);
    if (best == 1) return 1;
    return markersLevel(s, start, end, mask, best);
  }
  let javaSeen = false, runtimeSeen = false;
  let valueStart = start;
  while (valueStart < end && isSpace(<i32>unchecked(s[valueStart]))) valueStart++;
  const php = phpTable(), node = nodeTable(), java = javaTable();
  let i = start;
  while (i < end) {
    const c = <i32>unchecked(s[i]);
    let l = 0;
    if (isIdent(c)) {
      // identifier token, extended over dots: seg(.seg)*
      const ts = i;
      let segStart = i, prevStart = -1;
      let e1 = -1;
      let te = i;
      while (true) {
        let e = segStart;
        while (e < end && isIdent(<i32>unchecked(s[e]))) e++;
        if (e1 < 0) e1 = e;
        // per segment: Java identifiers, Node/Ruby words and "a.b" pairs
        const sl = e - segStart;
        if (sl >= 7) {
          const p2 = (<i32>unchecked(s[segStart]) << 7) | <i32>unchecked(s[segStart + 1]); // identifier bytes are ASCII
          if ((unchecked(javaPairs[p2 >> 5]) & ((<u32>1) << <u32>(p2 & 31))) != 0 && java.lookup(s, segStart, e) == J_WORD) return 1;
          if (sl >= 11 && startsWithAt(s, e - 11, e, "classloader")) return 1;
          // runtime / processbuilder count with a "java." elsewhere (CRS 944110); as a member, not a prose word
          if (((sl == 7 && startsWithAt(s, segStart, e, "runtime")) || (sl == 14 && startsWithAt(s, segStart, e, "processbuilder"))) &&
              (prevStart >= 0 || segStart > ts || (at(s, e, end) == 0x2e && isIdent(at(s, e + 1, end))) || at(s, e, end) == 0x28)) runtimeSeen = true;
          if (sl == 14 && startsWithAt(s, segStart, e, "processbuilder")) {
            const sk = skipFill(s, e, end);
            if (at(s, sk.pos, end) == 0x28) return 1; // new ProcessBuilder(…)
            l = minLevel(l, 2);
          }
          if (sl == 10 && startsWithAt(s, segStart, e, "getruntime") && at(s, e, end) == 0x28) return 1;
          if (sl == 15 && startsWithAt(s, segStart, e, "springframework") && startsWithAt(s, e, end, ".context.support.")) return 1;
          if ((sl == 12 && startsWithAt(s, segStart, e, "unmarshaller")) || (sl == 10 && startsWithAt(s, segStart, e, "base64data"))) javaSeen = true;
        }
        if (sl == 13 && node.lookup(s, segStart, e) == N_ALONE) return 1; // child_process, __js_function
        if (prevStart >= 0) {
          const nc = node.lookup(s, prevStart, e);
          if (nc == N_ALONE) return 1;
          if (nc == N_CALL) {
            let q = e;
            if (startsWithAt(s, q, end, ".call") || startsWithAt(s, q, end, ".apply")) { q++; while (q < end && isIdent(<i32>unchecked(s[q]))) q++; }
            const sk = skipFill(s, q, end);
            if (at(s, sk.pos, end) == 0x28) return 1;
          }
          if (nc == N_ASSIGN) {
            let q = e;
            while (q < end && isSpace(<i32>unchecked(s[q]))) q++;
            if (at(s, q, end) == 0x3d && at(s, q + 1, end) != 0x3d) return 1;
          }
        }
        te = e;
        if (at(s, e, end) == 0x2e && isIdent(at(s, e + 1, end))) { prevStart = segStart; segStart = e + 1; continue; }
        break;
      }
      const ls = segStart; // last segment [ls, te)
      const dotted = e1 < te;
      if (dotted) {
        if (javaLevel(s, ts, e1, te) == 1) return 1;
        if (e1 - ts == 4 && startsWithAt(s, ts, end, "java")) javaSeen = true;
      }
      const nx = at(s, te, end);
      // PHP stream wrappers (CRS 933200): zip://, phar://, compress.zlib://, ssh2.exec://, expect://
      if (nx == 0x3a && at(s, te + 1, end) == 0x2f && at(s, te + 2, end) == 0x2f && phpWrapper(s, ts, te)) return 1;
      // process[…], require[…], console["log"](…)
      if (nx == 0x5b) {
        if (node.lookup(s, ls, te) == N_INDEX) return 1;
        if (te - ls == 7 && startsWithAt(s, ls, end, "console")) {
          const q = at(s, te + 1, end);
          if (q == 0x22 || q == 0x27 || q == 0x60) return 1;
        }
      }
      // React Server Components chunk references: "$1:constructor:constructor", "$7:Module:prototype"
      if (nx == 0x3a && ((te - ls == 11 && startsWithAt(s, ls, end, "constructor") && startsWithAt(s, te, end, ":constructor")) ||
          (te - ls == 6 && startsWithAt(s, ls, end, "module") && startsWithAt(s, te, end, ":prototype")))) return 1;
      // whole token: php.ini directive assignment
      const wb = phpOn ? php.lookup(s, ts, te) : -1;
      if (wb > 0 && (wb & P_INI) != 0) { l = minLevel(l, iniLevel(s, ts, te, start, end)); }
      if (wb > 0 && (wb & P_SERVERVAR) != 0) l = minLevel(l, 3);
      // PHP function call: the last segment (os.system(…) is a call of system too)
      const fb = dotted ? (phpOn ? php.lookup(s, ls, te) : -1) : wb;
      if (fb > 0 && (fb & (P_HR | P_CALL1 | P_CALL2 | P_CALL3 | P_PROSE)) != 0) {
        const pl = phpCallLevel(s, ls, te, fb, start, end);
        if (pl > 0) l = minLevel(l, pl);
      } else if (callOn && !dotted && hrSuffixCall(s, ts, te, end)) l = 1;
      else if (callOn && !dotted && snakeCall(s, ts, te, end)) l = minLevel(l, 2);
      if (!dotted) {
        const n = te - ts;
        const c0 = <i32>unchecked(s[ts]);
        if (n == 1 && (c0 == 0x6f || c0 == 0x63) && nx == 0x3a && serializedAt(s, ts, end)) return 1;
        if (n == 5 && startsWithAt(s, ts, end, "while") && endlessLoopAt(s, te, end)) return 1;
        if (n == 8 && startsWithAt(s, ts, end, "function")) {
          // function(){ … }: a JavaScript function literal (CRS 934100)
          const sk = skipFill(s, te, end);
          if (at(s, sk.pos, end) == 0x28) {
            let q = sk.pos + 1;
            const lim = q + 128 < end ? q + 128 : end;
            while (q < lim && <i32>unchecked(s[q]) != 0x29) q++;
            const sk2 = skipFill(s, q + 1, end);
            if (q < lim && at(s, sk2.pos, end) == 0x7b) {
              const b = at(s, ts - 1, end);
              // inside code (after = ( , : or new) it is level 1; a value that is just a function literal is
              // also what code-sharing APIs carry, so level 2
              l = minLevel(l, b == 0x3d || b == 0x28 || b == 0x2c || b == 0x3a || startsWithAt(s, ts - 4, end, "new ") ? 1 : 2);
            }
          }
        }
        if (n == 3 && startsWithAt(s, ts, end, "new")) {
          const sk = skipFill(s, te, end);
          if (sk.gap && startsWithAt(s, sk.pos, end, "function")) {
            const sk2 = skipFill(s, sk.pos + 8, end);
            if (at(s, sk2.pos, end) == 0x28) return 1;
          }
        }
        if (n == 4 && ts == valueStart && nx == 0x3a && startsWithAt(s, ts, end, "data")) l = minLevel(l, dataSchemeLevel(s, te + 1, end));
      }
      i = te;
    } else {
      if (c == 0x3c) l = openTagLevel(s, i, end);
      else if (c == 0x5b || c == 0x7b) {
        // [php], [/php], [\php], {php}, {/php}: PHP tags of BBCode-style template engines
        let j = i + 1;
        const x = at(s, j, end);
        if (x == 0x2f || (x == 0x5c && c == 0x5b)) j++;
        if (startsWithAt(s, j, end, "php") && at(s, j + 3, end) == (c == 0x5b ? 0x5d : 0x7d)) return 1;
      } else if (c == 0x24) l = dollarLevel(s, i, start, end);
      else if (c == 0x29 || c == 0x5d || c == 0x7d || c == 0x22 || c == 0x27) l = calleeLevel(s, i, start, end);
      i++;
    }
    if (l > 0) { best = minLevel(best, l); if (best == 1) return 1; }
  }
  if (javaSeen && runtimeSeen) return 1; // CRS 944110: java. … Runtime / ProcessBuilder
  return markersLevel(s, start, end, mask, best);
}

/** The token loop of codeLevelMasked for a value of letters, digits and bytes no check reads (no "_" either,
 * so tokens are letters and digits): gadget class names, *classloader, a bare processbuilder (level 2). */
function bareWordsLevel(s: Uint8Array, start: i32, end: i32): i32 {
  const java = javaTable();
  let best = 0;
  let i = start;
  while (i < end) {
    if (!isIdent(<i32>unchecked(s[i]))) { i++; continue; }
    const ts = i;
    while (i < end && isIdent(<i32>unchecked(s[i]))) i++;
    const sl = i - ts;
    if (sl >= 7) {
      const p2 = (<i32>unchecked(s[ts]) << 7) | <i32>unchecked(s[ts + 1]);
      if ((unchecked(javaPairs[p2 >> 5]) & ((<u32>1) << <u32>(p2 & 31))) != 0 && java.lookup(s, ts, i) == J_WORD) return 1;
      if (sl >= 11 && startsWithAt(s, i - 11, i, "classloader")) return 1;
      if (sl == 14 && startsWithAt(s, ts, i, "processbuilder")) best = 2; // not called: no "(" in the value
    }
  }
  return best;
}

/** Serialized-object and base64 markers (after the token loop, with its level `best`). */
function markersLevel(s: Uint8Array, start: i32, end: i32, mask: u32, best: i32): i32 {
  // serialized Java (base64 "rO0AB", hex "aced0005") and node-serialize's function marker in base64
  // (the fixed markers of this and the next checks, found in one pass instead of nine)
  // every marker holds a digit, a q or z, or a byte >= 0x80
  const mk = (mask & (BC_DIGIT | BC_HIGH | BC_QZ)) != 0 ? serialMarkers(s, start, end) : 0;
  if ((mk & 1) != 0) return 1;
  // the same stream header at the other two base64 alignments, and as raw bytes (AC ED 00 05): CRS 944210/944200, PL2
  if ((mk & 2) != 0) best = minLevel(best, 2);
  if ((best == 0 || best > 2) && (mask & BC_B64RUN10) != 0) { const l = javaBase64Level(s, start, end); if (l > 0) best = minLevel(best, l); }
  if (end - start >= 12 && (mk & 4) != 0) return 1;
  return best;
}

/** Bits: 1 "ro0ab"/"aced0005", 2 "kztaau"/"cs7qaf"/AC ED 05 (raw or UTF-8), 4 the node-serialize base64 markers. */
function serialMarkers(s: Uint8Array, start: i32, end: i32): i32 {
  let m = 0;
  for (let p = start; p < end; p++) {
    const c = <i32>unchecked(s[p]);
    if (c == 0x72) { if (startsWithAt(s, p, end, "ro0ab")) m |= 1; }
    else if (c == 0x61) { if (startsWithAt(s, p, end, "aced0005")) m |= 1; }
    else if (c == 0x6b) { if (startsWithAt(s, p, end, "kztaau")) m |= 2; }
    else if (c == 0x63) { if (startsWithAt(s, p, end, "cs7qaf")) m |= 2; }
    else if (c == 0xac) { if (startsWithAt(s, p, end, "\u00ac\u00ed\u0005")) m |= 2; }
    else if (c == 0xc2) { if (startsWithAt(s, p, end, "\u00c2\u00ac\u00c3\u00ad\u0005")) m |= 2; }
    else if (c == 0x78) { if (startsWithAt(s, p, end, "xyqktkrfrlvoqyqk")) m |= 4; }
    else if (c == 0x6a) { if (startsWithAt(s, p, end, "je5ex0zvtkmk") || startsWithAt(s, p, end, "jcrorf9gvu5djcrf")) m |= 4; }
  }
  return m;
}

// CRS 944300 (PL3): Java gadget/runtime names (runtime, processbuilder, invokertransformer…) base64-encoded at
// the three alignments, lower-cased as the detectors see them. Found by an 8-byte prefix table, so the cost does
// not grow with the list.
const B64_JAVA: string[] = "cnvudgltzq hj1bnrpbwu bydw50aw1l chjvy2vzc2j1awxkzxi hbyb2nlc3nidwlszgvy bwcm9jzxnzynvpbgrlcg y2xvbmv0cmfuc2zvcm1lcg gnsb25ldhjhbnnmb3jtzxi bjbg9uzxryyw5zzm9ybwvy zm9yy2xvc3vyzq gzvcmnsb3n1cmu bmb3jjbg9zdxjl aw5zdgfudglhdgvmywn0b3j5 gluc3rhbnrpyxrlzmfjdg9yeq bpbnn0yw50awf0zwzhy3rvcnk aw5zdgfudglhdgv0cmfuc2zvcm1lcg gluc3rhbnrpyxrldhjhbnnmb3jtzxi bpbnn0yw50awf0zxryyw5zzm9ybwvy aw52b2tlcnryyw5zzm9ybwvy gludm9rzxj0cmfuc2zvcm1lcg bpbnzva2vydhjhbnnmb3jtzxi chjvdg90exbly2xvbmvmywn0b3j5 hbyb3rvdhlwzwnsb25lzmfjdg9yeq bwcm90b3r5cgvjbg9uzwzhy3rvcnk chjvdg90exblc2vyawfsaxphdglvbmzhy3rvcnk hbyb3rvdhlwzxnlcmlhbgl6yxrpb25mywn0b3j5 bwcm90b3r5cgvzzxjpywxpemf0aw9uzmfjdg9yeq d2hpbgvjbg9zdxjl hdoawxly2xvc3vyzq b3aglszwnsb3n1cmu".split(" ");
// CRS 934101 (PL2): "child_process" base64-encoded (node-serialize payloads in cookies), three alignments.
const B64_NODE: string[] = ["y2hpbgrfchjvy2vz", "noawxkx3byb2nl", "jagllszf9wcm9jzxnz"];
let b64T: WordTable | null = null;
function b64Table(): WordTable {
  let t = b64T;
  if (t !== null) return t;
  t = new WordTable(7);
  for (let i = 0; i < B64_JAVA.length; i++) t.add(B64_JAVA[i].substring(0, 8), 1);
  for (let i = 0; i < B64_NODE.length; i++) t.add(B64_NODE[i].substring(0, 8), 1);
  for (let i = 0; i < B64_JAVA.length; i++) b64PairAdd(B64_JAVA[i]);
  for (let i = 0; i < B64_NODE.length; i++) b64PairAdd(B64_NODE[i]);
  b64T = t;
  return t;
}
// bit per (first, second) byte pair that starts some prefix: most positions of a long word are dropped before
// hashing 8 bytes
const b64Pairs = new StaticArray<u32>(512);
function b64PairAdd(w: string): void {
  const k = ((w.charCodeAt(0) & 127) << 7) | (w.charCodeAt(1) & 127);
  b64Pairs[k >> 5] |= (<u32>1) << <u32>(k & 31);
}
@inline function isB64(c: i32): bool { return isAlpha(c) || isDigit(c) || c == 0x2b || c == 0x2f; }

function javaBase64Level(s: Uint8Array, start: i32, end: i32): i32 {
  const t = b64Table();
  let best = 0;
  let i = start;
  while (i < end) {
    if (!isB64(<i32>unchecked(s[i]))) { i++; continue; }
    let e = i;
    while (e < end && isB64(<i32>unchecked(s[e]))) e++;
    if (e - i >= 10) {
      for (let p = i; p + 10 <= e; p++) {
        // (run bytes are ASCII base64, so & 127 is the byte itself)
        const k = ((<i32>unchecked(s[p]) & 127) << 7) | (<i32>unchecked(s[p + 1]) & 127);
        if ((unchecked(b64Pairs[k >> 5]) & ((<u32>1) << <u32>(k & 31))) == 0) continue;
        if (t.lookup(s, p, p + 8) < 0) continue;
        for (let k = 0; k < B64_NODE.length; k++) if (startsWithAt(s, p, e, unchecked(B64_NODE[k]))) return 2;
        for (let k = 0; k < B64_JAVA.length; k++) if (startsWithAt(s, p, e, unchecked(B64_JAVA[k]))) best = 3;
      }
    }
    i = e;
  }
  return best;
}

/** PHP open tags: <?php, <?=, "<? " (not an XML declaration), <?xml followed by code. */
function openTagLevel(s: Uint8Array, p: i32, end: i32): i32 {
  if (at(s, p + 1, end) != 0x3f) return 0;
  const a = at(s, p + 2, end);
  if (startsWithAt(s, p + 2, end, "php") || a == 0x3d || ((isSpace(a) || a == -1) && !startsWithAt(s, p + 3, end, "xml"))) return 1;
  const x = at(s, p + 5, end);
  if (startsWithAt(s, p + 2, end, "xml") && (x == 0x3a || ((isSpace(x) || x == -1) && !startsWithAt(s, p + 6, end, "version")))) return 1; // <?xml :system('ls')
  return 0;
}

/**
 * Uploaded file names that the server may execute (CRS 933110 PHP, 944140 JSP) or that plant a PHP session
 * file (933220). For the integrator: call with the lower-cased field/header name and the decoded value; only
 * upload-name fields count (X-Filename, X_Filename, X.Filename, X-File-Name headers, multipart filename).
 */
export function uploadNameLevel(key: Uint8Array, keyLen: i32, s: Uint8Array, start: i32, end: i32): i32 {
  if (end > s.length) end = s.length;
  if (start < 0) start = 0;
  if (keyLen > key.length) keyLen = key.length;
  if (!(eqKey(key, keyLen, "x-filename") || eqKey(key, keyLen, "x_filename") || eqKey(key, keyLen, "x.filename") ||
        eqKey(key, keyLen, "x-file-name") || eqKey(key, keyLen, "filename"))) return 0;
  // trailing dots and spaces are dropped by Windows and some servers: "a.php...", "a.php "
  let e = end;
  while (e > start && (<i32>unchecked(s[e - 1]) == 0x2e || <i32>unchecked(s[e - 1]) == 0x20)) e--;
  // the extension, allowing "photo. php"
  let p = e;
  while (p > start && isIdent(<i32>unchecked(s[p - 1]))) p--;
  let d = p - 1;
  while (d > start && <i32>unchecked(s[d]) == 0x20) d--;
  if (d >= start && p < e && <i32>unchecked(s[d]) == 0x2e) {
    const n = e - p;
    if (startsWithAt(s, p, e, "ph")) {
      // .php, .php5, .phtml, .phar, .phps, .pht, .phpt
      let q = p + 2;
      if (startsWithAt(s, q, e, "p")) { q++; while (q < e && isDigit(<i32>unchecked(s[q]))) q++; if (q == e) return 1; if (startsWithAt(s, q, e, "t") && q + 1 == e) return 1; }
      if (n == 5 && (startsWithAt(s, p, e, "phtml"))) return 1;
      if (n == 4 && (startsWithAt(s, p, e, "phar") || startsWithAt(s, p, e, "phps"))) return 1;
      if (n == 3 && startsWithAt(s, p, e, "pht")) return 1;
    }
    if ((n == 3 && startsWithAt(s, p, e, "jsp")) || (n == 4 && startsWithAt(s, p, e, "jspx"))) return 1;
  }
  // a PHP extension inside the name ("shell.php.jpg", "test. php5.gif"): Apache may still run it (933111, PL3)
  for (let q = start; q < e; q++) {
    if (<i32>unchecked(s[q]) != 0x2e) continue;
    let r = q + 1;
    while (r < e && <i32>unchecked(s[r]) == 0x20) r++;
    if (!startsWithAt(s, r, e, "ph")) continue;
    let x = r + 2;
    while (x < e && (isAlpha(<i32>unchecked(s[x])) || isDigit(<i32>unchecked(s[x])))) x++;
    const n = x - r;
    const php = (startsWithAt(s, r, e, "php") && (n == 3 || isDigit(at(s, r + 3, e)) || (n == 4 && at(s, r + 3, e) == 0x74))) ||
      (n == 5 && startsWithAt(s, r, e, "phtml")) || (n == 4 && (startsWithAt(s, r, e, "phar") || startsWithAt(s, r, e, "phps"))) || (n == 3 && startsWithAt(s, r, e, "pht"));
    if (php && x < e && (<i32>unchecked(s[x]) == 0x2e || <i32>unchecked(s[x]) == 0x20)) return 3;
  }
  // sess_<id>: a PHP session file name (session fixation / deserialization through uploads)
  let b = end;
  while (b > start && <i32>unchecked(s[b - 1]) != 0x2f && <i32>unchecked(s[b - 1]) != 0x5c) b--;
  if (startsWithAt(s, b, end, "sess_")) {
    let q = b + 5;
    while (q < end && (isAlpha(<i32>unchecked(s[q])) || isDigit(<i32>unchecked(s[q])) || <i32>unchecked(s[q]) == 0x2c || <i32>unchecked(s[q]) == 0x2d)) q++;
    if (q == end && end - (b + 5) >= 20) return 1;
  }
  return 0;
}

function eqKey(key: Uint8Array, keyLen: i32, name: string): bool {
  return keyLen == name.length && startsWithAt(key, 0, keyLen, name);
}
