// A header map with Envoy's observable behaviour: lower-case keys, pseudo-headers kept before the others,
// repeated keys allowed, byteSize = sum of key and value lengths (Envoy HeaderMapImpl::byteSize, which
// proxy_get_header_map_size returns).
import type { HeaderPairs } from "./abi.ts";

export type HeadersInit = HeaderPairs | Record<string, string | string[]> | HeaderMap;

export class HeaderMap {
  entries: HeaderPairs = [];
  constructor(init?: HeadersInit) {
    if (!init) return;
    if (init instanceof HeaderMap) { this.entries = init.entries.map(([k, v]) => [k, v]); return; }
    const pairs: HeaderPairs = Array.isArray(init) ? init : Object.entries(init).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x] as [string, string]) : [[k, v] as [string, string]]));
    for (const [k, v] of pairs) this.add(k, v);
  }
  get size(): number { return this.entries.length; }
  get(key: string): string | undefined { const k = key.toLowerCase(); return this.entries.find((e) => e[0] === k)?.[1]; }
  getAll(key: string): string[] { const k = key.toLowerCase(); return this.entries.filter((e) => e[0] === k).map((e) => e[1]); }
  has(key: string): boolean { return this.get(key) !== undefined; }
  add(key: string, value: string): void {
    const k = key.toLowerCase();
    if (k.startsWith(":")) {
      let i = 0;
      while (i < this.entries.length && this.entries[i][0].startsWith(":")) i++;
      this.entries.splice(i, 0, [k, value]);
    } else this.entries.push([k, value]);
  }
  /** Envoy setCopy: the first entry's value is replaced and later duplicates removed; absent → added. */
  set(key: string, value: string): void {
    const k = key.toLowerCase();
    const i = this.entries.findIndex((e) => e[0] === k);
    if (i < 0) { this.add(k, value); return; }
    this.entries[i] = [k, value];
    this.entries = this.entries.filter((e, j) => j <= i || e[0] !== k);
  }
  remove(key: string): void { const k = key.toLowerCase(); this.entries = this.entries.filter((e) => e[0] !== k); }
  setPairs(pairs: HeaderPairs): void { this.entries = []; for (const [k, v] of pairs) this.add(k, v); }
  pairs(): HeaderPairs { return this.entries.map(([k, v]) => [k, v]); }
  byteSize(): number { let n = 0; for (const [k, v] of this.entries) n += Buffer.byteLength(k, "latin1") + Buffer.byteLength(v, "latin1"); return n; }
  /** Plain object view (repeated values joined with ","), for assertions. */
  toObject(): Record<string, string> {
    const o: Record<string, string> = {};
    for (const [k, v] of this.entries) o[k] = k in o ? `${o[k]},${v}` : v;
    return o;
  }
  clone(): HeaderMap { return new HeaderMap(this); }
}

/**
 * A body buffer the filter can read and modify (Envoy Buffer::copyFrom semantics in copyFrom). Kept as a list
 * of parts, as Envoy's buffer is a list of slices: putting a few bytes back in front (prepend) or draining the
 * front does not copy the rest, and a read inside one part is a view of it.
 */
export class BodyBuffer {
  private parts: Buffer[];
  private len: number;
  constructor(data: Buffer = Buffer.alloc(0), public readonly mutable = true) {
    this.parts = data.length ? [data] : [];
    this.len = data.length;
  }
  get length(): number { return this.len; }
  /** The whole body as one Buffer (the parts are joined once, on demand). */
  get data(): Buffer {
    if (this.parts.length === 1) return this.parts[0];
    const d = this.parts.length === 0 ? Buffer.alloc(0) : Buffer.concat(this.parts, this.len);
    this.parts = d.length ? [d] : [];
    return d;
  }
  /** Bytes [start, end) (within the body): a view when they lie in one part. */
  range(start: number, end: number): Buffer {
    let off = 0;
    for (const p of this.parts) {
      if (start >= off && end <= off + p.length) return p.subarray(start - off, end - off);
      if (start < off + p.length) break;
      off += p.length;
    }
    return this.data.subarray(start, end);
  }
  /** Adds a copy of `b` at the end (a view of the VM's memory or a caller's buffer may change later). */
  append(b: Uint8Array): void {
    if (b.length === 0) return;
    this.parts.push(Buffer.from(b));
    this.len += b.length;
  }
  take(): Buffer { const d = this.data; this.parts = []; this.len = 0; return d; }
  /**
   * Envoy source/extensions/common/wasm/context.cc Buffer::copyFrom: start 0 drains `length` bytes from the
   * front (all of them if length ≥ size) and prepends the data, so (0, 0) prepends and (0, ≥ size) replaces;
   * start ≥ size appends; anything else is BadArgument.
   */
  copyFrom(start: number, length: number, bytes: Uint8Array): "ok" | "bad" {
    if (!this.mutable) return "bad";
    if (start === 0) {
      this.drain(length);
      if (bytes.length) { this.parts.unshift(Buffer.from(bytes)); this.len += bytes.length; }
      return "ok";
    }
    if (start >= this.len) { this.append(bytes); return "ok"; }
    return "bad";
  }
  private drain(n: number): void {
    while (n > 0 && this.parts.length) {
      const p = this.parts[0];
      if (p.length <= n) { this.parts.shift(); n -= p.length; this.len -= p.length; }
      else { this.parts[0] = p.subarray(n); this.len -= n; n = 0; }
    }
  }
}
