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

/** `clock_res_get(id, out resolution)`. */
export function clock_res_get(ctx: Context, id: number, resPtr: number): void {
  clockNow(ctx, id);
  ctx.mem.setU64(resPtr, id === ClockId.REALTIME || id === ClockId.MONOTONIC ? 1000n : 1000n);
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
