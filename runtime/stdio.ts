/**
 * Descriptors 0, 1 and 2. Output is written synchronously (nothing is lost
 * when the guest exits or traps); stdin is read ahead in the background only
 * once the guest reads or polls it, so `poll` can answer for it.
 *
 * @module
 */

import { type Readiness, FdEntry } from "./fd_entry.ts";
import { Errno, fail } from "./errno.ts";
import type { HostStdio } from "./host.ts";
import { errnoFromHostError } from "./host_errors.ts";
import { type GuestMemory, type IoVec, iovTotal } from "./memory.ts";
import { FdFlags, FileType } from "./wasi/constants.ts";

const STDIN_CHUNK = 65536;

/** Descriptor 0. */
export class StdinEntry extends FdEntry {
  readonly filetype: number;
  #stdio: HostStdio;
  #chunks: Uint8Array[] = [];
  #buffered = 0;
  #eof = false;
  #reading: Promise<void> | null = null;

  constructor(stdio: HostStdio) {
    super();
    this.#stdio = stdio;
    this.filetype = stdio.isTerminal(0) ? FileType.CHARACTER_DEVICE : FileType.UNKNOWN;
  }

  #fill(): Promise<void> {
    this.#reading ??= this.#stdio.read(STDIN_CHUNK).then((chunk) => {
      this.#reading = null;
      if (chunk === null) this.#eof = true;
      else if (chunk.byteLength > 0) {
        this.#chunks.push(chunk);
        this.#buffered += chunk.byteLength;
      }
      this.changed.notify();
    }, () => {
      this.#reading = null;
      this.#eof = true;
      this.changed.notify();
    });
    return this.#reading;
  }

  #take(mem: GuestMemory, iovs: IoVec[]): number {
    let want = iovTotal(iovs);
    let done = 0;
    let vi = 0, voff = 0;
    while (want > 0 && this.#chunks.length > 0) {
      const chunk = this.#chunks[0];
      const v = iovs[vi];
      const n = Math.min(chunk.byteLength, v.len - voff);
      mem.bytes(v.ptr + voff, n).set(chunk.subarray(0, n));
      done += n;
      want -= n;
      voff += n;
      if (n === chunk.byteLength) this.#chunks.shift();
      else this.#chunks[0] = chunk.subarray(n);
      if (voff === v.len) {
        vi++;
        voff = 0;
      }
    }
    this.#buffered -= done;
    return done;
  }

  override read(mem: GuestMemory, iovs: IoVec[]): number | Promise<number> {
    if (iovTotal(iovs) === 0) return 0;
    if (this.#buffered > 0) return this.#take(mem, iovs);
    if (this.#eof) return 0;
    if (this.fdflags & FdFlags.NONBLOCK) {
      this.#fill();
      return fail(Errno.AGAIN);
    }
    return (async () => {
      while (this.#buffered === 0 && !this.#eof) await this.#fill();
      return this.#take(mem, iovs);
    })();
  }

  /**
   * As Linux: a pipe at EOF is POLLHUP (POLLIN too while bytes remain), a
   * terminal at EOF is readable; a terminal is writable, a pipe's read end not.
   */
  override readiness(write: boolean): Readiness {
    const terminal = this.filetype === FileType.CHARACTER_DEVICE;
    if (write) return { ready: terminal, nbytes: 0 };
    if (this.#buffered > 0 || this.#eof) {
      return { ready: this.#buffered > 0 || terminal, nbytes: this.#buffered, hangup: this.#eof && !terminal };
    }
    this.#fill();
    return { ready: false, nbytes: 0 };
  }
}

/** Descriptors 1 and 2. */
export class StdoutEntry extends FdEntry {
  readonly filetype: number;
  #stdio: HostStdio;
  #fd: 1 | 2;

  constructor(stdio: HostStdio, fd: 1 | 2) {
    super();
    this.#stdio = stdio;
    this.#fd = fd;
    this.filetype = stdio.isTerminal(fd) ? FileType.CHARACTER_DEVICE : FileType.UNKNOWN;
    this.fdflags = FdFlags.APPEND;
  }

  override write(mem: GuestMemory, iovs: IoVec[]): number {
    let n = 0;
    for (const v of iovs) {
      if (v.len === 0) continue;
      try {
        this.#stdio.writeSync(this.#fd, mem.bytes(v.ptr, v.len));
      } catch (e) {
        // A closed pipe (`prog | head -1`) is EPIPE, which the guest's libc turns into SIGPIPE.
        if (n > 0) return n;
        return fail(errnoFromHostError(e), `writing to descriptor ${this.#fd}`);
      }
      n += v.len;
    }
    return n;
  }

  override read(_mem: GuestMemory, _iovs: IoVec[]): number {
    return fail(Errno.BADF);
  }

  override readiness(write: boolean): Readiness {
    return { ready: write, nbytes: 0 };
  }
}

