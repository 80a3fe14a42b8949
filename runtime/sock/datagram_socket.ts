/**
 * SOCK_DGRAM sockets (UDP over IPv4/IPv6, and unix datagrams where the host
 * has them): message boundaries kept, truncation reported, sender addresses,
 * connected mode filtering, implicit binding on first send.
 *
 * @module
 */

import type { Context } from "../context.ts";
import { Errno, fail } from "../errno.ts";
import type { Readiness } from "../fd_entry.ts";
import { type GuestMemory, gather, type IoVec, iovTotal, scatter } from "../memory.ts";
import type { DatagramSink, DatagramSocket } from "../net_backend.ts";
import { formatAddress, type SocketAddress } from "../sockaddr.ts";
import { MAX_UDP_PAYLOAD, SockType } from "./abi.ts";
import { anyAddress } from "./addr_port.ts";
import { permit } from "./guard.ts";
import { type Family, type Received, type RecvFlags, SocketEntry } from "./socket_entry.ts";
import { hostUnixPath } from "./unix_path.ts";
import { waitFor } from "./wait.ts";

interface Datagram {
  data: Uint8Array;
  from: SocketAddress;
}

function sameAddress(a: SocketAddress, b: SocketAddress): boolean {
  return formatAddress(a) === formatAddress(b);
}

/** A datagram socket. */
export class DgramSocket extends SocketEntry implements DatagramSink {
  #sock: DatagramSocket | null = null;
  #binding: Promise<void> | null = null;
  #queue: Datagram[] = [];
  #queuedBytes = 0;
  #peer: SocketAddress | null = null;
  #closed = false;
  #readShut = false;
  #writeShut = false;
  #guestLocal: SocketAddress | null = null;
  #implicit = false; // bound by a send or connect, not by bind()

  constructor(ctx: Context, family: Family, protocol = 0) {
    super(ctx, family, SockType.DGRAM, protocol);
  }

  // ---- DatagramSink ----

  message(data: Uint8Array, from: SocketAddress): void {
    if (this.#readShut) return;
    // Bound implicitly by a send: only replies from where the sandbox lets it send get in.
    if (this.#implicit && !this.ctx.policy.check("udp-send", from).allowed) return;
    if (this.#peer && !sameAddress(from, this.#peer)) return; // connected: others are dropped, as on Linux
    if (this.#queuedBytes + data.byteLength > this.recvBufSize && this.#queue.length > 0) return; // full: dropped
    this.#queue.push({ data, from });
    this.#queuedBytes += data.byteLength;
    this.changed.notify();
  }

  error(errno: number): void {
    this.pendingError = errno;
    this.changed.notify();
  }

  /** Makes this one end of a socketpair (already connected, nothing to bind). */
  attachPair(sock: DatagramSocket): void {
    this.#sock = sock;
    this.#binding = Promise.resolve();
    this.#peer = sock.local;
    this.#guestLocal = sock.local;
  }

  // ---- setup ----

  #open(addr: SocketAddress, guest: SocketAddress): Promise<void> {
    const host = addr.family === "unix" ? { family: "unix" as const, path: hostUnixPath(this.ctx, addr.path, "bind") } : addr;
    this.#binding = this.ctx.host.net.bindDatagram(
      host,
      { reuseAddress: this.flags.reuseAddr, broadcast: this.flags.broadcast },
      this,
    ).then((sock) => {
      if (this.#closed) {
        sock.close();
        return;
      }
      this.#sock = sock;
      this.#guestLocal = guest.family === "unix" ? guest : sock.local;
    }, (e) => {
      this.#binding = null;
      throw e;
    });
    return this.#binding;
  }

  bind(addr: SocketAddress): Promise<void> {
    this.checkFamily(addr);
    permit(this.ctx, addr.family === "unix" ? "unix-bind" : "udp-bind", addr);
    // As for streams: Linux makes a unix socket's file first, so an existing path is EADDRINUSE even when bound.
    if (this.#binding && addr.family === "unix") hostUnixPath(this.ctx, addr.path, "bind");
    if (this.#binding) fail(Errno.INVAL, "socket is already bound");
    return this.#open(addr, addr);
  }

  /** Binds to the wildcard address and an ephemeral port, as Linux does on first send. */
  #autobind(): Promise<void> | void {
    if (this.#sock) return;
    if (this.#binding) return this.#binding;
    if (this.family === "unix") return; // an unbound unix datagram socket can still send (host permitting)
    const any = anyAddress(this.family);
    this.#implicit = true;
    this.trace(`implicit bind of a ${this.family} datagram socket to ${formatAddress(any)}`);
    return this.#open(any, any);
  }

  connect(addr: SocketAddress): void | Promise<void> {
    if (addr.family === "ipv4" && addr.address === "0.0.0.0" && addr.port === 0) {
      this.#peer = null; // AF_UNSPEC-style dissolve
      return;
    }
    this.checkFamily(addr);
    permit(this.ctx, addr.family === "unix" ? "unix-connect" : "udp-connect", addr);
    this.#peer = addr;
    this.#queue = this.#queue.filter((d) => sameAddress(d.from, addr));
    return this.#autobind();
  }

  // ---- data ----

  recv(mem: GuestMemory, iovs: IoVec[], flags: RecvFlags): Received | Promise<Received> {
    const take = (): Received | undefined => {
      const d = this.#queue[0];
      if (d === undefined) {
        if (this.pendingError) fail(this.takeError());
        if (this.#readShut) return { n: 0, truncated: false, from: null };
        return undefined;
      }
      if (!flags.peek) {
        this.#queue.shift();
        this.#queuedBytes -= d.data.byteLength;
      }
      const copied = scatter(mem, iovs, d.data);
      const truncated = copied < d.data.byteLength;
      return { n: flags.trunc ? d.data.byteLength : copied, truncated, from: d.from };
    };
    const r = take();
    if (r) return r;
    if (this.nonblocking || flags.dontWait) fail(Errno.AGAIN);
    // A never-bound UDP socket waits without binding, as on Linux: no port is
    // opened (that would be a listen the sandbox has not granted).
    return waitFor(this.changed, () => {
      if (this.#closed) fail(Errno.BADF);
      return take();
    }, this.recvTimeout, () => fail(Errno.AGAIN, "SO_RCVTIMEO expired"));
  }

  send(mem: GuestMemory, iovs: IoVec[], to: SocketAddress | null, _dontWait: boolean): number | Promise<number> {
    if (this.#writeShut) fail(Errno.PIPE);
    const dest = to ?? this.#peer;
    if (!dest) fail(this.#peer === null && to === null ? Errno.DESTADDRREQ : Errno.NOTCONN);
    if (to) {
      this.checkFamily(to);
      if (dest.family !== "unix" && dest.port === 0) fail(Errno.INVAL, "send to port 0");
      permit(this.ctx, dest.family === "unix" ? "unix-connect" : "udp-send", to);
    }
    const n = iovTotal(iovs);
    if (n > MAX_UDP_PAYLOAD) fail(Errno.MSGSIZE);
    if (dest.family !== "ipv6" && dest.family !== "unix" && dest.address === "255.255.255.255" && !this.flags.broadcast) {
      fail(Errno.ACCES, "broadcast without SO_BROADCAST");
    }
    const data = gather(mem, iovs); // copy now: the guest may reuse its buffer while we bind
    // A socketpair end's peer is unnamed: it has no host path, and the pair needs none.
    const named = dest.family === "unix" && dest.path !== "";
    const target = named ? { family: "unix" as const, path: hostUnixPath(this.ctx, dest.path, "connect") } : dest;
    const go = (): number | Promise<number> => {
      const sent = this.#sock!.send(data, target);
      return sent instanceof Promise ? sent.then(() => n) : n;
    };
    if (this.#sock) return go();
    const bound = this.#autobind();
    if (!bound) {
      if (!this.#sock) fail(Errno.NOTSUP, "unbound unix datagram send");
      return go();
    }
    return bound.then(go);
  }

  shutdown(read: boolean, write: boolean): void {
    if (!this.#peer) fail(Errno.NOTCONN);
    if (read) this.#readShut = true;
    if (write) this.#writeShut = true;
    this.changed.notify();
  }

  localAddress(): SocketAddress {
    return this.#guestLocal ?? anyAddress(this.family);
  }

  peerAddress(): SocketAddress {
    if (!this.#peer) fail(Errno.NOTCONN);
    return this.#peer;
  }

  override applyFlags(): void {
    this.#sock?.setBroadcast(this.flags.broadcast);
  }

  /** As Linux's datagram_poll: always writable, POLLERR while an error is pending, POLLHUP once both directions are shut. */
  override readiness(write: boolean): Readiness {
    const error = this.pendingError || undefined;
    const hangup = this.#readShut && this.#writeShut;
    const rdhup = this.#readShut;
    if (write) return { ready: true, nbytes: MAX_UDP_PAYLOAD, hangup, rdhup, error };
    const d = this.#queue[0];
    return { ready: d !== undefined || this.#readShut, nbytes: d ? d.data.byteLength : 0, hangup, rdhup, error };
  }

  override close(): void {
    this.#closed = true;
    this.#sock?.close();
    this.#sock = null;
    this.#queue.length = 0;
    this.changed.notify();
  }
}
