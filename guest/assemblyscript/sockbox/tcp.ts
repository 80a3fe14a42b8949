/**
 * Stream sockets: `TcpListener` (socket + bind + listen, accept) and
 * `TcpStream` (connect, read, write, shutdown). Both also take unix-domain
 * addresses (an AF_UNIX SOCK_STREAM socket), like the C calls they wrap.
 * Calls block exactly as the C ones do unless the socket is non-blocking.
 *
 * @module
 */

import { AddrPort, Family, FdFlags, Proto, RiFlags, Shutdown, SockOption, SockType } from "./abi";
import { SocketAddr } from "./addr";
import { Errno } from "./errno";
import { sock_accept_v2, sock_listen } from "./imports";
import { err, ok, Result } from "./result";
import { bindFd, closeFd, connectFd, openSocket, Socket } from "./socket";

/** listen(2) backlog when none is given (Linux's SOMAXCONN is 4096; 128 is the classic value). */
export const DEFAULT_BACKLOG: i32 = 128;

const OUT_FD = memory.data(4, 4);
const ADDR = memory.data(AddrPort.SIZE, AddrPort.ALIGN);

/** A connected stream socket. */
export class TcpStream extends Socket {
  /** The peer as `accept` reported it (null for a stream made by `connect`/`open`). */
  peer: SocketAddr | null = null;

  /** socket(2) of `family` (INET4, INET6 or UNIX), not connected yet. */
  static open(family: Family): Result<TcpStream> {
    const fd = openSocket(family, SockType.STREAM, Proto.DEFAULT);
    if (!fd.ok) return err<TcpStream>(fd.errno);
    return ok<TcpStream>(new TcpStream(fd.value));
  }

  /** socket(2) + connect(2): blocks until connected (or refused). */
  static connect(addr: SocketAddr): Result<TcpStream> {
    const s = TcpStream.open(addr.family);
    if (!s.ok) return s;
    const stream = s.value;
    const e = stream.connect(addr);
    if (e != Errno.SUCCESS) {
      stream.close();
      return err<TcpStream>(e);
    }
    return s;
  }

  /**
   * connect(2) of an opened stream. On a non-blocking socket this returns
   * EINPROGRESS: poll for writable, then `takeError()` says how it ended.
   */
  connect(addr: SocketAddr): Errno {
    return connectFd(this.fd, addr);
  }

  /** recv(2) into `buf`: the byte count, 0 at end of stream, EAGAIN if non-blocking and nothing is there. */
  read(buf: Uint8Array): Result<i32> {
    return this.recvRaw(buf.dataStart, buf.byteLength, 0);
  }

  /** recv(2) with MSG_PEEK: like `read`, but the bytes stay queued. */
  peek(buf: Uint8Array): Result<i32> {
    return this.recvRaw(buf.dataStart, buf.byteLength, RiFlags.PEEK);
  }

  /** recv(2) with MSG_WAITALL: fills `buf` unless the stream ends first (then the shorter count). */
  readFull(buf: Uint8Array): Result<i32> {
    return this.recvRaw(buf.dataStart, buf.byteLength, RiFlags.WAITALL);
  }

  /** send(2) of `buf`: the count written (may be short on a non-blocking socket). */
  write(buf: Uint8Array): Result<i32> {
    return this.sendRaw(buf.dataStart, buf.byteLength, 0);
  }

  /** Writes all `len` bytes at `ptr`, looping over short writes. */
  writeAllRaw(ptr: usize, len: i32): Errno {
    let done = 0;
    while (done < len) {
      const r = this.sendRaw(ptr + <usize>done, len - done, 0);
      if (!r.ok) return r.errno;
      done += r.value;
    }
    return Errno.SUCCESS;
  }

  /** Writes all of `buf`. */
  writeAll(buf: Uint8Array): Errno {
    return this.writeAllRaw(buf.dataStart, buf.byteLength);
  }

  /** Writes all of `s`, UTF-8 encoded. */
  writeString(s: string): Errno {
    const bytes = String.UTF8.encode(s);
    return this.writeAllRaw(changetype<usize>(bytes), bytes.byteLength);
  }

  /** TCP_NODELAY (ENOPROTOOPT on a unix stream, as on Linux). */
  setNoDelay(on: bool): Errno {
    return this.setFlag(SockOption.NO_DELAY, on);
  }

  /** shutdown(SHUT_WR): the peer reads end of stream, this side can still read. */
  shutdownWrite(): Errno {
    return this.shutdown(Shutdown.WRITE);
  }
}

/** A listening stream socket. */
export class TcpListener extends Socket {
  /**
   * socket(2) + bind(2) + listen(2). IP listeners get SO_REUSEADDR first, as
   * servers in C usually set it (so a restarted server can reuse its port).
   */
  static bind(addr: SocketAddr, backlog: i32 = DEFAULT_BACKLOG): Result<TcpListener> {
    const fd = openSocket(addr.family, SockType.STREAM, Proto.DEFAULT);
    if (!fd.ok) return err<TcpListener>(fd.errno);
    const l = new TcpListener(fd.value);
    let e = Errno.SUCCESS;
    if (addr.family != Family.UNIX) e = l.setReuseAddr(true);
    if (e == Errno.SUCCESS) e = bindFd(l.fd, addr);
    if (e == Errno.SUCCESS) e = <Errno>sock_listen(<u32>l.fd, <u32>backlog);
    if (e != Errno.SUCCESS) {
      closeFd(l.fd);
      return err<TcpListener>(e);
    }
    return ok<TcpListener>(l);
  }

  /**
   * accept(2): waits for a connection (EAGAIN at once on a non-blocking
   * listener). `nonblocking` makes the new stream non-blocking (accept4's
   * SOCK_NONBLOCK); otherwise it blocks, whatever the listener's mode.
   */
  accept(nonblocking: bool = false): Result<TcpStream> {
    const e = <Errno>sock_accept_v2(<u32>this.fd, nonblocking ? FdFlags.NONBLOCK : 0, OUT_FD, ADDR);
    if (e != Errno.SUCCESS) return err<TcpStream>(e);
    const s = new TcpStream(load<i32>(OUT_FD));
    s.peer = SocketAddr.read(ADDR);
    return ok<TcpStream>(s);
  }
}
