/// <reference path="./types.d.ts" />
/**
 * `write(2)` and whole-file reads through `bun:ffi`, for stdout, stderr and
 * the module file. Synchronous file I/O in Bun is otherwise `node:fs`, whose
 * loading costs ≈ 1.5 ms of every start-up (this costs ≈ 0.5 ms);
 * `Bun.stdout.writer()` and `console.write` would put the descriptor in
 * non-blocking mode (the open file description, shared with the shell and
 * the other programs of a pipeline) and buffer what the kernel does not take;
 * `Bun.mmap` opens the file read-write and crashes if it is truncated. See
 * bench/README.md, "Bun's start-up".
 *
 * Only a fast path: where a call fails, the caller does it again with
 * `node:fs`, which then reports the error with its code (EPIPE, EAGAIN,
 * ENOENT) or succeeds — a failed `write` wrote nothing. Where `bun:ffi` or
 * glibc's `libc.so.6` is missing (another platform, a musl build of Bun),
 * every call fails and `node:fs` does them all.
 *
 * @module
 */

/** What {@link writeSome} answers when it wrote nothing: the caller writes with `node:fs`. */
export const WRITE_FAILED = -1;

/** The C library Bun itself is linked against on Linux (glibc). */
const LIBC = "libc.so.6";
/** `open(2)` flags: read only. */
const O_RDONLY = 0;
/** The first read's size; each full read doubles the buffer. */
const FIRST_READ = 1 << 16;

/**
 * The functions used, as `bun:ffi` binds them. Counts returned fit an i32:
 * Linux reads and writes at most 2 GiB − 4 KiB at once.
 */
interface Libc {
  write(fd: number, data: Uint8Array, count: number): number;
  read(fd: number, into: Uint8Array, count: number): number;
  open(path: Uint8Array, flags: number): number;
  close(fd: number): number;
}

let libc: Libc | null | undefined;

function load(): Libc | null {
  try {
    const ffi = require("bun:ffi") as typeof import("bun:ffi");
    const lib = ffi.dlopen(LIBC, {
      write: { args: ["i32", "ptr", "u64"], returns: "i32" },
      read: { args: ["i32", "ptr", "u64"], returns: "i32" },
      open: { args: ["ptr", "i32"], returns: "i32" },
      close: { args: ["i32"], returns: "i32" },
    });
    return lib.symbols as unknown as Libc;
  } catch {
    return null;
  }
}

function lib(): Libc | null {
  if (libc === undefined) libc = load();
  return libc;
}

/**
 * Writes what the kernel takes of `data` (not empty) to `fd`, blocking as
 * `write(2)` does; resolves to the number of bytes written (at least 1), or
 * {@link WRITE_FAILED} when it wrote nothing.
 */
export function writeSome(fd: number, data: Uint8Array): number {
  const c = lib();
  if (!c) return WRITE_FAILED;
  const n = c.write(fd, data, data.byteLength);
  return n > 0 ? n : WRITE_FAILED;
}

/**
 * The whole content of the file at `path`, in a buffer of its own; null when
 * any call failed (the caller then reads it with `node:fs`, which says why).
 */
export function readFileBytes(path: string): Uint8Array | null {
  const c = lib();
  if (!c || path.includes("\0")) return null;
  const cPath = new Uint8Array(path.length * 3 + 1); // UTF-8 takes at most 3 bytes per UTF-16 unit; then NUL
  new TextEncoder().encodeInto(path, cPath);
  const fd = c.open(cPath, O_RDONLY);
  if (fd < 0) return null;
  let buf = new Uint8Array(FIRST_READ);
  let len = 0;
  try {
    for (;;) {
      if (len === buf.byteLength) {
        const bigger = new Uint8Array(buf.byteLength * 2);
        bigger.set(buf);
        buf = bigger;
      }
      const n = c.read(fd, buf.subarray(len), buf.byteLength - len);
      if (n < 0) return null;
      if (n === 0) break;
      len += n;
    }
  } finally {
    c.close(fd);
  }
  return buf.slice(0, len);
}
