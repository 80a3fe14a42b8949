/// <reference path="./types.d.ts" />
/**
 * The Bun network backend: TCP and unix streams over `Bun.listen` /
 * `Bun.connect`, UDP over `Bun.udpSocket`, names over `Bun.dns.lookup` with
 * the system resolver (getaddrinfo: /etc/hosts, nsswitch, the same answers a
 * native C program gets).
 *
 * What Bun 1.4 cannot do, and what this adapter does instead:
 * - No listen backlog option (Bun always asks 512): `listen-backlog`.
 * - Connections are accepted as they come: `StreamListener.pause` cannot
 *   leave them in the kernel's backlog; the runtime queues them.
 * - No unix datagram sockets: `unix-datagram`; bindDatagram rejects with EAFNOSUPPORT.
 * - A client socket cannot be bound before `connect`: `bind-before-connect`.
 * - Closing a unix listener unlinks its path (Linux leaves the file).
 * Listeners are `exclusive` (a second bind of the port fails with EADDRINUSE)
 * unless SO_REUSEPORT was asked for; IPV6_V6ONLY is honoured (`ipv6Only`).
 *
 * @module
 */

import { Errno, SyscallError } from "../../runtime/errno.ts";
import { hostFail } from "../../runtime/host_errors.ts";
import type {
  DatagramOptions,
  DatagramSink,
  DatagramSocket,
  ListenerSink,
  ListenOptions,
  NetBackend,
  StreamListener,
  StreamSink,
} from "../../runtime/net_backend.ts";
import { canonicalIp, type InetAddress, type SocketAddress } from "../../runtime/sockaddr.ts";
import { BunDatagramSocket } from "./net_datagram.ts";
import { type BunSocket, BunStreamConn, fromBunAddr, type Slot } from "./net_stream.ts";

// Handlers forwarding Bun's events to the socket's connection; `open` makes it.
function handlers(open: (s: BunSocket) => void): Bun.SocketHandler<Slot> {
  return {
    binaryType: "uint8array",
    open,
    data: (s, d) => s.data.conn?.onData(d),
    end: (s) => s.data.conn?.onEnd(),
    drain: (s) => s.data.conn?.onDrain(),
    close: (s, e) => s.data.conn?.onClose(e),
    error: (_s, e) =>
      queueMicrotask(() => {
        throw e;
      }), // a sink threw: a runtime bug, not a socket error
  };
}

class BunListener implements StreamListener {
  readonly local: SocketAddress;
  #l: Bun.SocketListener<Slot>;

  constructor(l: Bun.SocketListener<Slot>, local: SocketAddress) {
    this.#l = l;
    this.local = local;
  }

  /** Bun accepts by itself; nothing to pause (the runtime queues what arrives). */
  pause(): void {}

  /** See {@link pause}. */
  resume(): void {}

  close(): void {
    this.#l.stop(false);
  }
}

function listen(addr: SocketAddress, opts: ListenOptions, sink: ListenerSink): StreamListener {
  const unixPath = addr.family === "unix" ? addr.path : null;
  const socket = handlers((s) => {
    const conn = new BunStreamConn(s, unixPath, true);
    s.data = { conn };
    conn.attach(sink.connection(conn));
  });
  try {
    if (addr.family === "unix") {
      const l = Bun.listen<Slot>({ unix: addr.path, allowHalfOpen: true, data: {}, socket });
      return new BunListener(l, { family: "unix", path: addr.path });
    }
    const l = Bun.listen<Slot>({
      hostname: addr.address,
      port: addr.port,
      exclusive: !opts.reusePort,
      allowHalfOpen: true,
      data: {},
      socket,
      ...(opts.reusePort ? { reusePort: true } : {}),
      ...(addr.family === "ipv6" && opts.v6Only ? { ipv6Only: true } : {}),
    } as Bun.TCPSocketListenOptions<Slot>);
    return new BunListener(l, fromBunAddr(addr.address, l.port));
  } catch (e) {
    hostFail(e, `listen ${addr.family === "unix" ? addr.path : addr.address}`);
  }
}

async function connect(addr: SocketAddress, sink: StreamSink): Promise<BunStreamConn> {
  const unixPath = addr.family === "unix" ? addr.path : null;
  let conn: BunStreamConn | null = null;
  const socket = handlers((s) => {
    const c = new BunStreamConn(s, unixPath, false);
    c.attach(sink);
    s.data = { conn: c };
    conn = c;
  });
  try {
    if (addr.family === "unix") await Bun.connect<Slot>({ unix: addr.path, allowHalfOpen: true, data: {}, socket });
    else await Bun.connect<Slot>({ hostname: addr.address, port: addr.port, allowHalfOpen: true, data: {}, socket });
  } catch (e) {
    hostFail(e, "connect");
  }
  if (!conn) throw new SyscallError(Errno.CONNABORTED, "connect: no socket");
  return conn;
}

function bindDatagram(addr: SocketAddress, opts: DatagramOptions, sink: DatagramSink): Promise<DatagramSocket> {
  return BunDatagramSocket.bind(addr, opts, sink);
}

/**
 * Resolves `host` with getaddrinfo (Bun's "system" backend), in its order.
 * Empty when the name has no address; rejects with EAGAIN when the lookup
 * itself failed (no DNS server reachable, a timeout).
 */
async function resolve(host: string): Promise<InetAddress[]> {
  const literal = canonicalIp(host);
  if (literal) return [{ ...literal, port: 0 }];
  let found: { address: string }[];
  try {
    found = await Bun.dns.lookup(host, { backend: "system" });
  } catch (e) {
    const code = (e as { code?: string })?.code;
    if (code === "DNS_ENOTFOUND" || code === "DNS_NODATA" || code === "DNS_NONAME") return [];
    // The resolver could not answer: getaddrinfo's EAI_AGAIN (the guest's libc maps EAGAIN to it).
    throw new SyscallError(Errno.AGAIN, `resolve ${host}: ${code ?? (e as Error)?.message ?? e}`);
  }
  const out: InetAddress[] = [];
  for (const { address } of found) {
    const ip = canonicalIp(address);
    if (ip && !out.some((o) => o.address === ip.address)) out.push({ ...ip, port: 0 });
  }
  return out;
}

/** sockbox's network backend on Bun. */
export const bunNet: NetBackend = {
  listen,
  connect,
  bindDatagram,
  resolve,
  lacks: new Set(["unix-datagram", "listen-backlog", "bind-before-connect"] as const),
};
