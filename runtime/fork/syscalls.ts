/**
 * The `sockbox_proc` imports (guest/libc/proc_imports.h): fork, getpid,
 * wait, kill, sigaction, sigmask, pause, signal_return, and the descriptor
 * calls of descriptors.ts (fd_limit, dup). A program that does not call fork() is the lone process
 * of its run: it gets pid 1000, no children, and signals only from itself.
 *
 * @module
 */

import type { Context } from "../context.ts";
import { Errno, fail } from "../errno.ts";
import { waitFor } from "../sock/wait.ts";
import { blocking, sync, type SyscallTable } from "../syscall.ts";
import { schedulerOf } from "../threads/scheduler.ts";
import {
  AsyncifyState,
  Disposition,
  IGNORED_BY_DEFAULT,
  NSIG,
  ROOT_PID,
  ROOT_PPID,
  SiCode,
  WaitOptions,
} from "./abi.ts";
import { type GuestProcess, Killed } from "./process.ts";
import { processOf } from "./registry.ts";
import { descriptorSyscalls } from "./descriptors.ts";
import { deliver, releasePending } from "./signals.ts";

/** How long a lone process's pause() re-arms its keep-alive timer (it waits for ever). */
const PAUSE_KEEPALIVE_MS = 3_600_000;

/** `fork(buf, size, out pid)`: starts the unwind, or (rewinding) returns the result. */
function fork(ctx: Context, buf: number, size: number, pidOut: number): void {
  const r = processOf(ctx);
  if (!r) return fail(Errno.NOSYS, "the program was not rewritten for fork() (build it with sockbox cc)");
  const proc = r.proc;
  if (proc.asyncify?.state() === AsyncifyState.REWINDING) {
    proc.asyncify.stopRewind();
    const result = proc.fork?.result;
    proc.fork = null;
    if (!result) return fail(Errno.IO, "fork rewound without a result");
    if ("errno" in result) return fail(result.errno);
    ctx.mem.setU32(pidOut, result.pid);
    return;
  }
  ctx.mem.check(pidOut, 4);
  r.tree.beginFork(proc, buf, size);
}

/** `getpid(out pid, out ppid, out pgid)`. */
function getpid(ctx: Context, pidOut: number, ppidOut: number, pgidOut: number): void {
  const r = processOf(ctx);
  ctx.mem.setU32(pidOut, r ? r.proc.pid : ROOT_PID);
  ctx.mem.setU32(ppidOut, r ? r.proc.ppid(r.tree.initPid) : ROOT_PPID);
  ctx.mem.setU32(pgidOut, ROOT_PID);
}

/** Whether child `c` matches waitpid's `pid` argument (all processes are in group ROOT_PID). */
function matches(c: GuestProcess, pid: number): boolean {
  if (pid === -1 || pid === 0) return true;
  if (pid < -1) return -pid === ROOT_PID;
  return c.pid === pid;
}

/** `wait(pid, options, out status, out pid)`. */
function wait(ctx: Context, pid: number, options: number, statusOut: number, pidOut: number): number | Promise<number> {
  pid |= 0;
  ctx.mem.check(statusOut, 4);
  ctx.mem.check(pidOut, 4);
  const r = processOf(ctx);
  if (!r) return fail(Errno.CHILD, "no children");
  const { proc, tree } = r;
  const ready = (): number | undefined => {
    const mine = [...proc.children.values()].filter((c) => matches(c, pid));
    if (mine.length === 0) fail(Errno.CHILD, `no child matches ${pid}`);
    const zombie = mine.find((c) => !c.alive);
    if (zombie) {
      tree.reap(zombie);
      ctx.mem.setU32(statusOut, zombie.status!);
      ctx.mem.setU32(pidOut, zombie.pid);
      return 0;
    }
    if (options & WaitOptions.NOHANG) {
      ctx.mem.setU32(pidOut, 0);
      return 0;
    }
    return undefined;
  };
  return ready() ?? waitFor(proc.childEnded, ready, null, () => 0);
}

/** The processes `kill(pid, …)` addresses; the caller, if among them, last. */
function targets(proc: GuestProcess, all: GuestProcess[], pid: number): GuestProcess[] {
  if (pid > 0) return all.filter((p) => p.pid === pid);
  if (pid === -1) return all.filter((p) => p !== proc && p.alive);
  if (pid === 0 || -pid === ROOT_PID) return [...all.filter((p) => p !== proc && p.alive), proc];
  return [];
}

/** `kill(pid, sig)`. */
function kill(ctx: Context, pid: number, sig: number): void {
  pid |= 0;
  if (sig >= NSIG) fail(Errno.INVAL, `signal ${sig}`);
  const r = processOf(ctx);
  if (!r) {
    // The lone process can only signal itself; its handlers ran in the guest.
    if (pid !== ROOT_PID && pid !== 0 && pid !== -ROOT_PID) fail(Errno.SRCH, `no process ${pid}`);
    if (sig !== 0 && !IGNORED_BY_DEFAULT.has(sig)) throw new Killed(sig);
    return;
  }
  const to = targets(r.proc, r.tree.processes(), pid);
  if (to.length === 0) fail(Errno.SRCH, `no process ${pid}`);
  for (const t of to) deliver(t, sig, [SiCode.USER, r.proc.pid, 0], r.proc);
}

/** `sigaction(sig, disposition, flags)`. */
function sigaction(ctx: Context, sig: number, disposition: number, flags: number): void {
  if (sig === 0 || sig >= NSIG) fail(Errno.INVAL, `signal ${sig}`);
  if (disposition > Disposition.HANDLER) fail(Errno.INVAL, `disposition ${disposition}`);
  const r = processOf(ctx);
  if (!r) return;
  r.proc.dispositions[sig] = disposition;
  r.proc.saFlags[sig] = flags;
}

/** `sigmask(low, high)`. */
function sigmask(ctx: Context, low: number, high: number): void {
  const r = processOf(ctx);
  if (!r) return;
  r.proc.mask = BigInt(low >>> 0) | (BigInt(high >>> 0) << 32n);
  releasePending(r.proc);
}

/** `pause()`: EINTR once a signal handler has run. */
function pause(ctx: Context): Promise<number> {
  const sched = schedulerOf(ctx);
  if (processOf(ctx) && sched) return sched.handled.next().then(() => Errno.INTR);
  // Nothing can ever signal a lone process: wait for ever, as Linux would.
  return new Promise<number>(() => setInterval(() => {}, PAUSE_KEEPALIVE_MS));
}

/** `signal_return()`: ends the running handler's stack. */
function signalReturn(ctx: Context): void {
  const sched = schedulerOf(ctx);
  if (!sched) return fail(Errno.INVAL, "not in a signal handler");
  sched.endHandler();
}

/** The `sockbox_proc` import module. */
export const processSyscalls: SyscallTable = {
  fork: sync(fork),
  getpid: sync(getpid),
  wait: blocking(wait),
  kill: sync(kill),
  sigaction: sync(sigaction),
  sigmask: sync(sigmask),
  pause: blocking(pause),
  signal_return: sync(signalReturn),
  ...descriptorSyscalls,
};
