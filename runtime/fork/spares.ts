/**
 * Instances of children that ended, kept for later forks. A fork into a
 * spare skips instantiating the module and copies into memory whose pages
 * are already mapped — about ten times faster on Bun than into a fresh
 * instance, where the two dominate the cost of fork(). An instance carries
 * no state of its own beyond its memory and globals, which the fork
 * overwrites; its imports stay bound to its context and scheduler, which
 * the fork refills and resets.
 *
 * @module
 */

import type { Context } from "../context.ts";
import type { Scheduler } from "../threads/scheduler.ts";

/** A context whose descriptor table and trace a recycled instance can be given anew. */
export type MutableContext = { -readonly [K in keyof Context]: Context[K] };

/** An instance and the context and scheduler its imports are bound to. */
export interface Shell {
  ctx: MutableContext;
  sched: Scheduler;
  instance: WebAssembly.Instance;
}

/** Most spares kept (each holds the memory its process last had). */
export const MAX_SPARES = 16;

/** The spare instances of one run. */
export class SparePool {
  #spares: Shell[] = [];

  /** Bytes of memory the spares hold. */
  get bytes(): number {
    return this.#spares.reduce((n, s) => n + s.ctx.mem.size, 0);
  }

  /** Keeps `shell` for a later fork (unless the pool is full). */
  put(shell: Shell): void {
    if (this.#spares.length < MAX_SPARES) this.#spares.push(shell);
  }

  /** The spare with the most memory not above `bytes` (memory cannot shrink), if any. */
  take(bytes: number): Shell | undefined {
    let best = -1;
    for (let i = 0; i < this.#spares.length; i++) {
      const size = this.#spares[i].ctx.mem.size;
      if (size <= bytes && (best < 0 || size > this.#spares[best].ctx.mem.size)) best = i;
    }
    return best < 0 ? undefined : this.#spares.splice(best, 1)[0];
  }

  /** Lets every spare go (to give their memory back). */
  clear(): void {
    this.#spares = [];
  }
}
