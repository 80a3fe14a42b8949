/**
 * The scenarios of issue 6 and how one measurement of one subject is taken:
 * start the subject's server, run the load generator against it, stop the
 * server (or, for the client direction, the reverse; for start-up, time the
 * command).
 *
 * @module
 */

import { BIN, LOOPBACK, pinPrefix, ROOT, SANDBOXED, type Sizes, type Subject, SUBJECTS } from "./config.ts";
import { lastJson, run, tail } from "./proc.ts";
import { type Env, type Role, startServer } from "./servers.ts";
import { median } from "./stats.ts";

/** Scenario identifiers, in report order. */
export type ScenarioId =
  | "pingpong"
  | "bulk"
  | "churn"
  | "many"
  | "udp"
  | "client-pingpong"
  | "client-bulk"
  | "startup";

/** One measurement of one subject in one scenario. */
export interface Sample {
  scenario: ScenarioId;
  subject: Subject;
  /** Which interleaved run (0-based). */
  run: number;
  /** Whether it completed with every byte checked. */
  ok: boolean;
  /** The scenario's metric (see {@link Scenario.unit}); NaN when it failed. */
  value: number;
  /** Replies that did not match their request. */
  errors: number;
  /** UDP: datagrams without a reply within the timeout. */
  lost?: number;
  /** Many connections: growth of the server's RSS per idle connection, KiB. */
  kibPerConn?: number;
  /** Many connections: the exchange phase hit its time cap (the rate counts what completed). */
  capped?: boolean;
  /** Why it failed. */
  error?: string;
}

/** What a measurement yields before it is labelled. */
type Measured = Omit<Sample, "scenario" | "subject" | "run">;

/** A scenario. */
export interface Scenario {
  id: ScenarioId;
  /** Row title in the report. */
  title: string;
  /** Short name for the chart. */
  short: string;
  /** Unit of {@link Sample.value}. */
  unit: string;
  /** Rates: higher is better. Start-up time: lower is better. */
  higherIsBetter: boolean;
  /** Who is measured (for the client direction: which client runs). */
  subjects: readonly Subject[];
  /** Takes one measurement. */
  measure(subject: Subject, env: Env, sizes: Sizes): Promise<Measured>;
}

const CLIENTS: readonly Subject[] = ["native", "sockbox-deno", "sockbox-bun"];

/** The load generator command for `subject` (native binary, or the .wasm under `sockbox run`). */
function clientCommand(subject: Subject, env: Env, args: string[]): [string, string[]] {
  if (subject === "native") return [env.builds.native.loadgen, args];
  if (subject === "deno" || subject === "bun") throw new Error(`no ${subject} client`);
  if (!env.builds.wasm) throw new Error(env.builds.wasmError);
  return [BIN.sockbox, ["run", `--runtime=${SANDBOXED[subject]}`, ...env.grants.client, env.builds.wasm.loadgen, ...args]];
}

/** Runs the load generator and turns its JSON line into a measurement. */
async function drive(client: Subject, env: Env, args: string[], sizes: Sizes): Promise<Measured> {
  const [cmd0, args0] = clientCommand(client, env, args);
  const [cmd, ...cargs] = [...pinPrefix(env.pin, "client"), cmd0, ...args0];
  const r = await run(cmd, cargs, sizes.timeoutMs);
  const j = lastJson(r.stdout);
  if (r.code !== 0 || !j) {
    const why = r.code === -1 ? `timed out after ${sizes.timeoutMs} ms` : `exit ${r.code}`;
    return { ok: false, value: NaN, errors: 0, error: `load generator ${why}: ${tail(r.stderr || r.stdout, 4)}` };
  }
  const errors = Number(j.errors);
  const m: Measured = { ok: errors === 0, value: Number(j.rate), errors };
  if (j.lost !== undefined) m.lost = Number(j.lost);
  if (j.kib_per_conn !== undefined && Number(j.kib_per_conn) >= -1e9) m.kibPerConn = Number(j.kib_per_conn);
  if (j.capped === true) m.capped = true;
  if (errors !== 0) m.error = `${errors} replies did not match their requests`;
  return m;
}

/** Starts `server`'s `role` server, runs the load generator `client` against it, stops the server. */
async function against(server: Subject, role: Role, client: Subject, env: Env, sizes: Sizes, args: (port: number, pid: number) => string[]): Promise<Measured> {
  let srv;
  try {
    srv = await startServer(server, role, env);
  } catch (e) {
    return { ok: false, value: NaN, errors: 0, error: (e as Error).message };
  }
  let m: Measured;
  try {
    m = await drive(client, env, args(srv.port, srv.pid), sizes);
  } catch (e) {
    m = { ok: false, value: NaN, errors: 0, error: (e as Error).message };
  }
  const err = await srv.stop();
  if (!m.ok && err.trim()) m.error = `${m.error}; server: ${tail(err, 3)}`;
  return m;
}

const pingpongArgs = (s: Sizes) => (port: number) => ["pingpong", LOOPBACK, String(port), `n=${s.pingpong}`, `warmup=${s.pingpongWarmup}`];
const bulkArgs = (s: Sizes) => (port: number) => ["bulk", LOOPBACK, String(port), `bytes=${s.bulkBytes}`, `warmup=${s.bulkWarmup}`];

/** The start-up command of each subject: hello.wasm in the sandbox, an empty script on the bare runtime. */
function startupCommand(subject: Subject, env: Env): string[] {
  switch (subject) {
    case "native":
      return [env.builds.native.hello];
    case "deno":
      return [BIN.deno, "run", "--quiet", "--no-config", `${ROOT}/bench/js/empty.ts`];
    case "bun":
      return [BIN.bun, `${ROOT}/bench/js/empty.ts`];
    default:
      if (!env.builds.wasm) throw new Error(env.builds.wasmError);
      return [BIN.sockbox, "run", `--runtime=${SANDBOXED[subject]}`, env.builds.wasm.hello];
  }
}

async function measureStartup(subject: Subject, env: Env, sizes: Sizes): Promise<Measured> {
  let cmd: string[];
  try {
    cmd = startupCommand(subject, env);
  } catch (e) {
    return { ok: false, value: NaN, errors: 0, error: (e as Error).message };
  }
  // One untimed start first (file caches, Deno's module cache), then `startups` timed ones.
  // Not pinned: start-up is wall time as a user sees it, compile threads included.
  const r = await run(env.builds.native.spawntime, [String(sizes.startups + 1), ...cmd], sizes.timeoutMs);
  const j = lastJson(r.stdout);
  if (r.code !== 0 || !j) return { ok: false, value: NaN, errors: 0, error: `spawntime exit ${r.code}: ${tail(r.stderr, 4)}` };
  const ms = (j.ms as number[]).slice(1);
  const failures = Number(j.failures);
  if (failures > 0) return { ok: false, value: median(ms), errors: 0, error: `${failures} start-ups exited non-zero` };
  return { ok: true, value: median(ms), errors: 0 };
}

/** Every scenario, in report order. */
export const SCENARIOS: readonly Scenario[] = [
  {
    id: "pingpong",
    short: "1 ping-pong",
    title: "1. Ping-pong (64 B request/reply, one connection)",
    unit: "round trips/s",
    higherIsBetter: true,
    subjects: SUBJECTS,
    measure: (subject, env, s) => against(subject, "echo", "native", env, s, pingpongArgs(s)),
  },
  {
    id: "bulk",
    short: "2 bulk",
    title: "2. Bulk (echo, each way at once)",
    unit: "MB/s each way",
    higherIsBetter: true,
    subjects: SUBJECTS,
    measure: (subject, env, s) => against(subject, "echo", "native", env, s, bulkArgs(s)),
  },
  {
    id: "churn",
    short: "3 churn",
    title: "3. Churn (connect, one 64 B exchange, close)",
    unit: "connections/s",
    higherIsBetter: true,
    subjects: SUBJECTS,
    measure: (subject, env, s) =>
      against(subject, "echo", "native", env, s, (port) => ["churn", LOOPBACK, String(port), `n=${s.churn}`, `warmup=${s.churnWarmup}`]),
  },
  {
    id: "many",
    short: "4 many connections",
    title: "4. Many connections (poll() server, all in flight)",
    unit: "exchanges/s",
    higherIsBetter: true,
    subjects: SUBJECTS,
    measure: (subject, env, s) =>
      against(subject, "poll", "native", env, s, (port, pid) => ["many", LOOPBACK, String(port), `conns=${s.manyConns}`, `n=${s.manyPerConn}`, `pid=${pid}`, `max_s=${s.manyMaxSeconds}`]),
  },
  {
    id: "udp",
    short: "5 UDP",
    title: "5. UDP (64 B datagram request/reply)",
    unit: "round trips/s",
    higherIsBetter: true,
    subjects: SUBJECTS,
    measure: (subject, env, s) =>
      against(subject, "udp", "native", env, s, (port) => ["udp", LOOPBACK, String(port), `n=${s.udp}`, `warmup=${s.udpWarmup}`, `timeout_ms=${s.udpTimeoutMs}`]),
  },
  {
    id: "client-pingpong",
    short: "6a sandboxed client, ping-pong",
    title: "6a. Sandboxed client → native server: ping-pong",
    unit: "round trips/s",
    higherIsBetter: true,
    subjects: CLIENTS,
    measure: (client, env, s) => against("native", "echo", client, env, s, pingpongArgs(s)),
  },
  {
    id: "client-bulk",
    short: "6b sandboxed client, bulk",
    title: "6b. Sandboxed client → native server: bulk",
    unit: "MB/s each way",
    higherIsBetter: true,
    subjects: CLIENTS,
    measure: (client, env, s) => against("native", "echo", client, env, s, bulkArgs(s)),
  },
  {
    id: "startup",
    short: "7 start-up",
    title: "7. Start-up (hello.wasm vs an empty script)",
    unit: "ms",
    higherIsBetter: false,
    subjects: SUBJECTS,
    measure: measureStartup,
  },
];
