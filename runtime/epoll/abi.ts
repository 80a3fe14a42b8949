/**
 * The WASIX epoll ABI (`wasix_32v1` `epoll_create`, `epoll_ctl`,
 * `epoll_wait`): event bits, operations and the `epoll_event` layout, by
 * name. From wasix-org/wasix-witx `typenames.witx` (`epoll_type`,
 * `epoll_ctl`, `epoll_data`, `epoll_event`) and wasix-libc's `api_wasix.h`;
 * sockbox's additions are marked. guest/libc/wasix_imports.h is the guest's
 * copy; guest/README.md documents the choices.
 *
 * @module
 */

export { EpollCtl } from "../sock/abi.ts";

/**
 * `epoll_type` (u32 flags). WASIX defines bits 0–7; bits 8–10 are sockbox's
 * own, for Linux flags WASIX cannot carry (a stock WASIX host ignores them).
 */
export const EpollType = {
  IN: 1 << 0,
  OUT: 1 << 1,
  RDHUP: 1 << 2,
  PRI: 1 << 3,
  ERR: 1 << 4,
  HUP: 1 << 5,
  ET: 1 << 6,
  ONESHOT: 1 << 7,
  /** sockbox: EPOLLEXCLUSIVE (validated as Linux does; wakeups are not made exclusive). */
  EXCLUSIVE: 1 << 8,
  /** sockbox: EPOLLRDNORM, reported with IN. */
  RDNORM: 1 << 9,
  /** sockbox: EPOLLWRNORM, reported with OUT. */
  WRNORM: 1 << 10,
} as const;

/** Bits that describe a condition (the rest are modes: ET, ONESHOT, EXCLUSIVE). */
export const CONDITION_BITS = EpollType.IN | EpollType.OUT | EpollType.RDHUP | EpollType.PRI |
  EpollType.ERR | EpollType.HUP | EpollType.RDNORM | EpollType.WRNORM;

/** Reported whether asked for or not (Linux adds them to every interest). */
export const ALWAYS_REPORTED = EpollType.ERR | EpollType.HUP;

/** What EPOLLEXCLUSIVE may be combined with (Linux's EPOLLEXCLUSIVE_OK_BITS; WAKEUP never reaches the host). */
export const EXCLUSIVE_OK_BITS = EpollType.IN | EpollType.OUT | EpollType.ERR | EpollType.HUP |
  EpollType.ET | EpollType.EXCLUSIVE;

/**
 * `epoll_event` (32 bytes, align 8): `events` u32 @0, then `epoll_data`
 * (24 bytes) @8 — `ptr` u32 @8, `fd` u32 @12, `data1` u32 @16, `data2`
 * u64 @24. sockbox stores the whole `epoll_data` record at `epoll_ctl` and
 * writes it back unchanged with each event.
 */
export const EpollEvent = {
  SIZE: 32,
  EVENTS: 0,
  DATA: 8,
  DATA_SIZE: 24,
  DATA_PTR: 8,
  DATA_FD: 12,
  DATA_DATA1: 16,
  DATA_DATA2: 24,
} as const;

/** `epoll_wait` timeout meaning "forever" (UINT64_MAX ns). */
export const WAIT_FOREVER = 0xffff_ffff_ffff_ffffn;

/** How deep epoll descriptors may watch one another (Linux's EP_MAX_NESTS); deeper is ELOOP. */
export const MAX_NESTS = 4;
