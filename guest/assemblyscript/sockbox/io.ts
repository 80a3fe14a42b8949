/**
 * The program's side of WASI: command-line arguments, stdout/stderr text,
 * stdin bytes and the monotonic clock.
 *
 * @module
 */

import { ClockId, Iovec, StdFd } from "./abi";
import { Errno } from "./errno";
import { args_get, args_sizes_get, clock_time_get, fd_read, fd_write } from "./imports";
import { err, ok, Result } from "./result";

const IOV = memory.data(Iovec.SIZE, 4);
const OUT_U32 = memory.data(4, 4);
const OUT_U32_B = memory.data(4, 4);
const OUT_U64 = memory.data(8, 8);
const POINTER_SIZE: i32 = 4;
const NS_PER_MS: u64 = 1_000_000;

/** Writes all `len` bytes at `ptr` to descriptor `fd` (looping over short writes). */
export function writeFd(fd: u32, ptr: usize, len: i32): Errno {
  let done = 0;
  while (done < len) {
    store<u32>(IOV + Iovec.BUF, <u32>(ptr + <usize>done));
    store<u32>(IOV + Iovec.LEN, <u32>(len - done));
    const e = <Errno>fd_write(fd, IOV, 1, OUT_U32);
    if (e != Errno.SUCCESS) return e;
    done += load<i32>(OUT_U32);
  }
  return Errno.SUCCESS;
}

function writeText(fd: u32, s: string): Errno {
  const bytes = String.UTF8.encode(s);
  return writeFd(fd, changetype<usize>(bytes), bytes.byteLength);
}

/** Writes `s` to stdout (unbuffered: it is out when this returns). */
export function print(s: string): Errno {
  return writeText(StdFd.OUT, s);
}

/** Writes `s` and a newline to stdout. */
export function println(s: string = ""): Errno {
  return writeText(StdFd.OUT, s + "\n");
}

/** Writes `s` and a newline to stderr. */
export function eprintln(s: string): Errno {
  return writeText(StdFd.ERR, s + "\n");
}

/** Writes the bytes of `buf[0, len)` to stdout. */
export function writeStdout(buf: Uint8Array, len: i32 = buf.byteLength): Errno {
  return writeFd(StdFd.OUT, buf.dataStart, min(len, buf.byteLength));
}

/** read(2) from stdin into `buf`: the byte count, 0 at end of input. */
export function readStdin(buf: Uint8Array): Result<i32> {
  store<u32>(IOV + Iovec.BUF, <u32>buf.dataStart);
  store<u32>(IOV + Iovec.LEN, <u32>buf.byteLength);
  const e = <Errno>fd_read(StdFd.IN, IOV, 1, OUT_U32);
  return e == Errno.SUCCESS ? ok<i32>(load<i32>(OUT_U32)) : err<i32>(e);
}

/** The command line, `argv[0]` (the program) first. */
export function args(): string[] {
  if (args_sizes_get(OUT_U32, OUT_U32_B) != Errno.SUCCESS) return [];
  const argc = load<i32>(OUT_U32), size = load<i32>(OUT_U32_B);
  const ptrs = new ArrayBuffer(argc * POINTER_SIZE);
  const buf = new ArrayBuffer(size);
  if (args_get(changetype<usize>(ptrs), changetype<usize>(buf)) != Errno.SUCCESS) return [];
  const out = new Array<string>(argc);
  for (let i = 0; i < argc; i++) {
    const p = <usize>load<u32>(changetype<usize>(ptrs) + <usize>(i * POINTER_SIZE));
    let n: usize = 0;
    while (load<u8>(p + n) != 0) n++;
    out[i] = String.UTF8.decodeUnsafe(p, n);
  }
  return out;
}

/** Milliseconds on the monotonic clock (for timing and deadlines). */
export function monotonicMs(): i64 {
  if (clock_time_get(ClockId.MONOTONIC, 0, OUT_U64) != Errno.SUCCESS) return 0;
  return <i64>(load<u64>(OUT_U64) / NS_PER_MS);
}
