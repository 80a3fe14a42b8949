/**
 * echo_server: tcp_server.c (guest/c-examples) in AssemblyScript — same
 * command line, same line protocol, same stdout.
 *
 *   echo_server [PORT|ADDRESS [NCLIENTS]]
 *     PORT      listen on every IPv4 address (0.0.0.0) at PORT; default 8080,
 *               0 lets the system choose (the port is printed)
 *     ADDRESS   or listen on `127.0.0.1:0`, `[::1]:0`, `[::]:8080`, a unix path
 *     NCLIENTS  exit after serving this many clients; default 1, 0 = forever
 *
 * For each line a client sends it prints "received: LINE" and answers
 * "echo: LINE". Clients are served one after the other, each until it closes.
 */

import {
  args, eprintln, exit, Family, print, println, SocketAddr, strerror, TcpListener, TcpStream, writeStdout,
} from "../sockbox";
import { parsePortOrAddress, parseCount } from "./cli";

const LINE_MAX_LEN = 1024;
const BACKLOG = 5;
const DEFAULT_PORT: u16 = 8080;
const NEWLINE: u8 = 0x0a;
const CARRIAGE_RETURN: u8 = 0x0d;
const USAGE_STATUS = 2;

/** Prints "received: LINE" and sends "echo: LINE\n" back. */
function answer(stream: TcpStream, line: Uint8Array): void {
  let len = line.length;
  if (len > 0 && line[len - 1] == CARRIAGE_RETURN) len--;
  const text = line.subarray(0, len);
  print("received: ");
  writeStdout(text);
  println();
  const reply = new Uint8Array(len + 7);
  reply.set(Uint8Array.wrap(String.UTF8.encode("echo: ")), 0);
  reply.set(text, 6);
  reply[len + 6] = NEWLINE;
  const e = stream.writeAll(reply);
  if (e) eprintln("write: " + strerror(e));
}

/** Serves one client until it closes the connection. */
function serve(stream: TcpStream): void {
  const buf = new Uint8Array(LINE_MAX_LEN);
  let used = 0;
  for (;;) {
    const r = stream.read(buf.subarray(used));
    if (!r.ok) {
      eprintln("read: " + strerror(r.errno));
      return;
    }
    if (r.value == 0) break;
    used += r.value;
    let start = 0;
    for (let i = 0; i < used; i++) {
      if (buf[i] != NEWLINE) continue;
      answer(stream, buf.subarray(start, i));
      start = i + 1;
    }
    buf.copyWithin(0, start, used);
    used -= start;
    if (used == LINE_MAX_LEN) {
      // A line too long for the buffer: answer what we have.
      answer(stream, buf);
      used = 0;
    }
  }
  if (used > 0) answer(stream, buf.subarray(0, used)); // a last line without its newline
}

function clientName(a: SocketAddr | null): string {
  if (a === null) return "(unknown)";
  return a.isUnix ? a.toString() : a.ipString();
}

function main(): void {
  const argv = args();
  const addr = argv.length > 1 ? parsePortOrAddress(argv[1]) : SocketAddr.any(Family.INET4, DEFAULT_PORT);
  if (addr === null) {
    eprintln("echo_server: bad port or address " + argv[1]);
    exit(USAGE_STATUS);
    return;
  }
  const nclients = argv.length > 2 ? parseCount(argv[2]) : 1;

  const listener = TcpListener.bind(addr, BACKLOG).expect("bind");
  const local = listener.localAddr().expect("getsockname");
  if (local.isV4) println("listening on port " + local.port.toString());
  else println("listening on " + local.toString());

  for (let served = 0; nclients == 0 || served < nclients; served++) {
    const stream = listener.accept().expect("accept");
    const who = clientName(stream.peer);
    println("client " + who + " connected");
    serve(stream);
    stream.close();
    println("client " + who + " disconnected");
  }
  listener.close();
  println("server done");
}

main();
