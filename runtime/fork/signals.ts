/**
 * Signals between the processes of a run: what a signal does to its target
 * (ignore it, end the process, or run its handler at the next point where
 * none of its threads runs), SIGCHLD when a child ends, and the signals a
 * mask holds back until it is lifted.
 *
 * @module
 */

import { Disposition, IGNORED_BY_DEFAULT, SaFlags, Sig, SiCode } from "./abi.ts";
import { type GuestProcess, Killed } from "./process.ts";
import type { ProcessTree } from "./tree.ts";

/** `si_code`, `si_pid` and `si_status` of a signal, as the handler's siginfo gets them. */
export type SigInfo = [code: number, pid: number, status: number];

/**
 * Ends `target` because of `sig`. When the target is the caller, the
 * exception is thrown at once, out through the caller's own stack.
 */
function terminate(target: GuestProcess, sig: number, caller: GuestProcess | null): void {
  const e = new Killed(sig);
  if (target === caller) throw e;
  target.ctx.trace?.(`process ${target.pid} killed by signal ${sig}`);
  target.sched.terminate(e);
}

/** Sends `sig` to `target` (from `caller`, or from the host when null). */
export function deliver(target: GuestProcess, sig: number, info: SigInfo, caller: GuestProcess | null): void {
  if (!target.alive || sig === 0) return;
  if (sig === Sig.KILL) return terminate(target, sig, caller);
  const disposition = target.dispositions[sig];
  if (disposition === Disposition.IGNORE) return;
  if (disposition === Disposition.DEFAULT) {
    if (!IGNORED_BY_DEFAULT.has(sig)) terminate(target, sig, caller);
    return;
  }
  const args = [sig, ...info];
  if (target.blocks(sig)) {
    target.pending.set(sig, args);
    return;
  }
  if (!target.sched.canRunHandlers) {
    target.ctx.trace?.(`signal ${sig}: the program cannot run handlers (not linked for them); ignored`);
    return;
  }
  target.sched.queueHandler(args);
}

/** Runs the handlers of pending signals the mask of `proc` no longer blocks. */
export function releasePending(proc: GuestProcess): void {
  for (const [sig, args] of [...proc.pending]) {
    if (proc.blocks(sig)) continue;
    proc.pending.delete(sig);
    if (proc.dispositions[sig] === Disposition.HANDLER) proc.sched.queueHandler(args);
  }
}

/**
 * `child` of `parent` ended: it stays a zombie until reaped, unless the
 * parent ignores SIGCHLD or asked for SA_NOCLDWAIT (then it is reaped now, as
 * on Linux); the parent's waits wake, and its SIGCHLD handler, if any, runs.
 */
export function childEnded(parent: GuestProcess, child: GuestProcess, tree: ProcessTree): void {
  const disposition = parent.dispositions[Sig.CHLD];
  if (disposition === Disposition.IGNORE || (parent.saFlags[Sig.CHLD] & SaFlags.NOCLDWAIT)) tree.reap(child);
  parent.childEnded.notify();
  const status = child.status ?? 0;
  const killedBy = status & 0x7f;
  const info: SigInfo = killedBy ? [SiCode.CLD_KILLED, child.pid, killedBy] : [SiCode.CLD_EXITED, child.pid, status >> 8];
  deliver(parent, Sig.CHLD, info, null);
}
