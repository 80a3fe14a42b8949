/**
 * Socket creation and connection setup: `sock_open`, `sock_pair`,
 * `sock_bind`, `sock_listen`, `sock_connect`, `sock_accept`, `sock_accept_v2`.
 *
 * @module
 */

import type { Context } from "../context.ts";
import { Errno, fail } from "../errno.ts";
import { blocking, sync, type SyscallTable } from "../syscall.ts";
import { FdFlags } from "../wasi/constants.ts";
import { AddressFamily, AddrPort, Proto, SockType } from "./abi.ts";
import { isAbstractUnix, readAddrPort, writeAddrPort } from "./addr_port.ts";
import { DgramSocket } from "./datagram_socket.ts";
import { socketAt } from "./lookup.ts";
import { datagramPair, streamPair } from "./pair.ts";
import type { Family, SocketEntry } from "./socket_entry.ts";
import { StreamSocket } from "./stream_socket.ts";

function familyOf(af: number): Family {
  switch (af) {
    case AddressFamily.INET4:
      return "ipv4";
    case AddressFamily.INET6:
      return "ipv6";
    case AddressFamily.UNIX:
      return "unix";
    default:
      return fail(Errno.AFNOSUPPORT, `address family ${af}`);
  }
}

function create(ctx: Context, af: number, type: number, proto: number): SocketEntry {
  const family = familyOf(af);
  switch (type) {
    case SockType.STREAM:
      if (proto !== Proto.DEFAULT && (family === "unix" || proto !== Proto.TCP)) fail(Errno.PROTONOSUPPORT);
      return new StreamSocket(ctx, family, proto);
    case SockType.DGRAM:
      if (proto !== Proto.DEFAULT && (family === "unix" || proto !== Proto.UDP)) fail(Errno.PROTONOSUPPORT);
      if (family === "unix" && ctx.host.net.lacks.has("unix-datagram")) {
        fail(Errno.AFNOSUPPORT, `${ctx.host.name} has no unix datagram sockets (use --runtime=deno)`);
      }
      return new DgramSocket(ctx, family, proto);
    case SockType.RAW:
      return fail(Errno.PERM, "raw sockets need privileges the sandbox never grants");
    case SockType.SEQPACKET:
      return fail(family === "unix" ? Errno.NOTSUP : Errno.PROTONOSUPPORT, "SOCK_SEQPACKET");
    default:
      return fail(Errno.INVAL, `socket type ${type}`);
  }
}

/** ENOBUFS unless `n` more sockets fit under `--max-connections` (the sandbox's cap, see limits.ts). */
function roomForSockets(ctx: Context, n: number): void {
  const max = ctx.limits.maxConnections;
  if (ctx.fds.sockets + n > max) fail(Errno.NOBUFS, `--max-connections=${max} sockets are open`);
}

/** `sock_open(af, socktype, proto, out fd)`: socket(2). */
export function sock_open(ctx: Context, af: number, type: number, proto: number, outFd: number): void {
  ctx.mem.check(outFd, 4);
  const s = create(ctx, af, type, proto);
  roomForSockets(ctx, 1);
  ctx.mem.setU32(outFd, ctx.fds.insert(s));
}

/** `sock_pair(af, socktype, proto, out fd1, out fd2)`: socketpair(2), unix only as on Linux. */
export function sock_pair(ctx: Context, af: number, type: number, proto: number, out1: number, out2: number): void {
  ctx.mem.check(out1, 4);
  ctx.mem.check(out2, 4);
  const family = familyOf(af);
  if (family !== "unix") fail(Errno.NOTSUP, "socketpair is for AF_UNIX");
  if (proto !== Proto.DEFAULT) fail(Errno.PROTONOSUPPORT);
  if (type === SockType.STREAM || type === SockType.DGRAM) roomForSockets(ctx, 2);
  let a: SocketEntry, b: SocketEntry;
  if (type === SockType.STREAM) {
    const sa = StreamSocket.connected(ctx, "unix", null), sb = StreamSocket.connected(ctx, "unix", null);
    const [ca, cb] = streamPair(sa, sb);
    sa.attach(ca);
    sb.attach(cb);
    a = sa;
    b = sb;
  } else if (type === SockType.DGRAM) {
    const da = new DgramSocket(ctx, "unix"), db = new DgramSocket(ctx, "unix");
    const [pa, pb] = datagramPair(da, db);
    da.attachPair(pa);
    db.attachPair(pb);
    a = da;
    b = db;
  } else {
    return fail(type === SockType.SEQPACKET ? Errno.NOTSUP : Errno.PROTONOSUPPORT);
  }
  const fd1 = ctx.fds.insert(a);
  let fd2: number;
  try {
    fd2 = ctx.fds.insert(b);
  } catch (e) {
    ctx.fds.remove(fd1);
    throw e;
  }
  ctx.mem.setU32(out1, fd1);
  ctx.mem.setU32(out2, fd2);
}

/** `sock_bind(fd, addr)`: bind(2). */
export function sock_bind(ctx: Context, fd: number, addrPtr: number): void | Promise<void> {
  const s = socketAt(ctx, fd);
  if (isAbstractUnix(ctx.mem, addrPtr)) fail(Errno.INVAL, "abstract unix names are not supported");
  return s.bind(readAddrPort(ctx.mem, addrPtr));
}

/** `sock_listen(fd, backlog)`: listen(2). */
export function sock_listen(ctx: Context, fd: number, backlog: number): void | Promise<void> {
  const s = socketAt(ctx, fd);
  if (s.sockType !== SockType.STREAM) fail(Errno.NOTSUP, "listen on a datagram socket");
  return s.listen(backlog | 0);
}

/** `sock_connect(fd, addr)`: connect(2). */
export function sock_connect(ctx: Context, fd: number, addrPtr: number): void | Promise<void> {
  const s = socketAt(ctx, fd);
  if (isAbstractUnix(ctx.mem, addrPtr)) fail(Errno.INVAL, "abstract unix names are not supported");
  return s.connect(readAddrPort(ctx.mem, addrPtr));
}

function accept(ctx: Context, fd: number, fdflags: number, outFd: number, outAddr: number | null) {
  const s = socketAt(ctx, fd);
  ctx.mem.check(outFd, 4);
  if (outAddr !== null) ctx.mem.check(outAddr, AddrPort.SIZE);
  if (s.sockType !== SockType.STREAM) fail(Errno.NOTSUP, "accept on a datagram socket");
  roomForSockets(ctx, 1);
  const finish = (conn: SocketEntry): void => {
    let newFd: number;
    try {
      roomForSockets(ctx, 1);
      newFd = ctx.fds.insert(conn);
    } catch (e) {
      (s as StreamSocket).unaccept(conn as StreamSocket);
      throw e;
    }
    ctx.mem.setU32(outFd, newFd);
    if (outAddr !== null) writeAddrPort(ctx.mem, outAddr, conn.peerAddress());
  };
  const r = s.accept((fdflags & FdFlags.NONBLOCK) !== 0);
  return r instanceof Promise ? r.then(finish) : finish(r);
}

/** `sock_accept(fd, fdflags, out fd)`: preview 1's accept. */
export function sock_accept(ctx: Context, fd: number, fdflags: number, outFd: number): void | Promise<void> {
  return accept(ctx, fd, fdflags, outFd, null);
}

/** `sock_accept_v2(fd, fdflags, out fd, out addr)`: accept4(2) with the peer address. */
export function sock_accept_v2(ctx: Context, fd: number, fdflags: number, outFd: number, outAddr: number): void | Promise<void> {
  return accept(ctx, fd, fdflags, outFd, outAddr);
}

/** Socket setup imports (preview 1's `sock_accept` is registered there). */
export const createSyscalls: SyscallTable = {
  sock_open: sync(sock_open),
  sock_pair: sync(sock_pair),
  sock_bind: blocking(sock_bind),
  sock_listen: sync(sock_listen),
  sock_connect: blocking(sock_connect),
  sock_accept_v2: blocking(sock_accept_v2),
};

/** preview 1's accept. */
export const preview1AcceptSyscalls: SyscallTable = { sock_accept: blocking(sock_accept) };
