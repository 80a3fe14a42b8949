/**
 * The base of everything a descriptor can refer to: stdio streams,
 * preopened directories, files and sockets share one table, so they share one
 * shape. Subclasses override what their kind supports; the defaults fail the
 * way Linux does for a descriptor that cannot do the operation.
 *
 * @module
 */

import { Errno, fail } from "./errno.ts";
import type { GuestMemory, IoVec } from "./memory.ts";
import { Signal } from "./signal.ts";
import { ALL_RIGHTS, FileType } from "./wasi/constants.ts";

/** What `poll` learns about one direction of a descriptor. */
export interface Readiness {
  /** The operation would not block. */
  ready: boolean;
  /** Bytes readable (or writable), where known. */
  nbytes: number;
  /** The peer hung up (EOF seen, or the write side is closed). */
  hangup?: boolean;
  /** A pending error (for example ECONNREFUSED after a non-blocking connect). */
  error?: number;
  /**
   * Reading is shut: the peer's FIN, SHUT_RD, or the connection is gone
   * (Linux's RCV_SHUTDOWN, epoll's EPOLLRDHUP). When absent, epoll infers it
   * for stream sockets (runtime/wasi/poll_events.ts).
   */
  rdhup?: boolean;
}

/** Always ready, no byte count (regular files, stdout). */
export const ALWAYS_READY: Readiness = Object.freeze({ ready: true, nbytes: 0 });

/** One open description; several descriptor numbers may share it (dup, fork). */
export abstract class FdEntry {
  /** WASI filetype reported by `fd_fdstat_get`. */
  abstract readonly filetype: number;
  /** WASI fdflags (APPEND, NONBLOCK, …). */
  fdflags = 0;
  /** Rights reported by `fd_fdstat_get`; sockbox's sandbox works on paths and addresses, not rights. */
  rightsBase: bigint = ALL_RIGHTS;
  /** Rights inherited by descriptors opened through this one. */
  rightsInheriting: bigint = ALL_RIGHTS;
  /** How many descriptor numbers refer to this entry. */
  refs = 0;
  /** Notified whenever readiness may have changed. */
  readonly changed: Signal = new Signal();

  /** Whether reads and writes fail with EAGAIN instead of blocking. */
  get nonblocking(): boolean {
    return (this.fdflags & 4) !== 0;
  }

  /** `fd_read`: fills `iovs`, returns the byte count (0 at EOF). */
  read(_mem: GuestMemory, _iovs: IoVec[]): number | Promise<number> {
    return fail(Errno.BADF);
  }

  /** `fd_write`: writes `iovs`, returns the byte count. */
  write(_mem: GuestMemory, _iovs: IoVec[]): number | Promise<number> {
    return fail(Errno.BADF);
  }

  /** `fd_fdstat_set_flags`. */
  setFlags(flags: number): void {
    this.fdflags = flags;
    this.changed.notify();
  }

  /** Readiness for `poll_oneoff`: reading (`FD_READ`) or writing (`FD_WRITE`). */
  readiness(_write: boolean): Readiness {
    return ALWAYS_READY;
  }

  /** Releases host resources once the last descriptor referring to it closes. */
  close(): void | Promise<void> {}
}

/** Entry kinds that are not sockets, for `ENOTSOCK` checks. */
export function isSocketType(filetype: number): boolean {
  return filetype === FileType.SOCKET_STREAM || filetype === FileType.SOCKET_DGRAM;
}
