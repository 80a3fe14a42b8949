/**
 * The file-system half of the host interface. Paths handed to it are absolute
 * host paths the runtime's sandboxed resolver (`runtime/fs/resolve.ts`)
 * produced inside a preopened directory: the host never interprets a guest
 * path. Everything is synchronous (local files; the guest is blocked on the
 * call either way, and a synchronous call cannot interleave with another
 * syscall of the same guest).
 *
 * Operations on paths never follow a symbolic link in the last component
 * unless documented otherwise; the resolver follows links itself, one
 * component at a time, so it can refuse the ones that leave the sandbox.
 *
 * Failures are thrown as {@link HostFsError} carrying the WASI errno
 * (adapters map the host's POSIX code with `runtime/fs/host_errno.ts`).
 *
 * @module
 */

import { SyscallError } from "./errno.ts";

/** A host file-system failure, already translated to a WASI errno. */
export class HostFsError extends SyscallError {
  /** The host's POSIX error code (`ENOENT`), when it gave one. */
  readonly code: string | undefined;
  constructor(errno: number, why?: string, code?: string) {
    super(errno, why);
    this.code = code;
  }
}

/** What the runtime learns from `stat`: the fields of a WASI `filestat`. */
export interface HostStat {
  /** WASI filetype (`FileType.*` in `runtime/wasi/constants.ts`). */
  filetype: number;
  /** Device the object lives on. */
  dev: bigint;
  /** Inode number. */
  ino: bigint;
  /** Number of hard links. */
  nlink: bigint;
  /** Size in bytes (the target's length for a symbolic link). */
  size: bigint;
  /** Last access time, nanoseconds since the epoch. */
  atimNs: bigint;
  /** Last modification time, nanoseconds since the epoch. */
  mtimNs: bigint;
  /** Last status change time, nanoseconds since the epoch. */
  ctimNs: bigint;
}

/** How {@link HostFs.open} opens a file. */
export interface HostOpenOptions {
  /** Open for reading. */
  read: boolean;
  /** Open for writing. */
  write: boolean;
  /**
   * Create a new regular file (mode 0666 less the umask), failing with EEXIST
   * when anything, even a dangling symbolic link, is at the path
   * (`O_CREAT|O_EXCL`: the host never follows a link to create a file).
   * With `create` the host may open for writing even if `write` is false.
   */
  create: boolean;
}

/** An open host file. Its position is the runtime's business: every access names one. */
export interface HostFile {
  /** Reads up to `buf.byteLength` bytes at `position`; returns the count, 0 at end of file. */
  read(buf: Uint8Array, position: number): number;
  /** Writes up to `buf.byteLength` bytes at `position`; returns the count written. */
  write(buf: Uint8Array, position: number): number;
  /** `fstat`. */
  stat(): HostStat;
  /** `ftruncate`: sets the size, zero-filling when it grows. */
  truncate(size: number): void;
  /** `fsync`: data and metadata reach the disk. */
  sync(): void;
  /** `fdatasync`: data reaches the disk. */
  datasync(): void;
  /** `futimens`: sets access and modification times (nanoseconds since the epoch). */
  setTimes(atimNs: bigint, mtimNs: bigint): void;
  /** Releases the host handle. Called once. */
  close(): void;
}

/** File-system operations the host provides, all on absolute host paths. */
export interface HostFs {
  /**
   * Characters a single name must not contain on this host because the host
   * gives them a meaning inside a path: `""` on Linux and macOS, `"\\:"` on
   * Windows (another separator, drive letters and streams). The resolver
   * refuses such names so that one guest component stays one host component.
   */
  readonly forbiddenNameChars: string;
  /**
   * Opens the regular file or directory at `path` (a final symbolic link is
   * the resolver's business: it never passes one). The runtime checks the
   * handle's `stat()` against the `lstat()` it resolved, so a host that
   * cannot refuse to follow a final link here is still safe.
   */
  open(path: string, options: HostOpenOptions): HostFile;
  /** `lstat`: information about `path` itself, not following a final symbolic link. */
  lstat(path: string): HostStat;
  /** Canonical absolute path of `path`, every symbolic link resolved (used for preopens only). */
  realpath(path: string): string;
  /** Names in directory `path`, in the host's order, without `.` and `..`. */
  readdir(path: string): string[];
  /** `mkdir` with mode 0777 less the umask; EEXIST when anything is at `path`. */
  mkdir(path: string): void;
  /** `rmdir`: removes an empty directory (ENOTEMPTY, ENOTDIR as Linux). */
  rmdir(path: string): void;
  /** `unlink`: removes a non-directory (EISDIR for a directory, as Linux). */
  unlink(path: string): void;
  /** `rename`, replacing `to` as POSIX allows (EISDIR, ENOTDIR, ENOTEMPTY, EINVAL as Linux). */
  rename(from: string, to: string): void;
  /** `symlink`: creates a symbolic link at `path` whose contents are `target` (not interpreted). */
  symlink(target: string, path: string): void;
  /** `readlink`: the contents of the symbolic link at `path` (EINVAL if it is not one). */
  readlink(path: string): string;
  /** `link`: a new hard link `newPath` to `existing` (never following a link at `existing`). */
  link(existing: string, newPath: string): void;
  /**
   * Sets access and modification times (nanoseconds since the epoch) of
   * `path` itself, not following a final symbolic link (`utimensat` with
   * `AT_SYMLINK_NOFOLLOW`). A host that cannot set a link's own times fails
   * with NOTSUP when `path` is a link.
   */
  setTimes(path: string, atimNs: bigint, mtimNs: bigint): void;
}
