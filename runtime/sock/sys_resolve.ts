/**
 * `resolve`: name lookup for getaddrinfo(3), only where the sandbox grants it.
 * Numeric addresses are answered without a lookup.
 *
 * @module
 */

import type { Context } from "../context.ts";
import { Errno, fail } from "../errno.ts";
import { canonicalIp, type InetAddress, parseIpv4, parseIpv6 } from "../sockaddr.ts";
import { blocking, type SyscallTable } from "../syscall.ts";
import { AddressFamily, ResolvedAddr } from "./abi.ts";
import { permit } from "./guard.ts";

const MAX_HOST = 253;

function write(ctx: Context, out: number, max: number, outCount: number, addrs: InetAddress[]): void {
  const n = Math.min(addrs.length, max);
  for (let i = 0; i < n; i++) {
    const p = out + i * ResolvedAddr.SIZE;
    const b = ctx.mem.bytes(p, ResolvedAddr.SIZE);
    b.fill(0);
    const a = addrs[i];
    b[ResolvedAddr.TAG] = a.family === "ipv4" ? AddressFamily.INET4 : AddressFamily.INET6;
    b.set(a.family === "ipv4" ? parseIpv4(a.address)! : parseIpv6(a.address)!, ResolvedAddr.ADDR);
  }
  ctx.mem.setU32(outCount, n);
}

/**
 * `resolve(host, host_len, port, out addrs, naddrs, out count)`. Fails with
 * EACCES without `--allow-dns` (or a grant naming the host), ENOENT when the
 * name does not resolve.
 */
export function resolve(
  ctx: Context, hostPtr: number, hostLen: number, _port: number, out: number, naddrs: number, outCount: number,
): void | Promise<void> {
  if (hostLen > MAX_HOST) fail(Errno.INVAL, "host name longer than 253 bytes");
  const host = ctx.mem.string(hostPtr, hostLen);
  ctx.mem.check(out, (naddrs >>> 0) * ResolvedAddr.SIZE);
  ctx.mem.check(outCount, 4);
  const ip = canonicalIp(host);
  if (ip) return write(ctx, out, naddrs >>> 0, outCount, [{ ...ip, port: 0 }]);
  if (host === "" || host.includes("\0")) fail(Errno.INVAL, "bad host name");
  permit(ctx, "name-lookup", host);
  return ctx.host.net.resolve(host).then((addrs) => {
    if (addrs.length === 0) fail(Errno.NOENT, `${host} does not resolve`);
    write(ctx, out, naddrs >>> 0, outCount, addrs);
  });
}

/** The name resolution import. */
export const resolveSyscalls: SyscallTable = { resolve: blocking(resolve) };
