/// <reference lib="deno.unstable" />
/**
 * Datagram sockets over `Deno.listenDatagram`: UDP (`transport: "udp"`, needs
 * `--unstable-net`) and unix datagram sockets (`transport: "unixpacket"`, which
 * despite its name is `SOCK_DGRAM`, can stay unbound, and sends to any path).
 *
 * Deno facts this follows (2.9):
 * - SO_BROADCAST is set on every UDP socket and cannot be cleared, so Linux's
 *   rule (sending to a broadcast address fails with EACCES until SO_BROADCAST
 *   is set) is enforced here, for 255.255.255.255, 127.255.255.255 (the
 *   loopback network's, in every Linux's local routing table) and, where the
 *   `sys` permission for `networkInterfaces` is already granted (never in the
 *   guest's worker), for each local interface's directed broadcast address.
 * - IP_MULTICAST_LOOP is cleared unless `loopback` is passed (Linux: on).
 * - A unix datagram socket cannot send while a `receive()` is pending on it
 *   ("Socket already in use"), and a pending receive cannot be cancelled. So
 *   sends on such a socket are queued; if a receive is pending, a marker
 *   datagram (a per-process random nonce) is sent to the socket from an
 *   unbound helper socket to complete it; the marker is dropped, the queued
 *   sends go out, and receiving starts again.
 * - A closed socket stays bound until its pending receive settles; binding
 *   waits for that (`net_release.ts`).
 *
 * @module
 */

import { Errno, SyscallError } from "../../runtime/errno.ts";
import { errnoFromHostError } from "../../runtime/host_errors.ts";
import type { DatagramOptions, DatagramSink, DatagramSocket } from "../../runtime/net_backend.ts";
import { formatIpv4, parseIpv4, type SocketAddress } from "../../runtime/sockaddr.ts";
import { noteClosing, released, releaseKey, UNSTABLE_NET } from "./net_release.ts";
import { fromDenoAddr } from "./net_stream.ts";

/** Receive buffer: the largest UDP payload fits (65507 over IPv4, 65527 over IPv6). */
const UDP_RECV_SIZE = 65536;
/** Receive buffer for unix datagrams (Linux caps them near the send buffer size, 208 KiB by default). */
const UNIX_RECV_SIZE = 256 * 1024;
/** Receive errors an unconnected datagram socket does not report on Linux (ICMP feedback). */
const IGNORED = new Set<number>([Errno.CONNREFUSED, Errno.HOSTUNREACH, Errno.NETUNREACH, Errno.MSGSIZE]);

const WAKE = crypto.getRandomValues(new Uint8Array(16));
let waker: Deno.DatagramConn | null = null;
let wakerChain: Promise<unknown> = Promise.resolve();

// Completes a receive pending on the unix datagram socket at `path` (see the module notes).
function wake(path: string): void {
  waker ??= Deno.listenDatagram(
    { transport: "unixpacket" } as Deno.UnixListenDatagramOptions & {
      transport: "unixpacket";
    },
  );
  const w = waker;
  wakerChain = wakerChain.then(() => w.send(WAKE, { transport: "unixpacket", path })).catch(() => {});
}

function isWake(data: Uint8Array, from: SocketAddress): boolean {
  return from.family === "unix" && from.path === "" && data.byteLength === WAKE.byteLength &&
    data.every((b, i) => b === WAKE[i]);
}

let broadcastAddrs: Set<string> | null = null;

/** Broadcast addresses of every Linux host: the limited broadcast and the loopback network's. */
const ALWAYS_BROADCAST = new Set(["255.255.255.255", "127.255.255.255"]);

// ALWAYS_BROADCAST plus each local interface's directed broadcast, if we may list interfaces without a prompt.
function isBroadcast(address: string): boolean {
  if (ALWAYS_BROADCAST.has(address)) return true;
  if (!broadcastAddrs) {
    broadcastAddrs = new Set();
    try {
      if (Deno.permissions.querySync({ name: "sys", kind: "networkInterfaces" }).state === "granted") {
        for (const i of Deno.networkInterfaces()) {
          const a = parseIpv4(i.address), m = parseIpv4(i.netmask);
          if (i.family !== "IPv4" || !a || !m || m[3] >= 254) continue;
          broadcastAddrs.add(formatIpv4(a.map((b, k) => b | (~m[k] & 0xff))));
        }
      }
    } catch { /* no permission API or no interfaces: limited broadcast only */ }
  }
  return broadcastAddrs.has(address);
}

function toDenoAddr(to: SocketAddress): Deno.Addr {
  return to.family === "unix"
    ? { transport: "unixpacket", path: to.path }
    : { transport: "udp", hostname: to.address, port: to.port };
}

function open(addr: SocketAddress, opts: DatagramOptions): Deno.DatagramConn {
  if (addr.family === "unix") {
    return addr.path === ""
      ? Deno.listenDatagram({ transport: "unixpacket" } as Deno.UnixListenDatagramOptions & { transport: "unixpacket" })
      : Deno.listenDatagram({ transport: "unixpacket", path: addr.path });
  }
  return Deno.listenDatagram({
    transport: "udp",
    hostname: addr.address,
    port: addr.port,
    reuseAddress: opts.reuseAddress,
    loopback: true,
  });
}

interface QueuedSend {
  data: Uint8Array;
  to: SocketAddress;
  done: () => void;
  failed: (e: unknown) => void;
}

/** A bound UDP or unix datagram socket feeding `sink`. */
export class DenoDatagramSocket implements DatagramSocket {
  /** The address actually bound. */
  readonly local: SocketAddress;
  #dc: Deno.DatagramConn;
  #sink: DatagramSink;
  #broadcast: boolean;
  #exclusive: boolean; // unix: sending and receiving cannot overlap
  #canReceive: boolean; // an unbound unix socket has no address to receive on
  #buf: Uint8Array | null = null;
  #paused = false;
  #pendingReceive: Promise<unknown> | null = null;
  #closed = false;
  #held: [Uint8Array, SocketAddress] | null = null;
  #sends: QueuedSend[] = [];
  #sending = false;
  #wakeSent = false;

  private constructor(dc: Deno.DatagramConn, local: SocketAddress, opts: DatagramOptions, sink: DatagramSink) {
    this.#dc = dc;
    this.local = local;
    this.#sink = sink;
    this.#broadcast = opts.broadcast;
    this.#exclusive = local.family === "unix";
    this.#canReceive = local.family !== "unix" || local.path !== "";
    this.#arm();
  }

  /** Binds `addr` (an empty unix path leaves the socket unbound); rejects with `SyscallError`. */
  static async bind(addr: SocketAddress, opts: DatagramOptions, sink: DatagramSink): Promise<DenoDatagramSocket> {
    if (!UNSTABLE_NET) throw new SyscallError(Errno.AFNOSUPPORT, "datagram sockets need deno --unstable-net");
    if (addr.family === "unix" ? addr.path !== "" : addr.port !== 0) await released(releaseKey("udp", addr));
    let dc: Deno.DatagramConn;
    try {
      dc = open(addr, opts);
    } catch (e) {
      throw new SyscallError(errnoFromHostError(e), `bind datagram: ${(e as Error).message}`);
    }
    const local = addr.family === "unix" ? { family: "unix" as const, path: addr.path } : fromDenoAddr(dc.addr);
    return new DenoDatagramSocket(dc, local, opts, sink);
  }

  /** Sends one datagram; rejects with `SyscallError` (EACCES for broadcast without SO_BROADCAST, EMSGSIZE, …). */
  send(data: Uint8Array, to: SocketAddress): Promise<void> {
    if (this.#closed) return Promise.reject(new SyscallError(Errno.BADF, "socket closed"));
    if (to.family === "ipv4" && !this.#broadcast && isBroadcast(to.address)) {
      return Promise.reject(new SyscallError(Errno.ACCES, "broadcast address without SO_BROADCAST"));
    }
    if (!this.#exclusive) return this.#sendNow(data, to);
    return new Promise((done, failed) => {
      this.#sends.push({ data, to, done, failed });
      this.#pump();
    });
  }

  /** SO_BROADCAST (enforced by the adapter, see the module notes). */
  setBroadcast(on: boolean): void {
    this.#broadcast = on;
  }

  /** Stops receiving: datagrams wait in the kernel's receive buffer. */
  pause(): void {
    this.#paused = true;
  }

  /** Delivers a datagram held back by {@link pause} and receives again. */
  resume(): void {
    if (!this.#paused || this.#closed) return;
    this.#paused = false;
    const held = this.#held;
    this.#held = null;
    if (held) this.#sink.message(held[0], held[1]);
    this.#next();
  }

  /** Closes the socket; its address is free for this process at once. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#held = null;
    for (const s of this.#sends.splice(0)) s.failed(new SyscallError(Errno.BADF, "socket closed"));
    try {
      this.#dc.close();
    } catch { /* already closed */ }
    if (this.#pendingReceive) noteClosing(releaseKey("udp", this.local), this.#pendingReceive);
  }

  async #sendNow(data: Uint8Array, to: SocketAddress): Promise<void> {
    try {
      await this.#dc.send(data, toDenoAddr(to));
    } catch (e) {
      throw new SyscallError(errnoFromHostError(e), `send: ${(e as Error).message}`);
    }
  }

  // Exclusive mode: send the queue once no receive is pending.
  #pump(): void {
    if (this.#sending || this.#closed) return;
    if (this.#sends.length === 0) return this.#arm();
    if (this.#pendingReceive) {
      if (!this.#wakeSent && this.local.family === "unix") {
        this.#wakeSent = true;
        wake(this.local.path);
      }
      return;
    }
    this.#sending = true;
    (async () => {
      while (this.#sends.length > 0 && !this.#closed) {
        const s = this.#sends.shift()!;
        await this.#sendNow(s.data, s.to).then(s.done, s.failed);
      }
      this.#sending = false;
      this.#arm();
    })();
  }

  #next(): void {
    if (this.#exclusive && this.#sends.length > 0) this.#pump();
    else this.#arm();
  }

  // Starts one receive unless one is pending, we are paused, or (exclusive) sends wait.
  #arm(): void {
    if (this.#pendingReceive || this.#paused || this.#closed || !this.#canReceive) return;
    if (this.#exclusive && (this.#sending || this.#sends.length > 0)) return;
    const buf = this.#buf ??= new Uint8Array(this.local.family === "unix" ? UNIX_RECV_SIZE : UDP_RECV_SIZE);
    const p = this.#dc.receive(buf);
    this.#pendingReceive = p;
    p.then(([data, addr]) => {
      this.#pendingReceive = null;
      if (this.#closed) return;
      this.#got(data, fromDenoAddr(addr));
      this.#next();
    }, (e) => {
      this.#pendingReceive = null;
      if (this.#closed) return;
      const errno = errnoFromHostError(e);
      if (IGNORED.has(errno)) return this.#next();
      this.#sink.error(errno);
    });
  }

  #got(data: Uint8Array, from: SocketAddress): void {
    if (this.#exclusive && isWake(data, from)) {
      this.#wakeSent = false;
      return;
    }
    const own = data.slice();
    if (this.#paused) this.#held = [own, from];
    else this.#sink.message(own, from);
  }
}
