/**
 * Host-name lookup over WASIX `resolve` (needs a name-lookup grant in the
 * sandbox; numeric addresses never ask the network).
 *
 * @module
 */

import { Family, IpLen, ResolvedAddr } from "./abi";
import { SocketAddr } from "./addr";
import { Errno } from "./errno";
import { resolve } from "./imports";
import { err, ok, Result } from "./result";

/** Most addresses one lookup returns. */
export const MAX_RESOLVED: i32 = 16;
const OUT_COUNT = memory.data(4, 4);

/** The IPv4 and IPv6 addresses of `host`, each with `port`: ENOENT if it has none, EACCES if not granted. */
export function resolveHost(host: string, port: u16 = 0): Result<SocketAddr[]> {
  const name = String.UTF8.encode(host);
  const entries = new ArrayBuffer(MAX_RESOLVED * ResolvedAddr.SIZE);
  const base = changetype<usize>(entries);
  const e = <Errno>resolve(changetype<usize>(name), <u32>name.byteLength, port, base, <u32>MAX_RESOLVED, OUT_COUNT);
  if (e != Errno.SUCCESS) return err<SocketAddr[]>(e);
  const n = <i32>load<u32>(OUT_COUNT);
  const out = new Array<SocketAddr>();
  for (let i = 0; i < n && i < MAX_RESOLVED; i++) {
    const p = base + <usize>(i * ResolvedAddr.SIZE);
    const tag = <Family>load<u8>(p + ResolvedAddr.TAG);
    if (tag != Family.INET4 && tag != Family.INET6) continue;
    const ip = new StaticArray<u8>(IpLen.V6);
    const len = tag == Family.INET4 ? IpLen.V4 : IpLen.V6;
    for (let j = 0; j < len; j++) ip[j] = load<u8>(p + ResolvedAddr.ADDR + j);
    out.push(new SocketAddr(tag, port, ip, ""));
  }
  if (out.length == 0) return err<SocketAddr[]>(Errno.NOENT);
  return ok<SocketAddr[]>(out);
}
