// attack.path_traversal: ".." segments and sensitive OS files (CRS 930). Reads the decoded, lower-cased value.
import { WordTable, isAlpha, isDigit, isSpace, startsWithAt, containsAt, minLevel, at, isSep, ByteSet, SPACE_LO, bitLo, bitHi } from "./words";
import { ByteBuf } from "./decode";

const OS_FILES: string[] = ["etc/passwd", "etc/shadow", "etc/group", "etc/hosts", "etc/issue", "etc/motd", "etc/crontab",
  "etc/sudoers", "etc/mysql", "etc/httpd", "etc/apache", "etc/nginx", "etc/ssh", "proc/self/", "proc/version",
  "proc/cpuinfo", "proc/1/", "var/log/", "windows/win.ini", "win.ini", "boot.ini", "system32", "windows/system",
  "winnt/", ".htaccess", ".htpasswd", "web.config", ".ssh/id_", "authorized_keys", ".bash_history", ".bashrc",
  ".git/config", ".git/head", ".env", "wp-config.php", "/etc/", "c:/windows", "c:\\windows", "c:\\boot", "c:/boot",
  "applicationhost.config", "php.ini", "my.cnf", "/dev/tcp", "/dev/udp", "/root/", "docker.sock", "serviceaccount/token",
  "etc/environment", "etc/profile"];

/**
 * Lowest paranoia level (1–4) at which lower-case s[start,end) is path traversal or access to a restricted
 * file, or 0: ".." segments (also spelled 0x2e/0x5c), OS files, and restricted names as whole path segments.
 */
export function pathTraversalLevel(s: Uint8Array, start: i32, end: i32): i32 {
  if (end > s.length) end = s.length;
  if (start < 0) start = 0;
  // which bytes occur: each scan below is skipped when a byte it needs is absent (results as without the check)
  const bs = valueSet.scan(s, start, end);
  let best = coreLevel(s, start, end, bs);
  if (best == 1) return 1;
  // "0x2e"/"0x5c"/"0x2f": bytes written as hex literals (0x5c0x2e./ = \../), read once more with them spelled out
  if (bs.has(0x30) && bs.has(0x78) && containsAt(s, start, end, "0x") >= 0 && hexSpelledPath(s, start, end)) {
    const l = coreLevel(hexBuf.data, 0, hexBuf.len, hexSet.scan(hexBuf.data, 0, hexBuf.len));
    if (l > 0) best = minLevel(best, l);
  }
  if (best == 1) return 1;
  const l = segmentLevel(s, start, end, bs);
  return l > 0 ? minLevel(best, l) : best;
}

const valueSet = new ByteSet();
const hexSet = new ByteSet();
// a name can start past the value's first byte only after / \\ : = or at / . or before ':'
const PATHY_LO: u64 = bitLo(0x2f) | bitLo(0x2e) | bitLo(0x3a) | bitLo(0x3d);
const PATHY_HI: u64 = bitHi(0x5c);

function coreLevel(s: Uint8Array, start: i32, end: i32, bs: ByteSet): i32 {
  let best = 0;
  let dotdots = 0;
  let anchored = false; // a ".." at the value's start or right after '=' / ':' (a parameter that is a path)
  const dotEnd = bs.has(0x2e) ? end : start; // (no '.': no ".." to look for)
  for (let i = start; i + 1 < dotEnd; i++) {
    if (<i32>unchecked(s[i]) != 0x2e || <i32>unchecked(s[i + 1]) != 0x2e) continue;
    // a ".." (or "...") segment: bounded by start/separator before and separator/';'/end after
    const before = at(s, i - 1, end);
    let j = i + 2;
    if (at(s, j, end) == 0x2e) j++;
    const after = at(s, j, end);
    const segStart = i == start || isSep(before) || before == 0x3d || isSpace(before);
    // ';' separates too (Tomcat/Jetty path parameters: ..;/ and ..;.\ )
    if (segStart && (isSep(after) || after == 0x3b)) {
      dotdots++;
      if (i == start || before == 0x3d || (isSep(before) && (i - 1 == start || at(s, i - 2, end) == 0x3d || at(s, i - 2, end) == 0x3a))) anchored = true;
    }
    else if (segStart && after == -1 && i > start && isSep(before)) dotdots++;
    i = j - 1;
  }
  // one "../" inside prose ("see ../README.md") is common in docs and chat; two, or one that starts the value, is not
  if (dotdots >= 2 || anchored) best = 1;
  else if (dotdots == 1) best = 2;
  // sensitive OS files and directories: one pass; a name is tried only where a path can start (the value's start,
  // after a separator, '=' or ':', or where the name itself begins with '/' or '.'), and only names with that first byte
  const masks = osFileMasks();
  const masks2 = osFileMasks2;
  const url = bs.has(0x3a) && bs.has(0x2f) ? containsAt(s, start, end, "://") : -1;
  let urlSpace = -2; // first whitespace after the URL (found once, on the first name inside a URL)
  // without those bytes only the value's start can begin a name (the pathy test below skips every later byte)
  const pEnd = bs.any(PATHY_LO, PATHY_HI) ? end : (start < end ? start + 1 : end);
  for (let p = start; p < pEnd; p++) {
    const c = <i32>unchecked(s[p]);
    if (c >= 128) continue;
    let m = unchecked(masks[c]);
    if (m == 0) continue;
    // and the second byte ("...." or "////" try no name)
    const c1 = at(s, p + 1, end);
    m &= c1 >= 0 && c1 < 128 ? unchecked(masks2[c1]) : 0;
    if (m == 0) continue;
    const c2 = at(s, p + 2, end);
    m &= c2 >= 0 && c2 < 128 ? unchecked(osFileMasks3[c2]) : 0;
    if (m == 0) continue;
    const b = at(s, p - 1, end);
    const pathy = p == start || isSep(b) || b == 0x3a || b == 0x3d;
    if (!pathy && c != 0x2f && c != 0x2e && at(s, p + 1, end) != 0x3a) continue;
    while (m != 0) {
      const k = <i32>ctz(m);
      m &= m - 1;
      const f = unchecked(OS_FILES[k]);
      if (!startsWithAt(s, p, end, f)) continue;
      if (!pathy && f.charCodeAt(0) != 0x2f && f.charCodeAt(0) != 0x2e && f.charCodeAt(1) != 0x3a) continue;
      if (f == "/etc/" || f == ".env" || f == "/root/") { best = minLevel(best, p == start ? 2 : 3); continue; }
      // inside a web URL's path (https://host/var/log/x) it names a route, not a file on this server
      if (url >= 0 && url < p && dotdots == 0) {
        // (= !hasSpace(s, url, p): p only grows, so the first space after the URL answers every name)
        if (urlSpace == -2) { urlSpace = end; for (let k = url; k < end; k++) if (isSpace(<i32>unchecked(s[k]))) { urlSpace = k; break; } }
        if (urlSpace >= p) { best = minLevel(best, 2); continue; }
      }
      return 1;
    }
  }
  return best;
}

let osMasks: StaticArray<u64> | null = null;
/** Bit k set in masks[c] when OS_FILES[k] starts with byte c (at most 64 names). */
function osFileMasks(): StaticArray<u64> {
  let m = osMasks;
  if (m !== null) return m;
  m = new StaticArray<u64>(128);
  const m2 = osFileMasks2;
  for (let k = 0; k < OS_FILES.length && k < 64; k++) {
    const c = OS_FILES[k].charCodeAt(0);
    if (c < 128) m[c] |= (<u64>1) << <u64>k;
    const c1 = OS_FILES[k].charCodeAt(1);
    if (c1 < 128) m2[c1] |= (<u64>1) << <u64>k;
    const c2 = OS_FILES[k].charCodeAt(2);
    if (c2 < 128) osFileMasks3[c2] |= (<u64>1) << <u64>k;
  }
  osMasks = m;
  return m;
}
/** Bit k set in masks2[c] / masks3[c] when OS_FILES[k]'s second / third byte is c (filled with osFileMasks). */
const osFileMasks2 = new StaticArray<u64>(128);
const osFileMasks3 = new StaticArray<u64>(128);

// Restricted names, looked up as whole path segments (CRS restricted-files / lfi-os-files / ai-critical-artifacts).
const R_DOTDIR: i32 = 1;   // a hidden directory holding secrets or agent config: only as a directory (followed by '/')
const R_FILE: i32 = 2;     // a file name that is never meant to be served
const R_PROC: i32 = 3;     // entries under /proc
const R_SYS: i32 = 4;      // entries under /sys
const R_ETC: i32 = 5;      // files under /etc
const R_ROOT: i32 = 6;     // "proc", "sys", "etc": look at the next segment
const R_VITE: i32 = 7;     // dev-server file access prefixes (/@fs/…)

let restricted: WordTable | null = null;
function restrictedTable(): WordTable {
  let t = restricted;
  if (t !== null) return t;
  t = new WordTable(10);
  t.addAll(".git .svn .hg .bzr .cvs .ssh .aws .azure .kube .docker .gnupg .config .vscode .idea .terraform .npm .cargo .gem " +
    ".minikube .password-store .subversion .vagrant.d .gsutil .pki .java .local " +
    ".claude .cursor .continue .aider .roo .zed .cline .kiro .windsurf .rovodev .codex .opencode .a0proj .plandex .fabric .n8n .junie " +
    "web-inf meta-inf __pycache__ .ipynb_checkpoints", R_DOTDIR);
  t.addAll(".env .env.local .env.production .env.prod .env.dev .env.backup .env.bak .env.old .envrc .htaccess .htpasswd .htdigest " +
    ".git-credentials .gitconfig .netrc .npmrc .yarnrc .pgpass .my.cnf .mysql_history .psql_history .bash_history .zsh_history " +
    ".sh_history .python_history .node_repl_history .php_history .sqlite_history .rediscli_history .lesshst .viminfo .bashrc .zshrc " +
    ".bash_profile .bash_login .bash_logout .profile .zshenv .cshrc .tcshrc .s3cfg .boto .ds_store .aiignore .cursorignore " +
    ".user.ini .ftpconfig .remote-sync.json .google_authenticator .rhosts .forward .history " +
    "web.config wp-config.php wp-config.php.bak wp-config.bak wp-config.old wp-config.txt debug.log error.log errors.log " +
    "php_error.log php_errors.log npm-debug.log yarn-error.log yarn-debug.log pm2.log id_rsa id_dsa id_ecdsa id_ed25519 " +
    "authorized_keys known_hosts win.ini system.ini boot.ini desktop.ini thumbs.db applicationhost.config sslvpn_websession " +
    "secrets.yml secrets.yaml user_secrets.yml debian.cnf mysqldump.cnf", R_FILE);
  t.addAll("self thread-self version version_signature cpuinfo meminfo interrupts net sys mounts cmdline environ kcore kmsg " +
    "kallsyms modules partitions sched_debug slabinfo stat swaps uptime loadavg filesystems devices diskstats iomem ioports " +
    "keys key-users timer_list vmstat zoneinfo buddyinfo crypto consoles config.gz docker driver fs irq locks mdstat misc mtd " +
    "sysvipc tty acpi asound bus cgroups dma execdomains fb kpagecount kpageflags latency_stats pagetypeinfo pressure " +
    "schedstat scsi softirqs sysrq-trigger vmallocinfo", R_PROC);
  t.addAll("passwd shadow group gshadow subuid subgid sudoers sudoers.d security pam.d crontab cron.d fstab hostname hosts " +
    "resolv.conf machine-id os-release issue motd ld.so.preload ld.so.conf aliases exports inetd.conf xinetd.d sysctl.conf " +
    "master.passwd spwd.db pwd.db rc.local profile environment shells ssl kubernetes mysql httpd apache2 nginx ssh " +
    "network netplan systemd init.d php.ini my.cnf redis mongod.conf postgresql", R_ETC);
  t.addAll("proc sys etc", R_ROOT);
  t.add("@fs", R_VITE);
  t.add("@id", R_VITE);
  // does every file name hold a '.' or '_'? (then a value without those and without separators names none)
  let dotted = true;
  for (let k = 0; k < t.count; k++) {
    if (t.codes[k] != R_FILE) continue;
    const w = t.word(k);
    if (w.indexOf(".") < 0 && w.indexOf("_") < 0) dotted = false;
  }
  fileNamesDotted = dotted;
  restricted = t;
  return t;
}
let fileNamesDotted = false;
// /sys entries share words with /proc ("fs", "bus", "devices"): looked up by name here instead
const SYS_DIRS: string[] = ["block", "bus", "class", "dev", "devices", "firmware", "fs", "hypervisor", "kernel", "module", "power"];

// segment ends: / \\ ? # whitespace " ' ; & < > , ` | ( ) as bit masks (one test per byte)
const SEG_END_LO: u64 = SPACE_LO | bitLo(0x2f) | bitLo(0x3f) | bitLo(0x23) | bitLo(0x22) | bitLo(0x27) | bitLo(0x3b) | bitLo(0x26) |
  bitLo(0x3c) | bitLo(0x3e) | bitLo(0x2c) | bitLo(0x28) | bitLo(0x29);
const SEG_END_HI: u64 = bitHi(0x5c) | bitHi(0x60) | bitHi(0x7c);
@inline function isSegEnd(c: i32): bool {
  if (c < 64) return ((SEG_END_LO >> <u64>c) & 1) != 0;
  return c < 128 && ((SEG_END_HI >> <u64>(c - 64)) & 1) != 0;
}

/** One pass over path segments: restricted names judged by where the path is (absolute, relative, inside a URL). */
function segmentLevel(s: Uint8Array, start: i32, end: i32, bs: ByteSet): i32 {
  const t = restrictedTable();
  // Without a separator no name has a directory after it or a proc/sys/etc before it: only a file name
  // (all hold '.' or '_') or a ".sql." dump can count
  if (fileNamesDotted && !bs.any(bitLo(0x2f) | bitLo(0x2e), bitHi(0x5c) | bitHi(0x5f))) return 0;
  let best = 0;
  const url = bs.has(0x3a) && bs.has(0x2f) ? containsAt(s, start, end, "://") : -1;
  // a segment starts only at the value's start or at a separator, whitespace or '='
  const moreSegments = bs.any(SPACE_LO | bitLo(0x2f) | bitLo(0x3d), bitHi(0x5c));
  const sqlDump = bs.has(0x2e) && bs.has(0x71); // ".sql." possible
  let i = start;
  let prevA = -1, prevB = -1; // previous segment
  let spaced = -1;            // does the value hold whitespace (computed once, on the first restricted name)
  while (i < end) {
    const c = <i32>unchecked(s[i]);
    const sep = isSep(c);
    if (!sep && i != start && !isSpace(c) && c != 0x3d) { i++; continue; }
    const a = sep || isSpace(c) || c == 0x3d ? i + 1 : i;
    let b = a;
    while (b < end && !isSegEnd(<i32>unchecked(s[b]))) b++;
    const dirAfter = isSep(at(s, b, end));
    if (b > a) {
      let code = rlookup(t, s, a, b);
      // the name after "proc/", "sys/", "etc/" (a trailing '-' or '~' is a backup copy: /etc/passwd-)
      if (code == R_PROC || code == R_ETC || ((code < 0 || code == R_ROOT) && prevA >= 0)) {
        const pc = rlookup(t, s, prevA, prevB);
        let e = b;
        if (e - a > 1 && (<i32>unchecked(s[e - 1]) == 0x2d || <i32>unchecked(s[e - 1]) == 0x7e)) e--;
        const name = rlookup(t, s, a, e);
        code = -1;
        if (pc == R_ROOT && prevB - prevA == 4 && startsWithAt(s, prevA, prevB, "proc") && (name == R_PROC || name == R_ROOT || allDigits(s, a, b))) code = R_PROC;
        else if (pc == R_ROOT && prevB - prevA == 3 && startsWithAt(s, prevA, prevB, "etc") && name == R_ETC) code = R_ETC;
        else if (name == R_FILE || name == R_DOTDIR) code = name;
      }
      if (prevA >= 0 && prevB - prevA == 3 && startsWithAt(s, prevA, prevB, "sys") && isSysDir(s, a, b)) code = R_SYS;
      let l = 0;
      if (code == R_DOTDIR && dirAfter) l = 1;
      else if (code == R_FILE || code == R_PROC || code == R_SYS || code == R_ETC) l = 1;
      // Vite dev-server file access: /@fs/<any file>, /@id/__x00__<virtual module>
      else if (code == R_VITE && dirAfter && a == start + 1 && (b - a == 3 && at(s, a + 1, end) == 0x66 || startsWithAt(s, b + 1, end, "__x00__"))) l = 1;
      else if (code < 0 && sqlDump && sqlDumpName(s, a, b)) l = 1;
      if (l > 0) {
        // where is it: a web URL names a route on another site; a relative path in a value may be a project's file
        if (url >= 0 && url < a) l = 2;
        else if (code == R_DOTDIR || code == R_FILE) {
          const absolute = isSep(at(s, a - 1, end)) && pathStartsAbsolute(s, start, a);
          // a secret's path mentioned in a sentence ("edit ~/.ssh/config") is level 2; a value that is the path is not
          if (spaced < 0) spaced = bs.any(SPACE_LO, 0) ? 1 : 0;
          if (!absolute || spaced == 1) l = 2;
        }
        best = minLevel(best, l);
        if (best == 1) return 1;
      }
      prevA = a; prevB = b;
    } else { prevA = -1; prevB = -1; }
    if (!isSep(at(s, b, end))) { prevA = -1; prevB = -1; }
    i = b > i ? b : i + 1;
    if (!moreSegments) break;
  }
  return best;
}

// bit n of rLens[c]: a restricted word of length n starts with byte c (most segments need no hash then)
const rLens = new StaticArray<u64>(128);
let rLensReady = false;
/** t.lookup(s, a, b), answered -1 without hashing when no word has that first byte and length. */
function rlookup(t: WordTable, s: Uint8Array, a: i32, b: i32): i32 {
  const n = b - a;
  if (n <= 0 || n > 40 || a < 0 || b > s.length) return -1;
  if (!rLensReady) {
    for (let k = 0; k < t.count; k++) {
      const w = t.word(k);
      if (w.length > 0 && w.length < 64 && w.charCodeAt(0) < 128) rLens[w.charCodeAt(0)] |= (<u64>1) << <u64>w.length;
    }
    rLensReady = true;
  }
  const c = <i32>unchecked(s[a]);
  if (c >= 128 || ((unchecked(rLens[c]) >> <u64>n) & 1) == 0) return -1;
  return t.lookup(s, a, b);
}

function isSysDir(s: Uint8Array, a: i32, b: i32): bool {
  for (let k = 0; k < SYS_DIRS.length; k++) { const w = unchecked(SYS_DIRS[k]); if (b - a == w.length && startsWithAt(s, a, b, w)) return true; }
  return false;
}

function allDigits(s: Uint8Array, a: i32, b: i32): bool {
  if (b <= a) return false;
  for (let i = a; i < b; i++) if (!isDigit(<i32>unchecked(s[i]))) return false;
  return true;
}

/** Does the path token holding position p start with a separator (absolute: /x, \\x, c:\x, ~/x) or hold a ".."? */
function pathStartsAbsolute(s: Uint8Array, start: i32, p: i32): bool {
  let k = p;
  const lim = p - 256 > start ? p - 256 : start; // (bounded: this runs once per restricted name found)
  while (k > lim && !isSpace(<i32>unchecked(s[k - 1])) && <i32>unchecked(s[k - 1]) != 0x3d && <i32>unchecked(s[k - 1]) != 0x22 && <i32>unchecked(s[k - 1]) != 0x27) k--;
  const c = at(s, k, p + 1);
  if (isSep(c)) return true;
  if (c == 0x7e && isSep(at(s, k + 1, p + 1))) return true;
  if (isAlpha(c) && at(s, k + 1, p + 1) == 0x3a && isSep(at(s, k + 2, p + 1))) return true;
  return containsAt(s, k, p, "..") >= 0;
}

/** A database dump in an archive: name.sql.gz, backup.sql.zip, db.sql.7z */
function sqlDumpName(s: Uint8Array, a: i32, b: i32): bool {
  const p = containsAt(s, a, b, ".sql.");
  if (p < 0) return false;
  const e = p + 5;
  const n = b - e;
  if (n < 1 || n > 4) return false;
  return startsWithAt(s, e, b, "gz") || startsWithAt(s, e, b, "zip") || startsWithAt(s, e, b, "bz") || startsWithAt(s, e, b, "7z") ||
    startsWithAt(s, e, b, "rar") || startsWithAt(s, e, b, "tar") || startsWithAt(s, e, b, "tgz") || startsWithAt(s, e, b, "xz") ||
    startsWithAt(s, e, b, "z") || startsWithAt(s, e, b, "lz");
}

const hexBuf = new ByteBuf(4096);
/** Copy s with "0x2e" → '.', "0x2f" → '/', "0x5c" → '\\' into hexBuf (bounded); true if something was replaced. */
function hexSpelledPath(s: Uint8Array, start: i32, end: i32): bool {
  const o = hexBuf;
  o.reset();
  let changed = false;
  let i = start;
  while (i < end && o.len < o.data.length) {
    const c = <i32>unchecked(s[i]);
    if (c == 0x30 && at(s, i + 1, end) == 0x78) {
      const h = at(s, i + 2, end), l = at(s, i + 3, end);
      let r = -1;
      if (h == 0x32 && l == 0x65) r = 0x2e; else if (h == 0x32 && l == 0x66) r = 0x2f; else if (h == 0x35 && l == 0x63) r = 0x5c;
      if (r > 0) { o.push(r); i += 4; changed = true; continue; }
    }
    o.push(c);
    i++;
  }
  return changed;
}
