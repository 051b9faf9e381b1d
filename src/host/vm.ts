// One proxy-wasm VM: a V8 WebAssembly instance of the filter plus the env.proxy_* and WASI host functions,
// implemented with Envoy's semantics and return codes. Sources cited inline: proxy-wasm-cpp-host
// src/exports.cc (argument checks, return codes), src/wasm.cc (start, malloc lookup), src/context.cc
// (callback wrappers); Envoy source/extensions/common/wasm/context.cc (maps, buffers, metrics, properties).
import { randomFillSync } from "node:crypto";
import {
  type AbiVersion, BUFFER_TYPE_MAX, LIMITS, LogLevel, MAP_TYPE_MAX, MetricType, STREAM_TYPE_MAX, WasmResult,
  envoyImportTable, marshalPairs, unmarshalPairs, type HeaderPairs, type LogLevelName, LOG_LEVEL_NAMES,
} from "./abi.ts";
import { BodyBuffer, HeaderMap } from "./headers.ts";
import { type Stat, StatsStore, type StatType } from "./stats.ts";
import type { SharedData, SharedQueues } from "./shared.ts";
import { checkModule, parseModule, type ModuleInfo } from "./wasm-binary.ts";

/** Thrown when a module cannot be loaded (Envoy: the VM fails to initialize; the message names the cause). */
export class WasmLoadError extends Error {}
/** Internal: a wasm trap or host-side failure while a callback ran. */
export class WasmTrap extends Error {}

export interface LogEntry { level: LogLevelName; message: string; vm: number; contextId: number }

/** What a VM needs from the plugin that owns it. */
export interface VmServices {
  readonly vmId: string;
  readonly logLevel: number;
  readonly stats: StatsStore;
  readonly sharedData: SharedData;
  readonly sharedQueues: SharedQueues;
  readonly vmConfiguration: Buffer;
  readonly pluginConfiguration: Buffer;
  readonly env: Record<string, string>;
  log(entry: LogEntry): void;
  now(): bigint; // ns since epoch
  monotonic(): bigint;
  setTickPeriod(vm: WasmVm, rootId: number, ms: number): void;
  httpCall(vm: WasmVm, root: Context, cluster: string, headers: HeaderPairs, body: Buffer, trailers: HeaderPairs, timeoutMs: number): { result: number; token: number };
  property(ctx: Context, path: string[]): Buffer | undefined;
  queueReady(vm: WasmVm, rootId: number, token: number): void;
}

/** Base context: the VM context (id 0) and root contexts use it directly; HTTP streams extend it. */
export class Context {
  inVmCreated = false;
  constructor(public readonly vm: WasmVm, public readonly id: number, public readonly root: Context | null) {}
  get rootContext(): Context { return this.root ?? this; }
  get isStream(): boolean { return this.root !== null; }
  /** Buffers visible to this context. Root contexts see the configurations and http call responses. */
  buffer(type: number): BodyBuffer | null {
    if (type === 6) return new BodyBuffer(this.vm.services.vmConfiguration, false);
    if (type === 7) return this.vm.inConfigure ? new BodyBuffer(this.vm.services.pluginConfiguration, false) : null;
    if (type === 4) return this.vm.httpCallResponse ? new BodyBuffer(this.vm.httpCallResponse.body, false) : null;
    if (type === 8) return this.vm.foreignArgs ? new BodyBuffer(this.vm.foreignArgs, false) : null;
    return null;
  }
  /** A header map, or "unavailable" (BadArgument) / "log" (read-only, NotFound when absent). */
  headerMap(type: number, _write: boolean): HeaderMap | "unavailable" {
    if (type === 6 && this.vm.httpCallResponse) return this.vm.httpCallResponse.headers;
    if (type === 7 && this.vm.httpCallResponse) return this.vm.httpCallResponse.trailers;
    return "unavailable";
  }
  get inLogPhase(): boolean { return false; }
  setProperty(_key: string, _value: Buffer): number { return WasmResult.NotFound; }
  sendLocalResponse(_code: number, _details: string, _body: Buffer, _headers: HeaderPairs, _grpc: number): number { return WasmResult.BadArgument; }
  continueStream(_type: number): number { return WasmResult.BadArgument; }
  closeStream(_type: number): number { return WasmResult.BadArgument; }
}

interface Exports {
  memory: WebAssembly.Memory;
  [name: string]: unknown;
}
type Fn = (...a: Array<number | bigint>) => number | bigint | undefined;

const td = new TextDecoder("latin1");

/** Benchmarks only (bench/driver.ts): when `on`, time spent inside host functions called by the filter is
 *  summed here, so the filter's own (Wasm) time can be told apart from this host's JavaScript. */
export const hostCallClock = { on: false, ms: 0, calls: 0 };

export class WasmVm {
  readonly info: ModuleInfo;
  readonly abi: AbiVersion;
  instance!: WebAssembly.Instance;
  exports!: Exports;
  failed = false;
  failMessage = "";
  readonly contexts = new Map<number, Context>();
  private nextContextId = 1; // 0 is the VM context (cpp-host WasmBase)
  readonly vmContext: Context;
  private current: Context;
  private effectiveId = 0;
  private nextIterationStopped = false;
  private afterCall: Array<() => void> = [];
  inConfigure = false;
  /** The last 1000 exports called, as "name(args)", for lifecycle assertions. */
  readonly trace: string[] = [];
  httpCallResponse: { headers: HeaderMap; body: Buffer; trailers: HeaderMap } | null = null;
  foreignArgs: Buffer | null = null;
  /** Status reported by proxy_get_status: set when a callout completes (Ok) or fails (BrokenConnection, "reset"). */
  status = { code: 0, message: "" };
  private metricIds = new Map<number, Stat>();
  private nextMetric: Record<StatType, number> = { counter: MetricType.Counter, gauge: MetricType.Gauge, histogram: MetricType.Histogram };
  private restricted = false;
  private memory!: WebAssembly.Memory;

  constructor(module: WebAssembly.Module, bytes: Uint8Array, public readonly services: VmServices, public readonly index: number) {
    this.info = parseModule(bytes);
    const { abi, problems } = checkModule(this.info);
    if (problems.length > 0) throw new WasmLoadError(problems[0].message);
    this.abi = abi!;
    this.vmContext = new Context(this, 0, null);
    this.current = this.vmContext;
    const imports = this.buildImports();
    try {
      this.instance = new WebAssembly.Instance(module, imports); // runs the start section (AssemblyScript top level)
    } catch (e) {
      throw new WasmLoadError(`Failed to create new Wasm instance: ${(e as Error).message}`);
    }
    this.exports = this.instance.exports as unknown as Exports;
    if (this.exports.memory instanceof WebAssembly.Memory) this.memory = this.exports.memory;
    if (!this.memory) throw new WasmLoadError("Wasm module does not export or import memory");
  }

  // ---------- calling into the module ----------
  has(name: string): boolean { return typeof this.exports[name] === "function"; }

  /**
   * Calls an export the way cpp-host does: sets the current context, catches a trap (→ VM failed, logged
   * at critical as "Function: <name> failed: ..."), then runs the deferred after-call actions.
   */
  call(name: string, ctx: Context, ...args: Array<number | bigint>): number | bigint | undefined {
    if (this.failed) return undefined;
    const f = this.exports[name] as Fn | undefined;
    if (typeof f !== "function") return undefined;
    if (this.trace.length >= 1000) this.trace.shift();
    this.trace.push(`${name}(${args.join(",")})`);
    const saved = this.current, savedEff = this.effectiveId;
    this.current = ctx;
    this.effectiveId = 0;
    let r: number | bigint | undefined;
    try {
      r = f(...args);
    } catch (e) {
      if (process.env.MICROWAF_HOST_TRACE) console.error(`trap in ${name}:`, e instanceof Error ? e.stack : e);
      this.fail(`Function: ${name} failed: ${e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e)}`);
      r = undefined;
    } finally {
      this.current = saved;
      this.effectiveId = savedEff;
    }
    // Envoy runs V8 with --wasm_max_mem_pages=16384: memory beyond 1 GiB cannot exist there.
    if (!this.failed && this.memory.buffer.byteLength > LIMITS.maxMemoryBytes) {
      this.fail(`Function: ${name} failed: linear memory above Envoy's 1 GiB limit (${this.memory.buffer.byteLength} bytes)`);
    }
    return r;
  }

  /** Runs a VM callback with DeferAfterCallActions semantics; returns its result and whether it asked to stop. */
  callDeferred(name: string, ctx: Context, ...args: Array<number | bigint>): { result: number | undefined; stopped: boolean } {
    const r = this.call(name, ctx, ...args);
    const stopped = this.nextIterationStopped;
    this.nextIterationStopped = false;
    this.runAfterCallActions();
    return { result: r === undefined ? undefined : Number(r) >>> 0, stopped };
  }
  private runAfterCallActions(): void {
    while (this.afterCall.length) this.afterCall.shift()!();
  }
  addAfterCallAction(f: () => void): void { this.afterCall.push(f); }

  fail(message: string): void {
    if (!this.failed) {
      this.failed = true;
      this.failMessage = message;
      this.services.log({ level: "critical", message, vm: this.index, contextId: this.current.id });
    }
  }

  /** _initialize (+ main or __main_void) or _start, under restricted callbacks (cpp-host WasmBase::startVm). */
  start(): void {
    this.restricted = true;
    try {
      if (this.has("_initialize")) {
        this.call("_initialize", this.vmContext);
        if (this.has("main")) this.call("main", this.vmContext, 0, 0);
        else if (this.has("__main_void")) this.call("__main_void", this.vmContext);
      } else if (this.has("_start")) this.call("_start", this.vmContext);
    } finally { this.restricted = false; }
  }

  newContextId(): number { return this.nextContextId++; }
  register(ctx: Context): void { this.contexts.set(ctx.id, ctx); }
  unregister(ctx: Context): void { this.contexts.delete(ctx.id); }

  // ---------- memory helpers ----------
  private mem(): Buffer { return Buffer.from(this.memory.buffer); }
  getMemory(ptr: number, size: number): Buffer | null {
    ptr >>>= 0; size >>>= 0;
    const m = this.memory.buffer;
    if (ptr + size > m.byteLength) return null;
    return Buffer.from(m, ptr, size);
  }
  /** A view of linear memory, made again only when memory grew (growing replaces the ArrayBuffer). */
  private dv: DataView | null = null;
  private view(): DataView {
    const b = this.memory.buffer;
    let dv = this.dv;
    if (dv === null || dv.buffer !== b) { dv = new DataView(b); this.dv = dv; }
    return dv;
  }
  private setU32(ptr: number, v: number): boolean {
    ptr >>>= 0;
    const dv = this.view();
    if (ptr + 4 > dv.byteLength) return false;
    dv.setUint32(ptr, v >>> 0, true);
    return true;
  }
  private setU64(ptr: number, v: bigint): boolean {
    ptr >>>= 0;
    const dv = this.view();
    if (ptr + 8 > dv.byteLength) return false;
    dv.setBigUint64(ptr, BigInt.asUintN(64, v), true);
    return true;
  }
  /** allocMemory: malloc first, else proxy_on_memory_allocate (cpp-host getFunctions). */
  alloc(size: number): number | null {
    const name = this.has("malloc") ? "malloc" : "proxy_on_memory_allocate";
    const f = this.exports[name] as Fn;
    let p: number;
    try { p = Number(f(size)) >>> 0; } catch (e) { throw new WasmTrap(`Function: ${name} failed: ${(e as Error).message}`); }
    if (p === 0 || p + size > this.memory.buffer.byteLength) return null;
    return p;
  }
  /** copyToPointerSize: an empty value writes ptr=0,size=0 without calling malloc. */
  private copyOut(data: Uint8Array, ptrPtr: number, sizePtr: number): boolean {
    let p = 0;
    if (data.length > 0) {
      const a = this.alloc(data.length);
      if (a === null) return false;
      p = a;
      new Uint8Array(this.memory.buffer, p, data.length).set(data);
    }
    return this.setU32(ptrPtr, p) && this.setU32(sizePtr, data.length);
  }
  readString(ptr: number, size: number): string | null { const b = this.getMemory(ptr, size); return b ? td.decode(b) : null; }

  /** The context host calls act on (cpp-host contextOrEffectiveContext). */
  private ctx(): Context {
    if (this.effectiveId !== 0) { const c = this.contexts.get(this.effectiveId); if (c) return c; }
    return this.current;
  }
  stopNextIteration(): void { this.nextIterationStopped = true; }

  // ---------- metrics (Envoy context.cc defineMetric/incrementMetric/recordMetric/getMetric) ----------
  defineMetric(type: number, name: string): { result: number; id?: number } {
    if (type > MetricType.Histogram) return { result: WasmResult.BadArgument };
    const t: StatType = (["counter", "gauge", "histogram"] as const)[type];
    const id = (this.nextMetric[t] += 4);
    this.metricIds.set(id, this.services.stats.get(`wasmcustom.${name}`, t));
    return { result: WasmResult.Ok, id };
  }
  private metric(id: number): Stat | undefined {
    const s = this.metricIds.get(id);
    return s && (["counter", "gauge", "histogram"] as const)[id & 3] === s.type ? s : undefined;
  }

  // ---------- imports ----------
  private buildImports(): WebAssembly.Imports {
    const table = envoyImportTable(this.abi);
    const impls = this.hostFunctions();
    const mods: Record<string, Record<string, unknown>> = {};
    for (const key of table.keys()) {
      const dot = key.indexOf(".");
      const mod = key.slice(0, dot), name = key.slice(dot + 1);
      const fname = mod === "env" ? name : `wasi.${name}`;
      let impl = impls[fname];
      if (!impl) continue;
      const full = key;
      const raw = impl;
      impl = (...a: Array<number | bigint>) => {
        if (this.restricted && !RESTRICTED_OK.has(full.replace(/^wasi_snapshot_preview1\./, "wasi_unstable."))) {
          throw new WasmTrap(`restricted_callback: ${full} is not allowed during _initialize/_start`);
        }
        if (!hostCallClock.on) return raw(...a);
        const t = performance.now();
        try { return raw(...a); } finally { hostCallClock.ms += performance.now() - t; hostCallClock.calls++; }
      };
      (mods[mod] ??= {})[name] = impl;
    }
    // A module that imports its memory gets one (v8.cc MEMORY import case).
    for (const imp of this.info.imports) {
      if (imp.kind === "memory") {
        this.memory = new WebAssembly.Memory({ initial: 1, maximum: LIMITS.maxMemoryBytes / 65536 });
        (mods[imp.module] ??= {})[imp.name] = this.memory;
      }
    }
    return mods as WebAssembly.Imports;
  }

  private hostFunctions(): Record<string, Fn> {
    const R = WasmResult;
    const str = (p: number, n: number) => this.getMemory(p, n);
    const s = this.services;
    const L: Record<string, Fn> = {};
    const u32 = (x: number | bigint) => Number(x) >>> 0;

    L.proxy_log = (level, p, n) => {
      const msg = str(u32(p), u32(n));
      if (!msg) return R.InvalidMemoryAccess;
      const lv = u32(level);
      if (lv > LogLevel.critical) return R.BadArgument;
      // Envoy prints the bytes as they are; filters log UTF-8.
      if (lv >= s.logLevel) s.log({ level: LOG_LEVEL_NAMES[lv], message: Buffer.from(msg).toString("utf8"), vm: this.index, contextId: this.ctx().id });
      return R.Ok;
    };
    L.proxy_get_log_level = (p) => (this.setU32(u32(p), s.logLevel) ? R.Ok : R.InvalidMemoryAccess);
    L.proxy_get_status = (codePtr, pp, sp) => {
      // The root context's status of the last callout (Envoy onHttpCallSuccess/onHttpCallFailure).
      if (!this.setU32(u32(codePtr), this.status.code)) return R.InvalidMemoryAccess;
      return this.copyOut(Buffer.from(this.status.message), u32(pp), u32(sp)) ? R.Ok : R.InvalidMemoryAccess;
    };
    L.proxy_set_property = (kp, ks, vp, vs) => {
      const k = str(u32(kp), u32(ks)), v = str(u32(vp), u32(vs));
      if (!k || !v) return R.InvalidMemoryAccess;
      return this.ctx().setProperty(td.decode(k), Buffer.from(v));
    };
    L.proxy_get_property = (pp, ps, vpp, vsp) => {
      const path = str(u32(pp), u32(ps));
      if (!path) return R.InvalidMemoryAccess;
      let segs = td.decode(path).split("\0");
      if (segs.length > 1 && segs[segs.length - 1] === "") segs = segs.slice(0, -1);
      const v = s.property(this.ctx(), segs);
      if (v === undefined) return R.NotFound;
      return this.copyOut(v, u32(vpp), u32(vsp)) ? R.Ok : R.InvalidMemoryAccess;
    };
    L.proxy_continue_stream = (t) => (u32(t) > STREAM_TYPE_MAX ? R.BadArgument : this.ctx().continueStream(u32(t)));
    L.proxy_close_stream = (t) => (u32(t) > STREAM_TYPE_MAX ? R.BadArgument : this.ctx().closeStream(u32(t)));
    L.proxy_continue_request = () => this.ctx().continueStream(0);
    L.proxy_continue_response = () => this.ctx().continueStream(1);
    L.proxy_clear_route_cache = () => R.Ok;
    L.proxy_get_configuration = (pp, sp) => (this.copyOut(s.pluginConfiguration, u32(pp), u32(sp)) ? R.Ok : R.InvalidMemoryAccess);
    L.proxy_send_local_response = (code, dp, ds, bp, bs, hp, hs, grpc) => {
      const d = str(u32(dp), u32(ds)), b = str(u32(bp), u32(bs)), h = str(u32(hp), u32(hs));
      if (!d || !b || !h) return R.InvalidMemoryAccess;
      const pairs = unmarshalPairs(h) ?? [];
      const r = this.ctx().sendLocalResponse(u32(code), td.decode(d), Buffer.from(b), pairs, Number(grpc) | 0);
      this.stopNextIteration(); // exports.cc: stopNextIteration(true) after send_local_response
      return r;
    };
    L.proxy_set_effective_context = (id) => {
      const c = this.contexts.get(u32(id));
      if (!c) return R.BadArgument;
      this.effectiveId = u32(id);
      return R.Ok;
    };
    L.proxy_done = () => {
      const c = this.ctx().rootContext;
      if (!this.pendingDone.has(c.id)) return R.NotFound;
      this.pendingDone.delete(c.id);
      this.addAfterCallAction(() => { this.call("proxy_on_delete", c, c.id); this.unregister(c); });
      return R.Ok;
    };
    L.proxy_call_foreign_function = (np, ns, ap, as) => {
      if (!str(u32(np), u32(ns)) || !str(u32(ap), u32(as))) return R.InvalidMemoryAccess;
      return R.NotFound; // no foreign functions are registered in this host
    };
    // shared data (exports.cc get/set_shared_data; cpp-host shared_data.cc)
    L.proxy_get_shared_data = (kp, ks, vpp, vsp, casp) => {
      const k = str(u32(kp), u32(ks));
      if (!k) return R.InvalidMemoryAccess;
      const e = s.sharedData.get(s.vmId, td.decode(k));
      if (!e) return R.NotFound;
      if (!this.copyOut(e.value, u32(vpp), u32(vsp))) return R.InvalidMemoryAccess;
      return this.setU32(u32(casp), e.cas) ? R.Ok : R.InvalidMemoryAccess;
    };
    L.proxy_set_shared_data = (kp, ks, vp, vs, cas) => {
      const k = str(u32(kp), u32(ks)), v = str(u32(vp), u32(vs));
      if (!k || !v) return R.InvalidMemoryAccess;
      return s.sharedData.set(s.vmId, td.decode(k), v, u32(cas));
    };
    L.proxy_register_shared_queue = (np, ns, tp) => {
      const n = str(u32(np), u32(ns));
      if (!n) return R.InvalidMemoryAccess;
      const rootId = this.ctx().rootContext.id;
      const token = s.sharedQueues.register(s.vmId, td.decode(n), { deliver: (t) => s.queueReady(this, rootId, t) });
      return this.setU32(u32(tp), token) ? R.Ok : R.InvalidMemoryAccess;
    };
    L.proxy_resolve_shared_queue = (vp, vs, np, ns, tp) => {
      const v = str(u32(vp), u32(vs)), n = str(u32(np), u32(ns));
      if (!v || !n) return R.InvalidMemoryAccess;
      const token = s.sharedQueues.resolve(td.decode(v), td.decode(n));
      if (!token) return R.NotFound;
      return this.setU32(u32(tp), token) ? R.Ok : R.InvalidMemoryAccess;
    };
    L.proxy_dequeue_shared_queue = (token, pp, sp) => {
      const r = s.sharedQueues.dequeue(u32(token));
      if (r.result !== R.Ok) return r.result;
      return this.copyOut(r.data!, u32(pp), u32(sp)) ? R.Ok : R.InvalidMemoryAccess;
    };
    L.proxy_enqueue_shared_queue = (token, p, n) => {
      const d = str(u32(p), u32(n));
      if (!d) return R.InvalidMemoryAccess;
      return s.sharedQueues.enqueue(u32(token), d);
    };
    // header maps (exports.cc: type > MAX → BadArgument before anything else)
    const mapFor = (type: number, write: boolean): HeaderMap | number => {
      const c = this.ctx();
      const m = c.headerMap(type, write);
      // Envoy getConstMap/getMap: an absent map is BadArgument, except reads in the access-log phase (NotFound).
      if (m === "unavailable") return c.inLogPhase && !write ? R.NotFound : R.BadArgument;
      return m;
    };
    L.proxy_add_header_map_value = (t, kp, ks, vp, vs) => {
      if (u32(t) > MAP_TYPE_MAX) return R.BadArgument;
      const k = str(u32(kp), u32(ks)), v = str(u32(vp), u32(vs));
      if (!k || !v) return R.InvalidMemoryAccess;
      const m = mapFor(u32(t), true); if (typeof m === "number") return m;
      m.add(td.decode(k), td.decode(v));
      return R.Ok;
    };
    L.proxy_get_header_map_value = (t, kp, ks, vpp, vsp) => {
      if (u32(t) > MAP_TYPE_MAX) return R.BadArgument;
      const k = str(u32(kp), u32(ks));
      if (!k) return R.InvalidMemoryAccess;
      const m = mapFor(u32(t), false); if (typeof m === "number") return m;
      const v = m.get(td.decode(k));
      if (v === undefined) return R.NotFound;
      return this.copyOut(Buffer.from(v, "latin1"), u32(vpp), u32(vsp)) ? R.Ok : R.InvalidMemoryAccess;
    };
    L.proxy_replace_header_map_value = (t, kp, ks, vp, vs) => {
      if (u32(t) > MAP_TYPE_MAX) return R.BadArgument;
      const k = str(u32(kp), u32(ks)), v = str(u32(vp), u32(vs));
      if (!k || !v) return R.InvalidMemoryAccess;
      const m = mapFor(u32(t), true); if (typeof m === "number") return m;
      m.set(td.decode(k), td.decode(v));
      return R.Ok;
    };
    L.proxy_remove_header_map_value = (t, kp, ks) => {
      if (u32(t) > MAP_TYPE_MAX) return R.BadArgument;
      const k = str(u32(kp), u32(ks));
      if (!k) return R.InvalidMemoryAccess;
      const m = mapFor(u32(t), true); if (typeof m === "number") return m;
      m.remove(td.decode(k));
      return R.Ok;
    };
    L.proxy_get_header_map_pairs = (t, pp, sp) => {
      if (u32(t) > MAP_TYPE_MAX) return R.BadArgument;
      const m = mapFor(u32(t), false); if (typeof m === "number") return m;
      const data = m.size === 0 ? Buffer.alloc(0) : marshalPairs(m.pairs());
      return this.copyOut(data, u32(pp), u32(sp)) ? R.Ok : R.InvalidMemoryAccess;
    };
    L.proxy_set_header_map_pairs = (t, p, n) => {
      if (u32(t) > MAP_TYPE_MAX) return R.BadArgument;
      const d = str(u32(p), u32(n));
      if (!d) return R.InvalidMemoryAccess;
      const m = mapFor(u32(t), true); if (typeof m === "number") return m;
      m.setPairs(unmarshalPairs(d) ?? []);
      return R.Ok;
    };
    L.proxy_get_header_map_size = (t, rp) => {
      if (u32(t) > MAP_TYPE_MAX) return R.BadArgument;
      const m = mapFor(u32(t), false); if (typeof m === "number") return m;
      return this.setU32(u32(rp), m.byteSize()) ? R.Ok : R.InvalidMemoryAccess;
    };
    // buffers (exports.cc get_buffer_bytes / get_buffer_status / set_buffer_bytes)
    L.proxy_get_buffer_bytes = (t, start, length, pp, sp) => {
      if (u32(t) > BUFFER_TYPE_MAX) return R.BadArgument;
      const b = this.ctx().buffer(u32(t));
      if (!b) return R.NotFound;
      const st = u32(start); let len = u32(length);
      if (st + len > 0xffffffff) return R.BadArgument; // start > start + length (u32 overflow)
      if (st > b.length) len = 0; else if (st + len > b.length) len = b.length - st;
      if (len === 0) return this.setU32(u32(pp), 0) && this.setU32(u32(sp), 0) ? R.Ok : R.InvalidMemoryAccess;
      return this.copyOut(b.range(st, st + len), u32(pp), u32(sp)) ? R.Ok : R.InvalidMemoryAccess;
    };
    L.proxy_get_buffer_status = (t, lp, fp) => {
      if (u32(t) > BUFFER_TYPE_MAX) return R.BadArgument;
      const b = this.ctx().buffer(u32(t));
      if (!b) return R.NotFound;
      return this.setU32(u32(lp), b.length) && this.setU32(u32(fp), 0) ? R.Ok : R.InvalidMemoryAccess;
    };
    L.proxy_set_buffer_bytes = (t, start, length, p, n) => {
      if (u32(t) > BUFFER_TYPE_MAX) return R.BadArgument;
      const b = this.ctx().buffer(u32(t));
      if (!b) return R.NotFound;
      const d = str(u32(p), u32(n));
      if (!d) return R.InvalidMemoryAccess;
      return b.copyFrom(u32(start), u32(length), d) === "ok" ? R.Ok : R.BadArgument;
    };
    // http / grpc callouts (on the root context, exports.cc http_call)
    L.proxy_http_call = (up, us, hp, hs, bp, bs, tp, ts, timeout, tokp) => {
      const root = this.ctx().rootContext;
      const u = str(u32(up), u32(us)), b = str(u32(bp), u32(bs)), h = str(u32(hp), u32(hs)), tr = str(u32(tp), u32(ts));
      if (!u || !b || !h || !tr) return R.InvalidMemoryAccess;
      if (!this.setU32(u32(tokp), 0)) return R.InvalidMemoryAccess;
      const r = s.httpCall(this, root, td.decode(u), unmarshalPairs(h) ?? [], Buffer.from(b), unmarshalPairs(tr) ?? [], u32(timeout));
      this.setU32(u32(tokp), r.token);
      return r.result;
    };
    L.proxy_grpc_call = () => R.Unimplemented;
    L.proxy_grpc_stream = () => R.Unimplemented;
    L.proxy_grpc_send = () => R.NotFound;
    L.proxy_grpc_close = () => R.NotFound;
    L.proxy_grpc_cancel = () => R.NotFound;
    // timers and time
    L.proxy_set_tick_period_milliseconds = (ms) => { s.setTickPeriod(this, this.ctx().rootContext.id, u32(ms)); return R.Ok; };
    L.proxy_get_current_time_nanoseconds = (p) => (this.setU64(u32(p), s.now()) ? R.Ok : R.InvalidMemoryAccess);
    // metrics
    L.proxy_define_metric = (type, np, ns, idp) => {
      const n = str(u32(np), u32(ns));
      if (!n) return R.InvalidMemoryAccess;
      const r = this.defineMetric(u32(type), td.decode(n));
      if (r.result !== R.Ok) return r.result;
      return this.setU32(u32(idp), r.id!) ? R.Ok : R.InvalidMemoryAccess;
    };
    L.proxy_increment_metric = (id, off) => {
      const m = this.metric(u32(id));
      if (!m) return R.NotFound;
      const o = BigInt.asIntN(64, BigInt(off));
      if (m.type === "counter") { if (o <= 0n) return R.BadArgument; StatsStore.add(m, o); return R.Ok; }
      if (m.type === "gauge") { if (o > 0n) StatsStore.add(m, o); else StatsStore.sub(m, -o); return R.Ok; }
      return R.BadArgument;
    };
    L.proxy_record_metric = (id, v) => {
      const m = this.metric(u32(id));
      if (!m) return R.NotFound;
      const val = BigInt.asUintN(64, BigInt(v));
      if (m.type === "counter") StatsStore.add(m, val);
      else if (m.type === "gauge") m.value = val;
      else m.record(Number(val));
      return R.Ok;
    };
    L.proxy_get_metric = (id, p) => {
      const m = this.metric(u32(id));
      if (!m) return R.NotFound;
      if (m.type === "histogram") return R.BadArgument;
      return this.setU64(u32(p), m.value) ? R.Ok : R.InvalidMemoryAccess;
    };
    L.pthread_equal = (a, b) => (u32(a) === u32(b) ? 1 : 0);
    L.emscripten_notify_memory_growth = () => undefined;

    // ---- WASI (exports.cc wasi_unstable_*) ----
    const ok = () => 0;
    const badfUnlessStd = (fd: number | bigint) => (u32(fd) === 1 || u32(fd) === 2 ? 0 : 8);
    const writev = (fd: number, iovs: number, n: number): { errno: number; written: number } => {
      let level: LogLevelName;
      if (fd === 1) level = "info"; else if (fd === 2) level = "error"; else return { errno: 8, written: 0 };
      const parts: Buffer[] = [];
      for (let i = 0; i < n; i++) {
        const iov = this.getMemory(iovs + i * 8, 8);
        if (!iov) return { errno: 21, written: 0 };
        const bp = iov.readUInt32LE(0), bl = iov.readUInt32LE(4);
        if (bl !== 0) { const b = this.getMemory(bp, bl); if (!b) return { errno: 21, written: 0 }; parts.push(Buffer.from(b)); }
      }
      let text = Buffer.concat(parts).toString("utf8");
      const written = parts.reduce((a, b) => a + b.length, 0);
      if (written !== 0) {
        if (text.endsWith("\n")) text = text.slice(0, -1);
        if (LogLevel[level] >= s.logLevel) s.log({ level, message: text, vm: this.index, contextId: this.ctx().id });
      }
      return { errno: 0, written };
    };
    L["wasi.fd_write"] = (fd, iovs, n, np) => {
      const r = writev(u32(fd), u32(iovs), u32(n));
      if (r.errno) return r.errno;
      return this.setU32(u32(np), r.written) ? 0 : 21;
    };
    L["wasi.fd_pwrite"] = (fd, iovs, n, _off, np) => {
      if (badfUnlessStd(fd)) return 8;
      const r = writev(u32(fd), u32(iovs), u32(n));
      if (r.errno) return r.errno;
      return this.setU32(u32(np), r.written) ? 0 : 21;
    };
    L["wasi.fd_read"] = () => 52;
    L["wasi.fd_seek"] = ok;
    L["wasi.fd_close"] = ok;
    L["wasi.fd_fdstat_get"] = (fd, out) => {
      if (badfUnlessStd(fd)) return 8;
      const b = Buffer.alloc(24); b.writeBigUInt64LE(64n, 8);
      const m = this.getMemory(u32(out), 24); if (m) m.set(b);
      return 0;
    };
    L["wasi.fd_fdstat_set_flags"] = () => 52;
    L["wasi.fd_fdstat_set_rights"] = badfUnlessStd;
    L["wasi.environ_sizes_get"] = (cp, sp) => {
      const env = Object.entries(s.env);
      if (!this.setU32(u32(cp), env.length)) return 21;
      const size = env.reduce((a, [k, v]) => a + Buffer.byteLength(k) + Buffer.byteLength(v) + 2, 0);
      return this.setU32(u32(sp), size) ? 0 : 21;
    };
    L["wasi.environ_get"] = (ap, bp) => {
      let a = u32(ap), b = u32(bp);
      for (const [k, v] of Object.entries(s.env)) {
        if (!this.setU32(a, b)) return 21;
        const d = Buffer.from(`${k}=${v}\0`);
        const m = this.getMemory(b, d.length); if (!m) return 21;
        m.set(d); b += d.length; a += 4;
      }
      return 0;
    };
    L["wasi.args_get"] = ok;
    L["wasi.args_sizes_get"] = (a, b) => (this.setU32(u32(a), 0) && this.setU32(u32(b), 0) ? 0 : 21);
    L["wasi.clock_time_get"] = (id, _prec, p) => {
      const c = u32(id);
      if (c > 1) return 58;
      return this.setU64(u32(p), c === 0 ? s.now() : s.monotonic()) ? 0 : 21;
    };
    L["wasi.clock_res_get"] = (id, p) => (u32(id) > 1 ? 58 : this.setU64(u32(p), 1n) ? 0 : 21);
    L["wasi.fd_advise"] = ok;
    L["wasi.fd_allocate"] = badfUnlessStd;
    L["wasi.fd_datasync"] = badfUnlessStd;
    L["wasi.fd_filestat_set_size"] = badfUnlessStd;
    L["wasi.fd_filestat_set_times"] = badfUnlessStd;
    L["wasi.fd_pread"] = () => 52;
    L["wasi.fd_readdir"] = (_fd, _b, _l, _c, np) => (this.setU32(u32(np), 0) ? 20 : 21);
    L["wasi.fd_renumber"] = (fd, to) => (badfUnlessStd(fd) || badfUnlessStd(to) ? 8 : 58);
    L["wasi.fd_sync"] = badfUnlessStd;
    L["wasi.fd_tell"] = (fd, p) => (badfUnlessStd(fd) ? 8 : this.setU64(u32(p), 0n) ? 0 : 21);
    for (const n of ["path_create_directory", "path_filestat_set_times", "path_link", "path_remove_directory", "path_rename", "path_symlink", "path_unlink_file", "sock_shutdown"]) L[`wasi.${n}`] = () => 58;
    L["wasi.path_readlink"] = (_a, _b, _c, _d, _e, rp) => (this.setU32(u32(rp), 0) ? 58 : 21);
    L["wasi.sock_accept"] = (_a, _b, rp) => (this.setU32(u32(rp), 0) ? 58 : 21);
    L["wasi.sock_recv"] = (_a, _b, _c, _d, r0) => (this.setU32(u32(r0), 0) ? 58 : 21);
    L["wasi.sock_send"] = (_a, _b, _c, _d, r0) => (this.setU32(u32(r0), 0) ? 58 : 21);
    L["wasi.random_get"] = (p, n) => {
      const len = u32(n);
      if (len > LIMITS.randomGetMaxBytes) return 28;
      if (len === 0) return 0;
      const m = this.getMemory(u32(p), len); if (!m) return 21;
      randomFillSync(m);
      return 0;
    };
    L["wasi.sched_yield"] = ok;
    L["wasi.poll_oneoff"] = (_i, _o, _n, np) => (this.setU32(u32(np), 0) ? 0 : 21);
    L["wasi.proc_exit"] = () => {
      // Envoy only logs (Context::error at trace); the module's `unreachable` after it traps.
      if (s.logLevel <= LogLevel.trace) s.log({ level: "trace", message: "wasi_unstable proc_exit", vm: this.index, contextId: this.ctx().id });
      return undefined;
    };
    L["wasi.path_open"] = () => 44;
    L["wasi.fd_prestat_get"] = () => 8;
    L["wasi.fd_prestat_dir_name"] = () => 52;
    L["wasi.path_filestat_get"] = () => 58;
    L["wasi.fd_filestat_get"] = () => 8;
    void str; void this.mem;
    return L;
  }
  /** Root contexts whose on_done returned false, waiting for proxy_done (cpp-host WasmBase::done). */
  readonly pendingDone = new Set<number>();
}

/** Imports allowed while _initialize/_start run (cpp-host WasmBase::startVm setRestrictedCallback list). */
const RESTRICTED_OK = new Set([
  "env.emscripten_notify_memory_growth", "env.proxy_log",
  ...["fd_write", "args_sizes_get", "args_get", "environ_sizes_get", "environ_get", "clock_time_get", "clock_res_get",
    "random_get", "poll_oneoff", "fd_fdstat_get", "fd_fdstat_set_flags", "fd_advise", "fd_allocate", "fd_datasync",
    "fd_fdstat_set_rights", "fd_filestat_get", "fd_filestat_set_size", "fd_filestat_set_times", "fd_pread",
    "fd_prestat_dir_name", "fd_prestat_get", "fd_pwrite", "fd_readdir", "fd_renumber", "fd_sync", "fd_tell",
    "path_create_directory", "path_filestat_get", "path_filestat_set_times", "path_link", "path_readlink",
    "path_remove_directory", "path_rename", "path_symlink", "path_unlink_file", "sock_accept", "sock_recv",
    "sock_send", "sock_shutdown"].map((n) => `wasi_unstable.${n}`),
]);
