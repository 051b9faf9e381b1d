// Server-side code injection (CRS 933 PHP, 934 Node.js, 944 Java), reported as attack.command_injection.
import { WordTable, isAlpha, isDigit, isSpace, startsWithAt, containsAt, minLevel, at, isSep, hasSpace } from "./words";
import { ByteBuf } from "./decode";

// Server-side code that runs commands: PHP open tags, superglobals and exec-style calls; Java runtime and
// deserialization gadget classes. Reported as command injection: each ends in code execution on the server.
// Server-side code that runs commands: PHP open tags, superglobals and exec-style calls; Java runtime and
// deserialization gadget classes. Reported as command injection: each ends in code execution on the server.
const PHP_CALLS: string[] = ["system", "exec", "shell_exec", "passthru", "popen", "proc_open", "pcntl_exec", "eval", "assert",
  "base64_decode", "gzinflate", "str_rot13", "fsockopen", "pfsockopen", "file_get_contents", "file_put_contents", "fopen",
  "include", "include_once", "require", "require_once", "create_function", "call_user_func", "call_user_func_array",
  "preg_replace", "phpinfo", "unserialize", "highlight_file", "show_source", "readfile", "move_uploaded_file", "chr", "posix_getpwuid", "mail"];
const PHP_VARS: string[] = ["$_get", "$_post", "$_request", "$_cookie", "$_server", "$_files", "$_env", "$_session", "$globals", "$http_raw_post_data"];
const JAVA_STRONG: string[] = ["java.lang.runtime", "java.lang.processbuilder", "processbuilder", "getruntime()", "java.lang.reflect",
  "java.lang.classloader", "javax.script", "invokertransformer", "chainedtransformer", "constanttransformer", "instantiatetransformer",
  "clonetransformer", "instantiatefactory", "prototypeclonefactory", "prototypeserializationfactory", "forclosure", "whileclosure",
  "org.apache.commons.collections", "com.sun.org.apache", "java.beans.xmldecoder", "javax.naming", "java.rmi.", "ro0ab", "aced0005",
  // Node.js: serialized functions (node-serialize), child processes, constructor chains
  "_$$nd_func$$_", "__js_function", "child_process", "process.mainmodule", "process.binding", "constructor.constructor",
  "module.exports=", "require('child", "require(\"child", "eval(string.fromcharcode", "new function (", "new function(",
  "java.lang.system", "java.lang.thread", "java.io.file", "java.net.url", "java.util.", "java.lang.", "java.io.", "java.nio.", "java.net.", "javax.", "sun.misc.", "com.sun."];

function callAt(s: Uint8Array, p: i32, n: i32, end: i32): bool {
  // name at p (not part of a longer word) followed by '(' and an argument that looks like code
  if (p > 0 && (isAlpha(<i32>unchecked(s[p - 1])) || <i32>unchecked(s[p - 1]) == 0x5f)) return false;
  let j = p + n;
  let gap = false;   // whitespace between name and '(' (prose writes "system (the thing)")
  let hidden = false; // a comment between them: only code does that
  while (j < end) {
    const c = <i32>unchecked(s[j]);
    if (isSpace(c)) { gap = true; j++; continue; }
    if (c == 0x23) { hidden = true; while (j < end && <i32>unchecked(s[j]) != 0x0a) j++; continue; }
    if (c == 0x2f && at(s, j + 1, end) == 0x2a) { hidden = true; j += 2; while (j + 1 < end && !(<i32>unchecked(s[j]) == 0x2a && <i32>unchecked(s[j + 1]) == 0x2f)) j++; j += 2; continue; }
    break;
  }
  if (at(s, j, end) != 0x28) return false;
  j++;
  while (j < end && isSpace(<i32>unchecked(s[j]))) j++;
  const a = at(s, j, end);
  if (a == -1 || a == 0x27 || a == 0x22 || a == 0x24 || a == 0x60 || a == 0x29 || isDigit(a) || a == 0x5f) return true;
  return isAlpha(a) && (callFollows(s, j, end) || hidden || !gap && at(s, p + n, end) == 0x28 && n >= 4);
}

function callFollows(s: Uint8Array, j: i32, end: i32): bool {
  let k = j;
  while (k < end && (isAlpha(<i32>unchecked(s[k])) || isDigit(<i32>unchecked(s[k])) || <i32>unchecked(s[k]) == 0x5f)) k++;
  return at(s, k, end) == 0x28;
}

export function codeInjectionLevel(s: Uint8Array, start: i32, end: i32): i32 {
  let best = 0;
  // PHP open tags: <?php, <?=, "<? " (not an XML declaration)
  let p = containsAt(s, start, end, "<?");
  while (p >= 0) {
    const a = at(s, p + 2, end);
    if (startsWithAt(s, p + 2, end, "php") || a == 0x3d || ((isSpace(a) || a == -1) && !startsWithAt(s, p + 3, end, "xml"))) return 1;
    const x = at(s, p + 5, end);
    if (startsWithAt(s, p + 2, end, "xml") && (x == 0x3a || ((isSpace(x) || x == -1) && !startsWithAt(s, p + 6, end, "version")))) return 1; // <?xml :system('ls')
    p = containsAt(s, p + 2, end, "<?");
  }
  for (let k = 0; k < PHP_VARS.length; k++) if (containsAt(s, start, end, unchecked(PHP_VARS[k])) >= 0) return 1;
  for (let k = 0; k < PHP_CALLS.length; k++) {
    const name = unchecked(PHP_CALLS[k]);
    let q = containsAt(s, start, end, name);
    while (q >= 0) {
      if (callAt(s, q, name.length, end)) { if (k < 32) return 1; best = minLevel(best, 2); }
      q = containsAt(s, q + name.length, end, name);
    }
  }
  for (let k = 0; k < JAVA_STRONG.length; k++) {
    if (containsAt(s, start, end, unchecked(JAVA_STRONG[k])) >= 0) return 1;
  }
  return best;
}
