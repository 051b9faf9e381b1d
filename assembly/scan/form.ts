// application/x-www-form-urlencoded bodies and URL query strings (percent- and plus-decoding, parameter names
// as keys, decoded→raw map), a field scanner for multipart parts, and header values (cookies split into
// name → value). '+' → ' ' keeps the identity map; only %XX switches a value to a per-byte map.
import {
  ScannedValue, ValueSink, ValueKind, Scanner, ScanOptions, ScanFlag, ValueBuffer, PathSource, FixedPath,
  deliverDirect,
} from "./value";
import { pointAt } from "../util/view";

// @ts-ignore: decorator
@inline function hexVal(c: u32): i32 {
  if (c - 0x30 < 10) return <i32>(c - 0x30);
  const l = c | 0x20;
  if (l - 0x61 < 6) return <i32>(l - 0x61 + 10);
  return -1;
}

class FormPath extends PathSource {
  constructor(public s: FormScanner) { super(); }
  pathString(): string { return this.keyString(); }
  keyString(): string {
    return String.UTF8.decodeUnsafe(this.s.nameBuf.dataStart, <usize>this.s.nameLen, false);
  }
}

/** Records the first bytes of each parameter name (for the path) before forwarding. */
class NameCapture extends ValueSink {
  constructor(public s: FormScanner) { super(); }
  onValue(v: ScannedValue): void {
    const s = this.s;
    if (v.kind == ValueKind.Key && !v.continued) {
      const n = min(v.len, s.nameBuf.length);
      memory.copy(s.nameBuf.dataStart, v.ptr, <usize>n);
      s.nameLen = n;
      if (n < v.len) s.flags |= ScanFlag.KEY_TRUNCATED;
    }
    s.sink.onValue(v);
  }
}

export class FormScanner extends Scanner {
  nameBuf: Uint8Array;
  nameLen: i32 = 0;
  value: ScannedValue = new ScannedValue();
  vb!: ValueBuffer;
  private inValue: bool = false;
  private pct: i32 = 0; // 1 after '%', 2 after '%X'
  private pctHi: i32 = 0;
  private pctRaw: i64 = 0;
  private pairBytes: bool = false; // the current pair has any byte (skip empty pairs)
  private rawEnd: i64 = 0;

  /** kind: ValueKind.FormField for bodies, ValueKind.Query for query strings */
  /** the options it was made with */
  options: ScanOptions;

  constructor(public sink: ValueSink, public kind: ValueKind = ValueKind.FormField, opts: ScanOptions = new ScanOptions()) {
    super();
    this.options = opts;
    this.nameBuf = new Uint8Array(max(opts.maxKeyBytes, 1));
    this.value.paths = new FormPath(this);
    this.vb = new ValueBuffer(new NameCapture(this), this.value, opts.maxValueBytes);
    this.vb.begin(ValueKind.Key);
  }

  reset(): void {
    this.inValue = false;
    this.pct = 0;
    this.pairBytes = false;
    this.nameLen = 0;
    this.flags = 0;
    this.rawEnd = 0;
    this.vb.begin(ValueKind.Key);
  }

  private endPct(): void {
    // an incomplete %-escape is kept literally
    if (this.pct >= 1) this.vb.appendUnit(0x25, 1, this.pctRaw, 1);
    if (this.pct == 2) this.vb.appendUnit(<u32>(this.pctHi < 10 ? 0x30 + this.pctHi : 0x61 + this.pctHi - 10), 1, this.pctRaw + 1, 1);
    this.pct = 0;
  }

  private endPart(raw: i64, sep: u32): void {
    this.endPct();
    if (!this.inValue) {
      if (!this.pairBytes && sep != 0x3d) { this.vb.begin(ValueKind.Key); return; } // empty pair
      this.nameLen = 0;
      this.vb.flush(false, raw);
      if (sep == 0x3d) { this.inValue = true; this.vb.begin(this.kind); return; }
    } else {
      this.vb.flush(false, raw);
    }
    this.inValue = false;
    this.pairBytes = false;
    this.vb.begin(ValueKind.Key);
  }

  push(ptr: usize, len: i32, rawBase: i64): void {
    if (len <= 0) return;
    this.rawEnd = rawBase + <i64>len;
    let i = 0;
    while (i < len) {
      const c = <u32>load<u8>(ptr + <usize>i);
      const raw = rawBase + <i64>i;
      if (this.pct > 0) {
        const h = hexVal(c);
        if (h >= 0 && this.pct == 1) { this.pctHi = h; this.pct = 2; i++; continue; }
        if (h >= 0) {
          this.vb.appendUnit(<u32>((this.pctHi << 4) | h), 1, this.pctRaw, 3);
          this.pct = 0;
          i++;
          continue;
        }
        this.endPct(); // then reprocess c
        continue;
      }
      if (c == 0x26 || (c == 0x3d && !this.inValue)) { this.endPart(raw, c); i++; continue; }
      this.pairBytes = true;
      if (c == 0x25) { this.pct = 1; this.pctRaw = raw; i++; continue; }
      if (c == 0x2b) { this.vb.appendUnit(0x20, 1, raw, 1); i++; continue; }
      // plain run
      let j = i + 1;
      while (j < len) {
        const d = <u32>load<u8>(ptr + <usize>j);
        if (d == 0x26 || d == 0x25 || d == 0x2b || (d == 0x3d && !this.inValue)) break;
        j++;
      }
      this.vb.appendRun(ptr + <usize>i, j - i, raw);
      i = j;
    }
  }

  finish(): void {
    this.endPct();
    if (this.inValue || this.pairBytes) this.endPart(this.rawEnd, 0x26);
  }

  /** The open name or value (with a %-escape still pending) is held back when the body is released. */
  openValueStart(): i64 {
    let o = this.vb.openStart(this.rawEnd);
    if (this.pct > 0 && (o < 0 || this.pctRaw < o)) o = this.pctRaw;
    return o;
  }
}

/** Scans a URL query string (with or without the leading '?', or a whole :path, from its '?') as Query
 *  values keyed by parameter name. rawBase: offset of `ptr` in whatever the caller redacts. */
export function scanQuery(ptr: usize, len: i32, rawBase: i64, sink: ValueSink, opts: ScanOptions = new ScanOptions()): i32 {
  let start = 0;
  for (let i = 0; i < len; i++) {
    const c = load<u8>(ptr + <usize>i);
    if (c == 0x3f) { start = i + 1; break; }
    if (c == 0x23) return 0;
  }
  let end = len;
  for (let i = start; i < len; i++) if (load<u8>(ptr + <usize>i) == 0x23) { end = i; break; } // fragment
  // one scanner per VM serves every query string (a call never outlives itself; a nested one gets its own)
  let f = queryScanner;
  if (f === null || f.options !== opts || queryBusy) f = new FormScanner(sink, ValueKind.Query, opts);
  else { f.sink = sink; f.reset(); }
  const outer = !queryBusy;
  queryBusy = true;
  f.push(ptr + <usize>start, end - start, rawBase + <i64>start);
  f.finish();
  if (outer) { queryBusy = false; queryScanner = f; }
  return f.flags;
}
let queryScanner: FormScanner | null = null;
let queryBusy = false;

/** Scans a string query / :path (offsets are UTF-8 byte offsets in it). */
export function scanQueryString(s: string, sink: ValueSink, opts: ScanOptions = new ScanOptions()): i32 {
  const b = Uint8Array.wrap(String.UTF8.encode(s));
  return scanQuery(b.dataStart, b.length, 0, sink, opts);
}

/** Header values: Cookie is split into cookies (path `cookie.<name>`, key = cookie name), Set-Cookie gives
 *  its first name=value, every other header is one value (path and key = the lowercased header name).
 *  Offsets are byte offsets in the header value. */
export function scanHeader(name: string, value: string, sink: ValueSink): void {
  const b = String.UTF8.encode(value); // held by this frame while scanned (no collection inside a callback)
  scanHeaderAt(name.toLowerCase(), changetype<usize>(b), b.byteLength, sink);
}

/** scanHeader over a value's bytes in place (`lname` already lower-case): no string, no copy. */
export function scanHeaderAt(lname: string, ptr: usize, len: i32, sink: ValueSink): void {
  const outer = !headerBusy;
  const v = outer ? HEADER_VALUE : new ScannedValue();
  const path = outer ? HEADER_PATH : new FixedPath();
  const b = outer ? HEADER_BYTES : new Uint8Array(0);
  pointAt(b, ptr, len);
  v.paths = path;
  headerBusy = true;
  scanHeaderInto(lname, b, path, v, sink);
  if (outer) headerBusy = false;
}
const HEADER_BYTES = new Uint8Array(0); // re-pointed at each value (util/view pointAt)
const HEADER_VALUE = new ScannedValue();
const HEADER_PATH = new FixedPath();
let headerBusy = false;

function scanHeaderInto(lname: string, b: Uint8Array, path: FixedPath, v: ScannedValue, sink: ValueSink): void {
  if (lname == "cookie" || lname == "set-cookie") {
    let i = 0;
    const n = b.length;
    while (i < n) {
      while (i < n && (b[i] == 0x20 || b[i] == 0x09)) i++;
      let e = i;
      while (e < n && b[e] != 0x3b) e++;
      let eq = i;
      while (eq < e && b[eq] != 0x3d) eq++;
      if (eq < e) {
        const cname = String.UTF8.decodeUnsafe(b.dataStart + <usize>i, <usize>(eq - i), false).trim();
        path.key = cname;
        path.path = lname + "." + cname;
        let vs = eq + 1;
        let ve = e;
        while (ve > vs && (b[ve - 1] == 0x20 || b[ve - 1] == 0x09)) ve--;
        deliverDirect(sink, v, ValueKind.Header, b.dataStart + <usize>vs, ve - vs, <i64>vs, false, false, 0);
      }
      if (lname == "set-cookie") return; // the rest are attributes
      i = e + 1;
    }
    return;
  }
  path.key = lname;
  path.path = lname;
  deliverDirect(sink, v, ValueKind.Header, b.dataStart, b.length, 0, false, false, 0);
}

/** One field's bytes as a FormField value keyed by `name` (multipart parts), in segments at the cap. */
export class FieldScanner extends Scanner {
  value: ScannedValue = new ScannedValue();
  vb!: ValueBuffer;
  path: FixedPath = new FixedPath();
  private rawEnd: i64 = 0;
  private started: bool = false;

  constructor(sink: ValueSink, opts: ScanOptions = new ScanOptions()) {
    super();
    this.value.paths = this.path;
    this.vb = new ValueBuffer(sink, this.value, opts.maxValueBytes);
  }

  begin(name: string, rawStart: i64): void {
    this.path.path = name;
    this.path.key = name;
    this.vb.begin(ValueKind.FormField);
    this.rawEnd = rawStart;
    this.started = true;
  }

  push(ptr: usize, len: i32, rawBase: i64): void {
    if (len <= 0) return;
    this.vb.appendRun(ptr, len, rawBase);
    this.rawEnd = rawBase + <i64>len;
  }

  finish(): void {
    if (!this.started) return;
    this.started = false;
    this.vb.flush(false, this.rawEnd);
  }

  openValueStart(): i64 { return this.started ? this.vb.openStart(this.rawEnd) : -1; }
}
