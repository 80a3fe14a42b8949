/**
 * Socket addresses as the host sees them, and their text forms.
 *
 * @module
 */

import { memoByString } from "./memo.ts";

/** An IPv4 or IPv6 endpoint. */
export interface InetAddress {
  /** Address family. */
  family: "ipv4" | "ipv6";
  /** Textual address: dotted quad, or RFC 5952 IPv6 without brackets. */
  address: string;
  /** Port, host order. */
  port: number;
  /** IPv6 flow info (preserved, unused). */
  flowinfo?: number;
  /** IPv6 scope id. */
  scopeId?: number;
}

/** A unix-domain endpoint: a path in the guest's view (resolved by the runtime). */
export interface UnixAddress {
  /** Address family. */
  family: "unix";
  /** Guest path ("" for an unnamed socket). */
  path: string;
}

/** Any socket address. */
export type SocketAddress = InetAddress | UnixAddress;

/** `127.0.0.1:80`, `[::1]:80`, `unix:/tmp/s`. */
export function formatAddress(a: SocketAddress): string {
  if (a.family === "unix") return `unix:${a.path || "(unnamed)"}`;
  return a.family === "ipv6" ? `[${a.address}]:${a.port}` : `${a.address}:${a.port}`;
}

/** Formats 4 network-order bytes as a dotted quad. */
export function formatIpv4(b: Uint8Array): string {
  return `${b[0]}.${b[1]}.${b[2]}.${b[3]}`;
}

/** Formats 16 network-order bytes as RFC 5952 text (`::1`, `::ffff:1.2.3.4`). */
export function formatIpv6(b: Uint8Array): string {
  const words: number[] = [];
  for (let i = 0; i < 16; i += 2) words.push((b[i] << 8) | b[i + 1]);
  if (words.slice(0, 5).every((w) => w === 0) && words[5] === 0xffff) {
    return `::ffff:${formatIpv4(b.subarray(12, 16))}`;
  }
  let bestStart = -1, bestLen = 0;
  for (let i = 0; i < 8;) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = words.map((w) => w.toString(16));
  if (bestStart < 0) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLen).join(":")}`;
}

/** Parses a dotted quad into 4 bytes, or null. */
export function parseIpv4(s: string): Uint8Array | null {
  const parts = s.split(".");
  if (parts.length !== 4) return null;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    if (!/^\d{1,3}$/.test(parts[i])) return null;
    const n = Number(parts[i]);
    if (n > 255) return null;
    out[i] = n;
  }
  return out;
}

/** Parses IPv6 text (with an optional embedded IPv4 tail) into 16 bytes, or null. */
export function parseIpv6(s: string): Uint8Array | null {
  const zone = s.indexOf("%");
  if (zone >= 0) s = s.slice(0, zone);
  if (s.includes(".")) {
    const lastColon = s.lastIndexOf(":");
    const v4 = lastColon < 0 ? null : parseIpv4(s.slice(lastColon + 1));
    if (!v4) return null;
    const hi = ((v4[0] << 8) | v4[1]).toString(16), lo = ((v4[2] << 8) | v4[3]).toString(16);
    s = `${s.slice(0, lastColon + 1)}${hi}:${lo}`;
  }
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const parse = (h: string): number[] | null => {
    if (h === "") return [];
    const out: number[] = [];
    for (const p of h.split(":")) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(p)) return null;
      out.push(parseInt(p, 16));
    }
    return out;
  };
  const head = parse(halves[0]);
  const rest = halves.length === 2 ? parse(halves[1]) : [];
  if (!head || !rest) return null;
  let words: number[];
  if (halves.length === 2) {
    const fill = 8 - head.length - rest.length;
    if (fill < 1) return null;
    words = [...head, ...new Array(fill).fill(0), ...rest];
  } else {
    words = head;
    if (words.length !== 8) return null;
  }
  const out = new Uint8Array(16);
  words.forEach((w, i) => {
    out[2 * i] = w >> 8;
    out[2 * i + 1] = w & 0xff;
  });
  return out;
}

/**
 * Canonical text of an IPv4 or IPv6 address string (or null if it is neither).
 * Remembered (hosts report every datagram's sender as text): the result is
 * frozen and shared.
 */
export const canonicalIp: (s: string) => Readonly<{ family: "ipv4" | "ipv6"; address: string }> | null = memoByString(
  (s) => {
    const v4 = parseIpv4(s);
    if (v4) return Object.freeze({ family: "ipv4", address: formatIpv4(v4) });
    const v6 = parseIpv6(s.replace(/^\[|\]$/g, ""));
    if (v6) return Object.freeze({ family: "ipv6", address: formatIpv6(v6) });
    return null;
  },
);
