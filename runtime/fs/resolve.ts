/**
 * Sandboxed path resolution: turns a guest path, relative to a directory
 * descriptor, into an absolute host path that is guaranteed to lie inside
 * the preopened directory the descriptor came from. Every host path the
 * runtime hands to {@link HostFs} comes from here.
 *
 * The walk is done here, one component at a time, never by the host: each
 * component is `lstat`ed, `..` pops the position (refused at the preopen's
 * root), and a symbolic link is read and its contents spliced into the
 * remaining path, so a link is followed only as far as the sandbox allows.
 * Absolute paths and absolute link targets are refused, as are relative ones
 * that climb above the root — with NOTCAPABLE, before anything outside is
 * touched. Only directories that were `lstat`ed as directories become part of
 * the position, so the host path handed to {@link HostFs} never contains a
 * symbolic link except, possibly, as the final component when the caller
 * asked not to follow it. The walk starts at the root every time, through the
 * directory descriptor's remembered components too: nothing checked by an
 * earlier call is trusted.
 *
 * Races: one guest cannot race itself (every file-system syscall is
 * synchronous), but another host process writing in the preopened tree could
 * swap a checked directory for a link between the check and the use. Opening
 * a file re-checks the object it got against the one resolved (see
 * `sameObject`); other path operations are not protected against such a
 * host-side race.
 *
 * @module
 */

import { Errno, fail } from "../errno.ts";
import type { HostFs, HostStat } from "../host_fs.ts";
import type { GuestMemory } from "../memory.ts";
import { FileType } from "../wasi/constants.ts";

/** Most symbolic links followed in one resolution (Linux's MAXSYMLINKS); ELOOP beyond. */
export const MAX_SYMLINKS = 40;
/** Longest path accepted, in bytes (Linux's PATH_MAX, without the NUL). */
export const PATH_MAX = 4095;

/** Where a path is resolved from: a directory inside a preopen. */
export interface DirBase {
  /** Canonical absolute host path of the preopened directory: the sandbox root. */
  readonly root: string;
  /** The directory itself, as components below `root` (empty for the root). */
  readonly rel: readonly string[];
}

/** When the last component, if a symbolic link, is followed. */
export const Follow = {
  /** Never: the link itself is the result (`unlink`, `rmdir`, `rename`). */
  NEVER: 0,
  /** Only when the path ends with `/` (`lstat`, `open` with `O_NOFOLLOW`, `readlink`). */
  TRAILING_SLASH: 1,
  /** Always (`stat`, `open`). */
  ALWAYS: 2,
} as const;

/** One of {@link Follow}. */
export type FollowMode = typeof Follow[keyof typeof Follow];

/** The outcome of a resolution. */
export interface Resolved {
  /** The final object as components below the root. */
  rel: string[];
  /**
   * The last component's name in its parent directory, or null when the path
   * names a directory without naming it (`.`, `a/..`, a link to `..`).
   */
  name: string | null;
  /** Absolute host path of the final object. */
  hostPath: string;
  /** `lstat` of the final object (after following, when asked), or null when it does not exist. */
  stat: HostStat | null;
  /** The path ended with `/` (or `/.`): the final object must be a directory. */
  mustBeDir: boolean;
}

const fatalUtf8 = new TextDecoder("utf-8", { fatal: true });

/** Reads a guest path: NAMETOOLONG beyond {@link PATH_MAX}, ILSEQ if not UTF-8, INVAL with a NUL. */
export function readGuestPath(mem: GuestMemory, ptr: number, len: number): string {
  const bytes = mem.bytes(ptr, len);
  if (bytes.byteLength > PATH_MAX) fail(Errno.NAMETOOLONG);
  let path: string;
  try {
    path = fatalUtf8.decode(bytes);
  } catch {
    return fail(Errno.ILSEQ, "path is not UTF-8");
  }
  if (path.includes("\0")) fail(Errno.INVAL, "path contains NUL");
  return path;
}

/** Absolute host path of `rel` below `root`. */
export function hostPathOf(root: string, rel: readonly string[]): string {
  if (rel.length === 0) return root;
  return (root.endsWith("/") ? root : root + "/") + rel.join("/");
}

/** Whether two stats describe the same object (same device and inode). */
export function sameObject(a: HostStat, b: HostStat): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

function escape(why: string): never {
  return fail(Errno.NOTCAPABLE, `${why}: leaves the preopened directory`);
}

/** Components of `path` in reverse order, so the next one is `pop()`ed. */
function reversedComponents(path: string): string[] {
  return path.split("/").reverse();
}

/** EINVAL for a name holding a character the host reads as path syntax (Windows' `\\` and `:`). */
function checkName(fs: HostFs, name: string): void {
  for (const ch of fs.forbiddenNameChars) {
    if (name.includes(ch)) fail(Errno.INVAL, `'${ch}' in a name is path syntax on this host`);
  }
}

/** Whether every component still pending is empty or `.` (the next one is the last). */
function onlyDots(pending: string[]): boolean {
  for (const c of pending) if (c !== "" && c !== ".") return false;
  return true;
}

/**
 * Resolves guest `path` relative to `base`. Intermediate symbolic links are
 * always followed; one in the last component as `follow` says.
 * Fails with NOTCAPABLE on an escape, ENOENT/ENOTDIR on a missing or
 * non-directory intermediate component, ELOOP after {@link MAX_SYMLINKS}
 * links. A missing last component is not an error: `stat` is null. A
 * trailing `/` on an existing non-directory is ENOTDIR unless `creating`
 * (the caller makes the last component, and fails its own way: EEXIST, EISDIR).
 */
export function resolve(fs: HostFs, base: DirBase, path: string, follow: FollowMode, creating = false): Resolved {
  if (path === "") fail(Errno.NOENT, "empty path");
  if (path.startsWith("/")) escape(`absolute path '${path}'`);
  const { root } = base;
  // The base directory's own components are walked again, from the root,
  // like the rest: a directory the guest holds open may since have been
  // moved and its old path rebuilt from links that lead elsewhere.
  const pos: string[] = [];
  const pending = reversedComponents(path);
  for (let i = base.rel.length - 1; i >= 0; i--) pending.push(base.rel[i]);
  let links = 0;
  while (pending.length > 0) {
    const c = pending.pop()!;
    if (c === "" || c === ".") continue;
    if (c === "..") {
      if (pos.length === 0) escape("'..' at the root");
      pos.pop();
      continue;
    }
    checkName(fs, c);
    const last = onlyDots(pending);
    const mustBeDir = last && pending.length > 0;
    const rel = [...pos, c];
    const hostPath = hostPathOf(root, rel);
    let stat: HostStat | null;
    try {
      stat = fs.lstat(hostPath);
    } catch (e) {
      if (last && (e as { errno?: number }).errno === Errno.NOENT) {
        return { rel, name: c, hostPath, stat: null, mustBeDir };
      }
      throw e;
    }
    const followLast = follow === Follow.ALWAYS || (mustBeDir && follow === Follow.TRAILING_SLASH);
    if (stat.filetype === FileType.SYMBOLIC_LINK && (!last || followLast)) {
      if (++links > MAX_SYMLINKS) fail(Errno.LOOP, "too many symbolic links");
      const target = fs.readlink(hostPath);
      if (target === "") fail(Errno.NOENT, "empty symbolic link");
      if (target.startsWith("/")) escape(`symbolic link to absolute path '${target}'`);
      pending.push(...reversedComponents(target));
      continue;
    }
    if (last) {
      if (mustBeDir && !creating && stat.filetype !== FileType.DIRECTORY) fail(Errno.NOTDIR);
      return { rel, name: c, hostPath, stat, mustBeDir };
    }
    if (stat.filetype !== FileType.DIRECTORY) fail(Errno.NOTDIR);
    pos.push(c);
  }
  const hostPath = hostPathOf(root, pos);
  return { rel: pos, name: null, hostPath, stat: fs.lstat(hostPath), mustBeDir: true };
}

/**
 * Checks the contents of a symbolic link the guest creates in directory
 * `linkDir` (components below the root): refused with NOTCAPABLE when
 * absolute or when, read lexically from there, it climbs above the root, so
 * a guest cannot simply plant a link pointing out for host programs to follow
 * later. (This is a first line only: links combined, or moved to a shallower
 * directory, can still point out when a *host* program follows them; the
 * sandbox itself never follows a link out — see {@link resolve}.)
 */
export function checkLinkTarget(fs: HostFs, linkDir: readonly string[], target: string): void {
  if (target.startsWith("/")) escape(`symbolic link to absolute path '${target}'`);
  let depth = linkDir.length;
  for (const c of target.split("/")) {
    if (c === "" || c === ".") continue;
    checkName(fs, c);
    if (c === "..") {
      if (depth === 0) escape(`symbolic link to '${target}'`);
      depth--;
    } else depth++;
  }
}

/**
 * `.` or `..` when that is the path's last component (`a/.`, `..`, `x/../`),
 * else null. Operations on a name in a directory (mkdir, unlink, rename, …)
 * refuse those, each with its own errno, as Linux does.
 */
export function dotLast(path: string): "." | ".." | null {
  const parts = path.replace(/\/+$/, "").split("/");
  const last = parts[parts.length - 1];
  return last === "." || last === ".." ? last : null;
}

/** Whether `st` is a directory. */
export function isDir(st: HostStat | null): boolean {
  return st !== null && st.filetype === FileType.DIRECTORY;
}
