/// <reference path="./types.d.ts" />
/**
 * Starting the guest's worker on Bun. Bun has no permission model, so the
 * worker is used only for `--timeout` and `--max-cpu` (see
 * `runtime/sandbox/supervisor.ts`).
 *
 * @module
 */

import type { GuestJob } from "../../runtime/sandbox/job.ts";
import { processCpuNs } from "./cpu_time.ts";

/**
 * The worker's entry beside the program Bun started (`main`, as `Bun.main`
 * gives it): `worker.ts` beside `host/bun/main.ts`, `worker.js` beside the
 * bundle `scripts/bundle.sh` builds (`build/host/bun/main.js`). Taken from the
 * entry rather than from `import.meta.url`, which `bun build` replaces with
 * the source file's URL at build time.
 */
export function workerBeside(main: string): string {
  const dir = main.slice(0, main.lastIndexOf("/") + 1);
  return dir + (main.endsWith(".ts") ? "worker.ts" : "worker.js");
}

/** A function that starts the worker at `entry` (the job is posted to it by the supervisor). */
export function bunWorkerSpawner(entry: string): (job: GuestJob) => Worker {
  return (_job) => new Worker(entry, { type: "module", name: "sockbox-guest" });
}


/** Bun's supervisor, starting the worker entry at `workerEntry`: workers do not narrow anything. */
export function bunSupervisor(workerEntry: string): {
  narrows: false;
  spawn: (job: GuestJob) => Worker;
  cpuTimeNs: () => bigint;
} {
  return { narrows: false, spawn: bunWorkerSpawner(workerEntry), cpuTimeNs: processCpuNs };
}
