// From one message's findings to actions. A rule fires when the message carries at least `threshold`
// findings of the detectors it covers (so `pii.*` with threshold 25 counts PII of every kind together);
// each finding takes the strongest action among its fired rules; the message takes the strongest of all.
// Monitor mode keeps what *would* have happened and applies only alert.
import { Policy, Route, Rule } from "../policy/index";
import { Action, Direction, Redact } from "../policy/model";
import { StreamFinding } from "./inspect";

// Most messages carry no findings: their decision shares these (never written: indexed by finding).
const NO_ACTIONS: Action[] = [];
const NO_RULES: Array<Rule | null> = [];

export class Decision {
  /** strongest action the rules asked for (before monitor mode) */
  wanted: Action = Action.Alert;
  /** what is applied: `wanted`, or Alert in monitor mode */
  applied: Action = Action.Alert;
  /** per finding: the action its rules asked for (shared and empty when there are no findings) */
  actions: Action[] = NO_ACTIONS;
  /** per finding: the rule that decided it (its redact style), or null */
  rules: Array<Rule | null> = NO_RULES;
  /** the finding that caused a block (index), or -1 */
  blockBy: i32 = -1;
  status: i32 = 403;
  /** set when a budget (limit) decided the block: "budget:<limit name>" */
  reason: string = "";
  /** findings before this index kept the actions of this stream's previous decision (StreamDecider), which
   *  were acted on then; 0 for a decision made from scratch */
  judgedFrom: i32 = 0;
}

class RuleCount {
  constructor(public rule: Rule, public count: i32) {}
}

/** The decision of every message without findings (most of them): alert, nothing to act on. Shared, so never
 *  written: what changes a decision (a budget, an unredactable value, the stream decider) needs findings. */
const NOTHING_FOUND = new Decision();

export function decide(policy: Policy, route: Route, dir: Direction, findings: StreamFinding[]): Decision {
  if (findings.length == 0) return NOTHING_FOUND; // most messages (applied: Alert, in either mode)
  return new StreamDecider().decide(policy, route, dir, findings); // all findings judged at once
}

/**
 * Decisions while a body streams (past hold_bytes it is judged at every chunk) over findings that only grow:
 * rule counts carry over and only the new findings are judged, unless a rule reached its threshold with them
 * (then every finding is judged again, at most once per rule). decide() from scratch at every chunk was
 * O(findings) per chunk, quadratic over a large body. The final decision, made once the findings are sorted,
 * is decide()'s (a fresh decider fed them all). Fed in batches, it decides as it would fed all at once: a
 * finding's action depends only on which of its rules reached their thresholds, and counts only grow.
 */
export class StreamDecider {
  private counts: RuleCount[] = [];
  private d: Decision = new Decision();
  private judged: i32 = 0;

  decide(policy: Policy, route: Route, dir: Direction, findings: StreamFinding[]): Decision {
    const d = this.d;
    const n = findings.length;
    let crossed = false;
    for (let i = this.judged; i < n; i++) {
      const rules = policy.rulesFor(route, findings[i].detector, dir);
      for (let k = 0; k < rules.length; k++) {
        const r = rules[k];
        let c: RuleCount | null = null;
        for (let j = 0; j < this.counts.length && c === null; j++) if (this.counts[j].rule == r) c = this.counts[j];
        if (c === null) { c = new RuleCount(r, 0); this.counts.push(c); }
        c.count++;
        if (c.count == r.threshold) crossed = true;
      }
    }
    const from = crossed ? 0 : this.judged;
    if (d.actions === NO_ACTIONS && n > 0) { d.actions = []; d.rules = []; }
    if (from == 0) d.blockBy = -1;
    for (let i = from; i < n; i++) {
      const rules = policy.rulesFor(route, findings[i].detector, dir);
      let action = Action.Alert;
      let decidedBy: Rule | null = null;
      for (let k = 0; k < rules.length; k++) {
        const r = rules[k];
        if (countOf(this.counts, r) < r.threshold) continue;
        if (decidedBy === null || <i32>r.action > <i32>action) { action = r.action; decidedBy = r; }
      }
      if (i < d.actions.length) { d.actions[i] = action; d.rules[i] = decidedBy; }
      else { d.actions.push(action); d.rules.push(decidedBy); }
      if (<i32>action > <i32>d.wanted) d.wanted = action;
      if (action == Action.Block && d.blockBy < 0) {
        d.blockBy = i;
        d.status = changetype<Rule>(decidedBy).status;
      }
    }
    d.judgedFrom = from;
    this.judged = n;
    d.applied = policy.effectiveAction(d.wanted);
    return d;
  }
}

function countOf(counts: RuleCount[], r: Rule): i32 {
  for (let j = 0; j < counts.length; j++) if (counts[j].rule == r) return counts[j].count;
  return 0;
}

export function actionName(a: Action): string {
  return a == Action.Block ? "block" : a == Action.Redact ? "redact" : "alert";
}

/** The evidence/metric label: the applied action, or "would_<action>" in monitor mode. */
export function reportedAction(policy: Policy, a: Action): string {
  if (policy.monitor && a != Action.Alert) return "would_" + actionName(a);
  return actionName(a);
}

/** The redaction style of a finding's deciding rule (mask by default). */
export function redactOf(rule: Rule | null): Redact {
  return rule === null ? new Redact() : rule.redact;
}
