/**
 * Waiting for a descriptor's state to change, with an optional timeout —
 * the one way a blocking socket call waits. Nothing polls: a wait wakes only
 * when the entry's `changed` signal fires or the timer runs out.
 *
 * One promise per wait: a notify schedules one look (a microtask, so `ready`
 * never runs inside the host callback that notified), and the look settles
 * the promise or keeps waiting.
 *
 * @module
 */

import type { Signal } from "../signal.ts";

/** Longest single host timer (setTimeout's limit); longer timeouts re-arm. */
const MAX_TIMER_MS = 2 ** 31 - 1;
const NS_PER_MS = 1_000_000;

/** Waits until `ready()` returns a value other than `undefined`; `onTimeout()` after `timeoutNs`. */
export function waitFor<T>(
  changed: Signal,
  ready: () => T | undefined,
  timeoutNs: bigint | null,
  onTimeout: () => T,
): Promise<T> {
  let r: T | undefined;
  try {
    r = ready();
  } catch (e) {
    return Promise.reject(e);
  }
  if (r !== undefined) return Promise.resolve(r);
  // The deadline is in ms on performance.now(); the timer is rounded up so it never ends a wait early.
  const deadline = timeoutNs === null ? null : performance.now() + Number(timeoutNs) / NS_PER_MS;
  return new Promise<T>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let queued = false;
    let done = false;
    const finish = () => {
      done = true;
      changed.unlisten(wake);
      if (timer !== undefined) clearTimeout(timer);
    };
    const look = () => {
      queued = false;
      if (done) return;
      try {
        const v = ready();
        if (v !== undefined) {
          finish();
          resolve(v);
        } else if (deadline !== null && performance.now() >= deadline) {
          finish();
          resolve(onTimeout());
        }
      } catch (e) {
        finish();
        reject(e);
      }
    };
    const wake = () => {
      if (queued || done) return;
      queued = true;
      queueMicrotask(look);
    };
    const arm = () => {
      if (deadline === null) return;
      const ms = Math.min(MAX_TIMER_MS, Math.max(0, Math.ceil(deadline - performance.now())));
      timer = setTimeout(() => {
        timer = undefined;
        if (performance.now() >= deadline) wake();
        else arm();
      }, ms);
    };
    changed.listen(wake);
    arm();
  });
}
