/**
 * Opening the directories granted with `--dir` as descriptors 3, 4, …: each
 * host path is made canonical (so the sandbox root contains no symbolic
 * link) and must be an existing directory, or the run does not start.
 *
 * @module
 */

import { Errno } from "../errno.ts";
import { type HostFs, HostFsError } from "../host_fs.ts";
import type { Preopen } from "../run.ts";
import { FileType } from "../wasi/constants.ts";
import { DirEntry } from "./dir_entry.ts";

/** A `--dir` grant that cannot be honoured; the message says why, for the user. */
export class PreopenError extends Error {}

/** The guest name without trailing slashes (`/data/` → `/data`; `/` stays). */
export function normalizeGuestName(name: string): string {
  const trimmed = name.replace(/\/+$/, "");
  return trimmed === "" && name.startsWith("/") ? "/" : trimmed;
}

function reason(e: unknown): string {
  switch ((e as { errno?: number }).errno) {
    case Errno.NOENT:
      return "no such directory";
    case Errno.NOTDIR:
      return "not a directory";
    case Errno.ACCES:
    case Errno.PERM:
      return "permission denied";
    default:
      return e instanceof Error ? e.message : String(e);
  }
}

/** Opens one preopen; throws {@link PreopenError} when `hostPath` is not an existing directory. */
export function openPreopen(fs: HostFs, preopen: Preopen): DirEntry {
  const where = `--dir=${preopen.hostPath}`;
  const guest = normalizeGuestName(preopen.guestPath);
  if (guest === "") throw new PreopenError(`${where}: the guest path is empty`);
  let root: string;
  try {
    root = fs.realpath(preopen.hostPath);
    if (fs.lstat(root).filetype !== FileType.DIRECTORY) throw new HostFsError(Errno.NOTDIR);
  } catch (e) {
    throw new PreopenError(`${where}: cannot grant '${preopen.hostPath}': ${reason(e)}`);
  }
  return new DirEntry(fs, root, [], guest);
}
