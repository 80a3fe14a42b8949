/**
 * The Deno network backend: TCP and unix streams over `Deno.listen` /
 * `Deno.connect`, datagrams over `Deno.listenDatagram`, names over
 * `Deno.resolveDns`.
 *
 * What Deno 2.9 cannot do, and what this adapter does instead:
 * - IPV6_V6ONLY cannot be set: `::` is always dual-stack (the Linux default).
 * - A client socket cannot be bound before `connect` (`bind-before-connect`).
 * - A peer's reset reads as EOF (see `net_stream.ts`).
 * - UDP, unix datagrams and SO_REUSEPORT need `--unstable-net`; without it
 *   `lacks` names `udp` and `unix-datagram`, and SO_REUSEPORT is not applied.
 * - Closing a unix stream listener unlinks its path (Linux leaves the file).
 * - A closed socket's address stays bound one event-loop turn (see
 *   `net_release.ts` for how Linux's immediate release is kept).
 * - A unix datagram socket cannot send while a receive is pending on it
 *   (Deno answers "Socket already in use"); `net_datagram.ts` works around it.
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
import { DenoDatagramSocket } from "./net_datagram.ts";
import { DenoListener, streamKey } from "./net_listener.ts";
import { released, UNSTABLE_NET } from "./net_release.ts";
import { DenoStreamConn } from "./net_stream.ts";

function listen(addr: SocketAddress, opts: ListenOptions, sink: ListenerSink): StreamListener {
  return DenoListener.open(addr, opts, sink);
}

async function connect(addr: SocketAddress, sink: StreamSink): Promise<DenoStreamConn> {
  await released(streamKey(addr)); // a listener closed there a moment ago is really gone (see net_listener.ts)
  let conn: Deno.Conn;
  try {
    conn = addr.family === "unix"
      ? await Deno.connect({ transport: "unix", path: addr.path })
      : await Deno.connect({ transport: "tcp", hostname: addr.address, port: addr.port });
  } catch (e) {
    hostFail(e, "connect");
  }
  const c = new DenoStreamConn(conn);
  c.start(sink);
  return c;
}

function bindDatagram(addr: SocketAddress, opts: DatagramOptions, sink: DatagramSink): Promise<DatagramSocket> {
  return DenoDatagramSocket.bind(addr, opts, sink);
}

// A query that found no records is an empty answer, not a failure.
async function lookup(host: string, type: "A" | "AAAA"): Promise<string[] | unknown> {
  try {
    return await Deno.resolveDns(host, type);
  } catch (e) {
    return (e as Error)?.name === "NotFound" ? [] : e;
  }
}

/**
 * Resolves `host` with `Deno.resolveDns` (A and AAAA at once). Deno's resolver
 * reads /etc/hosts and answers `localhost` itself (127.0.0.1 and ::1, where
 * getaddrinfo would return only what /etc/hosts lists). IPv4 first; empty when
 * the name has no address; rejects with EAGAIN only when neither query could
 * be answered (no DNS server reachable, a timeout).
 */
async function resolve(host: string): Promise<InetAddress[]> {
  const literal = canonicalIp(host);
  if (literal) return [{ ...literal, port: 0 }];
  const [a, aaaa] = await Promise.all([lookup(host, "A"), lookup(host, "AAAA")]);
  if (!Array.isArray(a) && !Array.isArray(aaaa)) {
    // The resolver could not answer: getaddrinfo's EAI_AGAIN (the guest's libc maps EAGAIN to it).
    throw new SyscallError(Errno.AGAIN, `resolve ${host}: ${(a as Error)?.message ?? a}`);
  }
  const out: InetAddress[] = [];
  for (const list of [a, aaaa]) {
    if (!Array.isArray(list)) continue;
    for (const s of list as string[]) {
      const ip = canonicalIp(s);
      if (ip) out.push({ ...ip, port: 0 });
    }
  }
  return out;
}

/** sockbox's network backend on Deno. */
export const denoNet: NetBackend = {
  listen,
  connect,
  bindDatagram,
  resolve,
  lacks: new Set(
    UNSTABLE_NET
      ? ["bind-before-connect", "v6only"] as const
      : ["bind-before-connect", "v6only", "udp", "unix-datagram"] as const,
  ),
};
