/// <reference path="./types.d.ts" />
/**
 * Standard streams in Bun: output with `write(2)` (libc_io.ts), falling
 * back to `node:fs` for what that did not write; input from `Bun.stdin`.
 *
 * @module
 */

import type { HostStdio } from "../../runtime/host.ts";
import { WRITE_FAILED, writeSome } from "./libc_io.ts";
import { nodeFs } from "./node_fs.ts";

/** What `process.binding("tty_wrap")` offers in Bun. */
interface TtyWrap {
  isTTY(fd: number): boolean;
}

/**
 * `isatty(fd)`. `node:tty` costs about 5 ms of every start-up in Bun (it
 * loads Node's stream machinery), so this asks Bun's native `tty_wrap`
 * binding (same answers for terminals, pipes, files and /dev/null), and loads
 * `node:tty` only where that binding is missing.
 */
function isatty(fd: number): boolean {
  const binding = (process as unknown as { binding?: (name: string) => TtyWrap }).binding;
  if (typeof binding === "function") {
    try {
      return binding("tty_wrap").isTTY(fd);
    } catch {
      // not available in this Bun: fall through to node:tty
    }
  }
  return (require("node:tty") as typeof import("node:tty")).isatty(fd);
}

let reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
let pending: Uint8Array | null = null;

/** Bun's stdin/stdout/stderr. */
export const bunStdio: HostStdio = {
  writeSync(fd, data) {
    let off = 0;
    while (off < data.byteLength) {
      const n = writeSome(fd, off === 0 ? data : data.subarray(off));
      if (n === WRITE_FAILED) break;
      off += n;
    }
    if (off === data.byteLength) return;
    const fs = nodeFs(); // the error with its code (EPIPE, EAGAIN), or a retry that succeeds
    while (off < data.byteLength) off += fs.writeSync(fd, data, off, data.byteLength - off);
  },
  async read(max) {
    if (!pending) {
      reader ??= Bun.stdin.stream().getReader();
      const { value, done } = await reader.read();
      if (done) return null;
      pending = value;
    }
    const chunk = pending.subarray(0, max);
    pending = pending.byteLength > max ? pending.subarray(max) : null;
    return chunk;
  },
  isTerminal(fd) {
    return isatty(fd);
  },
};
