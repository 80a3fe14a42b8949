/**
 * `Socket`: what every socket kind shares — the descriptor, close, the local
 * and peer addresses, blocking or non-blocking mode, socket options, SO_ERROR,
 * and the raw send/recv calls the typed sockets build on.
 *
 * @module
 */

import {
  AddrPort, FdFlags, FdStat, Iovec, OptionTimestamp, Proto, RoFlags, Shutdown, SockOption, SockType,
} from "./abi";
import { SocketAddr } from "./addr";
import { Errno } from "./errno";
import {
  fd_close, fd_fdstat_get, fd_fdstat_set_flags, sock_addr_local, sock_addr_peer, sock_bind, sock_connect,
  sock_get_opt_flag,
  sock_get_opt_size, sock_get_opt_time, sock_open, sock_recv, sock_recv_from, sock_send, sock_send_to,
  sock_set_opt_flag, sock_set_opt_size, sock_set_opt_time, sock_shutdown,
} from "./imports";
import { err, ok, Result } from "./result";

/** The descriptor of a closed socket. */
export const CLOSED_FD: i32 = -1;
const NS_PER_MS: i64 = 1_000_000;

// Out-parameters of one call at a time (a guest runs one call at a time, even when it suspends).
const OUT_U32 = memory.data(4, 4);
const OUT_FLAGS = memory.data(4, 4);
const OUT_U64 = memory.data(8, 8);
const IOV = memory.data(Iovec.SIZE, 4);
const ADDR = memory.data(AddrPort.SIZE, AddrPort.ALIGN);
const TIMESTAMP = memory.data(OptionTimestamp.SIZE, 8);
const FDSTAT = memory.data(FdStat.SIZE, 8);

/** One received datagram (or stream chunk) and where it came from. */
export class Received {
  /** Bytes stored into the buffer. */
  length: i32;
  /** The sender (UNSPEC on a stream socket). */
  from: SocketAddr;
  /** Whether the datagram was longer than the buffer (the rest is lost, as on Linux). */
  truncated: bool;

  constructor(length: i32, from: SocketAddr, truncated: bool) {
    this.length = length;
    this.from = from;
    this.truncated = truncated;
  }
}

/** Opens a socket descriptor: socket(2). */
export function openSocket(family: i32, type: SockType, proto: Proto): Result<i32> {
  const e = <Errno>sock_open(<u32>family, <u32>type, <u32>proto, OUT_U32);
  return e == Errno.SUCCESS ? ok<i32>(load<i32>(OUT_U32)) : err<i32>(e);
}

/** Closes a bare descriptor (for failures halfway through setting a socket up). */
export function closeFd(fd: i32): void {
  fd_close(<u32>fd);
}

/** bind(2) of `fd` to `addr`. */
export function bindFd(fd: i32, addr: SocketAddr): Errno {
  const bad = addr.write(ADDR);
  if (bad != Errno.SUCCESS) return bad;
  return <Errno>sock_bind(<u32>fd, ADDR);
}

/** connect(2) of `fd` to `addr`. */
export function connectFd(fd: i32, addr: SocketAddr): Errno {
  const bad = addr.write(ADDR);
  if (bad != Errno.SUCCESS) return bad;
  return <Errno>sock_connect(<u32>fd, ADDR);
}

/** A socket descriptor and the calls every kind of socket has. */
export class Socket {
  /** The descriptor, or {@link CLOSED_FD} after `close()`. */
  fd: i32;

  constructor(fd: i32) {
    this.fd = fd;
  }

  /** close(2). Closing twice gives EBADF. */
  close(): Errno {
    if (this.fd == CLOSED_FD) return Errno.BADF;
    const e = <Errno>fd_close(<u32>this.fd);
    this.fd = CLOSED_FD;
    return e;
  }

  /** getsockname(2). */
  localAddr(): Result<SocketAddr> {
    const e = <Errno>sock_addr_local(<u32>this.fd, ADDR);
    return e == Errno.SUCCESS ? ok<SocketAddr>(SocketAddr.read(ADDR)) : err<SocketAddr>(e);
  }

  /** getpeername(2): ENOTCONN when not connected. */
  peerAddr(): Result<SocketAddr> {
    const e = <Errno>sock_addr_peer(<u32>this.fd, ADDR);
    return e == Errno.SUCCESS ? ok<SocketAddr>(SocketAddr.read(ADDR)) : err<SocketAddr>(e);
  }

  /** Whether calls on this socket fail with EAGAIN instead of waiting (O_NONBLOCK). */
  isNonblocking(): Result<bool> {
    const e = <Errno>fd_fdstat_get(<u32>this.fd, FDSTAT);
    if (e != Errno.SUCCESS) return err<bool>(e);
    return ok<bool>((load<u16>(FDSTAT + FdStat.FLAGS) & FdFlags.NONBLOCK) != 0);
  }

  /** fcntl(F_SETFL, O_NONBLOCK on or off), keeping the other flags. */
  setNonblocking(on: bool): Errno {
    const e = <Errno>fd_fdstat_get(<u32>this.fd, FDSTAT);
    if (e != Errno.SUCCESS) return e;
    let flags = load<u16>(FDSTAT + FdStat.FLAGS);
    flags = on ? flags | FdFlags.NONBLOCK : flags & ~FdFlags.NONBLOCK;
    return <Errno>fd_fdstat_set_flags(<u32>this.fd, <u32>flags);
  }

  /** A boolean setsockopt(2) (SO_REUSEADDR, TCP_NODELAY, SO_KEEPALIVE, SO_BROADCAST, IPV6_V6ONLY…). */
  setFlag(option: SockOption, on: bool): Errno {
    return <Errno>sock_set_opt_flag(<u32>this.fd, <u32>option, on ? 1 : 0);
  }

  /** A boolean getsockopt(2). */
  getFlag(option: SockOption): Result<bool> {
    const e = <Errno>sock_get_opt_flag(<u32>this.fd, <u32>option, OUT_U32);
    return e == Errno.SUCCESS ? ok<bool>(load<u8>(OUT_U32) != 0) : err<bool>(e);
  }

  /** A size setsockopt(2) (SO_RCVBUF, SO_SNDBUF, IP_TTL). */
  setSize(option: SockOption, value: i64): Errno {
    return <Errno>sock_set_opt_size(<u32>this.fd, <u32>option, value);
  }

  /** A size getsockopt(2) (buffer sizes, TTL, SO_TYPE, SO_PROTOCOL). */
  getSize(option: SockOption): Result<i64> {
    const e = <Errno>sock_get_opt_size(<u32>this.fd, <u32>option, OUT_U64);
    return e == Errno.SUCCESS ? ok<i64>(load<i64>(OUT_U64)) : err<i64>(e);
  }

  /** A time setsockopt(2) (SO_RCVTIMEO, SO_SNDTIMEO, SO_LINGER) in milliseconds; a negative value means none. */
  setTimeMs(option: SockOption, ms: i64): Errno {
    memory.fill(TIMESTAMP, 0, OptionTimestamp.SIZE);
    store<u8>(TIMESTAMP + OptionTimestamp.TAG, ms < 0 ? OptionTimestamp.NONE : OptionTimestamp.SOME);
    store<u64>(TIMESTAMP + OptionTimestamp.NANOS, ms < 0 ? 0 : <u64>(ms * NS_PER_MS));
    return <Errno>sock_set_opt_time(<u32>this.fd, <u32>option, TIMESTAMP);
  }

  /** A time getsockopt(2) in milliseconds; -1 when none is set. */
  getTimeMs(option: SockOption): Result<i64> {
    const e = <Errno>sock_get_opt_time(<u32>this.fd, <u32>option, TIMESTAMP);
    if (e != Errno.SUCCESS) return err<i64>(e);
    if (load<u8>(TIMESTAMP + OptionTimestamp.TAG) == OptionTimestamp.NONE) return ok<i64>(-1);
    return ok<i64>(<i64>(load<u64>(TIMESTAMP + OptionTimestamp.NANOS) / <u64>NS_PER_MS));
  }

  /** SO_REUSEADDR. */
  setReuseAddr(on: bool): Errno {
    return this.setFlag(SockOption.REUSE_ADDR, on);
  }

  /** SO_RCVTIMEO: a blocking receive (or accept) fails with EAGAIN after `ms`; 0 or less: wait forever. */
  setRecvTimeout(ms: i64): Errno {
    return this.setTimeMs(SockOption.RECV_TIMEOUT, ms > 0 ? ms : -1);
  }

  /** SO_SNDTIMEO: a blocking send (or connect) gives up after `ms`; 0 or less: wait forever. */
  setSendTimeout(ms: i64): Errno {
    return this.setTimeMs(SockOption.SEND_TIMEOUT, ms > 0 ? ms : -1);
  }

  /**
   * SO_ERROR: the pending error, cleared by reading it (after a non-blocking
   * connect polls writable, this says whether it succeeded).
   */
  takeError(): Errno {
    const e = <Errno>sock_get_opt_size(<u32>this.fd, <u32>SockOption.LAST_ERROR, OUT_U64);
    return e != Errno.SUCCESS ? e : <Errno>(<i32>load<u64>(OUT_U64));
  }

  /** shutdown(2). */
  shutdown(how: Shutdown): Errno {
    return <Errno>sock_shutdown(<u32>this.fd, <u32>how);
  }

  /** send(2) of `len` bytes at `ptr` with `siflags`: the count sent. */
  sendRaw(ptr: usize, len: i32, siflags: u32): Result<i32> {
    store<u32>(IOV + Iovec.BUF, <u32>ptr);
    store<u32>(IOV + Iovec.LEN, <u32>len);
    const e = <Errno>sock_send(<u32>this.fd, IOV, 1, siflags, OUT_U32);
    return e == Errno.SUCCESS ? ok<i32>(load<i32>(OUT_U32)) : err<i32>(e);
  }

  /** sendto(2) of `len` bytes at `ptr` to `to`: the count sent. */
  sendToRaw(ptr: usize, len: i32, siflags: u32, to: SocketAddr): Result<i32> {
    const bad = to.write(ADDR);
    if (bad != Errno.SUCCESS) return err<i32>(bad);
    store<u32>(IOV + Iovec.BUF, <u32>ptr);
    store<u32>(IOV + Iovec.LEN, <u32>len);
    const e = <Errno>sock_send_to(<u32>this.fd, IOV, 1, siflags, ADDR, OUT_U32);
    return e == Errno.SUCCESS ? ok<i32>(load<i32>(OUT_U32)) : err<i32>(e);
  }

  /** recv(2) into `len` bytes at `ptr` with `riflags`: the count received (0 = end of stream). */
  recvRaw(ptr: usize, len: i32, riflags: u32): Result<i32> {
    store<u32>(IOV + Iovec.BUF, <u32>ptr);
    store<u32>(IOV + Iovec.LEN, <u32>len);
    const e = <Errno>sock_recv(<u32>this.fd, IOV, 1, riflags, OUT_U32, OUT_FLAGS);
    return e == Errno.SUCCESS ? ok<i32>(load<i32>(OUT_U32)) : err<i32>(e);
  }

  /** recvfrom(2) into `len` bytes at `ptr`: the count, the sender and the truncation flag. */
  recvFromRaw(ptr: usize, len: i32, riflags: u32): Result<Received> {
    store<u32>(IOV + Iovec.BUF, <u32>ptr);
    store<u32>(IOV + Iovec.LEN, <u32>len);
    store<u32>(OUT_FLAGS, 0);
    const e = <Errno>sock_recv_from(<u32>this.fd, IOV, 1, riflags, OUT_U32, OUT_FLAGS, ADDR);
    if (e != Errno.SUCCESS) return err<Received>(e);
    const truncated = (load<u16>(OUT_FLAGS) & RoFlags.DATA_TRUNCATED) != 0;
    return ok<Received>(new Received(load<i32>(OUT_U32), SocketAddr.read(ADDR), truncated));
  }
}
