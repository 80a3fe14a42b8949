/// <reference path="./types.d.ts" />
/**
 * Files and directories in Bun, over its Node-compatible synchronous
 * `node:fs` (Bun has no permission model: the runtime's resolver is the
 * sandbox). Paths are absolute host paths from that resolver.
 *
 * @module
 */

import type { BigIntStats } from "node:fs";
import { hostCall } from "../../runtime/fs/host_errno.ts";
import type { HostFile, HostFs, HostOpenOptions, HostStat } from "../../runtime/host_fs.ts";
import { FileType } from "../../runtime/wasi/constants.ts";
import { nodeFs } from "./node_fs.ts";

const FILE_MODE = 0o666;

function filetypeOf(s: BigIntStats): number {
  if (s.isFile()) return FileType.REGULAR_FILE;
  if (s.isDirectory()) return FileType.DIRECTORY;
  if (s.isSymbolicLink()) return FileType.SYMBOLIC_LINK;
  if (s.isBlockDevice()) return FileType.BLOCK_DEVICE;
  if (s.isCharacterDevice()) return FileType.CHARACTER_DEVICE;
  if (s.isSocket()) return FileType.SOCKET_STREAM;
  return FileType.UNKNOWN;
}

function toStat(s: BigIntStats): HostStat {
  return {
    filetype: filetypeOf(s),
    dev: s.dev,
    ino: s.ino,
    nlink: s.nlink,
    size: s.size,
    atimNs: s.atimeNs,
    mtimNs: s.mtimeNs,
    ctimNs: s.ctimeNs,
  };
}

/** Nanoseconds since the epoch as the seconds `node:fs` takes (microsecond precision). */
function seconds(t: bigint): number {
  return Number(t / 1000n) / 1e6;
}

class BunFile implements HostFile {
  readonly #fd: number;
  readonly #path: string;

  constructor(fd: number, path: string) {
    this.#fd = fd;
    this.#path = path;
  }

  read(buf: Uint8Array, position: number): number {
    return hostCall("pread", this.#path, () => nodeFs().readSync(this.#fd, buf, 0, buf.byteLength, position));
  }

  write(buf: Uint8Array, position: number): number {
    return hostCall("pwrite", this.#path, () => nodeFs().writeSync(this.#fd, buf, 0, buf.byteLength, position));
  }

  stat(): HostStat {
    return hostCall("fstat", this.#path, () => toStat(nodeFs().fstatSync(this.#fd, { bigint: true })));
  }

  truncate(size: number): void {
    hostCall("ftruncate", this.#path, () => nodeFs().ftruncateSync(this.#fd, size));
  }

  sync(): void {
    hostCall("fsync", this.#path, () => nodeFs().fsyncSync(this.#fd));
  }

  datasync(): void {
    hostCall("fdatasync", this.#path, () => nodeFs().fdatasyncSync(this.#fd));
  }

  setTimes(atimNs: bigint, mtimNs: bigint): void {
    hostCall("futimens", this.#path, () => nodeFs().futimesSync(this.#fd, seconds(atimNs), seconds(mtimNs)));
  }

  close(): void {
    hostCall("close", this.#path, () => nodeFs().closeSync(this.#fd));
  }
}

function openFlags(o: HostOpenOptions): number {
  const { O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_NOFOLLOW } = nodeFs().constants;
  const access = o.read && o.write ? O_RDWR : o.write ? O_WRONLY : O_RDONLY;
  // O_NOFOLLOW: the resolver never passes a link; if one was swapped in meanwhile, fail rather than follow.
  return access | O_NOFOLLOW | (o.create ? O_CREAT | O_EXCL : 0);
}

/** The Bun file system. */
export const bunFs: HostFs = {
  forbiddenNameChars: process.platform === "win32" ? "\\:" : "",
  open: (path, o) => hostCall("open", path, () => new BunFile(nodeFs().openSync(path, openFlags(o), FILE_MODE), path)),
  lstat: (path) => hostCall("lstat", path, () => toStat(nodeFs().lstatSync(path, { bigint: true }))),
  realpath: (path) => hostCall("realpath", path, () => nodeFs().realpathSync(path)),
  readdir: (path) => hostCall("readdir", path, () => nodeFs().readdirSync(path)),
  mkdir: (path) => hostCall("mkdir", path, () => nodeFs().mkdirSync(path)),
  rmdir: (path) => hostCall("rmdir", path, () => nodeFs().rmdirSync(path)),
  unlink: (path) => hostCall("unlink", path, () => nodeFs().unlinkSync(path)),
  rename: (from, to) => hostCall("rename", `${from} -> ${to}`, () => nodeFs().renameSync(from, to)),
  symlink: (target, path) => hostCall("symlink", path, () => nodeFs().symlinkSync(target, path)),
  readlink: (path) => hostCall("readlink", path, () => nodeFs().readlinkSync(path, "utf8")),
  link: (existing, newPath) => hostCall("link", `${existing} -> ${newPath}`, () => nodeFs().linkSync(existing, newPath)),
  setTimes: (path, atimNs, mtimNs) =>
    hostCall("lutimes", path, () => nodeFs().lutimesSync(path, seconds(atimNs), seconds(mtimNs))),
};
