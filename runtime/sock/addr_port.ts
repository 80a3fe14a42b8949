/**
 * Reading and writing the guest's `addr_port` struct.
 *
 * @module
 */

import type { GuestMemory } from "../memory.ts";
import { Errno, fail } from "../errno.ts";
import { memoByString } from "../memo.ts";
import { formatIpv4, formatIpv6, parseIpv4, parseIpv6, type SocketAddress } from "../sockaddr.ts";
import { AddressFamily, AddrPort } from "./abi.ts";

const decoder = new TextDecoder();
const encoder = new TextEncoder();
/** Address bytes by text, remembered (a datagram server answers the same few peers): shared, read-only. */
const v4Bytes = memoByString(parseIpv4);
const v6Bytes = memoByString(parseIpv6);

/** Decodes the `addr_port` at `ptr`; EAFNOSUPPORT for an unknown tag, EINVAL for a bad unix path. */
export function readAddrPort(mem: GuestMemory, ptr: number): SocketAddress {
  const b = mem.bytes(ptr, AddrPort.SIZE);
  const port = b[AddrPort.PORT] | (b[AddrPort.PORT + 1] << 8);
  switch (b[AddrPort.TAG]) {
    case AddressFamily.INET4:
      return { family: "ipv4", address: formatIpv4(b.subarray(AddrPort.ADDR, AddrPort.ADDR + 4)), port };
    case AddressFamily.INET6: {
      const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
      const flowinfo = dv.getUint32(AddrPort.IPV6_FLOWINFO, true);
      const scopeId = dv.getUint32(AddrPort.IPV6_SCOPE_ID, true);
      return {
        family: "ipv6",
        address: formatIpv6(b.subarray(AddrPort.ADDR, AddrPort.ADDR + 16)),
        port,
        flowinfo,
        scopeId,
      };
    }
    case AddressFamily.UNIX: {
      const raw = b.subarray(AddrPort.UNIX_PATH, AddrPort.UNIX_PATH + AddrPort.UNIX_PATH_MAX);
      if (raw[0] === 0) {
        // An empty sun_path, or Linux's abstract namespace (which has no file-system meaning here).
        return { family: "unix", path: "" };
      }
      const end = raw.indexOf(0);
      if (end < 0) fail(Errno.INVAL, "unix path is not NUL-terminated within 108 bytes");
      return { family: "unix", path: decoder.decode(raw.subarray(0, end)) };
    }
    default:
      return fail(Errno.AFNOSUPPORT, `address family tag ${b[AddrPort.TAG]}`);
  }
}

/** Whether a unix `addr_port` names the abstract namespace (leading NUL, then a name). */
export function isAbstractUnix(mem: GuestMemory, ptr: number): boolean {
  const b = mem.bytes(ptr, AddrPort.SIZE);
  return b[AddrPort.TAG] === AddressFamily.UNIX && b[AddrPort.UNIX_PATH] === 0 && b[AddrPort.UNIX_PATH + 1] !== 0;
}

/** Encodes `addr` into the `addr_port` at `ptr` (zeroing the rest). */
export function writeAddrPort(mem: GuestMemory, ptr: number, addr: SocketAddress): void {
  const b = mem.bytes(ptr, AddrPort.SIZE);
  b.fill(0);
  if (addr.family === "unix") {
    b[AddrPort.TAG] = AddressFamily.UNIX;
    const p = encoder.encode(addr.path).subarray(0, AddrPort.UNIX_PATH_MAX - 1);
    b.set(p, AddrPort.UNIX_PATH);
    return;
  }
  b[AddrPort.TAG] = addr.family === "ipv4" ? AddressFamily.INET4 : AddressFamily.INET6;
  b[AddrPort.PORT] = addr.port & 0xff;
  b[AddrPort.PORT + 1] = (addr.port >> 8) & 0xff;
  if (addr.family === "ipv4") {
    const ip = v4Bytes(addr.address);
    if (ip) b.set(ip, AddrPort.ADDR);
  } else {
    const ip = v6Bytes(addr.address);
    if (ip) b.set(ip, AddrPort.ADDR);
    const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
    dv.setUint32(AddrPort.IPV6_FLOWINFO, addr.flowinfo ?? 0, true);
    dv.setUint32(AddrPort.IPV6_SCOPE_ID, addr.scopeId ?? 0, true);
  }
}

/** The wildcard address of a family, port 0 (what an unbound socket reports). */
export function anyAddress(family: SocketAddress["family"]): SocketAddress {
  if (family === "unix") return { family, path: "" };
  return family === "ipv4" ? { family, address: "0.0.0.0", port: 0 } : { family, address: "::", port: 0 };
}
