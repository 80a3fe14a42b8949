/**
 * What every socket descriptor shares: family, type, options, timeouts and
 * the pending error reported by SO_ERROR.
 *
 * @module
 */

import type { Context } from "../context.ts";
import { Errno, fail } from "../errno.ts";
import { FdEntry } from "../fd_entry.ts";
import type { GuestMemory, IoVec } from "../memory.ts";
import type { SocketAddress } from "../sockaddr.ts";
import { FileType } from "../wasi/constants.ts";
import { Proto, SockType } from "./abi.ts";

/** Socket family. */
export type Family = SocketAddress["family"];

/** Boolean socket options a guest can set and read back. */
export interface SocketFlags {
  reuseAddr: boolean;
  reusePort: boolean;
  noDelay: boolean;
  keepAlive: boolean;
  broadcast: boolean;
  v6Only: boolean;
  oobInline: boolean;
  dontRoute: boolean;
}

/** Result of a receive: bytes, whether truncated, and the sender. */
export interface Received {
  /** Byte count (the full datagram length when MSG_TRUNC was asked). */
  n: number;
  /** The datagram was longer than the buffer. */
  truncated: boolean;
  /** Sender address (datagram sockets; streams report the peer). */
  from: SocketAddress | null;
}

/** Flags of a receive call, decoded from `riflags`. */
export interface RecvFlags {
  peek: boolean;
  waitAll: boolean;
  dontWait: boolean;
  /** MSG_TRUNC: report the real datagram length. */
  trunc: boolean;
}

/** A socket descriptor. */
export abstract class SocketEntry extends FdEntry {
  readonly filetype: number;
  /** IPv4, IPv6 or unix. */
  readonly family: Family;
  /** `SockType.STREAM` or `SockType.DGRAM`. */
  readonly sockType: number;
  /** Protocol number reported by SO_PROTOCOL. */
  readonly protocol: number;
  /** The context this socket lives in (policy, host, limits, trace). */
  readonly ctx: Context;
  /** Boolean options. */
  readonly flags: SocketFlags = {
    reuseAddr: false, reusePort: false, noDelay: false, keepAlive: false,
    broadcast: false, v6Only: false, oobInline: false, dontRoute: false,
  };
  /** SO_RCVTIMEO, ns (null: none). */
  recvTimeout: bigint | null = null;
  /** SO_SNDTIMEO, ns (null: none). */
  sendTimeout: bigint | null = null;
  /** SO_LINGER, ns (null: off). */
  linger: bigint | null = null;
  /** SO_RCVBUF as the guest set it. */
  recvBufSize: number;
  /** SO_SNDBUF as the guest set it. */
  sendBufSize: number;
  /** IP_TTL. */
  ttl = 64;
  /** The error SO_ERROR reports next (0: none); reading it clears it. */
  pendingError = 0;

  constructor(ctx: Context, family: Family, sockType: number, protocol: number) {
    super();
    this.ctx = ctx;
    this.family = family;
    this.sockType = sockType;
    this.protocol = protocol || (family === "unix" ? 0 : sockType === SockType.STREAM ? Proto.TCP : Proto.UDP);
    this.filetype = sockType === SockType.STREAM ? FileType.SOCKET_STREAM : FileType.SOCKET_DGRAM;
    this.recvBufSize = ctx.limits.recvBufferBytes;
    this.sendBufSize = ctx.limits.sendBufferBytes;
  }

  /** Takes and clears the pending error (SO_ERROR). */
  takeError(): number {
    const e = this.pendingError;
    this.pendingError = 0;
    return e;
  }

  /** Fails with EAFNOSUPPORT unless `addr` is of this socket's family (v4 on a v6 socket is not). */
  checkFamily(addr: SocketAddress): void {
    if (addr.family !== this.family) fail(Errno.AFNOSUPPORT, `${addr.family} address on a ${this.family} socket`);
  }

  /** Traces `msg` when `--trace` is on. */
  trace(msg: string): void {
    this.ctx.trace?.(msg);
  }

  /** bind(2). */
  abstract bind(addr: SocketAddress): void | Promise<void>;
  /** connect(2). */
  abstract connect(addr: SocketAddress): void | Promise<void>;
  /** listen(2). */
  listen(_backlog: number): void | Promise<void> {
    fail(Errno.NOTSUP, "listen on a datagram socket");
  }
  /** accept4(2): the new socket and its peer. */
  accept(_nonblock: boolean): SocketEntry | Promise<SocketEntry> {
    return fail(Errno.NOTSUP, "accept on a datagram socket");
  }
  /** recvmsg(2) into `iovs`. */
  abstract recv(mem: GuestMemory, iovs: IoVec[], flags: RecvFlags): Received | Promise<Received>;
  /** sendmsg(2) from `iovs`, to `to` (or the connected peer). */
  abstract send(mem: GuestMemory, iovs: IoVec[], to: SocketAddress | null, dontWait: boolean): number | Promise<number>;
  /** shutdown(2). */
  abstract shutdown(read: boolean, write: boolean): void;
  /** getsockname(2). */
  abstract localAddress(): SocketAddress;
  /** getpeername(2); ENOTCONN when not connected. */
  abstract peerAddress(): SocketAddress;
  /** Whether listen() succeeded (SO_ACCEPTCONN). */
  get listening(): boolean {
    return false;
  }
  /** Applies a changed boolean option to the host socket, if any. */
  applyFlags(): void {}

  override read(mem: GuestMemory, iovs: IoVec[]): number | Promise<number> {
    const r = this.recv(mem, iovs, { peek: false, waitAll: false, dontWait: false, trunc: false });
    return r instanceof Promise ? r.then((x) => x.n) : r.n;
  }

  override write(mem: GuestMemory, iovs: IoVec[]): number | Promise<number> {
    return this.send(mem, iovs, null, false);
  }
}
