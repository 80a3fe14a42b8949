/**
 * `args_*` and `environ_*`: the guest's argv and environment, as
 * NUL-terminated strings behind a pointer array.
 *
 * @module
 */

import type { Context } from "../context.ts";
import { utf8 } from "../memory.ts";
import { sync, type SyscallTable } from "../syscall.ts";

function sizes(ctx: Context, list: readonly string[], countPtr: number, bufSizePtr: number): void {
  let size = 0;
  for (const s of list) size += utf8(s).byteLength + 1;
  ctx.mem.setU32(countPtr, list.length);
  ctx.mem.setU32(bufSizePtr, size);
}

/** Bytes in a guest pointer (wasm32). */
const PTR_SIZE = 4;

function copy(ctx: Context, list: readonly string[], ptrsPtr: number, bufPtr: number): void {
  const all = list.map(utf8);
  // Both arrays are checked whole first: a bad pointer is EFAULT with nothing written.
  ctx.mem.check(ptrsPtr, all.length * PTR_SIZE);
  ctx.mem.check(bufPtr, all.reduce((n, b) => n + b.byteLength + 1, 0));
  let p = bufPtr;
  all.forEach((bytes, i) => {
    ctx.mem.setU32(ptrsPtr + i * PTR_SIZE, p);
    ctx.mem.copyIn(p, bytes);
    ctx.mem.setU8(p + bytes.byteLength, 0);
    p += bytes.byteLength + 1;
  });
}

/** `args_sizes_get(out argc, out argv_buf_size)`. */
export function args_sizes_get(ctx: Context, argcPtr: number, bufSizePtr: number): void {
  sizes(ctx, ctx.args, argcPtr, bufSizePtr);
}

/** `args_get(argv, argv_buf)`. */
export function args_get(ctx: Context, argvPtr: number, bufPtr: number): void {
  copy(ctx, ctx.args, argvPtr, bufPtr);
}

/** `environ_sizes_get(out count, out buf_size)`. */
export function environ_sizes_get(ctx: Context, countPtr: number, bufSizePtr: number): void {
  sizes(ctx, ctx.env, countPtr, bufSizePtr);
}

/** `environ_get(environ, environ_buf)`. */
export function environ_get(ctx: Context, envPtr: number, bufPtr: number): void {
  copy(ctx, ctx.env, envPtr, bufPtr);
}

/** The `args_*` / `environ_*` imports. */
export const argsSyscalls: SyscallTable = {
  args_sizes_get: sync(args_sizes_get),
  args_get: sync(args_get),
  environ_sizes_get: sync(environ_sizes_get),
  environ_get: sync(environ_get),
};
