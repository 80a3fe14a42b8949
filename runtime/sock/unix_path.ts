/**
 * Where a unix socket's path lives on the host: only inside a preopened
 * directory, never escaping it with `..`.
 *
 * @module
 */

import type { Context } from "../context.ts";
import { Errno, fail } from "../errno.ts";

/** Normalizes a guest path (wasi-libc's cwd is `/`), refusing `..` that climbs above the root. */
function normalize(path: string): string[] {
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (out.length === 0) fail(Errno.NOTCAPABLE, `unix path ${path} climbs above /`);
      out.pop();
    } else out.push(part);
  }
  return out;
}

/**
 * The host path for the guest's unix socket path `guestPath`; ENOENT-like
 * NOTCAPABLE (reported as EACCES) when it is outside every preopen.
 */
export function hostUnixPath(ctx: Context, guestPath: string): string {
  if (guestPath === "") fail(Errno.INVAL, "empty unix socket path");
  const parts = normalize(guestPath);
  for (const p of ctx.preopens) {
    const root = normalize(p.guestPath);
    if (root.length <= parts.length && root.every((seg, i) => parts[i] === seg)) {
      const rest = parts.slice(root.length);
      if (rest.length === 0) fail(Errno.INVAL, `unix socket path ${guestPath} is the preopened directory itself`);
      return `${p.hostPath.replace(/\/+$/, "")}/${rest.join("/")}`;
    }
  }
  return fail(Errno.ACCES, `unix socket path ${guestPath} is outside every --dir`);
}
