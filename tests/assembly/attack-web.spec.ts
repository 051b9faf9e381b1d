/// <reference types="assemblyscript/std/assembly/index" />
/// <reference types="@as-pect/assembly/types/as-pect.d" />
// attack.xss, attack.path_traversal, attack.ssrf (CRS 941, 930, 931, 934 SSRF): techniques caught at level 1,
// obfuscated variants, and benign look-alikes that must stay quiet at level 1.
import { AttackFindings, detectAttacks, ATTACK_XSS, ATTACK_PATH_TRAVERSAL, ATTACK_SSRF, SOURCE_QUERY, SOURCE_JSON, SOURCE_PATH }
  from "../../assembly/attack/index";
import { rfiParamLevel } from "../../assembly/attack/ssrf";
import { bytes, levelOf } from "./attack-helpers";

function l1(s: string, kind: i32, source: i32 = SOURCE_JSON): bool { return levelOf(s, kind, source) == 1; }
function xss(s: string, source: i32 = SOURCE_JSON): bool { return l1(s, ATTACK_XSS, source); }
function lfi(s: string, source: i32 = SOURCE_JSON): bool { return l1(s, ATTACK_PATH_TRAVERSAL, source); }
function ssrf(s: string, source: i32 = SOURCE_JSON): bool { return l1(s, ATTACK_SSRF, source); }

describe("attack.xss: markup", () => {
  test("tag names spelled with separators", () => {
    expect(xss("<f o r m action=x>")).toBe(true);
    expect(xss("$%3Cf%20o%20r%20m", SOURCE_QUERY)).toBe(true);
    expect(xss("< x: script")).toBe(true);
    expect(xss("<d i a l o g open>")).toBe(true);
    expect(xss("<s\tc\tr\ti\tp\tt>")).toBe(true);
  });
  test("namespaces, XInclude, entities, SSI, meta charset, form attributes", () => {
    expect(xss("<aai xmlns=\"http://a.b/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">")).toBe(true);
    expect(xss("<acp xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"http://evil/x\"/></acp>")).toBe(true);
    expect(xss("foo!ENTITY % bar SYSTEM")).toBe(true);
    expect(xss("\"--><!--#exec cmd=\"id\"-->")).toBe(true);
    expect(xss("<!--#set var=\"a\" value=\"b\"-->")).toBe(true);
    expect(xss("<meta charset=\"UTF-7\" /> +ADw-script+AD4-")).toBe(true);
    expect(xss("<meta charset=\"UTF-8\">")).toBe(true);
    expect(xss("'formaction=")).toBe(true);
    expect(xss("<input pattern=\"^a regex$\">")).toBe(true);
    expect(xss("<importimplementation=")).toBe(true);
    expect(xss(" data: , <x>")).toBe(true);
    expect(xss("<div style=\"background-image:\\0075\\0072\\006C\\0028'\\006a\\0061\\0076\\0061\\0073\">")).toBe(true);
    expect(xss("<div style=\"behaviour: url(http://x/kcf.html);\">")).toBe(true);
    expect(xss("<?xml:namespace prefix=\"t\" ns=\"urn:schemas-microsoft-com:time\">")).toBe(true);
    expect(xss("<span style=\"font-family:'Open Sans', sans-serif; color:#333\">x</span>")).toBe(false);
  });
  test("high-bit ASCII tags (¼script¾ … ¼/script¾)", () => {
    expect(xss("\\xbcscript\\xbealert(1)\\xbc/script\\xbe")).toBe(true);
    expect(xss("\\xbctest\\xbetest(\\xa2XSS\\xa2)\\xbc/test\\xbe")).toBe(true);
    expect(xss("¼ cup sugar, ¾ cup flour")).toBe(false);
    expect(xss("мороз и солнце")).toBe(false);
  });
  test("handlers injected as attributes", () => {
    expect(xss("  onload= ")).toBe(true);
    expect(xss("%20%20onwebkitplaybacktargetavailabilitychanged%3d%20", SOURCE_QUERY)).toBe(true);
    expect(xss("x\" onfocus=x autofocus")).toBe(true);
    expect(xss("online=yes")).toBe(false);
    expect(xss("the onboarding team")).toBe(false);
  });
  test("benign markup and prose stay quiet", () => {
    expect(xss("<p>Hello <b>world</b>, see <a href=\"https://example.com/x\">this</a></p>")).toBe(false);
    expect(xss("<img src=\"https://cdn.example.com/a.png\" alt=\"logo\">")).toBe(false);
    expect(xss("Contact data: John Smith, <john@example.com>")).toBe(false);
    expect(xss("a <= b and c >= d, for x < y")).toBe(false);
    expect(xss("![](https://example.com/a.png) and ![](https://example.com/b.png)")).toBe(false);
  });
});

describe("attack.xss: script without markup", () => {
  test("dialog and eval calls, tagged templates", () => {
    expect(xss("alert()")).toBe(true);
    expect(xss("prompt(1)")).toBe(true);
    expect(xss("eval('2 + 2')")).toBe(true);
    expect(xss("btoa()")).toBe(true);
    expect(xss("alert`1`")).toBe(true);
    expect(xss("[].sort.call`${alert}1337`")).toBe(true);
    expect(xss("[  ] . /**/ sort . call ` ${ alert } 1337 `")).toBe(true);
    expect(xss("Reflect.sort.call``")).toBe(true);
  });
  test("split member access on globals, JSFuck, DOM writes, location", () => {
    expect(xss("document /*foo*/ .     cookie")).toBe(true);
    expect(xss("(document/*foo*/)[\"cookie\"]")).toBe(true);
    expect(xss("self  /*jhb*/  [  /*bar*/  \"alert\"](\"xss\")")).toBe(true);
    expect(xss("(![]+[])[+!+[]]")).toBe(true);
    expect(xss("+!![]")).toBe(true);
    expect(xss("document.querySelector(\"p\").textContent=\"XSS\"")).toBe(true);
    expect(xss("document.body.appendChild(document.createElement(\"h1\"))")).toBe(true);
    expect(xss("window.location")).toBe(true);
    expect(xss("window.location='//evil.example/'")).toBe(true);
    expect(xss("style = background : url ( javascript : alert(1) )")).toBe(true);
  });
  test("prose and ordinary code stay quiet", () => {
    expect(xss("You will receive alert(s) by email")).toBe(false);
    expect(xss("Please confirm (by email) that you agree")).toBe(false);
    expect(xss("use `alert()` while debugging, then remove it")).toBe(false);
    expect(xss("x'; alert(); //")).toBe(true);
    expect(xss("$(this).hide(); $(this)[0].focus()")).toBe(false);
    expect(xss("the window.location property holds the URL of the page")).toBe(false);
    expect(xss("function call(a) { return a.apply(this, args); }")).toBe(false);
    expect(xss("let x = [] ; y = [1, 2]")).toBe(false);
  });
});

describe("attack.path_traversal", () => {
  test("dot-dot segments, also with ';' and hex-spelled bytes", () => {
    expect(lfi("..;.\\.;\\.")).toBe(true);
    expect(lfi("0x5c0x2e./")).toBe(true);
    expect(lfi("0x2e0x2e0x2f0x2e0x2e0x2fetc0x2fpasswd")).toBe(true);
    expect(lfi("color 0x2e2e2e and 0x5c5c5c")).toBe(false);
  });
  test("restricted files and hidden directories as path segments", () => {
    expect(lfi("/.claude/settings.json", SOURCE_PATH)).toBe(true);
    expect(lfi("/app/.cursor/mcp.json", SOURCE_PATH)).toBe(true);
    expect(lfi("/.git/config", SOURCE_PATH)).toBe(true);
    expect(lfi("/path/to/.docker/secrets")).toBe(true);
    expect(lfi("/.aiignore", SOURCE_PATH)).toBe(true);
    expect(lfi("/wp-content/debug.log", SOURCE_PATH)).toBe(true);
    expect(lfi("/@fs/.env", SOURCE_PATH)).toBe(true);
    expect(lfi("/@id/__x00__", SOURCE_PATH)).toBe(true);
    expect(lfi("backup.sql.zip")).toBe(true);
    expect(lfi("/get/backup.sql.gz", SOURCE_PATH)).toBe(true);
  });
  test("/proc, /sys and /etc entries", () => {
    expect(lfi("/sys/class")).toBe(true);
    expect(lfi("/get/proc/interrupts", SOURCE_PATH)).toBe(true);
    expect(lfi("/proc/1234/cmdline")).toBe(true);
    expect(lfi("/proc/sys")).toBe(true);
    expect(lfi("/proc/docker")).toBe(true);
    expect(lfi("cat+%2Fetc%2Fsubuid", SOURCE_QUERY)).toBe(true);
    expect(lfi("cat /etc/subuid-")).toBe(true);
  });
  test("look-alikes stay quiet at level 1", () => {
    expect(lfi("/jquery.history.min.js", SOURCE_PATH)).toBe(false);
    expect(lfi("/api/continue/session", SOURCE_PATH)).toBe(false);
    expect(lfi("/css/style.css", SOURCE_PATH)).toBe(false);
    expect(lfi("https://github.com/acme/app/blob/main/.claude/settings.json")).toBe(false);
    expect(lfi("copy .env.example to .env and edit it")).toBe(false);
    expect(lfi("src/.gitconfig")).toBe(false);
    expect(lfi("/api/v1/system/status", SOURCE_PATH)).toBe(false);
    expect(lfi("the error.log file is rotated daily")).toBe(false);
    expect(lfi("/etc/myapp is not a thing")).toBe(false);
    expect(levelOf("Edit ~/.ssh/config and add the host", ATTACK_PATH_TRAVERSAL)).toBe(2);
    expect(levelOf("npm ERR! see /app/.npm/_logs/debug.log", ATTACK_PATH_TRAVERSAL)).toBe(2);
    expect(lfi("~/.ssh/config")).toBe(true);
  });
});

describe("attack.ssrf and remote file inclusion", () => {
  test("a parameter that is a URL to an IP literal, or a scheme and '?'", () => {
    expect(ssrf("http://66.240.183.75/crash.php")).toBe(true);
    expect(ssrf("https://[2001:41d0:701:1100::29c8]/gecko.php")).toBe(true);
    expect(ssrf("ftp%3A%2F%2F1.1.1.1", SOURCE_QUERY)).toBe(true);
    expect(ssrf("https?")).toBe(true);
    expect(ssrf("ftp?")).toBe(true);
    expect(ssrf("http://evil.example/shell.txt?")).toBe(true);
    expect(ssrf("file?")).toBe(false);
    expect(ssrf("mirror at http://203.0.113.7/docs if the main site is down")).toBe(false);
  });
  test("metadata endpoints and loopback behind parser tricks", () => {
    expect(ssrf("https://metadata.packet.net/userdata")).toBe(true);
    expect(ssrf("http://192.0.0.192/latest/user-data/")).toBe(true);
    expect(ssrf("http%3A127.0.0.1", SOURCE_QUERY)).toBe(true);
    expect(ssrf("http:/2852039166")).toBe(true);
    expect(ssrf("http:[::ffff:a9fe:a9fe]")).toBe(true);
    expect(ssrf("http://7147006462/")).toBe(true);
    expect(ssrf("http://0x41414141A9FEA9FE/")).toBe(true);
    expect(ssrf("http://google.com:80 &@127.88.23.245:22/#@google.com:80/")).toBe(true);
  });
  test("PHP stream wrappers", () => {
    expect(ssrf("zip://archive.zip")).toBe(true);
    expect(ssrf("compress.zlib://http://www.example.com/some_file.gz")).toBe(true);
    expect(ssrf("ssh2.exec://user:password@example.com:22/usr/local/bin/kubectl")).toBe(true);
    expect(ssrf("ftp://ftp.example.com/pub/file.txt")).toBe(false);
    expect(ssrf("the zip: archive format")).toBe(false);
  });
  test("hosts spelled with look-alike characters or escapes", () => {
    expect(ssrf("acap://①②⑦.⓪.⓪.①")).toBe(true);
    expect(ssrf("imap://①⑥⑨.②⑤④.①⑥⑨.②⑤④")).toBe(true);
    expect(ssrf("irc://ⓛⓞⓒⓐⓛⓗⓞⓢⓣ")).toBe(true);
    expect(ssrf("http://169。254。169。254/")).toBe(true);
    // (JS unescaping turns the "\\t" into a tab, so the host reads "localhos": an escaped host is level 2 by itself)
    expect(levelOf("http://\\l\\o\\c\\a\\l\\h\\o\\s\\t/", ATTACK_SSRF)).toBe(2);
    expect(ssrf("http://\\L\\O\\C\\A\\L\\H\\O\\S\\T/")).toBe(true);
  });
  test("ordinary URLs and text stay quiet at level 1", () => {
    expect(ssrf("https://example.com/a?b=1")).toBe(false);
    expect(ssrf("Visit https://example.com/docs today")).toBe(false);
    expect(ssrf("Is it http or https?")).toBe(false);
    expect(ssrf("http: the protocol of the web")).toBe(false);
    expect(ssrf("meet at 10:30:45, room ① or ②")).toBe(false);
    expect(ssrf("write to a.b@example.com about https://example.org/x")).toBe(false);
    expect(ssrf("http:0xabcdef")).toBe(false);
    expect(levelOf("127.05", ATTACK_SSRF)).toBe(0);
    expect(ssrf("169.254.169.254/latest/meta-data/")).toBe(true);
  });
});

describe("attack.xss: paranoia 2 and 3 markup", () => {
  test("rare or malformed markup and IE-filter shapes at level 2", () => {
    expect(levelOf("<noscript#", ATTACK_XSS)).toBe(2);
    expect(levelOf("<xmp>x</xmp>", ATTACK_XSS)).toBe(2);
    expect(levelOf("<a href=\"x\"=y>", ATTACK_XSS)).toBe(2);
    expect(levelOf("-->", ATTACK_XSS)).toBe(2);
    expect(levelOf("\"in valueOf=", ATTACK_XSS)).toBe(2);
    expect(levelOf("'  infoo.bar=", ATTACK_XSS)).toBe(2);
  });
  test("everyday formatting markup is level 3, prose arrows and comparisons quieter still", () => {
    expect(levelOf("<b>bold</b> and <a href=\"/apps/\">apps</a>", ATTACK_XSS)).toBe(3);
    expect(levelOf("<span class=\"x\">hi</span>", ATTACK_XSS)).toBe(3);
    expect(levelOf("step one --> step two", ATTACK_XSS)).toBe(0);
    expect(levelOf("if a<b and c>d then", ATTACK_XSS)).toBe(0);
    expect(levelOf("\"in the U.S. we drive on the right\"", ATTACK_XSS)).toBe(0);
  });
});

function rfi(key: string, value: string): i32 {
  const k = bytes(key.toLowerCase()), v = bytes(value.toLowerCase());
  return rfiParamLevel(k, k.length, v, 0, v.length);
}
describe("attack.ssrf: remote include by parameter name (needs the key: not wired into detect yet)", () => {
  test("include-path parameters holding a remote URL", () => {
    expect(rfi("mosConfig_absolute_path", "https://foo.bar")).toBe(1);
    expect(rfi("_CONF[path]", "http://evil.example/x.txt?")).toBe(1);
    expect(rfi("GALLERY_BASEDIR", "ftp://1.2.3.4/")).toBe(1);
  });
  test("other names, or local values, do not", () => {
    expect(rfi("redirect", "https://foo.bar")).toBe(0);
    expect(rfi("mosConfig_absolute_path", "/var/www/html")).toBe(0);
    expect(rfi("path", "https://example.com")).toBe(0);
  });
});

// Inputs cut right after each trigger these detectors look around, and random mixes of them: nothing may trap.
const PIECES: string[] = ["<", "</", "<x:", "< s c r", "<f o r m", "<!--#", "!entity ", "% x ", "system", "\xbc", "\xbe", "\xc2\xbc",
  "/", "\\", "..", ";", "0x2e", "0x5c", "0x2f", "/proc/", "/sys/", "/etc/", ".git/", "@fs/", "@id/", "__x00__", ".sql.",
  "http:", "https://", "//", "[", "]", "::", "@", "?", "#", "\xe2\x91", "\xe2\x91\xa0", "\xe3\x80\x82", "0x41414141a9fea9fe",
  "7147006462", "data:", ",", "url(", "(", ")", "`", "${", "}", "document", "window", ".", "/*", "*/", "call", "alert", "![]", "+[]",
  "\"", "'", " ", "=", "onload", "in ", "valueof", "-->", "xmlns", "meta", "charset", "location", "innerhtml", "-moz-binding", "+adw-"];
describe("no input traps", () => {
  test("prefixes of trigger words and random mixes, every source", () => {
    const out2 = new AttackFindings();
    let seed: u32 = 12345;
    for (let n = 0; n < 3000; n++) {
      let s = "";
      const parts = 1 + <i32>(n % 9);
      for (let k = 0; k < parts; k++) { seed = seed * 1103515245 + 12345; s += PIECES[<i32>((seed >> 8) % <u32>PIECES.length)]; }
      const b = bytes(s);
      for (let cut = 0; cut <= b.length; cut += 1 + b.length / 4) {
        out2.reset();
        detectAttacks(b, 0, cut, "", 4, out2, <i32>(n % 5));
      }
    }
    // long repetitions stay linear (a quadratic scan would take far longer than the suite's budget)
    let big = "";
    for (let k = 0; k < 700; k++) big += "document/*x*/window/*";
    big += "*/ document/**/.cookie";
    out2.reset();
    detectAttacks(bytes(big), 0, big.length, "", 4, out2, SOURCE_JSON);
    expect(out2.has(ATTACK_XSS)).toBe(true);
  });
});
