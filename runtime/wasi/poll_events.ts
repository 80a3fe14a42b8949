/**
 * How a descriptor's {@link Readiness} becomes poll events — the one place
 * both readiness calls read it: `poll_oneoff` (one event per direction, see
 * the table in `poll.ts`) and epoll (Linux's whole poll mask at once, see
 * `runtime/epoll`). Each entry's `readiness(write)` already follows Linux's
 * `*_poll` functions; this module only decides which bits that means.
 *
 * @module
 */

import { Errno } from "../errno.ts";
import type { FdEntry, Readiness } from "../fd_entry.ts";
import { FileType } from "./constants.ts";

/** The event `error` of a `poll_oneoff` FD_READ/FD_WRITE subscription; null when there is no event. */
export function eventError(r: Readiness): number | null {
  if (r.error) return r.error;
  if (r.ready) return 0;
  if (r.hangup) return Errno.PIPE;
  return null;
}

/** Linux's poll conditions of one descriptor (what `f_op->poll` would return). */
export interface PollConditions {
  /** POLLIN: a read (or accept) would not block. */
  readable: boolean;
  /** POLLOUT: a write would not block. */
  writable: boolean;
  /** POLLERR: a pending error (SO_ERROR would report it). */
  error: boolean;
  /** POLLHUP: both directions are shut (or a pipe's writers are gone). */
  hangup: boolean;
  /** POLLRDHUP: nothing more will arrive (the peer's FIN, SHUT_RD, or the connection is gone). */
  rdhup: boolean;
  /** Bytes (or connections) waiting to be read. */
  nbytes: number;
  /** Bytes that could be written without blocking, where known. */
  space: number;
}

/**
 * Whether reading is shut. An entry that says so itself ({@link Readiness.rdhup})
 * is believed; otherwise a stream socket that is readable with nothing queued
 * can only be at end of stream (its readiness is `queued > 0 || receive side shut`).
 */
function readShut(entry: FdEntry, r: Readiness): boolean {
  if (r.rdhup !== undefined) return r.rdhup;
  return entry.filetype === FileType.SOCKET_STREAM && r.ready && r.nbytes === 0;
}

/** The poll conditions of `entry` now, from its answers for both directions. */
export function pollConditions(entry: FdEntry): PollConditions {
  const r = entry.readiness(false), w = entry.readiness(true);
  return {
    readable: r.ready,
    writable: w.ready,
    error: Boolean(r.error || w.error),
    hangup: Boolean(r.hangup || w.hangup),
    rdhup: readShut(entry, r),
    nbytes: Math.max(0, r.nbytes),
    space: Math.max(0, w.nbytes),
  };
}
