/**
 * `SocketAddr`: an IPv4, IPv6 or unix-domain socket address, its text forms
 * (`127.0.0.1:7`, `[::1]:7`, `/tmp/echo.sock`) and its `addr_port` encoding
 * (110 bytes: family tag, little-endian port VALUE, network-order address
 * bytes or a NUL-terminated path).
 *
 * @module
 */

import { AddrPort, Family, IpLen } from "./abi";
import { Errno } from "./errno";
import { formatIpv4, formatIpv6, parseDecimal, parseIpv4Into, parseIpv6Into } from "./ip_text";

const CHAR_COLON: i32 = 0x3a;
const CHAR_OPEN_BRACKET: i32 = 0x5b;
const CHAR_CLOSE_BRACKET: i32 = 0x5d;
const MAX_PORT: i64 = 0xffff;
const MAX_U32: i64 = 0xffffffff;
const UNIX_PREFIX = "unix:";

/** An IPv4, IPv6 or unix-domain socket address. */
export class SocketAddr {
  /** INET4, INET6, UNIX (or UNSPEC for an address the host left empty). */
  readonly family: Family;
  /** Port (host order; 0 for unix). */
  port: u16;
  /** Address bytes in network order: 4 used for IPv4, 16 for IPv6. */
  readonly ip: StaticArray<u8>;
  /** IPv6 flow info. */
  flowinfo: u32 = 0;
  /** IPv6 scope id (the `%N` of `fe80::1%2`). */
  scopeId: u32 = 0;
  /** unix: the path ("" for an unnamed socket). */
  readonly path: string;

  constructor(family: Family, port: u16, ip: StaticArray<u8>, path: string) {
    this.family = family;
    this.port = port;
    this.ip = ip;
    this.path = path;
  }

  /** `a.b.c.d:port`. */
  static v4(a: u8, b: u8, c: u8, d: u8, port: u16): SocketAddr {
    const ip = new StaticArray<u8>(IpLen.V6);
    ip[0] = a;
    ip[1] = b;
    ip[2] = c;
    ip[3] = d;
    return new SocketAddr(Family.INET4, port, ip, "");
  }

  /** An IPv6 address from its 16 network-order bytes. */
  static v6(bytes: StaticArray<u8>, port: u16): SocketAddr {
    const ip = new StaticArray<u8>(IpLen.V6);
    for (let i = 0; i < IpLen.V6; i++) ip[i] = bytes[i];
    return new SocketAddr(Family.INET6, port, ip, "");
  }

  /** The wildcard address of `family` (0.0.0.0 or ::) with `port`. */
  static any(family: Family, port: u16): SocketAddr {
    return new SocketAddr(family, port, new StaticArray<u8>(IpLen.V6), "");
  }

  /** The loopback address of `family` (127.0.0.1 or ::1) with `port`. */
  static loopback(family: Family, port: u16): SocketAddr {
    if (family == Family.INET4) return SocketAddr.v4(127, 0, 0, 1, port);
    const ip = new StaticArray<u8>(IpLen.V6);
    ip[IpLen.V6 - 1] = 1;
    return new SocketAddr(Family.INET6, port, ip, "");
  }

  /** A unix-domain address (the path must fit in 107 UTF-8 bytes; `write` checks). */
  static unix(path: string): SocketAddr {
    return new SocketAddr(Family.UNIX, 0, new StaticArray<u8>(IpLen.V6), path);
  }

  /**
   * An IP address without a port (`127.0.0.1`, `::1`, `[::1]`, `fe80::1%2`)
   * with `port`, or null if `host` is not an IP address.
   */
  static parseIp(host: string, port: u16 = 0): SocketAddr | null {
    let start = 0, end = host.length;
    if (end >= 2 && host.charCodeAt(0) == CHAR_OPEN_BRACKET && host.charCodeAt(end - 1) == CHAR_CLOSE_BRACKET) {
      start = 1;
      end--;
    }
    const ip = new StaticArray<u8>(IpLen.V6);
    if (start == 0 && parseIpv4Into(host, 0, end, ip, 0)) return new SocketAddr(Family.INET4, port, ip, "");
    let scope: i64 = 0;
    const pct = host.indexOf("%", start);
    if (pct >= 0 && pct < end) {
      scope = parseDecimal(host, pct + 1, end, MAX_U32);
      if (scope < 0) return null;
      end = pct;
    }
    if (!parseIpv6Into(host, start, end, ip)) return null;
    const a = new SocketAddr(Family.INET6, port, ip, "");
    a.scopeId = <u32>scope;
    return a;
  }

  /**
   * Parses an endpoint: `1.2.3.4:80`, `[::1]:80`, or a unix path (anything
   * containing `/`, or prefixed with `unix:`). A bare IP means port 0. Null
   * if malformed.
   */
  static parse(text: string): SocketAddr | null {
    if (text.startsWith(UNIX_PREFIX)) return SocketAddr.unix(text.substring(UNIX_PREFIX.length));
    const n = text.length;
    if (n == 0) return null;
    if (text.charCodeAt(0) == CHAR_OPEN_BRACKET) {
      const close = text.indexOf("]");
      if (close < 0) return null;
      if (close == n - 1) return SocketAddr.parseIp(text);
      if (text.charCodeAt(close + 1) != CHAR_COLON) return null;
      const port = parseDecimal(text, close + 2, n, MAX_PORT);
      if (port < 0) return null;
      return SocketAddr.parseIp(text.substring(0, close + 1), <u16>port);
    }
    if (text.indexOf("/") >= 0) return SocketAddr.unix(text);
    const first = text.indexOf(":");
    if (first >= 0 && first == text.lastIndexOf(":")) {
      const port = parseDecimal(text, first + 1, n, MAX_PORT);
      if (port < 0) return null;
      const a = SocketAddr.parseIp(text.substring(0, first), <u16>port);
      return a !== null && a.family == Family.INET4 ? a : null;
    }
    return SocketAddr.parseIp(text);
  }

  /** Whether this is an IPv4 address. */
  get isV4(): bool {
    return this.family == Family.INET4;
  }

  /** Whether this is an IPv6 address. */
  get isV6(): bool {
    return this.family == Family.INET6;
  }

  /** Whether this is a unix-domain address. */
  get isUnix(): bool {
    return this.family == Family.UNIX;
  }

  /** The address without the port: `127.0.0.1`, `::1`, or the unix path. */
  ipString(): string {
    if (this.family == Family.INET4) return formatIpv4(this.ip);
    if (this.family == Family.INET6) return formatIpv6(this.ip);
    if (this.family == Family.UNIX) return this.path;
    return "";
  }

  /** `127.0.0.1:80`, `[::1]:80`, the unix path (`(unnamed)` if empty), or `(unspecified)`. */
  toString(): string {
    if (this.family == Family.INET4) return this.ipString() + ":" + this.port.toString();
    if (this.family == Family.INET6) return "[" + this.ipString() + "]:" + this.port.toString();
    if (this.family == Family.UNIX) return this.path.length > 0 ? this.path : "(unnamed)";
    return "(unspecified)";
  }

  /** The same address with another port. */
  withPort(port: u16): SocketAddr {
    const ip = new StaticArray<u8>(IpLen.V6);
    for (let i = 0; i < IpLen.V6; i++) ip[i] = this.ip[i];
    const a = new SocketAddr(this.family, port, ip, this.path);
    a.flowinfo = this.flowinfo;
    a.scopeId = this.scopeId;
    return a;
  }

  /** Whether both name the same endpoint. */
  equals(other: SocketAddr): bool {
    if (this.family != other.family || this.port != other.port || this.path != other.path) return false;
    for (let i = 0; i < IpLen.V6; i++) if (this.ip[i] != other.ip[i]) return false;
    return this.scopeId == other.scopeId;
  }

  /**
   * Encodes this address as an `addr_port` at `ptr` (110 bytes). EINVAL for a
   * unix path that does not fit (107 bytes and the NUL) or contains a NUL.
   */
  write(ptr: usize): Errno {
    memory.fill(ptr, 0, AddrPort.SIZE);
    store<u8>(ptr + AddrPort.TAG, <u8>this.family);
    if (this.family == Family.UNIX) {
      const bytes = String.UTF8.encode(this.path);
      const n = bytes.byteLength;
      if (n >= AddrPort.UNIX_PATH_MAX) return Errno.INVAL;
      const src = changetype<usize>(bytes);
      for (let i = 0; i < n; i++) if (load<u8>(src + i) == 0) return Errno.INVAL;
      memory.copy(ptr + AddrPort.UNIX_PATH, src, n);
      return Errno.SUCCESS;
    }
    store<u16>(ptr + AddrPort.PORT, this.port); // wasm is little-endian: the LE u16 value the ABI wants
    const len = this.family == Family.INET4 ? IpLen.V4 : IpLen.V6;
    for (let i = 0; i < len; i++) store<u8>(ptr + AddrPort.ADDR + i, this.ip[i]);
    if (this.family == Family.INET6) {
      store<u32>(ptr + AddrPort.IPV6_FLOWINFO, this.flowinfo);
      store<u32>(ptr + AddrPort.IPV6_SCOPE_ID, this.scopeId);
    }
    return Errno.SUCCESS;
  }

  /** Decodes the `addr_port` at `ptr`; an unknown tag gives an UNSPEC address. */
  static read(ptr: usize): SocketAddr {
    const tag = <Family>load<u8>(ptr + AddrPort.TAG);
    const ip = new StaticArray<u8>(IpLen.V6);
    if (tag == Family.UNIX) {
      let n = 0;
      while (n < AddrPort.UNIX_PATH_MAX && load<u8>(ptr + AddrPort.UNIX_PATH + n) != 0) n++;
      return new SocketAddr(Family.UNIX, 0, ip, String.UTF8.decodeUnsafe(ptr + AddrPort.UNIX_PATH, n));
    }
    if (tag != Family.INET4 && tag != Family.INET6) return new SocketAddr(Family.UNSPEC, 0, ip, "");
    const len = tag == Family.INET4 ? IpLen.V4 : IpLen.V6;
    for (let i = 0; i < len; i++) ip[i] = load<u8>(ptr + AddrPort.ADDR + i);
    const a = new SocketAddr(tag, load<u16>(ptr + AddrPort.PORT), ip, "");
    if (tag == Family.INET6) {
      a.flowinfo = load<u32>(ptr + AddrPort.IPV6_FLOWINFO);
      a.scopeId = load<u32>(ptr + AddrPort.IPV6_SCOPE_ID);
    }
    return a;
  }
}
