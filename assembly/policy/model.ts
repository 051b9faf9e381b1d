// The policy as typed classes (from the normalized JSON of `microwaf render json`; docs/policy.md).

export const enum Mode { Enforce = 0, Monitor = 1 }
/** A bit set: Request 1, Response 2, Both 3. */
export const enum Direction { Request = 1, Response = 2, Both = 3 }
export const enum Action { Alert = 0, Redact = 1, Block = 2 }
export const enum RedactStyle { Mask = 0, KeepLast = 1, Fixed = 2 }
export const enum Severity { Low = 0, Medium = 1, High = 2, Critical = 3 }
export const enum Per { Token = 0, PeerService = 1, Route = 2 }
export const enum Scanner { Json = 0, Grpc = 1, Protobuf = 2, Form = 3, Multipart = 4, Text = 5, Skip = 6 }
export const enum Oversize { Stream = 0, Pass = 1, Block = 2 }
export const enum Compressed { Inflate = 0, Pass = 1, Alert = 2, Block = 3 }
export const enum ReportValues { None = 0, Masked = 1, Sha256Prefix = 2, Raw = 3 }
export const enum TokenFrom { Header = 0, Cookie = 1 }
export const enum ServiceFrom { NodeMetadata = 0, PeerMetadata = 1, Spiffe = 2, Header = 3, Value = 4 }

export class ValidatorRef {
  /** Id in assembly/validators (validatorByName), resolved at load; a name the filter lacks rejects the policy. */
  id: i32 = -1;
  constructor(public name: string, public param: f64, public hasParam: bool) {}
}

/** A detector definition handed to detect/ and engine/ (patterns are compiled there, not here). */
export class DetectorDef {
  /** Position in Policy.detectors: the detector number used in findings and rule tables. */
  index: i32 = 0;
  id: string = "";
  /** First two dotted segments (`pii.credit_card`). */
  category: string = "";
  description: string = "";
  severity: Severity = Severity.Medium;
  pattern: string = "";
  hasPattern: bool = false;
  literals: string[] = [];
  caseInsensitive: bool = false;
  validators: ValidatorRef[] = [];
  keysRequire: string[] = [];
  keysBoost: string[] = [];
  keysExclude: string[] = [];
  contextOnly: bool = false;
  except: string[] = [];
  builtin: bool = false;
  /** A code detector of assembly/attack/ (no pattern): its kind there (ATTACK_SQLI, …), else -1. */
  codeKind: i32 = -1;
  /** attack.* detectors inspect requests only. */
  get isAttack(): bool { return this.id.startsWith("attack."); }
  /** leak.* detectors inspect responses only. */
  get isLeak(): bool { return this.id.startsWith("leak."); }
}

export class Redact {
  style: RedactStyle = RedactStyle.Mask;
  keep: i32 = 4;
  text: string = "[REDACTED]";
  char: string = "*";
}

export class Rule {
  detectors: string[] = [];
  action: Action = Action.Alert;
  redact: Redact = new Redact();
  threshold: i32 = 1;
  direction: Direction = Direction.Response;
  status: i32 = 403;
  /** Index in its list; -1 for the implicit alert of detectors no rule covers. */
  index: i32 = -1;
  /** Index of the route owning the rule, -1 for top-level rules. */
  route: i32 = -1;
}

export class Limit {
  index: i32 = 0;
  name: string = "";
  per: Per = Per.Token;
  detectors: string[] = [];
  max: i32 = 1;
  windowMs: i64 = 60000;
  action: Action = Action.Block;
  direction: Direction = Direction.Response;
  /** Route groups counted (empty: all). */
  routes: string[] = [];
  status: i32 = 429;
}

export class TokenSource {
  constructor(public from: TokenFrom, public name: string, public prefix: string) {}
}

export class ServiceSource {
  /** Metadata key, header name, fixed value, or for Spiffe: "id" | "service_account" | "namespace". */
  constructor(public from: ServiceFrom, public value: string) {}
}

export class Identity {
  tokenFrom: TokenSource[] = [];
  /** Empty: always hash. */
  jwtClaim: string = "sub";
  localService: ServiceSource[] = [];
  peerService: ServiceSource[] = [];
}

export class Blocklists {
  peerServices: string[] = [];
  tokens: string[] = [];
  jwtSubjects: string[] = [];
  ips: string[] = [];
  userAgents: string[] = [];
  paths: string[] = [];
  status: i32 = 403;
}

export class Report {
  values: ReportValues = ReportValues.None;
  hashPrefix: i32 = 12;
  evidence: bool = true;
}

export class ContentTypeEntry {
  constructor(public glob: string, public scanner: Scanner, public rank: i32) {}
}

export class Body {
  maxBytes: i64 = 1048576;
  oversize: Oversize = Oversize.Stream;
  holdBytes: i64 = 65536;
  /** hold response headers too (Envoy ≥ 1.35 with allow_on_headers_stop_iteration: true) */
  holdHeaders: bool = false;
  /** Sorted most specific first (exact, suffix glob, type/*, *). */
  contentTypes: ContentTypeEntry[] = [];
  compressed: Compressed = Compressed.Inflate;
  maxInflatedBytes: i64 = 4194304;
  stripAcceptEncoding: bool = false;
}
