/**
 * Waiting for a descriptor's state to change, with an optional timeout —
 * the one way a blocking socket call waits. Nothing polls: a wait wakes only
 * when the entry's `changed` signal fires or the timer runs out.
 *
 * @module
 */

import type { Signal } from "../signal.ts";

/** Longest single host timer (setTimeout's limit); longer timeouts re-arm. */
const MAX_TIMER_MS = 2 ** 31 - 1;
const NS_PER_MS = 1_000_000;

/** Waits until `ready()` returns a value other than `undefined`; `onTimeout()` after `timeoutNs`. */
export async function waitFor<T>(
  changed: Signal,
  ready: () => T | undefined,
  timeoutNs: bigint | null,
  onTimeout: () => T,
): Promise<T> {
  let r = ready();
  if (r !== undefined) return r;
  // The deadline is in ms on performance.now(); the timer is rounded up so it never ends a wait early.
  const deadline = timeoutNs === null ? null : performance.now() + Number(timeoutNs) / NS_PER_MS;
  const timedOut = () => deadline !== null && performance.now() >= deadline;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let wake: (() => void) | null = null;
  const arm = () => {
    if (deadline === null) return;
    const ms = Math.min(MAX_TIMER_MS, Math.max(0, Math.ceil(deadline - performance.now())));
    timer = setTimeout(() => {
      timer = undefined;
      if (timedOut()) wake?.();
      else arm();
    }, ms);
  };
  const off = changed.subscribe(() => wake?.());
  arm();
  try {
    for (;;) {
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      r = ready();
      if (r !== undefined) return r;
      if (timedOut()) return onTimeout();
    }
  } finally {
    off();
    if (timer !== undefined) clearTimeout(timer);
  }
}
