// Request-side attack detectors and response-side leak detectors: the public API of assembly/attack/.
// A value is decoded once (decode.ts), then each detector reads the canonical lower-case form in one pass.
// Detectors report the lowest paranoia level (1–4) at which they fire; a finding counts when that level is
// <= the configured level (CRS semantics: higher paranoia, more detection, more false positives).
import { Normalizer, ByteBuf, stripSqlComments, SOURCE_JSON, SOURCE_HEADER } from "./decode";
import { sqliLevel } from "./sqli";
import { xssLevel } from "./xss";
import { pathTraversalLevel } from "./traversal";
import { commandInjectionLevel } from "./command";
import { ssrfLevel, rfiParamLevel } from "./ssrf";
import { uploadNameLevel } from "./code";
import { restrictedUploadLevel } from "./command-upload";
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

/** Is the lower-cased key exactly `name`? */
function keyIs(kb: ByteBuf, name: string): bool {
  if (kb.len != name.length) return false;
  for (let i = 0; i < kb.len; i++) if (<i32>unchecked(kb.data[i]) != name.charCodeAt(i)) return false;
  return true;
}

/** Does s[0,len) hold a byte that can start or end an SQL comment ('/', '*', '-', '#')? */
function hasCommentByte(s: Uint8Array, len: i32): bool {
  if (len > s.length) len = s.length;
  for (let i = 0; i < len; i++) {
    const c = <i32>unchecked(s[i]);
    if (c == 0x2f || c == 0x2a || c == 0x2d || c == 0x23) return true;
  }
  return false;
}

/** The lower of two detector levels, where 0 means "did not fire". */
@inline function lowest(a: i32, b: i32): i32 { return a == 0 ? b : b == 0 ? a : min(a, b); }

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

/**
 * Verdicts for recent short values. Request headers, paths and query parameters repeat across requests (one
 * client's User-Agent, a service's routes), and running every detector over a 150-byte User-Agent costs far
 * more than looking it up. The entry is keyed by every input of detect() and verified byte for byte, so a
 * hash collision cannot make an attack look like a cached clean value. Direct-mapped, fixed memory.
 */
class VerdictCache {
  static readonly SLOTS: i32 = 128;
  static readonly MAX: i32 = 240; // key + value bytes
  hashes: Int32Array = new Int32Array(VerdictCache.SLOTS); // 0 = empty
  params: Int32Array = new Int32Array(VerdictCache.SLOTS);
  lens: Int32Array = new Int32Array(VerdictCache.SLOTS);   // key length << 16 | value length
  levels: Int64Array = new Int64Array(VerdictCache.SLOTS); // 4 bits per kind: level found, 0 = none
  bytes: Uint8Array = new Uint8Array(VerdictCache.SLOTS * VerdictCache.MAX);
  hits: i64 = 0;

  static hash(a: Uint8Array, aLen: i32, b: Uint8Array, bStart: i32, bEnd: i32, params: i32): i32 {
    let h: u32 = 2166136261 ^ <u32>params;
    for (let i = 0; i < aLen; i++) h = (h ^ <u32>unchecked(a[i])) * 16777619;
    h = (h ^ 0xff) * 16777619;
    for (let i = bStart; i < bEnd; i++) h = (h ^ <u32>unchecked(b[i])) * 16777619;
    return <i32>(h | 1);
  }

  /** Slot holding exactly this input, or -1. */
  find(h: i32, params: i32, key: Uint8Array, kLen: i32, v: Uint8Array, start: i32, end: i32): i32 {
    const slot = h & (VerdictCache.SLOTS - 1);
    if (unchecked(this.hashes[slot]) != h || unchecked(this.params[slot]) != params) return -1;
    if (unchecked(this.lens[slot]) != ((kLen << 16) | (end - start))) return -1;
    const base = this.bytes.dataStart + <usize>(slot * VerdictCache.MAX);
    if (kLen > 0 && memory.compare(base, key.dataStart, <usize>kLen) != 0) return -1;
    if (end > start && memory.compare(base + <usize>kLen, v.dataStart + <usize>start, <usize>(end - start)) != 0) return -1;
    return slot;
  }

  store(h: i32, params: i32, key: Uint8Array, kLen: i32, v: Uint8Array, start: i32, end: i32, levels: i64): void {
    const slot = h & (VerdictCache.SLOTS - 1);
    const base = this.bytes.dataStart + <usize>(slot * VerdictCache.MAX);
    if (kLen > 0) memory.copy(base, key.dataStart, <usize>kLen);
    if (end > start) memory.copy(base + <usize>kLen, v.dataStart + <usize>start, <usize>(end - start));
    unchecked(this.hashes[slot] = h);
    unchecked(this.params[slot] = params);
    unchecked(this.lens[slot] = (kLen << 16) | (end - start));
    unchecked(this.levels[slot] = levels);
  }
}

/** Holds the decoding scratch buffers; one per filter instance (not per value). */
export class AttackScanner {
  norm: Normalizer = new Normalizer();
  sqlView: ByteBuf = new ByteBuf();
  keyBuf: ByteBuf = new ByteBuf(256);
  private verdicts: VerdictCache = new VerdictCache();
  private found: AttackFindings = new AttackFindings();

  /** Lookups answered from the verdict cache (tests and benchmarks read it). */
  get cacheHits(): i64 { return this.verdicts.hits; }

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
    // key: lower-cased bytes of the field name (bounded)
    const kb = this.keyBuf;
    kb.reset();
    const klen = keyName.length < 256 ? keyName.length : 256;
    for (let i = 0; i < klen; i++) { const c = keyName.charCodeAt(i); kb.push(c < 0x80 ? c : 0x3f); }
    foldCase(kb);
    if (kb.len + (end - start) > VerdictCache.MAX) { this.run(value, start, end, level, out, source, enabled); return; }
    const params = level | (source << 4) | (enabled << 8);
    const vc = this.verdicts;
    const h = VerdictCache.hash(kb.data, kb.len, value, start, end, params);
    const slot = vc.find(h, params, kb.data, kb.len, value, start, end);
    if (slot >= 0) {
      vc.hits++;
      const lv = unchecked(vc.levels[slot]);
      for (let k = 0; k < ATTACK_KIND_COUNT; k++) {
        const l = <i32>((lv >> (<i64>k * 4)) & 15);
        if (l > 0) out.add(k, l);
      }
      return;
    }
    const f = this.found;
    f.reset();
    this.run(value, start, end, level, f, source, enabled);
    let lv: i64 = 0;
    for (let i = 0; i < f.count; i++) {
      const k = unchecked(f.kinds[i]), l = unchecked(f.levels[i]);
      lv |= (<i64>l & 15) << (<i64>k * 4);
      out.add(k, l);
    }
    if (f.truncated) out.truncated = true;
    vc.store(h, params, kb.data, kb.len, value, start, end, lv);
  }

  /** detect() without the verdict cache; the key is already in keyBuf. */
  private run(value: Uint8Array, start: i32, end: i32, level: i32, out: AttackFindings, source: i32, enabled: i32): void {
    const kb = this.keyBuf;
    const n = this.norm;
    n.run(value, start, end, source);
    if (n.truncated) out.truncated = true;
    const s = n.lower.data, len = n.lower.len;
    if (len == 0 && kb.len == 0) return;

    if (enabled & (1 << ATTACK_SQLI)) {
      let l = sqliLevel(s, 0, len);
      // SQL comment stripping: UN/**/ION SEL/**/ECT reads as code once comments are gone
      if (l == 0 || l > level) {
        // (it changes nothing without '/', '*', '-' or '#': skip the copy for most values)
        if (hasCommentByte(s, len) && stripSqlComments(s, 0, len, this.sqlView)) {
          const l2 = sqliLevel(this.sqlView.data, 0, this.sqlView.len);
          if (l2 > 0 && (l == 0 || l2 < l)) l = l2;
        }
      }
      if (l > 0 && l <= level) out.add(ATTACK_SQLI, l);
    }
    if (enabled & (1 << ATTACK_XSS)) { const l = xssLevel(s, 0, len); if (l > 0 && l <= level) out.add(ATTACK_XSS, l); }
    if (enabled & (1 << ATTACK_PATH_TRAVERSAL)) { const l = pathTraversalLevel(s, 0, len); if (l > 0 && l <= level) out.add(ATTACK_PATH_TRAVERSAL, l); }
    if (enabled & (1 << ATTACK_COMMAND_INJECTION)) {
      let l = commandInjectionLevel(s, 0, len);
      // executable or restricted upload names (shell.php, x.jspx, sess_…, .htaccess) in upload-name headers
      // (CRS 933110, 944140, 932180);
      // a JSON field called "filename" is ordinary data, so only the header forms count
      if (source == SOURCE_HEADER) {
        l = lowest(l, uploadNameLevel(kb.data, kb.len, s, 0, len));
        l = lowest(l, restrictedUploadLevel(kb.data, kb.len, s, 0, len)); // .htaccess, web.config… (932180)
      }
      if (l > 0 && l <= level) out.add(ATTACK_COMMAND_INJECTION, l);
    }
    if (enabled & (1 << ATTACK_SSRF)) {
      // RFI by parameter name (CRS 931110): an include-path parameter holding a remote URL
      let l = lowest(ssrfLevel(s, 0, len), rfiParamLevel(kb.data, kb.len, s, 0, len));
      // Referer and Origin are URLs by definition (a page served from an IP literal sends one): the RFI/SSRF
      // shapes there are level 2 (CRS reads them from parameters only)
      if (l == 1 && source == SOURCE_HEADER && (keyIs(kb, "referer") || keyIs(kb, "origin"))) l = 2;
      if (l > 0 && l <= level) out.add(ATTACK_SSRF, l);
    }
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
