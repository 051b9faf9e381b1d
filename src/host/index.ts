// Public surface of the MicroWAF proxy-wasm host. Tests, `microwaf scan`, benchmarks and the proxy drive
// filters through this module; see docs/host.md.
export {
  WasmResult, BufferType, MapType, MetricType, LogLevel, StreamType, HeadersStatus, DataStatus, TrailersStatus, LIMITS,
  envoyImportTable, marshalPairs, unmarshalPairs, type AbiVersion, type FuncSig, type HeaderPairs, type LogLevelName,
} from "./abi.ts";
export { parseModule, checkModule, abiVersionOf, type ModuleInfo, type ImportEntry, type ExportEntry, type LinkProblem } from "./wasm-binary.ts";
export { HeaderMap, BodyBuffer, type HeadersInit } from "./headers.ts";
export { StatsStore, Stat, DEFAULT_BUCKETS, type StatType } from "./stats.ts";
export { WasmVm, WasmLoadError, Context, hostCallClock, type LogEntry } from "./vm.ts";
export { HttpStream, Recorded, httpToGrpc, type StreamSink, type StreamInfo, type LocalReply } from "./stream.ts";
export { Plugin, Host, createPlugin, type PluginOptions, type FailurePolicy, type ClusterTarget, type PropertyValue, type HttpCallRequest, type HttpCallResponse } from "./plugin.ts";
export { loadPolicyForFilter } from "./policy.ts";
