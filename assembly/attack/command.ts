// attack.command_injection: shell separators followed by command words, $IFS tricks, cmd.exe control flow
// (CRS 932). Code that runs commands on the server (code.ts) is reported under the same kind.
import { WordTable, isAlpha, isDigit, isSpace, startsWithAt, containsAt, minLevel, at, isSep, hasSpace } from "./words";
import { ByteBuf } from "./decode";
import { codeInjectionLevel } from "./code";

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

/** cmd.exe control flow: FOR /F … IN (…) DO …, IF [NOT] EXIST|ERRORLEVEL|DEFINED|a==b … */
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
