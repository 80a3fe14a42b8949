/// <reference path="./types.d.ts" />
/**
 * The process's CPU time on Bun, for CLOCK_PROCESS_CPUTIME_ID and --max-cpu.
 *
 * @module
 */

/** Nanoseconds per microsecond (`process.cpuUsage()` counts microseconds). */
const NS_PER_US = 1000n;

/** CPU time of the whole process (every thread), in nanoseconds. */
export function processCpuNs(): bigint {
  const u = process.cpuUsage();
  return BigInt(u.user + u.system) * NS_PER_US;
}
