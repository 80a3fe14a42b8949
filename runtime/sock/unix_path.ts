/**
 * Where a unix socket's path lives on the host: only inside a preopened
 * directory, resolved by the same sandboxed resolver as every file path, so a
 * symlink (even one the guest made) can never carry a bind or connect out of
 * the preopen.
 *
 * @module
 */

import type { Context } from "../context.ts";
import { Errno, fail } from "../errno.ts";
import { resolveGuestPath } from "../fs/guest_path.ts";
import { Follow } from "../fs/resolve.ts";

/** What the path is for: bind creates the socket file, connect/sendto reach an existing one. */
export type UnixPathUse = "bind" | "connect";

/**
 * The host path for the guest's unix socket path `guestPath` (relative paths
 * are relative to `/`, wasi-libc's working directory). EACCES outside every
 * `--dir`; NOTCAPABLE for an escape; EADDRINUSE when binding an existing name.
 */
export function hostUnixPath(ctx: Context, guestPath: string, use: UnixPathUse): string {
  if (guestPath === "") fail(Errno.INVAL, "empty unix socket path");
  const abs = guestPath.startsWith("/") ? guestPath : `/${guestPath}`;
  // bind(2) never follows a final symlink (it fails with EADDRINUSE); connect(2) does.
  const r = resolveGuestPath(ctx, abs, use === "bind" ? Follow.NEVER : Follow.ALWAYS, use === "bind");
  if (r === null) return fail(Errno.ACCES, `unix socket path ${guestPath} is outside every --dir`);
  if (r.name === null) fail(Errno.INVAL, `unix socket path ${guestPath} names a directory`);
  if (use === "bind" && r.stat !== null) fail(Errno.ADDRINUSE, `${guestPath} exists`);
  if (use === "connect" && r.stat === null) fail(Errno.NOENT, `${guestPath} does not exist`);
  return r.hostPath;
}
