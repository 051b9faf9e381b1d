// multipart/form-data: the delimiter "\r\n--boundary" is found with a KMP automaton that carries its state
// across chunks; bytes held as a possible delimiter prefix are released (from the delimiter's own bytes)
// when the match fails. Part headers (bounded) give the name (the key) and content type; part bodies are
// scanned by their content type: JSON by the JSON scanner (paths `name:$.a`), binary media skipped, the
// rest as one FormField value keyed by the part name.
import { ValueSink, Scanner, ScanOptions, ScanFlag } from "./value";
import { JsonScanner } from "./json";
import { FieldScanner } from "./form";
import { lowerWordAt } from "../util/ascii";

/** The boundary parameter of a multipart content type, "" if none. */
export function multipartBoundary(contentType: string): string {
  const lower = contentType.toLowerCase();
  const k = lower.indexOf("boundary=");
  if (k < 0) return "";
  let v = contentType.slice(k + 9);
  if (v.startsWith("\"")) {
    const e = v.indexOf("\"", 1);
    return e < 0 ? "" : v.slice(1, e);
  }
  const semi = v.indexOf(";");
  if (semi >= 0) v = v.slice(0, semi);
  return v.trim();
}

const enum M { Preamble = 0, Body = 1, AfterDelim = 2, Headers = 3, Epilogue = 4, Text = 5 }

function headerParam(h: string, param: string): string {
  // name="x" or name=x, within a header line (lowercased search, original case kept)
  const lower = h.toLowerCase();
  let from = 0;
  while (true) {
    const k = lower.indexOf(param + "=", from);
    if (k < 0) return "";
    const prev = k == 0 ? 0x3b : lower.charCodeAt(k - 1);
    from = k + 1;
    if (prev != 0x3b && prev != 0x20 && prev != 0x09) continue; // `filename=` is not `name=`
    let v = h.slice(k + param.length + 1);
    if (v.startsWith("\"")) {
      const e = v.indexOf("\"", 1);
      return e < 0 ? v.slice(1) : v.slice(1, e);
    }
    const semi = v.indexOf(";");
    return (semi >= 0 ? v.slice(0, semi) : v).trim();
  }
  return "";
}

export class MultipartScanner extends Scanner {
  private delim: Uint8Array;
  private fail: Int32Array;
  private m: i32 = 2; // as if "\r\n" preceded the body: the first "--boundary" needs none
  private held: i32 = 2;
  private heldRaw: i64 = 0;
  private state: i32 = M.Preamble;
  private ad: i32 = 0;
  private hdr: Uint8Array;
  private hlen: i32 = 0;
  /** raw offset of hdr[0]: a part's header bytes are copied one for one, so hdr[k] is at hdrRaw + k */
  private hdrRaw: i64 = 0;
  private lineLen: i32 = 0;
  private part: Scanner | null = null;
  private json: JsonScanner;
  private field: FieldScanner;
  private rawEnd: i64 = 0;
  /** number of parts seen */
  parts: i32 = 0;

  constructor(public sink: ValueSink, boundary: string, opts: ScanOptions = new ScanOptions()) {
    super();
    const d = Uint8Array.wrap(String.UTF8.encode("\r\n--" + boundary));
    const n = d.length;
    const f = new Int32Array(n + 1);
    // KMP failure function: f[k] = longest proper border of d[0..k)
    let k = 0;
    for (let q = 1; q < n; q++) {
      while (k > 0 && d[k] != d[q]) k = f[k];
      if (d[k] == d[q]) k++;
      f[q + 1] = k;
    }
    this.delim = d;
    this.fail = f;
    this.hdr = new Uint8Array(max(opts.maxPartHeaderBytes, 64));
    this.json = new JsonScanner(sink, opts);
    this.field = new FieldScanner(sink, opts);
    if (boundary.length == 0 || boundary.length > 70) this.flags |= ScanFlag.MALFORMED;
  }

  private emit(ptr: usize, n: i32, raw: i64): void {
    if (n <= 0 || (this.state != M.Body && this.state != M.Text)) return;
    const p = this.part;
    if (p !== null) p.push(ptr, n, raw);
  }

  private endPart(): void {
    const p = this.part;
    if (p !== null) { p.finish(); this.flags |= p.flags; }
    this.part = null;
  }

  private startPart(bodyRaw: i64): void {
    this.parts++;
    const h = String.UTF8.decodeUnsafe(this.hdr.dataStart, <usize>this.hlen, false);
    const lines = h.split("\n");
    let name = "";
    let ctype = "";
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      const colon = line.indexOf(":");
      if (colon < 0) continue;
      const hn = line.slice(0, colon).trim().toLowerCase();
      if (hn == "content-disposition") name = headerParam(line.slice(colon + 1), "name");
      else if (hn == "content-type") ctype = line.slice(colon + 1).trim().toLowerCase();
    }
    this.deliverFilename(name);
    const semi = ctype.indexOf(";");
    if (semi >= 0) ctype = ctype.slice(0, semi).trim();
    if (ctype == "application/json" || ctype.endsWith("+json") || ctype == "application/x-ndjson") {
      const j = this.json;
      j.reset();
      j.prefix = name + ":";
      j.prefixKey = name;
      this.part = j;
    } else if (ctype.startsWith("image/") || ctype.startsWith("audio/") || ctype.startsWith("video/")
      || ctype.startsWith("font/") || ctype == "application/octet-stream" || ctype == "application/zip"
      || ctype == "application/gzip" || ctype == "application/pdf") {
      this.part = null; // binary: not scanned
    } else {
      const f = this.field;
      f.flags = 0;
      f.begin(name, bodyRaw);
      this.part = f;
    }
  }

  /**
   * A part's `filename=` (or `filename*=`) in its Content-Disposition, as a value of its own (`<name>.filename`)
   * at its place in the body: an upload's name is attacker-chosen (`../../etc/cron.d/x`, `shell.php`), and
   * binary parts, whose content is not scanned, are where it matters most (CRS reads FILES names too).
   */
  private deliverFilename(name: string): void {
    const h = this.hdr.dataStart;
    const n = this.hlen;
    for (let k = 0; k + 9 <= n; k++) {
      if (!lowerWordAt(h + <usize>k, "filename")) continue;
      const prev = k == 0 ? 0x3b : <u32>load<u8>(h + <usize>(k - 1));
      if (prev != 0x3b && prev != 0x20 && prev != 0x09) continue;
      let a = k + 8;
      if (a < n && load<u8>(h + <usize>a) == 0x2a) a++; // filename*= (RFC 5987)
      if (a >= n || load<u8>(h + <usize>a) != 0x3d) continue;
      a++;
      let b = a;
      if (a < n && load<u8>(h + <usize>a) == 0x22) { // quoted: up to the closing quote
        a++; b = a;
        while (b < n && load<u8>(h + <usize>b) != 0x22 && load<u8>(h + <usize>b) != 0x0d && load<u8>(h + <usize>b) != 0x0a) b++;
      } else {
        while (b < n) { const c = load<u8>(h + <usize>b); if (c == 0x3b || c == 0x0d || c == 0x0a || c == 0x20 || c == 0x09) break; b++; }
      }
      if (b <= a) continue;
      const f = this.field;
      f.begin(name.length > 0 ? name + ".filename" : "filename", this.hdrRaw + <i64>a);
      f.push(h + <usize>a, b - a, this.hdrRaw + <i64>a);
      f.finish();
      return; // one per part
    }
  }

  push(ptr: usize, len: i32, rawBase: i64): void {
    if (len <= 0) return;
    this.rawEnd = rawBase + <i64>len;
    let i = 0;
    while (i < len) {
      const st = this.state;
      if (st == M.Epilogue) return;
      if (st == M.Text) { this.emit(ptr + <usize>i, len - i, rawBase + <i64>i); return; }
      if (st == M.Preamble || st == M.Body) {
        const d = this.delim;
        const L = d.length;
        const bodyStart = i;
        let m = this.m;
        let j = i;
        let found = false;
        while (j < len) {
          const c = load<u8>(ptr + <usize>j);
          while (m > 0 && unchecked(d[m]) != c) {
            const m2 = unchecked(this.fail[m]);
            // the first m - m2 bytes of the window are body; those from earlier chunks come from d itself
            const x = min(m - m2, this.held);
            if (x > 0) {
              this.emit(d.dataStart, x, this.heldRaw);
              this.heldRaw += <i64>x;
              this.held -= x;
            }
            m = m2;
          }
          if (unchecked(d[m]) == c) m++;
          j++;
          if (m == L) { found = true; break; }
        }
        if (found) {
          // chunk bytes before the delimiter window are body (none if the window began in an earlier chunk)
          const winInChunk = L - this.held;
          this.emit(ptr + <usize>bodyStart, j - winInChunk - bodyStart, rawBase + <i64>bodyStart);
          this.endPart();
          this.m = 0;
          this.held = 0;
          this.state = M.AfterDelim;
          this.ad = 0;
          i = j;
          continue;
        }
        // chunk end: the last m bytes may begin a delimiter; hold them
        const inChunk = m - this.held;
        this.emit(ptr + <usize>bodyStart, len - inChunk - bodyStart, rawBase + <i64>bodyStart);
        if (this.held == 0) this.heldRaw = rawBase + <i64>(len - inChunk);
        this.held = m;
        this.m = m;
        return;
      }
      const c = <u32>load<u8>(ptr + <usize>i);
      i++;
      if (st == M.AfterDelim) {
        if (this.ad == 0) {
          if (c == 0x2d) this.ad = 1;
          else if (c == 0x20 || c == 0x09) {}
          else if (c == 0x0d) this.ad = 2;
          else if (c == 0x0a) { this.state = M.Headers; this.hlen = 0; this.lineLen = 0; this.hdrRaw = rawBase + <i64>i; }
          else this.malformed(ptr, i - 1, len, rawBase);
        } else if (this.ad == 1) {
          if (c == 0x2d) this.state = M.Epilogue;
          else this.malformed(ptr, i - 1, len, rawBase);
        } else {
          if (c == 0x0a) { this.state = M.Headers; this.hlen = 0; this.lineLen = 0; this.hdrRaw = rawBase + <i64>i; }
          else this.malformed(ptr, i - 1, len, rawBase);
        }
        continue;
      }
      // headers
      if (c == 0x0a) {
        if (this.lineLen == 0) {
          this.startPart(rawBase + <i64>i);
          this.state = M.Body;
          this.m = 0;
          this.held = 0;
          continue;
        }
        this.lineLen = 0;
      } else if (c != 0x0d) {
        this.lineLen++;
      }
      if (this.hlen >= this.hdr.length) { this.malformed(ptr, i - 1, len, rawBase); continue; }
      unchecked(this.hdr[this.hlen] = <u8>c);
      this.hlen++;
    }
  }

  /** The open part's open value, and the bytes held as a possible delimiter prefix (body not scanned yet). */
  openValueStart(): i64 {
    const st = this.state;
    if (st != M.Body && st != M.Text) return -1;
    const p = this.part;
    let o = p !== null ? p.openValueStart() : -1;
    if (st == M.Body && this.held > 0 && (o < 0 || this.heldRaw < o)) o = this.heldRaw;
    return o;
  }

  private malformed(ptr: usize, i: i32, len: i32, rawBase: i64): void {
    this.flags |= ScanFlag.MALFORMED;
    const f = this.field;
    f.begin("", rawBase + <i64>i);
    this.part = f;
    this.state = M.Text;
  }

  finish(): void {
    if (this.state == M.Body) {
      // held bytes were not a delimiter after all
      if (this.held > 0) this.emit(this.delim.dataStart, this.held, this.heldRaw);
      this.flags |= ScanFlag.TRUNCATED;
    } else if (this.state != M.Epilogue && this.state != M.Text) {
      this.flags |= ScanFlag.TRUNCATED;
    }
    this.endPart();
  }
}
