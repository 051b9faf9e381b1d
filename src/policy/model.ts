// The normalized policy: what `microwaf render json` prints and the filter takes as plugin configuration.
// Every field is present (defaults filled in); globs are kept as written; durations are milliseconds.

export type Direction = "request" | "response" | "both";
export type Action = "alert" | "redact" | "block";

export interface ValidatorRef { name: string; param: number | null }

export interface DetectorDef {
  id: string;
  description: string;
  severity: "low" | "medium" | "high" | "critical";
  pattern: string | null;
  literals: string[];
  case_insensitive: boolean;
  validators: ValidatorRef[];
  keys: { require: string[]; boost: string[]; exclude: string[] };
  context_only: boolean;
  except: string[];
}

export interface Redact { style: "mask" | "keep_last" | "fixed"; keep: number; text: string; char: string }

export interface Rule {
  detectors: string[];
  action: Action;
  redact: Redact;
  threshold: number;
  direction: Direction;
  status: number;
}

export interface RouteMatch {
  authority: string[];
  path: string;
  methods: string[];
  direction: Direction;
  content_type: string[];
}

export interface Route { name: string; match: RouteMatch; enable: string[]; rules: Rule[] }

export type TokenSource = { header: string; prefix: string } | { cookie: string; prefix: string };
export type ServiceSource =
  | { node_metadata: string } | { peer_metadata: string } | { spiffe: "id" | "service_account" | "namespace" }
  | { header: string } | { value: string };

export interface Identity {
  token: { from: TokenSource[]; jwt_claim: string | null; hash: "sha256" };
  service: { local: ServiceSource[]; peer: ServiceSource[] };
}

export interface Limit {
  name: string;
  per: "token" | "peer_service" | "route";
  detectors: string[];
  max: number;
  window_ms: number;
  action: "alert" | "block";
  direction: Direction;
  routes: string[];
  status: number;
}

export interface Blocklists {
  peer_services: string[]; tokens: string[]; jwt_subjects: string[]; ips: string[];
  user_agents: string[]; paths: string[]; status: number;
}

export interface Report { values: "none" | "masked" | "sha256-prefix" | "raw"; hash_prefix: number; evidence: boolean }

export type Scanner = "json" | "grpc" | "protobuf" | "form" | "multipart" | "text" | "skip";

export interface Body {
  max_bytes: number;
  oversize: "stream" | "pass" | "block";
  hold_bytes: number;
  content_types: Record<string, Scanner>;
  compressed: "inflate" | "pass" | "alert" | "block";
  max_inflated_bytes: number;
  strip_accept_encoding: boolean;
  hold_headers: boolean;
}

export interface Policy {
  version: 1;
  mode: "enforce" | "monitor";
  enable: string[];
  detectors: DetectorDef[];
  routes: Route[];
  rules: Rule[];
  identity: Identity;
  limits: Limit[];
  attacks: { paranoia: number };
  blocklists: Blocklists;
  report: Report;
  body: Body;
  /** compiled compact protobuf descriptor (JSON text), when the policy names .proto files */
  protobuf?: { descriptor: string };
}

export const DEFAULT_CONTENT_TYPES: Record<string, Scanner> = {
  "application/json": "json",
  "application/*+json": "json",
  "application/x-ndjson": "json",
  "application/grpc": "grpc",
  "application/grpc+proto": "grpc",
  "application/grpc-web+proto": "grpc",
  "application/x-protobuf": "protobuf",
  "application/protobuf": "protobuf",
  "application/x-www-form-urlencoded": "form",
  "multipart/form-data": "multipart",
  "text/*": "text",
  "application/xml": "text",
  "application/*+xml": "text",
  "application/javascript": "text",
};
