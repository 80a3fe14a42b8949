/**
 * Descriptor calls common to every kind of descriptor: read, write, close,
 * fdstat, renumber. File-only calls live in the file-system modules; socket
 * behaviour lives in the socket entries these dispatch to.
 *
 * @module
 */

import type { Context } from "../context.ts";
import { Errno, fail } from "../errno.ts";
import { blocking, sync, type SyscallTable } from "../syscall.ts";
import { FdFlags } from "./constants.ts";
import { FdStat } from "./layout.ts";

function done(ctx: Context, outPtr: number, n: number | Promise<number>): void | Promise<void> {
  if (typeof n === "number") return ctx.mem.setU32(outPtr, n);
  return n.then((v) => ctx.mem.setU32(outPtr, v));
}

/** `fd_read(fd, iovs, iovs_len, out nread)`. */
export function fd_read(ctx: Context, fd: number, iovsPtr: number, iovsLen: number, outPtr: number): void | Promise<void> {
  const entry = ctx.fds.get(fd);
  const iovs = ctx.mem.iovecs(iovsPtr, iovsLen);
  ctx.mem.check(outPtr, 4);
  return done(ctx, outPtr, entry.read(ctx.mem, iovs));
}

/** `fd_write(fd, ciovs, ciovs_len, out nwritten)`. */
export function fd_write(ctx: Context, fd: number, iovsPtr: number, iovsLen: number, outPtr: number): void | Promise<void> {
  const entry = ctx.fds.get(fd);
  const iovs = ctx.mem.iovecs(iovsPtr, iovsLen);
  ctx.mem.check(outPtr, 4);
  return done(ctx, outPtr, entry.write(ctx.mem, iovs));
}

/** `fd_close(fd)`. Closing a socket waits for nothing: the host finishes in the background. */
export function fd_close(ctx: Context, fd: number): void {
  const closing = ctx.fds.remove(fd);
  if (closing) closing.catch(() => {});
}

/** `fd_fdstat_get(fd, out fdstat)`. */
export function fd_fdstat_get(ctx: Context, fd: number, outPtr: number): void {
  const e = ctx.fds.get(fd);
  const m = ctx.mem;
  m.check(outPtr, FdStat.SIZE);
  m.setU8(outPtr + FdStat.FILETYPE, e.filetype);
  m.setU8(outPtr + FdStat.FILETYPE + 1, 0);
  m.setU16(outPtr + FdStat.FLAGS, e.fdflags);
  m.setU32(outPtr + 4, 0);
  m.setU64(outPtr + FdStat.RIGHTS_BASE, e.rightsBase);
  m.setU64(outPtr + FdStat.RIGHTS_INHERITING, e.rightsInheriting);
}

const SETTABLE_FLAGS = FdFlags.APPEND | FdFlags.DSYNC | FdFlags.NONBLOCK | FdFlags.RSYNC | FdFlags.SYNC;

/** `fd_fdstat_set_flags(fd, flags)`: O_NONBLOCK, O_APPEND, … via fcntl(F_SETFL). */
export function fd_fdstat_set_flags(ctx: Context, fd: number, flags: number): void {
  const e = ctx.fds.get(fd);
  if (flags & ~SETTABLE_FLAGS) fail(Errno.INVAL, `unknown fdflags ${flags}`);
  e.setFlags(flags);
}

/** `fd_fdstat_set_rights(fd, base, inheriting)`: rights may only shrink. */
export function fd_fdstat_set_rights(ctx: Context, fd: number, base: bigint, inheriting: bigint): void {
  const e = ctx.fds.get(fd);
  base = BigInt.asUintN(64, base);
  inheriting = BigInt.asUintN(64, inheriting);
  if ((base & ~e.rightsBase) !== 0n || (inheriting & ~e.rightsInheriting) !== 0n) fail(Errno.NOTCAPABLE);
  e.rightsBase = base;
  e.rightsInheriting = inheriting;
}

/** `fd_renumber(from, to)`: dup2 without the dup. */
export function fd_renumber(ctx: Context, from: number, to: number): void {
  const closing = ctx.fds.renumber(from, to);
  if (closing) closing.catch(() => {});
}

/** The generic descriptor imports. */
export const fdSyscalls: SyscallTable = {
  fd_read: blocking(fd_read),
  fd_write: blocking(fd_write),
  fd_close: sync(fd_close),
  fd_fdstat_get: sync(fd_fdstat_get),
  fd_fdstat_set_flags: sync(fd_fdstat_set_flags),
  fd_fdstat_set_rights: sync(fd_fdstat_set_rights),
  fd_renumber: sync(fd_renumber),
};
