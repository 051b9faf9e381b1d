// Shared data and shared queues, keyed by vm_id, visible to every VM of that vm_id in one host
// (proxy-wasm-cpp-host src/shared_data.cc, src/shared_queue.cc; Envoy keeps them process-wide).
import { WasmResult } from "./abi.ts";

export class SharedData {
  private data = new Map<string, Map<string, { value: Buffer; cas: number }>>();
  private cas = 0;
  private nextCas(): number {
    // cpp-host nextCas(): increments and skips 0 (0 means "no CAS check").
    this.cas = (this.cas + 1) >>> 0;
    if (this.cas === 0) this.cas = 1;
    return this.cas;
  }
  get(vmId: string, key: string): { value: Buffer; cas: number } | null {
    return this.data.get(vmId)?.get(key) ?? null;
  }
  set(vmId: string, key: string, value: Uint8Array, cas: number): number {
    let m = this.data.get(vmId);
    if (!m) { m = new Map(); this.data.set(vmId, m); }
    const cur = m.get(key);
    if (cur && cas !== 0 && cas !== cur.cas) return WasmResult.CasMismatch;
    m.set(key, { value: Buffer.from(value), cas: this.nextCas() });
    return WasmResult.Ok;
  }
  keys(vmId: string): string[] { return [...(this.data.get(vmId)?.keys() ?? [])]; }
}

export interface QueueOwner { deliver(token: number): void }

export class SharedQueues {
  private tokens = new Map<string, number>();
  private queues = new Map<number, { vmId: string; name: string; items: Buffer[]; owner: QueueOwner }>();
  private next = 0;
  register(vmId: string, name: string, owner: QueueOwner): number {
    const key = `${vmId}\0${name}`;
    let token = this.tokens.get(key);
    if (token === undefined) {
      this.next = (this.next + 1) >>> 0 || 1;
      token = this.next;
      this.tokens.set(key, token);
      this.queues.set(token, { vmId, name, items: [], owner });
    } else {
      this.queues.get(token)!.owner = owner; // the latest registrant receives on_queue_ready
    }
    return token;
  }
  resolve(vmId: string, name: string): number { return this.tokens.get(`${vmId}\0${name}`) ?? 0; }
  dequeue(token: number): { result: number; data?: Buffer } {
    const q = this.queues.get(token);
    if (!q) return { result: WasmResult.NotFound };
    const d = q.items.shift();
    if (d === undefined) return { result: WasmResult.Empty };
    return { result: WasmResult.Ok, data: d };
  }
  enqueue(token: number, data: Uint8Array): number {
    const q = this.queues.get(token);
    if (!q) return WasmResult.NotFound;
    q.items.push(Buffer.from(data));
    q.owner.deliver(token);
    return WasmResult.Ok;
  }
}
