/**
 * The process's CPU time on Deno.
 *
 * `Deno.cpuUsage()` (in the `Deno` namespace of Deno 2.9, though not yet in
 * its type declarations) reads it with one op call and needs no permission,
 * so it also works in the guest's worker after its permissions are narrowed,
 * and in a main thread that has revoked its own. Node's `process.cpuUsage()`
 * reads the same counters, but `import "node:process"` boots Deno's Node
 * compatibility layer: about 10 ms of every start-up (bench/README.md). It is
 * loaded only on a Deno without `Deno.cpuUsage`.
 *
 * @module
 */

/** CPU time in microseconds, user and system, of the whole process. */
interface CpuUsage {
  user: number;
  system: number;
}

/** Nanoseconds per microsecond (both APIs count microseconds). */
const NS_PER_US = 1000n;

const deno = Deno as unknown as { cpuUsage?: () => CpuUsage };

/** The reader: Deno's own, or Node's on a Deno that lacks it. */
const cpuUsage: () => CpuUsage = typeof deno.cpuUsage === "function" ? () => deno.cpuUsage!() : await nodeCpuUsage();

async function nodeCpuUsage(): Promise<() => CpuUsage> {
  const { default: process } = await import("node:process");
  return () => process.cpuUsage();
}

/** CPU time of the whole process (every thread, user and system), in nanoseconds. */
export function processCpuNs(): bigint {
  const u = cpuUsage();
  return BigInt(u.user + u.system) * NS_PER_US;
}
