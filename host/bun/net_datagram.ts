/// <reference path="./types.d.ts" />
/**
 * UDP sockets over `Bun.udpSocket`. Bun has no unix datagram sockets (it
 * ignores `{unix}` and binds UDP instead), so the backend refuses those.
 *
 * Bun facts this follows (1.4): `send` throws on EMSGSIZE/EACCES/…, and
 * returns false when the kernel buffer is full (the datagram was not sent:
 * retried here on `drain`); the `error` handler is called as `error(err)`
 * (not `(socket, err)` as bun-types says) and receives ICMP feedback
 * (`errqueue: true`), which Linux reports only on connected sockets, so it is
 * dropped; there is no pause, so datagrams arriving while paused are held up
 * to Linux's default receive buffer size and dropped beyond, as a full kernel
 * buffer would; SO_REUSEADDR is passed as Bun's `flags` bit 4 (what Bun's own
 * node:dgram does), which sets SO_REUSEPORT — the same sharing of a port
 * between sockets that set it, but unicast datagrams are spread among them.
 *
 * @module
 */

import { Errno, SyscallError } from "../../runtime/errno.ts";
import { errnoFromHostError } from "../../runtime/host_errors.ts";
import type { DatagramOptions, DatagramSink, DatagramSocket } from "../../runtime/net_backend.ts";
import type { SocketAddress } from "../../runtime/sockaddr.ts";
import { fromBunAddr } from "./net_stream.ts";

/** Bytes of payload held while paused (Linux's default SO_RCVBUF, net.core.rmem_default). */
const HOLD_LIMIT = 212992;
/** Bun's `udpSocket` flag for SO_REUSEADDR (from Bun's node:dgram). */
const FLAG_REUSE_ADDR = 4;

type UdpSocket = Bun.udp.Socket<"uint8array">;

interface PendingSend {
  data: Uint8Array;
  to: SocketAddress & { family: "ipv4" | "ipv6" };
  done: () => void;
  failed: (e: unknown) => void;
}

/** A bound UDP socket feeding `sink`. */
export class BunDatagramSocket implements DatagramSocket {
  /** The address actually bound. */
  readonly local: SocketAddress;
  #u: UdpSocket;
  #sink: DatagramSink;
  #paused = false;
  #held: [Uint8Array, SocketAddress][] = [];
  #heldBytes = 0;
  #pending: PendingSend[] = [];
  #closed = false;

  private constructor(u: UdpSocket, sink: DatagramSink) {
    this.#u = u;
    this.#sink = sink;
    this.local = fromBunAddr(u.address.address, u.address.port);
  }

  /** Binds a UDP socket to `addr`; rejects with `SyscallError` (EAFNOSUPPORT for unix datagrams, as socket() does). */
  static async bind(addr: SocketAddress, opts: DatagramOptions, sink: DatagramSink): Promise<BunDatagramSocket> {
    if (addr.family === "unix") throw new SyscallError(Errno.AFNOSUPPORT, "Bun has no unix datagram sockets");
    let self: BunDatagramSocket | null = null;
    let u: UdpSocket;
    try {
      u = await Bun.udpSocket({
        hostname: addr.address,
        port: addr.port,
        binaryType: "uint8array",
        ...(opts.reuseAddress ? { flags: FLAG_REUSE_ADDR } : {}),
        socket: {
          data: (_s, data, port, address) => {
            if (self) self.#onMessage(data, fromBunAddr(address, port));
          },
          drain: () => {
            if (self) self.#onDrain();
          },
          error: (e: unknown) => {
            if (self) self.#onError(e);
          },
        },
      });
    } catch (e) {
      throw new SyscallError(errnoFromHostError(e), `bind datagram: ${(e as Error)?.message ?? e}`);
    }
    self = new BunDatagramSocket(u, sink);
    if (opts.broadcast) u.setBroadcast(true);
    return self;
  }

  /** Sends one datagram; throws `SyscallError` (EMSGSIZE, EACCES for broadcast without SO_BROADCAST, …). */
  send(data: Uint8Array, to: SocketAddress): void | Promise<void> {
    if (this.#closed) throw new SyscallError(Errno.BADF, "socket closed");
    if (to.family === "unix") throw new SyscallError(Errno.AFNOSUPPORT, "unix destination on a UDP socket");
    if (this.#pending.length === 0 && this.#trySend(data, to)) return;
    return new Promise((done, failed) => this.#pending.push({ data, to, done, failed }));
  }

  /** SO_BROADCAST. */
  setBroadcast(on: boolean): void {
    if (!this.#closed) this.#u.setBroadcast(on);
  }

  /** Holds arriving datagrams (up to the Linux default receive buffer, then drops). */
  pause(): void {
    this.#paused = true;
  }

  /** Delivers the held datagrams and resumes delivery. */
  resume(): void {
    if (!this.#paused) return;
    this.#paused = false;
    const held = this.#held;
    this.#held = [];
    this.#heldBytes = 0;
    for (const [data, from] of held) {
      if (this.#closed || this.#paused) break;
      this.#sink.message(data, from);
    }
  }

  /** Closes the socket and frees its port. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#held = [];
    for (const p of this.#pending.splice(0)) p.failed(new SyscallError(Errno.BADF, "socket closed"));
    this.#u.close();
  }

  // True when sent, false when the kernel buffer was full; throws SyscallError on refusal.
  #trySend(data: Uint8Array, to: SocketAddress & { family: "ipv4" | "ipv6" }): boolean {
    try {
      return this.#u.send(data, to.port, to.address);
    } catch (e) {
      throw new SyscallError(errnoFromHostError(e), `send: ${(e as Error)?.message ?? e}`);
    }
  }

  #onMessage(data: Uint8Array, from: SocketAddress): void {
    if (this.#closed) return;
    if (!this.#paused) return this.#sink.message(data, from);
    if (this.#heldBytes + data.byteLength > HOLD_LIMIT) return; // a full receive buffer drops
    this.#held.push([data, from]);
    this.#heldBytes += data.byteLength;
  }

  #onDrain(): void {
    while (this.#pending.length > 0 && !this.#closed) {
      const p = this.#pending[0];
      try {
        if (!this.#trySend(p.data, p.to)) return;
        this.#pending.shift();
        p.done();
      } catch (e) {
        this.#pending.shift();
        p.failed(e);
      }
    }
  }

  #onError(e: unknown): void {
    if (this.#closed || !e || (e as { errqueue?: boolean }).errqueue) return;
    this.#sink.error(errnoFromHostError(e));
  }
}
