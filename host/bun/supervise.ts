/// <reference path="./types.d.ts" />
/**
 * Starting the guest's worker on Bun. Bun has no permission model, so the
 * worker is used only for `--timeout` (see `runtime/sandbox/supervisor.ts`).
 *
 * @module
 */

import type { GuestJob } from "../../runtime/sandbox/job.ts";

/** Starts the worker (the job is posted to it by the supervisor). */
export function spawnBunWorker(_job: GuestJob): Worker {
  return new Worker(new URL("./worker.ts", import.meta.url).href, { type: "module", name: "sockbox-guest" });
}

/** CPU time of the whole process (every thread), in nanoseconds. */
export function processCpuNs(): bigint {
  const u = process.cpuUsage();
  return BigInt(u.user + u.system) * 1000n;
}

/** Bun's supervisor: workers do not narrow anything. */
export const bunSupervisor = { narrows: false, spawn: spawnBunWorker, cpuTimeNs: processCpuNs };
