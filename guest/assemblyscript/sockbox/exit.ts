/**
 * Ending the program: `exit`, and the `perror(what); exit(1)` idiom for a
 * failed call.
 *
 * @module
 */

import { Iovec, StdFd } from "./abi";
import { Errno, strerror } from "./errno";
import { fd_write, proc_exit } from "./imports";

/** Exit status of a successful program. */
export const EXIT_SUCCESS: i32 = 0;
/** Exit status of {@link fail} (C's `EXIT_FAILURE`). */
export const EXIT_FAILURE: i32 = 1;

const IOV = memory.data(Iovec.SIZE, 4);
const OUT = memory.data(4, 4);

/** Ends the program with `code` (WASI `proc_exit`); never returns. */
export function exit(code: i32): void {
  proc_exit(<u32>code);
  unreachable();
}

/** Writes `s` to stderr, best effort (for last words). */
function lastWords(s: string): void {
  const buf = String.UTF8.encode(s);
  let p = changetype<usize>(buf), n = <u32>buf.byteLength;
  while (n > 0) {
    store<u32>(IOV, <u32>p, Iovec.BUF);
    store<u32>(IOV, n, Iovec.LEN);
    if (fd_write(StdFd.ERR, IOV, 1, OUT) != Errno.SUCCESS) return;
    const done = load<u32>(OUT);
    if (done == 0) return;
    p += done;
    n -= done;
  }
}

/** Prints `what: <strerror(errno)>` on stderr and exits with status 1 (`perror` + `exit(1)`). */
export function fail(what: string, errno: Errno): void {
  lastWords(what + ": " + strerror(errno) + "\n");
  exit(EXIT_FAILURE);
}

/** Ends the program with {@link fail} unless `errno` is success. */
export function check(errno: Errno, what: string): void {
  if (errno != Errno.SUCCESS) fail(what, errno);
}
