/**
 * Socket options and addresses: `sock_set_opt_*`, `sock_get_opt_*`,
 * `sock_status`, `sock_addr_local`, `sock_addr_peer`, multicast membership.
 *
 * @module
 */

import type { Context } from "../context.ts";
import { Errno, fail } from "../errno.ts";
import { sync, type SyscallTable } from "../syscall.ts";
import { OptionTimestamp, SockOption, SockStatus, SockType } from "./abi.ts";
import { writeAddrPort } from "./addr_port.ts";
import { socketAt } from "./lookup.ts";
import type { SocketEntry, SocketFlags } from "./socket_entry.ts";
import { StreamSocket } from "./stream_socket.ts";

const FLAG_OPTIONS: Partial<Record<number, keyof SocketFlags>> = {
  [SockOption.REUSE_ADDR]: "reuseAddr",
  [SockOption.REUSE_PORT]: "reusePort",
  [SockOption.NO_DELAY]: "noDelay",
  [SockOption.KEEP_ALIVE]: "keepAlive",
  [SockOption.BROADCAST]: "broadcast",
  [SockOption.ONLY_V6]: "v6Only",
  [SockOption.OOB_INLINE]: "oobInline",
  [SockOption.DONT_ROUTE]: "dontRoute",
};

// Linux's net.core.rmem_max / wmem_max and the minimums; SO_RCVBUF/SO_SNDBUF are doubled on set.
const BUF_MAX = 212992;
const RCVBUF_MIN = 2304;
const SNDBUF_MIN = 4608;

function checkProtocolOption(s: SocketEntry, opt: number): void {
  if (opt === SockOption.NO_DELAY && (s.sockType !== SockType.STREAM || s.family === "unix")) {
    fail(Errno.NOPROTOOPT, "TCP_NODELAY on a non-TCP socket");
  }
  if (opt === SockOption.ONLY_V6 && s.family !== "ipv6") fail(Errno.NOPROTOOPT, "IPV6_V6ONLY on a non-IPv6 socket");
}

/** `sock_set_opt_flag(fd, option, bool)`: boolean setsockopt(2). */
export function sock_set_opt_flag(ctx: Context, fd: number, opt: number, value: number): void {
  const s = socketAt(ctx, fd);
  const key = FLAG_OPTIONS[opt];
  if (!key) fail(Errno.NOPROTOOPT, `flag option ${opt}`);
  checkProtocolOption(s, opt);
  s.flags[key] = value !== 0;
  s.applyFlags();
}

/** `sock_get_opt_flag(fd, option, out u8)`: boolean getsockopt(2). */
export function sock_get_opt_flag(ctx: Context, fd: number, opt: number, out: number): void {
  const s = socketAt(ctx, fd);
  ctx.mem.check(out, 1);
  let v: boolean;
  if (opt === SockOption.LISTENING) v = s.listening;
  else if (opt === SockOption.LAST_ERROR) v = s.pendingError !== 0;
  else {
    const key = FLAG_OPTIONS[opt];
    if (!key) return fail(Errno.NOPROTOOPT, `flag option ${opt}`);
    checkProtocolOption(s, opt);
    v = s.flags[key];
  }
  ctx.mem.setU8(out, v ? 1 : 0);
}

/** `sock_set_opt_time(fd, option, ptr option_timestamp)`: SO_RCVTIMEO, SO_SNDTIMEO, SO_LINGER. */
export function sock_set_opt_time(ctx: Context, fd: number, opt: number, ptr: number): void {
  const s = socketAt(ctx, fd);
  ctx.mem.check(ptr, OptionTimestamp.SIZE);
  const tag = ctx.mem.u8(ptr + OptionTimestamp.TAG);
  if (tag !== OptionTimestamp.NONE && tag !== OptionTimestamp.SOME) fail(Errno.INVAL, `option_timestamp tag ${tag}`);
  const ns = ctx.mem.u64(ptr + OptionTimestamp.NANOS);
  // As on Linux, a zero timeout means "no timeout".
  const t = tag === OptionTimestamp.SOME && ns > 0n ? ns : null;
  switch (opt) {
    case SockOption.RECV_TIMEOUT:
    case SockOption.ACCEPT_TIMEOUT:
      s.recvTimeout = t;
      break;
    case SockOption.SEND_TIMEOUT:
    case SockOption.CONNECT_TIMEOUT:
      s.sendTimeout = t;
      break;
    case SockOption.LINGER:
      s.linger = tag === OptionTimestamp.SOME ? ns : null;
      break;
    default:
      fail(Errno.NOPROTOOPT, `time option ${opt}`);
  }
}

/** `sock_get_opt_time(fd, option, out option_timestamp)`. */
export function sock_get_opt_time(ctx: Context, fd: number, opt: number, ptr: number): void {
  const s = socketAt(ctx, fd);
  ctx.mem.check(ptr, OptionTimestamp.SIZE);
  let t: bigint | null;
  switch (opt) {
    case SockOption.RECV_TIMEOUT:
    case SockOption.ACCEPT_TIMEOUT:
      t = s.recvTimeout;
      break;
    case SockOption.SEND_TIMEOUT:
    case SockOption.CONNECT_TIMEOUT:
      t = s.sendTimeout;
      break;
    case SockOption.LINGER:
      t = s.linger;
      break;
    default:
      return fail(Errno.NOPROTOOPT, `time option ${opt}`);
  }
  ctx.mem.bytes(ptr, OptionTimestamp.SIZE).fill(0);
  ctx.mem.setU8(ptr + OptionTimestamp.TAG, t === null ? OptionTimestamp.NONE : OptionTimestamp.SOME);
  ctx.mem.setU64(ptr + OptionTimestamp.NANOS, t ?? 0n);
}

/** `sock_set_opt_size(fd, option, i64)`: SO_RCVBUF, SO_SNDBUF, IP_TTL. */
export function sock_set_opt_size(ctx: Context, fd: number, opt: number, size: bigint): void {
  const s = socketAt(ctx, fd);
  const v = Number(BigInt.asIntN(64, size));
  switch (opt) {
    case SockOption.RECV_BUF_SIZE:
      s.recvBufSize = Math.max(RCVBUF_MIN, Math.min(Math.max(v, 0), BUF_MAX) * 2);
      break;
    case SockOption.SEND_BUF_SIZE:
      s.sendBufSize = Math.max(SNDBUF_MIN, Math.min(Math.max(v, 0), BUF_MAX) * 2);
      break;
    case SockOption.TTL:
    case SockOption.MULTICAST_TTL_V4:
      if (v < -1 || v > 255 || v === 0 && opt === SockOption.TTL) fail(Errno.INVAL, `TTL ${v}`);
      s.ttl = v === -1 ? 64 : v;
      break;
    default:
      fail(Errno.NOPROTOOPT, `size option ${opt}`);
  }
}

/** `sock_get_opt_size(fd, option, out u64)`: buffer sizes, TTL, SO_TYPE, SO_PROTOCOL, SO_ERROR. */
export function sock_get_opt_size(ctx: Context, fd: number, opt: number, out: number): void {
  const s = socketAt(ctx, fd);
  ctx.mem.check(out, 8);
  let v: number;
  switch (opt) {
    case SockOption.RECV_BUF_SIZE:
      v = s.recvBufSize;
      break;
    case SockOption.SEND_BUF_SIZE:
      v = s.sendBufSize;
      break;
    case SockOption.TTL:
    case SockOption.MULTICAST_TTL_V4:
      v = s.ttl;
      break;
    case SockOption.TYPE:
      v = s.sockType;
      break;
    case SockOption.PROTO:
      v = s.protocol;
      break;
    case SockOption.LAST_ERROR:
      v = s.takeError();
      break;
    default:
      return fail(Errno.NOPROTOOPT, `size option ${opt}`);
  }
  ctx.mem.setU64(out, BigInt(v));
}

/** `sock_status(fd, out u8)`. */
export function sock_status(ctx: Context, fd: number, out: number): void {
  const s = socketAt(ctx, fd);
  ctx.mem.check(out, 1);
  let st: number = SockStatus.OPENED;
  if (s instanceof StreamSocket) {
    if (s.status === "connecting") st = SockStatus.OPENING;
    else if (s.status === "closed") st = SockStatus.CLOSED;
    else if (s.pendingError) st = SockStatus.FAILED;
  }
  ctx.mem.setU8(out, st);
}

/** `sock_addr_local(fd, out addr_port)`: getsockname(2). */
export function sock_addr_local(ctx: Context, fd: number, out: number): void {
  writeAddrPort(ctx.mem, out, socketAt(ctx, fd).localAddress());
}

/** `sock_addr_peer(fd, out addr_port)`: getpeername(2). */
export function sock_addr_peer(ctx: Context, fd: number, out: number): void {
  writeAddrPort(ctx.mem, out, socketAt(ctx, fd).peerAddress());
}

function noMulticast(ctx: Context, fd: number): void {
  socketAt(ctx, fd);
  fail(Errno.NOTSUP, "multicast membership is not supported");
}

/** Option and address imports. */
export const optionSyscalls: SyscallTable = {
  sock_set_opt_flag: sync(sock_set_opt_flag),
  sock_get_opt_flag: sync(sock_get_opt_flag),
  sock_set_opt_time: sync(sock_set_opt_time),
  sock_get_opt_time: sync(sock_get_opt_time),
  sock_set_opt_size: sync(sock_set_opt_size),
  sock_get_opt_size: sync(sock_get_opt_size),
  sock_status: sync(sock_status),
  sock_addr_local: sync(sock_addr_local),
  sock_addr_peer: sync(sock_addr_peer),
  sock_join_multicast_v4: sync(noMulticast),
  sock_leave_multicast_v4: sync(noMulticast),
  sock_join_multicast_v6: sync(noMulticast),
  sock_leave_multicast_v6: sync(noMulticast),
};
