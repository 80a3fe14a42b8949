/**
 * `path_open`'s decisions, over a {@link HostFs}: what to do with each
 * combination of CREAT/EXCL/TRUNC/DIRECTORY and what is at the path, with
 * Linux's errnos — and without ever creating or opening anything the
 * resolver did not place inside the sandbox.
 *
 * A new file is always created with `O_CREAT|O_EXCL` (which never follows a
 * link), so a link planted at the path cannot redirect the creation; without
 * EXCL, finding something there after all means resolving again. An existing
 * file is opened and then compared (device and inode) with what the resolver
 * `lstat`ed, and truncated only after that check, so a file swapped in by
 * another host process between the two is closed untouched.
 *
 * @module
 */

import { Errno, fail } from "../errno.ts";
import type { HostFile, HostFs } from "../host_fs.ts";
import { FileType } from "../wasi/constants.ts";
import { DirEntry } from "./dir_entry.ts";
import { FileEntry } from "./file_entry.ts";
import { type DirBase, Follow, resolve, sameObject } from "./resolve.ts";

/** How many times the path may change under us before giving up. */
const RACE_RETRIES = 8;

/** What `path_open` asks for, decoded from its flags and rights. */
export interface OpenRequest {
  /** `FD_READ` right. */
  read: boolean;
  /** `FD_WRITE` right. */
  write: boolean;
  /** `O_CREAT`. */
  create: boolean;
  /** `O_EXCL`. */
  exclusive: boolean;
  /** `O_TRUNC`. */
  truncate: boolean;
  /** `O_DIRECTORY`. */
  directory: boolean;
  /** `SYMLINK_FOLLOW` (clear means `O_NOFOLLOW`). */
  follow: boolean;
}

/** The host file at `path`, if it is still the object `lstat` described by `expect`. */
function openChecked(
  fs: HostFs,
  path: string,
  read: boolean,
  write: boolean,
  expect: { dev: bigint; ino: bigint },
): HostFile | null {
  const file = fs.open(path, { read, write, create: false });
  try {
    const got = file.stat();
    if (got.dev === expect.dev && got.ino === expect.ino) return file;
  } catch (e) {
    file.close();
    throw e;
  }
  file.close();
  return null;
}

function refuseSpecial(filetype: number): never {
  if (filetype === FileType.SOCKET_STREAM || filetype === FileType.SOCKET_DGRAM) fail(Errno.NXIO);
  return fail(Errno.NOTSUP, "only regular files and directories can be opened");
}

/** Opens `path` relative to `base` as `req` says; the caller sets rights and flags on the result. */
export function openPath(fs: HostFs, base: DirBase, path: string, req: OpenRequest): FileEntry | DirEntry {
  if (req.create && req.directory) fail(Errno.INVAL, "O_CREAT with O_DIRECTORY");
  const exclusive = req.create && req.exclusive;
  const follow = req.follow && !exclusive ? Follow.ALWAYS : Follow.TRAILING_SLASH;
  const hostRead = req.read || !req.write;
  for (let attempt = 0; attempt < RACE_RETRIES; attempt++) {
    const r = resolve(fs, base, path, follow, req.create);
    const st = r.stat;
    // Linux: O_CREAT with a trailing slash is EISDIR, whatever is there.
    if (req.create && r.mustBeDir) fail(Errno.ISDIR, "O_CREAT with a trailing slash");
    if (st === null) {
      if (!req.create) fail(Errno.NOENT);
      let file: HostFile;
      try {
        file = fs.open(r.hostPath, { read: hostRead, write: req.write, create: true });
      } catch (e) {
        if ((e as { errno?: number }).errno === Errno.EXIST && !exclusive) continue;
        throw e;
      }
      if (sameObject(file.stat(), fs.lstat(r.hostPath))) return new FileEntry(file);
      file.close();
      continue;
    }
    if (exclusive) fail(Errno.EXIST);
    if (st.filetype === FileType.SYMBOLIC_LINK) fail(Errno.LOOP, "O_NOFOLLOW on a symbolic link");
    if (st.filetype === FileType.DIRECTORY) {
      if (req.write || req.truncate || req.create) fail(Errno.ISDIR);
      return new DirEntry(fs, base.root, r.rel);
    }
    if (req.directory) fail(Errno.NOTDIR);
    if (st.filetype !== FileType.REGULAR_FILE) refuseSpecial(st.filetype);
    const file = openChecked(fs, r.hostPath, hostRead, req.write, st);
    if (file === null) continue;
    if (req.truncate) {
      try {
        truncateOpened(fs, file, r.hostPath, req.write, st);
      } catch (e) {
        file.close();
        throw e;
      }
    }
    return new FileEntry(file);
  }
  return fail(Errno.AGAIN, "the path kept changing while it was opened");
}

/** `O_TRUNC`: through the handle when it writes, else (Linux truncates `O_RDONLY|O_TRUNC` too) a second one. */
function truncateOpened(
  fs: HostFs,
  file: HostFile,
  path: string,
  writable: boolean,
  st: { dev: bigint; ino: bigint },
): void {
  if (writable) return file.truncate(0);
  const w = openChecked(fs, path, false, true, st);
  if (w === null) fail(Errno.AGAIN, "the file changed while it was opened");
  try {
    w.truncate(0);
  } finally {
    w.close();
  }
}
