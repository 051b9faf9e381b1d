// The filter's policy: load (parse + validate + compile) and lookups. See docs/policy.md for the JSON shape.
export { loadPolicy, Policy, PolicyLoad, Route } from "./policy";
export {
  Action, Blocklists, Body, Compressed, ContentTypeEntry, DetectorDef, Direction, Identity, Limit, Mode, Oversize, Per,
  Redact, RedactStyle, Report, ReportValues, Rule, Scanner, ServiceFrom, ServiceSource, Severity, TokenFrom, TokenSource, ValidatorRef,
} from "./model";
export { idGlobMatches, normalizePath, PathGlob, PathSegments, wildcard } from "./glob";
