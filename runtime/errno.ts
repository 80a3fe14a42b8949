/**
 * WASI preview 1 errno values (the guest's `errno.h` uses the same numbers).
 *
 * @module
 */

/** Every WASI errno, by name. */
export const Errno = {
  SUCCESS: 0, TOOBIG: 1, ACCES: 2, ADDRINUSE: 3, ADDRNOTAVAIL: 4, AFNOSUPPORT: 5,
  AGAIN: 6, ALREADY: 7, BADF: 8, BADMSG: 9, BUSY: 10, CANCELED: 11, CHILD: 12,
  CONNABORTED: 13, CONNREFUSED: 14, CONNRESET: 15, DEADLK: 16, DESTADDRREQ: 17,
  DOM: 18, DQUOT: 19, EXIST: 20, FAULT: 21, FBIG: 22, HOSTUNREACH: 23, IDRM: 24,
  ILSEQ: 25, INPROGRESS: 26, INTR: 27, INVAL: 28, IO: 29, ISCONN: 30, ISDIR: 31,
  LOOP: 32, MFILE: 33, MLINK: 34, MSGSIZE: 35, MULTIHOP: 36, NAMETOOLONG: 37,
  NETDOWN: 38, NETRESET: 39, NETUNREACH: 40, NFILE: 41, NOBUFS: 42, NODEV: 43,
  NOENT: 44, NOEXEC: 45, NOLCK: 46, NOLINK: 47, NOMEM: 48, NOMSG: 49,
  NOPROTOOPT: 50, NOSPC: 51, NOSYS: 52, NOTCONN: 53, NOTDIR: 54, NOTEMPTY: 55,
  NOTRECOVERABLE: 56, NOTSOCK: 57, NOTSUP: 58, NOTTY: 59, NXIO: 60, OVERFLOW: 61,
  OWNERDEAD: 62, PERM: 63, PIPE: 64, PROTO: 65, PROTONOSUPPORT: 66,
  PROTOTYPE: 67, RANGE: 68, ROFS: 69, SPIPE: 70, SRCH: 71, STALE: 72,
  TIMEDOUT: 73, TXTBSY: 74, XDEV: 75, NOTCAPABLE: 76,
} as const;

/** A WASI errno number. */
export type ErrnoValue = typeof Errno[keyof typeof Errno];

const NAMES: string[] = [];
for (const [name, value] of Object.entries(Errno)) NAMES[value] = "E" + name;

/** `E`-prefixed name of an errno number, for traces (`ECONNREFUSED`). */
export function errnoName(errno: number): string {
  if (errno === 0) return "OK";
  return NAMES[errno] ?? `E?${errno}`;
}

/**
 * Thrown inside a syscall implementation to fail it with `errno`.
 * The syscall dispatcher turns it into the import's return value.
 */
export class SyscallError extends Error {
  /** The WASI errno the syscall returns. */
  readonly errno: number;
  /** Why, for `--trace` (for example the sandbox rule that refused a call). */
  readonly why?: string;
  constructor(errno: number, why?: string) {
    super(`${errnoName(errno)}${why ? ": " + why : ""}`);
    this.errno = errno;
    this.why = why;
  }
}

/**
 * One error per errno for the failures that give no reason: building an
 * Error captures the stack (guest frames included), which costs V8 several
 * microseconds, and a non-blocking program fails a call with EAGAIN on
 * every readiness event. Nothing reads these errors' stacks.
 */
const PLAIN: (SyscallError | undefined)[] = [];

/** Fails the current syscall with `errno`; `why` is shown by `--trace`. */
export function fail(errno: number, why?: string): never {
  if (why === undefined) throw (PLAIN[errno] ??= new SyscallError(errno));
  throw new SyscallError(errno, why);
}
