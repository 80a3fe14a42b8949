/**
 * The `sockbox_proc` calls on the descriptor table that WASI lacks:
 * `fd_limit` (RLIMIT_NOFILE, guest/libc/rlimit.c) and `dup` (dup, dup2,
 * dup3, guest/libc/dup.c). Both act on the calling process's own table.
 *
 * @module
 */

import type { Context } from "../context.ts";
import { sync, type SyscallTable } from "../syscall.ts";
import { FD_LIMIT_UNCHANGED } from "./abi.ts";

/**
 * `fd_limit(limit, out limit, out maximum)`: sets RLIMIT_NOFILE's soft limit
 * (unless `limit` is FD_LIMIT_UNCHANGED; EINVAL above the maximum), then says
 * what it is and the sandbox's `--max-fds`, the most it can be.
 */
function fdLimit(ctx: Context, limit: number, limitOut: number, maxOut: number): void {
  ctx.mem.check(limitOut, 4);
  ctx.mem.check(maxOut, 4);
  if ((limit | 0) !== FD_LIMIT_UNCHANGED) ctx.fds.limit = limit >>> 0;
  ctx.mem.setU32(limitOut, ctx.fds.limit);
  ctx.mem.setU32(maxOut, ctx.fds.maxFds);
}

/**
 * `dup(fd, min, out fd)`: a new descriptor, the lowest free number ≥ `min`,
 * for the same open entry (its file offset, status flags and socket are
 * shared; it closes when its last descriptor does). EBADF for a closed `fd`,
 * EMFILE when no number below RLIMIT_NOFILE is free.
 */
function dup(ctx: Context, fd: number, min: number, fdOut: number): void {
  ctx.mem.check(fdOut, 4);
  const entry = ctx.fds.get(fd);
  ctx.mem.setU32(fdOut, ctx.fds.insert(entry, min >>> 0));
}

/** The descriptor calls of the `sockbox_proc` import module. */
export const descriptorSyscalls: SyscallTable = {
  fd_limit: sync(fdLimit),
  dup: sync(dup),
};
