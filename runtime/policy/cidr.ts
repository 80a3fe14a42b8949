/**
 * IP addresses and networks as the sandbox compares them: raw bytes, with
 * IPv4-mapped IPv6 addresses (`::ffff:a.b.c.d`) folded into their IPv4 form
 * so that no spelling of an address escapes a grant written in another.
 *
 * @module
 */

import { formatIpv4, formatIpv6, parseIpv4, parseIpv6 } from "../sockaddr.ts";

/** An IP family. */
export type IpFamily = "ipv4" | "ipv6";

/** One address as bytes (4 for IPv4, 16 for IPv6), network order. */
export interface IpAddr {
  /** Family after folding mapped addresses. */
  family: IpFamily;
  /** The address bytes. */
  bytes: Uint8Array;
}

/** A network: every address whose first `prefix` bits equal those of `bytes`. */
export interface IpNet extends IpAddr {
  /** Prefix length in bits (32 for one IPv4 address, 128 for one IPv6 address). */
  prefix: number;
}

/** Bits in an address of each family. */
export const FAMILY_BITS: Readonly<Record<IpFamily, number>> = Object.freeze({ ipv4: 32, ipv6: 128 });

/** Byte offset of the IPv4 tail inside an IPv4-mapped IPv6 address (`::ffff:0:0/96`). */
const MAPPED_V4_OFFSET = 12;
/** The 0xffff marker of an IPv4-mapped IPv6 address sits in bytes 10 and 11. */
const MAPPED_MARKER = 10;

/** Whether 16 IPv6 bytes are an IPv4-mapped address (`::ffff:a.b.c.d`). */
export function isMappedV4(b: Uint8Array): boolean {
  if (b.byteLength !== 16) return false;
  for (let i = 0; i < MAPPED_MARKER; i++) if (b[i] !== 0) return false;
  return b[MAPPED_MARKER] === 0xff && b[MAPPED_MARKER + 1] === 0xff;
}

/** Folds an IPv4-mapped IPv6 address into its IPv4 address; other addresses are returned as they are. */
export function fold(addr: IpAddr): IpAddr {
  if (addr.family === "ipv6" && isMappedV4(addr.bytes)) {
    return { family: "ipv4", bytes: addr.bytes.slice(MAPPED_V4_OFFSET) };
  }
  return addr;
}

/**
 * Parses an address literal: a dotted quad, or IPv6 with or without
 * brackets (`::1`, `[::1]`). Mapped IPv4 is folded. Null when it is neither.
 */
export function parseIp(text: string): IpAddr | null {
  const v4 = parseIpv4(text);
  if (v4) return { family: "ipv4", bytes: v4 };
  const inner = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  if (inner.includes("%")) return null; // zone ids name an interface, not an address: refused in grants
  const v6 = parseIpv6(inner);
  return v6 ? fold({ family: "ipv6", bytes: v6 }) : null;
}

/** Text of an address: dotted quad or RFC 5952. */
export function formatIp(addr: IpAddr): string {
  return addr.family === "ipv4" ? formatIpv4(addr.bytes) : formatIpv6(addr.bytes);
}

/** Text of a network: `10.0.0.0/8`, `fd00::/8`; a single address without the prefix. */
export function formatNet(net: IpNet): string {
  const ip = formatIp(net);
  return net.prefix === FAMILY_BITS[net.family] ? ip : `${ip}/${net.prefix}`;
}

/** Whether any bit after the first `prefix` bits of `bytes` is set. */
function hostBitsSet(bytes: Uint8Array, prefix: number): boolean {
  for (let bit = prefix; bit < bytes.byteLength * 8; bit++) {
    if (bytes[bit >> 3] & (0x80 >> (bit & 7))) return true;
  }
  return false;
}

/** Why a network literal was refused (for the user's error message). */
export class CidrError extends Error {}

/**
 * Parses `ADDR` or `ADDR/PREFIX` (IPv6 may be bracketed as `[fd00::]/8` or
 * `[fd00::/8]`). Throws {@link CidrError} for a bad prefix or host bits set
 * after the prefix; returns null when the text is not an address at all.
 *
 * A mapped IPv4 network (`::ffff:10.0.0.0/104`) is folded into its IPv4 form.
 */
export function parseNet(text: string): IpNet | null {
  let body = text;
  if (body.startsWith("[") && body.includes("/") && body.endsWith("]")) body = body.slice(1, -1); // [fd00::/8]
  const slash = body.lastIndexOf("/");
  const addrText = slash < 0 ? body : body.slice(0, slash);
  const addr = parseIpRaw(addrText);
  if (!addr) return null;
  const bits = FAMILY_BITS[addr.family];
  let prefix = bits;
  if (slash >= 0) {
    const p = body.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p) || Number(p) > bits) throw new CidrError(`bad prefix length '/${p}' in ${text} (0 to ${bits})`);
    prefix = Number(p);
  }
  if (hostBitsSet(addr.bytes, prefix)) {
    const masked = { ...addr, bytes: mask(addr.bytes, prefix), prefix };
    throw new CidrError(`${text} has bits set after the /${prefix} prefix; did you mean ${formatNet(masked)}?`);
  }
  if (addr.family === "ipv6" && isMappedV4(addr.bytes) && prefix >= MAPPED_V4_OFFSET * 8) {
    return { family: "ipv4", bytes: addr.bytes.slice(MAPPED_V4_OFFSET), prefix: prefix - MAPPED_V4_OFFSET * 8 };
  }
  return { ...addr, prefix };
}

/** Like {@link parseIp} but without folding (a network's prefix counts IPv6 bits). */
function parseIpRaw(text: string): IpAddr | null {
  const v4 = parseIpv4(text);
  if (v4) return { family: "ipv4", bytes: v4 };
  const inner = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  if (inner.includes("%")) return null;
  const v6 = parseIpv6(inner);
  return v6 ? { family: "ipv6", bytes: v6 } : null;
}

/** `bytes` with every bit after the first `prefix` cleared. */
function mask(bytes: Uint8Array, prefix: number): Uint8Array {
  const out = bytes.slice();
  for (let bit = prefix; bit < out.byteLength * 8; bit++) out[bit >> 3] &= ~(0x80 >> (bit & 7));
  return out;
}

/** Whether `addr` (already folded) lies in `net`. Families never match across. */
export function netContains(net: IpNet, addr: IpAddr): boolean {
  if (net.family !== addr.family) return false;
  const full = net.prefix >> 3, rest = net.prefix & 7;
  for (let i = 0; i < full; i++) if (net.bytes[i] !== addr.bytes[i]) return false;
  if (rest === 0) return true;
  const m = (0xff << (8 - rest)) & 0xff;
  return (net.bytes[full] & m) === (addr.bytes[full] & m);
}

/** Whether the address is the unspecified (wildcard) address, `0.0.0.0` or `::`. */
export function isUnspecified(addr: IpAddr): boolean {
  return addr.bytes.every((b) => b === 0);
}
