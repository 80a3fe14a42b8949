/**
 * `clock_res_get` and `clock_time_get`, over web-standard clocks.
 *
 * @module
 */

import type { Context } from "../context.ts";
import { Errno, fail } from "../errno.ts";
import { sync, type SyscallTable } from "../syscall.ts";
import { ClockId } from "./constants.ts";

const origin = BigInt(Math.round((performance.timeOrigin ?? Date.now()) * 1e6));

/** Nanoseconds on the monotonic clock. */
export function monotonicNs(): bigint {
  return BigInt(Math.round(performance.now() * 1e6));
}

/** Current time of `id` in nanoseconds; EINVAL for unknown clocks. */
export function clockNow(ctx: Context, id: number): bigint {
  switch (id) {
    case ClockId.REALTIME:
      return origin + monotonicNs();
    case ClockId.MONOTONIC:
      return monotonicNs();
    case ClockId.PROCESS_CPUTIME:
    case ClockId.THREAD_CPUTIME:
      if (!ctx.host.cpuTimeNs) fail(Errno.NOTSUP, `${ctx.host.name} does not report CPU time`);
      return ctx.host.cpuTimeNs();
    default:
      return fail(Errno.INVAL, `unknown clock ${id}`);
  }
}

/** Resolution of the CPU-time clocks: hosts report CPU time in microseconds. */
export const CPU_CLOCK_RESOLUTION_NS = 1000n;
/** Ticks of `performance.now()` observed to measure its step. */
const RESOLUTION_SAMPLES = 3;
/** Give up measuring after this many reads (a timer stuck that long is reported as 1 ms). */
const RESOLUTION_MAX_READS = 1_000_000;
const FALLBACK_RESOLUTION_NS = 1_000_000n;

let timerResolution: bigint | null = null;

/**
 * The step of the wall and monotonic clocks, measured once: the smallest
 * change of `performance.now()` seen between consecutive reads (runtimes
 * coarsen it differently, and may change that), at least 1 ns.
 */
export function timerResolutionNs(): bigint {
  if (timerResolution !== null) return timerResolution;
  let best = Infinity, ticks = 0, prev = performance.now();
  for (let i = 0; i < RESOLUTION_MAX_READS && ticks < RESOLUTION_SAMPLES; i++) {
    const t = performance.now();
    if (t > prev) {
      best = Math.min(best, t - prev);
      ticks++;
      prev = t;
    }
  }
  timerResolution = ticks === 0 ? FALLBACK_RESOLUTION_NS : BigInt(Math.max(1, Math.ceil(best * 1e6)));
  return timerResolution;
}

/** `clock_res_get(id, out resolution)`: EINVAL for unknown clocks, as `clock_time_get`. */
export function clock_res_get(ctx: Context, id: number, resPtr: number): void {
  clockNow(ctx, id);
  const cpu = id === ClockId.PROCESS_CPUTIME || id === ClockId.THREAD_CPUTIME;
  ctx.mem.setU64(resPtr, cpu ? CPU_CLOCK_RESOLUTION_NS : timerResolutionNs());
}

/** `clock_time_get(id, precision, out time)`. */
export function clock_time_get(ctx: Context, id: number, _precision: bigint, timePtr: number): void {
  ctx.mem.setU64(timePtr, clockNow(ctx, id));
}

/** The clock imports. */
export const clockSyscalls: SyscallTable = {
  clock_res_get: sync(clock_res_get),
  clock_time_get: sync(clock_time_get),
};
