/**
 * Letting the host's event loop turn while a guest spins.
 *
 * A blocking import that answers at once — `poll(…, 0)`, `epoll_wait(…, 0)`,
 * `sched_yield()`, a non-blocking `recv()` failing with EAGAIN — never
 * suspends the guest (runtime/jspi_fast_path.ts), and one that suspends only
 * to let another green thread run resumes in a microtask
 * (runtime/threads/scheduler.ts). Either way no macrotask runs: host timers
 * (a thread's `usleep`, a poll timeout) never fire and socket data never
 * arrives, so a program spinning on such a call would wait for ever for what
 * Linux delivers (docs/concurrency.md).
 *
 * The rule: every blocking call of a process counts; every
 * {@link CHECK_EVERY} calls the clock is read, and once {@link SLICE_MS} have
 * passed since the last turn this pacer made, that call's answer (already
 * computed) is handed back only after the host's current event-loop turn
 * ({@link afterIo}): timers due fire and pending I/O is delivered. A spinning
 * program pays a few microseconds per slice; one that really waits, at most
 * one such turn per slice.
 *
 * In a threaded program the turn of an answer that says "try again" (EAGAIN,
 * EALREADY) also lets the other threads run, as the yielding calls do
 * (runtime/threads/syscalls.ts): the spinner waits for one of them. Any other
 * answer *holds* its thread's place: the process waits for the turn with no
 * other thread running, so a call that never suspended before (a write to
 * stdout, say, inside stdio's unlocked buffer) is no new switch point.
 *
 * @module
 */

import { afterIo } from "./after_io.ts";
import { Errno, SyscallError } from "./errno.ts";
import { blocking, type SyscallDef } from "./syscall.ts";

/** Wall time (ms) a process may run blocking calls without the event loop turning. */
export const SLICE_MS = 1;
/** How many blocking calls pass between two readings of the clock (a power of two). */
export const CHECK_EVERY = 32;

/** The answers that mean "nothing yet, ask again": a spin's answers. */
const TRY_AGAIN: ReadonlySet<number> = new Set([Errno.AGAIN, Errno.ALREADY]);

/** Turns during which the calling thread keeps its place (see {@link holdsThread}). */
const holding = new WeakSet<Promise<unknown>>();

/**
 * Whether `p` is an event-loop turn made for an answer that was not "try
 * again": the thread scheduler must not run another thread meanwhile.
 */
export function holdsThread(p: Promise<unknown>): boolean {
  return holding.has(p);
}

/** One process's count of blocking calls since the event loop last turned for it. */
export class TurnPacer {
  #calls = 0;
  #lastTurn = performance.now();

  /** Counts a call; true when its answer must wait for an event-loop turn. */
  due(): boolean {
    if ((++this.#calls & (CHECK_EVERY - 1)) !== 0) return false;
    const now = performance.now();
    if (now - this.#lastTurn < SLICE_MS) return false;
    this.#lastTurn = now;
    return true;
  }
}

/** `p`'s outcome, once the event loop has turned after it. */
function afterTurn<T>(p: Promise<T>): Promise<T> {
  return p.then(
    (v) => new Promise<T>((resolve) => afterIo(() => resolve(v))),
    (e) => new Promise<T>((_, reject) => afterIo(() => reject(e))),
  );
}

/**
 * Wraps a blocking syscall so that its answers go through `pacer`: all but
 * one a slice return exactly as before; the one that falls due is held for
 * an event-loop turn. An error it fails with (EAGAIN…) is held the same way;
 * anything else it throws (a process exit, a thread ending) goes on at once.
 */
export function paceBlocking(pacer: TurnPacer, def: SyscallDef): SyscallDef {
  const { fn } = def;
  return blocking((ctx, ...args) => {
    let r;
    try {
      r = fn(ctx, ...args);
    } catch (e) {
      if (!(e instanceof SyscallError) || !pacer.due()) throw e;
      const turn = afterTurn(Promise.reject(e));
      if (!TRY_AGAIN.has(e.errno)) holding.add(turn);
      return turn;
    }
    if (!pacer.due()) return r;
    if (r instanceof Promise) return afterTurn(r); // it waited: a switch point already
    const turn = afterTurn(Promise.resolve(r));
    if (typeof r !== "number" || !TRY_AGAIN.has(r)) holding.add(turn);
    return turn;
  });
}
