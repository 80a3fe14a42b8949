/**
 * The ways a threaded process can be stopped by the host rather than by its
 * own code, and what the user is told: a deadlock Linux would hang on for
 * ever, and a thread that overflowed its stack.
 *
 * @module
 */

import type { Context } from "../context.ts";
import { utf8 } from "../memory.ts";
import { ABORT_STATUS, STACK_CANARY, STACK_GUARD } from "./abi.ts";
import { GuestAbort } from "./exits.ts";
import type { GreenThread } from "./thread_set.ts";

/** Says why the process cannot go on (on stderr) and returns the exception that ends it. */
export function fatal(ctx: Context, reason: string): GuestAbort {
  ctx.host.stdio.writeSync(2, utf8(`sockbox: ${reason}\n`));
  return new GuestAbort(ABORT_STATUS, reason);
}

/** The end of a process whose `threads` all wait for one another. */
export function deadlock(ctx: Context, threads: number): GuestAbort {
  const who = threads === 1 ? "the only thread waits" : `all ${threads} threads wait`;
  return fatal(ctx, `deadlock: ${who} on a mutex, condition variable, semaphore or join that no thread can release`);
}

/**
 * The end of a process whose thread `t` overflowed its stack (its stack
 * pointer `sp` is below the stack, or the canary word at the bottom was
 * overwritten), or null when the stack is intact or not one libsockbox
 * allocated.
 */
export function overflow(ctx: Context, t: GreenThread, sp: number): GuestAbort | null {
  if (t.stackBase === 0) return null;
  if (sp >= t.stackBase + STACK_GUARD && ctx.mem.u32(t.stackBase) === STACK_CANARY) return null;
  return fatal(
    ctx,
    `thread ${t.tid} overflowed its stack and overwrote memory below it;` +
      ` give it a larger one with pthread_attr_setstacksize()`,
  );
}
