// Raw (schema-valid) YAML values → the normalized policy with every default filled in.
import { DEFAULT_CONTENT_TYPES, type DetectorDef, type Direction, type Identity, type Limit, type Policy, type Route, type Rule, type ServiceSource, type TokenSource, type ValidatorRef } from "./model.ts";

type Raw = Record<string, any>;

/** Milliseconds of a duration (`1h30m`, `500ms`), or NaN when malformed. */
export function parseDuration(s: string): number {
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/.exec(s);
  if (!m || s === "") return NaN;
  const [h, mi, se, ms] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
  return ((h * 60 + mi) * 60 + se) * 1000 + ms;
}

const list = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

export function normalizeValidator(v: unknown): ValidatorRef {
  if (typeof v === "string") return { name: v, param: null };
  const [name, param] = Object.entries(v as Raw)[0];
  return { name, param: Number(param) };
}

export function normalizeDetector(d: Raw): DetectorDef {
  return {
    id: d.id,
    description: d.description ?? "",
    severity: d.severity ?? "medium",
    pattern: d.pattern ?? null,
    literals: list(d.literals),
    case_insensitive: d.case_insensitive ?? false,
    validators: (d.validators ?? []).map(normalizeValidator),
    keys: { require: list(d.keys?.require), boost: list(d.keys?.boost), exclude: list(d.keys?.exclude) },
    context_only: d.context_only ?? false,
    except: list(d.except),
  };
}

/** Rules covering only `attack.*` detectors default to the request direction; all others to the response. */
export function defaultRuleDirection(selectors: string[]): Direction {
  const pos = selectors.filter((s) => !s.startsWith("!"));
  return pos.length > 0 && pos.every((s) => s === "attack" || s.startsWith("attack.")) ? "request" : "response";
}

export function normalizeRule(r: Raw): Rule {
  const detectors = list(r.detectors);
  return {
    detectors,
    action: r.action,
    redact: { style: r.redact?.style ?? "mask", keep: r.redact?.keep ?? 4, text: r.redact?.text ?? "[REDACTED]", char: r.redact?.char ?? "*" },
    threshold: r.threshold ?? 1,
    direction: r.direction ?? defaultRuleDirection(detectors),
    status: r.status ?? 403,
  };
}

export function normalizeRoute(r: Raw): Route {
  const m = r.match ?? {};
  return {
    name: r.name,
    match: {
      authority: list(m.authority),
      path: m.path ?? "/**",
      methods: list(m.methods),
      direction: m.direction ?? "both",
      content_type: list(m.content_type).map((s) => s.toLowerCase()),
    },
    enable: list(r.enable),
    rules: (r.rules ?? []).map(normalizeRule),
  };
}

export const DEFAULT_IDENTITY: Identity = {
  token: { from: [{ header: "authorization", prefix: "Bearer " }], jwt_claim: "sub", hash: "sha256" },
  service: {
    local: [{ node_metadata: "WORKLOAD_NAME" }, { node_metadata: "NAME" }],
    peer: [{ peer_metadata: "WORKLOAD_NAME" }, { spiffe: "service_account" }],
  },
};

function normalizeIdentity(i: Raw | undefined): Identity {
  const t = i?.token ?? {};
  const s = i?.service ?? {};
  return {
    token: {
      from: t.from === undefined ? DEFAULT_IDENTITY.token.from : (t.from as Raw[]).map((f): TokenSource =>
        f.header !== undefined ? { header: String(f.header).toLowerCase(), prefix: f.prefix ?? "" } : { cookie: f.cookie, prefix: f.prefix ?? "" }),
      jwt_claim: t.jwt_claim === undefined ? "sub" : t.jwt_claim,
      hash: "sha256",
    },
    service: {
      local: (s.local ?? DEFAULT_IDENTITY.service.local).map((x: Raw) => (x.header ? { header: String(x.header).toLowerCase() } : x) as ServiceSource),
      peer: (s.peer ?? DEFAULT_IDENTITY.service.peer).map((x: Raw) => (x.header ? { header: String(x.header).toLowerCase() } : x) as ServiceSource),
    },
  };
}

function normalizeLimit(l: Raw): Limit {
  return {
    name: l.name,
    per: l.per,
    detectors: list(l.detectors),
    max: l.max,
    window_ms: parseDuration(l.window),
    action: l.action ?? "block",
    direction: l.direction ?? "response",
    routes: list(l.routes),
    status: l.status ?? 429,
  };
}

export function normalizePolicy(raw: Raw): Policy {
  const b = raw.body ?? {};
  const bl = raw.blocklists ?? {};
  const rp = raw.report ?? {};
  const contentTypes: Record<string, any> = { ...DEFAULT_CONTENT_TYPES };
  for (const [k, v] of Object.entries(b.content_types ?? {})) contentTypes[k.toLowerCase()] = v;
  return {
    version: 1,
    mode: raw.mode ?? "enforce",
    enable: raw.enable === undefined ? ["*"] : list(raw.enable),
    detectors: (raw.detectors ?? []).map(normalizeDetector),
    routes: (raw.routes ?? []).map(normalizeRoute),
    rules: (raw.rules ?? []).map(normalizeRule),
    identity: normalizeIdentity(raw.identity),
    limits: (raw.limits ?? []).map(normalizeLimit),
    attacks: { paranoia: raw.attacks?.paranoia ?? 1 },
    blocklists: {
      peer_services: list(bl.peer_services), tokens: list(bl.tokens), jwt_subjects: list(bl.jwt_subjects),
      ips: list(bl.ips), user_agents: list(bl.user_agents), paths: list(bl.paths), status: bl.status ?? 403,
    },
    report: { values: rp.values ?? "none", hash_prefix: rp.hash_prefix ?? 12, evidence: rp.evidence ?? true },
    body: {
      max_bytes: b.max_bytes ?? 1048576,
      oversize: b.oversize ?? "stream",
      hold_bytes: b.hold_bytes ?? 65536,
      content_types: contentTypes,
      compressed: b.compressed ?? "inflate",
      max_inflated_bytes: b.max_inflated_bytes ?? 4194304,
      strip_accept_encoding: b.strip_accept_encoding ?? false,
      hold_headers: b.hold_headers ?? false,
    },
  };
}
