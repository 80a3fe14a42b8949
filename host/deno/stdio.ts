/**
 * Standard streams over Deno's own handles.
 *
 * @module
 */

import type { HostStdio } from "../../runtime/host.ts";

function writeAll(w: { writeSync(p: Uint8Array): number }, data: Uint8Array): void {
  let off = 0;
  while (off < data.byteLength) off += w.writeSync(data.subarray(off));
}

/** Deno's stdin/stdout/stderr. */
export const denoStdio: HostStdio = {
  writeSync(fd, data) {
    writeAll(fd === 1 ? Deno.stdout : Deno.stderr, data);
  },
  async read(max) {
    const buf = new Uint8Array(max);
    const n = await Deno.stdin.read(buf);
    return n === null ? null : buf.subarray(0, n);
  },
  isTerminal(fd) {
    return [Deno.stdin, Deno.stdout, Deno.stderr][fd].isTerminal();
  },
};
