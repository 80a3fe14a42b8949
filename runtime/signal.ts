/**
 * A minimal change notifier: descriptors call `notify()` when their readiness
 * may have changed; waiters (poll, blocking recv, accept) subscribe.
 *
 * @module
 */

/**
 * A set of listeners woken together, kept in an array: most signals have one
 * listener or none, and a wait adds and removes its listener every time (a
 * Set's add and delete cost a poll() of 1,000 descriptors 6 % of its time).
 */
export class Signal {
  #listeners: (() => void)[] = [];

  /** Calls `fn` on every later `notify()` until the returned function is called. */
  subscribe(fn: () => void): () => void {
    this.listen(fn);
    return () => this.unlisten(fn);
  }

  /** Calls `fn` on every later `notify()` until {@link unlisten} (no closure made: for hot paths). */
  listen(fn: () => void): void {
    if (!this.#listeners.includes(fn)) this.#listeners.push(fn);
  }

  /** Stops calling `fn`. */
  unlisten(fn: () => void): void {
    const l = this.#listeners;
    const i = l.length === 1 ? (l[0] === fn ? 0 : -1) : l.indexOf(fn);
    if (i === l.length - 1) l.pop();
    else if (i >= 0) l.splice(i, 1);
  }

  /** Wakes every current listener (those that subscribe meanwhile wait for the next notify). */
  notify(): void {
    const l = this.#listeners;
    if (l.length === 0) return;
    if (l.length === 1) return l[0]();
    for (const fn of l.slice()) fn();
  }

  /** Whether anyone is listening. */
  get waiting(): boolean {
    return this.#listeners.length > 0;
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
