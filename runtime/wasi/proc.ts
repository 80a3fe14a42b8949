/**
 * `proc_exit`, `proc_raise`, `sched_yield`.
 *
 * @module
 */

import type { Context } from "../context.ts";
import { Errno, fail } from "../errno.ts";
import { blocking, ProcExit, sync, type SyscallTable } from "../syscall.ts";

/** `proc_exit(code)`: ends the guest; never returns. */
export function proc_exit(_ctx: Context, code: number): never {
  throw new ProcExit(code >>> 0);
}

/** `proc_raise(sig)`: signals are not delivered in sockbox. */
export function proc_raise(_ctx: Context, sig: number): void {
  fail(Errno.NOSYS, `signal ${sig} not supported`);
}

/** `sched_yield()`: lets the host's event loop run (timers, network callbacks). */
export function sched_yield(_ctx: Context): Promise<void> {
  return Promise.resolve();
}

/** The process imports. */
export const procSyscalls: SyscallTable = {
  proc_exit: sync(proc_exit),
  proc_raise: sync(proc_raise),
  sched_yield: blocking(sched_yield),
};
