import { loadPolicy, Policy, PolicyLoad, Route, Action, Direction, Mode, RedactStyle, Scanner, normalizePath, PathGlob, PathSegments, idGlobMatches } from "../../assembly/policy/index";
import { decide, StreamDecider } from "../../assembly/filter/decide";
import { StreamFinding } from "../../assembly/filter/inspect";
import { TEST_LIBRARY_JSON, SHIPPED_JSON, SHIPPED_STRUCT_JSON, SHIPPED_NAMES, DOC_EXAMPLES_JSON } from "../fixtures/policies/rendered";

function load(json: string): Policy {
  const r = loadPolicy(json, TEST_LIBRARY_JSON);
  expect(r.error).toBe("", json);
  return changetype<Policy>(r.policy);
}

function reject(json: string): string {
  const r = loadPolicy(json, TEST_LIBRARY_JSON);
  expect(r.policy).toBeNull(json);
  return r.error;
}

function ids(p: Policy, list: i32[]): string {
  const out = new Array<string>();
  for (let i = 0; i < list.length; i++) out.push(p.detectors[list[i]].id);
  return out.join(",");
}

/** The rules for a detector as "threshold:action" pairs. */
function acts(p: Policy, route: Route, id: string, dir: Direction): string {
  const rules = p.rulesFor(route, p.detectorIndex(id), dir);
  const out = new Array<string>();
  for (let i = 0; i < rules.length; i++) {
    const a = rules[i].action;
    out.push(rules[i].threshold.toString() + ":" + (a == Action.Alert ? "alert" : a == Action.Redact ? "redact" : "block"));
  }
  return out.join(",");
}

/** Everything the filter derives from a policy, as text, to compare two loads. */
function fingerprint(p: Policy): string {
  let s = "mode=" + (<i32>p.mode).toString() + ";dets=" + p.detectors.length.toString();
  const routes = new Array<Route>();
  routes.push(p.defaultRoute);
  for (let i = 0; i < p.routes.length; i++) routes.push(p.routes[i]);
  for (let i = 0; i < routes.length; i++) {
    const r = routes[i];
    s += "|" + r.name + ":" + r.spec.join(".") + ":" + ids(p, r.requestDetectors) + "/" + ids(p, r.responseDetectors);
    for (let d = 0; d < p.detectors.length; d++) {
      s += ";" + acts(p, r, p.detectors[d].id, Direction.Request) + "/" + acts(p, r, p.detectors[d].id, Direction.Response);
      s += "#" + p.limitsFor(r, d, Direction.Response).length.toString();
    }
  }
  s += "|limits=" + p.limits.length.toString() + "|body=" + p.body.maxBytes.toString() + "," + p.body.holdBytes.toString() + "," + p.body.contentTypes.length.toString();
  s += "|report=" + (<i32>p.report.values).toString() + "," + p.report.hashPrefix.toString();
  s += "|token=" + p.identity.tokenFrom.length.toString() + p.identity.jwtClaim;
  return s;
}

describe("policy: loading", () => {
  test("every shipped policy loads", () => {
    for (let i = 0; i < SHIPPED_JSON.length; i++) {
      const r = loadPolicy(SHIPPED_JSON[i], TEST_LIBRARY_JSON);
      expect(r.error).toBe("", SHIPPED_NAMES[i]);
      expect(r.policy).not.toBeNull();
    }
  });

  test("every docs/policy.md example loads", () => {
    expect(DOC_EXAMPLES_JSON.length).toBeGreaterThanOrEqual(12);
    for (let i = 0; i < DOC_EXAMPLES_JSON.length; i++) {
      expect(loadPolicy(DOC_EXAMPLES_JSON[i], TEST_LIBRARY_JSON).error).toBe("", DOC_EXAMPLES_JSON[i]);
    }
  });

  test("the Struct form (sorted keys, integers as doubles) compiles to the same policy", () => {
    for (let i = 0; i < SHIPPED_JSON.length; i++) {
      expect(fingerprint(load(SHIPPED_STRUCT_JSON[i]))).toBe(fingerprint(load(SHIPPED_JSON[i])), SHIPPED_NAMES[i]);
    }
  });

  test("a minimal policy gets the documented defaults", () => {
    const p = load('{"version":1}');
    expect(p.mode).toBe(Mode.Enforce);
    // pattern library, then the code detectors: attack.* on requests, leak.* on responses
    const lib = "pii.credit_card,pii.ssn,pii.email,pii.ip_address,pii.iban,secret.aws_access_key,secret.jwt,secret.private_key";
    expect(ids(p, p.defaultRoute.requestDetectors)).toBe(lib + ",attack.sqli,attack.xss,attack.path_traversal,attack.command_injection,attack.ssrf,attack.log4shell,attack.ssti,attack.nosqli,attack.prototype_pollution");
    expect(ids(p, p.defaultRoute.responseDetectors)).toBe(lib + ",leak.stack_trace,leak.sql_error");
    expect(p.detectors[p.detectorIndex("attack.ssrf")].codeKind).toBe(4);
    expect(p.detectors[p.detectorIndex("leak.sql_error")].hasPattern).toBe(false);
    expect(p.paranoia).toBe(1);
    expect(load('{"version":1,"attacks":{"paranoia":3}}').paranoia).toBe(3);
    expect(acts(p, p.defaultRoute, "pii.ssn", Direction.Response)).toBe("1:alert");
    expect(p.body.maxBytes).toBe(1048576);
    expect(p.identity.tokenFrom[0].name).toBe("authorization");
    expect(p.identity.jwtClaim).toBe("sub");
    expect(p.report.hashPrefix).toBe(12);
  });

  test("resolved detector definitions carry what detect/ and engine/ need", () => {
    const p = load('{"version":1,"detectors":[{"id":"custom.badge","pattern":"B\\\\d{5}","literals":["BADGE-"],"case_insensitive":true,"validators":[{"name":"luhn","param":null},{"name":"entropy","param":2.5}],"keys":{"require":[],"boost":["badge"],"exclude":["*_id"]},"context_only":false,"except":["B00000"],"severity":"high"}]}');
    const d = p.detectors[p.detectorIndex("custom.badge")];
    expect(d.builtin).toBe(false);
    expect(d.pattern).toBe("B\\d{5}");
    expect(d.hasPattern).toBe(true);
    expect(d.literals[0]).toBe("BADGE-");
    expect(d.caseInsensitive).toBe(true);
    expect(d.validators.length).toBe(2);
    expect(d.validators[1].name).toBe("entropy");
    expect(d.validators[1].param).toBe(2.5);
    expect(d.validators[0].hasParam).toBe(false);
    expect(d.validators[0].id).toBeGreaterThanOrEqual(0);
    expect(d.validators[1].id).not.toBe(d.validators[0].id);
    expect(d.keysBoost[0]).toBe("badge");
    expect(d.keysExclude[0]).toBe("*_id");
    expect(d.except[0]).toBe("B00000");
    expect(d.category).toBe("custom.badge");
    expect(p.detectors[p.detectorIndex("pii.credit_card")].validators[0].name).toBe("luhn");
    expect(p.detectors[p.detectorIndex("pii.credit_card")].builtin).toBe(true);
  });
});

describe("policy: rejection names the JSON path", () => {
  test("structure and values", () => {
    expect(reject("")).toBe("$: invalid JSON at 1:1: unexpected end of JSON");
    expect(reject("[1]")).toBe("$: must be an object");
    expect(reject('{"version":2}')).toBe("$.version: must be 1 (this filter speaks policy version 1)");
    expect(reject('{"version":1,"mode":"enforcing"}')).toBe("$.mode: must be one of enforce, monitor");
    expect(reject('{"version":1,"rate_limits":[]}')).toBe("$: unknown property \"rate_limits\" (this filter cannot enforce it)");
    expect(reject('{"version":1,"rules":[{"detectors":["pii.*"],"action":"deny"}]}')).toBe("$.rules[0].action: must be one of alert, redact, block");
    expect(reject('{"version":1,"rules":[{"detectors":["pii.*"],"action":"block","threshold":1.5}]}')).toBe("$.rules[0].threshold: must be an integer");
    expect(reject('{"version":1,"rules":[{"detectors":["pii.*"],"action":"redact","redact":{"style":"mask","colour":"red"}}]}')).toBe("$.rules[0].redact: unknown property \"colour\" (this filter cannot enforce it)");
    expect(reject('{"version":1,"body":{"max_bytes":65536,"hold_bytes":131072}}')).toBe("$.body.hold_bytes: must not exceed max_bytes");
    expect(reject('{"version":1,"body":{"content_types":{"application/x":"yaml"}}}')).toBe("$.body.content_types[\"application/x\"]: must be one of json, grpc, protobuf, form, multipart, text, skip");
    expect(reject('{"version":1,"identity":{"token":{"from":[{"header":"a","cookie":"b"}]}}}')).toBe("$.identity.token.from[0]: needs exactly one of header or cookie");
  });

  test("semantics", () => {
    expect(reject('{"version":1,"enable":["pii.*","!pii.pasport"]}')).toBe("$.enable[1]: \"!pii.pasport\" matches no detector");
    expect(reject('{"version":1,"detectors":[{"id":"pii.ssn","pattern":"x"}]}')).toBe("$.detectors[0].id: \"pii.ssn\" is already defined by the built-in library");
    expect(reject('{"version":1,"detectors":[{"id":"custom.a"}]}')).toBe("$.detectors[0]: needs a pattern or literals");
    expect(reject('{"version":1,"detectors":[{"id":"attack.sqli","literals":["or 1=1"]}]}')).toBe("$.detectors[0].id: \"attack.sqli\" is already defined by the built-in library");
    expect(reject('{"version":1,"detectors":[{"id":"custom.c","pattern":"\\\\d{16}","validators":["lunh"]}]}')).toBe("$.detectors[0].validators[0]: unknown validator \"lunh\"");
    expect(reject('{"version":1,"detectors":[{"id":"custom.c","pattern":"\\\\d{16}","validators":[{"luhn":2}]}]}')).toBe("$.detectors[0].validators[0]: validator \"luhn\" takes no parameter");
    expect(reject('{"version":1,"attacks":{"paranoia":5}}')).toBe("$.attacks.paranoia: must be between 1 and 4");
    expect(reject('{"version":1,"detectors":[{"id":"Custom.A","pattern":"x"}]}')).toBe("$.detectors[0].id: must be a dotted lower-case id such as pii.ssn");
    expect(reject('{"version":1,"routes":[{"name":"r","match":{"path":"/a/**.json"}}]}')).toBe("$.routes[0].match.path: `**` must be a whole path segment");
    expect(reject('{"version":1,"routes":[{"name":"r","match":{},"rules":[{"detectors":["secret.gh"],"action":"alert"}]}]}')).toBe("$.routes[0].rules[0].detectors[0]: \"secret.gh\" matches no detector");
    expect(reject('{"version":1,"limits":[{"name":"l","per":"token","detectors":["pii.ssn"],"max":5,"window_ms":100}]}')).toBe("$.limits[0].window_ms: must be between 1000 and 86400000");
    expect(reject('{"version":1,"limits":[{"name":"l","per":"token","detectors":["pii.ssn"],"max":5,"window":"1d"}]}')).toBe("$.limits[0].window: must be a duration such as 30s, 1m, 1h30m");
    expect(reject('{"version":1,"limits":[{"name":"l","per":"token","detectors":["pii.ssn"],"max":5,"window_ms":60000,"routes":["nope"]}]}')).toBe("$.limits[0].routes[0]: unknown route group \"nope\"");
  });

  test("a broken library is rejected too", () => {
    const r = loadPolicy('{"version":1}', '{"version":1,"detectors":[{"id":"pii.x"}]}');
    expect(r.policy).toBeNull();
    expect(r.error).toBe("library.detectors[0]: needs a pattern or literals");
  });
});

describe("policy: enable globs", () => {
  test("ordered globs with negation; categories as prefixes; custom detectors on by default", () => {
    const p = load('{"version":1,"enable":["pii.*","!pii.ip_address","secret.jwt"],"detectors":[{"id":"custom.x","literals":["x"]},{"id":"custom.y","literals":["y"]}],"routes":[{"name":"r","match":{"path":"/r/**"},"enable":["!pii.email","!custom.y","attack"]}]}');
    expect(ids(p, p.defaultRoute.responseDetectors)).toBe("pii.credit_card,pii.ssn,pii.email,pii.iban,secret.jwt,custom.x,custom.y");
    const r = p.routes[0];
    expect(ids(p, r.requestDetectors)).toBe("pii.credit_card,pii.ssn,pii.iban,secret.jwt,attack.sqli,attack.xss,attack.path_traversal,attack.command_injection,attack.ssrf,attack.log4shell,attack.ssti,attack.nosqli,attack.prototype_pollution,custom.x");
    expect(ids(p, r.responseDetectors)).toBe("pii.credit_card,pii.ssn,pii.iban,secret.jwt,custom.x");
    expect(acts(p, r, "pii.email", Direction.Response)).toBe("");
  });

  test("glob matching", () => {
    expect(idGlobMatches("pii", "pii.credit_card.visa")).toBe(true);
    expect(idGlobMatches("pii.credit", "pii.credit_card")).toBe(false);
    expect(idGlobMatches("*.jwt", "secret.jwt")).toBe(true);
    expect(idGlobMatches("secret.?wt", "secret.jwt")).toBe(true);
  });
});

const ROUTED = '{"version":1,"enable":["pii.*","secret.*","attack.*","!pii.ip_address"],' +
  '"rules":[{"detectors":["pii.*"],"action":"alert"},{"detectors":["pii.ssn"],"action":"redact","redact":{"style":"keep_last","keep":4}},' +
  '{"detectors":["pii.*"],"action":"block","threshold":50},{"detectors":["secret.*"],"action":"redact"},{"detectors":["attack.*"],"action":"block","status":400}],' +
  '"routes":[{"name":"api","match":{"path":"/api/**"}},' +
  '{"name":"users","match":{"path":"/api/users/{id}","methods":["GET"]},"enable":["!pii.email"],"rules":[{"detectors":["pii.ssn"],"action":"block"}]},' +
  '{"name":"admin-host","match":{"authority":"admin.example.com","path":"/**"}},' +
  '{"name":"json-only","match":{"path":"/api/export","content_type":"application/*+json","direction":"response"}}],' +
  '"limits":[{"name":"ssn","per":"token","detectors":["pii.ssn"],"max":50,"window":"1m"},{"name":"cards","per":"route","detectors":["pii.credit_card"],"max":5,"window_ms":60000,"routes":["users","api"]}]}';

describe("policy: routes", () => {
  test("the most specific route wins", () => {
    const p = load(ROUTED);
    expect(p.matchRoute("svc", "/api/users/7", "GET", Direction.Response, "").name).toBe("users");
    expect(p.matchRoute("svc", "/api/users/7", "post", Direction.Response, "").name).toBe("api");
    expect(p.matchRoute("Admin.Example.com:8443", "/api/users/7", "GET", Direction.Response, "").name).toBe("admin-host");
    expect(p.matchRoute("svc", "/api/export", "GET", Direction.Response, "application/vnd.x+json; charset=utf-8").name).toBe("json-only");
    expect(p.matchRoute("svc", "/api/export", "GET", Direction.Response, "text/plain").name).toBe("api");
    expect(p.matchRoute("svc", "/api/export", "GET", Direction.Request, "application/vnd.x+json").name).toBe("api");
    expect(p.matchRoute("svc", "/health", "GET", Direction.Response, "").name).toBe("default");
    expect(p.matchRoute("svc", "//api/./x/../users/%37?q=1", "GET", Direction.Response, "").name).toBe("users");
  });

  test("a tie goes to the route written first", () => {
    const p = load('{"version":1,"routes":[{"name":"a","match":{"path":"/x/*"}},{"name":"b","match":{"path":"/x/{id}"}}]}');
    expect(p.matchRoute("h", "/x/1", "GET", Direction.Request, "").name).toBe("a");
  });

  test("path globs and normalization", () => {
    const g = new PathGlob("/api/*/orders/**");
    expect(g.error).toBe("");
    expect(g.matches(new PathSegments("/api/7/orders"))).toBe(true);
    expect(g.matches(new PathSegments("/api/7/orders/1/items"))).toBe(true);
    expect(g.matches(new PathSegments("/api/orders"))).toBe(false);
    expect(new PathGlob("/files/*.json").matches(new PathSegments("/files/a.json"))).toBe(true);
    expect(new PathGlob("/files/*.json").matches(new PathSegments("/files/a.xml"))).toBe(false);
    expect(new PathGlob("/**/export").matches(new PathSegments("/a/b/export"))).toBe(true);
    expect(new PathGlob("/u/{id}").matches(new PathSegments("/u/"))).toBe(false);
    expect(normalizePath("/a//b/./c/../%7Euser%2f?q#f")).toBe("/a/b/~user%2F");
    expect(normalizePath("")).toBe("/");
    expect(normalizePath("/../..")).toBe("/");
    expect(normalizePath("/%")).toBe("/%");
    expect(normalizePath("/%4")).toBe("/%4");
    expect(normalizePath("x/%41")).toBe("/x/A");
  });
});

describe("policy: rules and limits", () => {
  test("per-threshold resolution, specificity and route overrides", () => {
    const p = load(ROUTED);
    const top = p.defaultRoute;
    const users = p.routes[1];
    expect(acts(p, top, "pii.email", Direction.Response)).toBe("1:alert,50:block");
    expect(acts(p, top, "pii.ssn", Direction.Response)).toBe("1:redact,50:block");
    expect(acts(p, users, "pii.ssn", Direction.Response)).toBe("1:block");
    expect(acts(p, users, "pii.credit_card", Direction.Response)).toBe("1:alert,50:block");
    expect(acts(p, top, "pii.ssn", Direction.Request)).toBe("1:alert");
    expect(acts(p, top, "attack.sqli", Direction.Request)).toBe("1:block");
    expect(acts(p, top, "attack.sqli", Direction.Response)).toBe("");
    const ssn = p.rulesFor(top, p.detectorIndex("pii.ssn"), Direction.Response)[0];
    expect(ssn.redact.style).toBe(RedactStyle.KeepLast);
    expect(ssn.redact.keep).toBe(4);
    expect(p.rulesFor(top, p.detectorIndex("attack.xss"), Direction.Request)[0].status).toBe(400);
  });

  test("limits by detector, direction and route group", () => {
    const p = load(ROUTED);
    const ssnIdx = p.detectorIndex("pii.ssn");
    const cardIdx = p.detectorIndex("pii.credit_card");
    expect(p.limitsFor(p.defaultRoute, ssnIdx, Direction.Response).length).toBe(1);
    expect(p.limitsFor(p.defaultRoute, ssnIdx, Direction.Response)[0].windowMs).toBe(60000);
    expect(p.limitsFor(p.defaultRoute, ssnIdx, Direction.Request).length).toBe(0);
    expect(p.limitsFor(p.defaultRoute, cardIdx, Direction.Response).length).toBe(0);
    expect(p.limitsFor(p.routes[1], cardIdx, Direction.Response).length).toBe(1);
  });

  test("monitor mode turns every action into alert", () => {
    const p = load('{"version":1,"mode":"monitor"}');
    expect(p.monitor).toBe(true);
    expect(p.effectiveAction(Action.Block)).toBe(Action.Alert);
    expect(p.effectiveAction(Action.Redact)).toBe(Action.Alert);
    expect(load('{"version":1}').effectiveAction(Action.Block)).toBe(Action.Block);
  });

  test("content-type → scanner, most specific key first", () => {
    const p = load('{"version":1,"body":{"content_types":{"application/vnd.acme+json":"skip","*":"text","image/*":"skip"}}}');
    expect(p.scannerFor("application/json; charset=utf-8")).toBe(Scanner.Json);
    expect(p.scannerFor("application/problem+json")).toBe(Scanner.Json);
    expect(p.scannerFor("application/vnd.acme+json")).toBe(Scanner.Skip);
    expect(p.scannerFor("application/grpc")).toBe(Scanner.Grpc);
    expect(p.scannerFor("Text/HTML")).toBe(Scanner.Text);
    expect(p.scannerFor("image/png")).toBe(Scanner.Skip);
    expect(p.scannerFor("application/octet-stream")).toBe(Scanner.Text);
    expect(load('{"version":1}').scannerFor("application/octet-stream")).toBe(Scanner.Skip);
  });
});

let decSeed: u32 = 99;
function rnd(n: i32): i32 { decSeed ^= decSeed << 13; decSeed ^= decSeed >> 17; decSeed ^= decSeed << 5; return <i32>(decSeed % <u32>n); }

describe("policy: streaming decisions", () => {
  test("StreamDecider, fed findings in random batches, decides as decide() does over the same findings", () => {
    // thresholds at 1, 3, 4 and 6 so that batches cross them: every finding is judged again then
    const p = load('{"version":1,"enable":["pii.*","secret.*"],"rules":[{"detectors":["pii.*"],"action":"alert"},' +
      '{"detectors":["pii.ssn"],"action":"redact","threshold":3},{"detectors":["pii.*"],"action":"block","threshold":6,"status":451},' +
      '{"detectors":["secret.*"],"action":"redact"},{"detectors":["pii.credit_card"],"action":"block","threshold":4,"status":502}]}');
    const dets: i32[] = [p.detectorIndex("pii.ssn"), p.detectorIndex("pii.email"), p.detectorIndex("secret.jwt"), p.detectorIndex("pii.credit_card")];
    let crossedSeen = 0;
    for (let round = 0; round < 200; round++) {
      const sd = new StreamDecider();
      const fs: StreamFinding[] = [];
      const batches = 1 + rnd(6);
      for (let b = 0; b < batches; b++) {
        const add = rnd(4);
        for (let k = 0; k < add; k++) { const f = new StreamFinding(); f.detector = dets[rnd(dets.length)]; fs.push(f); }
        const got = sd.decide(p, p.defaultRoute, Direction.Response, fs);
        const want = decide(p, p.defaultRoute, Direction.Response, fs);
        expect(got.wanted).toBe(want.wanted);
        expect(got.applied).toBe(want.applied);
        expect(got.blockBy).toBe(want.blockBy);
        if (want.blockBy >= 0) expect(got.status).toBe(want.status);
        expect(got.actions.length).toBe(fs.length);
        for (let i = 0; i < fs.length; i++) {
          expect(got.actions[i]).toBe(want.actions[i], "round " + round.toString() + " finding " + i.toString());
          expect(got.rules[i]).toBe(want.rules[i]);
        }
        if (got.judgedFrom == 0 && b > 0 && fs.length > add) crossedSeen++;
      }
    }
    expect(crossedSeen).toBeGreaterThan(20); // thresholds crossed mid-stream, not only on the first batch
  });
});
