// The subset of Envoy's bootstrap (envoy.config.bootstrap.v3.Bootstrap) the host runs. Every field is
// checked: a field outside the subset is an error naming its path, never silently ignored.
import { readFileSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import type { FailurePolicy } from "./plugin.ts";

export class BootstrapError extends Error {}

export interface Address { host: string; port: number }
export interface RouteConfig { match: { prefix?: string; path?: string }; cluster: string; timeoutMs: number | null; name?: string }
export interface VirtualHost { name: string; domains: string[]; routes: RouteConfig[] }
export interface WasmFilterConfig {
  name: string; rootId: string; vmId: string; filename: string; configuration: string; vmConfiguration: string;
  failurePolicy: FailurePolicy; allowOnHeadersStopIteration: boolean; env: Record<string, string>;
}
export interface ListenerConfig {
  name: string; address: Address; bufferLimit: number; codec: "AUTO" | "HTTP1" | "HTTP2"; statPrefix: string;
  virtualHosts: VirtualHost[]; wasm: WasmFilterConfig[]; tls: { cert: string; key: string } | null;
}
export interface ClusterConfig { name: string; endpoints: Address[]; http2: boolean; bufferLimit: number; connectTimeoutMs: number }
export interface StatsTag { tagName: string; regex: string }
export interface HostConfig {
  admin: Address | null; listeners: ListenerConfig[]; clusters: ClusterConfig[]; statsTags: StatsTag[];
  node: { id: string; cluster: string; metadata: Record<string, unknown> };
  source: unknown; // the bootstrap as read, for /config_dump
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

class Walker {
  constructor(private baseDir: string) {}
  obj(v: unknown, path: string, allowed: string[]): Obj {
    if (!isObj(v)) throw new BootstrapError(`${path}: expected an object`);
    for (const k of Object.keys(v)) if (!allowed.includes(k)) throw new BootstrapError(`${path}.${k}: field not supported by the MicroWAF host`);
    return v;
  }
  arr(v: unknown, path: string): unknown[] {
    if (v === undefined) return [];
    if (!Array.isArray(v)) throw new BootstrapError(`${path}: expected a list`);
    return v;
  }
  str(v: unknown, path: string, def?: string): string {
    if (v === undefined && def !== undefined) return def;
    if (typeof v !== "string") throw new BootstrapError(`${path}: expected a string`);
    return v;
  }
  num(v: unknown, path: string, def?: number): number {
    if (v === undefined && def !== undefined) return def;
    const n = typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v;
    if (typeof n !== "number" || !Number.isFinite(n)) throw new BootstrapError(`${path}: expected a number`);
    return n;
  }
  bool(v: unknown, path: string, def = false): boolean {
    if (v === undefined) return def;
    if (typeof v !== "boolean") throw new BootstrapError(`${path}: expected true or false`);
    return v;
  }
  duration(v: unknown, path: string, def: number | null): number | null {
    if (v === undefined) return def;
    const m = typeof v === "string" ? /^(\d+(?:\.\d+)?)s$/.exec(v) : null;
    if (!m) throw new BootstrapError(`${path}: expected a duration like "5s"`);
    const ms = Math.round(Number(m[1]) * 1000);
    return ms === 0 ? null : ms;
  }
  file(v: unknown, path: string): string { const f = this.str(v, path); return isAbsolute(f) ? f : resolve(this.baseDir, f); }
  socketAddress(v: unknown, path: string): Address {
    const a = this.obj(v, path, ["socket_address"]);
    const s = this.obj(a.socket_address, `${path}.socket_address`, ["address", "port_value", "protocol"]);
    if (s.protocol !== undefined && s.protocol !== "TCP") throw new BootstrapError(`${path}.socket_address.protocol: only TCP`);
    return { host: this.str(s.address, `${path}.socket_address.address`), port: this.num(s.port_value, `${path}.socket_address.port_value`) };
  }
}

const T = "type.googleapis.com/";
export const TYPES = {
  hcm: `${T}envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager`,
  wasm: `${T}envoy.extensions.filters.http.wasm.v3.Wasm`,
  router: `${T}envoy.extensions.filters.http.router.v3.Router`,
  stringValue: `${T}google.protobuf.StringValue`,
  struct: `${T}google.protobuf.Struct`,
  tls: `${T}envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext`,
  httpOptions: `${T}envoy.extensions.upstreams.http.v3.HttpProtocolOptions`,
};

/**
 * Reads a bootstrap object. `baseDir` resolves relative file names; Envoy resolves them against its
 * working directory, so pass the directory Envoy would run in (the repo root for examples/envoy).
 */
export function parseBootstrap(doc: unknown, baseDir: string): HostConfig {
  const w = new Walker(baseDir);
  const root = w.obj(doc, "bootstrap", ["admin", "static_resources", "stats_config", "node", "layered_runtime"]);
  let admin: Address | null = null;
  if (root.admin !== undefined) {
    const a = w.obj(root.admin, "admin", ["address", "access_log"]);
    admin = w.socketAddress(a.address, "admin.address");
  }
  const node = { id: "", cluster: "", metadata: {} as Record<string, unknown> };
  if (root.node !== undefined) {
    const n = w.obj(root.node, "node", ["id", "cluster", "metadata"]);
    node.id = w.str(n.id, "node.id", ""); node.cluster = w.str(n.cluster, "node.cluster", "");
    if (n.metadata !== undefined) node.metadata = w.obj(n.metadata, "node.metadata", Object.keys(n.metadata as Obj));
  }
  const statsTags: StatsTag[] = [];
  if (root.stats_config !== undefined) {
    const sc = w.obj(root.stats_config, "stats_config", ["stats_tags", "use_all_default_tags"]);
    w.arr(sc.stats_tags, "stats_config.stats_tags").forEach((t, i) => {
      const p = `stats_config.stats_tags[${i}]`;
      const o = w.obj(t, p, ["tag_name", "regex"]);
      const regex = w.str(o.regex, `${p}.regex`);
      try { new RegExp(regex); } catch (e) { throw new BootstrapError(`${p}.regex: ${(e as Error).message}`); }
      statsTags.push({ tagName: w.str(o.tag_name, `${p}.tag_name`), regex });
    });
  }
  const sr = w.obj(root.static_resources ?? {}, "static_resources", ["listeners", "clusters"]);
  const clusters = w.arr(sr.clusters, "static_resources.clusters").map((c, i) => parseCluster(w, c, `static_resources.clusters[${i}]`));
  const listeners = w.arr(sr.listeners, "static_resources.listeners").map((l, i) => parseListener(w, l, `static_resources.listeners[${i}]`));
  const names = new Set(clusters.map((c) => c.name));
  for (const l of listeners) for (const vh of l.virtualHosts) for (const r of vh.routes) {
    if (!names.has(r.cluster)) throw new BootstrapError(`route in listener ${l.name} names unknown cluster "${r.cluster}"`);
  }
  return { admin, listeners, clusters, statsTags, node, source: doc };
}

function parseCluster(w: Walker, v: unknown, p: string): ClusterConfig {
  const c = w.obj(v, p, ["name", "type", "connect_timeout", "lb_policy", "load_assignment", "per_connection_buffer_limit_bytes", "typed_extension_protocol_options", "http2_protocol_options"]);
  const type = w.str(c.type, `${p}.type`, "STATIC");
  if (!["STATIC", "STRICT_DNS", "LOGICAL_DNS"].includes(type)) throw new BootstrapError(`${p}.type: ${type} not supported (STATIC, STRICT_DNS, LOGICAL_DNS)`);
  if (c.lb_policy !== undefined && c.lb_policy !== "ROUND_ROBIN") throw new BootstrapError(`${p}.lb_policy: only ROUND_ROBIN`);
  let http2 = false;
  if (c.http2_protocol_options !== undefined) { w.obj(c.http2_protocol_options, `${p}.http2_protocol_options`, []); http2 = true; }
  if (c.typed_extension_protocol_options !== undefined) {
    const key = "envoy.extensions.upstreams.http.v3.HttpProtocolOptions";
    const t = w.obj(c.typed_extension_protocol_options, `${p}.typed_extension_protocol_options`, [key]);
    const o = w.obj(t[key], `${p}.typed_extension_protocol_options.${key}`, ["@type", "explicit_http_config"]);
    if (o["@type"] !== TYPES.httpOptions) throw new BootstrapError(`${p}.typed_extension_protocol_options.${key}.@type: expected ${TYPES.httpOptions}`);
    const e = w.obj(o.explicit_http_config, `${p}...explicit_http_config`, ["http2_protocol_options", "http_protocol_options"]);
    if (e.http2_protocol_options !== undefined) { w.obj(e.http2_protocol_options, `${p}...http2_protocol_options`, []); http2 = true; }
    if (e.http_protocol_options !== undefined) w.obj(e.http_protocol_options, `${p}...http_protocol_options`, []);
  }
  const la = w.obj(c.load_assignment, `${p}.load_assignment`, ["cluster_name", "endpoints"]);
  const endpoints: Address[] = [];
  w.arr(la.endpoints, `${p}.load_assignment.endpoints`).forEach((e, i) => {
    const ep = w.obj(e, `${p}.load_assignment.endpoints[${i}]`, ["lb_endpoints"]);
    w.arr(ep.lb_endpoints, `${p}.load_assignment.endpoints[${i}].lb_endpoints`).forEach((l, j) => {
      const q = `${p}.load_assignment.endpoints[${i}].lb_endpoints[${j}]`;
      const lb = w.obj(l, q, ["endpoint"]);
      const en = w.obj(lb.endpoint, `${q}.endpoint`, ["address"]);
      endpoints.push(w.socketAddress(en.address, `${q}.endpoint.address`));
    });
  });
  if (endpoints.length === 0) throw new BootstrapError(`${p}.load_assignment: no endpoints`);
  return {
    name: w.str(c.name, `${p}.name`), endpoints, http2,
    bufferLimit: w.num(c.per_connection_buffer_limit_bytes, `${p}.per_connection_buffer_limit_bytes`, 1024 * 1024),
    connectTimeoutMs: w.duration(c.connect_timeout, `${p}.connect_timeout`, 5000) ?? 5000,
  };
}

function parseListener(w: Walker, v: unknown, p: string): ListenerConfig {
  const l = w.obj(v, p, ["name", "address", "filter_chains", "per_connection_buffer_limit_bytes"]);
  const chains = w.arr(l.filter_chains, `${p}.filter_chains`);
  if (chains.length !== 1) throw new BootstrapError(`${p}.filter_chains: exactly one filter chain is supported`);
  const fc = w.obj(chains[0], `${p}.filter_chains[0]`, ["filters", "transport_socket"]);
  let tls: ListenerConfig["tls"] = null;
  if (fc.transport_socket !== undefined) {
    const q = `${p}.filter_chains[0].transport_socket`;
    const ts = w.obj(fc.transport_socket, q, ["name", "typed_config"]);
    const tc = w.obj(ts.typed_config, `${q}.typed_config`, ["@type", "common_tls_context"]);
    if (tc["@type"] !== TYPES.tls) throw new BootstrapError(`${q}.typed_config.@type: expected ${TYPES.tls}`);
    const ctx = w.obj(tc.common_tls_context, `${q}.typed_config.common_tls_context`, ["tls_certificates", "alpn_protocols"]);
    const certs = w.arr(ctx.tls_certificates, `${q}...tls_certificates`);
    if (certs.length !== 1) throw new BootstrapError(`${q}...tls_certificates: exactly one certificate`);
    const c = w.obj(certs[0], `${q}...tls_certificates[0]`, ["certificate_chain", "private_key"]);
    const chain = w.obj(c.certificate_chain, `${q}...certificate_chain`, ["filename"]);
    const key = w.obj(c.private_key, `${q}...private_key`, ["filename"]);
    tls = { cert: w.file(chain.filename, `${q}...certificate_chain.filename`), key: w.file(key.filename, `${q}...private_key.filename`) };
  }
  const filters = w.arr(fc.filters, `${p}.filter_chains[0].filters`);
  if (filters.length !== 1) throw new BootstrapError(`${p}.filter_chains[0].filters: exactly one (envoy.filters.network.http_connection_manager)`);
  const fp = `${p}.filter_chains[0].filters[0]`;
  const f = w.obj(filters[0], fp, ["name", "typed_config"]);
  const hcm = w.obj(f.typed_config, `${fp}.typed_config`, ["@type", "stat_prefix", "codec_type", "route_config", "http_filters"]);
  if (hcm["@type"] !== TYPES.hcm) throw new BootstrapError(`${fp}.typed_config.@type: expected ${TYPES.hcm}`);
  const hp = `${fp}.typed_config`;
  const codec = w.str(hcm.codec_type, `${hp}.codec_type`, "AUTO");
  if (!["AUTO", "HTTP1", "HTTP2"].includes(codec)) throw new BootstrapError(`${hp}.codec_type: ${codec} not supported`);
  const rc = w.obj(hcm.route_config, `${hp}.route_config`, ["name", "virtual_hosts"]);
  const virtualHosts = w.arr(rc.virtual_hosts, `${hp}.route_config.virtual_hosts`).map((vh, i) => {
    const q = `${hp}.route_config.virtual_hosts[${i}]`;
    const o = w.obj(vh, q, ["name", "domains", "routes"]);
    return {
      name: w.str(o.name, `${q}.name`, ""),
      domains: w.arr(o.domains, `${q}.domains`).map((d, j) => w.str(d, `${q}.domains[${j}]`)),
      routes: w.arr(o.routes, `${q}.routes`).map((r, j) => {
        const rp = `${q}.routes[${j}]`;
        const ro = w.obj(r, rp, ["name", "match", "route"]);
        const m = w.obj(ro.match, `${rp}.match`, ["prefix", "path"]);
        if ((m.prefix === undefined) === (m.path === undefined)) throw new BootstrapError(`${rp}.match: exactly one of prefix or path`);
        const a = w.obj(ro.route, `${rp}.route`, ["cluster", "timeout"]);
        return {
          name: ro.name === undefined ? undefined : w.str(ro.name, `${rp}.name`),
          match: m.prefix !== undefined ? { prefix: w.str(m.prefix, `${rp}.match.prefix`) } : { path: w.str(m.path, `${rp}.match.path`) },
          cluster: w.str(a.cluster, `${rp}.route.cluster`),
          timeoutMs: w.duration(a.timeout, `${rp}.route.timeout`, 15000),
        };
      }),
    };
  });
  const hf = w.arr(hcm.http_filters, `${hp}.http_filters`);
  const wasm: WasmFilterConfig[] = [];
  hf.forEach((x, i) => {
    const q = `${hp}.http_filters[${i}]`;
    const o = w.obj(x, q, ["name", "typed_config"]);
    const tc = w.obj(o.typed_config, `${q}.typed_config`, o.name === "envoy.filters.http.router" ? ["@type"] : ["@type", "config"]);
    if (tc["@type"] === TYPES.router) {
      if (i !== hf.length - 1) throw new BootstrapError(`${q}: envoy.filters.http.router must be the last filter`);
      return;
    }
    if (tc["@type"] !== TYPES.wasm) throw new BootstrapError(`${q}.typed_config.@type: only ${TYPES.wasm} and ${TYPES.router}`);
    wasm.push(parseWasm(w, tc.config, `${q}.typed_config.config`));
  });
  if (hf.length === 0 || (w.obj(hf[hf.length - 1], "", ["name", "typed_config"]).typed_config as Obj)["@type"] !== TYPES.router) {
    throw new BootstrapError(`${hp}.http_filters: the last filter must be envoy.filters.http.router`);
  }
  if (wasm.length > 1) throw new BootstrapError(`${hp}.http_filters: at most one envoy.filters.http.wasm filter is supported`);
  return {
    name: w.str(l.name, `${p}.name`, `listener_${p}`), address: w.socketAddress(l.address, `${p}.address`),
    bufferLimit: w.num(l.per_connection_buffer_limit_bytes, `${p}.per_connection_buffer_limit_bytes`, 1024 * 1024),
    codec: codec as ListenerConfig["codec"], statPrefix: w.str(hcm.stat_prefix, `${hp}.stat_prefix`, ""), virtualHosts, wasm, tls,
  };
}

function parseWasm(w: Walker, v: unknown, p: string): WasmFilterConfig {
  const c = w.obj(v, p, ["name", "root_id", "vm_config", "configuration", "failure_policy", "fail_open", "allow_on_headers_stop_iteration"]);
  const vm = w.obj(c.vm_config, `${p}.vm_config`, ["vm_id", "runtime", "code", "configuration", "environment_variables", "allow_precompiled"]);
  const runtime = w.str(vm.runtime, `${p}.vm_config.runtime`, "envoy.wasm.runtime.v8");
  if (runtime !== "envoy.wasm.runtime.v8") throw new BootstrapError(`${p}.vm_config.runtime: only envoy.wasm.runtime.v8`);
  const code = w.obj(vm.code, `${p}.vm_config.code`, ["local"]);
  const local = w.obj(code.local, `${p}.vm_config.code.local`, ["filename"]);
  const env: Record<string, string> = {};
  if (vm.environment_variables !== undefined) {
    const ev = w.obj(vm.environment_variables, `${p}.vm_config.environment_variables`, ["key_values"]);
    const kv = w.obj(ev.key_values ?? {}, `${p}.vm_config.environment_variables.key_values`, Object.keys((ev.key_values as Obj) ?? {}));
    for (const [k, x] of Object.entries(kv)) env[k] = w.str(x, `${p}.vm_config.environment_variables.key_values.${k}`);
  }
  let policy = w.str(c.failure_policy, `${p}.failure_policy`, "FAIL_CLOSED");
  if (policy === "UNSPECIFIED") policy = "FAIL_CLOSED";
  if (!["FAIL_CLOSED", "FAIL_OPEN", "FAIL_RELOAD"].includes(policy)) throw new BootstrapError(`${p}.failure_policy: ${policy} unknown`);
  if (w.bool(c.fail_open, `${p}.fail_open`)) policy = "FAIL_OPEN";
  return {
    name: w.str(c.name, `${p}.name`, ""), rootId: w.str(c.root_id, `${p}.root_id`, ""),
    vmId: w.str(vm.vm_id, `${p}.vm_config.vm_id`, ""), filename: w.file(local.filename, `${p}.vm_config.code.local.filename`),
    configuration: anyToText(w, c.configuration, `${p}.configuration`), vmConfiguration: anyToText(w, vm.configuration, `${p}.vm_config.configuration`),
    failurePolicy: policy as FailurePolicy, allowOnHeadersStopIteration: w.bool(c.allow_on_headers_stop_iteration, `${p}.allow_on_headers_stop_iteration`), env,
  };
}

/** google.protobuf.Any with StringValue (the string) or Struct (its JSON text), as Envoy hands it to the filter. */
function anyToText(w: Walker, v: unknown, p: string): string {
  if (v === undefined) return "";
  const o = w.obj(v, p, ["@type", "value"]);
  if (o["@type"] === TYPES.stringValue) return w.str(o.value ?? "", `${p}.value`);
  if (o["@type"] === TYPES.struct) return o.value === undefined ? "{}" : JSON.stringify(w.obj(o.value, `${p}.value`, Object.keys(o.value as Obj)));
  throw new BootstrapError(`${p}.@type: expected ${TYPES.stringValue} or ${TYPES.struct}`);
}

export function loadBootstrapFile(file: string, baseDir = process.cwd()): HostConfig {
  let doc: unknown;
  try { doc = parseYaml(readFileSync(file, "utf8")); } catch (e) { throw new BootstrapError(`${file}: ${(e as Error).message}`); }
  void dirname;
  return parseBootstrap(doc, baseDir);
}

/** MicroWAF's metric labels, encoded in stat names as `key=.=value;.;`, cut into Prometheus labels. */
export const MICROWAF_LABELS = ["direction", "result", "scanner", "route", "detector", "category", "action", "limit", "reason", "local", "peer"];
export const MICROWAF_STATS_TAGS = MICROWAF_LABELS.map((k) => ({ tag_name: k, regex: `(${k}=\\.=(.+?);\\.;)` }));

/** The bootstrap `microwaf proxy --upstream URL` builds for a user with no envoy.yaml. */
export function quickBootstrap(o: { upstream: string; listen: Address; admin: Address; wasm: string; configuration: string }): unknown {
  const u = new URL(o.upstream);
  if (u.protocol !== "http:") throw new BootstrapError(`--upstream: only http:// upstreams (got ${u.protocol})`);
  const sa = (a: Address) => ({ socket_address: { address: a.host, port_value: a.port } });
  return {
    admin: { address: sa(o.admin) },
    stats_config: { stats_tags: MICROWAF_STATS_TAGS },
    static_resources: {
      listeners: [{
        name: "microwaf", address: sa(o.listen),
        filter_chains: [{ filters: [{ name: "envoy.filters.network.http_connection_manager", typed_config: {
          "@type": TYPES.hcm, stat_prefix: "microwaf", codec_type: "AUTO",
          route_config: { name: "local", virtual_hosts: [{ name: "upstream", domains: ["*"], routes: [{ match: { prefix: "/" }, route: { cluster: "upstream", timeout: "0s" } }] }] },
          http_filters: [
            { name: "envoy.filters.http.wasm", typed_config: { "@type": TYPES.wasm, config: {
              name: "microwaf", root_id: "microwaf", vm_config: { vm_id: "microwaf", runtime: "envoy.wasm.runtime.v8", code: { local: { filename: o.wasm } } },
              configuration: { "@type": TYPES.stringValue, value: o.configuration }, failure_policy: "FAIL_CLOSED" } } },
            { name: "envoy.filters.http.router", typed_config: { "@type": TYPES.router } },
          ],
        } }] }],
      }],
      clusters: [{ name: "upstream", type: "STRICT_DNS", connect_timeout: "5s", load_assignment: { cluster_name: "upstream", endpoints: [{ lb_endpoints: [{ endpoint: { address: sa({ host: u.hostname, port: Number(u.port || 80) }) } }] }] } }],
    },
  };
}
