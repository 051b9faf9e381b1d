// Detector runtime: one PatternSet for every detector (pattern and literals), then, only for candidate
// matches, key context (require / boost / exclude), `except` values and validators. Per-byte work stays in
// the engine's DFA loop; everything here runs per candidate or per value.

import { PatternSet, PatternSpec, EngineOptions, Matcher, MatchSink, CompileError } from "../engine/index";

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
    this.require = lowerAll(d.require);
    this.boost = lowerAll(d.boost);
    this.exclude = lowerAll(d.exclude);
    for (let i = 0; i < d.except.length; i++) {
      const e = d.except[i];
      if (e.includes("*") || e.includes("?")) this.exceptGlobs.push(e.toLowerCase());
      else this.exceptExact.push(Uint8Array.wrap(String.UTF8.encode(e)));
    }
  }
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

function lowerAll(a: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < a.length; i++) out.push(a[i].toLowerCase());
  return out;
}

function anyGlob(globs: string[], last: string, full: string): bool {
  for (let i = 0; i < globs.length; i++) {
    const g = unchecked(globs[i]);
    if (globMatch(g, last) || globMatch(g, full)) return true;
  }
  return false;
}

class Candidates implements MatchSink {
  pat: Array<i32> = [];
  start: Array<i32> = [];
  end: Array<i32> = [];
  onMatch(patternId: i32, start: i64, end: i64): void {
    this.pat.push(patternId); this.start.push(<i32>start); this.end.push(<i32>end);
  }
  clear(): void { this.pat.length = 0; this.start.length = 0; this.end.length = 0; }
}

const CTX_SKIP: i32 = 1;
const CTX_PLAIN: i32 = 2;
const CTX_BOOST: i32 = 3;

function compareFinding(a: Finding, b: Finding): i32 {
  if (a.start != b.start) return a.start - b.start;
  if (a.detector != b.detector) return a.detector - b.detector;
  return a.end - b.end;
}

export class DetectorSet {
  detectors: Detector[];
  patterns: PatternSet;
  private patDet: StaticArray<i32>;
  private validators: ValidatorRunner;
  private matcher: Matcher;
  private cands: Candidates;
  private ctx: StaticArray<i32>;
  private keyPath: string = "\u0000";
  private keyLast: string = "";
  private keyFull: string = "";
  private found: Finding[] = [];

  private constructor(detectors: Detector[], patterns: PatternSet, patDet: StaticArray<i32>, validators: ValidatorRunner) {
    const cands = new Candidates();
    this.detectors = detectors;
    this.patterns = patterns;
    this.patDet = patDet;
    this.validators = validators;
    this.cands = cands;
    this.matcher = patterns.newMatcher(cands);
    this.ctx = new StaticArray<i32>(detectors.length);
  }

  static build(defs: DetectorDef[], validators: ValidatorRunner, options: EngineOptions = new EngineOptions()): DetectorBuildResult {
    const res = new DetectorBuildResult();
    const specs: PatternSpec[] = [];
    const owner: i32[] = [];
    const litSpec: bool[] = [];
    const dets: Detector[] = [];
    for (let i = 0; i < defs.length; i++) {
      const d = defs[i];
      dets.push(new Detector(i, d));
      if (d.pattern.length > 0) { specs.push(new PatternSpec(specs.length, d.pattern, d.caseInsensitive)); owner.push(i); litSpec.push(false); }
      let lit = "";
      for (let k = 0; k < d.literals.length; k++) {
        if (d.literals[k].length == 0) continue;
        if (lit.length > 0) lit += "|";
        lit += escapeLiteral(d.literals[k]);
      }
      if (lit.length > 0) { specs.push(new PatternSpec(specs.length, lit, d.caseInsensitive)); owner.push(i); litSpec.push(true); }
      if (d.pattern.length == 0 && lit.length == 0) {
        res.error = "detector " + d.id + ": needs a pattern or literals";
        res.detectorIndex = i;
        return res;
      }
    }
    const cr = PatternSet.compile(specs, options);
    if (!cr.ok) {
      const e = changetype<CompileError>(cr.error);
      const di = owner[e.patternIndex];
      const isLit = litSpec[e.patternIndex];
      res.error = "detector " + defs[di].id + ": " + (isLit ? "literals" : "pattern at byte " + e.position.toString()) + ": " + e.message;
      res.detectorIndex = di;
      return res;
    }
    const patDet = new StaticArray<i32>(owner.length);
    for (let i = 0; i < owner.length; i++) patDet[i] = owner[i];
    res.set = new DetectorSet(dets, changetype<PatternSet>(cr.set), patDet, validators);
    return res;
  }

  get count(): i32 { return this.detectors.length; }

  /**
   * Scans bytes[start, end) as one value found under `keyPath` (`$.user.ssn`, `1.3.2`, `user.ssn`, or "" when
   * there is no key). `^`/`$` are the value's bounds. Findings go to `sink` sorted by (start, detector);
   * `enabled` (indexed by detector, null = all) restricts the detectors. Returns the number of findings.
   */
  detectValue(bytes: Uint8Array, start: i32, end: i32, keyPath: string, sink: FindingSink, enabled: StaticArray<bool> | null = null): i32 {
    if (start < 0) start = 0;
    if (end > bytes.length) end = bytes.length;
    if (end <= start) return 0;
    if (!this.enableFor(keyPath, enabled)) return 0;
    const cands = this.cands;
    cands.clear();
    this.matcher.scanValue(bytes.dataStart + <usize>start, end - start);
    const found = this.found;
    found.length = 0;
    this.check(bytes, start, start, found);
    if (found.length > 1) found.sort(compareFinding);
    for (let i = 0; i < found.length; i++) sink.onFinding(found[i]);
    return found.length;
  }

  // ---- streaming: one value delivered in segments (text bodies, values over the scanner's cap) ----
  //
  // One Matcher runs across the segments, so a match split between them is found. Validators and `except`
  // need the matched bytes, which may begin in an earlier segment: the last `maxMatchBytes` bytes are kept
  // in `win` (no match is longer). Findings carry offsets in the whole value (stream offsets).

  private win: Uint8Array = new Uint8Array(0);
  private winBase: i64 = 0; // stream offset of win[0]
  private winLen: i32 = 0;
  private streamOn: bool = false;

  /** Starts a segmented value under `keyPath`. Returns false if no detector can fire there. */
  beginStream(keyPath: string, enabled: StaticArray<bool> | null = null): bool {
    this.streamOn = this.enableFor(keyPath, enabled);
    this.winBase = 0;
    this.winLen = 0;
    if (this.streamOn) this.matcher.reset();
    return this.streamOn;
  }

  /** Feeds the next segment (bytes[start, end)); findings so far go to `sink` in stream offsets. */
  feedStream(bytes: Uint8Array, start: i32, end: i32, sink: FindingSink): void {
    if (!this.streamOn) return;
    if (start < 0) start = 0;
    if (end > bytes.length) end = bytes.length;
    const len = end - start;
    if (len <= 0) return;
    this.retain(bytes, start, len);
    this.cands.clear();
    this.matcher.feed(bytes.dataStart + <usize>start, len);
    this.flushStream(sink);
  }

  /** Ends the segmented value: pending matches (`$`, `\b` at the end) are delivered. */
  endStream(sink: FindingSink): void {
    if (!this.streamOn) return;
    this.cands.clear();
    this.matcher.end();
    this.flushStream(sink);
    this.streamOn = false;
  }

  private flushStream(sink: FindingSink): void {
    const found = this.found;
    found.length = 0;
    // candidates are in stream offsets; check() reads win[offset - winBase]
    this.check(this.win, <i32>-this.winBase, 0, found);
    if (found.length > 1) found.sort(compareFinding);
    for (let i = 0; i < found.length; i++) sink.onFinding(found[i]);
  }

  /** Appends a segment to the window, keeping at least maxMatchBytes before it. */
  private retain(bytes: Uint8Array, start: i32, len: i32): void {
    const keep = this.patterns.options.maxMatchBytes;
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

  /** Sets up key context and enables only the patterns whose detector can fire; false if none can. */
  private enableFor(keyPath: string, enabled: StaticArray<bool> | null): bool {
    const ctx = this.ctx;
    if (keyPath != this.keyPath) {
      this.keyPath = keyPath;
      this.keyFull = keyPath.toLowerCase();
      this.keyLast = lastKeySegment(this.keyFull);
      for (let i = 0; i < ctx.length; i++) unchecked(ctx[i] = this.context(this.detectors[i]));
    }
    const m = this.matcher;
    let any = false;
    for (let pi = 0; pi < this.patDet.length; pi++) {
      const di = unchecked(this.patDet[pi]);
      const on = unchecked(ctx[di]) != CTX_SKIP && (enabled === null || (di < enabled.length && unchecked(enabled[di])));
      m.setEnabled(pi, on);
      any = any || on;
    }
    return any;
  }

  /** Candidates → findings: `except`, then validators. A candidate at offset o is read at bytes[o + shift]
   *  and reported at o + outShift. */
  private check(bytes: Uint8Array, shift: i32, outShift: i32, found: Finding[]): void {
    const cands = this.cands;
    const ctx = this.ctx;
    for (let i = 0; i < cands.pat.length; i++) {
      const di = unchecked(this.patDet[unchecked(cands.pat[i])]);
      const c = unchecked(ctx[di]);
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
    const last = this.keyLast, full = this.keyFull;
    if (d.exclude.length > 0 && anyGlob(d.exclude, last, full)) return CTX_SKIP;
    const req = d.require.length > 0 && anyGlob(d.require, last, full);
    if (d.require.length > 0 && !req) return CTX_SKIP;
    const boost = d.boost.length > 0 && anyGlob(d.boost, last, full);
    if (d.contextOnly && !req && !boost) return CTX_SKIP;
    return boost ? CTX_BOOST : CTX_PLAIN;
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

