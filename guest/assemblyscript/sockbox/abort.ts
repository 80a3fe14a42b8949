/**
 * The program's `abort` (selected with `asc --use abort=sockbox/abort/sockboxAbort`):
 * AssemblyScript's default imports `env.abort`, which sockbox refuses to link.
 * This one writes `abort: <message> at <file>:<line>:<column>` on stderr with
 * `fd_write` and ends the program with `proc_exit(134)`, the status of a C
 * program that called abort(). It allocates nothing, so it also works when
 * the heap is exhausted.
 *
 * @module
 */

import { ABORT_EXIT_STATUS, Iovec, StdFd } from "./abi";
import { fd_write, proc_exit } from "./imports";

const BUF_SIZE: i32 = 256;
const BUF = memory.data(BUF_SIZE, 4);
const IOV = memory.data(Iovec.SIZE, 4);
const OUT = memory.data(4, 4);
// Room kept free for one encoded character (4 bytes) or one decimal u32 (10 digits).
const SLACK: i32 = 12;
let used: i32 = 0;

function flush(): void {
  let p: usize = BUF, n = <u32>used;
  while (n > 0) {
    store<u32>(IOV, <u32>p, Iovec.BUF);
    store<u32>(IOV, n, Iovec.LEN);
    if (fd_write(StdFd.ERR, IOV, 1, OUT) != 0) break;
    const done = load<u32>(OUT);
    if (done == 0) break;
    p += done;
    n -= done;
  }
  used = 0;
}

function putByte(b: u32): void {
  if (used > BUF_SIZE - SLACK) flush();
  store<u8>(BUF + <usize>used, <u8>b);
  used++;
}

/** UTF-16 → UTF-8 without allocating (lone surrogates become U+FFFD). */
function putString(s: string | null): void {
  if (s === null) return;
  const p = changetype<usize>(s);
  const n = s.length;
  for (let i = 0; i < n; i++) {
    let c = <u32>load<u16>(p + (<usize>i << 1));
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < n) {
      const d = <u32>load<u16>(p + (<usize>(i + 1) << 1));
      if (d >= 0xdc00 && d < 0xe000) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c >= 0xd800 && c < 0xe000) c = 0xfffd;
    if (c < 0x80) putByte(c);
    else if (c < 0x800) {
      putByte(0xc0 | (c >> 6));
      putByte(0x80 | (c & 0x3f));
    } else if (c < 0x10000) {
      putByte(0xe0 | (c >> 12));
      putByte(0x80 | ((c >> 6) & 0x3f));
      putByte(0x80 | (c & 0x3f));
    } else {
      putByte(0xf0 | (c >> 18));
      putByte(0x80 | ((c >> 12) & 0x3f));
      putByte(0x80 | ((c >> 6) & 0x3f));
      putByte(0x80 | (c & 0x3f));
    }
  }
}

function putDecimal(v: u32): void {
  let div: u32 = 1;
  while (v / div >= 10) div *= 10;
  while (div > 0) {
    putByte(0x30 + (v / div) % 10);
    div /= 10;
  }
}

/** The abort handler: message on stderr, then exit status 134. Never returns. */
export function sockboxAbort(
  message: string | null = null, fileName: string | null = null, line: u32 = 0, column: u32 = 0,
): void {
  putString("abort: ");
  putString(message !== null ? message : "(no message)");
  if (fileName !== null) {
    putString(" at ");
    putString(fileName);
    putString(":");
    putDecimal(line);
    putString(":");
    putDecimal(column);
  }
  putString("\n");
  flush();
  proc_exit(ABORT_EXIT_STATUS);
  unreachable();
}
