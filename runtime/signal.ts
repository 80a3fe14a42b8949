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

  /** Wakes every current listener. */
  notify(): void {
    if (this.#listeners.size === 0) return;
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
