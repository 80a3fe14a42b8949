/**
 * nonblocking: non-blocking mode, poll and timeouts over real loopback
 * sockets, in one process — EAGAIN from accept/read/recvfrom, EINPROGRESS
 * from connect then writable + SO_ERROR, readable on data and on end of
 * stream, ECONNREFUSED through SO_ERROR, SO_RCVTIMEO on a blocking read and
 * accept, MSG_TRUNC-like truncation and MSG_PEEK on datagrams. Every answer
 * is Linux's. Usage: nonblocking [127.0.0.1|::1] (default 127.0.0.1).
 */

import {
  args, Errno, errnoName, Family, monotonicMs, poll, PollEvents, PollFd, SocketAddr, TcpListener, TcpStream,
  UdpSocket,
} from "../sockbox";
import { check, finish } from "./checks";

const WAIT_MS = 5000;
const TIMEOUT_MS = 100;
const BUF_SIZE = 64;
const SHORT_BUF = 8;

function pollOne(fd: i32, events: u16, ms: i32): string {
  const set = [new PollFd(fd, events)];
  const r = poll(set, ms);
  if (!r.ok) return errnoName(r.errno);
  return r.value.toString() + ":" + set[0].revents.toString();
}

function readText(s: TcpStream): string {
  const buf = new Uint8Array(BUF_SIZE);
  const r = s.read(buf);
  if (!r.ok) return errnoName(r.errno);
  return r.value == 0 ? "EOF" : String.UTF8.decode(buf.slice(0, r.value).buffer);
}

function tcp(host: SocketAddr): void {
  const listener = TcpListener.bind(host).expect("bind");
  const at = listener.localAddr().value;
  check("listener has a real port", at.port > 0 ? "yes" : "no", "yes");
  check("listener nonblocking", errnoName(listener.setNonblocking(true)), "OK");
  check("accept with nothing pending", errnoName(listener.accept().errno), "EAGAIN");
  check("poll listener, nothing pending", pollOne(listener.fd, PollEvents.IN, 0), "0:0");

  const client = TcpStream.open(host.family).value;
  client.setNonblocking(true);
  check("non-blocking connect", errnoName(client.connect(at)), "EINPROGRESS");
  check("connect finishes: writable", pollOne(client.fd, PollEvents.OUT, WAIT_MS), "1:" + PollEvents.OUT.toString());
  check("SO_ERROR after connect", errnoName(client.takeError()), "OK");
  check("poll listener, one pending", pollOne(listener.fd, PollEvents.IN, WAIT_MS), "1:" + PollEvents.IN.toString());
  const accepted = listener.accept();
  check("accept", errnoName(accepted.errno), "OK");
  const server = accepted.value;
  check("accepted peer is the client", server.peer!.toString(), client.localAddr().value.toString());
  check("client peer is the listener", client.peerAddr().value.toString(), at.toString());
  check("accepted stream is blocking (not inherited)", server.isNonblocking().value.toString(), "false");
  server.setNonblocking(true);
  check("read with nothing there", readText(server), "EAGAIN");
  check("poll server, nothing there", pollOne(server.fd, PollEvents.IN, 0), "0:0");

  check("write", errnoName(client.writeString("ping")), "OK");
  check("poll server, data there", pollOne(server.fd, PollEvents.IN, WAIT_MS), "1:" + PollEvents.IN.toString());
  const peekBuf = new Uint8Array(BUF_SIZE);
  const peeked = server.peek(peekBuf);
  check("peek", peeked.ok ? peeked.value.toString() : errnoName(peeked.errno), "4");
  check("read after peek", readText(server), "ping");

  check("shutdown write", errnoName(client.shutdownWrite()), "OK");
  const eof = pollOne(server.fd, PollEvents.IN, WAIT_MS);
  check("poll server after the client's FIN: readable", eof.startsWith("1:") ? "readable" : eof, "readable");
  check("read at end of stream", readText(server), "EOF");
  check("server writes back after half-close", errnoName(server.writeString("pong")), "OK");
  client.setNonblocking(false);
  check("client reads after its half-close", readText(client), "pong");
  server.close();
  check("client reads the server's close", readText(client), "EOF");
  const closedBoth = PollEvents.IN | PollEvents.OUT | PollEvents.HUP;
  check("both directions shut: IN|OUT|HUP", pollOne(client.fd, PollEvents.IN | PollEvents.OUT, 0), "1:" + closedBoth.toString());
  client.close();

  // SO_RCVTIMEO on a blocking accept.
  listener.setNonblocking(false);
  listener.setRecvTimeout(TIMEOUT_MS);
  let t0 = monotonicMs();
  check("accept times out", errnoName(listener.accept().errno), "EAGAIN");
  check("accept waited", monotonicMs() - t0 >= TIMEOUT_MS - 1 ? "yes" : "no", "yes");

  // SO_RCVTIMEO on a blocking read.
  const c2 = TcpStream.connect(at).expect("connect");
  listener.setRecvTimeout(0);
  const s2 = listener.accept().expect("accept");
  s2.setRecvTimeout(TIMEOUT_MS);
  t0 = monotonicMs();
  check("blocking read times out", readText(s2), "EAGAIN");
  check("read waited", monotonicMs() - t0 >= TIMEOUT_MS - 1 ? "yes" : "no", "yes");
  c2.writeString("late");
  check("then data arrives", readText(s2), "late");
  c2.close();
  s2.close();
  listener.close();

  // A refused non-blocking connect reports through poll and SO_ERROR.
  const refused = TcpStream.open(host.family).value;
  refused.setNonblocking(true);
  const e = refused.connect(at); // the listener is closed now
  check("connect to a closed port", e == Errno.INPROGRESS || e == Errno.CONNREFUSED ? "started" : errnoName(e), "started");
  if (e == Errno.INPROGRESS) {
    const failedBits = PollEvents.OUT | PollEvents.ERR | PollEvents.HUP;
    check("refused: OUT|ERR|HUP", pollOne(refused.fd, PollEvents.OUT, WAIT_MS), "1:" + failedBits.toString());
    check("SO_ERROR says refused", errnoName(refused.takeError()), "ECONNREFUSED");
    check("error taken: OUT|HUP", pollOne(refused.fd, PollEvents.OUT, 0), "1:" + (PollEvents.OUT | PollEvents.HUP).toString());
  }
  refused.close();
  check("blocking connect refused", errnoName(TcpStream.connect(at).errno), "ECONNREFUSED");
}

function udp(host: SocketAddr): void {
  const a = UdpSocket.bind(host).expect("bind");
  const b = UdpSocket.bind(host).expect("bind");
  const aAt = a.localAddr().value, bAt = b.localAddr().value;
  a.setNonblocking(true);
  const buf = new Uint8Array(BUF_SIZE);
  check("recvfrom with nothing there", errnoName(a.recvFrom(buf).errno), "EAGAIN");
  check("poll udp, nothing there", pollOne(a.fd, PollEvents.IN, 0), "0:0");
  check("sendto", b.sendStringTo("datagram", aAt).valueOr(-1).toString(), "8");
  check("poll udp, one there", pollOne(a.fd, PollEvents.IN, WAIT_MS), "1:" + PollEvents.IN.toString());
  const peek = a.peekFrom(buf);
  check("peek datagram", peek.ok ? peek.value.length.toString() : errnoName(peek.errno), "8");
  const got = a.recvFrom(buf).value;
  check("recvfrom length and sender", got.length.toString() + " " + got.from.toString(), "8 " + bAt.toString());
  check("datagram text", String.UTF8.decode(buf.slice(0, got.length).buffer), "datagram");

  b.sendStringTo("0123456789abcdefghij", aAt);
  pollOne(a.fd, PollEvents.IN, WAIT_MS);
  const short = new Uint8Array(SHORT_BUF);
  const cut = a.recvFrom(short).value;
  check("long datagram into a short buffer", cut.length.toString() + " " + cut.truncated.toString(), "8 true");
  check("rest of it is gone", errnoName(a.recvFrom(buf).errno), "EAGAIN");

  check("connect udp", errnoName(b.connect(aAt)), "OK");
  check("send on connected udp", b.send(Uint8Array.wrap(String.UTF8.encode("conn"))).valueOr(-1).toString(), "4");
  pollOne(a.fd, PollEvents.IN, WAIT_MS);
  check("arrives from b", a.recvFrom(buf).value.from.toString(), bAt.toString());
  a.close();
  b.close();
}

const argv = args();
const ip = argv.length > 1 ? argv[1] : "127.0.0.1";
const host = SocketAddr.parseIp(ip, 0);
if (host === null) {
  check("address argument", ip, "an IP address");
} else {
  tcp(host!);
  udp(host!);
}
finish();
