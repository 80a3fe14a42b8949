/**
 * socketpair(2): two connected unix sockets that live entirely in the
 * runtime — no host resource, no sandbox decision needed.
 *
 * @module
 */

import { Errno, SyscallError } from "../errno.ts";
import type { DatagramSink, DatagramSocket, StreamConn, StreamSink } from "../net_backend.ts";
import type { SocketAddress } from "../sockaddr.ts";

const UNNAMED: SocketAddress = Object.freeze({ family: "unix", path: "" });

/** One end of an in-memory stream pair. */
class PairEnd implements StreamConn {
  readonly local = UNNAMED;
  readonly remote = UNNAMED;
  peer!: PairEnd;
  sink!: StreamSink;
  #held: Uint8Array[] = []; // written while the peer reader is paused
  #heldBytes = 0;
  paused = false;
  #finSent = false;
  #closed = false;

  get buffered(): number {
    return this.#heldBytes;
  }

  write(data: Uint8Array): void {
    if (this.#closed || this.#finSent) return;
    if (this.peer.#closed) {
      this.sink.error(Errno.PIPE);
      return;
    }
    if (this.peer.paused || this.#held.length > 0) {
      this.#held.push(data);
      this.#heldBytes += data.byteLength;
      return;
    }
    this.peer.sink.data(data);
  }

  /** Delivers what was held while the peer was paused. */
  flush(): void {
    while (this.#held.length > 0 && !this.peer.paused) {
      const d = this.#held.shift()!;
      this.#heldBytes -= d.byteLength;
      this.peer.sink.data(d);
    }
    this.sink.drain();
    if (this.#finSent && this.#held.length === 0) this.peer.sink.end();
  }

  shutdownWrite(): void {
    if (this.#finSent) return;
    this.#finSent = true;
    if (this.#held.length === 0) this.peer.sink.end();
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.peer.flush();
  }

  setNoDelay(): void {}
  setKeepAlive(): void {}

  /** Closed with unread data: Linux gives the peer ECONNRESET (unix_release_sock), then EOF. */
  reset(): boolean {
    if (this.#closed) return true;
    this.#closed = this.#finSent = true;
    this.#held.length = 0;
    this.#heldBytes = 0;
    this.peer.sink.error(Errno.CONNRESET);
    this.peer.sink.closed();
    this.sink.closed();
    return true;
  }

  close(): void {
    if (this.#closed) return;
    this.shutdownWrite();
    this.#closed = true;
    this.#held.length = 0;
    this.#heldBytes = 0;
    this.peer.sink.end();
    this.peer.sink.closed(); // the peer's connection is gone: Linux reports POLLHUP there
    this.sink.closed();
  }
}

/** Creates a connected stream pair; each sink gets the other end's writes. */
export function streamPair(a: StreamSink, b: StreamSink): [StreamConn, StreamConn] {
  const ea = new PairEnd(), eb = new PairEnd();
  ea.peer = eb;
  eb.peer = ea;
  ea.sink = a;
  eb.sink = b;
  return [ea, eb];
}

/** One end of an in-memory datagram pair. */
class DgramPairEnd implements DatagramSocket {
  readonly local = UNNAMED;
  peer: DgramPairEnd | null = null;
  sink!: DatagramSink;

  send(data: Uint8Array): void {
    if (this.peer === null) throw new SyscallError(Errno.CONNREFUSED, "the other end of the pair is closed");
    this.peer.sink.message(data, UNNAMED);
  }
  setBroadcast(): void {}
  pause(): void {}
  resume(): void {}
  close(): void {
    if (this.peer) this.peer.peer = null;
    this.peer = null;
  }
}

/** Creates a connected datagram pair. */
export function datagramPair(a: DatagramSink, b: DatagramSink): [DatagramSocket, DatagramSocket] {
  const ea = new DgramPairEnd(), eb = new DgramPairEnd();
  ea.peer = eb;
  eb.peer = ea;
  ea.sink = a;
  eb.sink = b;
  return [ea, eb];
}
