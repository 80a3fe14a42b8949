/**
 * Wait queues keyed by guest address: the one blocking primitive under every
 * pthread mutex, condition variable, rwlock, barrier, once, join and
 * semaphore in libsockbox. A waiter sleeps until another thread wakes its
 * address, its deadline passes, or it is interrupted (pthread_cancel).
 *
 * @module
 */

import { Errno } from "../errno.ts";

/** Longest single timer the JS runtimes accept (ms); longer waits re-arm. */
const MAX_TIMER_MS = 2 ** 31 - 1;
const NS_PER_MS = 1_000_000;

interface Waiter {
  addr: number;
  tid: number;
  settle: (errno: number) => void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/** One process's futex queues. */
export class FutexTable {
  #queues = new Map<number, Waiter[]>();
  #byTid = new Map<number, Waiter>();
  /** Called with the thread id whenever a waiter is released, before its promise settles. */
  onRelease: (tid: number) => void = () => {};

  /** Number of threads waiting now. */
  get size(): number {
    return this.#byTid.size;
  }

  /** Whether thread `tid` waits here with a deadline. */
  isTimed(tid: number): boolean {
    return this.#byTid.get(tid)?.timer !== undefined;
  }

  /**
   * Parks thread `tid` on `addr` until woken (0), interrupted (EINTR) or,
   * when `timeoutNs` is not null, until it runs out (ETIMEDOUT).
   */
  wait(addr: number, tid: number, timeoutNs: bigint | null): Promise<number> {
    return new Promise<number>((resolve) => {
      const w: Waiter = { addr, tid, settle: resolve, timer: undefined };
      if (timeoutNs !== null) this.#arm(w, performance.now() + Number(timeoutNs) / NS_PER_MS);
      let q = this.#queues.get(addr);
      if (!q) this.#queues.set(addr, q = []);
      q.push(w);
      this.#byTid.set(tid, w);
    });
  }

  #arm(w: Waiter, deadlineMs: number): void {
    const ms = Math.max(0, Math.ceil(deadlineMs - performance.now()));
    w.timer = setTimeout(() => {
      if (ms > MAX_TIMER_MS) this.#arm(w, deadlineMs);
      else this.#release(w, Errno.TIMEDOUT);
    }, Math.min(ms, MAX_TIMER_MS));
  }

  #release(w: Waiter, errno: number): void {
    if (w.timer !== undefined) clearTimeout(w.timer);
    w.timer = undefined;
    const q = this.#queues.get(w.addr);
    if (q) {
      const i = q.indexOf(w);
      if (i >= 0) q.splice(i, 1);
      if (q.length === 0) this.#queues.delete(w.addr);
    }
    this.#byTid.delete(w.tid);
    this.onRelease(w.tid);
    w.settle(errno);
  }

  /** Wakes up to `count` waiters on `addr`, oldest first; returns how many. */
  wake(addr: number, count: number): number {
    const q = this.#queues.get(addr);
    if (!q) return 0;
    const woken = q.slice(0, Math.max(0, count));
    for (const w of woken) this.#release(w, 0);
    return woken.length;
  }

  /** Makes thread `tid`'s wait, if any, return EINTR; returns whether it was waiting. */
  interrupt(tid: number): boolean {
    const w = this.#byTid.get(tid);
    if (!w) return false;
    this.#release(w, Errno.INTR);
    return true;
  }

  /** The address thread `tid` waits on, if it does. */
  addressOf(tid: number): number | undefined {
    return this.#byTid.get(tid)?.addr;
  }

  /** Drops every waiter without settling it (the process ended) and stops their timers. */
  clear(): void {
    for (const w of this.#byTid.values()) if (w.timer !== undefined) clearTimeout(w.timer);
    this.#queues.clear();
    this.#byTid.clear();
  }
}
