// The attack-detector evaluation: libinjection samples, CRS regression tests, generated benign JSON traffic.
// Data is read from ../shared/corpora (never copied). run.ts prints the tables; tests/node/attack asserts the
// targets on a fast subset.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { AttackHarness, Kind, Source, root } from "./harness.ts";

export const corpora = join(root, "../shared/corpora");
export const libinjectionDir = join(corpora, "libinjection");
export const crsDir = join(corpora, "crs-regression");

/** Percent-decoding to bytes ('+' as space: the samples are query-string values); never throws. */
export function urlDecodeBytes(s: string, plus = true): Uint8Array {
  const src = Buffer.from(s, "latin1");
  const out: number[] = [];
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === 0x25 && i + 2 < src.length + 0 && /^[0-9a-fA-F]{2}$/.test(String.fromCharCode(src[i + 1], src[i + 2]))) {
      out.push(parseInt(String.fromCharCode(src[i + 1], src[i + 2]), 16));
      i += 2;
    } else if (c === 0x2b && plus) out.push(0x20);
    else out.push(c);
  }
  return Uint8Array.from(out);
}

export function readLines(file: string): string[] {
  return readFileSync(file, "latin1").split(/\r?\n/).filter((l) => l.length > 0 && !l.startsWith("#"));
}

// ---------------------------------------------------------------------------------------------------------
// libinjection

export interface FileResult { file: string; kind: Kind; total: number; json: number[]; query: number[]; either: number[] }

/** Lowest level (1–4) at which `kind` fires, or 0. */
function levelFor(h: AttackHarness, value: string | Uint8Array, kind: Kind, source: Source, key = ""): number {
  return h.detect(value, key, 4, source).levels.get(kind) ?? 0;
}

/** Per level 1..4 (index 0..3): how many lines were detected. */
export function evalLibinjectionFile(h: AttackHarness, file: string, kind: Kind, limit = Infinity): FileResult {
  const lines = readLines(join(libinjectionDir, file)).slice(0, limit);
  const json = [0, 0, 0, 0], query = [0, 0, 0, 0], either = [0, 0, 0, 0];
  for (const line of lines) {
    // as a JSON value: the JSON scanner hands over the decoded text; as a query parameter: the raw text
    const lj = levelFor(h, urlDecodeBytes(line), kind, "json");
    const lq = levelFor(h, line, kind, "query");
    for (let l = 1; l <= 4; l++) {
      if (lj > 0 && lj <= l) json[l - 1]++;
      if (lq > 0 && lq <= l) query[l - 1]++;
      if ((lj > 0 && lj <= l) || (lq > 0 && lq <= l)) either[l - 1]++;
    }
  }
  return { file, kind, total: lines.length, json, query, either };
}

export function libinjectionFiles(): { file: string; kind: Kind }[] {
  return readdirSync(libinjectionDir).filter((f) => /^(sqli|xss)-.*\.txt$/.test(f)).sort()
    .map((file) => ({ file, kind: (file.startsWith("sqli") ? "attack.sqli" : "attack.xss") as Kind }));
}

/** False positives: any attack.* (and attack.sqli alone) per level on benign lines. */
export function evalBenignLines(h: AttackHarness, lines: string[], encoded: boolean): { total: number; sqli: number[]; any: number[]; flagged: string[][] } {
  const sqli = [0, 0, 0, 0], any = [0, 0, 0, 0];
  const flagged: string[][] = [[], [], [], []];
  for (const line of lines) {
    const dj = h.detect(encoded ? urlDecodeBytes(line) : line, "", 4, "json");
    const dq = encoded ? h.detect(line, "", 4, "query") : dj;
    for (let l = 1; l <= 4; l++) {
      const s = Math.min(...[dj.levels.get("attack.sqli") ?? 9, dq.levels.get("attack.sqli") ?? 9]);
      let a = 9;
      for (const d of [dj, dq]) for (const [k, v] of d.levels) if (k.startsWith("attack.")) a = Math.min(a, v);
      if (s <= l) sqli[l - 1]++;
      if (a <= l) { any[l - 1]++; flagged[l - 1].push(line); }
    }
  }
  return { total: lines.length, sqli, any, flagged };
}

// ---------------------------------------------------------------------------------------------------------
// CRS regression tests

/** Paranoia level of each CRS rule, from the `tag:'paranoia-level/N'` of the rules at the corpus revision
 *  (coreruleset 2cbd1d019, rules/REQUEST-930…944-*.conf). The test YAML does not carry it. */
export const CRS_RULE_PL: Record<number, number> = Object.fromEntries(
  ("930100:1,930110:1,930120:1,930121:2,930130:1,930140:1,931100:1,931110:1,931120:1,931130:2,931131:2,932120:1,932125:1,932130:1," +
   "932131:2,932140:1,932160:1,932161:2,932170:1,932171:1,932175:1,932180:1,932190:3,932200:2,932205:2,932206:2,932207:2,932210:2," +
   "932220:2,932230:1,932231:2,932232:3,932235:1,932236:2,932237:3,932238:3,932239:2,932240:2,932250:1,932260:1,932270:1,932271:2," +
   "932280:1,932281:2,932290:3,932300:2,932301:3,932310:2,932311:3,932320:2,932321:3,932330:1,932331:3,932340:1,932350:3,932370:1," +
   "932371:2,932380:1,932390:2,933100:1,933110:1,933111:3,933120:1,933130:1,933131:3,933135:1,933140:1,933150:1,933151:2,933152:2," +
   "933153:2,933160:1,933161:3,933170:1,933180:1,933190:3,933200:1,933210:1,933211:3,933220:1,934100:1,934101:2,934110:1,934120:2," +
   "934130:1,934140:2,934150:1,934160:1,934170:1,934180:2,934190:1,934200:1,934210:3,934220:2,941100:1,941101:2,941110:1,941120:1," +
   "941130:1,941140:1,941150:2,941160:1,941170:1,941180:1,941181:2,941190:1,941200:1,941210:1,941220:1,941230:1,941240:1,941250:1," +
   "941260:1,941270:1,941280:1,941290:1,941300:1,941310:1,941320:2,941330:2,941340:2,941350:1,941360:1,941370:1,941380:2,941390:1," +
   "941400:1,942100:1,942101:2,942120:2,942130:2,942131:2,942140:1,942150:2,942151:1,942152:2,942160:1,942170:1,942180:2,942190:1," +
   "942200:2,942210:2,942220:1,942230:1,942240:1,942250:1,942251:3,942260:2,942270:1,942280:1,942290:1,942300:2,942310:2,942320:1," +
   "942321:2,942330:2,942340:2,942350:1,942360:1,942361:2,942362:2,942370:2,942380:2,942390:2,942400:2,942410:2,942420:3,942421:4," +
   "942430:2,942431:3,942432:4,942440:2,942450:2,942460:3,942470:2,942480:2,942490:3,942500:1,942510:2,942511:3,942520:2,942521:2," +
   "942522:2,942530:3,942540:1,942550:1,942560:1,943100:1,943110:1,943120:1,944100:1,944110:1,944120:1,944130:1,944140:1,944150:1," +
   "944151:2,944152:4,944200:2,944210:2,944240:2,944250:2,944260:2,944300:3")
    .split(",").map((p) => p.split(":").map(Number) as [number, number]));

/** Which of our detectors answer for a CRS group (documented in docs/attacks.md). */
export const CRS_GROUPS: Record<string, { name: string; kinds: Kind[] }> = {
  "930": { name: "LFI / path traversal", kinds: ["attack.path_traversal"] },
  "931": { name: "RFI", kinds: ["attack.ssrf", "attack.path_traversal"] },
  "932": { name: "RCE / command injection", kinds: ["attack.command_injection"] },
  "933": { name: "PHP injection", kinds: ["attack.command_injection", "attack.ssti", "attack.path_traversal", "attack.ssrf"] },
  "934": { name: "generic (SSRF, proto, SSTI, Node)", kinds: ["attack.ssrf", "attack.prototype_pollution", "attack.ssti", "attack.command_injection", "attack.nosqli"] },
  "941": { name: "XSS", kinds: ["attack.xss"] },
  "942": { name: "SQLi (incl. NoSQL 942290)", kinds: ["attack.sqli", "attack.nosqli"] },
  "944": { name: "Java / Log4Shell", kinds: ["attack.log4shell", "attack.command_injection"] },
};

export interface RequestValue { key: string; value: string | Uint8Array; source: Source }

const STANDARD_HEADERS = new Set(["host", "accept", "accept-encoding", "accept-language", "accept-charset", "content-type",
  "content-length", "connection", "cache-control", "pragma", "keep-alive", "te", "transfer-encoding", "upgrade-insecure-requests",
  "proxy-connection", "if-modified-since", "if-none-match", "range", "expect", "authorization", "origin", "dnt", "sec-fetch-mode",
  "sec-fetch-site", "sec-fetch-dest", "sec-fetch-user", "priority"]);

function decodeComponent(s: string): string {
  return Buffer.from(urlDecodeBytes(s, true)).toString("latin1");
}

function pushQuery(out: RequestValue[], q: string, source: Source): void {
  for (const pair of q.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const rawName = eq < 0 ? pair : pair.slice(0, eq);
    const rawValue = eq < 0 ? "" : pair.slice(eq + 1);
    const name = decodeComponent(rawName);
    // names are values too (CRS inspects ARGS_NAMES); values go raw: the detectors URL-decode
    out.push({ key: "", value: rawName, source });
    out.push({ key: name, value: rawValue, source });
  }
}

function flattenJson(out: RequestValue[], v: unknown, path: string, depth = 0): void {
  if (depth > 32) return;
  if (Array.isArray(v)) v.forEach((x, i) => flattenJson(out, x, `${path}[${i}]`, depth + 1));
  else if (v !== null && typeof v === "object") {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      out.push({ key: "", value: k, source: "json" });
      flattenJson(out, x, k, depth + 1);
    }
  } else if (typeof v === "string") out.push({ key: path, value: v, source: "json" });
  else if (v !== null && v !== undefined) out.push({ key: path, value: String(v), source: "json" });
}

/** Split a request into the values the filter would hand to the detectors. */
export function requestValues(uri: string, headers: Record<string, string>, body: string | Uint8Array | undefined): RequestValue[] {
  const out: RequestValue[] = [];
  const q = uri.indexOf("?");
  const path = q < 0 ? uri : uri.slice(0, q);
  out.push({ key: ":path", value: path, source: "path" });
  if (q >= 0) pushQuery(out, uri.slice(q + 1).replace(/#.*$/, ""), "query");
  let ctype = "";
  for (const [name0, value] of Object.entries(headers)) {
    const name = name0.toLowerCase();
    if (name === "content-type") ctype = String(value).toLowerCase();
    if (name === "cookie") {
      for (const c of String(value).split(";")) {
        const eq = c.indexOf("=");
        const cn = (eq < 0 ? c : c.slice(0, eq)).trim();
        out.push({ key: "", value: cn, source: "cookie" });
        out.push({ key: cn, value: eq < 0 ? "" : c.slice(eq + 1).trim(), source: "cookie" });
      }
      continue;
    }
    if (STANDARD_HEADERS.has(name)) continue;
    out.push({ key: name, value: String(value), source: "header" });
  }
  if (body !== undefined && body.length > 0) {
    const text = typeof body === "string" ? body : Buffer.from(body).toString("latin1");
    if (ctype.includes("json")) {
      try { flattenJson(out, JSON.parse(text), "$"); }
      catch { out.push({ key: "", value: text, source: "json" }); }
    } else if (ctype.includes("multipart/form-data")) {
      const m = /boundary=("?)([^";]+)\1/.exec(ctype);
      const parts = m ? text.split("--" + m[2]) : [text];
      for (const part of parts) {
        const sep = part.indexOf("\r\n\r\n") >= 0 ? part.indexOf("\r\n\r\n") + 4 : part.indexOf("\n\n") + 2;
        const head = sep > 1 ? part.slice(0, sep) : "";
        const name = /name="([^"]*)"/i.exec(head)?.[1] ?? "";
        const fn = /filename="([^"]*)"/i.exec(head)?.[1];
        if (fn !== undefined) out.push({ key: "filename", value: fn, source: "json" });
        out.push({ key: name, value: (sep > 1 ? part.slice(sep) : part).replace(/\r?\n$/, ""), source: "json" });
      }
    } else if (ctype.includes("x-www-form-urlencoded") || (ctype === "" && !/^\s*</.test(text))) {
      // go-ftw completes a body without Content-Type as application/x-www-form-urlencoded (as browsers send forms)
      pushQuery(out, text.replace(/\r?\n$/, ""), "query");
    } else {
      out.push({ key: "", value: text, source: "json" });
      // XML bodies: attribute values and text nodes are values too (what an XML-aware scanner would emit)
      if (/^\s*</.test(text)) {
        for (const m of text.matchAll(/\s([\w:.-]+)\s*=\s*"([^"]*)"/g)) out.push({ key: m[1], value: m[2], source: "json" });
        for (const m of text.matchAll(/>([^<]+)</g)) if (m[1].trim()) out.push({ key: "", value: m[1], source: "json" });
      }
    }
  }
  return out;
}

function parseRawRequest(raw: Buffer): { method: string; uri: string; headers: Record<string, string>; headerList: [string, string][]; body: Uint8Array } {
  const text = raw.toString("latin1");
  const headEnd = text.indexOf("\r\n\r\n");
  const head = headEnd < 0 ? text : text.slice(0, headEnd);
  const lines = head.split(/\r\n/);
  const first = (lines[0] ?? "").split(" ");
  const uri = first[1] ?? "/";
  const headers: Record<string, string> = {};
  const headerList: [string, string][] = [];
  for (const l of lines.slice(1)) {
    const c = l.indexOf(":");
    if (c > 0) { headers[l.slice(0, c).trim()] = l.slice(c + 1).trim(); headerList.push([l.slice(0, c).trim(), l.slice(c + 1).trim()]); }
  }
  return { method: first[0] || "GET", uri, headers, headerList, body: headEnd < 0 ? new Uint8Array() : raw.subarray(headEnd + 4) };
}

/** A test stage's request as go-ftw sends it (headers in file order, names as written; body bytes). Method, URI
 *  and headers are wire bytes held in latin1 strings (UTF-8 text from the YAML), as the host's header maps take them. */
export interface CrsRequest { method: string; uri: string; headers: [string, string][]; body: Uint8Array | undefined; autocomplete: boolean }

export interface CrsCase { group: string; ruleId: number; pl: number; testId: string; positive: boolean; values: RequestValue[]; request: CrsRequest }

export function loadCrsCases(): CrsCase[] {
  const cases: CrsCase[] = [];
  for (const dir of readdirSync(crsDir).filter((d) => /^REQUEST-9\d\d-/.test(d)).sort()) {
    for (const f of readdirSync(join(crsDir, dir)).filter((x) => x.endsWith(".yaml")).sort()) {
      const doc = parseYaml(readFileSync(join(crsDir, dir, f), "utf8"), { uniqueKeys: false });
      const fileRule = Number(doc?.rule_id ?? f.replace(/\.yaml$/, ""));
      for (const t of doc?.tests ?? []) {
        for (const st of t.stages ?? []) {
          const input = st.input ?? st.stage?.input ?? {};
          const log = st.output?.log ?? st.output ?? {};
          const expect: number[] = log.expect_ids ?? [];
          const noExpect: number[] = log.no_expect_ids ?? [];
          let uri = String(input.uri ?? "/");
          let headers: Record<string, string> = input.headers ?? {};
          let body: string | Uint8Array | undefined = input.data === undefined ? undefined : String(input.data);
          let method = String(input.method ?? "GET");
          // go-ftw sends the YAML's text as UTF-8; the host (like Envoy's ABI) carries header bytes, as latin1 strings
          const wire = (x: string) => Buffer.from(x, "utf8").toString("latin1");
          let headerList: [string, string][] = Object.entries(headers).map(([k, v]) => [wire(k), wire(String(v))]);
          if (input.encoded_request) {
            const r = parseRawRequest(Buffer.from(String(input.encoded_request), "base64"));
            uri = r.uri; headers = r.headers; body = r.body; method = r.method; headerList = r.headerList;
          }
          if (!input.encoded_request) { method = wire(method); uri = wire(uri); }
          const request: CrsRequest = { method, uri, headers: headerList, autocomplete: input.autocomplete_headers !== false,
            body: body === undefined ? undefined : typeof body === "string" ? Buffer.from(body, "utf8") : body };
          const values = requestValues(uri, headers, body);
          const positive = expect.length > 0;
          const ruleId = positive ? (expect.includes(fileRule) ? fileRule : expect[0]) : (noExpect[0] ?? fileRule);
          const group = String(ruleId).slice(0, 3);
          cases.push({ group, ruleId, pl: CRS_RULE_PL[ruleId] ?? 1, testId: `${fileRule}-${t.test_id}`, positive, values, request });
        }
      }
    }
  }
  return cases;
}

/** Lowest level at which any of `kinds` fires on any of the case's values (0 = never). */
export function caseLevel(h: AttackHarness, c: CrsCase, kinds: Kind[] | null): number {
  let best = 0;
  for (const v of c.values) {
    const d = h.detect(v.value, v.key, 4, v.source);
    for (const [k, l] of d.levels) {
      if (kinds !== null && !kinds.includes(k)) continue;
      if (kinds === null && !k.startsWith("attack.")) continue;
      if (best === 0 || l < best) best = l;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------------------
// Benign traffic: realistic JSON API requests from @faker-js/faker under a fixed seed

export async function benignRequests(count: number, seed = 20261121): Promise<RequestValue[][]> {
  const { faker } = await import("@faker-js/faker");
  faker.seed(seed);
  const sqlishEnglish = ["Please select the best option from the list", "Drop me a line when you're ready", "I'd like to update my order and delete the old address",
    "Union members will meet at 5; bring snacks", "Where can I find the table of contents?", "Let's group by team and order by score",
    "It's 50% off -- today only!", "Rock 'n' roll & blues", "Tom & Jerry; Bonnie & Clyde", "O'Reilly's \"Learning SQL\" book",
    "1 or 2 items, not more", "Select all that apply", "Insert coin to continue", "She said: \"don't go\"", "Meet me @ 10; sleep well",
    "Costs $5 (or less)", "Use the -v flag or --verbose", "x = y + z, where z > 0", "The cat sat on the mat | the dog didn't", "we ran: npm install && npm test",
    "Windows path C:\\Users\\me\\Documents", "see ../README.md for details", "email me at a.b@example.com", "{{ first_name }}, your order shipped", "Price: ${price}"];
  const reqs: RequestValue[][] = [];
  for (let i = 0; i < count; i++) {
    const shape = i % 6;
    let body: unknown;
    if (shape === 0) body = { user: { firstName: faker.person.firstName(), lastName: faker.person.lastName(), email: faker.internet.email(), phone: faker.phone.number() },
      address: { street: faker.location.streetAddress(), city: faker.location.city(), zip: faker.location.zipCode(), country: faker.location.country() } };
    else if (shape === 1) body = { postId: faker.string.uuid(), author: faker.person.fullName(), comment: faker.lorem.sentences({ min: 1, max: 3 }) + " " + faker.helpers.arrayElement(sqlishEnglish), rating: faker.number.int({ min: 1, max: 5 }) };
    else if (shape === 2) body = { title: faker.company.catchPhrase(), body: `# ${faker.lorem.words(3)}\n\n* ${faker.lorem.sentence()}\n* [link](${faker.internet.url()})\n\n\`code\` and **bold** — ${faker.helpers.arrayElement(sqlishEnglish)}`, tags: faker.lorem.words(3).split(" ") };
    else if (shape === 3) body = { order: { id: faker.string.alphanumeric(12), items: Array.from({ length: 3 }, () => ({ sku: faker.commerce.isbn(), name: faker.commerce.productName(), price: faker.commerce.price(), qty: faker.number.int(9) })), note: faker.helpers.arrayElement(sqlishEnglish) } };
    else if (shape === 4) body = { url: faker.internet.url(), avatar: faker.image.url(), redirect: faker.internet.url() + "/" + faker.system.filePath().replace(/^\//, ""), userAgent: faker.internet.userAgent(), ip: faker.internet.ipv4(), domain: faker.internet.domainName() };
    else body = { company: faker.company.name(), bio: faker.person.bio(), jobTitle: faker.person.jobTitle(), motto: faker.hacker.phrase(), search: faker.helpers.arrayElement(sqlishEnglish), query: faker.lorem.word() + " " + faker.helpers.arrayElement(["and", "or", "not"]) + " " + faker.lorem.word() };
    const values: RequestValue[] = [];
    flattenJson(values, body, "$");
    reqs.push(values);
  }
  return reqs;
}

export function benignFlagged(h: AttackHarness, reqs: RequestValue[][], level: number): { flagged: number; examples: string[] } {
  let flagged = 0;
  const examples: string[] = [];
  for (const r of reqs) {
    for (const v of r) {
      const d = h.detect(v.value, v.key, level, v.source);
      const hit = [...d.levels.keys()].filter((k) => k.startsWith("attack."));
      if (hit.length > 0) { flagged++; if (examples.length < 8) examples.push(`${hit.join(",")} ${v.key}=${JSON.stringify(typeof v.value === "string" ? v.value : Buffer.from(v.value).toString())}`); break; }
    }
  }
  return { flagged, examples };
}

export function corporaPresent(): boolean { return existsSync(libinjectionDir) && existsSync(crsDir); }
