/**
 * A listening stream socket's host listener and the connections it holds
 * until accept(): beyond the listen() backlog the host listener is paused
 * (new connections then wait in the OS's own queue); on close, those never
 * accepted are reset, as Linux resets them.
 *
 * @module
 */

import type { StreamListener } from "../net_backend.ts";

/** Linux's SOMAXCONN: the largest backlog, and the one used when a socket is bound before listen() says one. */
export const SOMAXCONN = 4096;

/** A connection waiting to be accepted. */
export interface PendingConnection {
  /** Closes it; with `abort`, with a RST (it was never accepted). */
  close(abort: boolean): void;
}

/** The host listener of a bound stream socket and its connections not yet accepted. */
export class AcceptQueue<T extends PendingConnection> {
  /** The host listener (from bind), or null. */
  listener: StreamListener | null = null;
  #items: T[] = [];
  #backlog = SOMAXCONN;

  /** Connections waiting. */
  get length(): number {
    return this.#items.length;
  }

  /** listen(2)'s backlog, clamped to 1..SOMAXCONN as Linux does. */
  set backlog(n: number) {
    this.#backlog = Math.max(1, Math.min(n, SOMAXCONN));
  }

  /** A new connection; pauses the listener once more than the backlog wait. */
  push(c: T): void {
    this.#items.push(c);
    if (this.#items.length > this.#backlog) this.listener?.pause();
  }

  /** The oldest connection, if any; resumes the listener once there is room. */
  take(): T | undefined {
    const c = this.#items.shift();
    if (c !== undefined && this.#items.length <= this.#backlog) this.listener?.resume();
    return c;
  }

  /** Puts a taken connection back at the front (accept could not give it a descriptor). */
  unshift(c: T): void {
    this.#items.unshift(c);
  }

  /** Stops listening and frees the address (bind released before a connect). */
  release(): void {
    this.listener?.close();
    this.listener = null;
  }

  /** Stops listening and resets every connection never accepted. */
  close(): void {
    this.release();
    for (const c of this.#items.splice(0)) c.close(true);
  }
}
