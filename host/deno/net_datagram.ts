/// <reference lib="deno.unstable" />
/**
 * Datagram sockets over `Deno.listenDatagram`: UDP (`transport: "udp"`, needs
 * `--unstable-net`) and unix datagram sockets (`transport: "unixpacket"`, which
 * despite its name is `SOCK_DGRAM`, can stay unbound, and sends to any path).
 *
 * Deno sets SO_BROADCAST on every UDP socket and offers no way to clear it, so
 * the Linux default (sending to a broadcast address fails with EACCES until
 * SO_BROADCAST is set) is enforced here for 255.255.255.255 and, where the
 * `sys` permission for `networkInterfaces` is already granted, for the
 * directed broadcast address of each local IPv4 interface.
 *
 * @module
 */

import { Errno, SyscallError } from "../../runtime/errno.ts";
import { errnoFromHostError } from "../../runtime/host_errors.ts";
import type { DatagramOptions, DatagramSink, DatagramSocket } from "../../runtime/net_backend.ts";
import { formatIpv4, parseIpv4, type SocketAddress } from "../../runtime/sockaddr.ts";
import { fromDenoAddr } from "./net_stream.ts";

/** Receive buffer: the largest UDP payload fits (65507 over IPv4, 65527 over IPv6). */
const UDP_RECV_SIZE = 65536;
/** Receive buffer for unix datagrams (Linux caps them near the send buffer size, 208 KiB by default). */
const UNIX_RECV_SIZE = 256 * 1024;
/** Receive errors an unconnected datagram socket does not report on Linux (ICMP feedback). */
const IGNORED = new Set<number>([Errno.CONNREFUSED, Errno.HOSTUNREACH, Errno.NETUNREACH, Errno.MSGSIZE]);

let broadcastAddrs: Set<string> | null = null;

// 255.255.255.255 plus each local interface's directed broadcast, if we may list interfaces without a prompt.
function isBroadcast(address: string): boolean {
  if (address === "255.255.255.255") return true;
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

/** A bound UDP or unix datagram socket with a receive loop feeding `sink`. */
export class DenoDatagramSocket implements DatagramSocket {
  /** The address actually bound. */
  readonly local: SocketAddress;
  #dc: Deno.DatagramConn;
  #sink: DatagramSink;
  #broadcast: boolean;
  #recvSize: number;
  #buf: Uint8Array | null = null;
  #paused = false;
  #receiving = false;
  #closed = false;
  #held: [Uint8Array, SocketAddress] | null = null;

  private constructor(dc: Deno.DatagramConn, local: SocketAddress, opts: DatagramOptions, sink: DatagramSink) {
    this.#dc = dc;
    this.local = local;
    this.#sink = sink;
    this.#broadcast = opts.broadcast;
    this.#recvSize = local.family === "unix" ? UNIX_RECV_SIZE : UDP_RECV_SIZE;
    this.#loop();
  }

  /** Binds `addr` (an empty unix path leaves the socket unbound); throws `SyscallError`. */
  static bind(addr: SocketAddress, opts: DatagramOptions, sink: DatagramSink): DenoDatagramSocket {
    let dc: Deno.DatagramConn;
    try {
      if (addr.family === "unix") {
        dc = addr.path === ""
          ? Deno.listenDatagram(
            { transport: "unixpacket" } as Deno.UnixListenDatagramOptions & { transport: "unixpacket" },
          )
          : Deno.listenDatagram({ transport: "unixpacket", path: addr.path });
      } else {
        dc = Deno.listenDatagram({
          transport: "udp",
          hostname: addr.address,
          port: addr.port,
          reuseAddress: opts.reuseAddress,
          loopback: true, // IP_MULTICAST_LOOP defaults to 1 on Linux; Deno clears it otherwise
        });
      }
    } catch (e) {
      throw new SyscallError(errnoFromHostError(e), `bind datagram: ${(e as Error).message}`);
    }
    const local = addr.family === "unix" ? { family: "unix" as const, path: addr.path } : fromDenoAddr(dc.addr);
    return new DenoDatagramSocket(dc, local, opts, sink);
  }

  /** Sends one datagram; rejects with `SyscallError` (EACCES for broadcast without SO_BROADCAST, EMSGSIZE, …). */
  async send(data: Uint8Array, to: SocketAddress): Promise<void> {
    if (this.#closed) throw new SyscallError(Errno.BADF, "socket closed");
    if (to.family === "ipv4" && !this.#broadcast && isBroadcast(to.address)) {
      throw new SyscallError(Errno.ACCES, "broadcast address without SO_BROADCAST");
    }
    try {
      await this.#dc.send(data, toDenoAddr(to));
    } catch (e) {
      throw new SyscallError(errnoFromHostError(e), `send: ${(e as Error).message}`);
    }
  }

  /** SO_BROADCAST (enforced by the adapter, see the module notes). */
  setBroadcast(on: boolean): void {
    this.#broadcast = on;
  }

  /** Stops issuing receives: datagrams wait in the kernel's receive buffer. */
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
    if (!this.#receiving && !this.#paused) this.#loop();
  }

  /** Closes the socket and frees its address. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#held = null;
    try {
      this.#dc.close();
    } catch { /* already closed */ }
  }

  async #loop(): Promise<void> {
    this.#receiving = true;
    while (!this.#paused && !this.#closed) {
      this.#buf ??= new Uint8Array(this.#recvSize);
      let got: [Uint8Array, Deno.Addr];
      try {
        got = await this.#dc.receive(this.#buf);
      } catch (e) {
        if (this.#closed) break;
        const errno = errnoFromHostError(e);
        if (IGNORED.has(errno)) continue;
        this.#receiving = false;
        this.#sink.error(errno);
        return;
      }
      if (this.#closed) break;
      const data = got[0].slice(), from = fromDenoAddr(got[1]);
      if (this.#paused) this.#held = [data, from];
      else this.#sink.message(data, from);
    }
    this.#receiving = false;
  }
}
