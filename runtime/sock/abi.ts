/**
 * The WASIX socket ABI (`wasix_32v1`): enums, option numbers and struct
 * layouts, by name. See shared/abi/wasix-sockets.md.
 *
 * @module
 */

/** Address family (`addressfamily`). */
export const AddressFamily = { UNSPEC: 0, INET4: 1, INET6: 2, UNIX: 3 } as const;

/** Socket type (`socktype`). */
export const SockType = { STREAM: 1, DGRAM: 2, RAW: 3, SEQPACKET: 4 } as const;

/** IP protocol numbers accepted by `sock_open`. */
export const Proto = { DEFAULT: 0, TCP: 6, UDP: 17 } as const;

/** `sock_status` values. */
export const SockStatus = { OPENING: 0, OPENED: 1, CLOSED: 2, FAILED: 3 } as const;

/** Socket options (`sockoption`). */
export const SockOption = {
  NOOP: 0, REUSE_PORT: 1, REUSE_ADDR: 2, NO_DELAY: 3, DONT_ROUTE: 4, ONLY_V6: 5, BROADCAST: 6,
  MULTICAST_LOOP_V4: 7, MULTICAST_LOOP_V6: 8, PROMISCUOUS: 9, LISTENING: 10, LAST_ERROR: 11,
  KEEP_ALIVE: 12, LINGER: 13, OOB_INLINE: 14, RECV_BUF_SIZE: 15, SEND_BUF_SIZE: 16, RECV_LOWAT: 17,
  SEND_LOWAT: 18, RECV_TIMEOUT: 19, SEND_TIMEOUT: 20, CONNECT_TIMEOUT: 21, ACCEPT_TIMEOUT: 22,
  TTL: 23, MULTICAST_TTL_V4: 24, TYPE: 25, PROTO: 26,
} as const;

/** `addr_port`: 110 bytes. */
export const AddrPort = {
  SIZE: 110, TAG: 0, PORT: 2, ADDR: 4, IPV6_FLOWINFO: 20, IPV6_SCOPE_ID: 24, UNIX_PATH: 2, UNIX_PATH_MAX: 108,
} as const;

/** `option_timestamp`: 16 bytes, tag u8 @0 (0 none, 1 some), u64 ns @8. */
export const OptionTimestamp = { SIZE: 16, TAG: 0, NANOS: 8, NONE: 0, SOME: 1 } as const;

/** `resolve` output entries: 18 bytes, tag u8 @0, 16 address bytes @2. */
export const ResolvedAddr = { SIZE: 18, TAG: 0, ADDR: 2 } as const;

/** `epoll_event` and `epoll_ctl` operations (WASIX). */
export const EpollCtl = { ADD: 0, MOD: 1, DEL: 2 } as const;

/** Largest UDP payload over IPv4 (65535 − 8 − 20). */
export const MAX_UDP_PAYLOAD = 65507;
