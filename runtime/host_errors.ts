/**
 * Host error → WASI errno. Deno and Bun both attach POSIX error code strings
 * (`ECONNREFUSED`, …) to the errors their socket and file APIs raise; this table
 * is the one place those become guest errno values.
 *
 * @module
 */

import { Errno, SyscallError } from "./errno.ts";

const BY_CODE: Record<string, number> = {
  EACCES: Errno.ACCES, EPERM: Errno.PERM, EADDRINUSE: Errno.ADDRINUSE, EADDRNOTAVAIL: Errno.ADDRNOTAVAIL,
  EAFNOSUPPORT: Errno.AFNOSUPPORT, EAGAIN: Errno.AGAIN, EWOULDBLOCK: Errno.AGAIN, EALREADY: Errno.ALREADY,
  EBADF: Errno.BADF, EBUSY: Errno.BUSY, ECONNABORTED: Errno.CONNABORTED, ECONNREFUSED: Errno.CONNREFUSED,
  ECONNRESET: Errno.CONNRESET, EDESTADDRREQ: Errno.DESTADDRREQ, EEXIST: Errno.EXIST, EFAULT: Errno.FAULT,
  EFBIG: Errno.FBIG, EHOSTUNREACH: Errno.HOSTUNREACH, EHOSTDOWN: Errno.HOSTUNREACH, EINPROGRESS: Errno.INPROGRESS,
  EINTR: Errno.INTR, EINVAL: Errno.INVAL, EIO: Errno.IO, EISCONN: Errno.ISCONN, EISDIR: Errno.ISDIR,
  ELOOP: Errno.LOOP, EMFILE: Errno.MFILE, EMLINK: Errno.MLINK, EMSGSIZE: Errno.MSGSIZE,
  ENAMETOOLONG: Errno.NAMETOOLONG, ENETDOWN: Errno.NETDOWN, ENETRESET: Errno.NETRESET,
  ENETUNREACH: Errno.NETUNREACH, ENFILE: Errno.NFILE, ENOBUFS: Errno.NOBUFS, ENODEV: Errno.NODEV,
  ENOENT: Errno.NOENT, ENOMEM: Errno.NOMEM, ENOSPC: Errno.NOSPC, ENOSYS: Errno.NOSYS, ENOTCONN: Errno.NOTCONN,
  ENOTDIR: Errno.NOTDIR, ENOTEMPTY: Errno.NOTEMPTY, ENOTSOCK: Errno.NOTSOCK, ENOTSUP: Errno.NOTSUP,
  EOPNOTSUPP: Errno.NOTSUP, ENOTTY: Errno.NOTTY, ENXIO: Errno.NXIO, EPIPE: Errno.PIPE,
  EPROTONOSUPPORT: Errno.PROTONOSUPPORT, EPROTOTYPE: Errno.PROTOTYPE, ERANGE: Errno.RANGE, EROFS: Errno.ROFS,
  ESPIPE: Errno.SPIPE, ETIMEDOUT: Errno.TIMEDOUT, ETXTBSY: Errno.TXTBSY, EXDEV: Errno.XDEV,
};

// Deno's error classes, by name, for errors that carry no code.
const BY_NAME: Record<string, number> = {
  NotFound: Errno.NOENT, PermissionDenied: Errno.ACCES, NotCapable: Errno.ACCES,
  ConnectionRefused: Errno.CONNREFUSED, ConnectionReset: Errno.CONNRESET, ConnectionAborted: Errno.CONNABORTED,
  NotConnected: Errno.NOTCONN, AddrInUse: Errno.ADDRINUSE, AddrNotAvailable: Errno.ADDRNOTAVAIL,
  BrokenPipe: Errno.PIPE, AlreadyExists: Errno.EXIST, InvalidData: Errno.INVAL, TimedOut: Errno.TIMEDOUT,
  Interrupted: Errno.INTR, WriteZero: Errno.IO, UnexpectedEof: Errno.IO, BadResource: Errno.BADF,
  Busy: Errno.BUSY, NotADirectory: Errno.NOTDIR, IsADirectory: Errno.ISDIR, FilesystemLoop: Errno.LOOP,
  NotSupported: Errno.NOTSUP,
};

/** The WASI errno for a host error (`fallback` when it cannot be told). */
export function errnoFromHostError(e: unknown, fallback: number = Errno.IO): number {
  if (e && typeof e === "object") {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && code in BY_CODE) return BY_CODE[code];
    const name = (e as { name?: unknown }).name;
    if (typeof name === "string" && name in BY_NAME) return BY_NAME[name];
    const msg = (e as { message?: unknown }).message;
    if (typeof msg === "string") {
      const m = msg.match(/\b(E[A-Z]{3,})\b/);
      if (m && m[1] in BY_CODE) return BY_CODE[m[1]];
      if (/os error (\d+)/.test(msg)) {
        // Linux errno numbers Deno puts in messages.
        const linux: Record<string, number> = {
          "98": Errno.ADDRINUSE, "99": Errno.ADDRNOTAVAIL, "111": Errno.CONNREFUSED, "104": Errno.CONNRESET,
          "32": Errno.PIPE, "13": Errno.ACCES, "2": Errno.NOENT, "101": Errno.NETUNREACH, "113": Errno.HOSTUNREACH,
          "110": Errno.TIMEDOUT, "90": Errno.MSGSIZE, "22": Errno.INVAL, "97": Errno.AFNOSUPPORT,
        };
        const n = msg.match(/os error (\d+)/)![1];
        if (n in linux) return linux[n];
      }
    }
  }
  return fallback;
}

/** Fails the current syscall with the errno of host error `e`, saying what was being done. */
export function hostFail(e: unknown, what: string): never {
  throw new SyscallError(errnoFromHostError(e), `${what}: ${(e as Error)?.message ?? e}`);
}
