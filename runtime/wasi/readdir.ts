/**
 * `fd_readdir`: directory entries as a stream of `dirent` headers, each
 * followed by its name, starting at a cookie. The listing is read from the
 * host (and each entry `lstat`ed for its inode and type) when the guest starts
 * at cookie 0; later cookies index that same listing, so a guest reading in
 * chunks sees every entry exactly once. `.` and `..` come first, as Linux's
 * `readdir` gives them. When the buffer is too small the last entry is cut
 * short and the buffer is filled to the byte, which is how the guest learns
 * to retry with a bigger one (the spec's rule).
 *
 * @module
 */

import type { Context } from "../context.ts";
import { Errno, fail } from "../errno.ts";
import { DirEntry, type DirListingEntry } from "../fs/dir_entry.ts";
import { hostPathOf } from "../fs/resolve.ts";
import type { HostFs } from "../host_fs.ts";
import { utf8 } from "../memory.ts";
import { sync, type SyscallTable } from "../syscall.ts";
import { FileType } from "./constants.ts";
import { Dirent } from "./layout.ts";

/** Reads directory `dir` from the host: `.`, `..`, then the host's entries in its order. */
export function listDirectory(fs: HostFs, dir: DirEntry): DirListingEntry[] {
  const here = dir.resolveSelf();
  const path = here.hostPath;
  const self = here.stat!;
  // At the preopen's root, `..` describes the root itself: nothing outside is stat'ed.
  const parent = here.rel.length === 0 ? self : fs.lstat(hostPathOf(dir.root, here.rel.slice(0, -1)));
  const out: DirListingEntry[] = [
    { name: ".", ino: self.ino, filetype: FileType.DIRECTORY },
    { name: "..", ino: parent.ino, filetype: FileType.DIRECTORY },
  ];
  for (const name of fs.readdir(path)) {
    try {
      const st = fs.lstat(hostPathOf(path, [name]));
      out.push({ name, ino: st.ino, filetype: st.filetype });
    } catch {
      // Removed between the listing and the stat: it is no longer there.
    }
  }
  return out;
}

/** One entry as the guest sees it: the `dirent` header, then the name. */
export function encodeDirent(entry: DirListingEntry, next: bigint): Uint8Array {
  const name = utf8(entry.name);
  const out = new Uint8Array(Dirent.SIZE + name.byteLength);
  const view = new DataView(out.buffer);
  view.setBigUint64(Dirent.NEXT, next, true);
  view.setBigUint64(Dirent.INO, entry.ino, true);
  view.setUint32(Dirent.NAMLEN, name.byteLength, true);
  view.setUint8(Dirent.TYPE, entry.filetype);
  out.set(name, Dirent.SIZE);
  return out;
}

/** `fd_readdir(fd, buf, buf_len, cookie, out bufused)`. */
export function fd_readdir(
  ctx: Context,
  fd: number,
  bufPtr: number,
  bufLen: number,
  cookie: bigint,
  usedPtr: number,
): void {
  const dir = ctx.fds.get(fd);
  if (!(dir instanceof DirEntry)) fail(Errno.NOTDIR);
  const buf = ctx.mem.bytes(bufPtr, bufLen);
  ctx.mem.check(usedPtr, 4);
  const start = BigInt.asUintN(64, BigInt(cookie));
  if (start === 0n || dir.listing === null) dir.listing = listDirectory(ctx.host.fs, dir);
  const listing = dir.listing;
  let used = 0;
  for (let i = start; i < BigInt(listing.length) && used < buf.byteLength; i++) {
    const bytes = encodeDirent(listing[Number(i)], i + 1n);
    const n = Math.min(bytes.byteLength, buf.byteLength - used);
    buf.set(bytes.subarray(0, n), used);
    used += n;
  }
  ctx.mem.setU32(usedPtr, used);
}

/** The directory-reading import. */
export const readdirSyscalls: SyscallTable = { fd_readdir: sync(fd_readdir) };
