/**
 * `bench/report.md`: the table of medians, min–max and ratios, the targets
 * met and missed, memory per connection, failures, the machine and sizes.
 *
 * @module
 */

import { type Subject, SUBJECTS } from "./config.ts";
import { num, times } from "./format.ts";
import type { BenchRun } from "./results.ts";
import type { Scenario } from "./scenarios.ts";
import { COMPARISONS, pairKey, ratio, type Summary } from "./stats.ts";
import { type Checked, checkTargets } from "./targets.ts";

function row(cells: string[]): string {
  return `| ${cells.join(" | ")} |`;
}

function header(cells: string[]): string[] {
  return [row(cells), row(cells.map(() => "---"))];
}

function cell(s: Summary | undefined): string {
  if (!s) return "";
  if (s.ok === 0) return "failed";
  const range = s.ok > 1 ? ` (${num(s.min)}–${num(s.max)})` : "";
  const partial = s.ok < s.runs ? ` [${s.runs - s.ok} of ${s.runs} failed]` : "";
  return `${num(s.median)}${range}${partial}`;
}

/** The medians table (also printed by `make bench`). */
export function resultsTable(scenarios: readonly Scenario[], sum: Map<string, Summary>): string[] {
  const lines = header(["scenario", "unit", ...SUBJECTS]);
  for (const sc of scenarios) {
    const cells = SUBJECTS.map((subj) => (sc.subjects.includes(subj) ? cell(sum.get(pairKey(sc.id, subj))) : "n/a"));
    lines.push(row([sc.title, sc.unit, ...cells]));
  }
  return lines;
}

/** The ratios table (also printed). */
export function ratioTable(scenarios: readonly Scenario[], sum: Map<string, Summary>): string[] {
  const cols: [Subject, Subject][] = COMPARISONS.flatMap((c) => [[c.subject, c.native], [c.subject, c.js]] as [Subject, Subject][]);
  const lines = header(["scenario", ...cols.map(([a, b]) => `${a} ÷ ${b}`)]);
  for (const sc of scenarios) {
    const cells = cols.map(([a, b]) => (sc.subjects.includes(a) && sc.subjects.includes(b) ? times(ratio(sum, sc, a, b)) : "n/a"));
    lines.push(row([sc.title, ...cells]));
  }
  return lines;
}

function bound(c: Checked): string {
  const t = c.target;
  if (t.against === "memory") return `≤ ${t.max} KiB per idle connection`;
  const base = t.against === "native" ? "native" : t.scenario === "startup" ? "the bare runtime" : "plain JS";
  return t.min !== undefined ? `≥ ${t.min}× ${base}` : `≤ ${t.max}× ${base} (time)`;
}

function verdict(c: Checked): string {
  if (c.met === null) return "not measured";
  const v = c.target.against === "memory" ? `${num(c.value)} KiB` : times(c.value);
  if (c.met) return `${v} met`;
  const t = c.target;
  const by = t.min !== undefined ? (1 - c.value / t.min) * 100 : (c.value / t.max! - 1) * 100;
  return `**${v} missed** by ${by.toFixed(by < 10 ? 1 : 0)}%`;
}

/** The targets table. */
export function targetTable(scenarios: readonly Scenario[], sum: Map<string, Summary>): string[] {
  const checked = checkTargets(scenarios, sum);
  const lines = header(["scenario", "target", ...COMPARISONS.map((c) => c.subject)]);
  for (let i = 0; i < checked.length; i += COMPARISONS.length) {
    const group = checked.slice(i, i + COMPARISONS.length);
    const sc = scenarios.find((s) => s.id === group[0].target.scenario)!;
    lines.push(row([sc.title, bound(group[0]), ...group.map(verdict)]));
  }
  return lines;
}

function pinText(pin: BenchRun["pin"]): string {
  if (pin === "same") return "server and client pinned to the same CPU (`taskset`), so each number is the CPU cost of client + server; start-up is not pinned";
  if (pin === "split") return "server and client pinned to different CPUs (`taskset`)";
  return "not pinned";
}

function machineLines(run: BenchRun): string[] {
  const m = run.machine;
  return [
    `- CPU: ${m.cpu}, ${m.cores} cores; ${m.memoryGiB} GiB RAM; ${m.kernel}`,
    `- ${m.deno.replace(/\n/g, " ")}; Bun ${m.bun}; ${m.gcc}; ${m.clang}`,
    `- CPU placement: ${pinText(run.pin)}`,
    `- load average (1, 5, 15 min) at the start: ${m.loadAtStart || "unknown"}; at the end: ${run.loadAtEnd || "unknown"}` +
    " (anything above 0 is another process competing for the same CPUs)",
    `- sandbox grants (${run.grants.style}): TCP servers \`${run.grants.tcpServer.join(" ")}\`` +
    ` (many connections: also \`${run.grants.manyConnections.join(" ")}\`), UDP server \`${run.grants.udpServer.join(" ")}\`,` +
    ` clients \`${run.grants.client.join(" ")}\``,
  ];
}

/** The whole report. */
export function renderReport(run: BenchRun, scenarios: readonly Scenario[], sum: Map<string, Summary>): string {
  const s = run.sizes;
  const out: string[] = [
    "# sockbox benchmark report",
    "",
    `Written by \`${run.mode === "quick" ? "bench/run.ts --quick" : "make bench"}\` on ${run.started.slice(0, 16).replace("T", " ")} UTC;` +
    ` the run took ${(run.seconds / 60).toFixed(1)} min${run.commit ? ` at commit ${run.commit}` : ""}. Medians of ${s.runs} interleaved run${s.runs > 1 ? "s" : ""}` +
    " (min–max in brackets). Everything runs on this one machine, over loopback, at the same time of day:" +
    " compare ratios, not absolute numbers.",
    "",
    "## Machine",
    "",
    ...machineLines(run),
    "",
    "## Results",
    "",
    ...resultsTable(scenarios, sum),
    "",
    "Subjects: `native` = the C program built with gcc; `sockbox-deno` / `sockbox-bun` = the same C program built with",
    "`sockbox cc` and run by `sockbox run --runtime=deno|bun`; `deno` / `bun` = the plain-JS server a user would write",
    "instead (bench/js/). In 6a/6b the subject is the *client* (the load generator) and the server is native. In 7 the",
    "plain-JS subjects run an empty script and `native` runs the gcc-built hello.",
    "",
    "## Ratios",
    "",
    ...ratioTable(scenarios, sum),
    "",
    "Throughput ratios: higher is better. Start-up ratios are time ratios: lower is better.",
    "",
    "## Targets (issue 6)",
    "",
    ...targetTable(scenarios, sum),
    "",
    "## Host memory per idle connection (scenario 4)",
    "",
    "Growth of the server process's RSS with all connections open and idle, divided by the connection count",
    "(the sandboxed guest's own linear memory is inside that RSS too; the C poll server keeps no per-connection heap).",
    "",
    ...header(["subject", "KiB per connection"]),
    ...SUBJECTS.map((subj) => row([subj, num(sum.get(pairKey("many", subj))?.kibPerConn ?? NaN)])),
    "",
  ];
  const capped = [...new Set(run.samples.filter((x) => x.capped).map((x) => `${x.scenario} / ${x.subject}`))];
  if (capped.length > 0) {
    out.push(
      `Capped at ${s.manyMaxSeconds} s (the rate counts the exchanges completed by then): ${capped.join(", ")}.`,
      "",
    );
  }
  const failed = [...sum.values()].filter((x) => x.failures.length > 0 || x.errors > 0 || x.lost > 0);
  if (failed.length > 0) {
    out.push("## Failures, mismatches and losses", "");
    for (const f of failed) {
      out.push(`- ${f.scenario} / ${f.subject}: ${f.runs - f.ok} of ${f.runs} runs failed; ${f.errors} mismatched replies; ${f.lost} lost datagrams`);
      for (const why of f.failures) out.push(`  - ${why.replace(/\s+/g, " ").slice(0, 400)}`);
    }
    out.push("");
  }
  out.push(
    "## Sizes",
    "",
    `ping-pong ${num(s.pingpong)} round trips; bulk ${num(s.bulkBytes / 2 ** 20)} MiB each way; churn ${num(s.churn)}` +
      ` connections; many ${num(s.manyConns)} connections × ${s.manyPerConn} exchanges (at most ${s.manyMaxSeconds} s); UDP ${num(s.udp)} datagrams` +
      ` (${s.udpTimeoutMs} ms timeout each); start-up: median of ${s.startups} after one untimed. Warm-up before` +
      ` timing: ${num(s.pingpongWarmup)} round trips, ${num(s.bulkWarmup / 2 ** 20)} MiB, ${num(s.churnWarmup)}` +
      ` connections, ${num(s.udpWarmup)} datagrams.`,
    "",
  );
  return out.join("\n");
}
