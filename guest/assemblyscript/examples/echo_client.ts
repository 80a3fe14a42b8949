/**
 * echo_client: tcp_client.c (guest/c-examples) in AssemblyScript — same
 * command line, same stdout — that also takes IPv6 addresses and unix paths.
 *
 *   echo_client [ADDR [PORT [MESSAGE...]]]
 *     ADDR     server address: 127.0.0.1 (default), ::1, or a unix path
 *     PORT     default 8080 (ignored for a unix path)
 *     MESSAGE  lines to send, each answered before the next; default "hello"
 *
 * Prints each reply, then half-closes (shutdown SHUT_WR) and waits for the
 * server to close its side.
 */

import { args, eprintln, exit, fail, print, println, TcpStream, writeStdout } from "../sockbox";
import { parseCount, parseServer } from "./cli";

const LINE_MAX_LEN = 1024;
const DEFAULT_PORT: u16 = 8080;
const NEWLINE: u8 = 0x0a;
const USAGE_STATUS = 2;

/** Reads the server's lines, keeping what arrives after a newline for the next call. */
class LineReader {
  private buf: Uint8Array = new Uint8Array(LINE_MAX_LEN);
  private start: i32 = 0;
  private end: i32 = 0;

  constructor(private stream: TcpStream) {}

  /** The next line without its newline, or null at end of stream with nothing read (C's read_line -1). */
  next(): Uint8Array | null {
    while (true) {
      for (let i = this.start; i < this.end; i++) {
        if (this.buf[i] != NEWLINE) continue;
        const line = this.buf.slice(this.start, i);
        this.start = i + 1;
        return line;
      }
      if (this.start > 0) {
        this.buf.copyWithin(0, this.start, this.end);
        this.end -= this.start;
        this.start = 0;
      }
      if (this.end == LINE_MAX_LEN) this.end = LINE_MAX_LEN - 1; // overlong line: keep its head, as C does
      const r = this.stream.read(this.buf.subarray(this.end));
      if (!r.ok) fail("read", r.errno);
      if (r.value == 0) {
        if (this.end == 0) return null;
        const line = this.buf.slice(0, this.end);
        this.end = 0;
        return line;
      }
      this.end += r.value;
    }
  }
}

function main(): void {
  const argv = args();
  const host = argv.length > 1 ? argv[1] : "127.0.0.1";
  const port = argv.length > 2 ? <u16>parseCount(argv[2]) : DEFAULT_PORT;
  const server = parseServer(host, port);
  if (server === null) {
    eprintln("echo_client: bad address " + host);
    exit(USAGE_STATUS);
    return;
  }

  const stream = TcpStream.connect(server).expect("connect");
  if (server.isUnix) println("connected to " + host);
  else if (server.isV6) println("connected to [" + host + "]:" + port.toString());
  else println("connected to " + host + ":" + port.toString());

  const messages = argv.length > 3 ? argv.slice(3) : ["hello"];
  const lines = new LineReader(stream);
  for (let i = 0; i < messages.length; i++) {
    const e = stream.writeString(messages[i] + "\n");
    if (e) fail("write", e);
    println("sent: " + messages[i]);
    const reply = lines.next();
    if (reply === null) {
      println("server closed the connection early");
      exit(1);
      return;
    }
    print("reply: ");
    writeStdout(reply);
    println();
  }

  const e = stream.shutdownWrite();
  if (e) fail("shutdown", e);
  if (lines.next() === null) println("server closed the connection");
  stream.close();
  println("closed");
}

main();
