/**
 * WASI preview 1 enums and flag sets, by name. Numbers appear here and
 * nowhere else in the runtime.
 *
 * @module
 */

/** `clockid`. */
export const ClockId = { REALTIME: 0, MONOTONIC: 1, PROCESS_CPUTIME: 2, THREAD_CPUTIME: 3 } as const;

/** `filetype`. */
export const FileType = {
  UNKNOWN: 0, BLOCK_DEVICE: 1, CHARACTER_DEVICE: 2, DIRECTORY: 3, REGULAR_FILE: 4,
  SOCKET_DGRAM: 5, SOCKET_STREAM: 6, SYMBOLIC_LINK: 7,
} as const;

/** `fdflags`. */
export const FdFlags = { APPEND: 1, DSYNC: 2, NONBLOCK: 4, RSYNC: 8, SYNC: 16 } as const;

/** `oflags` for `path_open`. */
export const OFlags = { CREAT: 1, DIRECTORY: 2, EXCL: 4, TRUNC: 8 } as const;

/** `lookupflags`. */
export const LookupFlags = { SYMLINK_FOLLOW: 1 } as const;

/** `whence` for `fd_seek`. */
export const Whence = { SET: 0, CUR: 1, END: 2 } as const;

/** `fstflags` for the `*_set_times` calls. */
export const FstFlags = { ATIM: 1, ATIM_NOW: 2, MTIM: 4, MTIM_NOW: 8 } as const;

/** `advice` for `fd_advise`. */
export const Advice = { NORMAL: 0, SEQUENTIAL: 1, RANDOM: 2, WILLNEED: 3, DONTNEED: 4, NOREUSE: 5 } as const;

/** `eventtype` (subscription and event tag). */
export const EventType = { CLOCK: 0, FD_READ: 1, FD_WRITE: 2 } as const;

/** `eventrwflags`. */
export const EventRwFlags = { HANGUP: 1 } as const;

/** `subclockflags`. */
export const SubClockFlags = { ABSTIME: 1 } as const;

/** `riflags` (preview 1 plus WASIX's extra bits). */
export const RiFlags = { PEEK: 1, WAITALL: 2, DATA_TRUNCATED: 4, DONT_WAIT: 8 } as const;

/** `roflags`. */
export const RoFlags = { DATA_TRUNCATED: 1 } as const;

/** `siflags` (WASIX). */
export const SiFlags = { DONT_WAIT: 1 } as const;

/** `sdflags`. */
export const SdFlags = { RD: 1, WR: 2 } as const;

/** `preopentype`. */
export const PreopenType = { DIR: 0 } as const;

/** `rights` bits (u64). */
export const Rights = {
  FD_DATASYNC: 1n << 0n, FD_READ: 1n << 1n, FD_SEEK: 1n << 2n, FD_FDSTAT_SET_FLAGS: 1n << 3n,
  FD_SYNC: 1n << 4n, FD_TELL: 1n << 5n, FD_WRITE: 1n << 6n, FD_ADVISE: 1n << 7n,
  FD_ALLOCATE: 1n << 8n, PATH_CREATE_DIRECTORY: 1n << 9n, PATH_CREATE_FILE: 1n << 10n,
  PATH_LINK_SOURCE: 1n << 11n, PATH_LINK_TARGET: 1n << 12n, PATH_OPEN: 1n << 13n,
  FD_READDIR: 1n << 14n, PATH_READLINK: 1n << 15n, PATH_RENAME_SOURCE: 1n << 16n,
  PATH_RENAME_TARGET: 1n << 17n, PATH_FILESTAT_GET: 1n << 18n,
  PATH_FILESTAT_SET_SIZE: 1n << 19n, PATH_FILESTAT_SET_TIMES: 1n << 20n,
  FD_FILESTAT_GET: 1n << 21n, FD_FILESTAT_SET_SIZE: 1n << 22n,
  FD_FILESTAT_SET_TIMES: 1n << 23n, PATH_SYMLINK: 1n << 24n,
  PATH_REMOVE_DIRECTORY: 1n << 25n, PATH_UNLINK_FILE: 1n << 26n, POLL_FD_READWRITE: 1n << 27n,
  SOCK_SHUTDOWN: 1n << 28n, SOCK_ACCEPT: 1n << 29n,
} as const;

/** Every right (the rights sockbox grants; the sandbox works on paths, not rights). */
export const ALL_RIGHTS = (1n << 30n) - 1n;
