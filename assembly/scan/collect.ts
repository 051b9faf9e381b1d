// A ValueSink that records every delivery as a line of text (tests, the CLI `scan` command, debugging).
// Consecutive Text segments are merged into one record, since their split depends on chunking.
import { ScannedValue, ValueSink, ValueKind, MapMode } from "./value";

const KIND_NAMES: string[] = ["key", "string", "number", "text", "header", "query", "form"];

export class CollectSink extends ValueSink {
  records: string[] = [];
  /** also record the raw offset of every decoded byte (checks the decoded→raw map) */
  withMap: bool = true;
  private textBuf: string = "";
  private textStart: i64 = -1;
  private textEnd: i64 = 0;
  private textBroken: bool = false;

  onValue(v: ScannedValue): void {
    if (v.kind == ValueKind.Text) {
      if (!v.continued) { this.flushText(); this.textStart = v.rawStart; this.textEnd = v.rawStart; }
      if (v.len > 0) {
        if (v.rawStart != this.textEnd) this.textBroken = true; // text offsets must be contiguous
        this.textBuf += v.text();
        this.textEnd = v.rawEnd;
      }
      if (!v.more) this.flushText();
      return;
    }
    this.flushText();
    const k = <i32>v.kind;
    let r = (k < KIND_NAMES.length ? KIND_NAMES[k] : k.toString()) + " " + v.path() + " =" + v.text()
      + "= [" + v.rawStart.toString() + "," + v.rawEnd.toString() + ")";
    if (v.continued) r += " cont";
    if (v.more) r += " more";
    if (v.doc != 0) r += " doc" + v.doc.toString();
    if (v.inflated) r += " inflated";
    if (this.withMap && v.mapMode == MapMode.Runs) {
      r += " map";
      for (let d = 0; d < v.len; d++) r += " " + v.rawAt(d).toString();
    }
    this.records.push(r);
  }

  flushText(): void {
    if (this.textStart < 0) return;
    this.records.push("text =" + this.textBuf + "= [" + this.textStart.toString() + "," + this.textEnd.toString() + ")"
      + (this.textBroken ? " BROKEN" : ""));
    this.textBuf = "";
    this.textStart = -1;
    this.textBroken = false;
  }

  joined(): string { this.flushText(); return this.records.join("\n"); }
}
