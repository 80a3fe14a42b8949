/**
 * `UdpSocket`: datagram sockets over IPv4, IPv6 or unix paths — bind,
 * sendTo/recvFrom, or connect then send/recv. One call sends one datagram.
 *
 * @module
 */

import { Family, Proto, RiFlags, SockOption, SockType } from "./abi";
import { SocketAddr } from "./addr";
import { Errno } from "./errno";
import { err, ok, Result } from "./result";
import { bindFd, closeFd, connectFd, openSocket, Received, Socket } from "./socket";

/** A datagram socket. */
export class UdpSocket extends Socket {
  /** socket(2) of `family` (INET4, INET6 or UNIX), unbound: the first send picks a port. */
  static open(family: Family): Result<UdpSocket> {
    const fd = openSocket(family, SockType.DGRAM, Proto.DEFAULT);
    if (!fd.ok) return err<UdpSocket>(fd.errno);
    return ok<UdpSocket>(new UdpSocket(fd.value));
  }

  /** socket(2) + bind(2). */
  static bind(addr: SocketAddr): Result<UdpSocket> {
    const s = UdpSocket.open(addr.family);
    if (!s.ok) return s;
    const e = bindFd(s.value.fd, addr);
    if (e != Errno.SUCCESS) {
      closeFd(s.value.fd);
      return err<UdpSocket>(e);
    }
    return s;
  }

  /** connect(2): fixes the peer for `send`/`recv` and filters what arrives. */
  connect(addr: SocketAddr): Errno {
    return connectFd(this.fd, addr);
  }

  /** sendto(2): one datagram of `buf` to `to`. */
  sendTo(buf: Uint8Array, to: SocketAddr): Result<i32> {
    return this.sendToRaw(buf.dataStart, buf.byteLength, 0, to);
  }

  /** sendto(2) of a UTF-8 string. */
  sendStringTo(s: string, to: SocketAddr): Result<i32> {
    const bytes = String.UTF8.encode(s);
    return this.sendToRaw(changetype<usize>(bytes), bytes.byteLength, 0, to);
  }

  /** recvfrom(2): waits for one datagram (EAGAIN at once when non-blocking). */
  recvFrom(buf: Uint8Array): Result<Received> {
    return this.recvFromRaw(buf.dataStart, buf.byteLength, 0);
  }

  /** recvfrom(2) with MSG_PEEK. */
  peekFrom(buf: Uint8Array): Result<Received> {
    return this.recvFromRaw(buf.dataStart, buf.byteLength, RiFlags.PEEK);
  }

  /** send(2) on a connected socket: one datagram. */
  send(buf: Uint8Array): Result<i32> {
    return this.sendRaw(buf.dataStart, buf.byteLength, 0);
  }

  /** recv(2) on a connected socket: one datagram (truncated to `buf`). */
  recv(buf: Uint8Array): Result<i32> {
    return this.recvRaw(buf.dataStart, buf.byteLength, 0);
  }

  /** SO_BROADCAST. */
  setBroadcast(on: bool): Errno {
    return this.setFlag(SockOption.BROADCAST, on);
  }
}
