/**
 * Files and directories over Deno's synchronous file-system API. Paths are
 * absolute host paths from the runtime's sandboxed resolver.
 *
 * Deno specifics: `FsFile` has no positional read/write, so each access
 * seeks first (the runtime owns the file position anyway); `create` needs
 * `write`, so a file created for reading only is created, closed and reopened;
 * there is no `lutimes`, so a symbolic link's own times cannot be set
 * (NOTSUP); `Deno.FileInfo` times are whole milliseconds (ctime whole
 * seconds), so nanosecond fields are rounded accordingly.
 *
 * @module
 */

import { Errno } from "../../runtime/errno.ts";
import { hostCall } from "../../runtime/fs/host_errno.ts";
import { type HostFile, type HostFs, HostFsError, type HostOpenOptions, type HostStat } from "../../runtime/host_fs.ts";
import { FileType } from "../../runtime/wasi/constants.ts";

function filetypeOf(info: Deno.FileInfo): number {
  if (info.isFile) return FileType.REGULAR_FILE;
  if (info.isDirectory) return FileType.DIRECTORY;
  if (info.isSymlink) return FileType.SYMBOLIC_LINK;
  if (info.isBlockDevice) return FileType.BLOCK_DEVICE;
  if (info.isCharDevice) return FileType.CHARACTER_DEVICE;
  if (info.isSocket) return FileType.SOCKET_STREAM;
  return FileType.UNKNOWN;
}

function ns(d: Date | null): bigint {
  return d === null ? 0n : BigInt(d.getTime()) * 1_000_000n;
}

function toStat(info: Deno.FileInfo): HostStat {
  return {
    filetype: filetypeOf(info),
    dev: BigInt(info.dev ?? 0),
    ino: BigInt(info.ino ?? 0),
    nlink: BigInt(info.nlink ?? 1),
    size: BigInt(info.size),
    atimNs: ns(info.atime),
    mtimNs: ns(info.mtime),
    ctimNs: ns(info.ctime),
  };
}

/** Nanoseconds since the epoch as the seconds Deno's `utime` takes (microsecond precision). */
function seconds(t: bigint): number {
  return Number(t / 1000n) / 1e6;
}

class DenoFile implements HostFile {
  readonly #file: Deno.FsFile;
  readonly #path: string;

  constructor(file: Deno.FsFile, path: string) {
    this.#file = file;
    this.#path = path;
  }

  read(buf: Uint8Array, position: number): number {
    return hostCall("read", this.#path, () => {
      this.#file.seekSync(position, Deno.SeekMode.Start);
      return this.#file.readSync(buf) ?? 0;
    });
  }

  write(buf: Uint8Array, position: number): number {
    return hostCall("write", this.#path, () => {
      this.#file.seekSync(position, Deno.SeekMode.Start);
      return this.#file.writeSync(buf);
    });
  }

  stat(): HostStat {
    return hostCall("fstat", this.#path, () => toStat(this.#file.statSync()));
  }

  truncate(size: number): void {
    hostCall("ftruncate", this.#path, () => this.#file.truncateSync(size));
  }

  sync(): void {
    hostCall("fsync", this.#path, () => this.#file.syncSync());
  }

  datasync(): void {
    hostCall("fdatasync", this.#path, () => this.#file.syncDataSync());
  }

  setTimes(atimNs: bigint, mtimNs: bigint): void {
    hostCall("futimens", this.#path, () => this.#file.utimeSync(seconds(atimNs), seconds(mtimNs)));
  }

  close(): void {
    hostCall("close", this.#path, () => this.#file.close());
  }
}

function open(path: string, o: HostOpenOptions): HostFile {
  return hostCall("open", path, () => {
    if (o.create && !o.write) {
      // Deno refuses `createNew` without `write`: create, then reopen as asked.
      Deno.openSync(path, { write: true, createNew: true }).close();
      return new DenoFile(Deno.openSync(path, { read: true }), path);
    }
    return new DenoFile(Deno.openSync(path, { read: o.read, write: o.write, createNew: o.create }), path);
  });
}

function lstat(path: string): HostStat {
  return hostCall("lstat", path, () => toStat(Deno.lstatSync(path)));
}

/** The Deno file system. */
export const denoFs: HostFs = {
  forbiddenNameChars: Deno.build.os === "windows" ? "\\:" : "",
  open,
  lstat,
  realpath: (path) => hostCall("realpath", path, () => Deno.realPathSync(path)),
  readdir: (path) => hostCall("readdir", path, () => Array.from(Deno.readDirSync(path), (e) => e.name)),
  mkdir: (path) => hostCall("mkdir", path, () => Deno.mkdirSync(path)),
  rmdir(path) {
    // Deno.removeSync removes files too: refuse them first, as rmdir(2) does.
    if (lstat(path).filetype !== FileType.DIRECTORY) throw new HostFsError(Errno.NOTDIR, `rmdir ${path}`);
    hostCall("rmdir", path, () => Deno.removeSync(path));
  },
  unlink(path) {
    // Deno.removeSync removes empty directories too: refuse them, as unlink(2) does on Linux.
    if (lstat(path).filetype === FileType.DIRECTORY) throw new HostFsError(Errno.ISDIR, `unlink ${path}`);
    hostCall("unlink", path, () => Deno.removeSync(path));
  },
  rename: (from, to) => hostCall("rename", `${from} -> ${to}`, () => Deno.renameSync(from, to)),
  symlink: (target, path) => hostCall("symlink", path, () => Deno.symlinkSync(target, path)),
  readlink: (path) => hostCall("readlink", path, () => Deno.readLinkSync(path)),
  link: (existing, newPath) => hostCall("link", `${existing} -> ${newPath}`, () => Deno.linkSync(existing, newPath)),
  setTimes(path, atimNs, mtimNs) {
    // No lutimes in Deno: utime follows links, so a link's own times cannot be set.
    if (lstat(path).filetype === FileType.SYMBOLIC_LINK) {
      throw new HostFsError(Errno.NOTSUP, `lutimes ${path}: Deno cannot set a symbolic link's times`);
    }
    hostCall("utimes", path, () => Deno.utimeSync(path, seconds(atimNs), seconds(mtimNs)));
  },
};
