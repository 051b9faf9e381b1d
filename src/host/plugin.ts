// A Wasm HTTP filter plugin as Envoy configures it (envoy.extensions.filters.http.wasm.v3.Wasm): one
// module, a root_id, a plugin configuration, `vmCount` VMs (one per worker), failure_policy, and the
// host services (stats, shared data/queues, clusters for http callouts, properties, timers).
import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { LogLevel, WasmResult, type HeaderPairs, type LogLevelName } from "./abi.ts";
import { HeaderMap } from "./headers.ts";
import { SharedData, SharedQueues } from "./shared.ts";
import { StatsStore } from "./stats.ts";
import { HttpStream, type StreamInfo, type StreamSink } from "./stream.ts";
import { Context, type LogEntry, WasmLoadError, WasmVm, type VmServices } from "./vm.ts";

export type PropertyValue = string | Uint8Array | number | bigint | boolean;
export type FailurePolicy = "FAIL_CLOSED" | "FAIL_OPEN" | "FAIL_RELOAD";
export interface HttpCallRequest { headers: HeaderPairs; body: Buffer; trailers: HeaderPairs }
export interface HttpCallResponse { headers: HeaderPairs; body?: Buffer | string; trailers?: HeaderPairs }
/** A cluster for proxy_http_call: a base URL ("http://127.0.0.1:8080") or a function answering in-process. */
export type ClusterTarget = string | ((req: HttpCallRequest) => Promise<HttpCallResponse> | HttpCallResponse);

/** Process-like shared state: stats, shared data and queues (Envoy keeps these per process). */
export class Host {
  readonly stats = new StatsStore();
  readonly sharedData = new SharedData();
  readonly sharedQueues = new SharedQueues();
  readonly clusters = new Map<string, ClusterTarget>();
}

export interface PluginOptions {
  /** Path of the .wasm file, or its bytes. */
  wasm: string | Uint8Array;
  /** Plugin configuration (Envoy `configuration`): a string, or an object sent as JSON text. Default "". */
  configuration?: string | object;
  vmConfiguration?: string;
  rootId?: string; // default ""
  vmId?: string; // default ""
  name?: string; // plugin_name, default rootId
  /** Number of VMs (Envoy: one per worker). Streams are spread round robin. Default 1. */
  vmCount?: number;
  failurePolicy?: FailurePolicy; // default FAIL_CLOSED
  allowOnHeadersStopIteration?: boolean; // Envoy ≥1.35 option, default false
  /** Property overrides by dotted path, e.g. {"node.metadata.WORKLOAD_NAME": "api"}. */
  properties?: Record<string, PropertyValue>;
  /** Minimum level kept from the filter's logs (Envoy's wasm log level). Default "info". */
  logLevel?: LogLevelName;
  /** per_connection_buffer_limit_bytes; default 1 MiB. */
  bufferLimitBytes?: number;
  clusters?: Record<string, ClusterTarget>;
  env?: Record<string, string>;
  /** "manual": on_tick only via plugin.tick() (tests); "real": setInterval. Default "manual". */
  timers?: "manual" | "real";
  /** Shared stats/shared data; default a new Host. */
  host?: Host;
  /** Also print the filter's logs to stderr. */
  echoLogs?: boolean;
}

interface VmSlot { vm: WasmVm; root: Context; tickMs: number; timer?: NodeJS.Timeout }

export class Plugin {
  readonly host: Host;
  readonly rootId: string;
  readonly vmId: string;
  readonly name: string;
  readonly failurePolicy: FailurePolicy;
  readonly logs: LogEntry[] = [];
  /** True when every VM accepted the configuration (on_vm_start and on_configure returned true). */
  configured = true;
  /** Why the configuration was rejected (on_configure false, a trap), if it was. */
  configError: string | null = null;
  private slots: VmSlot[] = [];
  private rr = 0;
  private pending = new Set<Promise<unknown>>();
  private module: WebAssembly.Module;
  private bytes: Uint8Array;
  private httpTokens = 0;
  readonly options: Required<Pick<PluginOptions, "vmCount" | "allowOnHeadersStopIteration" | "bufferLimitBytes" | "timers">> & PluginOptions;
  readonly pluginConfiguration: Buffer;
  private closed = false;

  constructor(opts: PluginOptions) {
    this.options = { vmCount: 1, allowOnHeadersStopIteration: false, bufferLimitBytes: 1024 * 1024, timers: "manual", ...opts };
    this.host = opts.host ?? new Host();
    for (const [k, v] of Object.entries(opts.clusters ?? {})) this.host.clusters.set(k, v);
    this.rootId = opts.rootId ?? "";
    this.vmId = opts.vmId ?? "";
    this.name = opts.name ?? this.rootId;
    this.failurePolicy = opts.failurePolicy ?? "FAIL_CLOSED";
    const c = opts.configuration ?? "";
    this.pluginConfiguration = Buffer.from(typeof c === "string" ? c : JSON.stringify(c));
    this.bytes = typeof opts.wasm === "string" ? readFileSync(opts.wasm) : opts.wasm;
    try { this.module = new WebAssembly.Module(this.bytes as Uint8Array<ArrayBuffer>); } catch (e) { throw new WasmLoadError(`Failed to load Wasm code: ${(e as Error).message}`); }
    for (let i = 0; i < this.options.vmCount; i++) this.startVm(i);
  }

  private startVm(index: number): VmSlot {
    const vm = new WasmVm(this.module, this.bytes, this.services(), index);
    vm.start();
    const root = new Context(vm, vm.newContextId(), null);
    vm.register(root);
    const slot: VmSlot = { vm, root, tickMs: 0 };
    this.slots[index] = slot;
    // cpp-host ContextBase::onStart then onConfigure: context_create(root, 0) → vm_start → configure.
    vm.callDeferred("proxy_on_context_create", root, root.id, 0);
    root.inVmCreated = true;
    const started = vm.callDeferred("proxy_on_vm_start", root, root.id, this.options.vmConfiguration?.length ?? 0);
    if (vm.failed) return this.reject(slot, vm.failMessage);
    if (vm.has("proxy_on_vm_start") && started.result === 0) return this.reject(slot, "proxy_on_vm_start returned false");
    vm.inConfigure = true;
    const conf = vm.callDeferred("proxy_on_configure", root, root.id, this.pluginConfiguration.length);
    vm.inConfigure = false;
    if (vm.failed) return this.reject(slot, vm.failMessage);
    if (vm.has("proxy_on_configure") && conf.result === 0) return this.reject(slot, "proxy_on_configure returned false");
    return slot;
  }
  private reject(slot: VmSlot, why: string): VmSlot {
    this.configured = false;
    this.configError ??= why;
    return slot;
  }

  private services(): VmServices {
    const p = this;
    return {
      vmId: this.vmId,
      logLevel: LogLevel[this.options.logLevel ?? "info"],
      stats: this.host.stats,
      sharedData: this.host.sharedData,
      sharedQueues: this.host.sharedQueues,
      vmConfiguration: Buffer.from(this.options.vmConfiguration ?? ""),
      pluginConfiguration: this.pluginConfiguration,
      env: this.options.env ?? {},
      log: (e) => {
        this.logs.push(e);
        if (this.logs.length > 10000) this.logs.shift();
        if (this.options.echoLogs) process.stderr.write(`[${e.level}] wasm log ${this.name} ${this.rootId} ${this.vmId}: ${e.message}\n`);
      },
      // wall clock with sub-millisecond resolution, as Envoy's (Date.now() alone would quantize to 1 ms)
      now: () => BigInt(Math.round((performance.timeOrigin + performance.now()) * 1000)) * 1000n,
      monotonic: () => process.hrtime.bigint(),
      setTickPeriod: (vm, _rootId, ms) => this.setTick(vm, ms),
      httpCall: (vm, root, cluster, headers, body, trailers, timeout) => this.httpCall(vm, root, cluster, headers, body, trailers, timeout),
      property: (ctx, path) => p.property(ctx, path),
      queueReady: (vm, rootId, token) => {
        const pr = new Promise<void>((res) => setImmediate(() => {
          const root = vm.contexts.get(rootId);
          if (root && !vm.failed) vm.callDeferred("proxy_on_queue_ready", root, rootId, token);
          res();
        }));
        this.track(pr);
      },
    };
  }
  private track(p: Promise<unknown>): void { this.pending.add(p); void p.finally(() => this.pending.delete(p)); }

  /** Number of VMs. */
  get vmCount(): number { return this.slots.length; }
  vm(i = 0): WasmVm { return this.slots[i].vm; }
  /** True when a VM trapped (Envoy marks the VM failed). */
  get failed(): boolean { return this.slots.some((s) => s.vm.failed); }

  /**
   * Opens an HTTP stream on the next VM (or `vm`). Throws if the plugin rejected its configuration
   * (Envoy would not have started the listener). A failed VM yields streams that fail per failure_policy;
   * with FAIL_RELOAD a failed VM is replaced by a fresh one first.
   */
  newStream(info: StreamInfo & { vm?: number; sink?: StreamSink } = {}): HttpStream {
    if (!this.configured) throw new Error(`plugin ${this.name} rejected its configuration: ${this.configError}`);
    const i = info.vm ?? this.rr++ % this.slots.length;
    let slot = this.slots[i];
    if (slot.vm.failed && this.failurePolicy === "FAIL_RELOAD") slot = this.startVm(i);
    return new HttpStream(slot.vm, slot.root, {
      allowOnHeadersStopIteration: this.options.allowOnHeadersStopIteration,
      failOpen: this.failurePolicy === "FAIL_OPEN",
      bufferLimit: this.options.bufferLimitBytes,
    }, info, info.sink);
  }

  /** Calls on_tick on every root context whose tick period is set (manual timers). */
  tick(): void {
    for (const s of this.slots) if (s.tickMs > 0 && !s.vm.failed) s.vm.callDeferred("proxy_on_tick", s.root, s.root.id);
  }
  private setTick(vm: WasmVm, ms: number): void {
    const s = this.slots.find((x) => x.vm === vm);
    if (!s) return;
    s.tickMs = ms;
    if (s.timer) { clearInterval(s.timer); s.timer = undefined; }
    if (ms > 0 && this.options.timers === "real" && !this.closed) {
      s.timer = setInterval(() => { if (!vm.failed) vm.callDeferred("proxy_on_tick", s.root, s.root.id); }, ms);
      s.timer.unref();
    }
  }

  /** Resolves when no http callout or queue delivery is in flight. */
  async idle(): Promise<void> { while (this.pending.size) await Promise.allSettled([...this.pending]); }

  /** Envoy Context::httpCall: unknown cluster or missing :method/:path/:authority → BadArgument. */
  private httpCall(vm: WasmVm, root: Context, cluster: string, headers: HeaderPairs, body: Buffer, trailers: HeaderPairs, timeoutMs: number): { result: number; token: number } {
    const target = this.host.clusters.get(cluster);
    if (!target) return { result: WasmResult.BadArgument, token: 0 };
    const h = new HeaderMap(headers);
    if (!h.get(":method") || !h.get(":path") || !h.get(":authority")) return { result: WasmResult.BadArgument, token: 0 };
    const token = ++this.httpTokens;
    const deliver = (resp: HttpCallResponse | null) => {
      if (vm.failed || !vm.contexts.has(root.id)) return;
      const rh = new HeaderMap(resp?.headers ?? []), rt = new HeaderMap(resp?.trailers ?? []);
      const rb = resp?.body === undefined ? Buffer.alloc(0) : Buffer.from(resp.body);
      vm.httpCallResponse = { headers: rh, body: rb, trailers: rt };
      vm.status = resp ? { code: WasmResult.Ok, message: "" } : { code: WasmResult.BrokenConnection, message: "reset" };
      try { vm.callDeferred("proxy_on_http_call_response", root, root.id, token, rh.size, rb.length, rt.size); }
      finally { vm.httpCallResponse = null; }
    };
    const work = (async () => {
      try {
        const resp = typeof target === "function" ? await target({ headers, body, trailers }) : await fetchCluster(target, h, body, timeoutMs || 0);
        deliver(resp);
      } catch { deliver(null); }
    })();
    this.track(work);
    return { result: WasmResult.Ok, token };
  }

  /** Envoy property lookup (context.cc findValue); segments of the NUL-separated path. */
  property(ctx: Context, path: string[]): Buffer | undefined {
    const key = path.join(".");
    const s = ctx instanceof HttpStream ? ctx : null;
    const over = s?.info.properties?.[key] ?? this.options.properties?.[key];
    if (over !== undefined) return encodeProp(over);
    const [top, a, b] = path;
    const str = (v: string | undefined | null) => (v === undefined || v === null ? undefined : Buffer.from(v, "utf8"));
    const i64 = (v: number | bigint) => { const x = Buffer.alloc(8); x.writeBigInt64LE(BigInt(v)); return x; };
    switch (top) {
      case "plugin_name": return str(this.name);
      case "plugin_root_id": return str(this.rootId);
      case "plugin_vm_id": return str(this.vmId);
      case "node": return undefined; // set via properties: node.id, node.cluster, node.metadata.KEY
    }
    if (!s) return undefined;
    const rq = s.requestHeaders, rs = s.responseHeaders;
    switch (top) {
      case "request": {
        if (!rq) return undefined;
        const p = rq.get(":path") ?? "";
        switch (a) {
          case "path": return str(p);
          case "url_path": return str(p.split("?")[0]);
          case "host": return str(rq.get(":authority"));
          case "scheme": return str(rq.get(":scheme") ?? "http");
          case "method": return str(rq.get(":method"));
          case "query": return str(p.includes("?") ? p.slice(p.indexOf("?") + 1) : "");
          case "referer": return str(rq.get("referer"));
          case "useragent": return str(rq.get("user-agent"));
          case "id": return str(rq.get("x-request-id") ?? s.info.requestId);
          case "protocol": return str(s.info.protocol ?? "HTTP/1.1");
          case "time": return i64(s.startWall);
          case "size": return rq.get("content-length") !== undefined ? i64(Number(rq.get("content-length"))) : undefined;
          case "headers": return b === undefined ? undefined : str(rq.get(b));
          default: return undefined;
        }
      }
      case "response": {
        if (!rs && a !== "code_details") return undefined;
        switch (a) {
          case "code": return i64(Number(rs!.get(":status")));
          case "grpc_status": { const g = rs!.get("grpc-status") ?? s.downstream.trailers?.get("grpc-status"); return g === undefined ? undefined : i64(Number(g)); }
          case "headers": return b === undefined ? undefined : str(rs!.get(b));
          case "code_details": return str(s.localReply?.details ?? "via_upstream");
          default: return undefined;
        }
      }
      case "source": case "destination": {
        const addr = top === "source" ? s.info.sourceAddress : s.info.destinationAddress;
        if (!addr) return undefined;
        if (a === "address") return str(addr);
        if (a === "port") { const port = Number(addr.slice(addr.lastIndexOf(":") + 1)); return i64(port); }
        return undefined;
      }
      case "route_name": return str(s.info.routeName);
      case "cluster_name": return str(s.info.clusterName);
      case "connection": if (a === "mtls") return Buffer.from([0]); return undefined;
      case "filter_state": return a ? s.filterState.get(path.slice(1).join(".")) : undefined;
      default: return s.filterState.get(key); // set_property values read back under their own name
    }
  }

  /** on_done for every root context (Envoy shutdown), then on_delete unless a root defers with proxy_done. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const s of this.slots) {
      if (s.timer) clearInterval(s.timer);
      if (s.vm.failed) continue;
      const r = s.vm.callDeferred("proxy_on_done", s.root, s.root.id);
      if (r.result === 0 && s.vm.has("proxy_on_done")) { s.vm.pendingDone.add(s.root.id); continue; }
      s.vm.callDeferred("proxy_on_delete", s.root, s.root.id);
    }
  }

  /** Log lines at or above `level`, joined. */
  logText(level: LogLevelName = "trace"): string { return this.logs.filter((l) => LogLevel[l.level] >= LogLevel[level]).map((l) => `[${l.level}] ${l.message}`).join("\n"); }
  /** Value of a custom metric by the name the filter defined (counters/gauges: bigint; histograms: sample count). */
  metric(name: string): bigint | undefined {
    const st = this.host.stats.find(name);
    if (!st) return undefined;
    return st.type === "histogram" ? BigInt(st.sampleCount) : st.value;
  }
}

function encodeProp(v: PropertyValue): Buffer {
  if (typeof v === "string") return Buffer.from(v, "utf8");
  if (typeof v === "boolean") return Buffer.from([v ? 1 : 0]);
  if (typeof v === "number" || typeof v === "bigint") { const b = Buffer.alloc(8); b.writeBigInt64LE(BigInt(v)); return b; }
  return Buffer.from(v);
}

function fetchCluster(base: string, h: HeaderMap, body: Buffer, timeoutMs: number): Promise<HttpCallResponse> {
  return new Promise((resolve, reject) => {
    const u = new URL(base);
    const headers: Record<string, string> = {};
    for (const [k, v] of h.entries) if (!k.startsWith(":")) headers[k] = v;
    headers.host = h.get(":authority")!;
    const req = httpRequest({ host: u.hostname, port: u.port || 80, method: h.get(":method"), path: h.get(":path"), headers, timeout: timeoutMs || undefined }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const rh: HeaderPairs = [[":status", String(res.statusCode)]];
        for (let i = 0; i < res.rawHeaders.length; i += 2) rh.push([res.rawHeaders[i].toLowerCase(), res.rawHeaders[i + 1]]);
        const rt: HeaderPairs = [];
        for (let i = 0; i < res.rawTrailers.length; i += 2) rt.push([res.rawTrailers[i].toLowerCase(), res.rawTrailers[i + 1]]);
        resolve({ headers: rh, body: Buffer.concat(chunks), trailers: rt });
      });
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end(body);
  });
}

/** Loads a plugin (compiles, links, starts and configures every VM). Throws WasmLoadError on link failure. */
export function createPlugin(opts: PluginOptions): Plugin { return new Plugin(opts); }
