/**
 * The descriptor table: one numbering for stdio, preopened directories, files
 * and sockets. The lowest free number is handed out, as POSIX says.
 *
 * @module
 */

import { Errno, fail } from "./errno.ts";
import { type FdEntry, isSocketType } from "./fd_entry.ts";

/** Default cap on open descriptors (Linux's usual soft RLIMIT_NOFILE). */
export const DEFAULT_MAX_FDS = 1024;

/** Descriptor numbers → open entries. */
export class FdTable {
  #entries: (FdEntry | undefined)[] = [];
  #count = 0;
  /** Open sockets, shared by the tables of processes made by fork(). */
  #open = { sockets: 0 };
  /** Most descriptors open at once; more fail with EMFILE. */
  readonly maxFds: number;
  #limit: number;

  constructor(maxFds = DEFAULT_MAX_FDS) {
    this.maxFds = this.#limit = maxFds;
  }

  /**
   * RLIMIT_NOFILE's soft limit (setrlimit): a new descriptor gets a number
   * below it or fails with EMFILE, as on Linux. At most `maxFds`, which is
   * also where it starts.
   */
  get limit(): number {
    return this.#limit;
  }

  set limit(n: number) {
    if (!Number.isInteger(n) || n < 0 || n > this.maxFds) {
      fail(Errno.INVAL, `descriptor limit ${n} (at most ${this.maxFds})`);
    }
    this.#limit = n;
  }

  /** Number of open descriptors. */
  get size(): number {
    return this.#count;
  }

  /** Number of open sockets (one per socket, however many descriptors refer to it). */
  get sockets(): number {
    return this.#open.sockets;
  }

  /** The entry at `fd`, or EBADF. */
  get(fd: number): FdEntry {
    const e = this.#entries[fd];
    if (e === undefined) fail(Errno.BADF);
    return e;
  }

  /** The entry at `fd`, or undefined. */
  peek(fd: number): FdEntry | undefined {
    return this.#entries[fd];
  }

  /** Places `entry` at the lowest free number ≥ `min`; EMFILE when full. */
  insert(entry: FdEntry, min = 0): number {
    if (this.#count >= this.maxFds) fail(Errno.MFILE, `descriptor limit ${this.maxFds} reached`);
    let fd = min;
    while (this.#entries[fd] !== undefined) fd++;
    if (fd >= this.#limit) fail(Errno.MFILE, `no descriptor free below RLIMIT_NOFILE ${this.#limit}`);
    this.#place(fd, entry);
    return fd;
  }

  #place(fd: number, entry: FdEntry): void {
    this.#entries[fd] = entry;
    if (entry.refs++ === 0 && isSocketType(entry.filetype)) this.#open.sockets++;
    this.#count++;
  }

  /**
   * Removes `fd`; returns the entry's close (a promise for sockets) when it was
   * the last number referring to it.
   */
  remove(fd: number): void | Promise<void> {
    const e = this.get(fd);
    this.#entries[fd] = undefined;
    this.#count--;
    if (--e.refs > 0) return;
    if (isSocketType(e.filetype)) this.#open.sockets--;
    return e.close();
  }

  /** `fd_renumber`: atomically moves `from` to `to`, closing what `to` held. */
  renumber(from: number, to: number): void | Promise<void> {
    const e = this.get(from);
    this.get(to);
    if (from === to) return;
    const closing = this.remove(to);
    this.#entries[from] = undefined;
    this.#entries[to] = e;
    return closing;
  }

  /**
   * [concurrency] fork(): a table with the same numbers referring to the same
   * entries (an entry's `refs` counts the references of both), sharing the
   * socket count, so that a socket closes when its last holder in any
   * process closes it and `--max-connections` caps the whole process tree.
   */
  fork(): FdTable {
    const t = new FdTable(this.maxFds);
    t.#limit = this.#limit;
    t.#open = this.#open;
    for (const [fd, e] of this.entries()) {
      t.#entries[fd] = e;
      e.refs++;
      t.#count++;
    }
    return t;
  }

  /** Every open `[fd, entry]` pair. */
  *entries(): IterableIterator<[number, FdEntry]> {
    for (let fd = 0; fd < this.#entries.length; fd++) {
      const e = this.#entries[fd];
      if (e !== undefined) yield [fd, e];
    }
  }

  /** Closes everything (the guest ended); waits for sockets to close. */
  async closeAll(): Promise<void> {
    const closing: Promise<void>[] = [];
    for (const [fd] of [...this.entries()]) {
      try {
        const p = this.remove(fd);
        if (p) closing.push(p.catch(() => {}));
      } catch { /* closing on the way out: nothing to report to */ }
    }
    await Promise.all(closing);
  }
}
