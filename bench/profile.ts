/**
 * Profiles one subject in one scenario: runs the server (or, for the client
 * direction, the sandboxed client) under the JS runtime's CPU profiler, drives
 * it with the native load generator, and prints where the time went (by layer,
 * file and function, see lib/cpuprofile.ts) plus the process's CPU time per
 * operation from /proc.
 *
 *   deno run -A bench/profile.ts SUBJECT SCENARIO [--n=N] [--interval=US] [--pin=split|same|none]
 *                                [--no-prof] [--out=DIR]
 *
 * SUBJECT: sockbox-deno, sockbox-bun, deno, bun (plain JS, for comparison),
 * native (CPU time only). `--no-prof` measures CPU time per operation without
 * the profiler's overhead. `--n` is round trips, bytes (bulk), or exchanges
 * per connection (many). The default placement is `split` (server and client
 * on different CPUs): the profilers sample wall time, so with both on one CPU
 * the client's turns would be charged to whatever the server was in (usually
 * `op_write`, whose wake-up hands the CPU to the client).
 * SCENARIO: pingpong, bulk, churn, many, udp, client-pingpong, client-bulk.
 * Writes the raw .cpuprofile and the summary (.md) to DIR (default bench/out/profile).
 * The sandboxed program gets `--allow-net`, so on Deno the guest runs on the
 * main thread, which is the thread `--cpu-prof` profiles.
 *
 * @module
 */

import { buildAll } from "./lib/build.ts";
import { BIN, LOOPBACK, OUT_DIR, type Pin, pinPrefix, ROOT } from "./lib/config.ts";
import { analyze, type CpuProfile, renderBreakdown } from "./lib/cpuprofile.ts";
import { detectGrants } from "./lib/grants.ts";
import { lastJson, run, tail } from "./lib/proc.ts";
import { type RunningServer, spawnServer, startServer } from "./lib/servers.ts";

type ProfSubject = "native" | "sockbox-deno" | "sockbox-bun" | "deno" | "bun";
const SCENARIOS = ["pingpong", "bulk", "churn", "many", "udp", "client-pingpong", "client-bulk"] as const;
type ProfScenario = typeof SCENARIOS[number];

/** Default work per scenario: enough samples at the default 250 µs interval. */
const DEFAULT_N: Record<ProfScenario, number> = {
  pingpong: 50_000, bulk: 512 << 20, churn: 5_000, many: 50, udp: 50_000, "client-pingpong": 50_000, "client-bulk": 512 << 20,
};
const MANY_CONNS = 1000;
const TIMEOUT_MS = 300_000;
/** Linux's USER_HZ: /proc/PID/stat counts CPU time in these ticks. */
const CLOCK_TICKS_PER_S = 100;

function usage(): never {
  console.error("usage: deno run -A bench/profile.ts native|sockbox-deno|sockbox-bun|deno|bun SCENARIO [--n=N] [--interval=US] [--pin=P] [--no-prof] [--out=DIR]");
  Deno.exit(2);
}

/**
 * `deno run` flags for the sockbox host: bin/sockbox's unstable flags, but
 * `-A` instead of the narrowed permissions it computes (permissions are
 * checked when a socket is opened, not per read or write).
 */
const SOCKBOX_DENO_FLAGS = ["run", "--quiet", "--no-config", "--unstable-net", "--unstable-worker-options", "-A"];

/** The profiled command for a program run by `subject`. */
function profiled(subject: ProfSubject, dir: string, interval: number | null, program: string[]): string[] {
  const denoProf = interval ? [`--cpu-prof`, `--cpu-prof-dir=${dir}`, `--cpu-prof-interval=${interval}`] : [];
  const bunProf = interval ? [`--cpu-prof`, `--cpu-prof-dir=${dir}`] : [];
  switch (subject) {
    case "native":
      return program;
    case "sockbox-deno":
      return [BIN.deno, ...SOCKBOX_DENO_FLAGS, ...denoProf, `${ROOT}/host/deno/main.ts`, "--runtime=deno", ...program];
    case "sockbox-bun":
      return [BIN.bun, ...bunProf, `${ROOT}/host/bun/main.ts`, "--runtime=bun", ...program];
    case "deno":
      return [BIN.deno, "run", "--quiet", "--no-config", "--allow-net", "--unstable-net", ...denoProf, ...program];
    case "bun":
      return [BIN.bun, ...bunProf, ...program];
  }
}

/** User+system CPU seconds of a process so far (all threads). */
function cpuSeconds(pid: number): number {
  try {
    const f = Deno.readTextFileSync(`/proc/${pid}/stat`);
    const fields = f.slice(f.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_S; // utime, stime
  } catch {
    return NaN;
  }
}

async function main(): Promise<void> {
  const [subject, scenario] = Deno.args as [ProfSubject, ProfScenario];
  if (!["native", "sockbox-deno", "sockbox-bun", "deno", "bun"].includes(subject) || !SCENARIOS.includes(scenario)) usage();
  const opt = (k: string) => Deno.args.find((a) => a.startsWith(`--${k}=`))?.split("=")[1];
  const n = Number(opt("n") ?? DEFAULT_N[scenario]);
  const interval = Deno.args.includes("--no-prof") || subject === "native" ? null : Number(opt("interval") ?? 250);
  const pin = (opt("pin") ?? "split") as Pin;
  if (!["split", "same", "none"].includes(pin)) usage();
  const dir = opt("out") ?? `${OUT_DIR}/profile/${subject}-${scenario}`;
  Deno.mkdirSync(dir, { recursive: true });
  for (const e of Deno.readDirSync(dir)) if (e.name.endsWith(".cpuprofile")) Deno.removeSync(`${dir}/${e.name}`);

  const builds = await buildAll((m) => console.error(`[profile] ${m}`));
  // `--allow-net`: with narrow grants Deno runs the guest in a worker, which `--cpu-prof` does not profile.
  const grants = await detectGrants("net");
  const env = { builds, grants, pin };
  const client = scenario.startsWith("client-");
  const kind = scenario.replace("client-", "");
  const loadArgs = (port: number) => {
    const base = [kind, LOOPBACK, String(port)];
    if (kind === "bulk") return [...base, `bytes=${n}`, "warmup=0"];
    if (kind === "many") return [...base, `conns=${MANY_CONNS}`, `n=${n}`];
    return [...base, `n=${n}`, "warmup=0"];
  };
  // How many clients (datagrams) the server serves before it exits, so the profile is written.
  // Unprofiled servers run until stopped, so their CPU time can be read after the load.
  const served = interval === null ? 0 : kind === "churn" || kind === "udp" ? n : kind === "many" ? MANY_CONNS : 1;
  let server: RunningServer, target: number, out;
  const t0 = { cpu: 0 };
  if (!client) {
    const wasm = builds.wasm;
    const role = kind === "udp" ? "udp" : kind === "many" ? "poll" : "echo";
    const program = subject.startsWith("sockbox")
      ? [...(role === "udp" ? grants.udpServer : grants.tcpServer), ...(role === "poll" ? grants.manyConnections : []), wasm![role === "udp" ? "udp_echo_server" : role === "poll" ? "poll_server" : "echo_server"], "0", String(served)]
      : subject === "native"
      ? [builds.native[role === "udp" ? "udp_echo_server" : role === "poll" ? "poll_server" : "echo_server"], "0", String(served)]
      : [`${ROOT}/bench/js/${subject}_${role === "udp" ? "udp" : "tcp"}_echo.ts`, "0", String(served)];
    server = await spawnServer([...pinPrefix(pin, "server"), ...profiled(subject, dir, interval, program)], `profiled ${subject} server`);
    target = server.pid;
    t0.cpu = cpuSeconds(target);
    out = await run(pinPrefix(pin, "client")[0], [...pinPrefix(pin, "client").slice(1), builds.native.loadgen, ...loadArgs(server.port)], TIMEOUT_MS);
    const cpu = cpuSeconds(target) - t0.cpu;
    if (served > 0) {
      const status = await Promise.race([server.exited, new Promise<null>((r) => setTimeout(() => r(null), 20_000))]);
      if (status === null) console.error(`[profile] the server did not exit on its own: ${tail(await server.stop())}`);
    }
    await server.stop();
    report(subject, scenario, dir, out.stdout, cpu, n, kind, interval);
  } else {
    if (!subject.startsWith("sockbox") && subject !== "native") usage();
    server = await startServer("native", "echo", env);
    const program = subject === "native" ? [builds.native.loadgen, ...loadArgs(server.port)] : [...grants.client, builds.wasm!.loadgen, ...loadArgs(server.port)];
    const argv = [...pinPrefix(pin, "client"), ...profiled(subject, dir, interval, program)];
    out = await run(argv[0], argv.slice(1), TIMEOUT_MS);
    await server.stop();
    report(subject, scenario, dir, out.stdout, NaN, n, kind, interval);
  }
  if (out.code !== 0) console.error(`[profile] load generator failed (${out.code}): ${tail(out.stderr)}`);
}

function report(subject: string, scenario: string, dir: string, loadgenOut: string, cpu: number, n: number, kind: string, interval: number | null): void {
  const j = lastJson(loadgenOut);
  const files = [...Deno.readDirSync(dir)].filter((e) => e.name.endsWith(".cpuprofile")).map((e) => `${dir}/${e.name}`);
  const lines = [`## ${subject}, ${scenario}`, "", `Load generator: \`${JSON.stringify(j)}\``, ""];
  if (Number.isFinite(cpu)) {
    const ops = kind === "bulk" ? n / 1e6 : kind === "many" ? n * MANY_CONNS : n;
    const unit = kind === "bulk" ? "MB" : "operation";
    lines.push(`Server process CPU (all threads, from /proc${interval === null ? "" : ", profiler overhead included"}): ${cpu.toFixed(2)} s = ${((cpu / ops) * 1e6).toFixed(2)} µs per ${unit}.`, "");
  }
  if (files.length === 0) lines.push("No .cpuprofile was written (not profiled, or the process did not exit cleanly).");
  for (const f of files) {
    const b = analyze(JSON.parse(Deno.readTextFileSync(f)) as CpuProfile);
    lines.push(renderBreakdown(f.slice(dir.length + 1), b));
  }
  const md = lines.join("\n");
  Deno.writeTextFileSync(`${dir}/summary.md`, md + "\n");
  console.log(md);
}

await main();
