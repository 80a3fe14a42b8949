/**
 * Socket data transfer: `sock_recv`, `sock_recv_from`, `sock_send`,
 * `sock_send_to`, `sock_shutdown`.
 *
 * @module
 */

import type { Context } from "../context.ts";
import { Errno, fail } from "../errno.ts";
import type { SocketAddress } from "../sockaddr.ts";
import { blocking, sync, type SyscallTable } from "../syscall.ts";
import { RiFlags, RoFlags, SdFlags, SiFlags } from "../wasi/constants.ts";
import { AddrPort, SockType } from "./abi.ts";
import { isAbstractUnix, readAddrPort, writeAddrPort } from "./addr_port.ts";
import { socketAt } from "./lookup.ts";
import type { Received } from "./socket_entry.ts";

const KNOWN_RIFLAGS = RiFlags.PEEK | RiFlags.WAITALL | RiFlags.DATA_TRUNCATED | RiFlags.DONT_WAIT;

function recv(ctx: Context, fd: number, iovsPtr: number, iovsLen: number, riflags: number, outLen: number, outFlags: number, outAddr: number | null) {
  const s = socketAt(ctx, fd);
  const iovs = ctx.mem.iovecs(iovsPtr, iovsLen);
  ctx.mem.check(outLen, 4);
  ctx.mem.check(outFlags, 2);
  if (outAddr !== null) ctx.mem.check(outAddr, AddrPort.SIZE);
  if (riflags & ~KNOWN_RIFLAGS) fail(Errno.INVAL, `unknown riflags ${riflags}`);
  const finish = (r: Received): void => {
    ctx.mem.setU32(outLen, r.n);
    ctx.mem.setU16(outFlags, r.truncated ? RoFlags.DATA_TRUNCATED : 0);
    if (outAddr !== null) {
      if (r.from && s.sockType === SockType.DGRAM) writeAddrPort(ctx.mem, outAddr, r.from);
      else ctx.mem.bytes(outAddr, AddrPort.SIZE).fill(0); // streams: no source address (addrlen 0), as on Linux
    }
  };
  const r = s.recv(ctx.mem, iovs, {
    peek: (riflags & RiFlags.PEEK) !== 0,
    waitAll: (riflags & RiFlags.WAITALL) !== 0,
    dontWait: (riflags & RiFlags.DONT_WAIT) !== 0,
    trunc: (riflags & RiFlags.DATA_TRUNCATED) !== 0,
  });
  return r instanceof Promise ? r.then(finish) : finish(r);
}

/** `sock_recv(fd, iovs, iovs_len, riflags, out len, out roflags)`: recv(2)/recvmsg(2). */
export function sock_recv(ctx: Context, fd: number, iovs: number, n: number, riflags: number, outLen: number, outFlags: number) {
  return recv(ctx, fd, iovs, n, riflags, outLen, outFlags, null);
}

/** `sock_recv_from(fd, iovs, iovs_len, riflags, out len, out roflags, out addr)`: recvfrom(2). */
export function sock_recv_from(ctx: Context, fd: number, iovs: number, n: number, riflags: number, outLen: number, outFlags: number, outAddr: number) {
  return recv(ctx, fd, iovs, n, riflags, outLen, outFlags, outAddr);
}

function send(ctx: Context, fd: number, iovsPtr: number, iovsLen: number, siflags: number, to: SocketAddress | null, outLen: number) {
  const s = socketAt(ctx, fd);
  const iovs = ctx.mem.iovecs(iovsPtr, iovsLen);
  ctx.mem.check(outLen, 4);
  if (siflags & ~SiFlags.DONT_WAIT) fail(Errno.INVAL, `unknown siflags ${siflags}`);
  const n = s.send(ctx.mem, iovs, to, (siflags & SiFlags.DONT_WAIT) !== 0);
  if (typeof n === "number") return ctx.mem.setU32(outLen, n);
  return n.then((v) => ctx.mem.setU32(outLen, v));
}

/** `sock_send(fd, ciovs, ciovs_len, siflags, out len)`: send(2)/sendmsg(2). */
export function sock_send(ctx: Context, fd: number, iovs: number, n: number, siflags: number, outLen: number) {
  return send(ctx, fd, iovs, n, siflags, null, outLen);
}

/** `sock_send_to(fd, ciovs, ciovs_len, siflags, addr, out len)`: sendto(2). */
export function sock_send_to(ctx: Context, fd: number, iovs: number, n: number, siflags: number, addrPtr: number, outLen: number) {
  if (isAbstractUnix(ctx.mem, addrPtr)) fail(Errno.INVAL, "abstract unix names are not supported");
  return send(ctx, fd, iovs, n, siflags, readAddrPort(ctx.mem, addrPtr), outLen);
}

/** `sock_shutdown(fd, sdflags)`: shutdown(2). */
export function sock_shutdown(ctx: Context, fd: number, how: number): void {
  const s = socketAt(ctx, fd);
  if (how === 0 || (how & ~(SdFlags.RD | SdFlags.WR))) fail(Errno.INVAL, `shutdown how=${how}`);
  s.shutdown((how & SdFlags.RD) !== 0, (how & SdFlags.WR) !== 0);
}

/** preview 1's socket data imports. */
export const preview1IoSyscalls: SyscallTable = {
  sock_recv: blocking(sock_recv),
  sock_send: blocking(sock_send),
  sock_shutdown: sync(sock_shutdown),
};

/** WASIX's socket data imports. */
export const wasixIoSyscalls: SyscallTable = {
  sock_recv_from: blocking(sock_recv_from),
  sock_send_to: blocking(sock_send_to),
};
