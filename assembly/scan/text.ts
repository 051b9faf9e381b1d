// Plain text bodies (text/*, HTML, XML, unknown types) and the fallback after malformed input: each chunk is
// delivered as it is (zero copy, identity map) as one segment of a single Text value. Continuation contract:
// segment k+1 continues segment k (`continued`), so the detection layer keeps one Matcher across segments
// and a value split between chunks is still matched; decodedBase is the text offset of the segment.
import { ScannedValue, ValueSink, ValueKind, Scanner, deliverDirect, PathSource, EmptyPath, MATCH_TAIL } from "./value";

/** Bytes at the end of a text stream a redaction may still need: held back when the body is released chunk by
 *  chunk (openValueStart). */
export const TEXT_TAIL: i64 = MATCH_TAIL;

export class TextStream {
  started: bool = false;
  offset: i64 = 0;
  /** raw offset of the first byte, and just past the last byte, delivered so far */
  rawStart: i64 = 0;
  rawEnd: i64 = 0;
  value: ScannedValue = new ScannedValue();

  constructor(public sink: ValueSink, paths: PathSource = new EmptyPath()) {
    this.value.paths = paths;
  }

  reset(): void { this.started = false; this.offset = 0; }

  /** Where the bytes a match could still reach back into begin (-1: no text yet): the last TEXT_TAIL. */
  openStart(): i64 {
    if (!this.started) return -1;
    const t = this.rawEnd - TEXT_TAIL;
    return t > this.rawStart ? t : this.rawStart;
  }

  push(ptr: usize, len: i32, rawBase: i64): void {
    if (len <= 0) return;
    if (!this.started) this.rawStart = rawBase;
    this.rawEnd = rawBase + <i64>len;
    deliverDirect(this.sink, this.value, ValueKind.Text, ptr, len, rawBase, this.started, true, this.offset);
    this.started = true;
    this.offset += <i64>len;
  }

  /** Ends the text value: an empty final segment with more=false (only if text was delivered). */
  finish(rawEnd: i64): void {
    if (!this.started) return;
    deliverDirect(this.sink, this.value, ValueKind.Text, 0, 0, rawEnd, true, false, this.offset);
    this.started = false;
  }
}

export class TextScanner extends Scanner {
  text: TextStream;
  rawEnd: i64 = 0;

  constructor(sink: ValueSink) {
    super();
    this.text = new TextStream(sink);
  }

  push(ptr: usize, len: i32, rawBase: i64): void {
    this.text.push(ptr, len, rawBase);
    this.rawEnd = rawBase + <i64>max(len, 0);
  }

  finish(): void { this.text.finish(this.rawEnd); }
  openValueStart(): i64 { return this.text.openStart(); }
}
