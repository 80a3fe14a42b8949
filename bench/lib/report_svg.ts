/**
 * `bench/report.svg`: a hand-written horizontal bar chart of the ratios of
 * the sandboxed subjects to their baselines, with each issue-6 target marked.
 * Every bar is a speed ratio (higher is better); for start-up that is the bare
 * runtime's time ÷ sockbox's time.
 *
 * @module
 */

import type { Subject } from "./config.ts";
import { times } from "./format.ts";
import type { Scenario } from "./scenarios.ts";
import { COMPARISONS, speed, type Summary } from "./stats.ts";
import { TARGETS } from "./targets.ts";

/** Chart geometry (px). */
const LAYOUT = {
  width: 960,
  labelWidth: 300,
  right: 70,
  top: 70,
  rowHeight: 40,
  barHeight: 13,
  bottom: 50,
} as const;

/** Bar colours per sandboxed subject. */
const COLOURS: Record<string, string> = { "sockbox-deno": "#2a7f7a", "sockbox-bun": "#c9822b" };
const TARGET_COLOUR = "#c0392b";
const GRID_COLOUR = "#dddddd";
const FONT = "font-family=\"Helvetica, Arial, sans-serif\"";

interface ChartRow {
  label: string;
  /** One value per {@link COMPARISONS} entry (NaN: not measured). */
  values: number[];
  /** The target in speed terms, if any. */
  target?: number;
}

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function rows(scenarios: readonly Scenario[], sum: Map<string, Summary>): ChartRow[] {
  const out: ChartRow[] = [];
  for (const sc of scenarios) {
    for (const against of ["native", "js"] as const) {
      const baselines: Subject[] = COMPARISONS.map((c) => (against === "native" ? c.native : c.js));
      if (!baselines.every((b) => sc.subjects.includes(b))) continue;
      if (sc.id === "startup" && against === "native") continue; // the target is against the bare runtime
      const t = TARGETS.find((x) => x.scenario === sc.id && x.against === against);
      const target = t ? (t.min ?? (t.max !== undefined ? 1 / t.max : undefined)) : undefined;
      const base = against === "native" ? "native" : sc.id === "startup" ? "bare runtime" : "plain JS";
      out.push({
        label: `${sc.short} vs ${base}`,
        values: COMPARISONS.map((c, i) => speed(sum, sc, c.subject, baselines[i])),
        target,
      });
    }
  }
  return out;
}

/** Renders the chart. */
export function renderChart(scenarios: readonly Scenario[], sum: Map<string, Summary>, caption: string): string {
  const data = rows(scenarios, sum);
  const L = LAYOUT;
  const plotW = L.width - L.labelWidth - L.right;
  const height = L.top + data.length * L.rowHeight + L.bottom;
  const finite = data.flatMap((r) => r.values).filter(Number.isFinite);
  const xMax = Math.min(4, Math.max(1.25, Math.ceil(Math.max(0, ...finite) * 4) / 4));
  const x = (v: number) => L.labelWidth + (Math.min(v, xMax) / xMax) * plotW;
  const o: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${L.width}" height="${height}" viewBox="0 0 ${L.width} ${height}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${L.width / 2}" y="24" text-anchor="middle" font-size="16" font-weight="bold" ${FONT}>sockbox ÷ baseline, higher is better (1.0 = as fast)</text>`,
  ];
  let lx = L.labelWidth;
  for (const c of COMPARISONS) {
    o.push(`<rect x="${lx}" y="38" width="14" height="10" fill="${COLOURS[c.subject]}"/>`);
    o.push(`<text x="${lx + 20}" y="47" font-size="12" ${FONT}>${c.subject}</text>`);
    lx += 130;
  }
  o.push(`<line x1="${lx}" y1="36" x2="${lx}" y2="50" stroke="${TARGET_COLOUR}" stroke-width="3"/>`);
  o.push(`<text x="${lx + 8}" y="47" font-size="12" ${FONT}>issue-6 target</text>`);
  const plotBottom = L.top + data.length * L.rowHeight;
  for (let v = 0; v <= xMax + 1e-9; v += 0.25) {
    const strong = Math.abs(v - 1) < 1e-9;
    o.push(`<line x1="${x(v)}" y1="${L.top - 6}" x2="${x(v)}" y2="${plotBottom}" stroke="${strong ? "#555555" : GRID_COLOUR}" stroke-width="${strong ? 1.5 : 1}"/>`);
    if (Math.abs(v * 2 - Math.round(v * 2)) < 1e-9) {
      o.push(`<text x="${x(v)}" y="${plotBottom + 16}" text-anchor="middle" font-size="11" ${FONT}>${v.toFixed(1)}</text>`);
    }
  }
  data.forEach((r, i) => {
    const y0 = L.top + i * L.rowHeight;
    o.push(`<text x="${L.labelWidth - 10}" y="${y0 + L.rowHeight / 2 + 4}" text-anchor="end" font-size="12" ${FONT}>${esc(r.label)}</text>`);
    r.values.forEach((v, j) => {
      const y = y0 + 6 + j * (L.barHeight + 2);
      const subject = COMPARISONS[j].subject;
      if (!Number.isFinite(v)) {
        o.push(`<text x="${L.labelWidth + 4}" y="${y + L.barHeight - 3}" font-size="11" fill="#888888" ${FONT}>${subject}: not measured</text>`);
        return;
      }
      o.push(`<rect x="${L.labelWidth}" y="${y}" width="${Math.max(1, x(v) - L.labelWidth).toFixed(1)}" height="${L.barHeight}" fill="${COLOURS[subject]}"/>`);
      o.push(`<text x="${x(v) + 4}" y="${y + L.barHeight - 3}" font-size="11" ${FONT}>${times(v)}${v > xMax ? " →" : ""}</text>`);
    });
    if (r.target !== undefined) {
      o.push(`<line x1="${x(r.target)}" y1="${y0 + 3}" x2="${x(r.target)}" y2="${y0 + L.rowHeight - 5}" stroke="${TARGET_COLOUR}" stroke-width="3"/>`);
    }
  });
  o.push(`<text x="${L.width / 2}" y="${height - 12}" text-anchor="middle" font-size="11" fill="#555555" ${FONT}>${esc(caption)}</text>`);
  o.push("</svg>");
  return o.join("\n") + "\n";
}
