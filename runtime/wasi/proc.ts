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

/**
 * `sched_yield()`: answers at once. It is a blocking import all the same, so
 * that in a threaded program it lets the other threads run
 * (runtime/threads/syscalls.ts) and that a loop of it lets the host's event
 * loop turn (timers, network callbacks; runtime/event_loop_turns.ts).
 */
export function sched_yield(_ctx: Context): void {}

/** The process imports. */
export const procSyscalls: SyscallTable = {
  proc_exit: sync(proc_exit),
  proc_raise: sync(proc_raise),
  sched_yield: blocking(sched_yield),
};
