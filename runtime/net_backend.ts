/**
 * The one interface through which the runtime reaches the network. A host
 * adapter (`host/deno/net.ts`, `host/bun/net.ts`) implements {@link NetBackend}
 * over its runtime's own sockets. The model is push-based for both runtimes:
 * the adapter delivers events to a sink the runtime supplies, and the runtime
 * owns every buffer the guest reads from.
 *
 * Errors: adapter calls throw (or reject with) `SyscallError` from
 * `runtime/errno.ts` carrying the Linux-equivalent WASI errno (use
 * `errnoFromHostError` from `runtime/host_errors.ts`). Addresses are already
 * checked by the sandbox policy and, for unix sockets, already resolved to
 * host paths.
 *
 * @module
 */

import type { InetAddress, SocketAddress } from "./sockaddr.ts";

/** Receives one stream connection's events. Called by the adapter. */
export interface StreamSink {
  /** Bytes arrived. The runtime owns `chunk` afterwards: the adapter must not reuse its memory. */
  data(chunk: Uint8Array): void;
  /** The peer sent FIN: no more data will arrive. */
  end(): void;
  /**
   * The connection failed (ECONNRESET, ETIMEDOUT, …). No more events follow but `closed`.
   * Except EPIPE from a write the OS refused (the peer is gone), reported during that write,
   * even after `closed`: the data the peer sent before may still follow, then `end`, `closed`.
   */
  error(errno: number): void;
  /** The adapter's send queue shrank (see {@link StreamConn.buffered}). */
  drain(): void;
  /**
   * The connection is fully closed on the host side: after {@link StreamConn.close},
   * after `error`, or once both directions are finished (FIN sent and received). Once.
   */
  closed(): void;
}

/** One established stream connection (TCP or unix). */
export interface StreamConn {
  /** Local address (port 0 / empty path where the runtime cannot tell). */
  readonly local: SocketAddress;
  /** Peer address. */
  readonly remote: SocketAddress;
  /** Bytes accepted by {@link write} but not yet handed to the OS. */
  readonly buffered: number;
  /**
   * Queues `data` for sending; never blocks and never fails synchronously
   * (failures arrive through the sink). The adapter takes ownership of `data`.
   * Data written after {@link shutdownWrite} or {@link close} is dropped: the
   * runtime answers EPIPE itself.
   */
  write(data: Uint8Array): void;
  /**
   * As {@link write}, but `data` stays the caller's (a view of guest memory,
   * valid only during the call): the adapter copies what it keeps beyond the
   * call, and nothing when the OS takes it all at once. Absent where the host
   * keeps every write (the runtime then copies and calls {@link write}).
   */
  writeFrom?(data: Uint8Array): void;
  /**
   * Sends `total` bytes without copying them, for a caller that waits (a blocking send):
   * `rest(done)` gives a fresh view of the bytes from `done` on (guest memory, which may
   * grow while the write waits), and the views are written, one OS write after another,
   * until all is taken. Resolves with `total`; after a failure, with what the OS took
   * before it (the failure follows through the sink), or rejects with the `SyscallError`
   * when it took nothing. The bytes count in {@link buffered} until taken, and writes
   * queued meanwhile follow them. Where bytes are already queued, it copies and queues
   * them as {@link writeFrom} (resolving with `total`). Absent where copying is cheap.
   */
  writeWait?(total: number, rest: (done: number) => Uint8Array): Promise<number>;
  /** Sends FIN after the queued data (shutdown(SHUT_WR)). */
  shutdownWrite(): void;
  /** Stops delivering `data` events (backpressure) until {@link resume}. */
  pause(): void;
  /** Resumes delivering `data` events. */
  resume(): void;
  /** TCP_NODELAY. */
  setNoDelay(on: boolean): void;
  /** SO_KEEPALIVE. */
  setKeepAlive(on: boolean): void;
  /** Closes the connection (after queued data is flushed where the runtime allows). */
  close(): void;
  /**
   * Closes at once with a RST instead of a FIN, queued data dropped (SO_LINGER {1, 0}):
   * what Linux does when a socket is closed with unread data or a zero linger time
   * (a unix peer then reads ECONNRESET). Returns false, having done nothing, where the
   * host cannot (the runtime then closes, and the peer reads EOF); absent where it never can.
   */
  reset?(): boolean;
  /**
   * Asks the OS whether the connection still stands (a zero-length write), for hosts that
   * hear of a peer's RST only when they write: a failure is reported through the sink
   * (`error`, then `closed`) before the promise settles. Absent where the host hears of it by itself.
   */
  probe?(): Promise<void>;
}

/** Receives a listener's connections. Called by the adapter. */
export interface ListenerSink {
  /** A peer connected; the runtime returns the sink for that connection's events. */
  connection(conn: StreamConn): StreamSink;
  /** The listener failed. */
  error(errno: number): void;
}

/** Options for {@link NetBackend.listen}. */
export interface ListenOptions {
  /** listen(2) backlog. */
  backlog: number;
  /** SO_REUSEPORT. */
  reusePort: boolean;
  /** IPV6_V6ONLY (for `::`), where the runtime can set it. */
  v6Only: boolean;
}

/** A bound, listening stream socket. */
export interface StreamListener {
  /** The address actually bound (the real port when 0 was asked for). */
  readonly local: SocketAddress;
  /**
   * Stops accepting new connections (they wait in the OS backlog) until {@link resume}.
   * Bun accepts by itself and cannot: its connections keep arriving.
   */
  pause(): void;
  /** Resumes accepting. */
  resume(): void;
  /** Stops listening and frees the address at once. */
  close(): void;
}

/** Receives datagrams. Called by the adapter. */
export interface DatagramSink {
  /** A datagram arrived from `from`; the runtime owns `data`. */
  message(data: Uint8Array, from: SocketAddress): void;
  /** The socket failed. */
  error(errno: number): void;
}

/** Options for {@link NetBackend.bindDatagram}. */
export interface DatagramOptions {
  /** SO_REUSEADDR. */
  reuseAddress: boolean;
  /** SO_BROADCAST. */
  broadcast: boolean;
}

/** A bound datagram socket (UDP, or unix datagram where the runtime has it). */
export interface DatagramSocket {
  /** The address actually bound. */
  readonly local: SocketAddress;
  /** Sends one datagram; throws a `SyscallError` when the OS refuses (EMSGSIZE, EACCES for broadcast, …). */
  send(data: Uint8Array, to: SocketAddress): void | Promise<void>;
  /** SO_BROADCAST. */
  setBroadcast(on: boolean): void;
  /** Stops receiving (backpressure) until {@link resume}. */
  pause(): void;
  /** Resumes receiving. */
  resume(): void;
  /** Closes the socket and frees the address at once. */
  close(): void;
}

/** What a host offers: TCP and unix streams, datagrams, name resolution. */
export interface NetBackend {
  /** Binds and listens on `addr` at once (EADDRINUSE here, the real port in the result). */
  listen(addr: SocketAddress, opts: ListenOptions, sink: ListenerSink): StreamListener;
  /** Connects to `addr`; rejects with ECONNREFUSED, ENETUNREACH, … */
  connect(addr: SocketAddress, sink: StreamSink): Promise<StreamConn>;
  /** Binds a datagram socket to `addr` (port 0 for an ephemeral port). */
  bindDatagram(addr: SocketAddress, opts: DatagramOptions, sink: DatagramSink): Promise<DatagramSocket>;
  /** Which optional capabilities this runtime lacks, for errors and the README's table. */
  readonly lacks: ReadonlySet<"unix-datagram" | "udp" | "listen-backlog" | "bind-before-connect" | "v6only">;
  /**
   * Resolves a host name to addresses (port 0); empty when the name has none;
   * rejects with EAGAIN when no resolver could answer.
   */
  resolve(host: string): Promise<InetAddress[]>;
}
