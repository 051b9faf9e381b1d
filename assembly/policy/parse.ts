// JSON → typed policy parts, validating as it goes (Reader keeps the first error with its JSON path).
import { JsonValue } from "../util/json";
import { contentTypeRank, PathGlob } from "./glob";
import {
  Action, Blocklists, Body, ContentTypeEntry, DetectorDef, Direction, Identity, Limit, Redact, Report, Rule,
  Scanner, ServiceFrom, ServiceSource, Severity, TokenFrom, TokenSource, ValidatorRef,
} from "./model";
import { Reader } from "./reader";
import { validatorByName, validatorParam } from "../validators/index";

const MAX_WINDOW_MS: i64 = 86400000;
const SCANNERS = "json,grpc,protobuf,form,multipart,text,skip";

/** `pii.ssn`, `secret.aws_access_key`: lower-case dotted, at least two segments. */
export function validDetectorId(id: string): bool {
  if (id.length < 3) return false;
  let dots = 0;
  let prevDot = true;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c == 0x2e) { if (prevDot) return false; dots++; prevDot = true; continue; }
    const lower = c >= 0x61 && c <= 0x7a;
    const ok = lower || (c >= 0x30 && c <= 0x39) || c == 0x5f;
    if (!ok || (i == 0 && !lower)) return false;
    prevDot = false;
  }
  return dots > 0 && !prevDot;
}

function categoryOf(id: string): string {
  const a = id.indexOf(".");
  const b = a < 0 ? -1 : id.indexOf(".", a + 1);
  return b < 0 ? id : id.substring(0, b);
}

export function parseDetector(r: Reader, v: JsonValue, path: string): DetectorDef {
  const d = new DetectorDef();
  const o = r.object(v, path, "id,description,severity,pattern,literals,case_insensitive,validators,keys,context_only,except,examples");
  if (o === null) { if (!r.failed) r.fail(path, "must be an object"); return d; }
  d.id = r.str(o, "id", path, "");
  if (!validDetectorId(d.id)) r.fail(path + ".id", "must be a dotted lower-case id such as pii.ssn");
  d.category = categoryOf(d.id);
  d.description = r.str(o, "description", path, "");
  d.severity = <Severity>r.oneOf(o, "severity", path, "low,medium,high,critical", 1);
  const pat = o.get("pattern");
  if (pat !== null && !pat.isNull) {
    d.pattern = r.str(o, "pattern", path, "");
    d.hasPattern = d.pattern.length > 0;
    if (!d.hasPattern) r.fail(path + ".pattern", "must not be empty");
  }
  d.literals = r.strings(o, "literals", path);
  if (!d.hasPattern && d.literals.length == 0) r.fail(path, "needs a pattern or literals");
  d.caseInsensitive = r.bool(o, "case_insensitive", path, false);
  const vals = r.array(o.get("validators"), path + ".validators");
  if (vals !== null) {
    for (let i = 0; i < vals.length; i++) {
      const vp = path + ".validators[" + i.toString() + "]";
      const it = vals.at(i);
      if (it.isString) { d.validators.push(new ValidatorRef(it.str, 0, false)); continue; }
      if (it.isObject && it.has("name")) {
        // normalized form {name, param}
        const name = r.str(it, "name", vp, "");
        const pv = it.get("param");
        if (pv !== null && !pv.isNull && !pv.isNumber) r.fail(vp + ".param", "must be a number or null");
        d.validators.push(new ValidatorRef(name, pv !== null && pv.isNumber ? pv.num : 0, pv !== null && pv.isNumber));
        continue;
      }
      if (it.isObject && it.length == 1 && it.at(0).isNumber) { d.validators.push(new ValidatorRef(it.keyAt(0), it.at(0).num, true)); continue; }
      r.fail(vp, "must be a validator name, {name, param} or {name: number}");
    }
  }
  for (let i = 0; i < d.validators.length; i++) {
    const v = d.validators[i];
    v.id = validatorByName(v.name);
    const vp = path + ".validators[" + i.toString() + "]";
    if (v.id < 0) r.fail(vp, "unknown validator \"" + v.name + "\"");
    else if (v.hasParam && validatorParam(v.id).length == 0) r.fail(vp, "validator \"" + v.name + "\" takes no parameter");
  }
  const keys = r.object(o.get("keys"), path + ".keys", "require,boost,exclude");
  d.keysRequire = r.strings(keys, "require", path + ".keys");
  d.keysBoost = r.strings(keys, "boost", path + ".keys");
  d.keysExclude = r.strings(keys, "exclude", path + ".keys");
  d.contextOnly = r.bool(o, "context_only", path, false);
  if (d.contextOnly && d.keysRequire.length == 0 && d.keysBoost.length == 0) r.fail(path + ".context_only", "needs keys.require or keys.boost");
  d.except = r.strings(o, "except", path);
  return d;
}

/** Rules covering only attack.* default to requests, others to responses. */
function defaultDirection(selectors: string[]): Direction {
  let positives = 0;
  for (let i = 0; i < selectors.length; i++) {
    const s = selectors[i];
    if (s.startsWith("!")) continue;
    positives++;
    if (s != "attack" && !s.startsWith("attack.")) return Direction.Response;
  }
  return positives > 0 ? Direction.Request : Direction.Response;
}

export function parseRule(r: Reader, v: JsonValue, path: string, route: i32, index: i32): Rule {
  const rule = new Rule();
  rule.route = route;
  rule.index = index;
  const o = r.object(v, path, "detectors,action,redact,threshold,direction,status");
  if (o === null) { if (!r.failed) r.fail(path, "must be an object"); return rule; }
  rule.detectors = r.strings(o, "detectors", path);
  if (rule.detectors.length == 0) r.fail(path + ".detectors", "must name at least one detector");
  if (!o.has("action")) r.fail(path + ".action", "is required");
  rule.action = <Action>r.oneOf(o, "action", path, "alert,redact,block", 0);
  const red = r.object(o.get("redact"), path + ".redact", "style,keep,text,char");
  const rd = new Redact();
  rd.style = r.oneOf(red, "style", path + ".redact", "mask,keep_last,fixed", 0);
  rd.keep = <i32>r.int(red, "keep", path + ".redact", 4, 1, 16);
  rd.text = r.str(red, "text", path + ".redact", "[REDACTED]");
  rd.char = r.str(red, "char", path + ".redact", "*");
  if (rd.char.length != 1 || rd.char.charCodeAt(0) < 0x20 || rd.char.charCodeAt(0) > 0x7e) r.fail(path + ".redact.char", "must be one printable ASCII character");
  if (rd.text.length == 0) r.fail(path + ".redact.text", "must not be empty");
  rule.redact = rd;
  rule.threshold = <i32>r.int(o, "threshold", path, 1, 1, 1000000);
  rule.direction = o.has("direction") ? <Direction>(r.oneOf(o, "direction", path, "request,response,both", 1) + 1) : defaultDirection(rule.detectors);
  rule.status = <i32>r.int(o, "status", path, 403, 400, 599);
  return rule;
}

function parseDuration(r: Reader, o: JsonValue, path: string): i64 {
  // Rendered policies carry window_ms; `window` ("30s", "1m", "1h30m", "500ms") is accepted too.
  if (o.has("window_ms")) return r.int(o, "window_ms", path, 60000, 1000, MAX_WINDOW_MS);
  const s = r.str(o, "window", path, "");
  if (s.length == 0) { r.fail(path + ".window_ms", "is required"); return 60000; }
  let total: i64 = 0, num: i64 = 0, digits = 0, i = 0;
  let lastUnit = 5; // units must appear in order h, m, s, ms
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) { num = num * 10 + (c - 0x30); digits++; if (digits > 9) break; i++; continue; }
    if (digits == 0) break;
    let unit = -1;
    let mult: i64 = 0;
    if (c == 0x68) { unit = 0; mult = 3600000; }
    else if (c == 0x6d && i + 1 < s.length && s.charCodeAt(i + 1) == 0x73) { unit = 3; mult = 1; i++; }
    else if (c == 0x6d) { unit = 1; mult = 60000; }
    else if (c == 0x73) { unit = 2; mult = 1000; }
    if (unit < 0 || (lastUnit != 5 && unit <= lastUnit)) break;
    lastUnit = unit;
    total += num * mult;
    num = 0; digits = 0; i++;
  }
  if (i != s.length || digits != 0 || lastUnit == 5) { r.fail(path + ".window", "must be a duration such as 30s, 1m, 1h30m"); return 60000; }
  if (total < 1000 || total > MAX_WINDOW_MS) { r.fail(path + ".window", "must be between 1s and 24h"); return 60000; }
  return total;
}

export function parseLimit(r: Reader, v: JsonValue, path: string, index: i32): Limit {
  const l = new Limit();
  l.index = index;
  const o = r.object(v, path, "name,per,detectors,max,window,window_ms,action,direction,routes,status");
  if (o === null) { if (!r.failed) r.fail(path, "must be an object"); return l; }
  l.name = r.str(o, "name", path, "");
  if (l.name.length == 0) r.fail(path + ".name", "must be a non-empty string");
  if (!o.has("per")) r.fail(path + ".per", "is required");
  l.per = r.oneOf(o, "per", path, "token,peer_service,route", 0);
  l.detectors = r.strings(o, "detectors", path);
  if (l.detectors.length == 0) r.fail(path + ".detectors", "must name at least one detector");
  if (!o.has("max")) r.fail(path + ".max", "is required");
  l.max = <i32>r.int(o, "max", path, 1, 1, 1000000000);
  l.windowMs = parseDuration(r, o, path);
  const act = r.oneOf(o, "action", path, "alert,block", 1);
  l.action = act == 0 ? Action.Alert : Action.Block;
  l.direction = <Direction>(r.oneOf(o, "direction", path, "request,response,both", 1) + 1);
  l.routes = r.strings(o, "routes", path);
  l.status = <i32>r.int(o, "status", path, 429, 400, 599);
  return l;
}

export function parseIdentity(r: Reader, v: JsonValue | null, path: string): Identity {
  const id = new Identity();
  const o = r.object(v, path, "token,service");
  const t = r.object(o === null ? null : o.get("token"), path + ".token", "from,jwt_claim,hash");
  const from = r.array(t === null ? null : t.get("from"), path + ".token.from");
  if (from === null) id.tokenFrom.push(new TokenSource(TokenFrom.Header, "authorization", "Bearer "));
  else {
    for (let i = 0; i < from.length; i++) {
      const fp = path + ".token.from[" + i.toString() + "]";
      const f = r.object(from.at(i), fp, "header,cookie,prefix");
      if (f === null) { if (!r.failed) r.fail(fp, "must be an object"); continue; }
      const prefix = r.str(f, "prefix", fp, "");
      if (f.has("header") == f.has("cookie")) { r.fail(fp, "needs exactly one of header or cookie"); continue; }
      if (f.has("header")) id.tokenFrom.push(new TokenSource(TokenFrom.Header, r.str(f, "header", fp, "").toLowerCase(), prefix));
      else id.tokenFrom.push(new TokenSource(TokenFrom.Cookie, r.str(f, "cookie", fp, ""), prefix));
    }
  }
  id.jwtClaim = r.strOrNull(t, "jwt_claim", path + ".token", "sub");
  r.oneOf(t, "hash", path + ".token", "sha256", 0);
  const s = r.object(o === null ? null : o.get("service"), path + ".service", "local,peer");
  id.localService = parseServiceSources(r, s, "local", path + ".service");
  if (s === null || !s.has("local")) {
    id.localService.push(new ServiceSource(ServiceFrom.NodeMetadata, "WORKLOAD_NAME"));
    id.localService.push(new ServiceSource(ServiceFrom.NodeMetadata, "NAME"));
  }
  id.peerService = parseServiceSources(r, s, "peer", path + ".service");
  if (s === null || !s.has("peer")) {
    id.peerService.push(new ServiceSource(ServiceFrom.PeerMetadata, "WORKLOAD_NAME"));
    id.peerService.push(new ServiceSource(ServiceFrom.Spiffe, "service_account"));
  }
  return id;
}

function parseServiceSources(r: Reader, s: JsonValue | null, key: string, path: string): ServiceSource[] {
  const out = new Array<ServiceSource>();
  const arr = r.array(s === null ? null : s.get(key), path + "." + key);
  if (arr === null) return out;
  for (let i = 0; i < arr.length; i++) {
    const ip = path + "." + key + "[" + i.toString() + "]";
    const it = r.object(arr.at(i), ip, "node_metadata,peer_metadata,spiffe,header,value");
    if (it === null || it.length != 1 || !it.at(0).isString) { r.fail(ip, "needs exactly one of node_metadata, peer_metadata, spiffe, header, value"); continue; }
    const k = it.keyAt(0);
    const val = it.at(0).str;
    let from = ServiceFrom.Value;
    if (k == "node_metadata") from = ServiceFrom.NodeMetadata;
    else if (k == "peer_metadata") from = ServiceFrom.PeerMetadata;
    else if (k == "spiffe") {
      from = ServiceFrom.Spiffe;
      if (val != "id" && val != "service_account" && val != "namespace") r.fail(ip + ".spiffe", "must be one of id, service_account, namespace");
    } else if (k == "header") from = ServiceFrom.Header;
    out.push(new ServiceSource(from, from == ServiceFrom.Header ? val.toLowerCase() : val));
  }
  return out;
}

export function parseBlocklists(r: Reader, v: JsonValue | null, path: string): Blocklists {
  const b = new Blocklists();
  const o = r.object(v, path, "peer_services,tokens,jwt_subjects,ips,user_agents,paths,status");
  b.peerServices = r.strings(o, "peer_services", path);
  b.tokens = r.strings(o, "tokens", path);
  b.jwtSubjects = r.strings(o, "jwt_subjects", path);
  b.ips = r.strings(o, "ips", path);
  b.userAgents = r.strings(o, "user_agents", path);
  b.paths = r.strings(o, "paths", path);
  for (let i = 0; i < b.paths.length; i++) {
    const g = new PathGlob(b.paths[i]);
    if (g.error.length > 0) r.fail(path + ".paths[" + i.toString() + "]", g.error);
  }
  b.status = <i32>r.int(o, "status", path, 403, 400, 599);
  return b;
}

export function parseReport(r: Reader, v: JsonValue | null, path: string): Report {
  const rep = new Report();
  const o = r.object(v, path, "values,hash_prefix,evidence");
  rep.values = r.oneOf(o, "values", path, "none,masked,sha256-prefix,raw", 0);
  rep.hashPrefix = <i32>r.int(o, "hash_prefix", path, 12, 8, 64);
  rep.evidence = r.bool(o, "evidence", path, true);
  return rep;
}

const DEFAULT_TYPES = "application/json=json,application/*+json=json,application/x-ndjson=json,application/grpc=grpc,application/grpc+proto=grpc,application/grpc-web+proto=grpc,application/x-protobuf=protobuf,application/protobuf=protobuf,application/x-www-form-urlencoded=form,multipart/form-data=multipart,text/*=text,application/xml=text,application/*+xml=text,application/javascript=text";

export function parseBody(r: Reader, v: JsonValue | null, path: string): Body {
  const b = new Body();
  const o = r.object(v, path, "max_bytes,oversize,hold_bytes,hold_headers,content_types,compressed,max_inflated_bytes,strip_accept_encoding");
  b.maxBytes = r.int(o, "max_bytes", path, 1048576, 1024, 1073741824);
  b.oversize = r.oneOf(o, "oversize", path, "stream,pass,block", 0);
  b.holdBytes = r.int(o, "hold_bytes", path, 65536, 0, 67108864);
  if (b.holdBytes > b.maxBytes) r.fail(path + ".hold_bytes", "must not exceed max_bytes");
  b.holdHeaders = r.bool(o, "hold_headers", path, false);
  b.compressed = r.oneOf(o, "compressed", path, "inflate,pass,alert,block", 0);
  b.maxInflatedBytes = r.int(o, "max_inflated_bytes", path, 4194304, 1024, 1073741824);
  b.stripAcceptEncoding = r.bool(o, "strip_accept_encoding", path, false);
  // Defaults, then the policy's entries over them.
  const defs = DEFAULT_TYPES.split(",");
  const scanners = SCANNERS.split(",");
  for (let i = 0; i < defs.length; i++) {
    const kv = defs[i].split("=");
    setType(b, kv[0], <Scanner>scanners.indexOf(kv[1]));
  }
  const ct = r.object(o === null ? null : o.get("content_types"), path + ".content_types", "");
  if (ct !== null) {
    for (let i = 0; i < ct.length; i++) {
      const k = ct.keyAt(i).toLowerCase();
      const val = ct.at(i);
      const idx = val.isString ? scanners.indexOf(val.str) : -1;
      if (idx < 0) { r.fail(path + ".content_types[\"" + k + "\"]", "must be one of " + scanners.join(", ")); continue; }
      if (k != "*" && k.indexOf("/") <= 0) { r.fail(path + ".content_types[\"" + k + "\"]", "must be a media type glob such as application/json"); continue; }
      setType(b, k, <Scanner>idx);
    }
  }
  // Most specific first; a stable insertion sort keeps document order within a rank.
  const list = b.contentTypes;
  for (let i = 1; i < list.length; i++) {
    const x = list[i];
    let j = i - 1;
    while (j >= 0 && list[j].rank < x.rank) { list[j + 1] = list[j]; j--; }
    list[j + 1] = x;
  }
  return b;
}

function setType(b: Body, glob: string, s: Scanner): void {
  for (let i = 0; i < b.contentTypes.length; i++) {
    if (b.contentTypes[i].glob == glob) { b.contentTypes[i].scanner = s; return; }
  }
  b.contentTypes.push(new ContentTypeEntry(glob, s, contentTypeRank(glob)));
}
