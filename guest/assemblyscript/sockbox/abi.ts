/**
 * The socket ABI's numbers and struct layouts, by name (shared/abi/wasix-sockets.md,
 * WASI preview 1). Nothing else in this library spells an ABI number.
 *
 * @module
 */

/** Address family tag of `addr_port` and `sock_open` (`addressfamily`). */
export enum Family {
  UNSPEC = 0,
  INET4 = 1,
  INET6 = 2,
  UNIX = 3,
}

/** Socket type (`socktype`). */
export enum SockType {
  STREAM = 1,
  DGRAM = 2,
}

/** IP protocol numbers accepted by `sock_open`. */
export enum Proto {
  DEFAULT = 0,
  TCP = 6,
  UDP = 17,
}

/** Socket options (`sockoption`), the `option` argument of `sock_{set,get}_opt_*`. */
export enum SockOption {
  REUSE_PORT = 1,
  REUSE_ADDR = 2,
  NO_DELAY = 3,
  DONT_ROUTE = 4,
  ONLY_V6 = 5,
  BROADCAST = 6,
  MULTICAST_LOOP_V4 = 7,
  MULTICAST_LOOP_V6 = 8,
  LISTENING = 10,
  LAST_ERROR = 11,
  KEEP_ALIVE = 12,
  LINGER = 13,
  OOB_INLINE = 14,
  RECV_BUF_SIZE = 15,
  SEND_BUF_SIZE = 16,
  RECV_TIMEOUT = 19,
  SEND_TIMEOUT = 20,
  CONNECT_TIMEOUT = 21,
  ACCEPT_TIMEOUT = 22,
  TTL = 23,
  MULTICAST_TTL_V4 = 24,
  TYPE = 25,
  PROTO = 26,
}

/** `riflags`: recv input flags (preview 1 plus WASIX's extra bits). */
export namespace RiFlags {
  export const PEEK: u32 = 1;
  export const WAITALL: u32 = 2;
  export const DATA_TRUNCATED: u32 = 4;
  export const DONT_WAIT: u32 = 8;
}

/** `roflags`: recv output flags. */
export namespace RoFlags {
  export const DATA_TRUNCATED: u16 = 1;
}

/** `siflags`: send input flags (WASIX). */
export namespace SiFlags {
  export const DONT_WAIT: u32 = 1;
}

/** `sdflags`: which directions `sock_shutdown` closes. */
export enum Shutdown {
  READ = 1,
  WRITE = 2,
  BOTH = 3,
}

/** `fdflags`. */
export namespace FdFlags {
  export const NONBLOCK: u16 = 4;
}

/** `clockid`. */
export namespace ClockId {
  export const REALTIME: u32 = 0;
  export const MONOTONIC: u32 = 1;
}

/** `eventtype`: tag of a poll subscription and of an event. */
export namespace EventType {
  export const CLOCK: u8 = 0;
  export const FD_READ: u8 = 1;
  export const FD_WRITE: u8 = 2;
}

/** `eventrwflags`. */
export namespace EventRwFlags {
  export const HANGUP: u16 = 1;
}

/** `addr_port`: 110 bytes, align 2. */
export namespace AddrPort {
  export const SIZE: i32 = 110;
  export const ALIGN: i32 = 2;
  /** u8 family tag. */
  export const TAG: i32 = 0;
  /** u16 port VALUE, little-endian (not network order). */
  export const PORT: i32 = 2;
  /** IPv4 (4 bytes) or IPv6 (16 bytes) address, network order. */
  export const ADDR: i32 = 4;
  /** IPv6 flow info, u32 little-endian. */
  export const IPV6_FLOWINFO: i32 = 20;
  /** IPv6 scope id, u32 little-endian. */
  export const IPV6_SCOPE_ID: i32 = 24;
  /** unix: NUL-terminated path. */
  export const UNIX_PATH: i32 = 2;
  /** Bytes for the path, the NUL included. */
  export const UNIX_PATH_MAX: i32 = 108;
}

/** Address lengths in bytes. */
export namespace IpLen {
  export const V4: i32 = 4;
  export const V6: i32 = 16;
}

/** iovec / ciovec: `{u32 buf, u32 len}`. */
export namespace Iovec {
  export const SIZE: i32 = 8;
  export const BUF: i32 = 0;
  export const LEN: i32 = 4;
}

/** `option_timestamp`: tag u8 @0 (0 none, 1 some), u64 nanoseconds @8. */
export namespace OptionTimestamp {
  export const SIZE: i32 = 16;
  export const TAG: i32 = 0;
  export const NANOS: i32 = 8;
  export const NONE: u8 = 0;
  export const SOME: u8 = 1;
}

/** `fdstat` (24 bytes). */
export namespace FdStat {
  export const SIZE: i32 = 24;
  export const FILETYPE: i32 = 0;
  export const FLAGS: i32 = 2;
}

/** `subscription` (48 bytes). */
export namespace Subscription {
  export const SIZE: i32 = 48;
  export const USERDATA: i32 = 0;
  export const TAG: i32 = 8;
  export const CLOCK_ID: i32 = 16;
  export const CLOCK_TIMEOUT: i32 = 24;
  export const CLOCK_PRECISION: i32 = 32;
  export const CLOCK_FLAGS: i32 = 40;
  export const FD: i32 = 16;
}

/** `event` (32 bytes). */
export namespace Event {
  export const SIZE: i32 = 32;
  export const USERDATA: i32 = 0;
  export const ERROR: i32 = 8;
  export const TYPE: i32 = 10;
  export const NBYTES: i32 = 16;
  export const FLAGS: i32 = 24;
}

/** `resolve` output entries: 18 bytes, tag u8 @0, 16 address bytes @2. */
export namespace ResolvedAddr {
  export const SIZE: i32 = 18;
  export const TAG: i32 = 0;
  export const ADDR: i32 = 2;
}

/** Standard descriptors. */
export namespace StdFd {
  export const IN: u32 = 0;
  export const OUT: u32 = 1;
  export const ERR: u32 = 2;
}

/** Exit status of a program that aborted (as a C program killed by SIGABRT). */
export const ABORT_EXIT_STATUS: u32 = 134;
