/// <reference path="./types.d.ts" />
/**
 * `write(2)` through `bun:ffi`, for stdout and stderr. A synchronous write in
 * Bun is otherwise `node:fs`, whose loading costs ≈ 1.5 ms of every start-up
 * (this costs ≈ 0.5 ms); `Bun.stdout.writer()` and `console.write` would put
 * the descriptor in non-blocking mode (the open file description, shared with
 * the shell and the other programs of a pipeline) and buffer what the kernel
 * does not take. See bench/README.md, "Bun's start-up".
 *
 * Only a fast path: a write that fails writes nothing, so the caller retries
 * it with `node:fs`, which then reports the error with its code (EPIPE,
 * EAGAIN) or succeeds. Where `bun:ffi` or glibc's `libc.so.6` is missing
 * (another platform, a musl build of Bun), every write answers
 * {@link WRITE_FAILED} and `node:fs` does them all.
 *
 * @module
 */

/** What {@link writeSome} answers when it wrote nothing: the caller writes with `node:fs`. */
export const WRITE_FAILED = -1;

/** The C library Bun itself is linked against on Linux (glibc). */
const LIBC = "libc.so.6";

/** `ssize_t write(int fd, const void *buf, size_t count)`; the count returned fits an i32 (Linux writes at most 2 GiB − 4 KiB at once). */
type Write = (fd: number, data: Uint8Array, count: number) => number;

let write: Write | null | undefined;

function load(): Write | null {
  try {
    const ffi = require("bun:ffi") as typeof import("bun:ffi");
    const lib = ffi.dlopen(LIBC, { write: { args: ["i32", "ptr", "u64"], returns: "i32" } });
    return lib.symbols.write as unknown as Write;
  } catch {
    return null;
  }
}

/**
 * Writes what the kernel takes of `data` (not empty) to `fd`, blocking as
 * `write(2)` does; resolves to the number of bytes written (at least 1), or
 * {@link WRITE_FAILED} when it wrote nothing.
 */
export function writeSome(fd: number, data: Uint8Array): number {
  if (write === undefined) write = load();
  if (write === null) return WRITE_FAILED;
  const n = write(fd, data, data.byteLength);
  return n > 0 ? n : WRITE_FAILED;
}
