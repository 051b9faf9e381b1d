// One direction of one stream: the scanner for its content type feeds decoded values to the detector set;
// each finding is kept with its raw body span, its key path and how to mask it. Decisions (thresholds,
// actions) are made by the stream from these findings.
import { ScannedValue, ValueSink, ValueKind, MapMode, Scanner, ScanOptions, ScanFlag } from "../scan/value";
import { createBodyScannerAs, releaseBodyScanner, BodyFormat, SkipScanner } from "../scan/body";
import { DetectorSet, Finding, FindingSink, KeyPathSource, FixedKeyPath, Gate } from "../detect/index";
import { lowerWordAt } from "../util/ascii";

/** The current value's key path, built by the scanner only when detection asks for it. */
class ValuePath extends KeyPathSource {
  private v: ScannedValue | null = null;
  private name: string | null = null;
  private path: string | null = null;
  get value(): ScannedValue | null { return this.v; }
  set value(v: ScannedValue | null) {
    this.v = v;
    this.name = null;
    this.path = null;
    if (v !== null && v.keyReady) { // the scanner handed the key over: no calls to find it
      this.namePtr = v.keyPtr;
      this.nameLen = v.keyLen;
      this.nameHash = v.keyHash;
      this.nameReady = 1;
    } else this.nameReady = 0;
  }
  /** built once per value (a path-gated detector's context and each finding of the value both ask) */
  keyPath(): string {
    const cached = this.path;
    if (cached !== null) return cached;
    const v = this.v;
    const p = v === null ? "" : v.path();
    this.path = p;
    return p;
  }
  keyNameBytes(): bool {
    if (this.nameReady != 0) return this.nameReady == 1; // asked twice per value (the gate, the leak check)
    const v = this.v;
    if (v === null || !v.paths.loadKey()) { this.nameReady = 2; return false; }
    this.namePtr = v.paths.keyPtr;
    this.nameLen = v.paths.keyLen;
    this.nameHash = v.paths.keyHash;
    this.nameReady = 1;
    return true;
  }
  /** built once per value (the gate and the leak check both ask) */
  keyName(): string {
    const cached = this.name;
    if (cached !== null) return cached;
    const v = this.v;
    const n = v === null ? "" : v.key();
    this.name = n;
    return n;
  }
}

// Error-like key words: error, exception, trace, stack, message, msg, detail, fault, debug, cause (and e, err).

/** errorLikeKey over key bytes, case-insensitive, without building a string. Runs for most string values of
 *  a 2xx body, so it dispatches on each byte instead of trying every word at every position. */
function errorLikeKeyBytes(ptr: usize, len: i32): bool {
  if ((len == 1 && (load<u8>(ptr) | 0x20) == 0x65) || (len == 3 && (load<u8>(ptr) | 0x20) == 0x65 && (load<u8>(ptr + 1) | 0x20) == 0x72 && (load<u8>(ptr + 2) | 0x20) == 0x72)) return true; // e, err
  for (let i = 0; i + 3 <= len; i++) {
    const p = ptr + <usize>i;
    const rest = len - i;
    switch (<i32>load<u8>(p) | 0x20) {
      case 0x65: if ((rest >= 5 && lowerWordAt(p, "error")) || (rest >= 9 && lowerWordAt(p, "exception"))) return true; break;
      case 0x74: if (rest >= 5 && lowerWordAt(p, "trace")) return true; break;
      case 0x73: if (rest >= 5 && lowerWordAt(p, "stack")) return true; break;
      case 0x6d: if ((rest >= 7 && lowerWordAt(p, "message")) || lowerWordAt(p, "msg")) return true; break;
      case 0x64: if ((rest >= 6 && lowerWordAt(p, "detail")) || (rest >= 5 && lowerWordAt(p, "debug"))) return true; break;
      case 0x66: if (rest >= 5 && lowerWordAt(p, "fault")) return true; break;
      case 0x63: if (rest >= 5 && lowerWordAt(p, "cause")) return true; break;
    }
  }
  return false;
}

/** Keys under which a successful JSON response may carry an error text (stack trace, SQL error). */
function errorLikeKey(name: string): bool {
  const b = String.UTF8.encode(name);
  return errorLikeKeyBytes(changetype<usize>(b), b.byteLength);
}
import { CompiledPolicy } from "./config";
import { reusableView, pointAt } from "../util/view";
import { AttackScanner, AttackFindings, REQUEST_KINDS, RESPONSE_KINDS, SOURCE_JSON, SOURCE_HEADER, SOURCE_PATH, SOURCE_COOKIE } from "../attack/index";

/** The shortest level-1 leak signature ("npgsql.", "ora-" + 5 digits). */
const LEAK_MIN_BYTES: i32 = 7;
/** A leaked trace or SQL error under an error-like key is longer than this: shorter JSON strings skip the key test. */
const LEAK_KEYED_MIN_BYTES: i32 = 16;

/** Could the response-side code detectors (stack traces, SQL errors) fire on `v`? detectCode's own length
 *  tests, made before the call: most values of a body (numbers, short strings) stop here. */
// @ts-ignore: decorator
@inline function mayCarryLeak(v: ScannedValue, everywhere: bool): bool {
  const k = v.kind;
  if (k == ValueKind.String) return v.continued || v.more || v.len >= (everywhere ? LEAK_MIN_BYTES : LEAK_KEYED_MIN_BYTES);
  return k == ValueKind.Text;
}

const SHARED_PATH = new ValuePath();
const SHARED_VIEW = reusableView(new Uint8Array(0));
const SHARED_ATTACK_OUT = new AttackFindings();
const NO_SEGMENTS: Segment[] = [];
const NO_BYTES = new Uint8Array(0);

/** What a released inspection scans with: nothing (a stray call after release cannot touch a reused scanner). */
const RELEASED: Scanner = new SkipScanner();

/** Window over which segmented values are judged by the code detectors (their decoding cap, MAX_DECODED). */
const CODE_WINDOW: i32 = 16384;
/** Bytes a window shares with the next (payloads across a window boundary up to this long are seen whole). */
const CODE_OVERLAP: i32 = 1024;

/** Decoding scratch for the attack detectors: one per VM (streams are handled one callback at a time). */
let attackScanner: AttackScanner | null = null;
function attacks(): AttackScanner {
  if (attackScanner === null) attackScanner = new AttackScanner();
  return changetype<AttackScanner>(attackScanner);
}

/** How a finding's raw bytes are masked (decided by where the value sits, see docs/scanners.md). */
export const enum MaskKind {
  Text = 0,        // JSON/protobuf strings, text, form, header values: characters are replaced
  JsonNumber = 1,  // digits → 0 (first digit of a multi-digit integer → 1): stays a valid number
  ProtoNumber = 2, // varint → same-length encoding of 0; fixed → zero bytes
  None = 3,        // cannot be masked in place (inflated content)
}

export class StreamFinding {
  /** policy detector index */
  detector: i32 = 0;
  rawStart: i64 = 0;
  rawEnd: i64 = 0;
  /** raw span of the whole token (a JSON number's digits) for number masks */
  tokStart: i64 = 0;
  tokEnd: i64 = 0;
  mask: MaskKind = MaskKind.Text;
  path: string = "";
  /** decoded matched text; kept only for the evidence when `report` allows it, else "" */
  value: string = "";
  boosted: bool = false;
  doc: i32 = 0;
  /** a redact decision's fate (stream.ts queueRedactions): MASK_QUEUED, or MASK_TOO_LATE when its bytes had
   *  already been released before its rule's threshold was reached (stream mode) */
  masking: i8 = 0;
}

export const MASK_QUEUED: i8 = 1;
export const MASK_TOO_LATE: i8 = 2;

/** A delivered segment of a segmented value: enough to map stream offsets back to raw body offsets. */
class Segment {
  constructor(public decodedBase: i64, public len: i32, public rawStart: i64, public rawEnd: i64, public identity: bool) {}
}

function compareFindings(a: StreamFinding, b: StreamFinding): i32 {
  if (a.rawStart != b.rawStart) return a.rawStart < b.rawStart ? -1 : 1;
  if (a.detector != b.detector) return a.detector - b.detector;
  return a.rawEnd < b.rawEnd ? -1 : a.rawEnd > b.rawEnd ? 1 : 0;
}

/** The findings of an inspection that found nothing: shared, never appended to (see Inspection.keep). */
export const NO_FINDINGS: StreamFinding[] = [];

export class Inspection extends ValueSink implements FindingSink {
  scanner!: Scanner; // set in the constructor (the scanner needs `this` as its sink)
  /** NO_FINDINGS until the first one (most inspections find nothing: two allocations fewer per stream side) */
  findings: StreamFinding[] = NO_FINDINGS;
  bytes: i64 = 0;
  /** findings beyond this many are counted but not kept (memory bound per stream) */
  maxFindings: i32 = 1000;
  dropped: i32 = 0;
  keepValues: bool = false;

  private detectors: DetectorSet | null;
  private mask: StaticArray<bool>;
  private setToPolicy: i32[];
  private current: ScannedValue | null = null;
  // The value path, the view on the value's bytes and the attack detectors' output are used only within one
  // call (a value, a header): shared by every inspection of the VM, not allocated per stream.
  private valuePath: ValuePath = SHARED_PATH;
  /** a view re-pointed at each value's decoded bytes (validators take a Uint8Array); see pointAt */
  private view: Uint8Array = SHARED_VIEW;

  /** code detectors (attack.* on requests, leak.* on responses) enabled here: bit per kind */
  private codeMask: i32 = 0;
  private codeToPolicy: StaticArray<i32>;
  private paranoia: i32 = 1;
  private response: bool;
  private attackOut: AttackFindings = SHARED_ATTACK_OUT;
  /** leak detectors on every text value (error status, or a text body); else only under error-like keys */
  leakEverywhere: bool = true;
  /** request XML read as text: attribute values and text nodes are judged on their own as well */
  private xmlParts: bool = false;
  /** request multipart: part names are judged as values (urlencoded names arrive as Key values already) */
  private partNames: bool = false;

  constructor(config: CompiledPolicy, mask: StaticArray<bool>, format: BodyFormat, contentType: string, contentEncoding: string,
              grpcPath: string, response: bool, grpcEncoding: string, opts: ScanOptions, codeMask: i32 = 0) {
    super();
    this.detectors = config.detectors;
    this.mask = mask;
    this.setToPolicy = config.setToPolicy;
    this.codeToPolicy = config.codeToPolicy;
    this.codeMask = codeMask & (response ? RESPONSE_KINDS : REQUEST_KINDS);
    this.paranoia = config.policy.paranoia;
    this.response = response;
    this.xmlParts = !response && format == BodyFormat.Text && contentType.toLowerCase().includes("xml");
    this.partNames = !response && format == BodyFormat.Multipart;
    this.wantsKeys = this.codeMask != 0 && !response; // see onValue: only request-side code detectors read keys
    this.scanner = createBodyScannerAs(format, contentType, contentEncoding, this, opts, config.protoSchema, grpcPath, response, grpcEncoding);
  }

  /** The stream is over: its scanner may serve another body (findings stay readable). */
  release(): void {
    if (this.scanner === RELEASED) return;
    this.releasedFlags = this.scanner.flags;
    releaseBodyScanner(this.scanner);
    this.scanner = RELEASED;
  }

  push(chunk: Uint8Array, rawBase: i64): void {
    this.bytes += chunk.length;
    if (chunk.length > 0) this.scanner.push(chunk.dataStart, chunk.length, rawBase);
  }

  /** End of body: flushes the scanner; findings are then in body order whatever the chunking was. */
  finish(): void {
    this.scanner.finish();
    if (this.findings.length > 1) this.findings.sort(compareFindings);
  }

  get flags(): i32 { return this.scanner === RELEASED ? this.releasedFlags : this.scanner.flags; }
  private releasedFlags: i32 = 0;
  get malformed(): bool { return (this.flags & (ScanFlag.MALFORMED | ScanFlag.DEPTH_EXCEEDED)) != 0; }
  get uninspectable(): bool {
    return (this.flags & (ScanFlag.INFLATE_ERROR | ScanFlag.INFLATE_TOO_LARGE | ScanFlag.INFLATE_RATIO | ScanFlag.UNSUPPORTED_ENCODING)) != 0;
  }

  onValue(v: ScannedValue): void {
    const set = this.detectors;
    if (set === null && this.codeMask == 0) return;
    // Keys give context to values; only the request-side attack detectors look at them ($where, __proto__).
    if (v.kind == ValueKind.Key && (this.codeMask == 0 || this.response)) return;
    this.current = v;
    this.valuePath.value = v;
    // a whole value is begun for the detectors first: what they look up by its field name (the name's gate)
    // is shared with the code detectors (segmented values are begun by beginStreamAt)
    this.whole = set !== null && v.kind != ValueKind.Key && !v.continued && !v.more;
    if (this.whole) changetype<DetectorSet>(set).beginValue(this.valuePath);
    // One view bounded to this value for every detector (validators look around a match: ipv4 refuses
    // "1.2.3.4.5"), pointed at the scanner's bytes: valid for this call, no copy per value.
    const view = this.view;
    pointAt(view, v.ptr, v.len);
    if (this.codeMask != 0 && (!this.response || mayCarryLeak(v, this.leakEverywhere))) {
      // a whole value within the detectors' decoding cap is judged at once; longer or segmented ones in windows
      if (!v.continued && !v.more && v.len <= CODE_WINDOW) {
        if (v.len > 0 && this.detectCode(v, v.len)) this.addValueFindings(v, v.rawSpanStart(0), v.rawSpanEnd(v.len));
      }
      else this.segmentCode(v);
    }
    if (set === null || v.kind == ValueKind.Key) { this.current = null; this.valuePath.value = null; return; }
    const ds = changetype<DetectorSet>(set);
    if (!v.continued && !v.more) {
      if (v.len > 0) ds.detectBegun(view, 0, v.len, this.valuePath, this, this.mask);
    } else {
      // A segmented value (text body, or a value over the scanner's cap): one matcher across segments.
      if (!v.continued) {
        this.streaming = ds.beginStreamAt(new FixedKeyPath(v.path()), this.mask);
        this.segmentList().length = 0;
      }
      if (this.streaming) {
        if (v.len > 0) {
          this.keepSegment(v);
          ds.feedStream(view, 0, v.len, this);
        }
        if (!v.more) { ds.endStream(this); this.streaming = false; }
      }
    }
    this.current = null;
    this.valuePath.value = null;
  }

  private streaming: bool = false;
  /** the current value arrived whole and was begun with DetectorSet.beginValue */
  private whole: bool = false;
  private segments: Segment[] = NO_SEGMENTS; // made on the first segmented value (see segmentList)

  private errorLikeValueKey(): bool {
    const vp = this.valuePath;
    const set = this.detectors;
    if (this.whole) { // decided once per field name, with the name's gate (most values of a body are strings)
      const g = changetype<DetectorSet>(set).nameGate(vp, this.mask);
      if (g !== null) {
        const gate = changetype<Gate>(g);
        if (gate.errorLike < 0) gate.errorLike = errorLikeKeyBytes(vp.namePtr, vp.nameLen) ? 1 : 0;
        return gate.errorLike == 1;
      }
    }
    return vp.keyNameBytes() ? errorLikeKeyBytes(vp.namePtr, vp.nameLen) : errorLikeKey(vp.keyName());
  }

  // Segmented values (text bodies, values over the scanner's cap) and values longer than the detectors'
  // decoding cap are judged by the code detectors in fixed, overlapping windows of the decoded value, not per
  // segment (nor only their first 16 KiB): a payload split by a chunk boundary is seen whole, and the
  // verdict does not depend on how the body was chunked (an evasion otherwise: split the payload).
  private codeWin: Uint8Array = NO_BYTES; // CODE_WINDOW bytes once a value needs windows
  private codeWinLen: i32 = 0;
  private codeWinRaw: i64 = -1;
  private codeWinRawEnd: i64 = -1;
  /** bytes added since the window was last judged; raw offset where the next window's overlap starts */
  private codeWinFresh: i32 = 0;
  private codeOverlapRaw: i64 = -1;

  private segmentCode(v: ScannedValue): void {
    if (this.codeWin.length == 0) this.codeWin = new Uint8Array(CODE_WINDOW);
    if (!v.continued) {
      this.codeWinLen = 0;
      this.codeWinFresh = 0;
      if (this.partNames && v.kind == ValueKind.FormField) this.detectPartName(v);
    }
    let off = 0;
    while (off < v.len) {
      if (this.codeWinLen == 0) this.codeWinRaw = v.rawSpanStart(off);
      const n = min(v.len - off, CODE_WINDOW - this.codeWinLen);
      // where the next window's overlap will start (raw offset), if this copy crosses it
      const ov = CODE_WINDOW - CODE_OVERLAP;
      if (this.codeWinLen <= ov && this.codeWinLen + n > ov) this.codeOverlapRaw = v.rawSpanStart(off + (ov - this.codeWinLen));
      memory.copy(this.codeWin.dataStart + <usize>this.codeWinLen, v.ptr + <usize>off, <usize>n);
      this.codeWinLen += n;
      this.codeWinFresh += n;
      off += n;
      this.codeWinRawEnd = v.rawSpanEnd(off);
      if (this.codeWinLen == CODE_WINDOW) this.flushCodeWindow(v, true);
    }
    if (!v.more && this.codeWinFresh > 0) this.flushCodeWindow(v, false);
  }

  /** Judges the window; a full one keeps its last CODE_OVERLAP bytes as the start of the next, so a payload
   *  across a window boundary (up to that long) is seen whole in one of them. */
  private flushCodeWindow(v: ScannedValue, full: bool): void {
    pointAt(this.view, this.codeWin.dataStart, this.codeWinLen);
    if (this.detectCode(v, this.codeWinLen)) this.addValueFindings(v, this.codeWinRaw, this.codeWinRawEnd);
    if (full) {
      const d = this.codeWin.dataStart;
      memory.copy(d, d + <usize>(CODE_WINDOW - CODE_OVERLAP), <usize>CODE_OVERLAP);
      this.codeWinLen = CODE_OVERLAP;
      this.codeWinRaw = this.codeOverlapRaw;
    } else this.codeWinLen = 0;
    this.codeWinFresh = 0;
    pointAt(this.view, v.ptr, v.len); // the pattern detectors read the segment itself
  }

  /** Multipart part names are judged as values too (once per part). */
  private detectPartName(v: ScannedValue): void {
    const keyName = v.key();
    if (keyName.length == 0) return;
    const out = this.attackOut;
    out.reset();
    const name = Uint8Array.wrap(String.UTF8.encode(keyName));
    attacks().detect(name, 0, name.length, "", this.paranoia, out, SOURCE_JSON, this.codeMask);
    if (out.count > 0) this.addCodeFindings(v.rawStart, v.rawStart, v.rawStart, v.rawStart, v.path(), MaskKind.None, v.doc);
  }

  /** The code detectors on view[0, len) (a value, or a window of a long or segmented one) into attackOut;
   *  true if any fired (the caller adds findings over the raw span judged: they judge decoded text). */
  private detectCode(v: ScannedValue, len: i32): bool {
    const out = this.attackOut;
    if (this.response) {
      if ((v.kind != ValueKind.String && v.kind != ValueKind.Text) || len < LEAK_MIN_BYTES) return false;
      // A 2xx JSON body is mostly data: stack traces and SQL errors appear there under error-like keys.
      // (a leaked trace or SQL error under such a key is longer than 16 bytes; shorter values skip the key test)
      if (!this.leakEverywhere && v.kind == ValueKind.String && (len < LEAK_KEYED_MIN_BYTES || !this.errorLikeValueKey())) return false;
      out.reset();
      attacks().detectResponse(this.view, 0, len, this.paranoia, out, this.codeMask);
    } else {
      out.reset();
      // Query and form values arrive %- and +-decoded from the form scanner: judged as decoded text (SOURCE_JSON),
      // or a decoded '+' (%2B, as in `1+1`) would be turned into a space a second time.
      let source = SOURCE_JSON;
      if (v.kind == ValueKind.Header) source = v.path().startsWith("cookie.") ? SOURCE_COOKIE : SOURCE_HEADER;
      // A key is judged as the key name too: operator keys ($ne, $where) and __proto__ are key-shaped attacks.
      const keyName = v.kind == ValueKind.Key ? String.UTF8.decodeUnsafe(v.ptr, <usize>v.len)
        : this.valuePath.value === v ? this.valuePath.keyName() : v.key(); // (the former is kept for the gate)
      attacks().detect(this.view, 0, len, keyName, this.paranoia, out, source, this.codeMask);
      if (this.xmlParts && v.kind == ValueKind.Text) this.detectXmlParts(len);
      else if (this.partNames && v.kind == ValueKind.FormField && !v.continued && !v.more && keyName.length > 0) {
        const name = Uint8Array.wrap(String.UTF8.encode(keyName)); // once per part
        attacks().detect(name, 0, name.length, "", this.paranoia, out, SOURCE_JSON, this.codeMask);
      }
    }
    return out.count > 0;
  }

  /** The code findings in attackOut, covering the raw span [rawStart, rawEnd) of what was judged. */
  private addValueFindings(v: ScannedValue, rawStart: i64, rawEnd: i64): void {
    this.addCodeFindings(rawStart, rawEnd, rawStart, rawEnd, v.path(), v.inflated ? MaskKind.None : MaskKind.Text, v.doc);
  }

  /** One finding per code-detector kind that fired; each covers the whole value. */
  private addCodeFindings(rawStart: i64, rawEnd: i64, tokStart: i64, tokEnd: i64, path: string, mask: MaskKind, doc: i32): void {
    const out = this.attackOut;
    for (let i = 0; i < out.count; i++) {
      if (this.findings.length >= this.maxFindings) { this.dropped++; continue; }
      const sf = new StreamFinding();
      sf.detector = unchecked(this.codeToPolicy[unchecked(out.kinds[i])]);
      sf.rawStart = rawStart;
      sf.rawEnd = rawEnd;
      sf.tokStart = tokStart;
      sf.tokEnd = tokEnd;
      sf.doc = doc;
      sf.path = path;
      sf.mask = mask;
      this.keep(sf);
    }
  }

  /** XML request bodies: an injection sits in an attribute value or a text node, and the whole document does
   *  not parse as one (SQL, shell). Each is judged on its own too (CRS: XML:/*). One pass; a part cut by a
   *  segment boundary of a long body is judged in two pieces. Findings still cover the whole value. */
  private detectXmlParts(len: i32): void {
    const b = this.view;
    const sc = attacks();
    let i = 0;
    while (i < len) {
      let j = i;
      while (j < len && unchecked(b[j]) != 0x3c) j++; // '<'
      this.xmlPart(sc, i, j);
      if (j >= len) return;
      if (j + 9 <= len && unchecked(b[j + 1]) == 0x21 && unchecked(b[j + 2]) == 0x5b && (unchecked(b[j + 3]) | 0x20) == 0x63) { // <![CDATA[
        let e = j + 9;
        while (e + 2 < len && !(unchecked(b[e]) == 0x5d && unchecked(b[e + 1]) == 0x5d && unchecked(b[e + 2]) == 0x3e)) e++;
        if (e + 2 >= len) e = len;
        this.xmlPart(sc, j + 9, e);
        i = e + 3;
        continue;
      }
      // a tag: quoted attribute values after '='
      let k = j + 1;
      let afterEq = false;
      while (k < len) {
        const c = unchecked(b[k]);
        if (c == 0x3e) break; // '>'
        if ((c == 0x22 || c == 0x27) && afterEq) {
          let e = k + 1;
          while (e < len && unchecked(b[e]) != c) e++;
          this.xmlPart(sc, k + 1, e);
          k = e + 1;
          afterEq = false;
          continue;
        }
        if (c == 0x3d) afterEq = true;
        else if (c != 0x20 && c != 0x09 && c != 0x0a && c != 0x0d) afterEq = false;
        k++;
      }
      i = k + 1;
    }
  }

  private xmlPart(sc: AttackScanner, start: i32, end: i32): void {
    const b = this.view;
    while (start < end && unchecked(b[start]) <= 0x20) start++;
    while (end > start && unchecked(b[end - 1]) <= 0x20) end--;
    if (end > start) sc.detect(b, start, end, "", this.paranoia, this.attackOut, SOURCE_JSON, this.codeMask);
  }

  /** A request header for the attack detectors only (the pattern detectors keep their own header list). */
  scanHeaderAttacks(name: string, value: ArrayBuffer): void {
    if (this.codeMask == 0 || this.response || value.byteLength == 0) return;
    const bytes = Uint8Array.wrap(value);
    const out = this.attackOut;
    out.reset();
    attacks().detect(bytes, 0, bytes.length, name, this.paranoia, out, SOURCE_HEADER, this.codeMask);
    this.addCodeFindings(-1, -1, -1, -1, name, MaskKind.None, 0);
  }

  /** Cookie names (the values come through scanHeader): a name is as attacker-chosen as a value. */
  scanCookieNames(cookie: string): void {
    if (this.codeMask == 0 || this.response) return;
    const b = Uint8Array.wrap(String.UTF8.encode(cookie));
    const n = b.length;
    const out = this.attackOut;
    out.reset();
    let i = 0;
    while (i < n) {
      while (i < n && (unchecked(b[i]) == 0x20 || unchecked(b[i]) == 0x09)) i++;
      let e = i;
      while (e < n && unchecked(b[e]) != 0x3b && unchecked(b[e]) != 0x3d) e++;
      let ne = e;
      while (ne > i && (unchecked(b[ne - 1]) == 0x20 || unchecked(b[ne - 1]) == 0x09)) ne--;
      if (ne > i) attacks().detect(b, i, ne, "", this.paranoia, out, SOURCE_COOKIE, this.codeMask);
      while (e < n && unchecked(b[e]) != 0x3b) e++;
      i = e + 1;
    }
    this.addCodeFindings(-1, -1, -1, -1, "cookie", MaskKind.None, 0);
  }

  /** The request path (before `?`) for the attack detectors (traversal, SSRF, injections in path segments). */
  scanPath(path: string): void {
    if (this.codeMask == 0 || this.response) return;
    const bytes = String.UTF8.encode(path);
    this.scanPathAt(changetype<usize>(bytes), bytes.byteLength);
  }

  /** scanPath over `len` bytes at `ptr` (the request's own bytes, no copy). */
  scanPathAt(ptr: usize, len: i32): void {
    if (this.codeMask == 0 || this.response || len == 0) return;
    const view = this.view;
    pointAt(view, ptr, len);
    const out = this.attackOut;
    out.reset();
    attacks().detect(view, 0, len, "", this.paranoia, out, SOURCE_PATH, this.codeMask);
    this.addCodeFindings(-1, -1, -1, -1, ":path", MaskKind.None, 0); // not in the body: cannot be rewritten
  }

  private segmentList(): Segment[] {
    if (this.segments === NO_SEGMENTS) this.segments = [];
    return this.segments;
  }

  /** Keeps the segments a match can still reach back into (the engine's longest match is 4096 bytes). */
  private keepSegment(v: ScannedValue): void {
    const segs = this.segmentList();
    segs.push(new Segment(v.decodedBase, v.len, v.rawStart, v.rawEnd, v.mapMode == MapMode.Identity));
    let drop = 0;
    while (drop < segs.length - 1 && segs[drop].decodedBase + <i64>segs[drop].len < v.decodedBase - 4096) drop++;
    if (drop > 0) this.segments = segs.slice(drop);
  }

  /** Raw offset of stream offset `d` (a segment boundary maps to the end of the earlier segment when `isEnd`). */
  private rawOfStream(d: i64, isEnd: bool): i64 {
    const v = changetype<ScannedValue>(this.current);
    if (d >= v.decodedBase && (d < v.decodedBase + <i64>v.len || (isEnd && d == v.decodedBase + <i64>v.len))) {
      const rel = <i32>(d - v.decodedBase);
      return isEnd ? v.rawSpanEnd(rel) : v.rawSpanStart(rel);
    }
    for (let i = this.segments.length - 1; i >= 0; i--) {
      const sg = this.segments[i];
      const inside = isEnd ? d > sg.decodedBase && d <= sg.decodedBase + <i64>sg.len : d >= sg.decodedBase && d < sg.decodedBase + <i64>sg.len;
      if (!inside) continue;
      return sg.identity ? sg.rawStart + (d - sg.decodedBase) : (isEnd ? sg.rawEnd : sg.rawStart);
    }
    return isEnd ? v.rawEnd : v.rawStart;
  }

  onFinding(f: Finding): void {
    if (this.findings.length >= this.maxFindings) { this.dropped++; return; }
    const v = changetype<ScannedValue>(this.current);
    const sf = new StreamFinding();
    sf.detector = unchecked(this.setToPolicy[f.detector]);
    if (this.streaming) {
      // stream offsets over the whole segmented value
      sf.rawStart = this.rawOfStream(<i64>f.start, false);
      sf.rawEnd = this.rawOfStream(<i64>f.end, true);
      sf.tokStart = sf.rawStart;
      sf.tokEnd = sf.rawEnd;
    } else {
      sf.rawStart = v.rawSpanStart(f.start);
      sf.rawEnd = v.rawSpanEnd(f.end);
      sf.tokStart = v.rawStart;
      sf.tokEnd = v.rawEnd;
    }
    sf.boosted = f.boosted;
    sf.doc = v.doc;
    sf.path = this.valuePath.value === v ? this.valuePath.keyPath() : v.path();
    if (v.inflated) sf.mask = MaskKind.None;
    else if (v.kind == ValueKind.Number) sf.mask = v.mapMode == MapMode.Whole ? MaskKind.ProtoNumber : MaskKind.JsonNumber;
    else sf.mask = MaskKind.Text;
    if (this.keepValues && !this.streaming) sf.value = String.UTF8.decodeUnsafe(v.ptr + <usize>f.start, <usize>(f.end - f.start));
    this.keep(sf);
  }

  private keep(sf: StreamFinding): void {
    let fs = this.findings;
    if (fs === NO_FINDINGS) { fs = []; this.findings = fs; }
    fs.push(sf);
  }
}
