/**
 * Absolute guest paths that do not come through a directory descriptor (a
 * unix socket's `sun_path`, for instance) resolved the way wasi-libc resolves
 * `open("/data/x")`: the longest preopen name that is a prefix of the path,
 * then the rest through the sandboxed resolver, so links are followed only
 * inside the preopen and `..` cannot climb out of it.
 *
 * @module
 */

import type { Context } from "../context.ts";
import { DirEntry } from "./dir_entry.ts";
import { type FollowMode, resolve, type Resolved } from "./resolve.ts";

function components(path: string): string[] {
  return path.split("/").filter((c) => c !== "" && c !== ".");
}

/** The open preopen whose guest name is the longest prefix of `guestPath`, and the rest of the path. */
export function findPreopen(ctx: Context, guestPath: string): { dir: DirEntry; rest: string[] } | null {
  if (!guestPath.startsWith("/")) return null;
  const parts = components(guestPath);
  let best: { dir: DirEntry; rest: string[] } | null = null;
  let bestLen = -1;
  for (const [, e] of ctx.fds.entries()) {
    if (!(e instanceof DirEntry) || e.preopenName === null || !e.preopenName.startsWith("/")) continue;
    const name = components(e.preopenName);
    if (name.length <= bestLen || name.length > parts.length) continue;
    if (!name.every((c, i) => parts[i] === c)) continue;
    best = { dir: e, rest: parts.slice(name.length) };
    bestLen = name.length;
  }
  return best;
}

/**
 * Resolves absolute `guestPath` inside the preopen it names (see
 * {@link findPreopen}); null when no preopen matches. Errors as `resolve`
 * (NOTCAPABLE for an escape). `..` is not collapsed before matching, as in
 * wasi-libc: `/data/../etc` is `..` below `/data`, refused.
 */
export function resolveGuestPath(
  ctx: Context,
  guestPath: string,
  follow: FollowMode,
  creating = false,
): Resolved | null {
  const found = findPreopen(ctx, guestPath);
  if (found === null) return null;
  const rest = found.rest.length === 0 ? "." : found.rest.join("/") + (guestPath.endsWith("/") ? "/" : "");
  return resolve(ctx.host.fs, found.dir, rest, follow, creating);
}
