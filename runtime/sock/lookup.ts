/**
 * Finding the socket behind a descriptor.
 *
 * @module
 */

import type { Context } from "../context.ts";
import { Errno, fail } from "../errno.ts";
import { SocketEntry } from "./socket_entry.ts";

/** The socket at `fd`: EBADF if closed, ENOTSOCK if it is not a socket. */
export function socketAt(ctx: Context, fd: number): SocketEntry {
  const e = ctx.fds.get(fd);
  if (!(e instanceof SocketEntry)) fail(Errno.NOTSOCK);
  return e;
}
