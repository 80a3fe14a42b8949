/**
 * A descriptor for a directory inside a preopen: the preopens themselves
 * (fds 3…) and directories the guest opens with `path_open`. It is a place to
 * resolve paths from, not a host handle: it remembers where it is (the
 * preopen's root and the components below it) and asks the host by path.
 *
 * @module
 */

import { Errno, fail } from "../errno.ts";
import { FdEntry } from "../fd_entry.ts";
import type { HostFs, HostStat } from "../host_fs.ts";
import type { GuestMemory, IoVec } from "../memory.ts";
import { FileType } from "../wasi/constants.ts";
import { type DirBase, Follow, resolve, type Resolved } from "./resolve.ts";

/** One entry of a directory listing, as `fd_readdir` reports it. */
export interface DirListingEntry {
  /** Name in the directory. */
  name: string;
  /** Inode number. */
  ino: bigint;
  /** WASI filetype (of the entry itself: a link is a link). */
  filetype: number;
}

/** An open directory. */
export class DirEntry extends FdEntry implements DirBase {
  readonly filetype: number = FileType.DIRECTORY;
  /** Canonical host path of the preopen this directory lies in. */
  root: string;
  /**
   * This directory as components below {@link root}; updated when the guest
   * renames it or a directory above it (`path_rename`), as the open
   * directory follows its inode on Linux.
   */
  rel: readonly string[];
  /** The name the guest knows a preopen by (`/data`), or null for a directory it opened. */
  readonly preopenName: string | null;
  /**
   * The listing `fd_readdir` serves cookies from: taken when the guest
   * starts reading at cookie 0 (opendir, rewinddir), so cookies stay stable
   * while it reads on.
   */
  listing: DirListingEntry[] | null = null;
  readonly #fs: HostFs;

  constructor(fs: HostFs, root: string, rel: readonly string[], preopenName: string | null = null) {
    super();
    this.#fs = fs;
    this.root = root;
    this.rel = rel;
    this.preopenName = preopenName;
  }

  /**
   * This directory resolved again from the root (see `resolve`): its host
   * path is then made of checked directories only. ENOENT once it is gone.
   */
  resolveSelf(): Resolved {
    const r = resolve(
      this.#fs,
      { root: this.root, rel: [] },
      this.rel.length === 0 ? "." : this.rel.join("/"),
      Follow.ALWAYS,
    );
    if (r.stat === null) fail(Errno.NOENT, "the directory no longer exists");
    if (r.stat.filetype !== FileType.DIRECTORY) fail(Errno.NOTDIR, "the directory was replaced");
    return r;
  }

  /** Absolute host path of this directory, checked as {@link resolveSelf} does. */
  hostPath(): string {
    return this.resolveSelf().hostPath;
  }

  /** `fstat`. */
  stat(): HostStat {
    return this.resolveSelf().stat!;
  }

  /** After the guest renamed `from` to `to` (components below the roots), keeps this entry on its directory. */
  renamed(fromRoot: string, from: readonly string[], toRoot: string, to: readonly string[]): void {
    if (this.root !== fromRoot || this.rel.length < from.length) return;
    if (!from.every((c, i) => this.rel[i] === c)) return;
    this.root = toRoot;
    this.rel = [...to, ...this.rel.slice(from.length)];
    this.listing = null;
  }

  /** Reading a directory descriptor with `read` fails as on Linux. */
  override read(_mem: GuestMemory, _iovs: IoVec[]): number {
    return fail(Errno.ISDIR);
  }

  /** A directory is never open for writing. */
  override write(_mem: GuestMemory, _iovs: IoVec[]): number {
    return fail(Errno.BADF);
  }
}
