/// <reference types="assemblyscript/std/assembly/index" />
/// <reference types="@as-pect/assembly/types/as-pect.d" />
// The detectors on adversarial shapes (16 KB of one repeated fragment) and on the edges of the shortcuts that
// keep them linear: every result here is what the straightforward (quadratic) readings gave. No timings.
import { AttackFindings, AttackScanner, ATTACK_XSS, ATTACK_PATH_TRAVERSAL, ATTACK_SSRF, ATTACK_COMMAND_INJECTION,
  ATTACK_LOG4SHELL, ATTACK_NOSQLI, REQUEST_KINDS, SOURCE_JSON } from "../../assembly/attack/index";

import { bytes } from "./attack-helpers";
const scanner = new AttackScanner();
const out = new AttackFindings();
/** Lowest level at which `kind` fires on s (0: not even at level 4). */
function levelOf(s: string, kind: i32, source: i32 = SOURCE_JSON): i32 {
  out.reset();
  const b = bytes(s);
  scanner.detect(b, 0, b.length, "k", 4, out, source);
  for (let i = 0; i < out.count; i++) if (out.kinds[i] == kind) return out.levels[i];
  return 0;
}
function rep(s: string, n: i32): string { return s.repeat(n); }

describe("adversarial shapes", () => {
  test("16 KB of one fragment, every source: no trap, bounded result", () => {
    const frags = ["a", "a ", "\" a=", "o:\"", "::", "<", "<a ", "<a on", "(", "${", "%25", "&#", "&", "\\u", "../", "..", "/*", "--",
      "@{[", "{{", "[", "'+'", "c:\\", "http://", "http://a@", "'", "\"", "=", "<!--", "{\"$", "rO0AB", "é", "\u0000"];
    for (let f = 0; f < frags.length; f++) {
      const v = bytes(frags[f].repeat(16000 / frags[f].length + 1));
      for (let src = 0; src < 5; src++) {
        out.reset();
        scanner.detect(v, 0, v.length, "k", 4, out, src, REQUEST_KINDS);
        expect(out.count <= 9).toBe(true);
      }
    }
  });
  test("plain repeats stay quiet", () => {
    expect(levelOf(rep("\" a=", 4000), ATTACK_XSS)).toBe(0);
    expect(levelOf(rep("::", 8000), ATTACK_SSRF)).toBe(0);
    expect(levelOf(rep("..", 8000), ATTACK_PATH_TRAVERSAL)).toBe(0);
    expect(levelOf(rep("c:\\", 5000), ATTACK_PATH_TRAVERSAL)).toBe(0);
    expect(levelOf(rep("a", 16000), ATTACK_COMMAND_INJECTION)).toBe(0);
    expect(levelOf(rep("&", 16000), ATTACK_LOG4SHELL)).toBe(0);
    expect(levelOf("\" o" + rep("o\"", 8000), ATTACK_XSS)).toBe(0);
  });
});

describe("attack.xss: attribute breakout after a quote (256-byte window, 64 attributes)", () => {
  test("a handler after many attributes inside the window", () => {
    expect(levelOf(rep("\" a=", 60) + " onload=alert(1)", ATTACK_XSS)).toBe(1);
    expect(levelOf("\"/" + rep("aaaaaaaaa/", 20) + "xmlns=x", ATTACK_XSS)).toBe(1);
    expect(levelOf("\"/" + rep("a/", 62) + "xmlns=x", ATTACK_XSS)).toBe(1);
  });
  test("past the window or past 64 attributes: not from this quote", () => {
    expect(levelOf("\"/" + rep("aaaaaaaaa/", 26) + "xmlns=x", ATTACK_XSS)).toBe(0);
    expect(levelOf("\"/" + rep("a/", 70) + "xmlns=x", ATTACK_XSS)).toBe(0);
    expect(levelOf(rep("\"/" + rep("a/", 70), 100) + "xmlns=x", ATTACK_XSS)).toBe(0);
  });
  test("a name cut by the window's end reads as that prefix", () => {
    // "xmlnsfoo" cut to "xmlns" (and "formactionxyz" to "formaction") right at the window's end
    expect(levelOf("\"/" + rep("aaaaaaaaa/", 25) + "/xmlnsfoo", ATTACK_XSS)).toBe(1);
    expect(levelOf("\"/" + rep("aaaaaaaaa/", 25) + "xmlnsfoo", ATTACK_XSS)).toBe(0);
    expect(levelOf("\"/" + rep("aaaaaaaaa/", 24) + "aaaaa/formactionxyz", ATTACK_XSS)).toBe(1);
    expect(levelOf("\"/" + rep("aaaaaaaaa/", 24) + "aaaa/formactionxyz", ATTACK_XSS)).toBe(0);
    expect(levelOf("\"/" + rep("aaaaaaaaa/", 25) + "/xmlns:x", ATTACK_XSS)).toBe(1);
  });
});

describe("shortcuts in ssrf, traversal, code, log4shell, nosqli", () => {
  test("ssrf: schemes at ':' and the trailing-'?' include trick", () => {
    expect(levelOf("jar:http://x/a!/b", ATTACK_SSRF)).toBe(1);
    expect(levelOf(rep("http://h/x", 1000) + "?", ATTACK_SSRF)).toBe(1);
    expect(levelOf(rep("http://h/x ", 1000) + "?", ATTACK_SSRF)).toBe(0);
  });
  test("traversal: OS files in a URL's path are routes (level 2)", () => {
    expect(levelOf("http://h/" + rep("var/log/", 1000), ATTACK_PATH_TRAVERSAL)).toBe(2);
    expect(levelOf("http://h/" + rep("var/log/", 1000) + " x", ATTACK_PATH_TRAVERSAL)).toBe(2);
    expect(levelOf("c:\\windows\\win.ini", ATTACK_PATH_TRAVERSAL)).toBe(1);
  });
  test("code: serialized Java markers and base64 names", () => {
    expect(levelOf("x" + rep("rO0AB", 3), ATTACK_COMMAND_INJECTION)).toBe(1);
    expect(levelOf("aced0005", ATTACK_COMMAND_INJECTION)).toBe(1);
    expect(levelOf(rep("a", 100) + "cnvudgltzq", ATTACK_COMMAND_INJECTION)).toBe(3);
  });
  test("log4shell and nosqli after runs of '&' and '${'", () => {
    expect(levelOf(rep("&", 100) + "${jndi:ldap://x}", ATTACK_LOG4SHELL)).toBe(1);
    expect(levelOf("$&lbrace;jndi:ldap://x}", ATTACK_LOG4SHELL)).toBe(1);
    expect(levelOf(rep("${", 8000), ATTACK_NOSQLI)).toBe(0);
    expect(levelOf("{\"$where\": \"sleep(1)\"}", ATTACK_NOSQLI)).toBe(1);
  });
});
