/**
 * Bytes a closed connection still owes its peer, delivered before the
 * process exits.
 *
 * On Linux `send` returns once the kernel holds the bytes, and `close` and
 * `exit` leave them to the kernel, which sends them after the process is
 * gone. In sockbox a send returns once the host adapter's queue holds them
 * (runtime/net_backend.ts `buffered`): those bytes live in the JS runtime's
 * process, and would die with it. So the guest's end does not end the
 * process at once: every connection closed with a queue waits here until
 * the adapter has handed the queue to the OS (`buffered` reaches 0, after
 * which the kernel delivers the rest as it does for a native program), or
 * until the queue has not shrunk for {@link LINGER_STALL_MS} (a peer that
 * stopped reading: Linux would keep the bytes in an orphaned socket for a
 * while and then drop them too). `--timeout` still ends the run on time.
 *
 * @module
 */

import type { StreamConn } from "../net_backend.ts";
import type { Signal } from "../signal.ts";
import { formatAddress, type SocketAddress } from "../sockaddr.ts";

/** How long the exit waits for a closed connection's queue that makes no progress. */
export const LINGER_STALL_MS = 5_000;
/** How often the exit looks whether the queues still shrink. */
const LINGER_CHECK_MS = 250;

/** A connection closed with bytes queued, and the signal its adapter's events reach. */
interface Lingering {
  conn: StreamConn;
  changed: Signal;
  peer: SocketAddress | null;
}

/** What {@link Linger.settle} did: the bytes delivered and those given up. */
export interface LingerOutcome {
  /** Connections that were still sending when the guest ended. */
  connections: number;
  /** Bytes still queued when the wait gave up (0: everything went to the OS). */
  abandoned: number;
  /** Milliseconds the exit waited. */
  waitedMs: number;
}

/** The connections a guest closed with bytes still queued in the host (one per process tree). */
export class Linger {
  #open: Lingering[] = [];

  /**
   * Keeps `conn` until its queue is flushed. `changed` is notified by the
   * socket's sink on the adapter's events (its `closed` comes once the queue
   * is flushed); `peer` names it in traces.
   */
  add(conn: StreamConn, changed: Signal, peer: SocketAddress | null): void {
    if (conn.buffered > 0) this.#open.push({ conn, changed, peer });
  }

  /** Bytes the closed connections still queue. */
  get pending(): number {
    this.#prune();
    let n = 0;
    for (const l of this.#open) n += l.conn.buffered;
    return n;
  }

  /** The peers still owed bytes, as text for a trace. */
  get peers(): string[] {
    this.#prune();
    return this.#open.map((l) => `${l.peer ? formatAddress(l.peer) : "a peer"} (${l.conn.buffered} bytes)`);
  }

  /**
   * Resolves once every queue is flushed, or once none has shrunk for
   * `stallMs`. Event-driven (each adapter event looks again); a slow timer
   * only watches for the stall.
   */
  settle(stallMs = LINGER_STALL_MS): Promise<LingerOutcome> {
    const started = Date.now(), connections = this.#prune();
    if (connections === 0) return Promise.resolve({ connections: 0, abandoned: 0, waitedMs: 0 });
    return new Promise((resolve) => {
      let last = this.pending, lastProgress = started;
      const look = (): void => {
        const now = this.pending;
        if (now === 0) return finish(0);
        if (now < last) [last, lastProgress] = [now, Date.now()];
      };
      const timer = setInterval(() => {
        look();
        if (this.#open.length > 0 && Date.now() - lastProgress >= stallMs) finish(this.pending);
      }, Math.min(LINGER_CHECK_MS, stallMs));
      const watched = this.#open.map((l) => l.changed);
      let done = false;
      const finish = (abandoned: number): void => {
        if (done) return;
        done = true;
        clearInterval(timer);
        for (const s of watched) s.unlisten(look);
        resolve({ connections, abandoned, waitedMs: Date.now() - started });
      };
      for (const s of watched) s.listen(look);
      look();
    });
  }

  // Drops the flushed ones; returns how many are left.
  #prune(): number {
    this.#open = this.#open.filter((l) => l.conn.buffered > 0);
    return this.#open.length;
  }
}
