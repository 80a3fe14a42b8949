/**
 * selftest: the library's checks that need no network — address text and
 * `addr_port` bytes, errno names and texts, Result, socket options, close,
 * non-blocking mode and poll over descriptors and the clock. Prints one line
 * per check ("ok NAME" or "FAIL NAME: got …, want …"), then "N passed, N failed";
 * exits 1 if any failed. Run by tests/assemblyscript/build_test.ts.
 */

import {
  err, Errno, errnoName, Family, monotonicMs, ok, poll, PollEvents, PollFd, SocketAddr, SockOption,
  strerror, TcpStream, UdpSocket,
} from "../sockbox";
import { AddrPort } from "../sockbox/abi";
import { check, finish } from "./checks";

function text(a: SocketAddr | null): string {
  return a === null ? "null" : a.toString();
}

function bytesAt(p: usize, from: i32, to: i32): string {
  let s = "";
  for (let i = from; i < to; i++) s += (i > from ? " " : "") + load<u8>(p + i).toString();
  return s;
}

function addressText(): void {
  check("ipv4 endpoint", text(SocketAddr.parse("127.0.0.1:8080")), "127.0.0.1:8080");
  check("ipv6 endpoint", text(SocketAddr.parse("[::1]:7")), "[::1]:7");
  check("ipv6 bare in brackets", text(SocketAddr.parse("[::1]")), "[::1]:0");
  check("ipv4 bare", text(SocketAddr.parse("10.0.0.1")), "10.0.0.1:0");
  check("ipv6 bare", text(SocketAddr.parse("2001:db8::1")), "[2001:db8::1]:0");
  check("unix absolute", text(SocketAddr.parse("/tmp/echo.sock")), "/tmp/echo.sock");
  check("unix prefixed", text(SocketAddr.parse("unix:echo.sock")), "echo.sock");
  check("port too big", text(SocketAddr.parse("1.2.3.4:65536")), "null");
  check("port missing", text(SocketAddr.parse("1.2.3.4:")), "null");
  check("junk after bracket", text(SocketAddr.parse("[::1]x")), "null");
  check("empty", text(SocketAddr.parse("")), "null");
  check("octet too big", text(SocketAddr.parseIp("256.0.0.1")), "null");
  check("three octets", text(SocketAddr.parseIp("1.2.3")), "null");
  check("five octets", text(SocketAddr.parseIp("1.2.3.4.5")), "null");
  check("leading zero octet", text(SocketAddr.parseIp("01.2.3.4")), "null");
  check("zero octets", text(SocketAddr.parseIp("0.0.0.0", 1)), "0.0.0.0:1");
  check("two gaps", text(SocketAddr.parseIp("1::2::3")), "null");
  check("five hex digits", text(SocketAddr.parseIp("12345::")), "null");
  check("nine words", text(SocketAddr.parseIp("1:2:3:4:5:6:7:8:9")), "null");
  check("seven words", text(SocketAddr.parseIp("1:2:3:4:5:6:7")), "null");
  check("trailing colon", text(SocketAddr.parseIp("1:2:3:4:5:6:7:")), "null");
  check("leading colon", text(SocketAddr.parseIp(":1:2:3:4:5:6:7")), "null");
  check("gap for eight words", text(SocketAddr.parseIp("1:2:3:4::5:6:7:8")), "null");
  check("unspecified", SocketAddr.parseIp("::")!.ipString(), "::");
  check("rfc5952 longest run", SocketAddr.parseIp("2001:db8:0:0:1:0:0:1")!.ipString(), "2001:db8::1:0:0:1");
  check("rfc5952 lower case", SocketAddr.parseIp("2001:DB8::A")!.ipString(), "2001:db8::a");
  check("rfc5952 single zero kept", SocketAddr.parseIp("1:2:3:4:5:6:7::")!.ipString(), "1:2:3:4:5:6:7:0");
  check("rfc5952 later longer run", SocketAddr.parseIp("1:0:0:2:0:0:0:3")!.ipString(), "1:0:0:2::3");
  check("rfc5952 first of equal runs", SocketAddr.parseIp("0:0:1:0:0:1:0:0")!.ipString(), "::1:0:0:1:0:0");
  check("full eight words", SocketAddr.parseIp("1:2:3:4:5:6:7:8")!.ipString(), "1:2:3:4:5:6:7:8");
  check("v4-mapped", SocketAddr.parseIp("::ffff:127.0.0.1")!.ipString(), "::ffff:127.0.0.1");
  check("v4 tail", SocketAddr.parseIp("64:ff9b::1.2.3.4")!.ipString(), "64:ff9b::102:304");
  check("v4 tail too long", text(SocketAddr.parseIp("1:2:3:4:5:6:7:1.2.3.4")), "null");
  const scoped = SocketAddr.parseIp("fe80::1%2");
  check("scope id", scoped === null ? "null" : scoped.ipString() + " scope " + scoped.scopeId.toString(), "fe80::1 scope 2");
  check("bad scope", text(SocketAddr.parseIp("fe80::1%x")), "null");
  check("loopback v6", SocketAddr.loopback(Family.INET6, 9).toString(), "[::1]:9");
  check("any v4", SocketAddr.any(Family.INET4, 80).toString(), "0.0.0.0:80");
  const moved = SocketAddr.parse("10.1.2.3:80")!.withPort(8080);
  check("withPort", moved.toString(), "10.1.2.3:8080");
  check("equals", SocketAddr.parse("[::1]:5")!.equals(SocketAddr.loopback(Family.INET6, 5)) ? "yes" : "no", "yes");
}

function addrPortBytes(): void {
  const buf = new ArrayBuffer(AddrPort.SIZE); // a managed local: rooted until the function returns
  const p = changetype<usize>(buf);
  check("v4 write", errnoName(SocketAddr.parse("127.0.0.1:8080")!.write(p)), "OK");
  check("v4 tag, zero, LE port, address", bytesAt(p, 0, 8), "1 0 144 31 127 0 0 1");
  check("v4 rest zeroed", bytesAt(p, 8, 12), "0 0 0 0");
  check("v4 read back", SocketAddr.read(p).toString(), "127.0.0.1:8080");

  const v6 = SocketAddr.parseIp("fe80::1%3", 443)!;
  v6.flowinfo = 0x01020304;
  v6.write(p);
  check("v6 tag and LE port", bytesAt(p, 0, 4), "2 0 187 1");
  check("v6 address network order", bytesAt(p, 4, 20), "254 128 0 0 0 0 0 0 0 0 0 0 0 0 0 1");
  check("v6 flowinfo and scope LE", bytesAt(p, 20, 28), "4 3 2 1 3 0 0 0");
  const back = SocketAddr.read(p);
  check("v6 read back", back.toString() + " " + back.scopeId.toString() + " " + back.flowinfo.toString(), "[fe80::1]:443 3 16909060");

  check("unix write", errnoName(SocketAddr.unix("/tmp/s").write(p)), "OK");
  check("unix tag, path, NUL", bytesAt(p, 0, 9), "3 0 47 116 109 112 47 115 0");
  check("unix read back", SocketAddr.read(p).toString(), "/tmp/s");
  check("unix 107 bytes fits", errnoName(SocketAddr.unix("/".repeat(AddrPort.UNIX_PATH_MAX - 1)).write(p)), "OK");
  check("unix 108 bytes too long", errnoName(SocketAddr.unix("/".repeat(AddrPort.UNIX_PATH_MAX)).write(p)), "EINVAL");
  store<u8>(p, 9);
  check("unknown tag reads as unspecified", SocketAddr.read(p).toString(), "(unspecified)");
}

function errnos(): void {
  check("errno name", errnoName(Errno.CONNREFUSED), "ECONNREFUSED");
  check("errno number", (<i32>Errno.NOTCAPABLE).toString() + " " + (<i32>Errno.AGAIN).toString(), "76 6");
  check("strerror", strerror(Errno.ADDRINUSE), "Address already in use");
  check("strerror unknown", strerror(<Errno>200), "Unknown error 200");
  const good = ok<i32>(5), bad = err<i32>(Errno.AGAIN);
  check("result ok", good.ok.toString() + " " + good.value.toString(), "true 5");
  check("result err", bad.ok.toString() + " " + errnoName(bad.errno) + " " + bad.valueOr(-7).toString(), "false EAGAIN -7");
  const none = err<SocketAddr>(Errno.NOTCONN);
  check("result err of a class", none.ok ? "ok" : errnoName(none.errno), "ENOTCONN");
}

function socketsWithoutNetwork(): void {
  const u = UdpSocket.open(Family.INET4).value;
  check("SO_TYPE of udp", u.getSize(SockOption.TYPE).value.toString(), "2");
  check("unbound local address", u.localAddr().value.toString(), "0.0.0.0:0");
  check("peer of unconnected", errnoName(u.peerAddr().errno), "ENOTCONN");
  check("blocking by default", u.isNonblocking().value.toString(), "false");
  check("set nonblocking", errnoName(u.setNonblocking(true)), "OK");
  check("is nonblocking", u.isNonblocking().value.toString(), "true");
  check("set blocking again", errnoName(u.setNonblocking(false)) + " " + u.isNonblocking().value.toString(), "OK false");
  check("SO_REUSEADDR", errnoName(u.setReuseAddr(true)) + " " + u.getFlag(SockOption.REUSE_ADDR).value.toString(), "OK true");
  check("SO_REUSEADDR off", errnoName(u.setReuseAddr(false)) + " " + u.getFlag(SockOption.REUSE_ADDR).value.toString(), "OK false");
  check("SO_RCVTIMEO", errnoName(u.setRecvTimeout(1500)) + " " + u.getTimeMs(SockOption.RECV_TIMEOUT).value.toString(), "OK 1500");
  check("SO_RCVTIMEO cleared", errnoName(u.setRecvTimeout(0)) + " " + u.getTimeMs(SockOption.RECV_TIMEOUT).value.toString(), "OK -1");
  check("SO_ERROR clear", errnoName(u.takeError()), "OK");
  const fd = u.fd;
  check("close", errnoName(u.close()), "OK");
  check("close twice", errnoName(u.close()), "EBADF");

  const t = TcpStream.open(Family.INET6).value;
  check("SO_TYPE of tcp", t.getSize(SockOption.TYPE).value.toString(), "1");
  check("lowest free descriptor reused", t.fd.toString(), fd.toString());
  check("TCP_NODELAY", errnoName(t.setNoDelay(true)) + " " + t.getFlag(SockOption.NO_DELAY).value.toString(), "OK true");
  check("unbound v6 local address", t.localAddr().value.toString(), "[::]:0");
  t.close();
  const un = TcpStream.open(Family.UNIX).value;
  check("TCP_NODELAY on unix", errnoName(un.setNoDelay(true)), "ENOPROTOOPT");
  un.close();
  check("unknown family", errnoName(TcpStream.open(Family.UNSPEC).errno), "EAFNOSUPPORT");
}

function polling(): void {
  const t0 = monotonicMs();
  const r = poll([], 30);
  const waited = monotonicMs() - t0;
  check("poll of nothing times out", r.value.toString(), "0");
  check("poll waited its timeout", waited >= 30 ? "yes" : "no (" + waited.toString() + " ms)", "yes");
  const fds = [new PollFd(-1, PollEvents.IN), new PollFd(99, PollEvents.IN)];
  check("poll of a bad descriptor", poll(fds, 0).value.toString(), "1");
  check("negative fd skipped, bad one NVAL", fds[0].revents.toString() + " " + fds[1].revents.toString(), "0 " + PollEvents.NVAL.toString());
  const u = UdpSocket.open(Family.INET4).value;
  const w = [new PollFd(u.fd, PollEvents.IN | PollEvents.OUT)];
  check("fresh udp socket is writable, not readable", poll(w, 0).value.toString() + " " + w[0].revents.toString(), "1 " + PollEvents.OUT.toString());
  u.close();
  // Linux: an unconnected TCP socket is POLLOUT|POLLHUP; asked for nothing, it still reports POLLHUP.
  const t = TcpStream.open(Family.INET4).value;
  const both = [new PollFd(t.fd, PollEvents.IN | PollEvents.OUT)];
  check("unconnected tcp: OUT|HUP", poll(both, 0).value.toString() + " " + both[0].revents.toString(), "1 " + (PollEvents.OUT | PollEvents.HUP).toString());
  const none = [new PollFd(t.fd, 0)];
  check("unconnected tcp, events 0: HUP", poll(none, 1000).value.toString() + " " + none[0].revents.toString(), "1 " + PollEvents.HUP.toString());
  t.close();
}

addressText();
addrPortBytes();
errnos();
socketsWithoutNetwork();
polling();
finish();
