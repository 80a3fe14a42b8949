/// <reference path="./types.d.ts" />
/**
 * Standard streams in Bun, over its Node-compatible `fs` and `tty`.
 *
 * @module
 */

import { writeSync } from "node:fs";
import { isatty } from "node:tty";
import type { HostStdio } from "../../runtime/host.ts";

let reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
let pending: Uint8Array | null = null;

/** Bun's stdin/stdout/stderr. */
export const bunStdio: HostStdio = {
  writeSync(fd, data) {
    let off = 0;
    while (off < data.byteLength) off += writeSync(fd, data, off, data.byteLength - off);
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
