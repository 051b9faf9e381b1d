// Evidence for every decision: one JSON log line per stream that had findings or a block, and a compact
// summary for Envoy access logs (filter state). Matched values appear only as `report.values` allows:
// none (default), masked, sha256-prefix, or raw (lab only).
import { Report, ReportValues } from "../policy/model";
import { Direction } from "../policy/model";
import { JsonObject, jsonString } from "../util/jsonwriter";
import { sha256, hexPrefix } from "../util/sha256";

const MAX_LISTED = 200; // findings listed one by one; counts cover the rest

class Count {
  constructor(public detector: string, public action: string, public n: i32) {}
}

const NO_COUNTS: Count[] = []; // read only

// The lists are made on first use: most streams have nothing to report.
export class Evidence {
  private items: string[] | null = null;
  private counts: Count[] | null = null;
  private notes: string[] | null = null;
  private blockedBy: string = "";
  private total: i32 = 0;

  private requestId: string = "";
  private method: string = "";
  private route: string = "";
  private token: string = "";
  private local: string = "";
  private peer: string = "";

  /** Who and where; the JSON is built only if there is something to report (most streams have nothing). */
  begin(requestId: string, method: string, route: string, local: string): void {
    this.requestId = requestId; this.method = method; this.route = route; this.local = local;
  }

  /** The token identity and peer service, set before `line` (worked out only when there is something to report). */
  setWho(token: string, peer: string): void { this.token = token; this.peer = peer; }

  /** One finding; `start`/`end` are raw body byte offsets (-1 for header/query values). */
  finding(direction: string, detector: string, category: string, action: string, path: string, start: i64, end: i64, value: string, report: Report): void {
    this.total++;
    let counts = this.counts;
    if (counts === null) { counts = []; this.counts = counts; }
    let found = false;
    for (let i = 0; i < counts.length && !found; i++) {
      const c = counts[i];
      if (c.detector == detector && c.action == action) { c.n++; found = true; }
    }
    if (!found) counts.push(new Count(detector, action, 1));
    let items = this.items;
    if (items === null) { items = []; this.items = items; }
    if (items.length >= MAX_LISTED) return;
    const o = new JsonObject().str("direction", direction).str("detector", detector).str("category", category)
      .str("action", action).str("path", path).num("start", <f64>start).num("end", <f64>end);
    const shown = reportValue(value, report);
    if (shown.length > 0) o.str("value", shown);
    items.push(o.close());
  }

  note(dir: Direction, text: string): void {
    let notes = this.notes;
    if (notes === null) { notes = []; this.notes = notes; }
    notes.push((dir == Direction.Request ? "request: " : "response: ") + text);
  }

  blocked(direction: string, reason: string): void {
    this.blockedBy = direction + ":" + reason;
  }

  get empty(): bool { return this.total == 0 && this.blockedBy.length == 0 && this.notes === null; }

  private get countList(): Count[] { const c = this.counts; return c === null ? NO_COUNTS : c; }

  /** The evidence log line, or "" when there is nothing to say. */
  line(): string {
    if (this.empty) return "";
    const cs = this.countList;
    let counts = "{";
    for (let i = 0; i < cs.length; i++) {
      if (i > 0) counts += ",";
      counts += jsonString(cs[i].detector + ":" + cs[i].action) + ":" + cs[i].n.toString();
    }
    counts += "}";
    const head = new JsonObject()
      .str("request_id", this.requestId).str("method", this.method).str("route", this.route)
      .str("token", this.token).str("local", this.local).str("peer", this.peer).close();
    const o = new JsonObject().str("microwaf", "evidence").raw("stream", head)
      .num("findings_total", this.total).raw("counts", counts).raw("findings", "[" + (this.items === null ? "" : changetype<string[]>(this.items).join(",")) + "]");
    if (this.blockedBy.length > 0) o.str("blocked", this.blockedBy);
    const notes = this.notes;
    if (notes !== null) {
      const ns = new Array<string>();
      for (let i = 0; i < notes.length; i++) ns.push(jsonString(notes[i]));
      o.raw("notes", "[" + ns.join(",") + "]");
    }
    return o.close();
  }

  /** `blocked=response:pii.credit_card;findings=pii.ssn:redact:2,pii.email:alert:1` */
  summary(): string {
    let s = this.blockedBy.length > 0 ? "blocked=" + this.blockedBy + ";" : "";
    s += "findings=";
    const cs = this.countList;
    for (let i = 0; i < cs.length; i++) {
      if (i > 0) s += ",";
      s += cs[i].detector + ":" + cs[i].action + ":" + cs[i].n.toString();
    }
    return s;
  }
}

/** A matched value as the report style allows: "" (none), masked, sha256-prefix, or raw. */
export function reportValue(value: string, report: Report): string {
  if (value.length == 0) return "";
  const style = report.values;
  if (style == ReportValues.None) return "";
  if (style == ReportValues.Raw) return value;
  if (style == ReportValues.Sha256Prefix) {
    const hex = hexPrefix(sha256(Uint8Array.wrap(String.UTF8.encode(value))), 32);
    return "sha256:" + hex.substring(0, min(report.hashPrefix, 64));
  }
  // masked: like redact keep_last 4 — separators keep the shape, only the last 4 characters of a value of
  // at least 10 stay (shorter values are masked whole)
  const n = value.length;
  const keepFrom = n >= 10 ? n - 4 : n;
  let out = "";
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    const sep = c == 0x20 || c == 0x2d || c == 0x2e || c == 0x40 || c == 0x2f;
    out += i >= keepFrom || sep ? String.fromCharCode(c) : "*";
  }
  return out;
}
