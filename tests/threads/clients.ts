/**
 * Native TCP clients for the concurrent-server tests: many at once, each a
 * request/response conversation over the line protocols of the examples.
 *
 * @module
 */

import { connect, type Socket } from "node:net";

/** One client connection that collects the lines it receives. */
export class LineClient {
  readonly sock: Socket;
  readonly lines: string[] = [];
  ended = false;
  #partial = "";
  #waiters: (() => void)[] = [];

  private constructor(sock: Socket) {
    this.sock = sock;
    sock.setEncoding("utf8");
    sock.on("data", (d: string) => {
      const parts = (this.#partial + d).split("\n");
      this.#partial = parts.pop()!;
      this.lines.push(...parts);
      this.#wake();
    });
    sock.on("end", () => {
      this.ended = true;
      this.#wake();
    });
    sock.on("error", () => {
      this.ended = true;
      this.#wake();
    });
  }

  #wake(): void {
    for (const w of this.#waiters.splice(0)) w();
  }

  /** Connects to 127.0.0.1:`port`. */
  static open(port: number): Promise<LineClient> {
    return new Promise((resolve, reject) => {
      const sock = connect({ host: "127.0.0.1", port });
      sock.once("connect", () => resolve(new LineClient(sock)));
      sock.once("error", reject);
    });
  }

  /** Waits until `n` lines have arrived in all (or the connection ended). */
  async waitLines(n: number, timeoutMs: number): Promise<void> {
    const t0 = Date.now();
    while (this.lines.length < n && !this.ended) {
      const left = timeoutMs - (Date.now() - t0);
      if (left <= 0) throw new Error(`timed out with ${this.lines.length} of ${n} lines: ${JSON.stringify(this.lines)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Sends `line` and waits for one more line in reply; returns it. */
  async ask(line: string, timeoutMs: number): Promise<string> {
    const want = this.lines.length + 1;
    this.sock.write(line + "\n");
    await this.waitLines(want, timeoutMs);
    if (this.lines.length < want) throw new Error(`connection ended before the answer to ${JSON.stringify(line)}`);
    return this.lines[want - 1];
  }

  /** Half-closes (FIN) and waits until the server closes its side too. */
  async finish(timeoutMs: number): Promise<void> {
    this.sock.end();
    const t0 = Date.now();
    while (!this.ended) {
      const left = timeoutMs - (Date.now() - t0);
      if (left <= 0) throw new Error("the server did not close the connection");
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Drops the connection. */
  destroy(): void {
    this.sock.destroy();
  }
}

/** The words client `i` sends, one per line. */
export function wordsOf(i: number, count: number): string[] {
  return Array.from({ length: count }, (_, k) => `c${i}w${k}`);
}

/** The lines of `out` in sorted order (what concurrent runs can be compared on). */
export function sortedLines(out: string[]): string[] {
  return [...out].sort();
}
