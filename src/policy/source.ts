// A policy file as YAML with positions: every diagnostic points at file:line:col in the user's source.
import { readFileSync } from "node:fs";
import { LineCounter, parseDocument, isMap, isSeq, isScalar, isPair, type Document, type Node, type Pair } from "yaml";

export interface Diagnostic {
  file: string;
  line: number;
  col: number;
  message: string;
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.col}: ${d.message}`;
}

export type PathSeg = string | number;

export class PolicySource {
  readonly lines = new LineCounter();
  readonly doc: Document.Parsed;
  readonly diagnostics: Diagnostic[] = [];

  constructor(readonly file: string, readonly text: string) {
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true, strict: true });
    // Only the first syntax error: the parser's recovery makes the following ones noise.
    const e = this.doc.errors[0];
    if (e) {
      const msg = e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
      this.diagnostics.push(this.at(e.pos?.[0] ?? 0, "YAML: " + msg));
    }
    if (this.diagnostics.length === 0 && this.doc.contents === null) this.diagnostics.push(this.at(0, "the policy is empty"));
  }

  static read(file: string): PolicySource {
    return new PolicySource(file, readFileSync(file, "utf8"));
  }

  get ok(): boolean {
    return this.diagnostics.length === 0;
  }

  /** The plain JS value of the document. */
  value(): unknown {
    return this.doc.toJS({ maxAliasCount: 100 });
  }

  at(offset: number, message: string): Diagnostic {
    const { line, col } = this.lines.linePos(Math.max(0, Math.min(offset, this.text.length)));
    return { file: this.file, line, col, message };
  }

  /** The node at a path (value node), or the deepest existing ancestor. */
  node(path: PathSeg[]): { node: Node | null; pair: Pair | null; found: boolean } {
    let cur: unknown = this.doc.contents;
    let pair: Pair | null = null;
    for (const seg of path) {
      if (isMap(cur)) {
        const p = cur.items.find((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === String(seg));
        if (!p) return { node: cur as Node, pair, found: false };
        pair = p as Pair;
        cur = p.value;
      } else if (isSeq(cur) && typeof seg === "number" && seg < cur.items.length) {
        pair = null;
        cur = cur.items[seg];
      } else return { node: (cur as Node) ?? null, pair, found: false };
    }
    return { node: (cur as Node) ?? null, pair, found: true };
  }

  /** Offset of the value at `path` (or of its key when `key` is set; falls back to the nearest ancestor). */
  offsetOf(path: PathSeg[], key = false): number {
    const { node, pair, found } = this.node(path);
    if (found && key && pair && isScalar(pair.key) && pair.key.range) return pair.key.range[0];
    if (node && node.range) return node.range[0];
    if (pair && isScalar(pair.key) && pair.key.range) return pair.key.range[0];
    return 0;
  }

  /** The key node offset of property `name` of the map at `path`. */
  keyOffset(path: PathSeg[], name: string): number {
    const { node } = this.node(path);
    if (isMap(node)) {
      const p = node.items.find((it) => isScalar(it.key) && String(it.key.value) === name);
      if (p && isScalar(p.key) && p.key.range) return p.key.range[0];
    }
    return this.offsetOf(path);
  }

  /** Source offset of character `index` of the string scalar at `path` (quoted or plain, one line). */
  offsetInScalar(path: PathSeg[], index: number): number {
    const { node } = this.node(path);
    if (!isScalar(node) || !node.range) return this.offsetOf(path);
    const start = node.range[0];
    const raw = this.text.slice(start, node.range[1]);
    if (raw.includes("\n")) return start;
    const type = node.type;
    if (type === "PLAIN") return start + index;
    let r = 1; // after the opening quote
    for (let v = 0; v < index && r < raw.length; v++) {
      if (type === "QUOTE_SINGLE" && raw[r] === "'" && raw[r + 1] === "'") r += 2;
      else if (type === "QUOTE_DOUBLE" && raw[r] === "\\") {
        const e = raw[r + 1];
        r += e === "x" ? 4 : e === "u" ? 6 : e === "U" ? 10 : 2;
      } else r++;
    }
    return type === "QUOTE_SINGLE" || type === "QUOTE_DOUBLE" ? start + r : start;
  }

  report(path: PathSeg[], message: string, opts: { key?: boolean; index?: number } = {}): void {
    const off = opts.index !== undefined ? this.offsetInScalar(path, opts.index) : this.offsetOf(path, opts.key);
    this.diagnostics.push(this.at(off, `${pathText(path)}: ${message}`));
  }
}

/** `rules[0].detectors[1]` */
export function pathText(path: PathSeg[]): string {
  let s = "";
  for (const p of path) s += typeof p === "number" ? `[${p}]` : s === "" ? p : `.${p}`;
  return s || "(policy)";
}
