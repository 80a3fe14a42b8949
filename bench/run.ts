/**
 * The benchmark harness (`make bench`): builds the C programs natively and
 * with `sockbox cc`, runs every scenario against every subject, interleaved,
 * several times, and writes `bench/report.md` and `bench/report.svg` (plus the
 * raw samples in `bench/report.json` and `bench/out/results.json`); prints the tables.
 *
 *   deno run -A bench/run.ts [--quick] [--runs=N] [--out=DIR] [--pin=same|split|none] [--grants=narrow|net]
 *                            [--only=SCENARIO,...] [--subjects=SUBJECT,...] [--from=results.json]
 *
 * `--quick` runs every pairing once with tiny sizes (seconds; used by
 * tests/bench/bench_smoke_test.ts) and writes everything to `--out` (default
 * bench/out/quick) instead of bench/; `--only` and `--subjects` write theirs to
 * `--out` (default bench/out/partial), so that the committed report stays a
 * full run's. Exits 1 when any pairing failed or a
 * reply did not match its request; missed targets are reported, not errors.
 * `--from` measures nothing: it writes the reports again from saved results.
 *
 * @module
 */

import { buildAll } from "./lib/build.ts";
import { FULL_SIZES, OUT_DIR, type Pin, QUICK_SIZES, ROOT, type Sizes, type Subject, SUBJECTS } from "./lib/config.ts";
import { detectGrants, type GrantStyle } from "./lib/grants.ts";
import { commitOf, describeMachine, loadAverage } from "./lib/machine.ts";
import { num } from "./lib/format.ts";
import { ratioTable, renderReport, resultsTable, targetTable } from "./lib/report_md.ts";
import { renderChart } from "./lib/report_svg.ts";
import type { BenchRun } from "./lib/results.ts";
import { type Sample, type Scenario, SCENARIOS } from "./lib/scenarios.ts";
import { stopAllServers } from "./lib/servers.ts";
import { run as runProcess } from "./lib/proc.ts";
import { summarize } from "./lib/stats.ts";

interface Options {
  quick: boolean;
  runs: number | null;
  out: string | null;
  only: string[] | null;
  subjects: Subject[] | null;
  pin: Pin;
  grants: GrantStyle;
  from: string | null;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { quick: false, runs: null, out: null, only: null, subjects: null, pin: "same", grants: "narrow", from: null };
  for (const a of argv) {
    const [k, v] = a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, ""];
    if (k === "--quick") o.quick = true;
    else if (k === "--runs" && /^\d+$/.test(v) && Number(v) > 0) o.runs = Number(v);
    else if (k === "--out" && v) o.out = v;
    else if (k === "--from" && v) o.from = v;
    else if (k === "--only" && v) o.only = v.split(",");
    else if (k === "--pin" && ["same", "split", "none"].includes(v)) o.pin = v as Pin;
    else if (k === "--grants" && (v === "narrow" || v === "net")) o.grants = v;
    else if (k === "--subjects" && v) o.subjects = v.split(",") as Subject[];
    else throw new Error(`unknown or malformed option '${a}' (see the header of bench/run.ts)`);
  }
  for (const id of o.only ?? []) if (!SCENARIOS.some((s) => s.id === id)) throw new Error(`unknown scenario '${id}'`);
  for (const s of o.subjects ?? []) if (!SUBJECTS.includes(s)) throw new Error(`unknown subject '${s}'`);
  return o;
}

async function hasTaskset(): Promise<boolean> {
  try {
    return (await runProcess("taskset", ["-c", "0", "true"], 10_000)).code === 0;
  } catch {
    return false;
  }
}

function log(msg: string): void {
  console.error(`[bench] ${msg}`);
}

/** Rotates `xs` by `k`, so no subject always goes first (interleaving). */
function rotate<T>(xs: readonly T[], k: number): T[] {
  const n = xs.length;
  return xs.map((_, i) => xs[(i + k) % n]);
}

async function measureAll(scenarios: readonly Scenario[], subjects: readonly Subject[], sizes: Sizes, env: Parameters<Scenario["measure"]>[1]): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (let r = 0; r < sizes.runs; r++) {
    for (const sc of scenarios) {
      const who = rotate(sc.subjects.filter((s) => subjects.includes(s)), r);
      for (const subject of who) {
        const t0 = performance.now();
        const m = await sc.measure(subject, env, sizes);
        samples.push({ scenario: sc.id, subject, run: r, ...m });
        const secs = ((performance.now() - t0) / 1000).toFixed(1);
        const what = m.ok ? `${num(m.value)} ${sc.unit}` : `FAILED: ${(m.error ?? "").replace(/\s+/g, " ").slice(0, 300)}`;
        log(`run ${r + 1}/${sizes.runs} ${sc.id.padEnd(15)} ${subject.padEnd(12)} ${what}  (${secs} s)`);
      }
    }
  }
  return samples;
}

/** Writes report.md and report.svg into `dir` and prints the tables. */
function writeReports(run: BenchRun, scenarios: readonly Scenario[], dir: string): void {
  const sum = summarize(scenarios, run.samples);
  Deno.writeTextFileSync(`${dir}/report.md`, renderReport(run, scenarios, sum));
  const m = run.machine;
  const caption = `${m.cpu}, ${m.cores} cores; medians of ${run.sizes.runs} run(s); ${run.started.slice(0, 10)}; see report.md`;
  Deno.writeTextFileSync(`${dir}/report.svg`, renderChart(scenarios, sum, caption));
  console.log([...resultsTable(scenarios, sum), "", ...ratioTable(scenarios, sum), "", ...targetTable(scenarios, sum)].join("\n"));
}

async function main(): Promise<number> {
  const t0 = performance.now();
  const started = new Date().toISOString();
  const opts = parseArgs(Deno.args);
  const sizes: Sizes = { ...(opts.quick ? QUICK_SIZES : FULL_SIZES) };
  if (opts.runs) sizes.runs = opts.runs;
  // A partial run (some scenarios or subjects) must not replace the full run's committed report.
  const partial = opts.only !== null || opts.subjects !== null;
  const outDir = opts.out ?? (opts.quick ? `${OUT_DIR}/quick` : partial ? `${OUT_DIR}/partial` : OUT_DIR);
  const reportDir = opts.quick || opts.out || partial ? outDir : `${ROOT}/bench`;
  Deno.mkdirSync(outDir, { recursive: true });
  if (opts.from) {
    const saved = JSON.parse(Deno.readTextFileSync(opts.from)) as BenchRun;
    if (reportDir !== outDir) Deno.writeTextFileSync(`${reportDir}/report.json`, JSON.stringify(saved, null, 1) + "\n");
    writeReports(saved, SCENARIOS.filter((s) => saved.samples.some((x) => x.scenario === s.id)), reportDir);
    log(`wrote ${reportDir}/report.md and ${reportDir}/report.svg from ${opts.from}`);
    return 0;
  }

  if (opts.pin !== "none" && !(await hasTaskset())) {
    log("taskset (util-linux) is not available: servers and clients run unpinned (--pin=none); expect noisier numbers");
    opts.pin = "none";
  }
  const builds = await buildAll(log);
  const grants = await detectGrants(opts.grants);
  const machine = await describeMachine();
  const commit = await commitOf(ROOT);
  const scenarios = SCENARIOS.filter((s) => !opts.only || opts.only.includes(s.id));
  const subjects = opts.subjects ?? SUBJECTS;
  log(`${opts.quick ? "quick" : "full"} run: ${sizes.runs} run(s) of ${scenarios.length} scenarios × ${subjects.length} subjects, CPU pinning: ${opts.pin}`);

  const samples = await measureAll(scenarios, subjects, sizes, { builds, grants, pin: opts.pin });
  const run: BenchRun = {
    mode: opts.quick ? "quick" : "full",
    started,
    commit,
    seconds: (performance.now() - t0) / 1000,
    machine,
    loadAtEnd: loadAverage(),
    sizes,
    grants,
    pin: opts.pin,
    samples,
  };
  Deno.writeTextFileSync(`${outDir}/results.json`, JSON.stringify(run, null, 1) + "\n");
  if (reportDir !== outDir) Deno.writeTextFileSync(`${reportDir}/report.json`, JSON.stringify(run, null, 1) + "\n");
  writeReports(run, scenarios, reportDir);
  log(`wrote ${reportDir}/report.md, ${reportDir}/report.svg and ${outDir}/results.json in ${(run.seconds / 60).toFixed(1)} min`);
  const bad = samples.filter((s) => !s.ok);
  if (bad.length > 0) log(`${bad.length} of ${samples.length} measurements failed (see the report)`);
  return bad.length > 0 ? 1 : 0;
}

// An interrupted run stops the servers it started (the load generator dies with the terminal's signal or its timeout).
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  Deno.addSignalListener(sig, async () => {
    log(`${sig}: stopping the servers`);
    await stopAllServers();
    Deno.exit(130);
  });
}

Deno.exit(await main());
