/**
 * From samples to the report's numbers: medians and min–max per pairing,
 * and the ratios of the sandboxed subjects to their baselines.
 *
 * @module
 */

import type { Subject } from "./config.ts";
import type { Sample, Scenario, ScenarioId } from "./scenarios.ts";

/** Median of a non-empty list. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** One pairing's results over all runs. */
export interface Summary {
  scenario: ScenarioId;
  subject: Subject;
  /** Runs that completed with every byte checked. */
  ok: number;
  /** Runs attempted. */
  runs: number;
  /** Median, min and max of the completed runs' values (NaN when none completed). */
  median: number;
  min: number;
  max: number;
  /** Mismatched replies over all runs. */
  errors: number;
  /** UDP datagrams lost over all runs. */
  lost: number;
  /** Median server RSS growth per idle connection, KiB (many connections only). */
  kibPerConn?: number;
  /** Distinct failure reasons. */
  failures: string[];
}

/** Key of a pairing in maps. */
export function pairKey(scenario: ScenarioId, subject: Subject): string {
  return `${scenario}/${subject}`;
}

/** Summarizes every pairing of `scenarios` from `samples`. */
export function summarize(scenarios: readonly Scenario[], samples: Sample[]): Map<string, Summary> {
  const out = new Map<string, Summary>();
  for (const sc of scenarios) {
    for (const subject of sc.subjects) {
      const mine = samples.filter((s) => s.scenario === sc.id && s.subject === subject);
      if (mine.length === 0) continue;
      const good = mine.filter((s) => s.ok);
      const values = good.map((s) => s.value);
      const kib = good.filter((s) => s.kibPerConn !== undefined).map((s) => s.kibPerConn!);
      out.set(pairKey(sc.id, subject), {
        scenario: sc.id,
        subject,
        ok: good.length,
        runs: mine.length,
        median: values.length ? median(values) : NaN,
        min: values.length ? Math.min(...values) : NaN,
        max: values.length ? Math.max(...values) : NaN,
        errors: mine.reduce((a, s) => a + s.errors, 0),
        lost: mine.reduce((a, s) => a + (s.lost ?? 0), 0),
        kibPerConn: kib.length ? median(kib) : undefined,
        failures: [...new Set(mine.filter((s) => !s.ok).map((s) => s.error ?? "failed"))],
      });
    }
  }
  return out;
}

/** A sandboxed subject and the baselines it is compared with. */
export const COMPARISONS: readonly { subject: Subject; native: Subject; js: Subject }[] = [
  { subject: "sockbox-deno", native: "native", js: "deno" },
  { subject: "sockbox-bun", native: "native", js: "bun" },
];

/**
 * The ratio of `subject` to `baseline` in a scenario, as the report states
 * it: rate ÷ rate for throughput (higher is better), time ÷ time for
 * start-up (lower is better). NaN when either is missing.
 */
export function ratio(sum: Map<string, Summary>, sc: Scenario, subject: Subject, baseline: Subject): number {
  const a = sum.get(pairKey(sc.id, subject)), b = sum.get(pairKey(sc.id, baseline));
  if (!a || !b || !(a.ok > 0) || !(b.ok > 0)) return NaN;
  return a.median / b.median;
}

/** The ratio turned into "how fast sockbox is relative to the baseline" (higher is better), for the chart. */
export function speed(sum: Map<string, Summary>, sc: Scenario, subject: Subject, baseline: Subject): number {
  const r = ratio(sum, sc, subject, baseline);
  return sc.higherIsBetter ? r : 1 / r;
}
