/**
 * Descriptor calls of files and directories: positional I/O, seeking, size,
 * times, syncing and advice. What a descriptor that is not a file gets is
 * what Linux gives for a pipe or socket (ESPIPE, EINVAL).
 *
 * @module
 */

import type { Context } from "../context.ts";
import { Errno, fail } from "../errno.ts";
import type { FdEntry } from "../fd_entry.ts";
import { DirEntry } from "../fs/dir_entry.ts";
import { FileEntry, MAX_OFFSET } from "../fs/file_entry.ts";
import { bareStat, newTimes, writeFilestat } from "../fs/filestat.ts";
import type { HostStat } from "../host_fs.ts";
import { sync, type SyscallTable } from "../syscall.ts";
import { clockNow } from "./clock.ts";
import { Advice, ClockId, Whence } from "./constants.ts";

const MAX_ADVICE = Math.max(...Object.values(Advice));
const S64_MAX = (1n << 63n) - 1n;

/** A guest `filesize` (u64) as a number, or null when beyond what sockbox handles. */
function offsetArg(v: bigint): number | null {
  const u = BigInt.asUintN(64, BigInt(v));
  if (u > S64_MAX) fail(Errno.INVAL, "offset does not fit off_t");
  return u > BigInt(MAX_OFFSET) ? null : Number(u);
}

/** The file at `fd`; a directory fails with `dirErrno`, anything else with `otherErrno`. */
function fileAt(ctx: Context, fd: number, dirErrno: number, otherErrno: number): FileEntry {
  const e = ctx.fds.get(fd);
  if (e instanceof FileEntry) return e;
  return fail(e instanceof DirEntry ? dirErrno : otherErrno);
}

/** `fstat` of any descriptor: files and directories from the host, others by type only. */
export function statOf(e: FdEntry): HostStat {
  if (e instanceof FileEntry || e instanceof DirEntry) return e.stat();
  return bareStat(e.filetype);
}

/** `fd_advise(fd, offset, len, advice)`: accepted and ignored for files, as hints may be. */
export function fd_advise(ctx: Context, fd: number, _offset: bigint, _len: bigint, advice: number): void {
  const e = ctx.fds.get(fd);
  if (!(e instanceof FileEntry || e instanceof DirEntry)) fail(Errno.SPIPE);
  if (advice < 0 || advice > MAX_ADVICE) fail(Errno.INVAL, `unknown advice ${advice}`);
}

/** `fd_allocate(fd, offset, len)`: like `posix_fallocate`, grows the file to `offset+len` if shorter. */
export function fd_allocate(ctx: Context, fd: number, offset: bigint, len: bigint): void {
  const f = fileAt(ctx, fd, Errno.BADF, Errno.SPIPE);
  if (BigInt.asUintN(64, BigInt(len)) === 0n) fail(Errno.INVAL, "zero length");
  const o = offsetArg(offset), l = offsetArg(len);
  if (!f.writable) fail(Errno.BADF, "not open for writing");
  if (o === null || l === null || o + l > MAX_OFFSET) return fail(Errno.FBIG);
  if (Number(f.file.stat().size) < o + l) f.file.truncate(o + l);
}

function syncFd(ctx: Context, fd: number, dataOnly: boolean): void {
  const e = ctx.fds.get(fd);
  if (e instanceof FileEntry) return dataOnly ? e.file.datasync() : e.file.sync();
  if (!(e instanceof DirEntry)) fail(Errno.INVAL, "cannot sync this kind of descriptor");
  const h = ctx.host.fs.open(e.hostPath(), { read: true, write: false, create: false });
  try {
    if (dataOnly) h.datasync();
    else h.sync();
  } finally {
    h.close();
  }
}

/** `fd_datasync(fd)`. */
export function fd_datasync(ctx: Context, fd: number): void {
  syncFd(ctx, fd, true);
}

/** `fd_sync(fd)`. */
export function fd_sync(ctx: Context, fd: number): void {
  syncFd(ctx, fd, false);
}

/** `fd_filestat_get(fd, out filestat)`. */
export function fd_filestat_get(ctx: Context, fd: number, outPtr: number): void {
  writeFilestat(ctx.mem, outPtr, statOf(ctx.fds.get(fd)));
}

/** `fd_filestat_set_size(fd, size)`: `ftruncate`; EINVAL unless a regular file open for writing (Linux). */
export function fd_filestat_set_size(ctx: Context, fd: number, size: bigint): void {
  const f = fileAt(ctx, fd, Errno.INVAL, Errno.INVAL);
  const n = offsetArg(size);
  if (!f.writable) fail(Errno.INVAL, "not open for writing");
  if (n === null) return fail(Errno.FBIG);
  f.file.truncate(n);
}

/** `fd_filestat_set_times(fd, atim, mtim, fstflags)`: `futimens`. */
export function fd_filestat_set_times(ctx: Context, fd: number, atim: bigint, mtim: bigint, flags: number): void {
  const e = ctx.fds.get(fd);
  const now = () => clockNow(ctx, ClockId.REALTIME);
  const times = newTimes(() => statOf(e), now, atim, mtim, flags);
  if (times === null) return;
  if (e instanceof FileEntry) e.file.setTimes(times[0], times[1]);
  else if (e instanceof DirEntry) ctx.host.fs.setTimes(e.hostPath(), times[0], times[1]);
}

/** `fd_pread(fd, iovs, iovs_len, offset, out nread)`. */
export function fd_pread(
  ctx: Context,
  fd: number,
  iovsPtr: number,
  iovsLen: number,
  offset: bigint,
  outPtr: number,
): void {
  const f = fileAt(ctx, fd, Errno.ISDIR, Errno.SPIPE);
  const iovs = ctx.mem.iovecs(iovsPtr, iovsLen);
  ctx.mem.check(outPtr, 4);
  const o = offsetArg(offset);
  const n = o === null ? (f.readable ? 0 : fail(Errno.BADF)) : f.pread(ctx.mem, iovs, o);
  ctx.mem.setU32(outPtr, n);
}

/** `fd_pwrite(fd, iovs, iovs_len, offset, out nwritten)`. */
export function fd_pwrite(
  ctx: Context,
  fd: number,
  iovsPtr: number,
  iovsLen: number,
  offset: bigint,
  outPtr: number,
): void {
  const f = fileAt(ctx, fd, Errno.BADF, Errno.SPIPE);
  const iovs = ctx.mem.iovecs(iovsPtr, iovsLen);
  ctx.mem.check(outPtr, 4);
  const o = offsetArg(offset);
  if (o === null) fail(f.writable ? Errno.FBIG : Errno.BADF);
  ctx.mem.setU32(outPtr, f.pwrite(ctx.mem, iovs, o));
}

/** `fd_seek(fd, offset, whence, out newoffset)`. */
export function fd_seek(ctx: Context, fd: number, offset: bigint, whence: number, outPtr: number): void {
  const e = ctx.fds.get(fd);
  ctx.mem.check(outPtr, 8);
  const delta = BigInt.asIntN(64, BigInt(offset));
  if (delta > BigInt(MAX_OFFSET) || delta < -BigInt(MAX_OFFSET)) fail(Errno.INVAL, "offset out of range");
  const d = Number(delta);
  if (e instanceof FileEntry) return ctx.mem.setU64(outPtr, e.seek(d, whence));
  if (!(e instanceof DirEntry)) fail(Errno.SPIPE);
  // A directory's position is not a byte offset (readdir uses cookies): accept
  // what Linux accepts without giving it a meaning.
  if ((whence !== Whence.SET && whence !== Whence.CUR) || d < 0) fail(Errno.INVAL);
  ctx.mem.setU64(outPtr, d);
}

/** `fd_tell(fd, out offset)`. */
export function fd_tell(ctx: Context, fd: number, outPtr: number): void {
  fd_seek(ctx, fd, 0n, Whence.CUR, outPtr);
}

/** The file descriptor imports. */
export const fdFileSyscalls: SyscallTable = {
  fd_advise: sync(fd_advise),
  fd_allocate: sync(fd_allocate),
  fd_datasync: sync(fd_datasync),
  fd_sync: sync(fd_sync),
  fd_filestat_get: sync(fd_filestat_get),
  fd_filestat_set_size: sync(fd_filestat_set_size),
  fd_filestat_set_times: sync(fd_filestat_set_times),
  fd_pread: sync(fd_pread),
  fd_pwrite: sync(fd_pwrite),
  fd_seek: sync(fd_seek),
  fd_tell: sync(fd_tell),
};
