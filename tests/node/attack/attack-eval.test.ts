// A fast subset of tests/eval/attacks (full tables: node --import tsx tests/eval/attacks/run.ts). Asserts the
// issue's targets so a detector change that regresses them fails CI; CRS groups get floors at the measured level.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { AttackHarness } from "../../eval/attacks/harness.ts";
import { CRS_GROUPS, benignFlagged, benignRequests, caseLevel, corporaPresent, evalBenignLines, evalLibinjectionFile,
  libinjectionDir, libinjectionFiles, loadCrsCases, readLines } from "../../eval/attacks/eval.ts";

const skip = corporaPresent() ? false : "corpora not found at ../shared/corpora";
const h = skip ? (null as unknown as AttackHarness) : new AttackHarness();

test("libinjection SQLi samples: >= 99% detected at paranoia 1 (all 17k lines, ~3 s)", { skip }, () => {
  let n = 0, d = 0;
  for (const { file, kind } of libinjectionFiles().filter((f) => f.kind === "attack.sqli")) {
    const r = evalLibinjectionFile(h, file, kind);
    n += r.total; d += r.either[0];
  }
  assert.ok(d / n >= 0.99, `SQLi detection ${(100 * d / n).toFixed(2)}% < 99%`);
});

test("libinjection XSS samples: >= 95% detected at paranoia 1", { skip }, () => {
  let n = 0, d = 0;
  for (const { file, kind } of libinjectionFiles().filter((f) => f.kind === "attack.xss")) {
    const r = evalLibinjectionFile(h, file, kind);
    n += r.total; d += r.either[0];
  }
  assert.ok(d / n >= 0.95, `XSS detection ${(100 * d / n).toFixed(2)}% < 95%`);
});

test("libinjection false_positives.txt: <= 5% flagged as attack.sqli at paranoia 1", { skip }, () => {
  const r = evalBenignLines(h, readLines(join(libinjectionDir, "false_positives.txt")), true);
  assert.ok(r.sqli[0] / r.total <= 0.05, `false positives ${r.sqli[0]}/${r.total}`);
  assert.ok(r.any[0] / r.total <= 0.05, `any attack.* on false positives ${r.any[0]}/${r.total}`);
});

test("benign generated JSON requests: <= 0.5% flagged at paranoia 1", { skip }, async () => {
  const reqs = await benignRequests(1000);
  const r = benignFlagged(h, reqs, 1);
  assert.ok(r.flagged / reqs.length <= 0.005, `benign flagged ${r.flagged}/1000: ${r.examples.join(" | ")}`);
});

// Measured PL1 detection per CRS group (docs/attacks.md) minus a small margin, and the 90 % overall.
const CRS_FLOORS: Record<string, number> = { "930": 0.96, "931": 0.9, "932": 0.96, "933": 0.95, "934": 0.84, "941": 0.94, "942": 0.95, "944": 0.98 };

test("CRS regression tests: PL1 detection >= 90 % overall and per group above the measured floor", { skip }, () => {
  const cases = loadCrsCases().filter((c) => c.positive && c.pl === 1 && c.group in CRS_FLOORS);
  let all = 0;
  for (const [g, floor] of Object.entries(CRS_FLOORS)) {
    const pos = cases.filter((c) => c.group === g);
    const det = pos.filter((c) => { const l = caseLevel(h, c, CRS_GROUPS[g].kinds); return l > 0 && l <= 1; }).length;
    all += det;
    assert.ok(det / pos.length >= floor, `CRS ${g}: ${det}/${pos.length} below floor ${floor}`);
  }
  assert.ok(all / cases.length >= 0.9, `CRS PL1 overall ${all}/${cases.length} < 90%`);
});

test("leak detectors: stack traces and SQL errors in responses, quiet on plain JSON", { skip }, () => {
  const yes = [
    ["leak.stack_trace", "Exception in thread \"main\" java.lang.IllegalStateException\n\tat com.acme.App.main(App.java:12)"],
    ["leak.stack_trace", "TypeError: x is undefined\n    at Object.<anonymous> (/srv/app/index.js:3:9)\n    at Module._compile (node:internal/modules/cjs/loader:1105:14)"],
    ["leak.stack_trace", "panic: runtime error: index out of range [3] with length 3\n\ngoroutine 1 [running]:\nmain.main()\n\t/app/main.go:8 +0x1d"],
    ["leak.stack_trace", "PHP Fatal error:  Uncaught Error: Call to undefined function foo() in /var/www/index.php:3"],
    ["leak.stack_trace", "System.NullReferenceException: Object reference not set\n   at Acme.Web.Controllers.Home.Index() in C:\\src\\Home.cs:line 42"],
    ["leak.sql_error", "ERROR:  syntax error at or near \"FROM\" LINE 1: SELECT * FROM"],
    ["leak.sql_error", "ORA-01756: quoted string not properly terminated"],
    ["leak.sql_error", "Unclosed quotation mark after the character string ''."],
    ["leak.sql_error", "SQLSTATE[42000]: Syntax error or access violation: 1064"],
  ] as const;
  for (const [kind, text] of yes) assert.ok(h.detectResponse(text, 1).levels.has(kind), `${kind} missed: ${text.slice(0, 50)}`);
  for (const text of ['{"id":1,"name":"Ann","notes":"We had an exception to the rule; SQL is fun"}', "<html><body>Order received</body></html>"]) {
    assert.equal(h.detectResponse(text, 1).mask, 0, text);
  }
});
