/**
 * Byte layouts of the WASI preview 1 structs the host reads and writes.
 *
 * @module
 */

/** `fdstat` (24 bytes). */
export const FdStat = { SIZE: 24, FILETYPE: 0, FLAGS: 2, RIGHTS_BASE: 8, RIGHTS_INHERITING: 16 } as const;

/** `filestat` (64 bytes). */
export const FileStat = {
  SIZE: 64, DEV: 0, INO: 8, FILETYPE: 16, NLINK: 24, SIZE_: 32, ATIM: 40, MTIM: 48, CTIM: 56,
} as const;

/** `dirent` header (24 bytes, the name follows unterminated). */
export const Dirent = { SIZE: 24, NEXT: 0, INO: 8, NAMLEN: 16, TYPE: 20 } as const;

/** `prestat` (8 bytes): tag u8, then the dir name length u32. */
export const Prestat = { SIZE: 8, TAG: 0, DIR_NAME_LEN: 4 } as const;

/** `subscription` (48 bytes). */
export const Subscription = {
  SIZE: 48, USERDATA: 0, TAG: 8,
  CLOCK_ID: 16, CLOCK_TIMEOUT: 24, CLOCK_PRECISION: 32, CLOCK_FLAGS: 40,
  FD: 16,
} as const;

/** `event` (32 bytes). */
export const Event = { SIZE: 32, USERDATA: 0, ERROR: 8, TYPE: 10, NBYTES: 16, FLAGS: 24 } as const;
