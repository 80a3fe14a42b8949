/**
 * A descriptor for a regular file: a host handle plus the file position,
 * which lives here (the host is asked for positional reads and writes only),
 * so `read`, `write`, `pread`, `pwrite` and `seek` behave as Linux's do.
 *
 * @module
 */

import { Errno, fail } from "../errno.ts";
import { FdEntry } from "../fd_entry.ts";
import type { HostFile, HostStat } from "../host_fs.ts";
import type { GuestMemory, IoVec } from "../memory.ts";
import { FdFlags, FileType, Rights, Whence } from "../wasi/constants.ts";

/** Largest file offset sockbox handles (JS numbers are exact up to here). */
export const MAX_OFFSET = Number.MAX_SAFE_INTEGER;

/** An open regular file. */
export class FileEntry extends FdEntry {
  readonly filetype: number = FileType.REGULAR_FILE;
  /** The host handle. */
  readonly file: HostFile;
  /** The file position. */
  position = 0;
  #closed = false;

  constructor(file: HostFile) {
    super();
    this.file = file;
  }

  /** Whether the descriptor was opened for reading (`FD_READ` right). */
  get readable(): boolean {
    return (this.rightsBase & Rights.FD_READ) !== 0n;
  }

  /** Whether the descriptor was opened for writing (`FD_WRITE` right). */
  get writable(): boolean {
    return (this.rightsBase & Rights.FD_WRITE) !== 0n;
  }

  /** `fstat`. */
  stat(): HostStat {
    return this.file.stat();
  }

  #readAt(mem: GuestMemory, iovs: IoVec[], position: number): number {
    if (!this.readable) fail(Errno.BADF, "not open for reading");
    let done = 0;
    for (const v of iovs) {
      let off = 0;
      while (off < v.len) {
        const n = this.file.read(mem.bytes(v.ptr + off, v.len - off), position + done);
        if (n <= 0) return done;
        off += n;
        done += n;
      }
    }
    return done;
  }

  #endOfFile(): number {
    return Number(this.file.stat().size);
  }

  #writeAt(mem: GuestMemory, iovs: IoVec[], position: number): number {
    const done = this.#writeAll(mem, iovs, position);
    // O_SYNC / O_DSYNC: the data is on disk when the write returns.
    if (this.fdflags & FdFlags.SYNC) this.file.sync();
    else if (this.fdflags & FdFlags.DSYNC) this.file.datasync();
    return done;
  }

  #writeAll(mem: GuestMemory, iovs: IoVec[], position: number): number {
    if (!this.writable) fail(Errno.BADF, "not open for writing");
    let done = 0;
    for (const v of iovs) {
      let off = 0;
      while (off < v.len) {
        if (position + done + (v.len - off) > MAX_OFFSET) {
          if (done > 0) return done;
          fail(Errno.FBIG);
        }
        const n = this.file.write(mem.bytes(v.ptr + off, v.len - off), position + done);
        if (n <= 0) return done;
        off += n;
        done += n;
      }
    }
    return done;
  }

  /** `fd_read`: reads at the position and advances it. */
  override read(mem: GuestMemory, iovs: IoVec[]): number {
    const n = this.#readAt(mem, iovs, this.position);
    this.position += n;
    return n;
  }

  /** `fd_write`: writes at the position (at the end with APPEND) and advances it. */
  override write(mem: GuestMemory, iovs: IoVec[]): number {
    if (!this.writable) fail(Errno.BADF, "not open for writing");
    const start = this.fdflags & FdFlags.APPEND ? this.#endOfFile() : this.position;
    const n = this.#writeAt(mem, iovs, start);
    this.position = start + n;
    return n;
  }

  /** `fd_pread`: reads at `offset`; the position does not move. */
  pread(mem: GuestMemory, iovs: IoVec[], offset: number): number {
    return this.#readAt(mem, iovs, offset);
  }

  /**
   * `fd_pwrite`: writes at `offset`; the position does not move. With APPEND
   * the data goes to the end of the file whatever the offset, as on Linux.
   */
  pwrite(mem: GuestMemory, iovs: IoVec[], offset: number): number {
    if (!this.writable) fail(Errno.BADF, "not open for writing");
    return this.#writeAt(mem, iovs, this.fdflags & FdFlags.APPEND ? this.#endOfFile() : offset);
  }

  /** `fd_seek`: moves the position; EINVAL for a bad whence or a negative result. */
  seek(offset: number, whence: number): number {
    let base: number;
    switch (whence) {
      case Whence.SET:
        base = 0;
        break;
      case Whence.CUR:
        base = this.position;
        break;
      case Whence.END:
        base = this.#endOfFile();
        break;
      default:
        return fail(Errno.INVAL, `unknown whence ${whence}`);
    }
    const next = base + offset;
    if (next < 0) fail(Errno.INVAL, "negative file offset");
    if (next > MAX_OFFSET) fail(Errno.INVAL, "file offset too large");
    this.position = next;
    return next;
  }

  override close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.file.close();
  }
}
