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

/**
 * `setImmediate`, looked up on first use: in Deno it is a lazy global whose
 * first read loads Node's timers (about 3 ms), which a run that never waits
 * must not pay at start-up. Null until looked up.
 */
let immediate: Immediate | undefined | null = null;

/** Calls `fn` after the host's current I/O batch. */
export function afterIo(fn: () => void): void {
  if (immediate === null) immediate = (globalThis as { setImmediate?: Immediate }).setImmediate;
  if (immediate) immediate(fn);
  else setTimeout(fn, 0);
}
