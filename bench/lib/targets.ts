/**
 * The targets of issue 6, checked against one run's summaries.
 *
 * @module
 */

import type { Subject } from "./config.ts";
import type { Scenario, ScenarioId } from "./scenarios.ts";
import { COMPARISONS, pairKey, ratio, type Summary } from "./stats.ts";

/** One target: a ratio bound against a baseline, or a memory bound. */
export interface Target {
  scenario: ScenarioId;
  /** "native": the gcc build; "js": the plain-JS program on the same runtime; "memory": KiB per idle connection. */
  against: "native" | "js" | "memory";
  /** The bound: ratio ≥ min (throughput), ratio ≤ max (start-up time, memory). */
  min?: number;
  max?: number;
}

/** Issue 6's targets. The client direction (6) is held to the same bounds as 1 and 2 against native. */
export const TARGETS: readonly Target[] = [
  { scenario: "pingpong", against: "js", min: 0.95 },
  { scenario: "pingpong", against: "native", min: 0.85 },
  { scenario: "bulk", against: "native", min: 0.95 },
  { scenario: "churn", against: "js", min: 0.8 },
  { scenario: "many", against: "js", min: 0.8 },
  { scenario: "many", against: "memory", max: 32 },
  { scenario: "udp", against: "js", min: 0.95 },
  { scenario: "udp", against: "native", min: 0.85 },
  { scenario: "client-pingpong", against: "native", min: 0.85 },
  { scenario: "client-bulk", against: "native", min: 0.95 },
  { scenario: "startup", against: "js", max: 1.5 },
];

/** A target checked for one sandboxed subject. */
export interface Checked {
  target: Target;
  subject: Subject;
  /** The baseline compared with (none for memory). */
  baseline: Subject | null;
  /** The measured ratio (or KiB per connection); NaN when not measured. */
  value: number;
  /** Whether the bound holds; null when not measured. */
  met: boolean | null;
}

/** Checks every target for every sandboxed subject. */
export function checkTargets(scenarios: readonly Scenario[], sum: Map<string, Summary>): Checked[] {
  const out: Checked[] = [];
  for (const t of TARGETS) {
    const sc = scenarios.find((s) => s.id === t.scenario);
    if (!sc) continue;
    for (const c of COMPARISONS) {
      let value: number, baseline: Subject | null = null;
      if (t.against === "memory") {
        value = sum.get(pairKey(sc.id, c.subject))?.kibPerConn ?? NaN;
      } else {
        baseline = t.against === "native" ? c.native : c.js;
        value = ratio(sum, sc, c.subject, baseline);
      }
      const met = Number.isNaN(value) ? null : (t.min === undefined || value >= t.min) && (t.max === undefined || value <= t.max);
      out.push({ target: t, subject: c.subject, baseline, value, met });
    }
  }
  return out;
}
