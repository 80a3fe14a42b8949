/**
 * SOCK_STREAM sockets (TCP over IPv4/IPv6, and unix streams): bind, listen,
 * accept, connect, send, recv, shutdown — with Linux's states and errnos.
 *
 * The receive path copies each host chunk once, into guest memory. The send
 * path is runtime/sock/stream_send.ts.
 *
 * @module
 */

import type { Context } from "../context.ts";
import { Errno, fail, SyscallError } from "../errno.ts";
import type { Readiness } from "../fd_entry.ts";
import { type GuestMemory, type IoVec, iovTotal } from "../memory.ts";
import type { StreamConn, StreamSink } from "../net_backend.ts";
import type { SocketAddress } from "../sockaddr.ts";
import { FdFlags } from "../wasi/constants.ts";
import { SockType } from "./abi.ts";
import { anyAddress } from "./addr_port.ts";
import { AcceptQueue, SOMAXCONN } from "./accept_queue.ts";
import { ByteQueue } from "./byte_queue.ts";
import { permit } from "./guard.ts";
import { type Family, type Received, type RecvFlags, SocketEntry } from "./socket_entry.ts";
import { sendStream } from "./stream_send.ts";
import { hostUnixPath, type UnixPathUse } from "./unix_path.ts";
import { waitFor } from "./wait.ts";

type State = "fresh" | "bound" | "listening" | "connecting" | "connected" | "closed";

/** A stream socket. */
export class StreamSocket extends SocketEntry implements StreamSink {
  #state: State = "fresh";
  #pending = new AcceptQueue<StreamSocket>(); // the host listener (once bound) and connections not yet accepted
  #conn: StreamConn | null = null;
  #recvQ = new ByteQueue();
  #paused = false;
  #eof = false; // nothing more will arrive: the peer's FIN, or the connection is gone
  #finReceived = false; // the peer's FIN (Linux's SOCK_DONE): reads say EOF before a pending error
  #readShut = false;
  #writeShut = false;
  #connError = 0; // fatal connection error, reported once by recv/send, then EPIPE / 0
  #connectFailed = false; // the last connect failed: Linux's TCP_CLOSE with both directions shut
  #connectPending = false; // connect() said EINPROGRESS; the next connect() reports the outcome
  #peerClosed = false; // unix: the peer closed its end (Linux shuts both directions: POLLHUP)
  #local: SocketAddress | null = null;
  #peer: SocketAddress | null = null;
  #guestLocalPath = ""; // unix: the path as the guest named it

  constructor(ctx: Context, family: Family, protocol = 0) {
    super(ctx, family, SockType.STREAM, protocol);
  }

  /** Wraps a connection the host accepted or a socketpair end. */
  static connected(ctx: Context, family: Family, conn: StreamConn | null): StreamSocket {
    const s = new StreamSocket(ctx, family);
    s.#state = "connected";
    s.#conn = conn;
    return s;
  }

  /** Attaches the host connection once the runtime has the sink (socketpair). */
  attach(conn: StreamConn): void {
    this.#conn = conn;
  }

  override get listening(): boolean {
    return this.#state === "listening";
  }

  /** `sock_status`: whether the socket is opening, open, closed or failed. */
  get status(): State {
    return this.#state;
  }

  #hostAddress(addr: SocketAddress, use: UnixPathUse): SocketAddress {
    return addr.family === "unix" ? { family: "unix", path: hostUnixPath(this.ctx, addr.path, use) } : addr;
  }

  // ---- StreamSink: events from the host connection ----

  data(chunk: Uint8Array): void {
    if (this.#readShut) return; // SHUT_RD: Linux discards what arrives
    this.#recvQ.push(chunk);
    if (!this.#paused && this.#recvQ.size >= this.recvBufSize) {
      this.#paused = true;
      this.#conn?.pause();
    }
    this.changed.notify();
  }
  end(): void {
    this.#eof = this.#finReceived = true;
    this.changed.notify();
  }
  error(errno: number): void {
    // Linux: a RST after the peer's FIN (CLOSE_WAIT) leaves EPIPE, not ECONNRESET.
    if (errno === Errno.CONNRESET && this.#finReceived && this.family !== "unix") errno = Errno.PIPE;
    if (this.#connError === 0) this.#connError = errno;
    this.pendingError = errno;
    this.changed.notify();
  }
  drain(): void {
    this.changed.notify();
  }
  closed(): void {
    this.#eof = true;
    this.#peerClosed = true;
    this.changed.notify();
  }

  // ---- setup ----

  bind(addr: SocketAddress): void {
    this.checkFamily(addr);
    permit(this.ctx, addr.family === "unix" ? "unix-bind" : "tcp-bind", addr);
    // Linux makes a unix socket's file before it looks at the socket: an existing path is EADDRINUSE even when bound.
    if (this.#state !== "fresh" && addr.family === "unix") hostUnixPath(this.ctx, addr.path, "bind");
    if (this.#state !== "fresh") fail(Errno.INVAL, "socket is already bound");
    if (addr.family === "unix") this.#guestLocalPath = addr.path;
    if (addr.family === "ipv6" && this.flags.v6Only && this.ctx.host.net.lacks.has("v6only")) {
      this.trace(`bind: ${this.ctx.host.name} cannot set IPV6_V6ONLY; the socket takes IPv4 peers too`);
    }
    // Bind takes effect now: EADDRINUSE here, the real port visible at once.
    // Hosts bind and listen in one call, so connections are held until listen().
    const listener = this.#pending.listener = this.ctx.host.net.listen(
      this.#hostAddress(addr, "bind"),
      { backlog: SOMAXCONN, reusePort: this.flags.reusePort, v6Only: this.flags.v6Only },
      {
        connection: (conn) => this.#incoming(conn),
        error: (errno) => this.error(errno),
      },
    );
    this.#local = addr.family === "unix" ? addr : listener.local;
    this.#state = "bound";
  }

  #incoming(conn: StreamConn): StreamSink {
    const s = StreamSocket.connected(this.ctx, this.family, conn);
    s.flags.noDelay = this.flags.noDelay;
    s.flags.keepAlive = this.flags.keepAlive;
    s.#local = this.family === "unix" ? this.#local : conn.local;
    s.#peer = conn.remote;
    this.#pending.push(s);
    this.changed.notify();
    return s;
  }

  override listen(backlog: number): void {
    if (this.#state === "listening") {
      this.#pending.backlog = backlog;
      return;
    }
    if (this.#state === "fresh") {
      if (this.family === "unix") fail(Errno.INVAL, "listen on an unbound unix socket");
      this.bind(anyAddress(this.family)); // Linux auto-binds an ephemeral port
    }
    if (this.#state !== "bound") fail(Errno.INVAL, `listen on a ${this.#state} socket`);
    this.#pending.backlog = backlog;
    this.trace(`listen: the backlog is sockbox's; the OS completes handshakes beyond it (Linux leaves them waiting)`);
    this.#state = "listening";
    this.changed.notify();
  }

  override accept(nonblock: boolean): StreamSocket | Promise<StreamSocket> {
    if (this.#state !== "listening") fail(Errno.INVAL, "accept on a socket that is not listening");
    const take = (): StreamSocket | undefined => {
      const s = this.#pending.take();
      if (s === undefined) return undefined;
      if (nonblock) s.fdflags |= FdFlags.NONBLOCK;
      s.applyFlags();
      return s;
    };
    const s = take();
    if (s) return s;
    if (this.nonblocking) fail(Errno.AGAIN);
    return waitFor(this.changed, () => {
      if (this.#state !== "listening") fail(Errno.BADF);
      return take();
    }, this.recvTimeout, () => fail(Errno.AGAIN, "SO_RCVTIMEO expired"));
  }

  /** Puts an accepted socket back (the descriptor table was full). */
  unaccept(s: StreamSocket): void {
    this.#pending.unshift(s);
  }

  connect(addr: SocketAddress): void | Promise<void> {
    this.checkFamily(addr);
    const pending = this.#connectPending;
    this.#connectPending = false;
    switch (this.#state) {
      case "connected":
        if (pending) return; // Linux: the first connect() after EINPROGRESS reports the success
        return fail(Errno.ISCONN);
      case "listening":
        return fail(Errno.ISCONN);
      case "connecting":
        this.#connectPending = pending;
        return fail(Errno.ALREADY);
      case "closed":
        return fail(Errno.BADF);
    }
    // Linux: after a failed non-blocking connect, the next connect() reports the failure
    // (ECONNABORTED once SO_ERROR took it) and resets the socket; the one after that tries again.
    if (pending && this.#connectFailed) {
      this.#connectFailed = false;
      fail(this.takeError() || Errno.CONNABORTED);
    }
    permit(this.ctx, addr.family === "unix" ? "unix-connect" : "tcp-connect", addr);
    const target = this.#hostAddress(addr, "connect");
    if (this.#pending.listener) {
      // Bound before connect: the hosts cannot connect from a chosen port, so
      // the bind is released and the OS picks the source port.
      this.trace(`connect: ${this.ctx.host.name} cannot connect from a bound address; releasing the bind`);
      this.#pending.release();
    }
    this.#state = "connecting";
    this.#connectFailed = false;
    this.pendingError = 0;
    this.ctx.host.net.connect(target, this).then((conn) => {
      if (this.#state === "closed") {
        conn.close();
        return;
      }
      this.#conn = conn;
      this.#state = "connected";
      this.#local = this.family === "unix" ? { family: "unix", path: this.#guestLocalPath } : conn.local;
      this.#peer = addr.family === "unix" ? addr : conn.remote;
      this.applyFlags();
      this.changed.notify();
    }, (e) => {
      if (this.#state === "closed") return;
      this.#state = "fresh";
      this.#connectFailed = true;
      this.pendingError = e instanceof SyscallError ? e.errno : Errno.CONNREFUSED;
      this.changed.notify();
    });
    if (this.nonblocking) {
      this.#connectPending = true;
      return fail(Errno.INPROGRESS);
    }
    return waitFor(this.changed, () => {
      if (this.#state === "connected") return true;
      if (this.#state !== "connecting") {
        this.#connectFailed = false; // a blocking connect's failure resets the socket (Linux)
        fail(this.takeError() || Errno.CONNREFUSED);
      }
      return undefined;
    }, this.sendTimeout, () => {
      this.#connectPending = true;
      return fail(Errno.INPROGRESS, "SO_SNDTIMEO expired while connecting");
    }).then(() => {});
  }

  // ---- data ----

  recv(mem: GuestMemory, iovs: IoVec[], flags: RecvFlags): Received | Promise<Received> {
    if (this.#state === "fresh" && this.#connectFailed) { // Linux: the connect's error once, then EOF
      if (this.pendingError) fail(this.takeError());
      return { n: 0, truncated: false, from: null };
    }
    if (this.#state !== "connected") fail(Errno.NOTCONN);
    const want = iovTotal(iovs);
    const take = (): Received | undefined => {
      const q = this.#recvQ;
      const enough = q.size > 0 && (!flags.waitAll || flags.peek || q.size >= want);
      if (enough || (q.size > 0 && (this.#eof || this.#connError))) {
        const n = q.read(mem, iovs, flags.peek);
        if (this.#paused && q.size < this.recvBufSize / 2) {
          this.#paused = false;
          this.#conn?.resume();
        }
        return { n, truncated: false, from: this.#peer };
      }
      if (want === 0 || this.#readShut || this.#finReceived) return { n: 0, truncated: false, from: this.#peer };
      const e = this.#takeConnError();
      if (e > 0) fail(e);
      if (this.#eof) return { n: 0, truncated: false, from: this.#peer }; // -1 (a failed write): the data may follow
      return undefined;
    };
    const r = take();
    if (r) return r;
    if (this.nonblocking || flags.dontWait) fail(Errno.AGAIN);
    return waitFor(this.changed, () => {
      if (this.#state === "closed") fail(Errno.BADF);
      return take();
    }, this.recvTimeout, () => fail(Errno.AGAIN, "SO_RCVTIMEO expired"));
  }

  // The connection's error, once (then -1: reads see EOF, writes EPIPE); SO_ERROR is cleared with it.
  #takeConnError(): number {
    const e = this.#connError;
    if (e > 0) this.#connError = -1;
    if (e > 0) this.pendingError = 0;
    return e;
  }

  send(mem: GuestMemory, iovs: IoVec[], to: SocketAddress | null, dontWait: boolean): number | Promise<number> {
    // As Linux: an address on a unix stream is EISCONN, or EOPNOTSUPP unconnected; TCP ignores it.
    if (to !== null && this.family === "unix") fail(this.#state === "connected" ? Errno.ISCONN : Errno.NOTSUP);
    if (this.#state === "fresh" && this.#connectFailed) fail(this.takeError() || Errno.PIPE);
    if (this.#state === "connecting") fail(Errno.AGAIN);
    // Not connected: TCP says EPIPE (tcp_sendmsg), a unix stream ENOTCONN.
    if (this.#state !== "connected") fail(this.family === "unix" ? Errno.NOTCONN : Errno.PIPE);
    const check = (): void => {
      if (this.#writeShut) fail(Errno.PIPE, "write side shut down");
      const e = this.#takeConnError();
      if (e !== 0) fail(e === Errno.CONNRESET ? e : Errno.PIPE);
    };
    check();
    const n = iovTotal(iovs);
    if (n === 0) return 0;
    const probe = this.#finReceived; // the peer's FIN came: its RST may be back, unheard of by the host
    return sendStream(this, this.#conn!, mem, { iovs, n, dontWait, probe, check });
  }

  shutdown(read: boolean, write: boolean): void {
    if (this.#state !== "connected") fail(Errno.NOTCONN);
    if (read && !this.#readShut) {
      this.#readShut = true;
      this.#recvQ.clear();
    }
    if (write && !this.#writeShut) {
      this.#writeShut = true;
      this.#conn?.shutdownWrite();
    }
    this.changed.notify();
  }

  localAddress(): SocketAddress {
    return this.#local ?? anyAddress(this.family);
  }

  peerAddress(): SocketAddress {
    if (this.#state !== "connected" || !this.#peer) fail(Errno.NOTCONN);
    return this.#peer;
  }

  override applyFlags(): void {
    if (!this.#conn || this.family === "unix") return;
    this.#conn.setNoDelay(this.flags.noDelay);
    this.#conn.setKeepAlive(this.flags.keepAlive);
  }

  /** As Linux's tcp_poll/unix_poll: POLLHUP is both directions shut, not EOF (a TCP peer's close is POLLIN). */
  override readiness(write: boolean): Readiness {
    const error = this.pendingError || undefined;
    switch (this.#state) {
      case "listening":
        return { ready: !write && this.#pending.length > 0, nbytes: write ? 0 : this.#pending.length, error };
      case "connecting":
      case "closed":
        return { ready: false, nbytes: 0 };
      case "connected": {
        const rcvShut = this.#eof || this.#readShut || this.#connError > 0; // see recv: -1 waits for the host's EOF
        const hangup = (rcvShut && this.#writeShut) || this.#connError !== 0 ||
          (this.family === "unix" && this.#peerClosed);
        if (!write) {
          return { ready: this.#recvQ.size > 0 || rcvShut, nbytes: this.#recvQ.size, hangup, rdhup: rcvShut, error };
        }
        const room = this.#conn ? this.sendBufSize - this.#conn.buffered : 0;
        const ready = room > 0 || this.#writeShut || this.#connError !== 0;
        return { ready, nbytes: Math.max(room, 0), hangup, rdhup: rcvShut, error };
      }
      default:
        // Not connected (TCP_CLOSE): POLLOUT|POLLHUP; after a failed connect also
        // POLLIN (both directions shut) and POLLERR until SO_ERROR takes the error.
        return { ready: write || this.#connectFailed, nbytes: 0, hangup: true, rdhup: this.#connectFailed, error };
    }
  }

  /** close(2); with `abort` (a connection never accepted: Linux resets those of a closed listener), with a RST. */
  override close(abort = false): void {
    // Unread data, or SO_LINGER {1, 0} on TCP: Linux resets the connection (RST) instead of a FIN.
    const reset = abort || this.#recvQ.size > 0 || (this.linger === 0n && this.family !== "unix");
    const was = this.#state, conn = this.#conn;
    this.#state = "closed";
    this.#conn = null;
    this.#pending.close();
    const wasReset = reset && conn?.reset?.() === true;
    if (reset && conn && !wasReset) {
      this.trace(`close: ${this.ctx.host.name} cannot reset the connection (RST); the peer reads EOF, not ECONNRESET`);
    }
    if (!wasReset && conn) {
      conn.close();
      this.ctx.linger.add(conn, this.changed, this.#peer);
    }
    this.#recvQ.clear();
    if (was !== "closed") this.changed.notify();
  }
}
