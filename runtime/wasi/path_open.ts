/**
 * `path_open`: decodes the guest's flags and rights and installs the
 * descriptor; the decisions themselves are in `runtime/fs/open.ts`.
 *
 * wasi-libc passes `open()`'s access mode as rights (`O_RDONLY` → `FD_READ`,
 * `O_WRONLY` → `FD_WRITE`, `O_RDWR` → both) and reads it back the same way
 * for `fcntl(F_GETFL)`, so rights decide how the host file is opened.
 *
 * @module
 */

import type { Context } from "../context.ts";
import { Errno, fail } from "../errno.ts";
import { DirEntry } from "../fs/dir_entry.ts";
import { openPath } from "../fs/open.ts";
import { readGuestPath } from "../fs/resolve.ts";
import { sync, type SyscallTable } from "../syscall.ts";
import { FdFlags, LookupFlags, OFlags, Rights } from "./constants.ts";

const KNOWN_OFLAGS = OFlags.CREAT | OFlags.DIRECTORY | OFlags.EXCL | OFlags.TRUNC;
const KNOWN_FDFLAGS = FdFlags.APPEND | FdFlags.DSYNC | FdFlags.NONBLOCK | FdFlags.RSYNC | FdFlags.SYNC;

/** The directory descriptor `fd` that a path is relative to; ENOTDIR for other descriptors (Linux's `openat`). */
export function dirAt(ctx: Context, fd: number): DirEntry {
  const e = ctx.fds.get(fd);
  if (!(e instanceof DirEntry)) fail(Errno.NOTDIR);
  return e;
}

/** `path_open(fd, dirflags, path, path_len, oflags, rights_base, rights_inheriting, fdflags, out fd)`. */
export function path_open(
  ctx: Context,
  fd: number,
  dirflags: number,
  pathPtr: number,
  pathLen: number,
  oflags: number,
  rightsBase: bigint,
  rightsInheriting: bigint,
  fdflags: number,
  outPtr: number,
): void {
  const dir = dirAt(ctx, fd);
  const path = readGuestPath(ctx.mem, pathPtr, pathLen);
  ctx.mem.check(outPtr, 4);
  if (oflags & ~KNOWN_OFLAGS) fail(Errno.INVAL, `unknown oflags ${oflags}`);
  if (fdflags & ~KNOWN_FDFLAGS) fail(Errno.INVAL, `unknown fdflags ${fdflags}`);
  const base = BigInt.asUintN(64, BigInt(rightsBase)) & dir.rightsInheriting;
  const inheriting = BigInt.asUintN(64, BigInt(rightsInheriting)) & dir.rightsInheriting;
  const entry = openPath(ctx.host.fs, dir, path, {
    read: (base & Rights.FD_READ) !== 0n,
    write: (base & Rights.FD_WRITE) !== 0n,
    create: (oflags & OFlags.CREAT) !== 0,
    exclusive: (oflags & OFlags.EXCL) !== 0,
    truncate: (oflags & OFlags.TRUNC) !== 0,
    directory: (oflags & OFlags.DIRECTORY) !== 0,
    follow: (dirflags & LookupFlags.SYMLINK_FOLLOW) !== 0,
  });
  entry.rightsBase = base;
  entry.rightsInheriting = inheriting;
  entry.fdflags = fdflags;
  let newFd: number;
  try {
    newFd = ctx.fds.insert(entry);
  } catch (e) {
    entry.close();
    throw e;
  }
  ctx.mem.setU32(outPtr, newFd);
}

/** The `path_open` import. */
export const pathOpenSyscalls: SyscallTable = { path_open: sync(path_open) };
