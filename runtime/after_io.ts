/**
 * Running something once the host has delivered the I/O events at hand: a
 * macrotask after the current batch of socket callbacks (and the microtasks
 * each of them queued), so that a waiter woken by many events in one turn
 * of the event loop looks at them once, together. Both runtimes have
 * `setImmediate` (≈ 0.5–1.3 µs here; `setTimeout(0)` clamps to 1 ms or more);
 * a runtime without it gets a zero timeout.
 *
 * @module
 */

type Immediate = (fn: () => void) => unknown;

const immediate: Immediate | undefined = (globalThis as { setImmediate?: Immediate }).setImmediate;

/** Calls `fn` after the host's current I/O batch. */
export function afterIo(fn: () => void): void {
  if (immediate) immediate(fn);
  else setTimeout(fn, 0);
}
