/**
 * A {@link Host} that touches nothing real, for driving syscalls in-process
 * with hostile arguments: stdio that discards output and reads EOF, an
 * in-memory file system, and a network that answers at once (listeners that
 * receive one connection, connections that echo or are refused, datagram
 * sockets that loop back, a resolver that knows one name).
 *
 * @module
 */

import { Errno, SyscallError } from "../../../runtime/errno.ts";
import type { Host, HostStdio } from "../../../runtime/host.ts";
import type {
  DatagramSink,
  DatagramSocket,
  ListenerSink,
  NetBackend,
  StreamConn,
  StreamListener,
  StreamSink,
} from "../../../runtime/net_backend.ts";
import type { InetAddress, SocketAddress } from "../../../runtime/sockaddr.ts";
import { FakeFs } from "../../lib/fake_fs.ts";

/** Output discarded, stdin at EOF, no terminals. */
export const nullStdio: HostStdio = {
  writeSync() {},
  read: () => Promise.resolve(null),
  isTerminal: () => false,
};

let nextPort = 40000;

function withPort(addr: SocketAddress): SocketAddress {
  if (addr.family === "unix" || addr.port !== 0) return addr;
  return { ...addr, port: nextPort++ };
}

/** A connection whose writes come back as data, asynchronously. */
class EchoConn implements StreamConn {
  readonly local: SocketAddress;
  readonly remote: SocketAddress;
  buffered = 0;
  #sink: StreamSink | null = null;
  #open = true;

  constructor(local: SocketAddress, remote: SocketAddress) {
    this.local = local;
    this.remote = remote;
  }
  attach(sink: StreamSink): void {
    this.#sink = sink;
  }
  write(data: Uint8Array): void {
    const copy = data.slice(0, 4096);
    queueMicrotask(() => this.#open && this.#sink?.data(copy));
  }
  shutdownWrite(): void {
    queueMicrotask(() => this.#open && this.#sink?.end());
  }
  pause(): void {}
  resume(): void {}
  setNoDelay(): void {}
  setKeepAlive(): void {}
  close(): void {
    if (!this.#open) return;
    this.#open = false;
    queueMicrotask(() => this.#sink?.closed());
  }
}

/** An in-memory network: nothing leaves the process. */
export class FakeNet implements NetBackend {
  readonly lacks: ReadonlySet<"unix-datagram" | "udp" | "listen-backlog" | "bind-before-connect"> = new Set();
  /** Open listeners and datagram sockets, to check they are all closed at the end. */
  open = 0;

  listen(addr: SocketAddress, _opts: unknown, sink: ListenerSink): StreamListener {
    const local = withPort(addr);
    this.open++;
    let closed = false;
    queueMicrotask(() => {
      if (closed) return;
      const conn = new EchoConn(local, { family: "ipv4", address: "127.0.0.1", port: nextPort++ });
      conn.attach(sink.connection(conn));
    });
    return {
      local,
      pause() {},
      resume() {},
      close: () => {
        if (!closed) this.open--;
        closed = true;
      },
    };
  }

  connect(addr: SocketAddress, sink: StreamSink): Promise<StreamConn> {
    if (addr.family !== "unix" && addr.port % 2 === 1) return Promise.reject(new SyscallError(Errno.CONNREFUSED));
    const conn = new EchoConn(withPort({ family: "ipv4", address: "127.0.0.1", port: 0 }), addr);
    conn.attach(sink);
    return Promise.resolve(conn);
  }

  bindDatagram(addr: SocketAddress, _opts: unknown, sink: DatagramSink): Promise<DatagramSocket> {
    const local = withPort(addr);
    this.open++;
    let closed = false;
    return Promise.resolve({
      local,
      send: (data: Uint8Array) => {
        if (data.byteLength > 1000) throw new SyscallError(Errno.MSGSIZE);
        const copy = data.slice();
        queueMicrotask(() => !closed && sink.message(copy, local));
      },
      setBroadcast() {},
      pause() {},
      resume() {},
      close: () => {
        if (!closed) this.open--;
        closed = true;
      },
    });
  }

  resolve(host: string): Promise<InetAddress[]> {
    if (host === "localhost") return Promise.resolve([{ family: "ipv4", address: "127.0.0.1", port: 0 }]);
    return Promise.reject(new SyscallError(Errno.NOENT));
  }
}

/** A host with {@link nullStdio}, a {@link FakeFs} holding `tree`, and a {@link FakeNet}. */
export function fakeHost(tree: Record<string, string | { link: string } | null>): Host & { fs: FakeFs; net: FakeNet } {
  return { name: "fake", stdio: nullStdio, fs: new FakeFs(tree), net: new FakeNet(), cpuTimeNs: () => 0n };
}
