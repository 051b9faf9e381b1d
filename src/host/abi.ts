// proxy-wasm ABI constants and Envoy's import table (names and exact signatures).
// Sources: proxy-wasm/spec abi-versions/v0.2.1/README.md; proxy-wasm-cpp-host include/proxy-wasm/exports.h
// (host function declarations, FOR_ALL_HOST_FUNCTIONS / FOR_ALL_WASI_FUNCTIONS) and src/wasm.cc
// registerCallbacks (which names each ABI version gets). `Word` is i32 in wasm32; int64_t/uint64_t are i64.

export const WasmResult = {
  Ok: 0, NotFound: 1, BadArgument: 2, SerializationFailure: 3, ParseFailure: 4, BadExpression: 5,
  InvalidMemoryAccess: 6, Empty: 7, CasMismatch: 8, ResultMismatch: 9, InternalFailure: 10,
  BrokenConnection: 11, Unimplemented: 12,
} as const;
export type WasmResultCode = (typeof WasmResult)[keyof typeof WasmResult];

export const BufferType = {
  HttpRequestBody: 0, HttpResponseBody: 1, NetworkDownstreamData: 2, NetworkUpstreamData: 3,
  HttpCallResponseBody: 4, GrpcReceiveBuffer: 5, VmConfiguration: 6, PluginConfiguration: 7, CallData: 8,
} as const;
export const BUFFER_TYPE_MAX = 8;

export const MapType = {
  HttpRequestHeaders: 0, HttpRequestTrailers: 1, HttpResponseHeaders: 2, HttpResponseTrailers: 3,
  GrpcReceiveInitialMetadata: 4, GrpcReceiveTrailingMetadata: 5, HttpCallResponseHeaders: 6,
  HttpCallResponseTrailers: 7,
} as const;
export const MAP_TYPE_MAX = 7;

export const MetricType = { Counter: 0, Gauge: 1, Histogram: 2 } as const;
export const LogLevel = { trace: 0, debug: 1, info: 2, warn: 3, error: 4, critical: 5 } as const;
export const LOG_LEVEL_NAMES = ["trace", "debug", "info", "warn", "error", "critical"] as const;
export type LogLevelName = (typeof LOG_LEVEL_NAMES)[number];

export const StreamType = { Request: 0, Response: 1, Downstream: 2, Upstream: 3 } as const;
export const STREAM_TYPE_MAX = 3;

/** Envoy FilterHeadersStatus values (envoy/http/filter.h). */
export const HeadersStatus = {
  Continue: 0, StopIteration: 1, ContinueAndDontEndStream: 2, StopAllIterationAndBuffer: 3,
  StopAllIterationAndWatermark: 4,
} as const;
/** Envoy FilterDataStatus values. */
export const DataStatus = { Continue: 0, StopIterationAndBuffer: 1, StopIterationAndWatermark: 2, StopIterationNoBuffer: 3 } as const;
/** Envoy FilterTrailersStatus values. */
export const TrailersStatus = { Continue: 0, StopIteration: 1 } as const;

/** Limits from proxy-wasm-cpp-host include/proxy-wasm/limits.h. */
export const LIMITS = {
  maxMemoryBytes: 1024 * 1024 * 1024,
  pairsMaxBytes: 1024 * 1024,
  pairsMaxCount: 1024,
  randomGetMaxBytes: 64 * 1024,
} as const;

export type ValType = "i32" | "i64" | "f32" | "f64" | "v128" | "funcref" | "externref";
export interface FuncSig { params: ValType[]; results: ValType[] }
export type AbiVersion = "0.1.0" | "0.2.0" | "0.2.1";

const I = "i32" as const;
const L = "i64" as const;
function sig(params: string, results: "i32" | "" = "i32"): FuncSig {
  const p = params.split("").map((c) => (c === "i" ? I : L));
  return { params: p, results: results === "" ? [] : [I] };
}
const w = (n: number) => sig("i".repeat(n));

/** env.proxy_* registered for every ABI version (FOR_ALL_HOST_FUNCTIONS). */
const PROXY_COMMON: Record<string, FuncSig> = {
  proxy_log: w(3), proxy_get_status: w(3), proxy_set_property: w(4), proxy_get_property: w(4),
  proxy_send_local_response: w(8), proxy_get_shared_data: w(5), proxy_set_shared_data: w(5),
  proxy_register_shared_queue: w(3), proxy_resolve_shared_queue: w(5), proxy_dequeue_shared_queue: w(3),
  proxy_enqueue_shared_queue: w(3), proxy_get_header_map_value: w(5), proxy_add_header_map_value: w(5),
  proxy_replace_header_map_value: w(5), proxy_remove_header_map_value: w(3),
  proxy_get_header_map_pairs: w(3), proxy_set_header_map_pairs: w(3), proxy_get_header_map_size: w(2),
  proxy_get_buffer_status: w(3), proxy_get_buffer_bytes: w(5), proxy_set_buffer_bytes: w(5),
  proxy_http_call: w(10), proxy_grpc_call: w(12), proxy_grpc_stream: w(9), proxy_grpc_close: w(1),
  proxy_grpc_cancel: w(1), proxy_grpc_send: w(4), proxy_set_tick_period_milliseconds: w(1),
  proxy_get_current_time_nanoseconds: w(1), proxy_define_metric: w(4), proxy_increment_metric: sig("il"),
  proxy_record_metric: sig("il"), proxy_get_metric: w(2), proxy_set_effective_context: w(1), proxy_done: w(0),
  proxy_call_foreign_function: w(6),
};
/** ABI-specific registrations (src/wasm.cc registerCallbacks). */
const PROXY_BY_ABI: Record<AbiVersion, Record<string, FuncSig>> = {
  "0.1.0": { proxy_get_configuration: w(2), proxy_continue_request: w(0), proxy_continue_response: w(0), proxy_clear_route_cache: w(0) },
  "0.2.0": { proxy_continue_stream: w(1), proxy_close_stream: w(1) },
  "0.2.1": { proxy_continue_stream: w(1), proxy_close_stream: w(1), proxy_get_log_level: w(1) },
};
/** Non-proxy env functions Envoy registers. */
const ENV_EXTRA: Record<string, FuncSig> = { pthread_equal: w(2), emscripten_notify_memory_growth: sig("i", "") };

/** WASI functions (FOR_ALL_WASI_FUNCTIONS), registered under wasi_unstable and wasi_snapshot_preview1. */
export const WASI_SIGS: Record<string, FuncSig> = {
  fd_write: w(4), fd_read: w(4), fd_seek: sig("ilii"), fd_close: w(1), fd_fdstat_get: w(2),
  fd_fdstat_set_flags: w(2), fd_fdstat_set_rights: sig("ill"), environ_get: w(2), environ_sizes_get: w(2),
  args_get: w(2), args_sizes_get: w(2), clock_time_get: sig("ili"), clock_res_get: w(2),
  fd_advise: sig("illi"), fd_allocate: sig("ill"), fd_datasync: w(1), fd_filestat_set_size: sig("il"),
  fd_filestat_set_times: sig("illi"), fd_pread: sig("iiili"), fd_pwrite: sig("iiili"), fd_readdir: sig("iiili"),
  fd_renumber: w(2), fd_sync: w(1), fd_tell: w(2), path_create_directory: w(3),
  path_filestat_set_times: sig("iiiilli"), path_link: w(6), path_readlink: w(6), path_remove_directory: w(3),
  path_rename: w(6), path_symlink: w(4), path_unlink_file: w(3), sock_accept: w(3), sock_recv: w(6),
  sock_send: w(5), sock_shutdown: w(2), random_get: w(2), sched_yield: w(0), poll_oneoff: w(4),
  proc_exit: sig("i", ""), path_open: sig("iiiiillii"), fd_prestat_get: w(2), fd_prestat_dir_name: w(3),
  path_filestat_get: w(5), fd_filestat_get: w(2),
};
export const WASI_MODULES = ["wasi_unstable", "wasi_snapshot_preview1"] as const;

/** The full table of "module.name" → signature Envoy links for a module of the given ABI version. */
export function envoyImportTable(abi: AbiVersion): Map<string, FuncSig> {
  const t = new Map<string, FuncSig>();
  for (const [n, s] of Object.entries({ ...PROXY_COMMON, ...PROXY_BY_ABI[abi], ...ENV_EXTRA })) t.set(`env.${n}`, s);
  for (const m of WASI_MODULES) for (const [n, s] of Object.entries(WASI_SIGS)) t.set(`${m}.${n}`, s);
  return t;
}

/** Exports Envoy looks up, with the signatures it requires (cpp-host src/wasm.cc getFunctions + wasm_vm.h). */
export const EXPORT_SIGS: Record<string, FuncSig> = {
  _initialize: w(0), _start: w(0), main: sig("ii"), __main_void: w(0), malloc: w(1), proxy_on_memory_allocate: w(1),
  proxy_on_context_create: sig("ii", ""), proxy_on_vm_start: w(2), proxy_on_configure: w(2),
  proxy_on_tick: sig("i", ""), proxy_on_queue_ready: sig("ii", ""), proxy_on_new_connection: w(1),
  proxy_on_downstream_data: w(3), proxy_on_upstream_data: w(3), proxy_on_downstream_connection_close: sig("ii", ""),
  proxy_on_upstream_connection_close: sig("ii", ""), proxy_on_request_headers: w(3), proxy_on_request_body: w(3),
  proxy_on_request_trailers: w(2), proxy_on_request_metadata: w(2), proxy_on_response_headers: w(3),
  proxy_on_response_body: w(3), proxy_on_response_trailers: w(2), proxy_on_response_metadata: w(2),
  proxy_on_http_call_response: sig("iiiii", ""), proxy_on_grpc_receive: sig("iii", ""),
  proxy_on_grpc_receive_initial_metadata: sig("iii", ""), proxy_on_grpc_receive_trailing_metadata: sig("iii", ""),
  proxy_on_grpc_close: sig("iii", ""), proxy_on_foreign_function: sig("iii", ""), proxy_on_done: w(1),
  proxy_on_log: sig("i", ""), proxy_on_delete: sig("i", ""),
};
// _initialize/_start/main return nothing / i32 respectively in WASI; cpp-host calls them as void or (i32,i32)->i32.
EXPORT_SIGS._initialize = sig("", "");
EXPORT_SIGS._start = sig("", "");
EXPORT_SIGS.__main_void = sig("", "i32");

export function formatSig(s: FuncSig): string {
  const j = (v: ValType[]) => (v.length ? v.join(" ") : "void");
  return `${j(s.params)} -> ${j(s.results)}`;
}
export function sameSig(a: FuncSig, b: FuncSig): boolean {
  return a.params.join() === b.params.join() && a.results.join() === b.results.join();
}

// ---- Header pairs (cpp-host src/pairs_util.cc): u32 count, count × (u32 key_len, u32 value_len),
// then each key and each value followed by NUL. Little endian.
export type HeaderPairs = Array<[string, string]>;

export function marshalPairs(pairs: HeaderPairs): Uint8Array {
  const enc = pairs.map(([k, v]) => [Buffer.from(k, "latin1"), Buffer.from(v, "latin1")] as const);
  let size = 4 + enc.length * 8;
  for (const [k, v] of enc) size += k.length + 1 + v.length + 1;
  const out = Buffer.alloc(size);
  out.writeUInt32LE(enc.length, 0);
  let p = 4;
  for (const [k, v] of enc) { out.writeUInt32LE(k.length, p); out.writeUInt32LE(v.length, p + 4); p += 8; }
  for (const [k, v] of enc) { k.copy(out, p); p += k.length + 1; v.copy(out, p); p += v.length + 1; }
  return out;
}

/** Parses serialized pairs; returns null when malformed (cpp-host PairsUtil::toPairs returns empty then). */
export function unmarshalPairs(data: Uint8Array): HeaderPairs | null {
  if (data.length === 0) return [];
  const b = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (b.length < 4) return null;
  const n = b.readUInt32LE(0);
  if (n > LIMITS.pairsMaxCount || 4 + n * 8 > b.length) return null;
  const sizes: Array<[number, number]> = [];
  let p = 4;
  for (let i = 0; i < n; i++) { sizes.push([b.readUInt32LE(p), b.readUInt32LE(p + 4)]); p += 8; }
  const out: HeaderPairs = [];
  for (const [kl, vl] of sizes) {
    if (p + kl + 1 + vl + 1 > b.length) return null;
    const k = b.toString("latin1", p, p + kl); p += kl;
    if (b[p++] !== 0) return null;
    const v = b.toString("latin1", p, p + vl); p += vl;
    if (b[p++] !== 0) return null;
    out.push([k, v]);
  }
  return out;
}
