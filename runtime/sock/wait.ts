/**
 * Waiting for a descriptor's state to change, with an optional timeout —
 * the one way a blocking socket call waits. Nothing polls: a wait wakes only
 * when the entry's `changed` signal fires or the timer runs out.
 *
 * @module
 */

import type { Signal } from "../signal.ts";

/** Waits until `ready()` returns a value other than `undefined`; `onTimeout()` after `timeoutNs`. */
export async function waitFor<T>(
  changed: Signal,
  ready: () => T | undefined,
  timeoutNs: bigint | null,
  onTimeout: () => T,
): Promise<T> {
  let r = ready();
  if (r !== undefined) return r;
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let wake: (() => void) | null = null;
  const off = changed.subscribe(() => wake?.());
  if (timeoutNs !== null) {
    timer = setTimeout(() => {
      timedOut = true;
      wake?.();
    }, Number(timeoutNs / 1_000_000n));
  }
  try {
    for (;;) {
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      r = ready();
      if (r !== undefined) return r;
      if (timedOut) return onTimeout();
    }
  } finally {
    off();
    if (timer !== undefined) clearTimeout(timer);
  }
}
