/**
 * An epoll instance: the descriptor `epoll_create` returns (an anonymous
 * inode on Linux, so filetype UNKNOWN here), holding an interest list keyed
 * by descriptor number and open description, as Linux keys it, and a ready
 * list in the order things became ready.
 *
 * Nothing polls. Each interest subscribes to its descriptor's `changed`
 * signal from EPOLL_CTL_ADD to EPOLL_CTL_DEL (as Linux's wait-queue
 * callback); a change that makes an interest ready puts it on the ready list
 * and notifies this entry's own `changed`, which is what `epoll_wait` (and a
 * poll() of the epoll descriptor, or an epoll watching it) waits on.
 *
 * - Level-triggered: an interest stays on the ready list while it is ready;
 *   each report moves it to the tail, so a small `maxevents` still sees
 *   everything in turn.
 * - EPOLLET: reported once per wakeup of a kind asked for (data arriving,
 *   buffer space freed, a connection, a hang-up), then not again until the
 *   next one (see interest.ts).
 * - EPOLLONESHOT: after one report, nothing until EPOLL_CTL_MOD.
 * - A descriptor closed everywhere (its last reference gone) leaves every set.
 *
 * @module
 */

import { Errno, fail } from "../errno.ts";
import { FdEntry, type Readiness } from "../fd_entry.ts";
import type { GuestMemory, IoVec } from "../memory.ts";
import { FileType } from "../wasi/constants.ts";
import { EpollCtl, EpollEvent, MAX_NESTS } from "./abi.ts";
import { Interest, look } from "./interest.ts";

const NOT_READY: Readiness = Object.freeze({ ready: false, nbytes: 0 });

/** An epoll descriptor. */
export class EpollEntry extends FdEntry {
  readonly filetype: number = FileType.UNKNOWN;
  /** Interests by open description, then by descriptor number. */
  #interests = new Map<FdEntry, Map<number, Interest>>();
  /** Interests to report, oldest first. */
  #ready = new Set<Interest>();
  #size = 0;

  /** Number of watched descriptors. */
  get size(): number {
    return this.#size;
  }

  /**
   * EPOLL_CTL_ADD, MOD or DEL of descriptor `fd` (open description `entry`):
   * EEXIST, ENOENT, ELOOP and EINVAL as Linux gives them. `events` are
   * EpollType bits; `data` is the `epoll_data` record (ADD and MOD).
   */
  control(op: number, fd: number, entry: FdEntry, events: number, data: Uint8Array): void {
    const found = this.#interests.get(entry)?.get(fd);
    switch (op) {
      case EpollCtl.ADD:
        if (found) fail(Errno.EXIST);
        if (entry instanceof EpollEntry) this.#checkNesting(entry);
        return this.#add(fd, entry, events, data);
      case EpollCtl.MOD:
        if (!found) fail(Errno.NOENT);
        if (found.exclusive) fail(Errno.INVAL, "EPOLL_CTL_MOD of an EPOLLEXCLUSIVE interest");
        found.arm(events, data);
        return this.#look(found);
      case EpollCtl.DEL:
        if (!found) fail(Errno.NOENT);
        return this.#drop(found);
      default:
        fail(Errno.INVAL, `epoll_ctl operation ${op}`);
    }
  }

  #add(fd: number, entry: FdEntry, events: number, data: Uint8Array): void {
    const i = new Interest(fd, entry);
    i.arm(events, data);
    let byFd = this.#interests.get(entry);
    if (!byFd) this.#interests.set(entry, byFd = new Map());
    byFd.set(fd, i);
    this.#size++;
    i.unsubscribe = entry.changed.subscribe(() => this.#look(i));
    this.#look(i);
  }

  #drop(i: Interest): void {
    i.unsubscribe();
    const byFd = this.#interests.get(i.entry);
    if (byFd?.get(i.fd) === i) {
      byFd.delete(i.fd);
      this.#size--;
      if (byFd.size === 0) this.#interests.delete(i.entry);
    }
    this.#ready.delete(i);
  }

  /** Looks at `i` now: onto the ready list, waking the waiters, if it triggers. */
  #look(i: Interest): void {
    if (i.closed) return this.#drop(i);
    if (!i.triggers(look(i.entry)) || this.#ready.has(i)) return;
    this.#ready.add(i);
    this.changed.notify();
  }

  /**
   * Writes up to `max` events (EpollEvent layout) at `ptr`, oldest ready
   * first; returns how many. Each is checked again as it is reported, as
   * Linux does, so the bits are those that hold now.
   */
  collect(mem: GuestMemory, ptr: number, max: number): number {
    let n = 0;
    for (const i of [...this.#ready]) {
      if (n >= max) break;
      this.#ready.delete(i);
      if (i.closed) {
        this.#drop(i);
        continue;
      }
      const l = look(i.entry);
      const bits = i.current(l);
      if (i.edge) i.remember(l);
      if (bits === 0) continue;
      const p = ptr + n * EpollEvent.SIZE;
      mem.setU32(p + EpollEvent.EVENTS, bits);
      mem.setU32(p + EpollEvent.EVENTS + 4, 0);
      mem.bytes(p + EpollEvent.DATA, EpollEvent.DATA_SIZE).set(i.data);
      n++;
      if (i.oneShot) i.disabled = true;
      else if (!i.edge) this.#ready.add(i); // level-triggered: again later, after the others
    }
    return n;
  }

  /** Readable when something on the ready list holds now (Linux's ep_eventpoll_poll); never writable. */
  override readiness(write: boolean): Readiness {
    if (write) return NOT_READY;
    for (const i of this.#ready) {
      if (!i.closed && i.current(look(i.entry)) !== 0) return { ready: true, nbytes: 0 };
    }
    return NOT_READY;
  }

  /** read(2) of an epoll descriptor: EINVAL, as on Linux. */
  override read(_mem: GuestMemory, _iovs: IoVec[]): number {
    return fail(Errno.INVAL, "read of an epoll descriptor");
  }

  /** write(2) of an epoll descriptor: EINVAL, as on Linux. */
  override write(_mem: GuestMemory, _iovs: IoVec[]): number {
    return fail(Errno.INVAL, "write of an epoll descriptor");
  }

  /** The last reference is gone: stop watching everything. */
  override close(): void {
    for (const byFd of this.#interests.values()) for (const i of byFd.values()) i.unsubscribe();
    this.#interests.clear();
    this.#ready.clear();
    this.#size = 0;
    this.changed.notify();
  }

  /** ELOOP when watching `target` would close a loop of epoll sets or nest them deeper than Linux allows. */
  #checkNesting(target: EpollEntry): void {
    if (EpollEntry.#reaches(target, this, new Set())) fail(Errno.LOOP, "epoll sets would watch each other");
    if (EpollEntry.#depth(target, 0) >= MAX_NESTS) fail(Errno.LOOP, `epoll sets nested deeper than ${MAX_NESTS}`);
  }

  static #watchedEpolls(ep: EpollEntry): EpollEntry[] {
    const out: EpollEntry[] = [];
    for (const [entry, byFd] of ep.#interests) if (entry instanceof EpollEntry && byFd.size > 0) out.push(entry);
    return out;
  }

  static #reaches(from: EpollEntry, to: EpollEntry, seen: Set<EpollEntry>): boolean {
    if (from === to) return true;
    if (seen.has(from)) return false;
    seen.add(from);
    return EpollEntry.#watchedEpolls(from).some((e) => EpollEntry.#reaches(e, to, seen));
  }

  static #depth(ep: EpollEntry, level: number): number {
    if (level > MAX_NESTS) return level;
    let max = level;
    for (const e of EpollEntry.#watchedEpolls(ep)) max = Math.max(max, EpollEntry.#depth(e, level + 1));
    return max;
  }
}
