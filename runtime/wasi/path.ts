/**
 * The `path_*` calls other than `path_open`: each resolves its path(s) inside
 * the sandbox (`runtime/fs/resolve.ts`) and then asks the host by absolute
 * host path. Errnos follow Linux, including its special cases for a last
 * component of `.` or `..` and for trailing slashes.
 *
 * @module
 */

import type { Context } from "../context.ts";
import { Errno, fail } from "../errno.ts";
import { DirEntry } from "../fs/dir_entry.ts";
import { newTimes, writeFilestat } from "../fs/filestat.ts";
import {
  checkLinkTarget,
  dotLast,
  Follow,
  type FollowMode,
  isDir,
  readGuestPath,
  resolve,
  type Resolved,
} from "../fs/resolve.ts";
import { utf8 } from "../memory.ts";
import { sync, type SyscallTable } from "../syscall.ts";
import { clockNow } from "./clock.ts";
import { ClockId, FileType, LookupFlags } from "./constants.ts";
import { dirAt } from "./path_open.ts";

function lookup(ctx: Context, fd: number, pathPtr: number, pathLen: number, follow: FollowMode): Resolved {
  const dir = dirAt(ctx, fd);
  return resolve(ctx.host.fs, dir, readGuestPath(ctx.mem, pathPtr, pathLen), follow);
}

function followOf(lookupFlags: number): FollowMode {
  return lookupFlags & LookupFlags.SYMLINK_FOLLOW ? Follow.ALWAYS : Follow.TRAILING_SLASH;
}

/**
 * Resolves a path whose last component is a name to create, remove or
 * rename. A last component of `.` or `..` fails with `errnos[that]` once the
 * rest of the path is known to exist (as Linux reports ENOENT first).
 */
function lookupName(
  ctx: Context,
  fd: number,
  pathPtr: number,
  pathLen: number,
  errnos: Record<"." | "..", number>,
  creating = false,
): Resolved {
  const dir = dirAt(ctx, fd);
  const path = readGuestPath(ctx.mem, pathPtr, pathLen);
  const dots = dotLast(path);
  if (dots !== null) {
    resolve(ctx.host.fs, dir, path, Follow.ALWAYS);
    fail(errnos[dots]);
  }
  return resolve(ctx.host.fs, dir, path, Follow.NEVER, creating);
}

function exists(r: Resolved): asserts r is Resolved & { stat: NonNullable<Resolved["stat"]> } {
  if (r.stat === null) fail(Errno.NOENT);
}

/** `path_create_directory(fd, path, path_len)`: `mkdirat`. */
export function path_create_directory(ctx: Context, fd: number, pathPtr: number, pathLen: number): void {
  const r = lookupName(ctx, fd, pathPtr, pathLen, { ".": Errno.EXIST, "..": Errno.EXIST }, true);
  if (r.stat !== null) fail(Errno.EXIST);
  ctx.host.fs.mkdir(r.hostPath);
}

/** `path_filestat_get(fd, flags, path, path_len, out filestat)`: `fstatat`. */
export function path_filestat_get(
  ctx: Context,
  fd: number,
  flags: number,
  pathPtr: number,
  pathLen: number,
  outPtr: number,
): void {
  const r = lookup(ctx, fd, pathPtr, pathLen, followOf(flags));
  exists(r);
  writeFilestat(ctx.mem, outPtr, r.stat);
}

/** `path_filestat_set_times(fd, flags, path, path_len, atim, mtim, fstflags)`: `utimensat`. */
export function path_filestat_set_times(
  ctx: Context,
  fd: number,
  flags: number,
  pathPtr: number,
  pathLen: number,
  atim: bigint,
  mtim: bigint,
  fstflags: number,
): void {
  const r = lookup(ctx, fd, pathPtr, pathLen, followOf(flags));
  exists(r);
  const times = newTimes(() => r.stat, () => clockNow(ctx, ClockId.REALTIME), atim, mtim, fstflags);
  if (times !== null) ctx.host.fs.setTimes(r.hostPath, times[0], times[1]);
}

/** `path_link(old_fd, old_flags, old_path, old_path_len, new_fd, new_path, new_path_len)`: `linkat`. */
export function path_link(
  ctx: Context,
  oldFd: number,
  oldFlags: number,
  oldPtr: number,
  oldLen: number,
  newFd: number,
  newPtr: number,
  newLen: number,
): void {
  const src = lookup(ctx, oldFd, oldPtr, oldLen, oldFlags & LookupFlags.SYMLINK_FOLLOW ? Follow.ALWAYS : Follow.NEVER);
  exists(src);
  const dst = lookupName(ctx, newFd, newPtr, newLen, { ".": Errno.EXIST, "..": Errno.EXIST }, true);
  if (dst.stat !== null) fail(Errno.EXIST);
  if (isDir(src.stat)) fail(Errno.PERM, "hard links to directories are not allowed");
  if (dst.mustBeDir) fail(Errno.NOENT);
  ctx.host.fs.link(src.hostPath, dst.hostPath);
}

/** `path_readlink(fd, path, path_len, buf, buf_len, out bufused)`: truncated to `buf_len`, as `readlink`. */
export function path_readlink(
  ctx: Context,
  fd: number,
  pathPtr: number,
  pathLen: number,
  bufPtr: number,
  bufLen: number,
  usedPtr: number,
): void {
  const r = lookup(ctx, fd, pathPtr, pathLen, Follow.TRAILING_SLASH);
  exists(r);
  const buf = ctx.mem.bytes(bufPtr, bufLen);
  ctx.mem.check(usedPtr, 4);
  if (r.stat.filetype !== FileType.SYMBOLIC_LINK) fail(Errno.INVAL, "not a symbolic link");
  const target = utf8(ctx.host.fs.readlink(r.hostPath));
  const n = Math.min(target.byteLength, buf.byteLength);
  buf.set(target.subarray(0, n));
  ctx.mem.setU32(usedPtr, n);
}

/** `path_remove_directory(fd, path, path_len)`: `rmdir`. */
export function path_remove_directory(ctx: Context, fd: number, pathPtr: number, pathLen: number): void {
  const r = lookupName(ctx, fd, pathPtr, pathLen, { ".": Errno.INVAL, "..": Errno.NOTEMPTY });
  exists(r);
  if (!isDir(r.stat)) fail(Errno.NOTDIR);
  ctx.host.fs.rmdir(r.hostPath);
}

/** `path_rename(fd, old_path, old_path_len, new_fd, new_path, new_path_len)`: `renameat`. */
export function path_rename(
  ctx: Context,
  oldFd: number,
  oldPtr: number,
  oldLen: number,
  newFd: number,
  newPtr: number,
  newLen: number,
): void {
  const busy = { ".": Errno.BUSY, "..": Errno.BUSY };
  const src = lookupName(ctx, oldFd, oldPtr, oldLen, busy);
  exists(src);
  const dst = lookupName(ctx, newFd, newPtr, newLen, busy);
  if (dst.mustBeDir && !isDir(src.stat)) fail(Errno.NOTDIR);
  ctx.host.fs.rename(src.hostPath, dst.hostPath);
  if (isDir(src.stat)) {
    // Open descriptors on the moved directory (or below it) move with it.
    const fromRoot = dirAt(ctx, oldFd).root, toRoot = dirAt(ctx, newFd).root;
    for (const [, e] of ctx.fds.entries()) {
      if (e instanceof DirEntry && e.preopenName === null) e.renamed(fromRoot, src.rel, toRoot, dst.rel);
    }
  }
}

/** `path_symlink(old_path, old_path_len, fd, new_path, new_path_len)`: `symlinkat`; links out of the sandbox are refused. */
export function path_symlink(
  ctx: Context,
  targetPtr: number,
  targetLen: number,
  fd: number,
  newPtr: number,
  newLen: number,
): void {
  const target = readGuestPath(ctx.mem, targetPtr, targetLen);
  const dst = lookupName(ctx, fd, newPtr, newLen, { ".": Errno.EXIST, "..": Errno.EXIST }, true);
  if (dst.stat !== null) fail(Errno.EXIST);
  if (target === "") fail(Errno.NOENT, "empty symbolic link");
  if (dst.mustBeDir) fail(Errno.NOENT);
  checkLinkTarget(ctx.host.fs, dst.rel.slice(0, -1), target);
  ctx.host.fs.symlink(target, dst.hostPath);
}

/** `path_unlink_file(fd, path, path_len)`: `unlinkat` without `AT_REMOVEDIR`. */
export function path_unlink_file(ctx: Context, fd: number, pathPtr: number, pathLen: number): void {
  const r = lookupName(ctx, fd, pathPtr, pathLen, { ".": Errno.ISDIR, "..": Errno.ISDIR });
  exists(r);
  if (isDir(r.stat)) fail(Errno.ISDIR);
  ctx.host.fs.unlink(r.hostPath);
}

/** The `path_*` imports except `path_open`. */
export const pathSyscalls: SyscallTable = {
  path_create_directory: sync(path_create_directory),
  path_filestat_get: sync(path_filestat_get),
  path_filestat_set_times: sync(path_filestat_set_times),
  path_link: sync(path_link),
  path_readlink: sync(path_readlink),
  path_remove_directory: sync(path_remove_directory),
  path_rename: sync(path_rename),
  path_symlink: sync(path_symlink),
  path_unlink_file: sync(path_unlink_file),
};
