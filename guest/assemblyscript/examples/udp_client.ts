/**
 * udp_client: udp_client.c (guest/c-examples) in AssemblyScript — same
 * command line, same stdout — that also takes IPv6 addresses and unix paths.
 *
 *   udp_client [ADDR [PORT [MESSAGE...]]]
 *     ADDR     server address: 127.0.0.1 (default) or an IPv6 address such as ::1
 *     PORT     default 8080
 *     MESSAGE  datagrams to send, each answered before the next; default "hello"
 *
 * Waits at most 5 seconds for each answer (SO_RCVTIMEO): UDP may lose one.
 */

import {
  args, eprintln, Errno, exit, fail, print, println, SocketAddr, UdpSocket, writeStdout,
} from "../sockbox";
import { parseCount } from "./cli";

const DATAGRAM_MAX = 1024;
const DEFAULT_PORT: u16 = 8080;
const USAGE_STATUS = 2;
const ANSWER_TIMEOUT_S = 5;
const MS_PER_S = 1000;

function main(): void {
  const argv = args();
  const host = argv.length > 1 ? argv[1] : "127.0.0.1";
  const port = argv.length > 2 ? <u16>parseCount(argv[2]) : DEFAULT_PORT;
  const server = SocketAddr.parseIp(host, port);
  if (server === null) {
    eprintln("udp_client: bad address " + host);
    exit(USAGE_STATUS);
    return;
  }

  const sock = UdpSocket.open(server.family).expect("socket");
  const e = sock.setRecvTimeout(ANSWER_TIMEOUT_S * MS_PER_S);
  if (e) fail("setsockopt", e);

  const messages = argv.length > 3 ? argv.slice(3) : ["hello"];
  const buf = new Uint8Array(DATAGRAM_MAX);
  for (let i = 0; i < messages.length; i++) {
    const sent = sock.sendStringTo(messages[i], server);
    if (!sent.ok) fail("sendto", sent.errno);
    println("sent: " + messages[i]);

    const r = sock.recvFrom(buf);
    if (!r.ok) {
      if (r.errno == Errno.AGAIN) {
        println("no answer within " + ANSWER_TIMEOUT_S.toString() + " seconds");
        exit(1);
        return;
      }
      fail("recvfrom", r.errno);
    }
    const got = r.value;
    print("reply from " + got.from.ipString() + ":" + got.from.port.toString() + ": ");
    writeStdout(buf.subarray(0, got.length));
    println();
  }
  sock.close();
  println("closed");
}

main();
