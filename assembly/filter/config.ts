// Loads the plugin configuration (a rendered policy, JSON) and compiles it: the policy model, one DetectorSet
// for every pattern detector, and per-route enabled masks. An empty configuration means the embedded default
// policy. Any problem rejects the configuration whole — it is never half-applied.
import { loadPolicy, Policy, Route } from "../policy/index";
import { Direction } from "../policy/model";
import { DetectorDef as PolicyDetector } from "../policy/model";
import { DetectorSet, DetectorDef, ValidatorRef, ValidatorRunner } from "../detect/index";
import { EngineOptions } from "../engine/index";
import { Validators } from "../validators/index";
import { BUILTIN_LIBRARY_JSON, DEFAULT_POLICY_JSON } from "../generated/library";
import { ATTACK_KIND_COUNT } from "../attack/index";
import { ProtoSchema } from "../scan/protoschema";
import { ScanOptions } from "../scan/value";

/** The validators registry, usable where detect/ expects a ValidatorRunner. `run` is restated on purpose:
 *  AssemblyScript 0.27's interface dispatch does not reach a method inherited from a superclass
 *  (the override stub hits `unreachable`). */
export class FilterValidators implements ValidatorRunner {
  private v: Validators = new Validators();
  run(validatorId: i32, param: f64, bytes: Uint8Array, start: i32, end: i32): bool {
    return this.v.run(validatorId, param, bytes, start, end);
  }
}

export class CompiledPolicy {
  policy: Policy;
  /** null when the policy enables no pattern detector */
  detectors: DetectorSet | null = null;
  /** DetectorSet index → policy detector index */
  setToPolicy: i32[] = [];
  /** code detector kind (assembly/attack) → policy detector index */
  codeToPolicy: StaticArray<i32> = new StaticArray<i32>(ATTACK_KIND_COUNT);
  /** enabled masks by DetectorSet index: [route 0 … n-1, default route] × [request, response] */
  private masks: StaticArray<bool>[] = [];
  /** code-detector kind masks, same layout as `masks`; anyPattern: whether a mask has any detector on */
  private codeMasks: i32[] = [];
  private anyPattern: bool[] = [];
  /** where the configuration came from: "default" or "plugin" */
  source: string = "default";
  /** message types and gRPC methods for schema-aware protobuf paths, when the policy carries a descriptor */
  protoSchema: ProtoSchema | null = null;

  constructor(policy: Policy) { this.policy = policy; }

  private opts: ScanOptions | null = null;
  /** Scanner limits from the policy (shared by every stream; scanners only read them). */
  get scanOptions(): ScanOptions {
    let o = this.opts;
    if (o === null) {
      o = new ScanOptions();
      o.maxInflatedBytes = this.policy.body.maxInflatedBytes;
      this.opts = o;
    }
    return o;
  }

  /** Enabled pattern detectors for a route and direction (indexed by DetectorSet index). */
  enabledMask(route: Route, dir: Direction): StaticArray<bool> {
    return unchecked(this.masks[this.maskIndex(route, dir)]);
  }

  /** True if any detector (pattern or code) is enabled for the route and direction. */
  anyEnabled(route: Route, dir: Direction): bool {
    const i = this.maskIndex(route, dir);
    return unchecked(this.codeMasks[i]) != 0 || unchecked(this.anyPattern[i]);
  }

  /** Code detectors (attack/leak kinds) enabled for a route and direction: bit per kind. */
  codeMaskFor(route: Route, dir: Direction): i32 {
    return unchecked(this.codeMasks[this.maskIndex(route, dir)]);
  }

  @inline private maskIndex(route: Route, dir: Direction): i32 {
    const r = route.index >= 0 ? route.index : this.policy.routes.length;
    return r * 2 + (dir == Direction.Response ? 1 : 0);
  }

  private codeMaskOf(ids: i32[]): i32 {
    let m = 0;
    for (let i = 0; i < ids.length; i++) {
      const k = this.policy.detectors[ids[i]].codeKind;
      if (k >= 0) m |= 1 << k;
    }
    return m;
  }

  describe(): string {
    const n = this.detectors === null ? 0 : changetype<DetectorSet>(this.detectors).count;
    return "source=" + this.source + " mode=" + (this.policy.monitor ? "monitor" : "enforce") +
      " detectors=" + this.policy.detectors.length.toString() + " patterns=" + n.toString() +
      " routes=" + this.policy.routes.length.toString();
  }

  compileMasks(): void {
    const routes = this.policy.routes;
    for (let r = 0; r <= routes.length; r++) {
      const route = r < routes.length ? routes[r] : this.policy.defaultRoute;
      // computed once per policy: the stream asks on every request
      for (let d = 0; d < 2; d++) {
        const ids = d == 0 ? route.requestDetectors : route.responseDetectors;
        const m = this.maskOf(ids);
        let any = false;
        for (let i = 0; i < m.length && !any; i++) any = unchecked(m[i]);
        this.masks.push(m);
        this.anyPattern.push(any);
        this.codeMasks.push(this.codeMaskOf(ids));
      }
    }
  }

  private maskOf(policyIndexes: i32[]): StaticArray<bool> {
    const n = this.setToPolicy.length;
    const m = new StaticArray<bool>(n);
    for (let i = 0; i < n; i++) m[i] = policyIndexes.includes(this.setToPolicy[i]);
    return m;
  }
}

export class LoadResult {
  config: CompiledPolicy | null = null;
  error: string = "";
}

function toDetectDef(d: PolicyDetector): DetectorDef {
  const out = new DetectorDef(d.id, d.hasPattern ? d.pattern : "");
  out.severity = <i32>d.severity;
  out.literals = d.literals;
  out.caseInsensitive = d.caseInsensitive;
  for (let i = 0; i < d.validators.length; i++) {
    const v = d.validators[i];
    out.validators.push(new ValidatorRef(v.id, v.hasParam ? v.param : 0));
  }
  out.require = d.keysRequire;
  out.boost = d.keysBoost;
  out.exclude = d.keysExclude;
  out.contextOnly = d.contextOnly;
  out.except = d.except;
  return out;
}

export function loadConfig(text: string, engineOptions: EngineOptions = new EngineOptions()): LoadResult {
  const out = new LoadResult();
  const isDefault = text.trim().length == 0;
  const load = loadPolicy(isDefault ? DEFAULT_POLICY_JSON : text, BUILTIN_LIBRARY_JSON);
  if (load.policy === null) {
    out.error = load.error;
    return out;
  }
  const policy = changetype<Policy>(load.policy);
  const compiled = new CompiledPolicy(policy);
  compiled.source = isDefault ? "default" : "plugin";
  // Only enabled pattern detectors are compiled: a policy pays for what it uses.
  const used = new StaticArray<bool>(policy.detectors.length);
  markUsed(policy, used);
  const defs = new Array<DetectorDef>();
  for (let i = 0; i < policy.detectors.length; i++) {
    const d = policy.detectors[i];
    if (d.codeKind >= 0 && d.codeKind < ATTACK_KIND_COUNT) compiled.codeToPolicy[d.codeKind] = i;
    if (d.codeKind >= 0 || !used[i]) continue;
    defs.push(toDetectDef(d));
    compiled.setToPolicy.push(i);
  }
  if (defs.length > 0) {
    const built = DetectorSet.build(defs, new FilterValidators(), engineOptions);
    if (!built.ok) {
      out.error = built.error;
      return out;
    }
    compiled.detectors = built.set;
  }
  if (policy.protobufDescriptor.length > 0) {
    const schema = ProtoSchema.fromJson(policy.protobufDescriptor);
    if (schema.error.length > 0) {
      out.error = "$.protobuf.descriptor: " + schema.error;
      return out;
    }
    compiled.protoSchema = schema;
  }
  compiled.compileMasks();
  out.config = compiled;
  return out;
}

/** Marks the detectors any route enables in either direction. */
function markUsed(policy: Policy, used: StaticArray<bool>): void {
  for (let r = 0; r <= policy.routes.length; r++) {
    const route = r < policy.routes.length ? policy.routes[r] : policy.defaultRoute;
    for (let i = 0; i < route.requestDetectors.length; i++) used[route.requestDetectors[i]] = true;
    for (let i = 0; i < route.responseDetectors.length; i++) used[route.responseDetectors[i]] = true;
  }
}
