// attack.command_injection: shell separators followed by command words, whole values that are command lines,
// $IFS tricks, shell-only expansions (command-shell.ts), cmd.exe control flow and PowerShell (command-win.ts)
// (CRS 932). Code that runs commands on the server (code.ts) is reported under the same kind.
import { WordTable, isAlpha, isDigit, isSpace, startsWithAt, minLevel, at, byteClasses, BC_SEP, BC_LPAREN, BC_RPAREN,
  BC_DOLLAR, BC_SLASH, BC_LBRACK, BC_LBRACE, BC_TILDE, BC_EQ, BC_SPACE, BC_PERCENT, BC_DASH, BC_NL } from "./words";
import { ByteBuf } from "./decode";
import { codeLevelMasked } from "./code";
import { shellExpansionLevel } from "./command-shell";
import { windowsBatchLevel as batchLevel, batchMasked, powershellLevel } from "./command-win";
import { mailInjectionLevel } from "./command-mail";

const CMD_STRONG: i32 = 1;  // commands rarely written in prose: fire after a shell separator alone
const CMD_WEAK: i32 = 2;    // common words (cat, id, ls, ping, echo…): need a shell-looking argument
const CMD_PREFIX: i32 = 3;  // run the next word as a command (time, nohup, sudo…): judged by that word
const CMD_FAMILY: i32 = 4;  // strong, and so is every `word-*` (ansible-playbook, chef-client, rmt-tar)
const CMD_UNIQUE: i32 = 5;  // tool names that are no word of prose: a value starting with one is a command line

let cmds: WordTable | null = null;
export function cmdTable(): WordTable {
  let t = cmds;
  if (t !== null) return t;
  const w = new WordTable(11);
  // Unix
  w.addAll("whoami uname ifconfig ipconfig wget curl nc ncat netcat bash sh zsh ksh csh tcsh powershell pwsh " +
    "cmd cmd.exe python python2 python3 perl ruby php nslookup telnet systeminfo tasklist taskkill chmod chown chgrp passwd " +
    "useradd usermod userdel groupadd crontab busybox xterm certutil bitsadmin wmic reg regsvr32 rundll32 mshta cscript " +
    "wscript nmap socat base64 base32 xxd gcc cc c89 c99 clang tcc irb gdb lldb strace ltrace netstat lsof su setsid " +
    "mkfifo mknod tftp ftp sftp scp ssh rsync rm rmdir mv cp dd tar bsdtar unzip gzip gunzip bzip2 bunzip2 unxz zstd " +
    "zstdcat zcat bzcat xzcat 7z unrar hostname getent nawk gawk mawk lua luajit tclsh jrunscript jjs nodejs deno openssl " +
    "smbclient rpcclient mysql psql sqlite3 mongo docker kubectl crictl systemctl journalctl dmesg umount iptables " +
    "ip6tables traceroute tracepath hping3 tcpdump tshark hexdump objdump readelf ldd chattr lsattr setfacl " +
    "getfacl killall pkill pgrep shutdown poweroff telinit insmod rmmod modprobe lsmod chroot unshare nsenter capsh " +
    "setcap getcap doas pkexec runuser tmux disown ifup ifdown iwconfig nmcli hostnamectl lastb lastlog lastlogin faillog " +
    "readlink realpath mktemp comm cpulimit htop aptitude apt-get dpkg rpm cscli visudo " +
    "perf pwd uconv ssh-copy-id ssh-keygen ssh-keyscan ssh-add ssh-agent", CMD_STRONG);
  // Windows (cmd.exe builtins and system tools) and PowerShell aliases
  w.addAll("regedit bcdboot bcdedit vssadmin wevtutil schtasks netsh icacls cacls takeown diskpart fsutil ntdsutil wbadmin " +
    "msiexec msbuild installutil regasm regsvcs cmstp forfiles pcalua mavinject odbcconf esentutl extrac32 findstr ieexec " +
    "makecab xcopy robocopy runas sdbinst wsl nltest dsquery adfind klist qwinsta quser tracert pathping nbtstat getmac " +
    "iwr iex irm icm iwmi gwmi saps", CMD_STRONG);
  w.addAll("cat ls id ping echo sleep kill ps env export set type dir more less head tail find grep awk sed touch whois host " +
 "dig net tee xargs exec eval printf sort uniq wc nl od diff file which whereis locate who w last uptime date mail " +
 "sendmail lp java node cd column bridge fold flock trap ip ss route arp vi nano strings stat ln truncate " +
 "tac rev tr cut mount finger del erase ren mkdir cls ver " +
 " bun ab ll vim emacs shred uuencode uudecode reboot xz yum dash fish ash", CMD_WEAK);
  w.addAll("time nohup sudo timeout nice ionice stdbuf xargs exec busybox eval env unbuffer strace ltrace " +
    "chroot setsid nsenter runuser pkexec doas", CMD_PREFIX);
  w.addAll("ansible chef rmt aa lwp", CMD_FAMILY);
  w.addAll("whoami ifconfig ipconfig nslookup systeminfo tasklist taskkill certutil bitsadmin regsvr32 rundll32 mshta " +
    "cscli visudo useradd usermod userdel groupadd crontab mkfifo getent netstat nmap socat xxd busybox " +
    "cmd.exe vssadmin wevtutil schtasks icacls wmic", CMD_UNIQUE);
  // the first two bytes of every word of two or more bytes: most words of a value are dropped before hashing
  for (let k = 0; k < w.count; k++) {
    const x = w.word(k);
    if (x.length >= 2) {
      const p = ((x.charCodeAt(0) & 127) << 7) | (x.charCodeAt(1) & 127);
      cmdPairs[p >> 5] |= (<u32>1) << <u32>(p & 31);
    }
  }
  cmds = w;
  return w;
}
const cmdPairs = new StaticArray<u32>(512);
/** Could a table word start with bytes a, b (both < 0x80)? */
@inline function cmdPair(a: i32, b: i32): bool {
  const p = (a << 7) | b;
  return (unchecked(cmdPairs[p >> 5]) & ((<u32>1) << <u32>(p & 31))) != 0;
}

// bytes of a command word as written (letters, digits, / . _ -)
const plainByte = new StaticArray<u8>(256);
for (let c = 0; c < 256; c++) plainByte[c] = isAlpha(c) || isDigit(c) || c == 0x2f || c == 0x2e || c == 0x5f || c == 0x2d ? 1 : 0;

// Words that are strong on their own (a prefix word keeps its own strength when nothing follows it).
function prefixStrength(buf: ByteBuf, ws: i32, we: i32): i32 {
  const n = we - ws;
  const d = buf.data;
  if (n == 4 && (startsWithAt(d, ws, we, "time") || startsWithAt(d, ws, we, "exec") || startsWithAt(d, ws, we, "eval") || startsWithAt(d, ws, we, "nice"))) return CMD_WEAK;
  if (n == 3 && startsWithAt(d, ws, we, "env")) return CMD_WEAK;
  if (n == 5 && startsWithAt(d, ws, we, "xargs")) return CMD_WEAK;
  if (n == 7 && startsWithAt(d, ws, we, "timeout")) return CMD_WEAK;
  return CMD_STRONG;
}

export const MODE_SEP: i32 = 0;      // after a shell separator inside the value
export const MODE_SUBST: i32 = 1;    // inside `…`, $(…), <(…), >(…): any command word is a command
export const MODE_START: i32 = 2;    // the value itself starts with the word (value handed to a shell as is)
export const MODE_SEPSTART: i32 = 3; // a separator opens the value (";ps", "|id"): nothing else there but shell

/** Drive path c:\ or c:/ */
function drivePath(s: Uint8Array, k: i32, end: i32): bool {
  return isAlpha(at(s, k, end)) && at(s, k + 1, end) == 0x3a && (at(s, k + 2, end) == 0x5c || at(s, k + 2, end) == 0x2f);
}

/**
 * Paranoia level at which the command word at s[i] is a command, or 0. Skips a path prefix (/bin/, /usr/bin/,
 * bin/), quote/backslash obfuscation (c''at, c\at), `$@`, an empty variable in front ($u wget), a version suffix
 * (python3.10) and `.exe`. `depth` bounds the recursion through prefix words (time sh -c …).
 */
export function commandAt(s: Uint8Array, i: i32, end: i32, buf: ByteBuf, mode: i32, depth: i32 = 0): i32 {
  // spaces and grouping ({ cmd; }, (cmd)) before the word; a '+' left from form encoding (;+cat+/etc/passwd)
  // counts only when another one follows the word (|+eval| in docs is a feature flag)
  let plus = false;
  while (i < end && (isSpace(<i32>unchecked(s[i])) || <i32>unchecked(s[i]) == 0x7b || <i32>unchecked(s[i]) == 0x28 || <i32>unchecked(s[i]) == 0x2b)) {
    if (<i32>unchecked(s[i]) == 0x2b) plus = true;
    i++;
  }
  // a variable in command position: `$u wget` (empty variable as obfuscation), `$SHELL -c …`
  if (at(s, i, end) == 0x24 && depth < 2) {
    let v = i + 1;
    const br = at(s, v, end) == 0x7b;
    if (br) v++;
    const v0 = v;
    while (v < end && v < i + 20 && (isAlpha(<i32>unchecked(s[v])) || isDigit(<i32>unchecked(s[v])) || <i32>unchecked(s[v]) == 0x5f)) v++;
    if (v > v0 && isAlpha(<i32>unchecked(s[v0])) && v - v0 <= 16) {
      if (br) { if (at(s, v, end) != 0x7d) return 0; v++; }
      if (at(s, v, end) != 0x20) return 0;
      if ((v - v0 == 5 || br && v - v0 == 6) && startsWithAt(s, v0, end, "shell") && at(s, v + 1, end) == 0x2d && isAlpha(at(s, v + 2, end))) return 1;
      // after a separator, a variable run with an option is a command held in a variable (a=nc&&$a -nlvp 555)
      if (mode != MODE_START && at(s, v + 1, end) == 0x2d && isAlpha(at(s, v + 2, end))) return 1;
      // an unset variable in front of a command after a separator (;$a cat x) only serves to hide it
      return commandAt(s, v + 1, end, buf, mode == MODE_START ? MODE_SEP : MODE_SUBST, depth + 1);
    }
    return 0;
  }
  buf.reset();
  let j = i;
  let lastSlash = -1;
  let obf = 0; // obfuscation inside the word (c''at, c\at, c$@at, pi``ng); one quote is an apostrophe (I'd)
  // fast path: a run of plain bytes that no quote, backslash, $, `, < or > continues is the word as written
  const lim = end - i > 40 ? i + 40 : end;
  let r = i;
  while (r < lim && unchecked(plainByte[<i32>unchecked(s[r])]) != 0) { if (<i32>unchecked(s[r]) == 0x2f) lastSlash = r - i; r++; }
  const stop = at(s, r, end);
  const fast = r > i && end <= s.length && (r == lim || !(stop == 0x27 || stop == 0x22 || stop == 0x5c || stop == 0x24 || stop == 0x60 || stop == 0x3c || stop == 0x3e));
  if (fast) {
    memory.copy(buf.data.dataStart, s.dataStart + <usize>i, <usize>(r - i));
    buf.len = r - i;
    j = r;
  } else lastSlash = -1;
  while (!fast && j < end && buf.len < 40) {
    const c = <i32>unchecked(s[j]);
    if (c == 0x27 || c == 0x22 || c == 0x5c) { if (buf.len > 0) obf += c == 0x5c ? 2 : 1; j++; continue; }
    if (c == 0x24 && buf.len > 0) {
      // inside a word: $@ $* (empty), $? $! $- $_ $$ $# (short strings): c$@at, una$$me, c$?at
      const d = at(s, j + 1, end);
      if (d == 0x40 || d == 0x2a || d == 0x3f || d == 0x21 || d == 0x2d || d == 0x5f || d == 0x24 || d == 0x23) { j += 2; obf += 2; continue; }
      // empty substitutions: pi$()ng
      if (d == 0x28 && at(s, j + 2, end) == 0x29) { j += 3; obf += 2; continue; }
    }
    if (c == 0x24 && at(s, j + 1, end) == 0x40) { j += 2; continue; } // $@ is empty in sh
    if (buf.len > 0 && c == 0x60 && at(s, j + 1, end) == 0x60) { j += 2; obf += 2; continue; } // pi``ng
    if (buf.len > 0 && (c == 0x3c || c == 0x3e) && at(s, j + 1, end) == 0x28 && at(s, j + 2, end) == 0x29) { j += 3; obf += 2; continue; } // pi<()ng
    if (!(isAlpha(c) || isDigit(c) || c == 0x2f || c == 0x2e || c == 0x5f || c == 0x2d)) break;
    if (c == 0x2f) lastSlash = buf.len;
    buf.push(c);
    j++;
  }
  if (buf.len == 0 || plus && at(s, j, end) != 0x2b) return 0;
  // a glob in a binary's path: /bin/ca? /et*/passwd
  const g = at(s, j, end);
  if ((g == 0x3f || g == 0x2a) && lastSlash > 0 && unchecked(buf.data[0]) == 0x2f) {
    let e = j;
    while (e < end && e < j + 16 && (isAlpha(<i32>unchecked(s[e])) || <i32>unchecked(s[e]) == 0x3f || <i32>unchecked(s[e]) == 0x2a)) e++;
    let k2 = e;
    while (k2 < end && <i32>unchecked(s[k2]) == 0x20) k2++;
    // level 2 as in CRS (932200): '?' and '*' also end URLs and prose
    return followLevel(s, e, k2, end, true, mode == MODE_START, false) > 0 ? 2 : 0;
  }
  // \ls: a backslash in front of the command bypasses aliases
  if (i < end && <i32>unchecked(s[i]) == 0x5c && (mode == MODE_START || mode == MODE_SEPSTART)) obf += 2;
  const ws = lastSlash >= 0 ? lastSlash + 1 : 0;
  // a path must be an absolute binary path (/bin/x, /usr/bin/x) or end in bin/x, not any slash-word
  const binPath = lastSlash >= 3 && startsWithAt(buf.data, lastSlash - 3, buf.len, "bin/");
  if (lastSlash >= 0 && unchecked(buf.data[0]) != 0x2f && !binPath) return 0;
  let we = buf.len;
  if (we - ws > 4 && startsWithAt(buf.data, we - 4, we, ".exe")) we -= 4;
  const table = cmdTable();
  // every lookup below starts at ws: no table word starts with these two bytes (1-byte family prefixes name none)
  if (we - ws >= 2 && !cmdPair(<i32>unchecked(buf.data[ws]), <i32>unchecked(buf.data[ws + 1]))) return 0;
  let code = table.lookup(buf.data, ws, we);
  if (code < 0) {
    // version suffix: python3.10, gcc10.1, php7
    let v = we;
    while (v > ws && (isDigit(<i32>unchecked(buf.data[v - 1])) || <i32>unchecked(buf.data[v - 1]) == 0x2e)) v--;
    let digit = false;
    for (let q = v; q < we; q++) if (isDigit(<i32>unchecked(buf.data[q]))) digit = true;
    if (v < we && v - ws >= 3 && digit) code = table.lookup(buf.data, ws, v); // not cp1250, "vim."
    if (code == CMD_WEAK || code == CMD_PREFIX) code = -1;
  }
  let unique = false;
  if (code < 0) {
    // family: ansible-playbook, chef-client, rmt-tar, aa-disable (a hyphenated tool name is no prose word)
    let d = ws;
    while (d < we && <i32>unchecked(buf.data[d]) != 0x2d) d++;
    if (d < we && d > ws && table.lookup(buf.data, ws, d) == CMD_FAMILY) { code = CMD_STRONG; unique = true; }
  }
  if (code < 0) return 0;
  if (code == CMD_UNIQUE) { code = CMD_STRONG; unique = true; }
  if (code == CMD_FAMILY) { if (we - ws >= 7) { code = CMD_STRONG; unique = true; } else code = CMD_WEAK; } // ansible alone; chef, aa alone are words
  // what follows the command
  let k = j;
  while (k < end && <i32>unchecked(s[k]) == 0x20) k++;
  let nested = 0;
  if (code == CMD_PREFIX) {
    code = prefixStrength(buf, ws, we);
    // time sh -c …, nohup ifconfig, sudo -u root id: judged by the command it runs
    if (depth < 2 && k > j) {
      let q = k;
      // skip a few options and numbers (timeout 5 …, nice -n 10 …)
      for (let n = 0; n < 3; n++) {
        const c = at(s, q, end);
        if (!(c == 0x2d || isDigit(c))) break;
        const q0 = q;
        while (q < end && q < q0 + 32 && !isSpace(<i32>unchecked(s[q]))) q++;
        while (q < end && <i32>unchecked(s[q]) == 0x20) q++;
      }
      nested = commandAt(s, q, end, buf, mode == MODE_START ? MODE_SEP : mode, depth + 1);
      if (nested == 1) return 1;
    }
  }
  if (binPath && code == CMD_WEAK) code = CMD_STRONG; // /bin/cat, /usr/bin/id
  if (binPath && mode == MODE_START) unique = true;    // the value is a binary's path
  if (obf >= 2) { code = CMD_STRONG; unique = true; }   // nobody writes a word like that but to dodge a filter
  if (mode == MODE_SUBST) code = CMD_STRONG;
  // ";ps", "|env", "';htop'": a separator, a word and nothing else
  if (mode == MODE_SEPSTART && code == CMD_WEAK) {
    const a = at(s, j, end);
    if (a == -1 || a == 0x3b || a == 0x7c || a == 0x26 || a == 0x60) return 1;
  }
  // a value that is only a short common word ("id", "ip", "w") is a field name, not a command
  if (mode == MODE_START && code == CMD_WEAK && j >= end && we - ws <= 2 && !binPath) return nested;
  return minLevel(nested, followLevel(s, j, k, end, code == CMD_STRONG, mode == MODE_START, unique));
}

/** "/" alone or a path under a system directory (/etc, /bin, /usr, /var, /tmp, /dev, /proc, /home, /root…). */
function systemPath(s: Uint8Array, k: i32, end: i32): bool {
  const c = at(s, k + 1, end);
  if (c == -1 || c == 0x3b || c == 0x7c || c == 0x26) return true; // "cd /" ("more / less" is prose)
  let e = k + 1;
  while (e < end && e < k + 8 && isAlpha(<i32>unchecked(s[e]))) e++;
  const n = e - k - 1;
  const d = at(s, e, end);
  if (!(d == -1 || d == 0x2f || d == 0x20 || d == 0x5b || d == 0x3f || d == 0x2a)) return false;
  if (n == 3) return startsWithAt(s, k + 1, end, "etc") || startsWithAt(s, k + 1, end, "bin") || startsWithAt(s, k + 1, end, "usr") ||
    startsWithAt(s, k + 1, end, "var") || startsWithAt(s, k + 1, end, "tmp") || startsWithAt(s, k + 1, end, "dev") ||
    startsWithAt(s, k + 1, end, "lib") || startsWithAt(s, k + 1, end, "opt") || startsWithAt(s, k + 1, end, "sys") || startsWithAt(s, k + 1, end, "srv");
  if (n == 4) return startsWithAt(s, k + 1, end, "proc") || startsWithAt(s, k + 1, end, "home") || startsWithAt(s, k + 1, end, "root") ||
    startsWithAt(s, k + 1, end, "sbin") || startsWithAt(s, k + 1, end, "boot");
  return false;
}

/** A weak word's option at s[k] ('-'): the end of the value, or more shell after it ("ls -la", "ls -l /etc"); "Set -up guide" is prose. */
function optionShape(s: Uint8Array, k: i32, end: i32): bool {
  let e = k + 1;
  while (e < end && e < k + 24 && (isAlpha(<i32>unchecked(s[e])) || isDigit(<i32>unchecked(s[e])) || <i32>unchecked(s[e]) == 0x2d)) e++;
  const c = at(s, e, end);
  if (c == -1) return true;
  if (c != 0x20) return false;
  const d = at(s, e + 1, end);
  return d == 0x2d || d == 0x2f || d == 0x7e || d == 0x2e || d == 0x24 || d == 0x27 || d == 0x22 || d == 0x7c || d == 0x3e || d == 0x3c || isDigit(d);
}

/** Level of a command word ending at j (k: after the spaces that follow it) by what follows it. */
function followLevel(s: Uint8Array, j: i32, k: i32, end: i32, strong: bool, start: bool, unique: bool): i32 {
  let a = at(s, j, end);
  // cat+/etc/passwd: '+' left from form encoding stands for the space
  if (a == 0x2b && (at(s, j + 1, end) == 0x2f || at(s, j + 1, end) == 0x2d)) { a = 0x20; k = j + 1; }
  // a tab opening the arguments is an $IFS trick after a separator; in a value that starts with the word it is layout
  if (a == 0x09 && start) { a = 0x20; k = j; while (k < end && isSpace(<i32>unchecked(s[k]))) k++; }
  const b = at(s, k, end);
  // followed by the end of the value or a separator
  if (a == 0x3b || a == 0x7c || a == 0x26 || a == 0x60 || a == 0x29 || a == 0x0a || a == 0x3e || a == 0x3c || a == 0x7d)
    return strong ? 1 : 2;
  if (a == -1) return strong ? (start && !unique ? 2 : 1) : (start ? 4 : 2); // a bare word value ("id", "zip") is a field name as often
  if (a == 0x20 || a == 0x09 || a == 0x24 || a == 0x2c) {
    // ${IFS}, $IFS, tab, comma ({cat,/etc/passwd}) as separators
    if (a == 0x24 || a == 0x09) return 1;
    // {cat,/etc/passwd}: a weak word needs a shell-looking argument ({id,name} is a field list)
    if (a == 0x2c) {
      const c = at(s, j + 1, end);
      if (c == 0x20 || c == -1) return start ? 0 : (strong ? 2 : 3); // "OpenSSL, we believe": a list in prose
      return strong || c == 0x2f || c == 0x2d || c == 0x24 || c == 0x7e || c == 0x2e ? 1 : 3;
    }
    // an option, an absolute path (or / itself), a variable, a redirection or pipe: shell syntax
    const b1 = at(s, k + 1, end);
    const opt = b == 0x2d && (isAlpha(b1) || b1 == 0x2d);
    const absPath = b == 0x2f && (isAlpha(b1) || b1 == 0x2e || b1 == 0x5f || b1 == -1 || b1 == 0x3b || b1 == 0x20 || b1 == 0x7c || b1 == 0x26) || drivePath(s, k, end);
    const redirect = b == 0x3e || b == 0x3c || b == 0x7c || b == 0x60 || b == 0x24 && (isAlpha(b1) || b1 == 0x28 || b1 == 0x7b);
    if (start) {
      // a weak word opening prose may be followed by a slash-word ("Sort /r/rust"): only system directories count
      // "id | name | email" (a table row) and "Date > 2020" read as prose: a weak word needs more than | or >
      if (opt && (strong || optionShape(s, k, end)) || unique || absPath && (strong || systemPath(s, k, end))) return 1;
      if (absPath) return 2;
      if (redirect) return strong || !(b == 0x7c || b == 0x3e) ? 1 : 2;
      if (strong && (b == 0x7e || b == 0x27 || b == 0x22 || b == 0x2e)) return 1;
      return strong ? 2 : 3;
    }
    // "| id | name |": a table row, not a pipeline
    if (!strong && b == 0x7c && tableCell) return 3;
    if (opt || absPath || redirect || b == 0x2d || b == 0x2f || b == 0x2e || b == 0x24 || b == 0x7e || b == 0x27 || b == 0x22 || b == 0x5c) return 1;
    if (isDigit(b)) return strong ? 1 : 2;
    if (b == -1) return strong ? 1 : 2;
    return strong ? 1 : 3;
  }
  return 0;
}

const cmdBuf = new ByteBuf(64);
let tableCell = false; // the word after a "| " separator: markdown table cells look like pipelines

/** Index of the first byte of s[start,end) that is not a space or quote (a separator there opens the value). */
function leadEnd(s: Uint8Array, start: i32, end: i32): i32 {
  let k = start;
  while (k < end) {
    const c = <i32>unchecked(s[k]);
    if (!(c == 0x20 || c == 0x27 || c == 0x22)) break;
    k++;
  }
  return k;
}

/** $ifs / ${ifs (an $IFS trick) at a '$', or /dev/tcp/, /dev/udp/ (bash network redirections) at a '/'. */
function shellOnlyNeedle(s: Uint8Array, start: i32, end: i32, dollar: bool, slash: bool): bool {
  if (end > s.length) end = s.length;
  for (let i = start; i < end; i++) {
    const c = <i32>unchecked(s[i]);
    if (c == 0x24) { if (dollar && (startsWithAt(s, i, end, "${ifs") || startsWithAt(s, i, end, "$ifs"))) return true; }
    else if (c == 0x2f) { if (slash && (startsWithAt(s, i, end, "/dev/tcp/") || startsWithAt(s, i, end, "/dev/udp/"))) return true; }
  }
  return false;
}

export function commandInjectionLevel(s: Uint8Array, start: i32, end: i32): i32 {
  let best = 0;
  // which bytes the value holds: each pass below runs only when its trigger bytes are there
  const mask = byteClasses(s, start, end);
  // separators: ; newline ` | & ! and the '(' of $( <( >(
  if ((mask & (BC_SEP | BC_LPAREN)) != 0) best = separatorLevel(s, start, end);
  if (best == 1) return 1;
  tableCell = false;
  // the whole value is a command line (value passed to a shell as is)
  const l0 = commandAt(s, start, end, cmdBuf, MODE_START);
  if (l0 > 0) best = minLevel(best, l0);
  if (best == 1) return 1;
  // $IFS / ${IFS} tricks are shell-only; bash network redirections: exec 5<>/dev/tcp/host/port
  const dollar = (mask & BC_DOLLAR) != 0, slash = (mask & BC_SLASH) != 0;
  if ((dollar || slash) && shellOnlyNeedle(s, start, end, dollar, slash)) return 1;
  // shell expansions start at $ / [ { ~ ! ( ) or an alias's "="
  if ((mask & (BC_DOLLAR | BC_SLASH | BC_LBRACK | BC_LBRACE | BC_TILDE | BC_SEP | BC_LPAREN | BC_RPAREN | BC_EQ)) != 0) {
    const l = shellExpansionLevel(s, start, end); if (l > 0) best = minLevel(best, l);
  }
  if (best != 1) { const l = codeLevelMasked(s, start, end, mask); if (l > 0) best = minLevel(best, l); }
  // FOR needs a / or % option, IF a space or "=="
  if (best != 1 && (mask & (BC_SLASH | BC_PERCENT | BC_SPACE | BC_EQ)) != 0) {
    const l = batchMasked(s, start, end, (mask & (BC_SLASH | BC_PERCENT)) != 0, (mask & (BC_SPACE | BC_EQ)) != 0);
    if (l > 0) best = minLevel(best, l);
  }
  // cmdlets are Verb-Noun
  if (best != 1 && (mask & BC_DASH) != 0) { const l = powershellLevel(s, start, end); if (l > 0) best = minLevel(best, l); }
  if (best == 0 || best > 2) { const l = mailInjectionLevel(s, start, end, (mask & BC_NL) != 0, (mask & BC_SPACE) != 0); if (l > 0) best = minLevel(best, l); }
  return best;
}

/** Shell separators followed by a command word (the level, 1 at once). */
function separatorLevel(s: Uint8Array, start: i32, end: i32): i32 {
  let best = 0;
  let ticks = 0;
  const lead = leadEnd(s, start, end);
  for (let i = start; i < end; i++) {
    const c = <i32>unchecked(s[i]);
    let next = -1;
    let sepLevel = 1;
    let subst = false;
    let amp = false;
    if (c == 0x3b || c == 0x0a) next = i + 1;                               // ; newline
    else if (c == 0x60) {                                                   // ` (an opening one: `a` and `b`)
      ticks++;
      if ((ticks & 1) == 0) continue;
      next = i + 1; subst = true;
    }
    else if (c == 0x7c) next = at(s, i + 1, end) == 0x7c ? i + 2 : i + 1;     // | ||
    else if (c == 0x26) {                                                   // && &
      if (at(s, i + 1, end) == 0x26) next = i + 2;
      else { next = i + 1; sepLevel = 2; amp = true; }
    }
    else if ((c == 0x24 || c == 0x3c || c == 0x3e) && at(s, i + 1, end) == 0x28) { next = i + 2; subst = true; } // $( <( >(
    else if (c == 0x21 && (at(s, i - 1, end) == 0x5c || at(s, i - 1, end) == 0x3a)) { next = i + 1; subst = true; sepLevel = 2; } // vi/ex :!cmd \!cmd (vim docs are full of them)
    if (next < 0) continue;
    const first = c != 0x0a && i == lead; // text may well start with a line break
    tableCell = c == 0x7c && at(s, i + 1, end) == 0x20 && at(s, i - 1, end) != 0x7c;
    const mode = subst ? MODE_SUBST : (first ? MODE_SEPSTART : MODE_SEP);
    let l = commandAt(s, next, end, cmdBuf, mode);
    if (l > 0) {
      // a lone '&' (R&D, Tom & Jerry, query strings) counts when the word follows it directly and is a command
      // by itself or with shell syntax after it
      if (amp && l == 1 && (first || !isSpace(at(s, next, end)))) sepLevel = 1;
      const lev = l > sepLevel ? l : sepLevel;
      best = minLevel(best, lev);
      if (best == 1) return 1;
    }
  }
  return best;
}

/** cmd.exe control flow (kept here for callers of the old API). */
export function windowsBatchLevel(s: Uint8Array, start: i32, end: i32): i32 { return batchLevel(s, start, end); }
