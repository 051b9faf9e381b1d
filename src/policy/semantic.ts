// Checks beyond the schema: names that resolve to nothing, clashes, the regex subset, unreachable routes,
// conflicting rules, durations, validators. Each problem is reported at its place in the YAML source.
import { isIP } from "node:net";
import { idGlobMatches, pathGlobError } from "./glob.ts";
import type { Library } from "./library.ts";
import type { Policy, Rule } from "./model.ts";
import { parseDuration } from "./normalize.ts";
import { checkRegexSubset } from "./regex.ts";
import { compareSpecificity, routeCovers, routeSpecificity, selectorCover } from "./routes.ts";
import { suggest } from "./schema.ts";
import { pathText, type PathSeg, type PolicySource } from "./source.ts";
import { VALIDATORS } from "./validators.ts";

type Raw = Record<string, any>;

export function checkSemantics(src: PolicySource, raw: Raw, policy: Policy, lib: Library): void {
  const customIds = policy.detectors.map((d) => d.id);
  const allIds = [...lib.ids, ...customIds.filter((id) => !lib.has(id))];
  const line = (path: PathSeg[]) => src.at(src.offsetOf(path), "").line;
  const validators = VALIDATORS;

  // Custom detectors.
  const seen = new Map<string, number>();
  policy.detectors.forEach((d, i) => {
    const at: PathSeg[] = ["detectors", i];
    if (lib.has(d.id)) src.report([...at, "id"], `"${d.id}" clashes with a built-in detector; pick another id (e.g. custom.${d.id.split(".").slice(1).join("_")})`);
    else if (seen.has(d.id)) src.report([...at, "id"], `duplicate detector id "${d.id}" (first defined at line ${line(["detectors", seen.get(d.id)!])})`);
    seen.set(d.id, i);
    if (d.pattern !== null) {
      const e = checkRegexSubset(d.pattern);
      if (e) src.report([...at, "pattern"], `${e.message} (at offset ${e.offset})`, { index: e.offset });
    }
    d.validators.forEach((v, j) => {
      const vp: PathSeg[] = [...at, "validators", j];
      const known = validators[v.name];
      if (!known) src.report(vp, `unknown validator "${v.name}"${suggest(v.name, Object.keys(validators))}; known: ${Object.keys(validators).join(", ")}`);
      else if (known.param === null && v.param !== null) src.report(vp, `validator "${v.name}" takes no parameter`);
    });
    if (d.context_only && d.keys.require.length === 0 && d.keys.boost.length === 0) {
      src.report([...at, "context_only"], "needs keys.require or keys.boost: without them the detector never fires", { key: true });
    }
  });

  // Selectors that resolve to nothing.
  const checkSelectors = (globs: string[], path: PathSeg[]) => {
    globs.forEach((g, i) => {
      const neg = g.startsWith("!");
      const glob = neg ? g.slice(1) : g;
      if (!allIds.some((id) => idGlobMatches(glob, id))) {
        src.report([...path, i], `"${g}" matches no detector${suggest(glob, allIds)}`);
      }
    });
  };
  checkSelectors(policy.enable, ["enable"]);
  const checkRules = (rules: Rule[], base: PathSeg[]) => {
    rules.forEach((r, i) => {
      const at: PathSeg[] = [...base, i];
      checkSelectors(r.detectors, [...at, "detectors"]);
      const rr = raw0(raw, at);
      if (rr.redact !== undefined && r.action !== "redact") src.report([...at, "redact"], `redact options given, but the action is ${r.action}`, { key: true });
      if (rr.status !== undefined && r.action !== "block") src.report([...at, "status"], `status given, but the action is ${r.action} (only block replies)`, { key: true });
      if (rr.redact?.keep !== undefined && r.redact.style !== "keep_last") src.report([...at, "redact", "keep"], `"keep" applies to style keep_last, not ${r.redact.style}`, { key: true });
      if (rr.redact?.text !== undefined && r.redact.style !== "fixed") src.report([...at, "redact", "text"], `"text" applies to style fixed, not ${r.redact.style}`, { key: true });
      const covered = allIds.filter((id) => selectorCover(r.detectors, id) >= 0);
      const attackOnly = covered.length > 0 && covered.every((id) => id.startsWith("attack."));
      const leakOnly = covered.length > 0 && covered.every((id) => id.startsWith("leak."));
      if (attackOnly && r.action === "redact") src.report([...at, "action"], "attack detectors run on requests and cannot be redacted: use alert or block");
      if (attackOnly && r.direction === "response") src.report([...at, "direction"], "attack detectors only inspect requests: use direction request");
      if (leakOnly && r.direction === "request") src.report([...at, "direction"], "leak detectors only inspect responses: use direction response");
    });
    // Conflicts: same detector, overlapping direction, same threshold, equally specific selectors, different outcome.
    for (let j = 0; j < rules.length; j++) {
      for (let i = 0; i < j; i++) {
        const a = rules[i], b = rules[j];
        if (a.threshold !== b.threshold) continue;
        const dirs = (["request", "response"] as const).filter((d) => (a.direction === "both" || a.direction === d) && (b.direction === "both" || b.direction === d));
        if (dirs.length === 0) continue;
        const same = a.action === b.action && JSON.stringify(a.redact) === JSON.stringify(b.redact) && a.status === b.status;
        const clash = allIds.find((id) => {
          const sa = selectorCover(a.detectors, id), sb = selectorCover(b.detectors, id);
          return sa >= 0 && sa === sb;
        });
        if (!clash) continue;
        const what = same ? `duplicates ${pathText([...base, i])} (line ${line([...base, i])})` :
          `conflicts with ${pathText([...base, i])} (line ${line([...base, i])}): both decide ${clash} on ${dirs.join(" and ")} at threshold ${a.threshold} (${a.action} vs ${b.action})`;
        src.report([...base, j], `${what}; make one selector more specific, change a threshold or merge them`);
        break;
      }
    }
  };
  checkRules(policy.rules, ["rules"]);

  // Routes.
  policy.routes.forEach((r, i) => {
    const at: PathSeg[] = ["routes", i];
    const pe = pathGlobError(r.match.path);
    if (pe) src.report([...at, "match", "path"], pe.message, { index: pe.offset });
    checkSelectors(r.enable, [...at, "enable"]);
    checkRules(r.rules, [...at, "rules"]);
  });
  policy.routes.forEach((b, j) => {
    const sb = routeSpecificity(b);
    for (let i = 0; i < policy.routes.length; i++) {
      if (i === j) continue;
      const a = policy.routes[i];
      const cmp = compareSpecificity(routeSpecificity(a), sb);
      if (!(cmp > 0 || (cmp === 0 && i < j))) continue;
      if (!routeCovers(a, b)) continue;
      src.report(["routes", j], `route "${b.name}" is unreachable: route "${a.name}" (line ${line(["routes", i])}) matches everything it matches and ${cmp > 0 ? "is more specific" : "is as specific and comes first"}`);
      break;
    }
  });

  // Limits.
  const groups = new Set(["default", ...policy.routes.map((r) => r.name)]);
  policy.limits.forEach((l, i) => {
    const at: PathSeg[] = ["limits", i];
    checkSelectors(l.detectors, [...at, "detectors"]);
    const ms = parseDuration(raw.limits[i].window);
    if (!(ms >= 1000 && ms <= 86400000)) src.report([...at, "window"], `${JSON.stringify(raw.limits[i].window)} must be between 1s and 24h`);
    l.routes.forEach((g, k) => {
      if (!groups.has(g)) src.report([...at, "routes", k], `unknown route group "${g}"${suggest(g, [...groups])}`);
    });
    if (l.per === "route" && l.routes.length === 1) src.report([...at, "per"], "per: route with a single route group is one shared budget; use per: token or per: peer_service, or list several groups");
  });
  const limitNames = new Map<string, number>();
  policy.limits.forEach((l, i) => {
    if (limitNames.has(l.name)) src.report(["limits", i, "name"], `duplicate limit name "${l.name}" (first at line ${line(["limits", limitNames.get(l.name)!])})`);
    limitNames.set(l.name, i);
  });

  // Blocklists.
  policy.blocklists.ips.forEach((ip, i) => {
    if (!validCidr(ip)) src.report(["blocklists", "ips", i], `"${ip}" is not an IP address or CIDR range`);
  });
  policy.blocklists.paths.forEach((p, i) => {
    const e = pathGlobError(p);
    if (e) src.report(["blocklists", "paths", i], e.message, { index: e.offset });
  });

  // Body.
  const b = policy.body;
  if (raw.body?.hold_bytes !== undefined && b.hold_bytes > b.max_bytes) src.report(["body", "hold_bytes"], `${b.hold_bytes} is larger than max_bytes (${b.max_bytes})`);
  if (raw.body?.max_inflated_bytes !== undefined && b.compressed !== "inflate") src.report(["body", "max_inflated_bytes"], `max_inflated_bytes applies only with compressed: inflate (here: ${b.compressed})`, { key: true });
}

function raw0(raw: Raw, path: PathSeg[]): Raw {
  let cur: any = raw;
  for (const p of path) cur = cur?.[p];
  return cur ?? {};
}

export function validCidr(s: string): boolean {
  const [addr, bits, extra] = s.split("/");
  if (extra !== undefined) return false;
  const v = isIP(addr);
  if (v === 0) return false;
  if (bits === undefined) return true;
  if (!/^\d+$/.test(bits)) return false;
  return Number(bits) <= (v === 4 ? 32 : 128);
}
