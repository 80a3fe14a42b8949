/**
 * The process's CPU time on Deno. Deno has no `Deno.*` API for it; Node's
 * `process.cpuUsage()` needs no permission, so it also works in the guest's
 * worker after its permissions are narrowed, and in a main thread that has
 * revoked its own.
 *
 * @module
 */

import process from "node:process";

/** Nanoseconds per microsecond (`process.cpuUsage()` counts microseconds). */
const NS_PER_US = 1000n;

/** CPU time of the whole process (every thread, user and system), in nanoseconds. */
export function processCpuNs(): bigint {
  const u = process.cpuUsage();
  return BigInt(u.user + u.system) * NS_PER_US;
}
