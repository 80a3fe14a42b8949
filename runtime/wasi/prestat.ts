/**
 * `fd_prestat_get` and `fd_prestat_dir_name`: how wasi-libc finds the
 * preopened directories at startup (it asks fd 3, 4, … until EBADF) and
 * learns the names it matches absolute paths against.
 *
 * @module
 */

import type { Context } from "../context.ts";
import { Errno, fail } from "../errno.ts";
import { DirEntry } from "../fs/dir_entry.ts";
import { utf8 } from "../memory.ts";
import { sync, type SyscallTable } from "../syscall.ts";
import { PreopenType } from "./constants.ts";
import { Prestat } from "./layout.ts";

/** The guest name of the preopen at `fd` as bytes; EBADF when `fd` is not a preopen. */
function preopenName(ctx: Context, fd: number): Uint8Array {
  const e = ctx.fds.peek(fd);
  if (!(e instanceof DirEntry) || e.preopenName === null) return fail(Errno.BADF);
  return utf8(e.preopenName);
}

/** `fd_prestat_get(fd, out prestat)`. */
export function fd_prestat_get(ctx: Context, fd: number, outPtr: number): void {
  const name = preopenName(ctx, fd);
  ctx.mem.check(outPtr, Prestat.SIZE);
  ctx.mem.bytes(outPtr, Prestat.SIZE).fill(0);
  ctx.mem.setU8(outPtr + Prestat.TAG, PreopenType.DIR);
  ctx.mem.setU32(outPtr + Prestat.DIR_NAME_LEN, name.byteLength);
}

/** `fd_prestat_dir_name(fd, buf, buf_len)`: the name, not NUL-terminated; ENAMETOOLONG if it does not fit. */
export function fd_prestat_dir_name(ctx: Context, fd: number, bufPtr: number, bufLen: number): void {
  const name = preopenName(ctx, fd);
  if (bufLen >>> 0 < name.byteLength) fail(Errno.NAMETOOLONG);
  ctx.mem.copyIn(bufPtr, name);
}

/** The preopen imports. */
export const prestatSyscalls: SyscallTable = {
  fd_prestat_get: sync(fd_prestat_get),
  fd_prestat_dir_name: sync(fd_prestat_dir_name),
};
