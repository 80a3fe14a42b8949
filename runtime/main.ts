/**
 * The `sockbox run` command, independent of the JS runtime: parse options,
 * load the module, run it, return the exit status.
 *
 * @module
 */

import { parseRunArgs, RUN_HELP, UsageError } from "./cli.ts";
import type { Host } from "./host.ts";
import { utf8 } from "./memory.ts";
import { LOAD_FAILURE_STATUS } from "./run.ts";
import { finishSandbox, type FinishedSandbox } from "./sandbox/finish.ts";
import { type GuestJob, runJob } from "./sandbox/job.ts";
import { type SandboxArgs, SandboxOptionError } from "./sandbox/options.ts";
import { needsWorker, superviseJob, type WorkerSpawner } from "./sandbox/supervisor.ts";

/** Exit status for a command-line mistake. */
export const USAGE_STATUS = 2;

/** What a host's entry point supplies besides the {@link Host} itself. */
export interface EntryEnv {
  /** The host process's environment, for `--inherit-env`. */
  hostEnv(): Record<string, string>;
  /** Reads the module file. */
  readFile(path: string): Promise<Uint8Array>;
  /**
   * Runs guests in a worker thread (for `--timeout`, and on Deno for
   * permissions as narrow as the grants). Absent inside that worker.
   */
  supervisor?: WorkerSpawner & {
    /** Whether the worker's permissions are narrower than the process's (Deno). */
    narrows: boolean;
    /** CPU time used by the whole process, in nanoseconds (for `--max-cpu`). */
    cpuTimeNs: () => bigint;
  };
}

/** Whether the options grant something the launcher cannot express as process-wide Deno flags. */
function specificGrants(sb: SandboxArgs): boolean {
  return sb.listen.length > 0 || sb.connect.length > 0 || sb.unix.length > 0 || sb.dns !== null || sb.policyFile !== null;
}

/** Runs `sockbox run ARGV…` on `host`; resolves to the process exit status. */
export async function main(host: Host, argv: string[], entry: EntryEnv): Promise<number> {
  const out = (fd: 1 | 2, s: string) => host.stdio.writeSync(fd, utf8(s));
  let parsed;
  try {
    parsed = parseRunArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    out(2, `sockbox run: ${e.message}\nTry 'sockbox run --help'.\n`);
    return USAGE_STATUS;
  }
  if (parsed === null) {
    out(1, RUN_HELP + "\n");
    return 0;
  }
  let sandbox: FinishedSandbox;
  try {
    sandbox = await finishSandbox(parsed.sandbox, parsed.preopens, {
      readFile: entry.readFile,
      resolve: typeof host.net.resolve === "function" ? (name) => host.net.resolve(name) : undefined,
    });
  } catch (e) {
    if (!(e instanceof SandboxOptionError)) throw e;
    out(2, `sockbox run: ${e.message}\nTry 'sockbox run --help'.\n`);
    return USAGE_STATUS;
  }
  let wasm: Uint8Array;
  try {
    wasm = await entry.readFile(parsed.wasmPath);
  } catch (e) {
    out(2, `sockbox run: cannot read ${parsed.wasmPath}: ${(e as Error).message}\n`);
    return LOAD_FAILURE_STATUS;
  }
  const env = parsed.inheritEnv ? Object.entries(entry.hostEnv()).map(([k, v]) => `${k}=${v}`) : [];
  env.push(...parsed.env);
  const job: GuestJob = {
    wasm,
    args: parsed.args,
    env,
    preopens: sandbox.preopens,
    grants: sandbox.grants,
    limits: sandbox.limits,
    trace: parsed.trace,
  };
  const sup = entry.supervisor;
  if (sup && needsWorker(job.limits, sup.narrows && specificGrants(parsed.sandbox))) {
    return await superviseJob(sup, job, (msg) => out(2, `sockbox: ${msg}\n`), sup.cpuTimeNs);
  }
  return await runJob(host, job);
}
