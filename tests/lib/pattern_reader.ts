/**
 * A loopback TCP client that reads a server's whole stream until its FIN and
 * checks every byte against the pattern the C program sent (byte `i` is
 * `pattern(i)`), for tests of what arrives when the sender is sandboxed.
 *
 * @module
 */

import { connect, type Socket } from "node:net";

/** How a {@link PatternReader} reads. */
export interface ReadPace {
  /** Pause 1 ms after each chunk (a slow reader). */
  slow?: boolean;
  /** Read nothing until {@link PatternReader.release}. */
  hold?: boolean;
  /** Read nothing for this many ms after connecting. */
  delayMs?: number;
  /** Give up (reject) after this many ms without the server's FIN; default 30 s. */
  timeoutMs?: number;
}

/** Reads 127.0.0.1:`port` until the server's FIN, counting bytes and noting the first wrong one. */
export class PatternReader {
  /** Bytes received so far. */
  bytes = 0;
  /** Offset of the first byte that differs from the pattern, or -1. */
  firstWrong = -1;
  /** Settles at the server's FIN (or an error, or the timeout). */
  readonly done: Promise<void>;
  readonly #sock: Socket;

  constructor(port: number, pattern: (i: number) => number, pace: ReadPace = {}) {
    const sock = this.#sock = connect({ host: "127.0.0.1", port });
    if (pace.hold || pace.delayMs !== undefined) sock.pause();
    if (pace.delayMs !== undefined) setTimeout(() => sock.resume(), pace.delayMs);
    this.done = new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        sock.destroy();
        reject(new Error(`no FIN after ${this.bytes} bytes`));
      }, pace.timeoutMs ?? 30_000);
      sock.on("data", (d: Uint8Array) => {
        for (let i = 0; i < d.length && this.firstWrong < 0; i++) {
          if (d[i] !== pattern(this.bytes + i)) this.firstWrong = this.bytes + i;
        }
        this.bytes += d.length;
        if (pace.slow) {
          sock.pause();
          setTimeout(() => sock.resume(), 1);
        }
      });
      sock.on("error", (e) => {
        clearTimeout(timer);
        reject(e);
      });
      sock.on("end", () => {
        clearTimeout(timer);
        sock.end();
        resolve();
      });
    });
    this.done.catch(() => {}); // awaited by the test
  }

  /** Starts reading (after `hold`). */
  release(): void {
    this.#sock.resume();
  }

  /** Closes the connection. */
  destroy(): void {
    this.#sock.destroy();
  }
}
