/**
 * Command-line helpers shared by the examples: the C examples' `atoi`
 * arguments, widened to take an address where the C ones take a port.
 *
 * @module
 */

import { Family, SocketAddr } from "../sockbox";

const CHAR_0: i32 = 0x30;
const CHAR_9: i32 = 0x39;
const MAX_PORT: i64 = 0xffff;

function isDigits(s: string): bool {
  if (s.length == 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < CHAR_0 || c > CHAR_9) return false;
  }
  return true;
}

/** A port number, or -1 if `s` is not one. */
export function parsePort(s: string): i32 {
  if (!isDigits(s) || s.length > 5) return -1;
  const v = i64.parse(s, 10);
  return v <= MAX_PORT ? <i32>v : -1;
}

/**
 * `8080` → 0.0.0.0:8080 (what the C servers bind); otherwise an address:
 * `127.0.0.1:0`, `[::1]:0`, a unix path. Null if neither.
 */
export function parsePortOrAddress(s: string): SocketAddr | null {
  if (isDigits(s)) {
    const port = parsePort(s);
    return port < 0 ? null : SocketAddr.any(Family.INET4, <u16>port);
  }
  return SocketAddr.parse(s);
}

/** A count like C's `atoi`: the leading decimal digits, 0 when there are none. */
export function parseCount(s: string): i32 {
  let v = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < CHAR_0 || c > CHAR_9) break;
    v = v * 10 + (c - CHAR_0);
  }
  return v;
}

/** The server address of a client: an IP (with `port`) or a unix path. Null if neither. */
export function parseServer(host: string, port: u16): SocketAddr | null {
  if (host.indexOf("/") >= 0) return SocketAddr.unix(host);
  return SocketAddr.parseIp(host, port);
}
