// Request-side attack detectors and response-side leak detectors: the public API of assembly/attack/.
// A value is decoded once (decode.ts), then each detector reads the canonical lower-case form in one pass.
// Detectors report the lowest paranoia level (1–4) at which they fire; a finding counts when that level is
// <= the configured level (CRS semantics: higher paranoia, more detection, more false positives).
import { Normalizer, ByteBuf, stripSqlComments, SOURCE_JSON } from "./decode";
import { sqliLevel } from "./sqli";
import { xssLevel } from "./xss";
import { pathTraversalLevel } from "./traversal";
import { commandInjectionLevel } from "./command";
import { ssrfLevel } from "./ssrf";
import { log4shellLevel } from "./log4shell";
import { sstiLevel } from "./ssti";
import { nosqliLevel, prototypePollutionLevel } from "./nosql";
import { stackTraceLevel, sqlErrorLevel, anyLeakSignature } from "./leak";
import { foldCase } from "./decode";

export { SOURCE_JSON, SOURCE_QUERY, SOURCE_HEADER, SOURCE_PATH, SOURCE_COOKIE, MAX_DECODED } from "./decode";

export const ATTACK_SQLI: i32 = 0;
export const ATTACK_XSS: i32 = 1;
export const ATTACK_PATH_TRAVERSAL: i32 = 2;
export const ATTACK_COMMAND_INJECTION: i32 = 3;
export const ATTACK_SSRF: i32 = 4;
export const ATTACK_LOG4SHELL: i32 = 5;
export const ATTACK_SSTI: i32 = 6;
export const ATTACK_NOSQLI: i32 = 7;
export const ATTACK_PROTOTYPE_POLLUTION: i32 = 8;
export const LEAK_STACK_TRACE: i32 = 9;
export const LEAK_SQL_ERROR: i32 = 10;
export const ATTACK_KIND_COUNT: i32 = 11;

const NAMES: string[] = ["attack.sqli", "attack.xss", "attack.path_traversal", "attack.command_injection", "attack.ssrf",
  "attack.log4shell", "attack.ssti", "attack.nosqli", "attack.prototype_pollution", "leak.stack_trace", "leak.sql_error"];

/** Detector id ("attack.sqli") of a kind, or "" if out of range. */
export function attackName(kind: i32): string { return kind >= 0 && kind < NAMES.length ? NAMES[kind] : ""; }
/** Kind of a detector id, or -1. */
export function attackKindByName(name: string): i32 { return NAMES.indexOf(name); }

/** Findings for one value; reusable (reset per value). At most one finding per kind. */
export class AttackFindings {
  count: i32 = 0;
  /** bit per kind that fired */
  mask: i32 = 0;
  kinds: Int32Array = new Int32Array(ATTACK_KIND_COUNT);
  /** lowest paranoia level at which each finding fires (<= the level asked for) */
  levels: Int32Array = new Int32Array(ATTACK_KIND_COUNT);
  /** raw span of the value (detectors look at decoded text, so the whole value is the evidence) */
  start: i32 = 0;
  end: i32 = 0;
  /** the value was longer than MAX_DECODED (only its head was examined) */
  truncated: bool = false;

  reset(): void { this.count = 0; this.mask = 0; this.truncated = false; }
  add(kind: i32, level: i32): void {
    if (kind < 0 || kind >= ATTACK_KIND_COUNT || (this.mask & (1 << kind)) != 0) return;
    this.mask |= 1 << kind;
    unchecked(this.kinds[this.count] = kind);
    unchecked(this.levels[this.count] = level);
    this.count++;
  }
  has(kind: i32): bool { return kind >= 0 && kind < 32 && (this.mask & (1 << kind)) != 0; }
}

/** Which detectors run (bit per kind); default: all request-side ones. */
export const REQUEST_KINDS: i32 = (1 << 9) - 1;
export const RESPONSE_KINDS: i32 = (1 << LEAK_STACK_TRACE) | (1 << LEAK_SQL_ERROR);

/** Holds the decoding scratch buffers; one per filter instance (not per value). */
export class AttackScanner {
  norm: Normalizer = new Normalizer();
  sqlView: ByteBuf = new ByteBuf();
  keyBuf: ByteBuf = new ByteBuf(256);

  /**
   * Run the request-side detectors on value[start,end). `keyName`: the field name or key path (JSON key,
   * query parameter name, header name); `level`: paranoia 1–4; `source`: SOURCE_* (decoding choices);
   * `enabled`: bit per kind. Findings are added to `out` (not reset here, so one value can feed several).
   */
  detect(value: Uint8Array, start: i32, end: i32, keyName: string, level: i32, out: AttackFindings,
         source: i32 = SOURCE_JSON, enabled: i32 = REQUEST_KINDS): void {
    if (start < 0) start = 0;
    if (end > value.length) end = value.length;
    if (end < start) end = start;
    if (level < 1) level = 1;
    if (level > 4) level = 4;
    out.start = start; out.end = end;
    const n = this.norm;
    n.run(value, start, end, source);
    if (n.truncated) out.truncated = true;
    const s = n.lower.data, len = n.lower.len;
    // key: lower-cased bytes of the field name (bounded)
    const kb = this.keyBuf;
    kb.reset();
    const klen = keyName.length < 256 ? keyName.length : 256;
    for (let i = 0; i < klen; i++) { const c = keyName.charCodeAt(i); kb.push(c < 0x80 ? c : 0x3f); }
    foldCase(kb);
    if (len == 0 && kb.len == 0) return;

    if (enabled & (1 << ATTACK_SQLI)) {
      let l = sqliLevel(s, 0, len);
      // SQL comment stripping: UN/**/ION SEL/**/ECT reads as code once comments are gone
      if (l == 0 || l > level) {
        if (stripSqlComments(s, 0, len, this.sqlView)) {
          const l2 = sqliLevel(this.sqlView.data, 0, this.sqlView.len);
          if (l2 > 0 && (l == 0 || l2 < l)) l = l2;
        }
      }
      if (l > 0 && l <= level) out.add(ATTACK_SQLI, l);
    }
    if (enabled & (1 << ATTACK_XSS)) { const l = xssLevel(s, 0, len); if (l > 0 && l <= level) out.add(ATTACK_XSS, l); }
    if (enabled & (1 << ATTACK_PATH_TRAVERSAL)) { const l = pathTraversalLevel(s, 0, len); if (l > 0 && l <= level) out.add(ATTACK_PATH_TRAVERSAL, l); }
    if (enabled & (1 << ATTACK_COMMAND_INJECTION)) { const l = commandInjectionLevel(s, 0, len); if (l > 0 && l <= level) out.add(ATTACK_COMMAND_INJECTION, l); }
    if (enabled & (1 << ATTACK_SSRF)) { const l = ssrfLevel(s, 0, len); if (l > 0 && l <= level) out.add(ATTACK_SSRF, l); }
    if (enabled & (1 << ATTACK_LOG4SHELL)) { const l = log4shellLevel(s, 0, len); if (l > 0 && l <= level) out.add(ATTACK_LOG4SHELL, l); }
    if (enabled & (1 << ATTACK_SSTI)) { const l = sstiLevel(s, 0, len); if (l > 0 && l <= level) out.add(ATTACK_SSTI, l); }
    if (enabled & (1 << ATTACK_NOSQLI)) { const l = nosqliLevel(kb.data, kb.len, s, 0, len); if (l > 0 && l <= level) out.add(ATTACK_NOSQLI, l); }
    if (enabled & (1 << ATTACK_PROTOTYPE_POLLUTION)) { const l = prototypePollutionLevel(kb.data, kb.len, s, 0, len); if (l > 0 && l <= level) out.add(ATTACK_PROTOTYPE_POLLUTION, l); }
  }

  /** Response-side leak detectors over response text value[start,end) (no URL decoding: text as sent). */
  detectResponse(value: Uint8Array, start: i32, end: i32, level: i32, out: AttackFindings, enabled: i32 = RESPONSE_KINDS): void {
    if (start < 0) start = 0;
    if (end > value.length) end = value.length;
    if (end < start) end = start;
    out.start = start; out.end = end;
    const lo = this.norm.lower;
    lo.copyFrom(value, start, end);
    if (end - start > lo.data.length) out.truncated = true;
    foldCase(lo);
    if (!anyLeakSignature(lo.data, 0, lo.len)) return; // the common case: no signature at all
    if (enabled & (1 << LEAK_STACK_TRACE)) { const l = stackTraceLevel(lo.data, 0, lo.len); if (l > 0 && l <= level) out.add(LEAK_STACK_TRACE, l); }
    if (enabled & (1 << LEAK_SQL_ERROR)) { const l = sqlErrorLevel(lo.data, 0, lo.len); if (l > 0 && l <= level) out.add(LEAK_SQL_ERROR, l); }
  }
}

let shared: AttackScanner | null = null;
function sharedScanner(): AttackScanner {
  let s = shared;
  if (s === null) { s = new AttackScanner(); shared = s; }
  return s;
}

/** Convenience over a module-wide scanner (the filter is single-threaded). See AttackScanner.detect. */
export function detectAttacks(value: Uint8Array, start: i32, end: i32, keyName: string, level: i32, out: AttackFindings,
                              source: i32 = SOURCE_JSON, enabled: i32 = REQUEST_KINDS): void {
  sharedScanner().detect(value, start, end, keyName, level, out, source, enabled);
}

/** Convenience over a module-wide scanner. See AttackScanner.detectResponse. */
export function detectLeaks(value: Uint8Array, start: i32, end: i32, level: i32, out: AttackFindings, enabled: i32 = RESPONSE_KINDS): void {
  sharedScanner().detectResponse(value, start, end, level, out, enabled);
}
