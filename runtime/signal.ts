/**
 * A minimal change notifier: descriptors call `notify()` when their readiness
 * may have changed; waiters (poll, blocking recv, accept) subscribe.
 *
 * @module
 */

/** A set of listeners woken together. */
export class Signal {
  #listeners = new Set<() => void>();

  /** Calls `fn` on every later `notify()` until the returned function is called. */
  subscribe(fn: () => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  /** Calls `fn` on every later `notify()` until {@link unlisten} (no closure made: for hot paths). */
  listen(fn: () => void): void {
    this.#listeners.add(fn);
  }

  /** Stops calling `fn`. */
  unlisten(fn: () => void): void {
    this.#listeners.delete(fn);
  }

  /** Wakes every current listener (those that subscribe meanwhile wait for the next notify). */
  notify(): void {
    const n = this.#listeners.size;
    if (n === 0) return;
    if (n === 1) {
      for (const fn of this.#listeners) return fn();
    }
    for (const fn of [...this.#listeners]) fn();
  }

  /** Whether anyone is listening. */
  get waiting(): boolean {
    return this.#listeners.size > 0;
  }

  /** Resolves at the next `notify()`. */
  next(): Promise<void> {
    return new Promise((resolve) => {
      const off = this.subscribe(() => {
        off();
        resolve();
      });
    });
  }
}
