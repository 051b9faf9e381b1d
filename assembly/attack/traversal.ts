// attack.path_traversal: ".." segments and sensitive OS files (CRS 930). Reads the decoded, lower-cased value.
import { WordTable, isAlpha, isDigit, isSpace, startsWithAt, containsAt, minLevel, at, isSep, hasSpace } from "./words";
import { ByteBuf } from "./decode";

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
