// The smaller request-side detectors. Each reads the decoded, lower-cased value once (plus short bounded
// look-arounds) and returns the lowest paranoia level (1–4) at which it fires, or 0.
import { WordTable, isAlpha, isDigit, isSpace, startsWithAt, containsAt } from "./words";
import { ByteBuf } from "./decode";

@inline function minLevel(a: i32, b: i32): i32 { return a == 0 ? b : (b < a ? b : a); }
@inline function at(s: Uint8Array, i: i32, end: i32): i32 { return i >= 0 && i < end ? <i32>unchecked(s[i]) : -1; }
@inline function isSep(c: i32): bool { return c == 0x2f || c == 0x5c; }

// ---------------------------------------------------------------------------------------------------------
// attack.path_traversal

const OS_FILES: string[] = ["etc/passwd", "etc/shadow", "etc/group", "etc/hosts", "etc/issue", "etc/motd", "etc/crontab",
  "etc/sudoers", "etc/mysql", "etc/httpd", "etc/apache", "etc/nginx", "etc/ssh", "proc/self/", "proc/version",
  "proc/cpuinfo", "proc/1/", "var/log/", "windows/win.ini", "win.ini", "boot.ini", "system32", "windows/system",
  "winnt/", ".htaccess", ".htpasswd", "web.config", ".ssh/id_", "authorized_keys", ".bash_history", ".bashrc",
  ".git/config", ".git/head", ".env", "wp-config.php", "/etc/", "c:/windows", "c:\\windows", "c:\\boot", "c:/boot",
  "applicationhost.config", "php.ini", "my.cnf", "/dev/tcp", "/dev/udp", "/root/", "docker.sock", "serviceaccount/token",
  "etc/environment", "etc/profile"];

export function pathTraversalLevel(s: Uint8Array, start: i32, end: i32): i32 {
  let best = 0;
  let dotdots = 0;
  let anchored = false; // a ".." at the value's start or right after '=' / ':' (a parameter that is a path)
  for (let i = start; i + 1 < end; i++) {
    if (<i32>unchecked(s[i]) != 0x2e || <i32>unchecked(s[i + 1]) != 0x2e) continue;
    // a ".." (or "...") segment: bounded by start/separator before and separator/';'/end after
    const before = at(s, i - 1, end);
    let j = i + 2;
    if (at(s, j, end) == 0x2e) j++;
    const after = at(s, j, end);
    const segStart = i == start || isSep(before) || before == 0x3d || isSpace(before);
    if (segStart && (isSep(after) || (after == 0x3b && isSep(at(s, j + 1, end))))) {
      dotdots++;
      if (i == start || before == 0x3d || (isSep(before) && (i - 1 == start || at(s, i - 2, end) == 0x3d || at(s, i - 2, end) == 0x3a))) anchored = true;
    }
    else if (segStart && after == -1 && i > start && isSep(before)) dotdots++;
    i = j - 1;
  }
  // one "../" inside prose ("see ../README.md") is common in docs and chat; two, or one that starts the value, is not
  if (dotdots >= 2 || anchored) best = 1;
  else if (dotdots == 1) best = 2;
  // sensitive OS files and directories
  for (let k = 0; k < OS_FILES.length; k++) {
    const f = unchecked(OS_FILES[k]);
    const p = containsAt(s, start, end, f);
    if (p < 0) continue;
    // must look like a path: at the start, or after a separator / '=' / ':'
    const b = at(s, p - 1, end);
    const pathy = p == start || isSep(b) || b == 0x3a || b == 0x3d || f.charCodeAt(0) == 0x2f || f.charCodeAt(0) == 0x2e || f.charCodeAt(1) == 0x3a;
    if (!pathy) continue;
    if (f == "/etc/" || f == ".env" || f == "/root/") { best = minLevel(best, p == start ? 2 : 3); continue; }
    // inside a web URL's path (https://host/var/log/x) it names a route, not a file on this server
    const u = containsAt(s, start, p, "://");
    if (u >= 0 && !hasSpace(s, u, p) && dotdots == 0) { best = minLevel(best, 2); continue; }
    return 1;
  }
  return best;
}

// ---------------------------------------------------------------------------------------------------------
// attack.command_injection

const CMD_STRONG: i32 = 1;  // commands rarely written in prose: fire after a shell separator alone
const CMD_WEAK: i32 = 2;    // common words (cat, id, ls, ping, echo…): need a shell-looking argument

let cmds: WordTable | null = null;
function cmdTable(): WordTable {
  let t = cmds;
  if (t !== null) return t;
  const w = new WordTable(9);
  w.addAll("whoami uname ifconfig ipconfig wget curl nc ncat netcat bash sh zsh ksh csh tcsh dash powershell pwsh cmd cmd.exe python python2 python3 perl ruby php nslookup telnet systeminfo tasklist taskkill chmod chown passwd useradd crontab busybox xterm certutil bitsadmin wmic reg regsvr32 rundll32 mshta cscript wscript nmap socat base64 xxd gcc uname -a netstat lsof sudo su nohup setsid mkfifo mknod tftp ftp scp ssh rm rmdir mv cp dd tar unzip gzip hostname getent", CMD_STRONG);
  w.addAll("cat ls id ping echo sleep kill ps env export set type dir more less head tail find grep awk sed touch whois host dig net tee xargs exec eval printf sort uniq wc nl od diff file which whereis locate who w last uptime date time mail sendmail lp java node", CMD_WEAK);
  cmds = w;
  return w;
}

/** Command word at s[i]: skips a path prefix (/bin/, /usr/bin/) and quote/backslash obfuscation (c''at, c\at). */
function commandAt(s: Uint8Array, i: i32, end: i32, buf: ByteBuf, subst: bool = false): i32 {
  while (i < end && (isSpace(<i32>unchecked(s[i])) || <i32>unchecked(s[i]) == 0x7b || <i32>unchecked(s[i]) == 0x28)) i++;
  buf.reset();
  let j = i;
  let lastSlash = -1;
  while (j < end && buf.len < 40) {
    const c = <i32>unchecked(s[j]);
    if (c == 0x27 || c == 0x22 || c == 0x5c) { j++; continue; }
    if (c == 0x24 && at(s, j + 1, end) == 0x40) { j += 2; continue; } // $@ is empty in sh
    if (!(isAlpha(c) || isDigit(c) || c == 0x2f || c == 0x2e || c == 0x5f || c == 0x2d)) break;
    if (c == 0x2f) lastSlash = buf.len;
    buf.push(c);
    j++;
  }
  if (buf.len == 0) return 0;
  const ws = lastSlash >= 0 ? lastSlash + 1 : 0;
  // a path must be an absolute binary path (/bin/x, /usr/bin/x), not any slash-word
  if (lastSlash >= 0 && unchecked(buf.data[0]) != 0x2f) return 0;
  let we = buf.len;
  if (we - ws > 4 && startsWithAt(buf.data, we - 4, we, ".exe")) we -= 4;
  let code = cmdTable().lookup(buf.data, ws, we);
  if (code < 0) return 0;
  if (subst) code = CMD_STRONG; // inside `…` or $(…) any command word is a command
  // what follows the command
  const a = at(s, j, end);
  let k = j;
  while (k < end && <i32>unchecked(s[k]) == 0x20) k++;
  const b = at(s, k, end);
  if (a == -1 || a == 0x3b || a == 0x7c || a == 0x26 || a == 0x60 || a == 0x29 || a == 0x0a || a == 0x3e || a == 0x3c || a == 0x7d) return code == CMD_STRONG ? 1 : 2;
  if (a == 0x20 || a == 0x09 || a == 0x24 || a == 0x2c) {
    // ${IFS}, $IFS, tab, comma ({cat,/etc/passwd}) as separators; shell-looking argument
    if (b == 0x2d || b == 0x2f || b == 0x2e || b == 0x24 || b == 0x7e || b == 0x3e || b == 0x3c || b == 0x7c || b == 0x27 || b == 0x22 || b == 0x5c || b == 0x60 || a == 0x24 || a == 0x2c || a == 0x09) return 1;
    if (isDigit(b)) return code == CMD_STRONG ? 1 : 2;
    if (b == -1) return code == CMD_STRONG ? 1 : 2;
    return code == CMD_STRONG ? 1 : 3;
  }
  return 0;
}

const cmdBuf = new ByteBuf(64);

export function commandInjectionLevel(s: Uint8Array, start: i32, end: i32): i32 {
  let best = 0;
  for (let i = start; i < end; i++) {
    const c = <i32>unchecked(s[i]);
    let next = -1;
    let sepLevel = 1;
    if (c == 0x3b || c == 0x0a || c == 0x60) next = i + 1;                  // ; newline `
    else if (c == 0x7c) next = at(s, i + 1, end) == 0x7c ? i + 2 : i + 1;     // | ||
    else if (c == 0x26) { next = at(s, i + 1, end) == 0x26 ? i + 2 : i + 1; sepLevel = at(s, i + 1, end) == 0x26 ? 1 : 2; } // && &
    else if (c == 0x24 && at(s, i + 1, end) == 0x28) next = i + 2;          // $(
    else if (c == 0x3c && at(s, i + 1, end) == 0x28) next = i + 2;          // <( process substitution
    if (next < 0) continue;
    const l = commandAt(s, next, end, cmdBuf, c == 0x60 || c == 0x24 || c == 0x3c);
    if (l > 0) {
      const lev = l > sepLevel ? l : sepLevel;
      best = minLevel(best, lev);
      if (best == 1) return 1;
    }
  }
  // the whole value is a command line (value passed to a shell as is)
  const l0 = commandAt(s, start, end, cmdBuf);
  if (l0 > 0) best = minLevel(best, l0 == 1 ? 2 : 3);
  // $IFS / ${IFS} tricks are shell-only
  if (containsAt(s, start, end, "${ifs") >= 0 || containsAt(s, start, end, "$ifs") >= 0) best = minLevel(best, 1);
  if (best != 1) { const l = codeInjectionLevel(s, start, end); if (l > 0) best = minLevel(best, l); }
  if (best != 1) { const l = windowsBatchLevel(s, start, end); if (l > 0) best = minLevel(best, l); }
  return best;
}

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

/** cmd.exe control flow: FOR /F … IN (…) DO …, IF [NOT] EXIST|ERRORLEVEL|DEFINED|a==b … */
export function windowsBatchLevel(s: Uint8Array, start: i32, end: i32): i32 {
  let p = containsAt(s, start, end, "for");
  while (p >= 0) {
    if ((p == start || !isAlpha(at(s, p - 1, end))) && isSpace(at(s, p + 3, end))) {
      let j = p + 3;
      while (j < end && isSpace(<i32>unchecked(s[j]))) j++;
      const a = at(s, j, end);
      if ((a == 0x2f || a == 0x25) && containsAt(s, j, end, " in") >= 0 && containsAt(s, j, end, "do") >= 0) return 1;
    }
    p = containsAt(s, p + 3, end, "for");
  }
  p = containsAt(s, start, end, "if");
  while (p >= 0) {
    if ((p == start || !isAlpha(at(s, p - 1, end))) && isSpace(at(s, p + 2, end))) {
      let j = p + 2;
      while (j < end && isSpace(<i32>unchecked(s[j]))) j++;
      if (startsWithAt(s, j, end, "not ")) { j += 4; while (j < end && isSpace(<i32>unchecked(s[j]))) j++; }
      if (startsWithAt(s, j, end, "/i ") || startsWithAt(s, j, end, "exist ") || startsWithAt(s, j, end, "errorlevel ") ||
          startsWithAt(s, j, end, "defined ") || startsWithAt(s, j, end, "cmdextversion")) return 1;
      // a==b, %x%==y, a EQU b …
      let k = j;
      while (k < end && k < j + 80 && !isSpace(<i32>unchecked(s[k]))) { if (<i32>unchecked(s[k]) == 0x3d && at(s, k + 1, end) == 0x3d) return 1; k++; }
      while (k < end && isSpace(<i32>unchecked(s[k]))) k++;
      if (startsWithAt(s, k, end, "equ ") || startsWithAt(s, k, end, "neq ") || startsWithAt(s, k, end, "lss ") || startsWithAt(s, k, end, "leq ") || startsWithAt(s, k, end, "gtr ") || startsWithAt(s, k, end, "geq ")) return 1;
    }
    p = containsAt(s, p + 2, end, "if");
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------------------
// attack.ssrf

const ODD_SCHEMES: string[] = ["gopher://", "dict://", "file://", "ldap://", "ldaps://", "tftp://", "jar:", "netdoc://", "phar://", "expect://", "php://", "sftp://", "ftp://", "data://", "zip://", "glob://", "ogg://", "rar://", "compress.zlib://", "compress.bzip2://"];
const META_HOSTS: string[] = ["metadata.google.internal", "metadata.goog", "metadata", "instance-data", "169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254", "[fd00:ec2::254]", "metadata.azure.com", "kubernetes.default.svc", "kubernetes.default"];

const ipParts = new StaticArray<i64>(4);

function hasSpace(s: Uint8Array, a: i32, b: i32): bool {
  for (let i = a; i < b; i++) if (isSpace(<i32>unchecked(s[i]))) return true;
  return false;
}

/** Parse a dotted/decimal/hex/octal IPv4 literal the way inet_aton does. Returns -1 if not an IPv4 literal. */
export function parseLooseIpv4(s: Uint8Array, a: i32, b: i32): i64 {
  if (b <= a) return -1;
  let parts = 0;
  const vals = ipParts;
  let i = a;
  while (i < b) {
    if (parts >= 4) return -1;
    let v: i64 = 0;
    let base = 10;
    let digits = 0;
    if (at(s, i, b) == 0x30 && (at(s, i + 1, b) | 0x20) == 0x78) { base = 16; i += 2; }
    else if (at(s, i, b) == 0x30 && isDigit(at(s, i + 1, b))) base = 8;
    while (i < b && <i32>unchecked(s[i]) != 0x2e) {
      const c = <i32>unchecked(s[i]);
      let d = -1;
      if (isDigit(c)) d = c - 0x30; else if (base == 16 && (c | 0x20) >= 0x61 && (c | 0x20) <= 0x66) d = (c | 0x20) - 0x61 + 10;
      if (d < 0 || d >= base) return -1;
      v = v * base + d;
      if (v > 0xffffffff) return -1;
      i++; digits++;
    }
    if (digits == 0 && base != 16) return -1;
    vals[parts++] = v;
    if (i < b) { i++; if (i >= b) return -1; }
  }
  let ip: i64 = 0;
  if (parts == 1) ip = vals[0];
  else if (parts == 2) { if (vals[0] > 255 || vals[1] > 0xffffff) return -1; ip = (vals[0] << 24) | vals[1]; }
  else if (parts == 3) { if (vals[0] > 255 || vals[1] > 255 || vals[2] > 0xffff) return -1; ip = (vals[0] << 24) | (vals[1] << 16) | vals[2]; }
  else { for (let k = 0; k < 4; k++) if (vals[k] > 255) return -1; ip = (vals[0] << 24) | (vals[1] << 16) | (vals[2] << 8) | vals[3]; }
  return ip;
}

/** Is s[a,b) written as a plain dotted quad of decimal octets (the canonical form)? */
function isCanonicalDotted(s: Uint8Array, a: i32, b: i32): bool {
  let dots = 0;
  for (let i = a; i < b; i++) {
    const c = <i32>unchecked(s[i]);
    if (c == 0x2e) { dots++; if (i + 1 < b && <i32>unchecked(s[i + 1]) == 0x30 && i + 2 < b && isDigit(<i32>unchecked(s[i + 2]))) return false; continue; }
    if (!isDigit(c)) return false;
  }
  return dots == 3 && !(<i32>unchecked(s[a]) == 0x30 && b > a + 1 && isDigit(<i32>unchecked(s[a + 1])));
}

/** Level for a host s[a,b): loopback/metadata 1, private 2, public IP literal 3 (RFI-ish), name 0. */
function hostLevel(s: Uint8Array, a: i32, b: i32): i32 {
  if (b <= a) return 0;
  for (let k = 0; k < META_HOSTS.length; k++) {
    const h = unchecked(META_HOSTS[k]);
    if (b - a == h.length && startsWithAt(s, a, b, h)) return 1;
  }
  if ((b - a == 9 && startsWithAt(s, a, b, "localhost")) || (b - a > 10 && startsWithAt(s, a, b, "localhost."))) return 1;
  if (<i32>unchecked(s[a]) == 0x5b) {
    // IPv6 literal: loopback, unspecified, v4-mapped, link-local, unique-local
    if (containsAt(s, a, b, "::1]") >= 0 || startsWithAt(s, a, b, "[::]") || startsWithAt(s, a, b, "[0:0:0:0:0:0:0") || containsAt(s, a, b, "::ffff:") >= 0 || startsWithAt(s, a, b, "[fe80:")) return 1;
    if (startsWithAt(s, a, b, "[fc") || startsWithAt(s, a, b, "[fd")) return 2;
    return 3;
  }
  // names that resolve to loopback by design (127.0.0.1.nip.io, localtest.me)
  if (containsAt(s, a, b, ".nip.io") >= 0 || containsAt(s, a, b, ".xip.io") >= 0 || containsAt(s, a, b, "localtest.me") >= 0 || containsAt(s, a, b, ".sslip.io") >= 0) return 2;
  const ip = parseLooseIpv4(s, a, b);
  if (ip < 0) return 0;
  const o1 = <i32>(ip >> 24), o2 = <i32>((ip >> 16) & 255);
  const odd = !isCanonicalDotted(s, a, b);
  if (o1 == 127 || ip == 0 || o1 == 0 || (o1 == 169 && o2 == 254)) return 1;
  if (odd) return 1; // decimal/hex/octal spelling of an address: an evasion
  if (o1 == 10 || (o1 == 172 && o2 >= 16 && o2 <= 31) || (o1 == 192 && o2 == 168) || (o1 == 100 && o2 >= 64 && o2 <= 127)) return 2;
  return 3;
}

export function ssrfLevel(s: Uint8Array, start: i32, end: i32): i32 {
  let best = 0;
  for (let k = 0; k < ODD_SCHEMES.length; k++) {
    const p = containsAt(s, start, end, unchecked(ODD_SCHEMES[k]));
    if (p < 0) continue;
    const b = at(s, p - 1, end);
    if (p == start || !isAlpha(b)) { best = minLevel(best, k < 12 ? 1 : 2); break; }
  }
  // every "://" (and a scheme-less "//host" at the start): judge the host
  let i = start;
  while (i + 2 < end) {
    let hostStart = -1;
    if (<i32>unchecked(s[i]) == 0x3a && <i32>unchecked(s[i + 1]) == 0x2f && <i32>unchecked(s[i + 2]) == 0x2f) hostStart = i + 3;
    else if (i == start && <i32>unchecked(s[i]) == 0x2f && <i32>unchecked(s[i + 1]) == 0x2f) hostStart = i + 2;
    else if (i == start && (startsWithAt(s, i, end, "169.254.") || startsWithAt(s, i, end, "127.") || startsWithAt(s, i, end, "metadata") || startsWithAt(s, i, end, "localhost") || startsWithAt(s, i, end, "[::"))) hostStart = i;
    if (hostStart < 0) { i++; continue; }
    // authority: skip userinfo (evil.com@127.0.0.1), stop at / ? # and port
    let h = hostStart;
    let e = h;
    while (e < end) {
      const c = <i32>unchecked(s[e]);
      if (c == 0x2f || c == 0x3f || c == 0x23 || c == 0x5c || isSpace(c)) break;
      if (c == 0x40) h = e + 1;
      e++;
    }
    let hostEnd = e;
    if (at(s, h, end) == 0x5b) {
      let k = h; while (k < e && <i32>unchecked(s[k]) != 0x5d) k++; hostEnd = k < e ? k + 1 : e;
    } else {
      for (let k = h; k < e; k++) if (<i32>unchecked(s[k]) == 0x3a) { hostEnd = k; break; }
    }
    while (hostEnd > h && <i32>unchecked(s[hostEnd - 1]) == 0x2e) hostEnd--; // trailing dot
    let l = hostLevel(s, h, hostEnd);
    if (hostStart == i) {
      // scheme-less (value starts with the host): only metadata/loopback written plainly, then a path or port
      const follow = at(s, e, end);
      if (l != 1 || !(follow == 0x2f || at(s, hostEnd, end) == 0x3a)) l = l == 1 && e == end && hostEnd == e && startsWithAt(s, h, end, "169.254.169.254") ? 1 : (l == 1 && e == end ? 2 : 0);
    }
    if (l == 3) {
      // remote include shape: a URL to an IP literal; stronger when it ends with '?' (suffix-stripping trick)
      l = at(s, end - 1, end) == 0x3f ? 1 : 2;
    }
    // any absolute URL ending in '?' (or '?' + NUL-ish junk) is the RFI trick that cuts the appended suffix
    if (l == 0 && hostStart > start && at(s, end - 1, end) == 0x3f && e < end && !hasSpace(s, e, end)) l = 1;
    if (l > 0) best = minLevel(best, l);
    if (best == 1) return 1;
    i = e > i ? e : i + 1;
  }
  return best;
}

// ---------------------------------------------------------------------------------------------------------
// attack.log4shell

const LOOKUP_NAMES: string[] = ["lower", "upper", "date", "env", "sys", "main", "ctx", "marker", "bundle", "java", "jvmrunargs", "k8s", "docker", "spring", "web", "log4j", "sd", "map", "event", "base64", "url"];
const l4buf = new ByteBuf(512);
const l4stack = new StaticArray<i32>(16);

/**
 * Evaluates `${…}` lookups the way Log4j resolves obfuscations: ${lower:j} → j, ${::-j} and ${env:X:-j} →
 * j (defaults win), then looks for jndi: in the result. Each "${" region is read at most 256 bytes.
 */
export function log4shellLevel(s: Uint8Array, start: i32, end: i32): i32 {
  let best = 0;
  let i = start;
  while (i + 1 < end) {
    if (!(<i32>unchecked(s[i]) == 0x24 && <i32>unchecked(s[i + 1]) == 0x7b)) { i++; continue; }
    const lim = i + 256 < end ? i + 256 : end;
    const out = l4buf;
    out.reset();
    let depth = 0;
    let j = i;
    let closedTop = false;
    while (j < lim) {
      const c = <i32>unchecked(s[j]);
      if (c == 0x24 && at(s, j + 1, lim) == 0x7b) {
        if (depth < 16) unchecked(l4stack[depth] = out.len);
        depth++; j += 2; continue;
      }
      if (c == 0x7d && depth > 0) { depth--; j++; if (depth == 0) { closedTop = true; break; } continue; }
      if (depth > 0 && depth <= 16 && c == 0x3a) {
        const ls = unchecked(l4stack[depth - 1]);
        if (at(s, j + 1, lim) == 0x2d) { out.len = ls; j += 2; continue; } // :- default value
        // lookup prefix (lower:, upper:, date:, env:NAME …)
        if (isLookupName(out.data, ls, out.len)) { out.len = ls; j++; continue; }
      }
      if (depth > 0 && (c == 0x27 || c == 0x22)) { j++; continue; } // ${date:'j'}
      out.push(c);
      j++;
    }
    const p = containsAt(out.data, 0, out.len, "jndi");
    if (p >= 0) {
      // jndi followed by a colon (possibly itself produced by a lookup) and a protocol
      best = 1;
      return best;
    }
    if (startsWithAt(out.data, 0, out.len, "jndi") || (j > i + 2 && startsWithAt(s, i + 2, end, "jndi:"))) return 1;
    // bare lookups that leak secrets (${env:AWS_SECRET_ACCESS_KEY}, ${sys:user.home}) or nest lookups
    if (startsWithAt(s, i + 2, end, "env:") || startsWithAt(s, i + 2, end, "sys:") || startsWithAt(s, i + 2, end, "java:") ||
        startsWithAt(s, i + 2, end, "ctx:") || startsWithAt(s, i + 2, end, "main:") || startsWithAt(s, i + 2, end, "jvmrunargs:") ||
        startsWithAt(s, i + 2, end, "${") || startsWithAt(s, i + 2, end, "::-") || startsWithAt(s, i + 2, end, "lower:") || startsWithAt(s, i + 2, end, "upper:")) best = minLevel(best, 2);
    i = closedTop ? j : i + 2;
  }
  return best;
}

function isLookupName(b: Uint8Array, a: i32, e: i32): bool {
  if (e <= a) return true; // "${:" — empty name
  for (let k = 0; k < LOOKUP_NAMES.length; k++) {
    const n = unchecked(LOOKUP_NAMES[k]);
    if (e - a == n.length && startsWithAt(b, a, e, n)) return true;
  }
  // env:NAME / sys:NAME before ":-": the name part is dropped by the default rule; keep as is
  return false;
}

// ---------------------------------------------------------------------------------------------------------
// attack.ssti

/** Is the expression e[a,b) more than a plain placeholder name? (operators, calls, dunders, filters) */
function expressionLike(s: Uint8Array, a: i32, b: i32): i32 {
  let ops = 0, calls = 0, dunder = 0, alnum = 0;
  for (let i = a; i < b; i++) {
    const c = <i32>unchecked(s[i]);
    if (c == 0x28) calls++;
    else if (c == 0x2a || c == 0x2b || c == 0x7c || c == 0x5b || c == 0x2d || c == 0x2f || c == 0x25 || c == 0x3d) ops++;
    else if (c == 0x5f && at(s, i + 1, b) == 0x5f) dunder++;
    else if (isAlpha(c) || isDigit(c)) alnum++;
  }
  if (dunder > 0) return 1;
  if (containsAt(s, a, b, "class") >= 0 || containsAt(s, a, b, "config") >= 0 || containsAt(s, a, b, "self") >= 0 ||
      containsAt(s, a, b, "request") >= 0 || containsAt(s, a, b, "getruntime") >= 0 || containsAt(s, a, b, "import") >= 0 ||
      containsAt(s, a, b, "constructor") >= 0 || containsAt(s, a, b, "popen") >= 0 || containsAt(s, a, b, "exec") >= 0 ||
      containsAt(s, a, b, "t(java") >= 0 || containsAt(s, a, b, "cycler") >= 0 || containsAt(s, a, b, "lipsum") >= 0 ||
      containsAt(s, a, b, "joiner") >= 0 || containsAt(s, a, b, "namespace") >= 0 || containsAt(s, a, b, "system") >= 0) return 1;
  if (ops > 0 && alnum > 0 && isArith(s, a, b)) return 1;  // {{7*7}}
  if (calls > 0) return 2;
  if (ops > 0) return 3;
  return alnum > 0 ? 4 : 0;
}

function isArith(s: Uint8Array, a: i32, b: i32): bool {
  // digits around an operator: 7*7, 7*'7'
  for (let i = a + 1; i + 1 < b; i++) {
    const c = <i32>unchecked(s[i]);
    if (c == 0x2a || c == 0x2b || c == 0x2d || c == 0x2f || c == 0x25) {
      let l = i - 1; while (l > a && isSpace(<i32>unchecked(s[l]))) l--;
      let r = i + 1; while (r < b - 1 && isSpace(<i32>unchecked(s[r]))) r++;
      const lc = <i32>unchecked(s[l]), rc = <i32>unchecked(s[r]);
      if ((isDigit(lc) || lc == 0x27 || lc == 0x22) && (isDigit(rc) || rc == 0x27 || rc == 0x22)) return true;
    }
  }
  return false;
}

export function sstiLevel(s: Uint8Array, start: i32, end: i32): i32 {
  let best = 0;
  for (let i = start; i + 1 < end; i++) {
    const c = <i32>unchecked(s[i]), n = <i32>unchecked(s[i + 1]);
    let open = 0, close1 = 0, close2 = 0;
    if (c == 0x7b && n == 0x7b) { open = 2; close1 = 0x7d; close2 = 0x7d; }          // {{ }}
    else if (c == 0x7b && n == 0x25) { open = 2; close1 = 0x25; close2 = 0x7d; }     // {% %}
    else if (c == 0x3c && n == 0x25) { open = 2; close1 = 0x25; close2 = 0x3e; }     // <% %>
    else if ((c == 0x24 || c == 0x23 || c == 0x2a || c == 0x40) && n == 0x7b) { open = 2; close1 = 0x7d; close2 = 0; } // ${ } #{ } *{ } @{ }
    if (open == 0) continue;
    const a = i + open;
    const lim = a + 512 < end ? a + 512 : end;
    let e = -1;
    for (let k = a; k < lim; k++) {
      if (<i32>unchecked(s[k]) == close1 && (close2 == 0 || at(s, k + 1, end) == close2)) { e = k; break; }
    }
    let l = 0;
    if (e < 0) {
      // unterminated (truncated payload): judge what is there, one level weaker
      const x = expressionLike(s, a, lim);
      l = x > 0 ? (x < 4 ? x + 1 : 0) : 0;
    } else {
      l = expressionLike(s, a, e);
      if (c == 0x7b && n == 0x25) {
        // {% statements %}: import/for/set/include/macro are template code
        if (containsAt(s, a, e, "import") >= 0 || containsAt(s, a, e, "include") >= 0 || containsAt(s, a, e, "for ") >= 0 || containsAt(s, a, e, "set ") >= 0 || containsAt(s, a, e, "macro") >= 0 || containsAt(s, a, e, "debug") >= 0) l = minLevel(l, 1);
      }
      if (c == 0x3c && at(s, a, end) == 0x3d) l = minLevel(l, l == 4 ? 2 : l); // <%= expr %>
      if (c == 0x24 && l == 4) l = 0; // ${name} placeholders are everywhere (shell, JS templates)
      if (c == 0x40 || c == 0x2a) { if (l == 4) l = 0; }
    }
    if (l > 0) best = minLevel(best, l);
    if (best == 1) return 1;
  }
  return best;
}

// ---------------------------------------------------------------------------------------------------------
// attack.nosqli

const MONGO_STRONG: string[] = ["$where", "$function", "$accumulator", "$expr", "$ne", "$gt", "$gte", "$lt", "$lte", "$nin", "$regex", "$exists", "$or", "$nor", "$not", "$in", "$eq", "$elemmatch", "$jsonschema"];
const MONGO_WEAK: string[] = ["$and", "$size", "$type", "$mod", "$all", "$text", "$lookup", "$match", "$group", "$slice", "$comment"];

function mongoOpAt(s: Uint8Array, p: i32, end: i32, list: string[]): i32 {
  for (let k = 0; k < list.length; k++) {
    const op = unchecked(list[k]);
    if (!startsWithAt(s, p, end, op)) continue;
    const after = at(s, p + op.length, end);
    if (after == -1 || !(isAlpha(after) || isDigit(after) || after == 0x5f)) return k;
  }
  return -1;
}

/** `key`: the field name (JSON key, or a query parameter name like user[$ne]); `s`: the value. */
export function nosqliLevel(key: Uint8Array, keyLen: i32, s: Uint8Array, start: i32, end: i32): i32 {
  let best = 0;
  // keys: a JSON key that is an operator, or a bracketed operator in a query parameter name
  for (let i = 0; i < keyLen; i++) {
    if (<i32>unchecked(key[i]) != 0x24) continue;
    if (i > 0 && !(<i32>unchecked(key[i - 1]) == 0x5b || <i32>unchecked(key[i - 1]) == 0x2e)) continue;
    if (mongoOpAt(key, i, keyLen, MONGO_STRONG) >= 0) { best = 1; break; }
    if (mongoOpAt(key, i, keyLen, MONGO_WEAK) >= 0) best = minLevel(best, 2);
  }
  // values: an operator in a JSON-ish or bracket shape ({"$ne": 1}, [$ne]=, $where: "this.x…")
  for (let i = start; i < end; i++) {
    if (<i32>unchecked(s[i]) != 0x24) continue;
    const b = at(s, i - 1, end);
    if (!(b == 0x5b || b == 0x7b || b == 0x22 || b == 0x27 || b == -1 || i == start || isSpace(b) || b == 0x2c)) continue;
    const k = mongoOpAt(s, i, end, MONGO_STRONG);
    if (k < 0) continue;
    // followed by ] or " or : (after optional quote/space)
    let j = i + unchecked(MONGO_STRONG[k]).length;
    if (at(s, j, end) == 0x22 || at(s, j, end) == 0x27) j++;
    while (j < end && isSpace(<i32>unchecked(s[j]))) j++;
    const a = at(s, j, end);
    if (a == 0x3a || a == 0x5d) { best = minLevel(best, b == 0x5b || b == 0x22 || b == 0x7b || b == 0x27 ? 1 : 2); }
    else if (k == 0 && (i == start)) best = minLevel(best, 2);
    if (best == 1) return 1;
  }
  if (containsAt(s, start, end, "this.") >= 0 && (containsAt(s, start, end, "sleep(") >= 0 || containsAt(s, start, end, "return ") >= 0 || containsAt(s, start, end, "db.") >= 0)) best = minLevel(best, 2);
  return best;
}

// ---------------------------------------------------------------------------------------------------------
// attack.prototype_pollution

function pollutionIn(s: Uint8Array, start: i32, end: i32): i32 {
  let best = 0;
  const p = containsAt(s, start, end, "__proto__");
  if (p >= 0) {
    const b = at(s, p - 1, end), a = at(s, p + 9, end);
    // as a path segment: [__proto__], .__proto__, "__proto__": , __proto__[x] / .x
    if (b == 0x5b || b == 0x2e || b == 0x22 || b == 0x27 || p == start || a == 0x5b || a == 0x2e || a == 0x5d || a == 0x3d) best = 1;
    else best = 3;
  }
  const c = containsAt(s, start, end, "constructor");
  if (c >= 0) {
    let j = c + 11;
    while (j < end && (<i32>unchecked(s[j]) == 0x5d || <i32>unchecked(s[j]) == 0x5b || <i32>unchecked(s[j]) == 0x2e || <i32>unchecked(s[j]) == 0x22 || <i32>unchecked(s[j]) == 0x27)) j++;
    if (j > c + 11 && startsWithAt(s, j, end, "prototype")) best = minLevel(best, 1);
  }
  return best;
}

export function prototypePollutionLevel(key: Uint8Array, keyLen: i32, s: Uint8Array, start: i32, end: i32): i32 {
  let best = 0;
  if (keyLen > 0) {
    const k = pollutionIn(key, 0, keyLen);
    if (k > 0) best = 1;
    if ((keyLen == 9 && startsWithAt(key, 0, keyLen, "prototype")) || (keyLen >= 10 && startsWithAt(key, keyLen - 10, keyLen, ".prototype"))) best = minLevel(best, 2);
  }
  const v = pollutionIn(s, start, end);
  if (v > 0) best = minLevel(best, v);
  return best;
}
