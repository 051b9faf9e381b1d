// The compiled policy: built-in library merged with custom detectors, enable globs resolved per route and
// direction, route selection, and rule/limit tables per (route, detector, direction). Built once at
// on_configure; lookups on the request path are array indexing.
import { lineColOf, JsonParser, JsonValue } from "../util/json";
import { authorityMatches, contentTypeRank, idGlobMatches, mediaType, PathGlob, PathSegments, selectorCover, wildcard, hasWildcard } from "./glob";
import { Action, Blocklists, Body, ContentTypeEntry, DetectorDef, Direction, Identity, Limit, Mode, Redact, Report, Rule, Scanner, Severity } from "./model";
import { parseBlocklists, parseBody, parseDetector, parseIdentity, parseLimit, parseReport, parseRule } from "./parse";
import { Reader } from "./reader";
import { ATTACK_KIND_COUNT, attackName } from "../attack/index";

/** Custom detectors per policy. Every one adds states to the shared automaton and its compile-time memory
 *  (about 20 KiB each, kept until the VM ends: linear memory never shrinks); 10,000 used over 128 MiB. */
export const MAX_CUSTOM_DETECTORS: i32 = 2048;

const NO_RULES: Rule[] = [];

export class Route {
  /** -1 for the top level (route group "default"). */
  index: i32 = -1;
  name: string = "default";
  authority: string[] = [];
  path: PathGlob = new PathGlob("/**");
  methods: string[] = [];
  direction: Direction = Direction.Both;
  contentTypes: string[] = [];
  enable: string[] = [];
  rules: Rule[] = [];
  /** Specificity (docs/policy.md): authority rank, literal segments, no `**`, segments, methods, content type, direction. */
  spec: i32[] = [0, 0, 0, 0, 0, 0, 0];

  // Compiled by Policy:
  requestDetectors: i32[] = [];
  responseDetectors: i32[] = [];
  /** [detector * 2 + (response ? 1 : 0)] → rules by ascending threshold. */
  ruleTable: Array<Rule[]> = [];
  limitTable: Array<Limit[]> = [];

  /** Enabled detector indices for a direction (Request or Response). */
  detectorsFor(dir: Direction): i32[] {
    return dir == Direction.Request ? this.requestDetectors : this.responseDetectors;
  }

  matches(authority: string, path: PathSegments, method: string, dir: Direction, mediaType: string): bool {
    if (this.authority.length > 0) {
      let ok = false;
      for (let i = 0; i < this.authority.length && !ok; i++) ok = authorityMatches(unchecked(this.authority[i]), authority);
      if (!ok) return false;
    }
    if ((this.direction & dir) == 0) return false;
    if (this.methods.length > 0 && !this.methods.includes(method)) return false;
    if (this.contentTypes.length > 0) {
      if (mediaType.length == 0) return false;
      let ok = false;
      for (let i = 0; i < this.contentTypes.length && !ok; i++) ok = wildcard(unchecked(this.contentTypes[i]), mediaType);
      if (!ok) return false;
    }
    return this.path.matches(path);
  }

  computeSpec(): void {
    let auth = 0;
    if (this.authority.length > 0) {
      auth = 2;
      for (let i = 0; i < this.authority.length; i++) {
        const a = this.authority[i];
        const r = a == "*" ? 0 : hasWildcard(a) ? 1 : 2;
        if (r < auth) auth = r;
      }
    }
    let segs = 0;
    for (let i = 0; i < this.path.segs.length; i++) if (this.path.segs[i].kind != 3 /* Any */) segs++;
    this.spec = [auth, this.path.literalCount, this.path.hasAny ? 0 : 1, segs,
      this.methods.length > 0 ? 1 : 0, this.contentTypes.length > 0 ? 1 : 0, this.direction == Direction.Both ? 0 : 1];
  }
}

function compareSpec(a: i32[], b: i32[]): i32 {
  for (let i = 0; i < a.length; i++) if (a[i] != b[i]) return a[i] - b[i];
  return 0;
}

export class Policy {
  version: i32 = 1;
  mode: Mode = Mode.Enforce;
  enable: string[] = [];
  /** Built-in detectors first, then custom ones; `DetectorDef.index` is the position here. */
  detectors: DetectorDef[] = [];
  routes: Route[] = [];
  defaultRoute: Route = new Route();
  rules: Rule[] = [];
  identity: Identity = new Identity();
  limits: Limit[] = [];
  /** Paranoia level 1–4 for the attack/leak code detectors. */
  paranoia: i32 = 1;
  blocklists: Blocklists = new Blocklists();
  report: Report = new Report();
  body: Body = new Body();
  /** compact protobuf descriptor (JSON text) for schema-aware gRPC/protobuf paths; "" for none */
  protobufDescriptor: string = "";
  /** Shared implicit rules for enabled detectors no rule covers: alert. */
  implicitRequest: Rule[] = [];
  implicitResponse: Rule[] = [];

  get monitor(): bool { return this.mode == Mode.Monitor; }

  /** The action to apply: in monitor mode redact and block become alert (reported as "would …"). */
  effectiveAction(a: Action): Action {
    return this.mode == Mode.Monitor ? Action.Alert : a;
  }

  detectorIndex(id: string): i32 {
    for (let i = 0; i < this.detectors.length; i++) if (unchecked(this.detectors[i]).id == id) return i;
    return -1;
  }

  /**
   * The most specific route for a message, or `defaultRoute`. `authority` and `method` as received (they are
   * lowered/uppered here); `contentType` the message's Content-Type header ("" when absent).
   */
  matchRoute(authority: string, path: string, method: string, dir: Direction, contentType: string): Route {
    return this.matchRouteSegments(authority.toLowerCase(), new PathSegments(path), method.toUpperCase(), dir, mediaType(contentType));
  }

  /** As matchRoute with the path already normalized (reuse one PathSegments for both directions). */
  matchRouteSegments(authorityLower: string, path: PathSegments, methodUpper: string, dir: Direction, media: string): Route {
    let best: Route | null = null;
    for (let i = 0; i < this.routes.length; i++) {
      const r = unchecked(this.routes[i]);
      if (!r.matches(authorityLower, path, methodUpper, dir, media)) continue;
      if (best === null || compareSpec(r.spec, best.spec) > 0) best = r;
    }
    return best === null ? this.defaultRoute : best;
  }

  /** Rules for a detector in a direction (Request or Response) on a route, ascending threshold; empty if not enabled. */
  rulesFor(route: Route, detector: i32, dir: Direction): Rule[] {
    const k = detector * 2 + (dir == Direction.Response ? 1 : 0);
    if (detector < 0 || k >= route.ruleTable.length) return NO_RULES;
    return unchecked(route.ruleTable[k]);
  }

  limitsFor(route: Route, detector: i32, dir: Direction): Limit[] {
    const k = detector * 2 + (dir == Direction.Response ? 1 : 0);
    if (detector < 0 || k >= route.limitTable.length) return [];
    return unchecked(route.limitTable[k]);
  }

  /** The scanner for a Content-Type value; Skip when no entry matches. */
  scannerFor(contentType: string): Scanner {
    const m = mediaType(contentType);
    const list = this.body.contentTypes;
    for (let i = 0; i < list.length; i++) {
      const e = unchecked(list[i]);
      if (wildcard(e.glob, m)) return e.scanner;
    }
    return Scanner.Skip;
  }
}

export class PolicyLoad {
  policy: Policy | null = null;
  /** "<json path>: <problem>", e.g. `$.rules[2].detectors[0]: "pii.pasport" matches no detector`. */
  error: string = "";
}

function parseJson(text: string, what: string, r: Reader): JsonValue | null {
  const p = JsonParser.parseString(text);
  const v = p.parse();
  if (v === null) { r.fail(what, "invalid JSON at " + lineColOf(text, p.errorPos) + ": " + p.error); return null; }
  return v;
}

/**
 * Parses, validates and compiles a rendered policy against the built-in library JSON
 * (`{"version":1,"detectors":[...]}`). Either a whole policy or an error: never half of one.
 */
export function loadPolicy(policyJson: string, libraryJson: string): PolicyLoad {
  const out = new PolicyLoad();
  const r = new Reader();
  const p = new Policy();

  // Library.
  const libDoc = r.object(parseJson(libraryJson, "library", r), "library", "version,detectors");
  const libDets = r.array(libDoc === null ? null : libDoc.get("detectors"), "library.detectors");
  if (libDets !== null) {
    for (let i = 0; i < libDets.length; i++) {
      const d = parseDetector(r, libDets.at(i), "library.detectors[" + i.toString() + "]");
      d.builtin = true;
      d.index = p.detectors.length;
      p.detectors.push(d);
    }
  }
  // Code detectors (attack.* on requests, leak.* on responses) follow the pattern library.
  for (let k = 0; k < ATTACK_KIND_COUNT; k++) {
    const name = attackName(k);
    if (p.detectorIndex(name) >= 0) { r.fail("library.detectors", "\"" + name + "\" is a code detector and cannot be redefined"); continue; }
    const d = new DetectorDef();
    d.id = name;
    d.category = name;
    d.severity = Severity.High;
    d.builtin = true;
    d.codeKind = k;
    d.index = p.detectors.length;
    p.detectors.push(d);
  }
  const builtinCount = p.detectors.length;

  const doc = r.object(parseJson(policyJson, "$", r), "$", "version,mode,enable,detectors,routes,rules,identity,limits,attacks,blocklists,report,body,protobuf");
  if (doc === null) {
    if (!r.failed) r.fail("$", "the policy must be a JSON object");
    out.error = r.error;
    return out;
  }
  const version = doc.get("version");
  if (version === null || !version.isNumber || version.num != 1.0) r.fail("$.version", "must be 1 (this filter speaks policy version 1)");
  p.mode = <Mode>r.oneOf(doc, "mode", "$", "enforce,monitor", 0);
  p.enable = doc.has("enable") ? r.strings(doc, "enable", "$") : ["*"];

  // Custom detectors.
  const custom = r.array(doc.get("detectors"), "$.detectors");
  if (custom !== null && custom.length > MAX_CUSTOM_DETECTORS) {
    r.fail("$.detectors", "too many custom detectors: " + custom.length.toString() + " (at most " + MAX_CUSTOM_DETECTORS.toString()
      + "; a long list of values is one detector with `literals`)");
  } else if (custom !== null) {
    for (let i = 0; i < custom.length; i++) {
      const path = "$.detectors[" + i.toString() + "]";
      const d = parseDetector(r, custom.at(i), path);
      if (p.detectorIndex(d.id) >= 0) r.fail(path + ".id", "\"" + d.id + "\" is already defined" + (p.detectorIndex(d.id) < builtinCount ? " by the built-in library" : ""));
      d.index = p.detectors.length;
      p.detectors.push(d);
    }
  }
  const ids = new Array<string>(p.detectors.length);
  for (let i = 0; i < p.detectors.length; i++) ids[i] = p.detectors[i].id;
  checkSelectors(r, p.enable, ids, "$.enable");

  // Rules.
  const rules = r.array(doc.get("rules"), "$.rules");
  if (rules !== null) {
    for (let i = 0; i < rules.length; i++) {
      const rule = parseRule(r, rules.at(i), "$.rules[" + i.toString() + "]", -1, i);
      checkSelectors(r, rule.detectors, ids, "$.rules[" + i.toString() + "].detectors");
      p.rules.push(rule);
    }
  }

  // Routes.
  const routes = r.array(doc.get("routes"), "$.routes");
  if (routes !== null) {
    for (let i = 0; i < routes.length; i++) {
      const route = parseRoute(r, routes.at(i), "$.routes[" + i.toString() + "]", i, ids);
      p.routes.push(route);
    }
  }

  p.identity = parseIdentity(r, doc.get("identity"), "$.identity");
  const limits = r.array(doc.get("limits"), "$.limits");
  if (limits !== null) {
    for (let i = 0; i < limits.length; i++) {
      const path = "$.limits[" + i.toString() + "]";
      const l = parseLimit(r, limits.at(i), path, i);
      checkSelectors(r, l.detectors, ids, path + ".detectors");
      for (let k = 0; k < l.routes.length; k++) {
        const g = l.routes[k];
        let known = g == "default";
        for (let j = 0; j < p.routes.length && !known; j++) known = p.routes[j].name == g;
        if (!known) r.fail(path + ".routes[" + k.toString() + "]", "unknown route group \"" + g + "\"");
      }
      p.limits.push(l);
    }
  }
  const attacks = r.object(doc.get("attacks"), "$.attacks", "paranoia");
  p.paranoia = <i32>r.int(attacks, "paranoia", "$.attacks", 1, 1, 4);
  p.blocklists = parseBlocklists(r, doc.get("blocklists"), "$.blocklists");
  p.report = parseReport(r, doc.get("report"), "$.report");
  p.body = parseBody(r, doc.get("body"), "$.body");
  const pb = r.object(doc.get("protobuf"), "$.protobuf", "descriptor,files");
  if (pb !== null) p.protobufDescriptor = r.str(pb, "descriptor", "$.protobuf", "");

  if (r.failed) { out.error = r.error; return out; }
  compile(p);
  out.policy = p;
  return out;
}

function checkSelectors(r: Reader, globs: string[], ids: string[], path: string): void {
  for (let i = 0; i < globs.length; i++) {
    const g = globs[i];
    const glob = g.startsWith("!") ? g.substring(1) : g;
    let hit = false;
    for (let k = 0; k < ids.length && !hit; k++) hit = idGlobMatches(glob, ids[k]);
    if (!hit) r.fail(path + "[" + i.toString() + "]", "\"" + g + "\" matches no detector");
  }
}

function parseRoute(r: Reader, v: JsonValue, path: string, index: i32, ids: string[]): Route {
  const route = new Route();
  route.index = index;
  const o = r.object(v, path, "name,match,enable,rules");
  if (o === null) return route;
  route.name = r.str(o, "name", path, "");
  if (route.name.length == 0) r.fail(path + ".name", "must be a non-empty string");
  const m = r.object(o.get("match"), path + ".match", "authority,path,methods,direction,content_type");
  const mp = path + ".match";
  const auth = r.strings(m, "authority", mp);
  for (let i = 0; i < auth.length; i++) route.authority.push(auth[i].toLowerCase());
  route.path = new PathGlob(r.str(m, "path", mp, "/**"));
  if (route.path.error.length > 0) r.fail(mp + ".path", route.path.error);
  route.methods = r.strings(m, "methods", mp);
  route.direction = <Direction>(r.oneOf(m, "direction", mp, "request,response,both", 2) + 1);
  const cts = r.strings(m, "content_type", mp);
  for (let i = 0; i < cts.length; i++) route.contentTypes.push(cts[i].toLowerCase());
  route.enable = r.strings(o, "enable", path);
  checkSelectors(r, route.enable, ids, path + ".enable");
  const rules = r.array(o.get("rules"), path + ".rules");
  if (rules !== null) {
    for (let i = 0; i < rules.length; i++) {
      const rule = parseRule(r, rules.at(i), path + ".rules[" + i.toString() + "]", index, i);
      checkSelectors(r, rule.detectors, ids, path + ".rules[" + i.toString() + "].detectors");
      route.rules.push(rule);
    }
  }
  route.computeSpec();
  return route;
}

// ---- compilation ----

function compile(p: Policy): void {
  const imp = new Rule();
  imp.direction = Direction.Request;
  p.implicitRequest = [imp];
  const impR = new Rule();
  impR.direction = Direction.Response;
  p.implicitResponse = [impR];
  compileRoute(p, p.defaultRoute);
  for (let i = 0; i < p.routes.length; i++) compileRoute(p, p.routes[i]);
}

function compileRoute(p: Policy, route: Route): void {
  const n = p.detectors.length;
  // Enabled set: custom detectors, then the top-level globs, then the route's, in order.
  const on = new Array<bool>(n);
  for (let i = 0; i < n; i++) on[i] = !p.detectors[i].builtin;
  applyGlobs(p, p.enable, on);
  applyGlobs(p, route.enable, on);
  route.requestDetectors = [];
  route.responseDetectors = [];
  route.ruleTable = new Array<Rule[]>(n * 2);
  route.limitTable = new Array<Limit[]>(n * 2);
  for (let d = 0; d < n; d++) {
    const det = p.detectors[d];
    for (let side = 0; side < 2; side++) {
      const dir = side == 0 ? Direction.Request : Direction.Response;
      const enabled = on[d] && (side == 0 ? !det.isLeak : !det.isAttack);
      if (enabled) { if (side == 0) route.requestDetectors.push(d); else route.responseDetectors.push(d); }
      route.ruleTable[d * 2 + side] = enabled ? resolveRules(p, route, det.id, dir) : NO_RULES;
      route.limitTable[d * 2 + side] = enabled ? resolveLimits(p, route, det.id, dir) : [];
    }
  }
}

function applyGlobs(p: Policy, globs: string[], on: bool[]): void {
  for (let g = 0; g < globs.length; g++) {
    const raw = globs[g];
    const neg = raw.startsWith("!");
    const glob = neg ? raw.substring(1) : raw;
    for (let i = 0; i < p.detectors.length; i++) {
      if (idGlobMatches(glob, p.detectors[i].id)) on[i] = !neg;
    }
  }
}

/** One rule per threshold: the most specific selector wins, the earlier on a tie. */
function pickRules(rules: Rule[], id: string, dir: Direction): Rule[] {
  const out = new Array<Rule>();
  const specs = new Array<i32>();
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    if ((rule.direction & dir) == 0) continue;
    const spec = selectorCover(rule.detectors, id);
    if (spec < 0) continue;
    let k = 0;
    while (k < out.length && out[k].threshold != rule.threshold) k++;
    if (k == out.length) { out.push(rule); specs.push(spec); }
    else if (spec > specs[k]) { out[k] = rule; specs[k] = spec; }
  }
  // ascending threshold (few entries: insertion sort)
  for (let i = 1; i < out.length; i++) {
    const x = out[i];
    let j = i - 1;
    while (j >= 0 && out[j].threshold > x.threshold) { out[j + 1] = out[j]; j--; }
    out[j + 1] = x;
  }
  return out;
}

function resolveRules(p: Policy, route: Route, id: string, dir: Direction): Rule[] {
  if (route.index >= 0) {
    const own = pickRules(route.rules, id, dir);
    if (own.length > 0) return own;
  }
  const global = pickRules(p.rules, id, dir);
  if (global.length > 0) return global;
  return dir == Direction.Request ? p.implicitRequest : p.implicitResponse;
}

function resolveLimits(p: Policy, route: Route, id: string, dir: Direction): Limit[] {
  const out = new Array<Limit>();
  for (let i = 0; i < p.limits.length; i++) {
    const l = p.limits[i];
    if ((l.direction & dir) == 0) continue;
    if (selectorCover(l.detectors, id) < 0) continue;
    if (l.routes.length > 0 && !l.routes.includes(route.name)) continue;
    out.push(l);
  }
  return out;
}

export { Action, Direction, Mode, Redact, Rule, Scanner, ContentTypeEntry, contentTypeRank };
