/// <reference path="./types.d.ts" />
/**
 * One stream connection (TCP or unix) over a Bun socket. Bun pushes: `data`,
 * `end` (the peer's FIN, sockets are opened with `allowHalfOpen`), `drain`
 * (writable again after a partial write) and `close` (with the error, if any).
 *
 * Bun facts this follows (1.4): `socket.write` is unbuffered — it returns the
 * bytes the kernel took (maybe fewer, -1 once closed), so the rest is queued
 * here and retried on `drain`; `shutdown()` sends FIN and keeps reading;
 * `end()` closes the descriptor at once (the kernel still sends what it holds);
 * a reset arrives as `close(socket, error)` with `code` ECONNRESET or EPIPE;
 * when both sides have sent FIN Bun goes straight to `close` without `end`;
 * TCP_NODELAY is set on every socket (Linux's default is off, so it is cleared
 * here); unix sockets report no addresses.
 *
 * @module
 */

import { Errno } from "../../runtime/errno.ts";
import { errnoFromHostError } from "../../runtime/host_errors.ts";
import type { StreamConn, StreamSink } from "../../runtime/net_backend.ts";
import { SendQueue } from "../../runtime/net_send_queue.ts";
import { canonicalIp, type SocketAddress } from "../../runtime/sockaddr.ts";

/** The per-socket slot Bun keeps in `socket.data`. */
export interface Slot {
  /** The adapter's connection, once `open` ran. */
  conn?: BunStreamConn;
}

/** A Bun TCP or unix socket carrying a {@link Slot}. */
export type BunSocket = Bun.Socket<Slot>;

/** Bun's address fields as a {@link SocketAddress}. */
export function fromBunAddr(address: string | undefined, port: number | undefined): SocketAddress {
  const ip = address ? canonicalIp(address) : null;
  return ip
    ? { family: ip.family, address: ip.address, port: port ?? 0 }
    : { family: "ipv4", address: "0.0.0.0", port: 0 };
}

type Held = Uint8Array | "end";

/** A connection handed to the runtime; Bun's handlers forward to its `on*` methods. */
export class BunStreamConn implements StreamConn {
  /** Local address. */
  readonly local: SocketAddress;
  /** Peer address. */
  readonly remote: SocketAddress;
  #s: BunSocket;
  #sink!: StreamSink;
  #queue = new SendQueue();
  #paused = false;
  #held: Held[] = [];
  #closeHeld: { errno: number } | null = null; // `close` arrived while paused
  #endSeen = false;
  #shutdownAsked = false;
  #finSent = false;
  #closeAsked = false;
  #writeLost = false; // write() returned -1 (reported to the sink at once)
  #finished = false;

  /** Wraps `s`; `unixPath` is set for unix sockets (Bun tells no unix addresses), `server` says which end has it. */
  constructor(s: BunSocket, unixPath: string | null, server: boolean) {
    this.#s = s;
    if (unixPath !== null) {
      this.local = { family: "unix", path: server ? unixPath : "" };
      this.remote = { family: "unix", path: server ? "" : unixPath };
    } else {
      this.local = fromBunAddr(s.localAddress, s.localPort);
      this.remote = fromBunAddr(s.remoteAddress, s.remotePort);
      s.setNoDelay(false);
    }
  }

  /** Sets the sink events go to; call before returning to Bun's event loop. */
  attach(sink: StreamSink): void {
    this.#sink = sink;
  }

  /** Bytes accepted by {@link write} not yet taken by the kernel. */
  get buffered(): number {
    return this.#queue.bytes;
  }

  /** Writes what the kernel takes now and queues the rest; dropped after shutdownWrite/close; EPIPE once Bun closed. */
  write(data: Uint8Array): void {
    if (this.#shutdownAsked || this.#closeAsked || data.byteLength === 0) return;
    if (this.#finished) return this.#lost();
    if (this.#queue.empty) {
      const n = this.#s.write(data);
      if (n === data.byteLength) return;
      if (n < 0) return this.#lost();
      data = data.subarray(n);
    }
    this.#queue.push(data);
  }

  /** As {@link write}, for a buffer that stays the caller's: only what the kernel does not take is copied. */
  writeFrom(data: Uint8Array): void {
    if (this.#shutdownAsked || this.#closeAsked || data.byteLength === 0) return;
    if (this.#finished) return this.#lost();
    if (!this.#queue.empty) return this.#queue.push(data.slice());
    const n = this.#s.write(data); // synchronous: Bun keeps nothing of `data`
    if (n === data.byteLength) return;
    if (n < 0) return this.#lost();
    this.#queue.push(data.slice(n));
  }

  /** Sends FIN once the queue is flushed. */
  shutdownWrite(): void {
    if (this.#shutdownAsked || this.#finished) return;
    this.#shutdownAsked = true;
    if (this.#queue.empty) this.#sendFin();
  }

  /** Stops reading from the kernel; anything Bun still delivers is held until {@link resume}. */
  pause(): void {
    if (this.#paused || this.#finished) return;
    this.#paused = true;
    this.#s.pause();
  }

  /** Delivers what was held and reads again. */
  resume(): void {
    if (!this.#paused) return;
    this.#paused = false;
    const held = this.#held;
    this.#held = [];
    for (const h of held) {
      if (this.#closeAsked) break;
      if (h === "end") this.#sink.end();
      else this.#sink.data(h);
    }
    if (this.#closeHeld) this.#report(this.#closeHeld.errno);
    else if (!this.#finished) this.#s.resume();
  }

  /** TCP_NODELAY (ignored on unix sockets). */
  setNoDelay(on: boolean): void {
    if (!this.#finished && this.local.family !== "unix") this.#s.setNoDelay(on);
  }

  /** SO_KEEPALIVE (ignored on unix sockets). */
  setKeepAlive(on: boolean): void {
    if (!this.#finished && this.local.family !== "unix") this.#s.setKeepAlive(on, 0);
  }

  /** Closes once the queue is flushed; `closed` follows. */
  close(): void {
    if (this.#closeAsked || this.#finished) return;
    this.#closeAsked = true;
    this.#held = [];
    if (this.#queue.empty) this.#s.end();
  }

  /**
   * Closes at once with a RST (Bun's `terminate()` sets SO_LINGER {1, 0}); queued data is
   * dropped. Not for unix sockets (false): their peer reads ECONNRESET only when the kernel
   * still holds unread data, and Bun has read it all.
   */
  reset(): boolean {
    if (this.local.family === "unix") return false;
    if (this.#closeAsked || this.#finished) return true;
    this.#closeAsked = true;
    this.#held = [];
    this.#queue.clear();
    this.#s.terminate();
    return true;
  }

  /** Bun `data`. */
  onData(chunk: Uint8Array): void {
    if (this.#closeAsked || this.#finished) return;
    if (this.#paused) this.#held.push(chunk);
    else this.#sink.data(chunk);
  }

  /** Bun `end`: the peer's FIN. */
  onEnd(): void {
    if (this.#endSeen || this.#closeAsked || this.#finished) return;
    this.#endSeen = true;
    if (this.#paused) this.#held.push("end");
    else this.#sink.end();
  }

  /** Bun `drain`: writes the queue on. */
  onDrain(): void {
    let progressed = false;
    while (!this.#queue.empty && !this.#finished) {
      const chunk = this.#queue.peek();
      const n = this.#s.write(chunk);
      if (n < 0) {
        this.#queue.clear();
        return this.#lost();
      }
      this.#queue.consume(n);
      if (n > 0) progressed = true;
      if (n < chunk.byteLength) break;
    }
    if (progressed && !this.#closeAsked && !this.#finished) this.#sink.drain();
    if (!this.#queue.empty || this.#finished) return;
    if (this.#closeAsked) this.#s.end();
    else if (this.#shutdownAsked) this.#sendFin();
  }

  // The kernel refused a write (Bun returns -1 without saying why: the peer is gone, EPIPE),
  // or the peer closed and Bun closed the socket (a unix peer's close: Bun goes to `close`).
  // Reported now, so that the send that wrote fails as it does on Linux. Only the write side
  // failed: what the peer sent before it closed is still in the kernel, and Bun delivers it
  // (`data`, `end`, `close`) after this; the runtime's reads wait for those.
  #lost(): void {
    if (this.#writeLost) return;
    this.#writeLost = true;
    this.#sink.error(Errno.PIPE);
  }

  #sendFin(): void {
    if (this.#finSent) return;
    this.#finSent = true;
    this.#s.shutdown();
  }

  /** Bun `close`, with the error that ended the connection if any. */
  onClose(error?: Error): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#queue.clear();
    let errno = 0;
    if (error) errno = errnoFromHostError(error, Errno.CONNRESET);
    else if (this.#writeLost) errno = Errno.PIPE;
    if (this.#closeAsked) errno = 0;
    else if (errno === 0 && !this.#endSeen) {
      // Both FINs done: Bun skips `end` then.
      this.#endSeen = true;
      if (this.#paused) this.#held.push("end");
      else this.#sink.end();
    }
    if (this.#paused && this.#held.length > 0 && errno === 0) this.#closeHeld = { errno };
    else this.#report(errno);
  }

  #report(errno: number): void {
    this.#closeHeld = null;
    this.#held = [];
    if (errno !== 0 && !this.#writeLost) this.#sink.error(errno); // a lost write was reported already
    this.#sink.closed();
  }
}
