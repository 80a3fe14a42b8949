/**
 * The `sockbox_thread` imports (declared in guest/libc/pthread_internal.h):
 * init, spawn, exit, wait, wake, interrupt. They reach the process's
 * {@link Scheduler} through its context.
 *
 * @module
 */

import type { Context } from "../context.ts";
import { Errno, fail } from "../errno.ts";
import { holdsThread } from "../event_loop_turns.ts";
import { blocking, type SyscallDef, sync, type SyscallTable } from "../syscall.ts";
import { clockNow } from "../wasi/clock.ts";
import { NO_DEADLINE } from "./abi.ts";
import { type Scheduler, schedulerOf } from "./scheduler.ts";

function scheduler(ctx: Context): Scheduler {
  const s = schedulerOf(ctx);
  if (!s) return fail(Errno.NOSYS, "no thread scheduler for this guest");
  return s;
}

/** `init(self_slot, errno_slot)`. */
function init(ctx: Context, selfSlot: number, errnoSlot: number): void {
  scheduler(ctx).init(selfSlot >>> 0, errnoSlot >>> 0);
}

/** `spawn(tcb, stack_base, stack_top, out tid)`. */
function spawn(ctx: Context, tcb: number, stackBase: number, stackTop: number, tidOut: number): void {
  ctx.mem.check(tidOut, 4);
  ctx.mem.check(stackBase >>> 0, 4);
  const tid = scheduler(ctx).spawn(tcb >>> 0, stackBase >>> 0, stackTop >>> 0);
  ctx.mem.setU32(tidOut, tid);
}

/** `exit(tcb)`: 1 when the caller is the last thread; otherwise does not return. */
function exit(ctx: Context, _tcb: number): number {
  return schedulerOf(ctx)?.exitThread() ?? 1;
}

/** `wait(addr, expected, clock, deadline_ns)`: 0, EAGAIN, ETIMEDOUT or EINTR. */
function wait(ctx: Context, addr: number, expected: number, clock: number, deadline: bigint): number | Promise<number> {
  addr >>>= 0;
  if (addr % 4 !== 0) fail(Errno.INVAL, "unaligned wait address");
  if ((ctx.mem.u32(addr) | 0) !== (expected | 0)) return Errno.AGAIN;
  let timeout: bigint | null = null;
  if (BigInt.asUintN(64, deadline) !== NO_DEADLINE) {
    timeout = BigInt.asUintN(64, deadline) - clockNow(ctx, clock);
    if (timeout <= 0n) return Errno.TIMEDOUT;
  }
  const s = scheduler(ctx);
  if (timeout === null) s.markLockWait();
  return s.futexes.wait(addr, s.currentTid, timeout);
}

/** `wake(addr, count)`. */
function wake(ctx: Context, addr: number, count: number): void {
  scheduler(ctx).futexes.wake(addr >>> 0, count | 0);
}

/** `interrupt(tcb)`. */
function interrupt(ctx: Context, tcb: number): void {
  scheduler(ctx).interrupt(tcb >>> 0);
}

/** The `sockbox_thread` import module. */
export const threadSyscalls: SyscallTable = {
  init: sync(init),
  spawn: sync(spawn),
  exit: sync(exit),
  wait: blocking(wait),
  wake: sync(wake),
  interrupt: sync(interrupt),
};

/**
 * The imports under sleep(), usleep(), nanosleep(), poll(), select(),
 * epoll_wait() and sched_yield(): with other threads alive they always give
 * them a turn, even when they have their answer at once, so that
 * `while (!done) usleep(0);` lets the thread that sets `done` run, as it
 * would on Linux. (That turn is a microtask; the event loop itself turns
 * at most a slice later, see runtime/event_loop_turns.ts.)
 */
const ALWAYS_YIELDS: ReadonlySet<string> = new Set(["poll_oneoff", "epoll_wait", "sched_yield"]);

/**
 * Wraps a blocking syscall so that, in a threaded program, the calling
 * thread gives way to the others while it waits (see {@link Scheduler.park}).
 * An event-loop turn that holds its thread's place (runtime/event_loop_turns.ts)
 * is waited for without parking, unless the call yields anyway.
 */
export function gateBlocking(sched: Scheduler, name: string, def: SyscallDef): SyscallDef {
  if (!def.blocking) return def;
  const { fn } = def;
  const yields = ALWAYS_YIELDS.has(name);
  return blocking((ctx, ...args) => {
    const r = fn(ctx, ...args);
    const switches = yields && sched.size > 1;
    if (r instanceof Promise) return switches || !holdsThread(r) ? sched.park(name, r) : r;
    return switches ? sched.park(name, Promise.resolve(r)) : r;
  });
}
