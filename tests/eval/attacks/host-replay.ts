// Replays CRS regression-test requests through the real filter (build/microwaf.wasm) in the project's own
// proxy-wasm host, presented the way Envoy hands them to a filter: pseudo-headers (:method, :path as sent,
// :authority from Host, :scheme), lower-case header names, the body as data frames, then a trivial response
// so the stream ends and the filter logs its evidence. What was found is read from the evidence log.
// Evidence does not record a paranoia level, so one plugin per level (1–4) runs and a kind's level is the
// lowest at which it is reported.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { createPlugin, type Plugin } from "../../../src/host/index.ts";
import { checkText, formatDiagnostic } from "../../../src/policy/index.ts";
import { renderJson } from "../../../src/policy/render.ts";
import { root, type AttackHarness, type Kind } from "./harness.ts";
import { CRS_GROUPS, caseLevel, type CrsCase, type CrsRequest } from "./eval.ts";

export const FILTER_WASM = join(root, "build/microwaf.wasm");

/** All attack.* detectors, alert only, at paranoia `level`. */
export function attackPolicy(level: number): string {
  return `version: 1\nenable: ["attack.*"]\nattacks: {paranoia: ${level}}\nrules:\n  - { detectors: ["attack.*"], action: alert }\n`;
}

function render(yaml: string): string {
  const r = checkText("crs-host.yaml", yaml);
  if (!r.policy) throw new Error(r.diagnostics.map(formatDiagnostic).join("\n"));
  return renderJson(r.policy);
}

/** Data frames: Envoy delivers HTTP/1 bodies in pieces; 16 KiB keeps every CRS body in one or two frames. */
const FRAME = 16 * 1024;

/** The request as the filter sees it in Envoy. go-ftw completes a body without Content-Type as
 *  application/x-www-form-urlencoded and adds Content-Length (unless autocomplete_headers is false). */
export function envoyHeaders(r: CrsRequest): [string, string][] {
  const out: [string, string][] = [[":method", r.method], [":scheme", "http"], [":path", r.uri || "/"]];
  let authority = "localhost";
  let ctype = false, clen = false;
  const rest: [string, string][] = [];
  for (const [k, v] of r.headers) {
    const name = k.toLowerCase();
    if (name === "host") { authority = v; continue; }
    if (name === "content-type") ctype = true;
    if (name === "content-length") clen = true;
    rest.push([name, v]);
  }
  out.push([":authority", authority]);
  const n = r.body?.length ?? 0;
  if (r.autocomplete && n > 0) {
    if (!ctype) rest.push(["content-type", "application/x-www-form-urlencoded"]);
    if (!clen) rest.push(["content-length", String(n)]);
  }
  return [...out, ...rest];
}

export interface HostFinding { detector: string; path: string }
export interface HostResult { levels: Map<Kind, number>; where: Map<Kind, string[]> }

export class HostReplay {
  readonly plugins: Plugin[];

  constructor(wasm = FILTER_WASM) {
    if (!existsSync(wasm)) throw new Error(`${wasm} not found: run npm run build`);
    this.plugins = [1, 2, 3, 4].map((level) => {
      const p = createPlugin({ wasm, rootId: "microwaf", configuration: render(attackPolicy(level)), vmCount: 1 });
      if (!p.configured) throw new Error(`filter rejected the policy: ${p.logText()}`);
      return p;
    });
  }

  /** attack.* findings (detector, path) for one request at paranoia `level`. */
  findings(r: CrsRequest, level: number): HostFinding[] {
    const p = this.plugins[level - 1];
    p.logs.length = 0;
    const s = p.newStream();
    const body = r.body ?? new Uint8Array();
    s.sendRequestHeaders(envoyHeaders(r), body.length === 0);
    for (let i = 0; i < body.length; i += FRAME) s.sendRequestBody(body.subarray(i, i + FRAME), i + FRAME >= body.length);
    if (s.localReply === null) s.sendResponse({ headers: { ":status": "200", "content-type": "text/plain" } });
    const out: HostFinding[] = [];
    for (const l of p.logs) {
      if (!l.message.startsWith('{"microwaf":"evidence"')) continue;
      for (const f of JSON.parse(l.message).findings ?? []) {
        if (f.direction === "request" && String(f.detector).startsWith("attack.")) out.push({ detector: f.detector, path: f.path });
      }
    }
    return out;
  }

  /** Lowest paranoia level (1–4) at which each attack kind is reported for the request, and where (evidence
   *  paths at that level). Level 4 first: most benign requests then cost one run. */
  levels(r: CrsRequest): HostResult {
    const at4 = this.findings(r, 4);
    const kinds4 = new Set(at4.map((f) => f.detector as Kind));
    const res: HostResult = { levels: new Map(), where: new Map() };
    const note = (fs: HostFinding[], l: number) => {
      for (const f of fs) {
        const k = f.detector as Kind;
        const prev = res.levels.get(k);
        if (prev !== undefined && prev < l) continue;
        res.levels.set(k, l);
        const w = res.where.get(k) ?? [];
        if (!w.includes(f.path)) w.push(f.path);
        res.where.set(k, w);
      }
    };
    for (let l = 1; l <= 3 && res.levels.size < kinds4.size; l++) note(this.findings(r, l), l);
    note(at4.filter((f) => !res.levels.has(f.detector as Kind)), 4);
    return res;
  }

  close(): void { for (const p of this.plugins) p.close(); }
}

/** Lowest level at which any of `kinds` (all attack.* when null) is reported (0 = never). */
export function hostCaseLevel(levels: Map<Kind, number>, kinds: Kind[] | null): number {
  let best = 0;
  for (const [k, l] of levels) {
    if (kinds !== null && !kinds.includes(k)) continue;
    if (best === 0 || l < best) best = l;
  }
  return best;
}

/** Host results of every case. */
export function replayAll(h: HostReplay, cases: CrsCase[]): Map<CrsCase, HostResult> {
  const m = new Map<CrsCase, HostResult>();
  for (const c of cases) m.set(c, h.levels(c.request));
  return m;
}

/** Positives detected at the rule's level by the harness but not through the host (and vice versa), grouped
 *  by why: the request parts whose values fired (harness) or the evidence paths (host). */
export function crsGaps(cases: CrsCase[], h: AttackHarness, host: Map<CrsCase, HostResult>):
    { harnessOnly: CrsCase[]; hostOnly: CrsCase[]; byReason: [string, string[]][] } {
  const harnessOnly: CrsCase[] = [], hostOnly: CrsCase[] = [];
  const reasons = new Map<string, string[]>();
  const add = (why: string, c: CrsCase) => { const l = reasons.get(why) ?? []; l.push(c.testId); reasons.set(why, l); };
  for (const c of cases) {
    const info = CRS_GROUPS[c.group];
    if (!c.positive || !info) continue;
    const hr = host.get(c);
    if (!hr) continue;
    const lh = caseLevel(h, c, info.kinds), lo = hostCaseLevel(hr.levels, info.kinds);
    const a = lh > 0 && lh <= c.pl, b = lo > 0 && lo <= c.pl;
    if (a === b) continue;
    const ctype = (c.request.headers.find(([k]) => k.toLowerCase() === "content-type")?.[1] ?? "").split(";")[0].trim().toLowerCase();
    if (a) {
      harnessOnly.push(c);
      const parts = new Set<string>();
      for (const v of c.values) {
        const d = h.detect(v.value, v.key, c.pl, v.source);
        if (![...d.levels.keys()].some((k) => info.kinds.includes(k))) continue;
        if (v.source === "header") parts.add(`header ${v.key}`);
        else if (v.source === "json") parts.add(`body ${ctype || "(none)"}${v.key === "" ? " name/text" : ""}`);
        else parts.add(`${v.source}${v.key === "" ? " name" : ""}`);
      }
      add(`harness only (${c.group}): ${[...parts].sort().join(" + ")}`, c);
    } else {
      hostOnly.push(c);
      const where = new Set<string>();
      for (const k of info.kinds) for (const p of hr.where.get(k) ?? []) if ((hr.levels.get(k) ?? 9) <= c.pl) where.add(p);
      add(`host only (${c.group}, ${ctype || "no content-type"}): ${[...where].sort().join(" + ")}`, c);
    }
  }
  const byReason = [...reasons].sort((x, y) => y[1].length - x[1].length);
  return { harnessOnly, hostOnly, byReason };
}

/** Benign whole requests (@faker-js/faker, fixed seed) for the host: browser-like and service headers, cookies,
 *  a query string and a JSON body, so the false-positive cost of reading headers and cookies is measured too. */
export async function benignHostRequests(count: number, seed = 20261122): Promise<CrsRequest[]> {
  const { faker } = await import("@faker-js/faker");
  faker.seed(seed);
  const prose = ["Drop me a line when you're ready", "Union members will meet at 5; bring snacks", "O'Reilly's \"Learning SQL\"",
    "Tom & Jerry; Bonnie & Clyde", "1 or 2 items, not more", "see ../README.md for details", "Costs $5 (or less)"];
  const out: CrsRequest[] = [];
  for (let i = 0; i < count; i++) {
    const q = new URLSearchParams({ q: faker.helpers.arrayElement([faker.lorem.words(2), faker.helpers.arrayElement(prose)]), page: String(faker.number.int(50)),
      sort: faker.helpers.arrayElement(["price_asc", "-created_at", "name"]), ref: faker.internet.url() });
    const headers: [string, string][] = [
      ["Host", faker.internet.domainName()], ["User-Agent", faker.internet.userAgent()], ["Referer", faker.internet.url() + "/" + faker.lorem.slug()],
      ["Accept", "application/json, text/plain, */*"], ["Accept-Language", "en-US,en;q=0.9"],
      ["Cookie", `_ga=GA1.2.${faker.number.int(1e9)}.${faker.number.int(1e9)}; session=${faker.string.uuid()}; prefs=${encodeURIComponent(JSON.stringify({ theme: faker.helpers.arrayElement(["dark", "light"]), lang: faker.location.countryCode() }))}; last_search=${encodeURIComponent(faker.helpers.arrayElement(prose))}`],
      ["X-Forwarded-For", `${faker.internet.ipv4()}, ${faker.internet.ipv4()}`], ["X-Forwarded-Host", faker.internet.domainName()],
      ["X-Request-Id", faker.string.uuid()], ["X-Correlation-Id", faker.string.uuid()], ["X-Client-Version", faker.system.semver()],
      ["X-User-Name", faker.person.fullName()], ["X-Tenant", faker.company.name()], ["Baggage", `userId=${faker.internet.username()},region=${faker.location.countryCode()}`],
      ["X-Device", `${faker.helpers.arrayElement(["iPhone", "Pixel 8", "SM-G991B"])}; ${faker.system.semver()}`],
      ["Content-Type", "application/json"],
    ];
    const body = Buffer.from(JSON.stringify({ name: faker.person.fullName(), email: faker.internet.email(), note: faker.helpers.arrayElement(prose), address: faker.location.streetAddress() }));
    out.push({ method: faker.helpers.arrayElement(["GET", "POST"]), uri: `/api/${faker.lorem.slug(2)}?${q}`, headers, body, autocomplete: true });
  }
  return out;
}
