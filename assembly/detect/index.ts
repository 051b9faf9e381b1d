// Detector runtime: one PatternSet for every detector (pattern and literals), then, only for candidate
// matches, key context (require / boost / exclude), `except` values and validators. Per-byte work stays in
// the engine's DFA loop; everything here runs per candidate or per value.

import { PatternSet, PatternSpec, EngineOptions, Matcher, MatchSink, CompileError } from "../engine/index";
import { nameHash } from "../util/hash";

/** Implemented by the validators part; ids come from its registry (validatorByName). */
export interface ValidatorRunner {
  run(validatorId: i32, param: f64, bytes: Uint8Array, start: i32, end: i32): bool;
}

export class ValidatorRef {
  id: i32;
  param: f64;
  constructor(id: i32, param: f64 = 0) { this.id = id; this.param = param; }
}

/** A detector as declared in policy YAML (built-in library or custom). */
export class DetectorDef {
  id: string = "";
  severity: i32 = 0; // 0 low, 1 medium, 2 high, 3 critical (the policy maps names)
  pattern: string = "";
  literals: string[] = [];
  caseInsensitive: bool = false;
  validators: ValidatorRef[] = [];
  require: string[] = [];
  boost: string[] = [];
  exclude: string[] = [];
  contextOnly: bool = false;
  except: string[] = [];
  constructor(id: string = "", pattern: string = "") { this.id = id; this.pattern = pattern; }
}

/** Compiled runtime record. */
export class Detector {
  index: i32;
  id: string;
  category: string;
  severity: i32;
  caseInsensitive: bool;
  contextOnly: bool;
  validators: ValidatorRef[];
  require: string[]; // lower-cased globs
  boost: string[];
  exclude: string[];
  /** per glob of require/boost/exclude: matched against the full path (else the field name); decided once */
  requirePath: StaticArray<bool>;
  boostPath: StaticArray<bool>;
  excludePath: StaticArray<bool>;
  /** no glob needs the full path: the field name alone decides the key context */
  namesOnly: bool;
  exceptExact: Uint8Array[] = [];
  exceptGlobs: string[] = [];
  constructor(index: i32, d: DetectorDef) {
    this.index = index;
    this.id = d.id;
    this.category = categoryOf(d.id);
    this.severity = d.severity;
    this.caseInsensitive = d.caseInsensitive;
    this.contextOnly = d.contextOnly;
    this.validators = d.validators;
    const require = lowerAll(d.require), boost = lowerAll(d.boost), exclude = lowerAll(d.exclude);
    this.require = require;
    this.boost = boost;
    this.exclude = exclude;
    this.requirePath = pathGlobFlags(require);
    this.boostPath = pathGlobFlags(boost);
    this.excludePath = pathGlobFlags(exclude);
    this.namesOnly = !needsPath(require) && !needsPath(boost) && !needsPath(exclude);
    for (let i = 0; i < d.except.length; i++) {
      const e = d.except[i];
      if (e.includes("*") || e.includes("?")) this.exceptGlobs.push(e.toLowerCase());
      else this.exceptExact.push(Uint8Array.wrap(String.UTF8.encode(e)));
    }
  }
}

/** The key path of the value being scanned, built only if a candidate needs key context. */
export abstract class KeyPathSource {
  /** the full key path (`$.user.ssn`) */
  abstract keyPath(): string;
  /** the nearest key name (`ssn`): what gates usually look at; cheaper to build */
  keyName(): string { return lastKeySegment(this.keyPath()); }
  /** The key name's bytes without allocating (sets namePtr/nameLen), or false: then keyName() is used. */
  keyNameBytes(): bool { return false; }
  /** 1: namePtr/nameLen/nameHash hold the name (no call needed); 2: the source has no name bytes; 0: not
   *  known yet, ask keyNameBytes() */
  nameReady: i32 = 0;
  namePtr: usize = 0;
  nameLen: i32 = 0;
  /** util/hash nameHash of the name's bytes if the source knows it (set by keyNameBytes), else 0 */
  nameHash: i32 = 0;
}

/** Gate cache keyed by key-name bytes (open addressing, FNV-1a): no string is built on a hit. */
class ByteGateCache {
  hashes: Int32Array = new Int32Array(2048);
  keys: Array<Uint8Array | null> = new Array<Uint8Array | null>(2048);
  gates: Array<Gate | null> = new Array<Gate | null>(2048);
  count: i32 = 0;

  /** bytes [a, a+len) == [b, b+len), four at a time (keys are short: no call to a general memcmp) */
  @inline static same(a: usize, b: usize, len: i32): bool {
    let i = 0;
    for (; i + 4 <= len; i += 4) if (load<u32>(a + <usize>i) != load<u32>(b + <usize>i)) return false;
    for (; i < len; i++) if (load<u8>(a + <usize>i) != load<u8>(b + <usize>i)) return false;
    return true;
  }

  get(ptr: usize, len: i32, h: i32): Gate | null {
    const mask = this.hashes.length - 1;
    for (let i = h & mask, n = 0; n <= mask; i = (i + 1) & mask, n++) {
      const hv = unchecked(this.hashes[i]);
      if (hv == 0) return null;
      if (hv != h) continue;
      const k = changetype<Uint8Array>(unchecked(this.keys[i]));
      if (k.length == len && ByteGateCache.same(k.dataStart, ptr, len)) return unchecked(this.gates[i]);
    }
    return null;
  }

  set(ptr: usize, len: i32, h: i32, g: Gate): void {
    if (this.count * 4 >= this.hashes.length * 3) this.clear(); // bounded: start over when 3/4 full
    const mask = this.hashes.length - 1;
    let i = h & mask;
    while (unchecked(this.hashes[i]) != 0) i = (i + 1) & mask;
    const k = new Uint8Array(len);
    memory.copy(k.dataStart, ptr, <usize>len);
    unchecked(this.hashes[i] = h);
    unchecked(this.keys[i] = k);
    unchecked(this.gates[i] = g);
    this.count++;
  }

  clear(): void {
    this.hashes.fill(0);
    for (let i = 0; i < this.keys.length; i++) { unchecked(this.keys[i] = null); unchecked(this.gates[i] = null); }
    this.count = 0;
  }
}

export class FixedKeyPath extends KeyPathSource {
  constructor(public path: string) { super(); }
  keyPath(): string { return this.path; }
}

export class Finding {
  detector: i32;
  start: i32; // offsets in the bytes given to detectValue
  end: i32;
  boosted: bool; // the key matched one of the detector's boost globs
  constructor(detector: i32, start: i32, end: i32, boosted: bool) {
    this.detector = detector; this.start = start; this.end = end; this.boosted = boosted;
  }
}

export interface FindingSink {
  onFinding(f: Finding): void;
}

export class DetectorBuildResult {
  set: DetectorSet | null = null;
  error: string = "";
  /** index of the detector the error is about, or -1 */
  detectorIndex: i32 = -1;
  get ok(): bool { return this.set !== null; }
}

/** Category = the first two dotted segments of the id (`pii.phone.us` -> `pii.phone`). */
export function categoryOf(id: string): string {
  const a = id.indexOf(".");
  if (a < 0) return id;
  const b = id.indexOf(".", a + 1);
  return b < 0 ? id : id.substring(0, b);
}

/** A literal as a pattern: ASCII letters, digits and '_' as themselves, every other byte as \xHH. */
export function escapeLiteral(s: string): string {
  const b = Uint8Array.wrap(String.UTF8.encode(s));
  let out = "";
  for (let i = 0; i < b.length; i++) {
    const c = <i32>b[i];
    if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c == 0x5f) out += String.fromCharCode(c);
    else out += "\\x" + HEX.charAt(c >> 4) + HEX.charAt(c & 15);
  }
  return out;
}
const HEX = "0123456789abcdef";

/** Case-insensitive glob: `*` any run (including none), `?` one character. Both sides already lower-cased. */
export function globMatch(glob: string, s: string): bool {
  let g = 0, i = 0, starG = -1, starI = 0;
  const gl = glob.length, sl = s.length;
  while (i < sl) {
    if (g < gl) {
      const c = glob.charCodeAt(g);
      if (c == 0x2a) { starG = g++; starI = i; continue; }
      if (c == 0x3f || c == s.charCodeAt(i)) { g++; i++; continue; }
    }
    if (starG < 0) return false;
    g = starG + 1;
    i = ++starI;
  }
  while (g < gl && glob.charCodeAt(g) == 0x2a) g++;
  return g == gl;
}

/** Last key segment of a path: `$.user.ssn` -> `ssn`, `$.items[3]` -> `items`, `1.3.2` -> `2`. */
export function lastKeySegment(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) == 0x5d) { // strip trailing [..]
    const open = path.lastIndexOf("[", end - 1);
    if (open < 0) break;
    end = open;
  }
  const p = path.substring(0, end);
  const dot = p.lastIndexOf(".");
  let seg = dot >= 0 ? p.substring(dot + 1) : p;
  if (seg == "$") seg = "";
  return seg;
}

/** True if any glob matches full paths (see isPathGlob). */
function needsPath(globs: string[]): bool {
  for (let i = 0; i < globs.length; i++) if (isPathGlob(globs[i])) return true;
  return false;
}

function lowerAll(a: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < a.length; i++) out.push(a[i].toLowerCase());
  return out;
}

/** A glob that names separators (`*billing_details.name`, `$.user.ssn`) matches the full key path;
 *  any other glob matches the field name the value sits under. */
function isPathGlob(g: string): bool {
  for (let i = 0; i < g.length; i++) {
    const c = g.charCodeAt(i);
    if (c == 0x2e || c == 0x5b || c == 0x24 || c == 0x2f) return true; // . [ $ /
  }
  return false;
}

function pathGlobFlags(globs: string[]): StaticArray<bool> {
  const f = new StaticArray<bool>(globs.length);
  for (let i = 0; i < globs.length; i++) unchecked(f[i] = isPathGlob(unchecked(globs[i])));
  return f;
}

/** anyGlob with each glob's kind decided in advance (pathGlobFlags): the per-candidate key-context check. */
function anyGlobOf(globs: string[], isPath: StaticArray<bool>, last: string, full: string): bool {
  for (let i = 0; i < globs.length; i++) {
    if (globMatch(unchecked(globs[i]), unchecked(isPath[i]) ? full : last)) return true;
  }
  return false;
}

/** The field-name part of a glob (`*billing_details.name` → `name`), to pre-check a path glob by name. */
function nameOfGlob(g: string): string {
  if (!isPathGlob(g)) return g;
  let i = g.length;
  while (i > 0) {
    const c = g.charCodeAt(i - 1);
    if (c == 0x2e || c == 0x5d || c == 0x5b || c == 0x24 || c == 0x2f) break;
    i--;
  }
  const tail = g.substring(i);
  return tail.length == 0 ? "*" : tail;
}

/** Could `globs` match under field name `name` (exact for name globs, a necessary condition for path globs)? */
function anyNameCouldMatch(globs: string[], name: string): bool {
  for (let i = 0; i < globs.length; i++) if (globMatch(nameOfGlob(unchecked(globs[i])), name)) return true;
  return false;
}

/** Matches of one scan, in arrays reused across values (`n` is the count; clearing is free). */
class Candidates implements MatchSink {
  pat: Array<i32> = [];
  start: Array<i32> = [];
  end: Array<i32> = [];
  n: i32 = 0;
  onMatch(patternId: i32, start: i64, end: i64): void {
    const i = this.n;
    if (i < this.pat.length) {
      unchecked(this.pat[i] = patternId); unchecked(this.start[i] = <i32>start); unchecked(this.end[i] = <i32>end);
    } else {
      this.pat.push(patternId); this.start.push(<i32>start); this.end.push(<i32>end);
    }
    this.n = i + 1;
  }
  @inline clear(): void { this.n = 0; }
}

const CTX_SKIP: i32 = 1;
const CTX_PLAIN: i32 = 2;
const CTX_BOOST: i32 = 3;

function compareFinding(a: Finding, b: Finding): i32 {
  if (a.start != b.start) return a.start - b.start;
  if (a.detector != b.detector) return a.detector - b.detector;
  return a.end - b.end;
}

/**
 * One compiled pattern set with its matcher. A DetectorSet has one `open` lane for the detectors that can
 * fire on any value, scanned everywhere, and one lane per key-gated detector (`context_only` or `require`),
 * scanned only for values whose key lets that detector fire. Gated patterns are deliberately broad, like
 * `[^\x00-\x1f]{1,256}` for passwords: in the always-on automaton their long counters would multiply with
 * everyone else's into states the cache cannot hold, and in one automaton of all gated detectors they would
 * flag every byte of a value under `token` for the password pattern the key has switched off. Alone, each
 * costs one small walk for the few values under its keys, however many gated detectors the policy has.
 */
class Lane {
  patterns: PatternSet;
  /** pattern index → detector index */
  patDet: StaticArray<i32>;
  cands: Candidates;
  matcher: Matcher;
  /** the enabled mask applied to the matcher (patterns are re-enabled only when it changes) */
  applied: StaticArray<bool> | null = null;
  appliedSet: bool = false;
  any: bool = false;
  constructor(patterns: PatternSet, patDet: StaticArray<i32>) {
    const cands = new Candidates();
    this.patterns = patterns;
    this.patDet = patDet;
    this.cands = cands;
    this.matcher = patterns.newMatcher(cands);
  }

  /** Enables pattern p when on[patDet[p]] (null: all); returns whether any is enabled. Per value: the same
   *  mask as last time is the common case, checked inline. */
  @inline enable(on: StaticArray<bool> | null): bool {
    if (this.appliedSet && on === this.applied) return this.any;
    return this.apply(on);
  }

  /** per detector mask seen (route and direction): the matcher's switched-off set and whether any is on, so
   *  a stream's sides (different masks) swap sets instead of re-enabling every pattern each time */
  private offByMask: Map<StaticArray<bool> | null, StaticArray<bool>> = new Map();
  private anyByMask: Map<StaticArray<bool> | null, bool> = new Map();

  private apply(on: StaticArray<bool> | null): bool {
    this.appliedSet = true;
    this.applied = on;
    if (this.offByMask.has(on)) {
      this.matcher.setDisabled(this.offByMask.get(on));
      this.any = this.anyByMask.get(on);
      return this.any;
    }
    const off = new StaticArray<bool>(this.patDet.length);
    let any = false;
    for (let pi = 0; pi < this.patDet.length; pi++) {
      const di = unchecked(this.patDet[pi]);
      const e = on === null || (di < on.length && unchecked(on[di]));
      unchecked(off[pi] = !e);
      any = any || e;
    }
    if (this.offByMask.size >= 64) { this.offByMask.clear(); this.anyByMask.clear(); } // masks are few: bounded
    this.offByMask.set(on, off);
    this.anyByMask.set(on, any);
    this.matcher.setDisabled(off);
    this.any = any;
    return any;
  }
}

class LaneBuild {
  specs: PatternSpec[] = [];
  owner: i32[] = [];
  isLiteral: bool[] = [];
  add(det: i32, source: string, ci: bool, literal: bool): void {
    this.specs.push(new PatternSpec(this.specs.length, source, ci));
    this.owner.push(det);
    this.isLiteral.push(literal);
  }
}

export class Gate {
  /** the field name, lower-cased */
  name: string = "";
  /** a caller's flag about this name, cached with it (Inspection: is it an error-like key? -1 not yet known) */
  errorLike: i8 = -1;
  /** key context per detector under this name, for detectors decided by the name alone (0: not yet known) */
  ctx: StaticArray<i8> | null = null;
  /** some gated detector may fire under this name (false: no gated lane is scanned) */
  any: bool = false;
  /** gated detectors the field name alone lets fire (their lanes are scanned) */
  on: i32[] = [];
  /** gated detectors with path globs that need this value's full path */
  pathChecks: i32[] = [];
}

/** Key context of a detector for a field name and a full path (both lower-cased). */
function contextOfKey(d: Detector, last: string, full: string): i32 {
  if (d.exclude.length > 0 && anyGlobOf(d.exclude, d.excludePath, last, full)) return CTX_SKIP;
  const req = d.require.length > 0 && anyGlobOf(d.require, d.requirePath, last, full);
  if (d.require.length > 0 && !req) return CTX_SKIP;
  const boost = d.boost.length > 0 && anyGlobOf(d.boost, d.boostPath, last, full);
  if (d.contextOnly && !req && !boost) return CTX_SKIP;
  return boost ? CTX_BOOST : CTX_PLAIN;
}

/** Key context for detectors without path globs: the field name decides. */
function contextByName(d: Detector, nameLower: string): i32 {
  return contextOfKey(d, nameLower, nameLower);
}

/** Bytes past a match that validators may read (checksum.ts inLongerRun reads up to 10). */
const STREAM_LOOKAHEAD: i64 = 16;

/** Max distinct key names whose gate decision is cached (cleared when full: bounded memory). */
const GATE_CACHE_MAX = 1024;

export class DetectorSet {
  detectors: Detector[];
  /** the always-on lane's patterns (the one benchmarks and cache statistics look at) */
  patterns: PatternSet;
  private open: Lane | null;
  /** per detector: its own lane if it is key-gated, else null */
  private gatedLanes: StaticArray<Lane | null>;
  /** gated detectors' indexes; pathGated[d]: some of d's key globs match full paths */
  private gatedDets: i32[] = [];
  private pathGated: StaticArray<bool>;
  /** per route mask: key name → gate for the gated lane under that name. Request and response sides of a
   *  stream use different masks, so one cache per mask (a single cache was cleared twice per stream). */
  private gateCaches: Map<StaticArray<bool> | null, Map<string, Gate>> = new Map();
  private byteGateCaches: Map<StaticArray<bool> | null, ByteGateCache> = new Map();
  private validators: ValidatorRunner;
  private ctx: StaticArray<i32>;
  /** ctx[d] is valid for the current value when ctxStamp[d] == stamp */
  private ctxStamp: StaticArray<i32>;
  private stamp: i32 = 0;
  private pathSource: KeyPathSource = new FixedKeyPath("");
  private pathKnown: bool = false;
  private keyPath: string = "\u0000";
  private keyLast: string = "";
  private keyFull: string = "";
  private found: Finding[] = [];

  private constructor(detectors: Detector[], open: Lane | null, gatedLanes: StaticArray<Lane | null>, validators: ValidatorRunner, empty: PatternSet) {
    this.detectors = detectors;
    this.open = open;
    this.gatedLanes = gatedLanes;
    this.patterns = open !== null ? open.patterns : empty;
    this.validators = validators;
    this.ctx = new StaticArray<i32>(detectors.length);
    this.ctxStamp = new StaticArray<i32>(detectors.length);
    this.pathGated = new StaticArray<bool>(detectors.length);
    for (let i = 0; i < detectors.length; i++) {
      const d = detectors[i];
      if (d.contextOnly || d.require.length > 0) {
        this.gatedDets.push(i);
        this.pathGated[i] = needsPath(d.require) || needsPath(d.boost) || needsPath(d.exclude);
      }
    }
  }

  static build(defs: DetectorDef[], validators: ValidatorRunner, options: EngineOptions = new EngineOptions()): DetectorBuildResult {
    const res = new DetectorBuildResult();
    const lanes = [new LaneBuild()]; // the open lane, then one per gated detector
    const dets: Detector[] = [];
    for (let i = 0; i < defs.length; i++) {
      const d = defs[i];
      dets.push(new Detector(i, d));
      let lane = lanes[0];
      if (d.contextOnly || d.require.length > 0) { lane = new LaneBuild(); lanes.push(lane); }
      if (d.pattern.length > 0) lane.add(i, d.pattern, d.caseInsensitive, false);
      let lit = "";
      for (let k = 0; k < d.literals.length; k++) {
        if (d.literals[k].length == 0) continue;
        if (lit.length > 0) lit += "|";
        lit += escapeLiteral(d.literals[k]);
      }
      if (lit.length > 0) lane.add(i, lit, d.caseInsensitive, true);
      if (d.pattern.length == 0 && lit.length == 0) {
        res.error = "detector " + d.id + ": needs a pattern or literals";
        res.detectorIndex = i;
        return res;
      }
    }
    let open: Lane | null = null;
    const gatedLanes = new StaticArray<Lane | null>(defs.length);
    for (let l = 0; l < lanes.length; l++) {
      const lb = lanes[l];
      if (lb.specs.length == 0) continue;
      const cr = PatternSet.compile(lb.specs, options);
      if (!cr.ok) {
        const e = changetype<CompileError>(cr.error);
        const di = lb.owner[e.patternIndex];
        res.error = "detector " + defs[di].id + ": " + (lb.isLiteral[e.patternIndex] ? "literals" : "pattern at byte " + e.position.toString()) + ": " + e.message;
        res.detectorIndex = di;
        return res;
      }
      const patDet = new StaticArray<i32>(lb.owner.length);
      for (let i = 0; i < lb.owner.length; i++) patDet[i] = lb.owner[i];
      const lane = new Lane(changetype<PatternSet>(cr.set), patDet);
      if (l == 0) open = lane;
      else gatedLanes[lb.owner[0]] = lane;
    }
    const empty = changetype<PatternSet>(PatternSet.compile([], options).set);
    res.set = new DetectorSet(dets, open, gatedLanes, validators, empty);
    return res;
  }

  get count(): i32 { return this.detectors.length; }

  /**
   * Scans bytes[start, end) as one value found under `keyPath` (`$.user.ssn`, `1.3.2`, `user.ssn`, or "" when
   * there is no key). `^`/`$` are the value's bounds. Findings go to `sink` sorted by (start, detector);
   * `enabled` (indexed by detector, null = all) restricts the detectors. Returns the number of findings.
   */
  detectValue(bytes: Uint8Array, start: i32, end: i32, keyPath: string, sink: FindingSink, enabled: StaticArray<bool> | null = null): i32 {
    return this.detectValueAt(bytes, start, end, new FixedKeyPath(keyPath), sink, enabled);
  }

  /** As detectValue, with the key path built only if some candidate or gate needs it. */
  detectValueAt(bytes: Uint8Array, start: i32, end: i32, path: KeyPathSource, sink: FindingSink, enabled: StaticArray<bool> | null = null): i32 {
    this.beginValue(path);
    return this.detectBegun(bytes, start, end, path, sink, enabled);
  }

  /** detectValueAt for the value started by beginValue(path): what was looked up for it since is reused. */
  detectBegun(bytes: Uint8Array, start: i32, end: i32, path: KeyPathSource, sink: FindingSink, enabled: StaticArray<bool> | null = null): i32 {
    if (start < 0) start = 0;
    if (end > bytes.length) end = bytes.length;
    if (end <= start) return 0;
    this.curEnabled = enabled;
    const found = this.found;
    if (found.length != 0) found.length = 0;
    const open = this.open;
    const ptr = bytes.dataStart + <usize>start;
    if (open !== null && open.enable(enabled) && open.matcher.probe(ptr, end - start)) {
      open.cands.clear();
      open.matcher.scanValue(ptr, end - start);
      this.check(open, bytes, start, start, found);
    }
    // most keys let no gated detector fire: no gated lane is touched
    const g = this.gatedDets.length > 0 ? this.gateFor(path, enabled) : null;
    if (g !== null && g.any) {
      const on = g.on;
      for (let k = 0; k < on.length; k++) this.scanGated(unchecked(on[k]), bytes, start, end, found);
      const pc = g.pathChecks;
      for (let k = 0; k < pc.length; k++) {
        const di = unchecked(pc[k]);
        if (this.contextOf(di) != CTX_SKIP) this.scanGated(di, bytes, start, end, found);
      }
    }
    if (found.length > 1) found.sort(compareFinding);
    for (let i = 0; i < found.length; i++) sink.onFinding(found[i]);
    return found.length;
  }

  /** Gated detector di's own lane over bytes[start, end): probe, then scan and check what it flags. */
  private scanGated(di: i32, bytes: Uint8Array, start: i32, end: i32, found: Finding[]): void {
    const lane = changetype<Lane>(unchecked(this.gatedLanes[di])); // every gated detector has one
    const ptr = bytes.dataStart + <usize>start;
    if (!lane.matcher.probe(ptr, end - start)) return;
    lane.cands.clear();
    lane.matcher.scanValue(ptr, end - start);
    this.check(lane, bytes, start, start, found);
  }

  // ---- streaming: one value delivered in segments (text bodies, values over the scanner's cap) ----
  //
  // One Matcher runs across the segments, so a match split between them is found. Validators and `except`
  // need the matched bytes, which may begin in an earlier segment: the last `maxMatchBytes` bytes are kept
  // in `win` (no match is longer). Findings carry offsets in the whole value (stream offsets). Streams use
  // the open lane only: key-gated detectors need a key, and a streamed text body has none.

  private win: Uint8Array = new Uint8Array(0);
  private winBase: i64 = 0; // stream offset of win[0]
  private winLen: i32 = 0;
  private streamOn: bool = false;
  // Candidates ending within STREAM_LOOKAHEAD bytes of what has arrived wait for the next segment (or the
  // end): validators look a few bytes past a match ("1.2.3.4" followed by ".5" is no address), so judging
  // them at a segment's end would make the verdict depend on where the body was cut.
  private pendPat: i32[] = [];
  private pendStart: i32[] = [];
  private pendEnd: i32[] = [];

  /** Starts a segmented value under `keyPath`. Returns false if no detector can fire there. */
  beginStream(keyPath: string, enabled: StaticArray<bool> | null = null): bool {
    return this.beginStreamAt(new FixedKeyPath(keyPath), enabled);
  }

  beginStreamAt(path: KeyPathSource, enabled: StaticArray<bool> | null = null): bool {
    this.beginValue(path);
    this.curEnabled = enabled;
    const open = this.open;
    this.streamOn = open !== null && open.enable(enabled);
    this.winBase = 0;
    this.winLen = 0;
    this.pendPat.length = 0;
    this.pendStart.length = 0;
    this.pendEnd.length = 0;
    if (this.streamOn) changetype<Lane>(open).matcher.reset();
    return this.streamOn;
  }

  /** Feeds the next segment (bytes[start, end)); findings so far go to `sink` in stream offsets. */
  feedStream(bytes: Uint8Array, start: i32, end: i32, sink: FindingSink): void {
    if (!this.streamOn) return;
    if (start < 0) start = 0;
    if (end > bytes.length) end = bytes.length;
    const len = end - start;
    if (len <= 0) return;
    const open = changetype<Lane>(this.open);
    this.retain(bytes, start, len);
    open.cands.clear();
    open.matcher.feed(bytes.dataStart + <usize>start, len);
    this.flushStream(sink, false);
  }

  /** Ends the segmented value: pending matches (`$`, `\b` at the end) are delivered. */
  endStream(sink: FindingSink): void {
    if (!this.streamOn) return;
    const open = changetype<Lane>(this.open);
    open.cands.clear();
    open.matcher.end();
    this.flushStream(sink, true);
    this.streamOn = false;
  }

  private flushStream(sink: FindingSink, last: bool): void {
    const found = this.found;
    found.length = 0;
    this.deferNearEnd(changetype<Lane>(this.open).cands, last);
    // candidates are in stream offsets; check() reads win[offset - winBase]
    // bounded to the retained bytes: validators look around a match, and win has stale bytes past winLen
    this.check(changetype<Lane>(this.open), this.win.subarray(0, this.winLen), <i32>-this.winBase, 0, found);
    if (found.length > 1) found.sort(compareFinding);
    for (let i = 0; i < found.length; i++) sink.onFinding(found[i]);
  }

  /** Moves the candidates that end too close to the bytes received so far into the pending list, and the
   *  pending ones that no longer do (all of them at the end) back into `cands`, to be judged now. */
  private deferNearEnd(cands: Candidates, last: bool): void {
    const limit = this.winBase + <i64>this.winLen - STREAM_LOOKAHEAD; // judge a candidate once end <= limit
    const pp = this.pendPat, ps = this.pendStart, pe = this.pendEnd;
    if (cands.n == 0 && pp.length == 0) return;
    // new candidates first go to the pending list, then every pending one that is ready comes back
    for (let i = 0; i < cands.n; i++) {
      pp.push(unchecked(cands.pat[i])); ps.push(unchecked(cands.start[i])); pe.push(unchecked(cands.end[i]));
    }
    cands.clear();
    let keep = 0;
    for (let i = 0; i < pp.length; i++) {
      const e = unchecked(pe[i]);
      if (last || <i64>e <= limit) cands.onMatch(unchecked(pp[i]), <i64>unchecked(ps[i]), <i64>e);
      else { unchecked(pp[keep] = unchecked(pp[i])); unchecked(ps[keep] = unchecked(ps[i])); unchecked(pe[keep] = e); keep++; }
    }
    pp.length = keep; ps.length = keep; pe.length = keep;
  }

  /** Appends a segment to the window, keeping at least maxMatchBytes before it. */
  private retain(bytes: Uint8Array, start: i32, len: i32): void {
    // a match is at most maxMatchBytes long; one still pending ends up to STREAM_LOOKAHEAD before the end, and
    // validators look a few bytes before it: keep room for both
    const keep = this.patterns.options.maxMatchBytes + 2 * <i32>STREAM_LOOKAHEAD;
    let drop = this.winLen - keep;
    if (drop < 0) drop = 0;
    const kept = this.winLen - drop;
    if (kept + len > this.win.length) {
      const grown = new Uint8Array(max(kept + len, this.win.length * 2));
      memory.copy(grown.dataStart, this.win.dataStart + <usize>drop, <usize>kept);
      this.win = grown;
    } else if (drop > 0) {
      memory.copy(this.win.dataStart, this.win.dataStart + <usize>drop, <usize>kept);
    }
    memory.copy(this.win.dataStart + <usize>kept, bytes.dataStart + <usize>start, <usize>len);
    this.winBase += drop;
    this.winLen = kept + len;
  }

  /** A new value: key context becomes "unknown" (computed per detector on its first need). */
  beginValue(path: KeyPathSource): void {
    this.pathSource = path;
    this.pathKnown = false;
    this.stamp++;
    if (this.stamp == 0x7fffffff) { // wrap: invalidate every cached context
      for (let i = 0; i < this.ctxStamp.length; i++) unchecked(this.ctxStamp[i] = 0);
      this.nameGateStamp = 0;
      this.stamp = 1;
    }
  }

  /**
   * Gates: which gated detectors (of those the route enables) the value's key lets fire, so which gated
   * lanes are scanned. Decided by field name alone (cached per name) except for detectors with path globs
   * whose name part matches: those are checked against the full path of this value.
   */
  private lastByteMask: StaticArray<bool> | null = null;
  private lastByteCache: ByteGateCache | null = null;

  /** The cached Gate of the current value's field name, looked up by its bytes once per value; null when the
   *  scanner cannot give the name's bytes (or it is empty): callers then build strings. */
  nameGate(path: KeyPathSource, enabled: StaticArray<bool> | null): Gate | null {
    if (this.nameGateStamp == this.stamp) return this.curNameGate;
    this.nameGateStamp = this.stamp;
    let found: Gate | null = null;
    if ((path.nameReady == 1 || path.keyNameBytes()) && path.nameLen > 0) {
      const len = path.nameLen;
      let bc: ByteGateCache;
      const last = this.lastByteCache;
      if (last !== null && enabled === this.lastByteMask) bc = last; // a body's values share one mask
      else {
        if (this.byteGateCaches.has(enabled)) bc = this.byteGateCaches.get(enabled);
        else {
          if (this.byteGateCaches.size >= 64) this.byteGateCaches.clear();
          bc = new ByteGateCache();
          this.byteGateCaches.set(enabled, bc);
        }
        this.lastByteMask = enabled;
        this.lastByteCache = bc;
      }
      const h = path.nameHash != 0 ? path.nameHash : nameHash(path.namePtr, len); // never 0: 0 marks an empty slot
      found = bc.get(path.namePtr, len, h);
      if (found === null) {
        const name = String.UTF8.decodeUnsafe(path.namePtr, <usize>len);
        found = this.computeGate(name.toLowerCase(), enabled);
        bc.set(path.namePtr, len, h, changetype<Gate>(found));
      }
    }
    this.curNameGate = found;
    return found;
  }
  private curNameGate: Gate | null = null;
  private nameGateStamp: i32 = 0;
  private curEnabled: StaticArray<bool> | null = null;

  /** The gate of the value's field name (null: no key, so no gated detector can fire). */
  private gateFor(path: KeyPathSource, enabled: StaticArray<bool> | null): Gate | null {
    const g = this.nameGate(path, enabled); // the common case: by the name's bytes, often already looked up
    if (g !== null) return g;
    if (path.keyNameBytes()) return null; // bytes known and none: no key
    const name = path.keyName();
    if (name.length == 0) return null;
    let cache: Map<string, Gate>;
    if (this.gateCaches.has(enabled)) cache = this.gateCaches.get(enabled);
    else {
      if (this.gateCaches.size >= 64) this.gateCaches.clear(); // masks are per route and direction: few
      cache = new Map<string, Gate>();
      this.gateCaches.set(enabled, cache);
    }
    let gate: Gate;
    if (cache.has(name)) gate = cache.get(name);
    else {
      gate = this.computeGate(name.toLowerCase(), enabled);
      if (cache.size >= GATE_CACHE_MAX) cache.clear();
      cache.set(name, gate);
    }
    return gate;
  }

  private computeGate(nameLower: string, enabled: StaticArray<bool> | null): Gate {
    const g = new Gate();
    g.name = nameLower;
    for (let k = 0; k < this.gatedDets.length; k++) {
      const di = this.gatedDets[k];
      if (enabled !== null && (di >= enabled.length || !unchecked(enabled[di]))) continue;
      const d = this.detectors[di];
      if (this.pathGated[di]) {
        if (anyNameCouldMatch(d.require, nameLower) || (d.contextOnly && anyNameCouldMatch(d.boost, nameLower))) g.pathChecks.push(di);
        continue;
      }
      if (contextByName(d, nameLower) != CTX_SKIP) g.on.push(di);
    }
    g.any = g.on.length > 0 || g.pathChecks.length > 0;
    return g;
  }

  /** Key context of detector `di` for the current value (builds the key path on first need). */
  private contextOf(di: i32): i32 {
    if (unchecked(this.ctxStamp[di]) == this.stamp) return unchecked(this.ctx[di]);
    const d = this.detectors[di];
    let c = CTX_PLAIN;
    if (d.exclude.length > 0 || d.require.length > 0 || d.boost.length > 0 || d.contextOnly) {
      // by field name, cached per name: no key path string per candidate (most detectors' globs are names)
      const g = d.namesOnly ? this.nameGate(this.pathSource, this.curEnabled) : null;
      if (g !== null) {
        let cx = g.ctx;
        if (cx === null) { cx = new StaticArray<i8>(this.detectors.length); g.ctx = cx; }
        let k = <i32>unchecked(cx[di]);
        if (k == 0) { k = contextByName(d, g.name); unchecked(cx[di] = <i8>k); }
        unchecked(this.ctx[di] = k);
        unchecked(this.ctxStamp[di] = this.stamp);
        return k;
      }
      if (!this.pathKnown) {
        const keyPath = this.pathSource.keyPath();
        this.pathKnown = true;
        if (keyPath != this.keyPath) {
          this.keyPath = keyPath;
          this.keyFull = keyPath.toLowerCase();
          this.keyLast = lastKeySegment(this.keyFull);
        }
      }
      c = this.context(d);
    }
    unchecked(this.ctx[di] = c);
    unchecked(this.ctxStamp[di] = this.stamp);
    return c;
  }

  /** Candidates → findings: key context, `except`, then validators. A candidate at offset o is read at
   *  bytes[o + shift] and reported at o + outShift. */
  private check(lane: Lane, bytes: Uint8Array, shift: i32, outShift: i32, found: Finding[]): void {
    const cands = lane.cands;
    for (let i = 0; i < cands.n; i++) {
      const di = unchecked(lane.patDet[unchecked(cands.pat[i])]);
      const c = this.contextOf(di);
      if (c == CTX_SKIP) continue;
      const s = shift + unchecked(cands.start[i]);
      const e = shift + unchecked(cands.end[i]);
      if (s < 0 || e > bytes.length) continue; // cannot happen: the window holds maxMatchBytes
      const det = this.detectors[di];
      if (this.excepted(det, bytes, s, e)) continue;
      let ok = true;
      for (let k = 0; k < det.validators.length && ok; k++) {
        const v = det.validators[k];
        ok = this.validators.run(v.id, v.param, bytes, s, e);
      }
      if (!ok) continue;
      found.push(new Finding(di, s - shift + outShift, e - shift + outShift, c == CTX_BOOST));
    }
  }

  private context(d: Detector): i32 {
    return contextOfKey(d, this.keyLast, this.keyFull);
  }

  private excepted(d: Detector, bytes: Uint8Array, s: i32, e: i32): bool {
    const n = e - s;
    for (let i = 0; i < d.exceptExact.length; i++) {
      const x = d.exceptExact[i];
      if (x.length != n) continue;
      let same = true;
      for (let k = 0; k < n && same; k++) {
        let a = <i32>unchecked(bytes[s + k]), b = <i32>unchecked(x[k]);
        if (d.caseInsensitive) { a = lowerByte(a); b = lowerByte(b); }
        same = a == b;
      }
      if (same) return true;
    }
    if (d.exceptGlobs.length > 0) {
      const text = String.UTF8.decodeUnsafe(bytes.dataStart + <usize>s, <usize>n).toLowerCase();
      for (let i = 0; i < d.exceptGlobs.length; i++) if (globMatch(d.exceptGlobs[i], text)) return true;
    }
    return false;
  }
}

function lowerByte(c: i32): i32 { return c >= 0x41 && c <= 0x5a ? c + 32 : c; }

