/**
 * `random_get`, from the web-standard CSPRNG.
 *
 * @module
 */

import type { Context } from "../context.ts";
import { sync, type SyscallTable } from "../syscall.ts";

const MAX_CHUNK = 65536; // getRandomValues refuses more at once

/** `random_get(buf, len)`. */
export function random_get(ctx: Context, ptr: number, len: number): void {
  const view = ctx.mem.bytes(ptr, len);
  for (let off = 0; off < view.byteLength; off += MAX_CHUNK) {
    crypto.getRandomValues(view.subarray(off, Math.min(off + MAX_CHUNK, view.byteLength)));
  }
}

/** The random import. */
export const randomSyscalls: SyscallTable = { random_get: sync(random_get) };
