/**
 * udp_server: udp_server.c (guest/c-examples) in AssemblyScript — same
 * command line, same stdout.
 *
 *   udp_server [PORT|ADDRESS [NDATAGRAMS]]
 *     PORT        bind every IPv4 address at PORT; default 8080, 0 lets the
 *                 system choose (the port is printed)
 *     ADDRESS     or bind an IP endpoint: `127.0.0.1:0`, `[::1]:0`, `[::]:8080`
 *     NDATAGRAMS  exit after answering this many datagrams; default 1, 0 = forever
 *
 * For each datagram it prints its size, the sender's address and its text,
 * and sends "echo: TEXT" back to the sender.
 */

import { args, eprintln, exit, fail, Family, print, println, SocketAddr, UdpSocket, writeStdout } from "../sockbox";
import { parseCount, parsePortOrAddress } from "./cli";

const DATAGRAM_MAX = 1024;
const DEFAULT_PORT: u16 = 8080;
const USAGE_STATUS = 2;
const ECHO_PREFIX = "echo: ";

/** The text C's `printf("%s")` shows of a datagram: the bytes up to the first NUL. */
function untilNul(b: Uint8Array): Uint8Array {
  const nul = b.indexOf(0);
  return nul < 0 ? b : b.subarray(0, nul);
}

function main(): void {
  const argv = args();
  const addr = argv.length > 1 ? parsePortOrAddress(argv[1]) : SocketAddr.any(Family.INET4, DEFAULT_PORT);
  if (addr === null || addr.isUnix) {
    eprintln("udp_server: bad port or address " + argv[1]);
    exit(USAGE_STATUS);
    return;
  }
  const count = argv.length > 2 ? parseCount(argv[2]) : 1;

  const sock = UdpSocket.bind(addr).expect("bind");
  const local = sock.localAddr().expect("getsockname");
  if (local.isV4) println("udp server on port " + local.port.toString());
  else println("udp server on " + local.toString());

  const buf = new Uint8Array(DATAGRAM_MAX);
  const prefix = Uint8Array.wrap(String.UTF8.encode(ECHO_PREFIX));
  for (let answered = 0; count == 0 || answered < count; answered++) {
    const r = sock.recvFrom(buf).expect("recvfrom");
    const text = untilNul(buf.subarray(0, r.length));
    print("received " + r.length.toString() + " bytes from " + r.from.ipString() + ": ");
    writeStdout(text);
    println();

    const reply = new Uint8Array(prefix.length + text.length);
    reply.set(prefix, 0);
    reply.set(text, prefix.length);
    const sent = sock.sendTo(reply, r.from);
    if (!sent.ok) fail("sendto", sent.errno);
  }
  sock.close();
  println("server done");
}

main();
