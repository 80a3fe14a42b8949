/**
 * One entry of an epoll interest list: a watched descriptor (its number and
 * its open description, as Linux keys them), the events asked for, the
 * caller's `epoll_data`, and what the edge-triggered and one-shot modes
 * remember between looks.
 *
 * Edge-triggered, as Linux does it: every wakeup of the watched descriptor
 * (here: its `changed` signal) whose kind matches what the interest asks for
 * queues the interest once, and the report carries everything that holds
 * then. Linux tells the kind by the wakeup's key (POLLIN for arriving data,
 * POLLOUT for freed buffer space…); here it is told by what changed since
 * the last look: the read side (readable, bytes waiting, read shut), the
 * write side (writable, room), or error and hang-up. A wakeup that changed
 * nothing visible may be data that replaced what the program read meanwhile
 * (reads do not wake anyone), so it counts as every kind.
 *
 * Where this differs from Linux, it reports more, never less: Linux wakes a
 * writer only after a send found the buffer full (SOCK_NOSPACE), which the
 * runtime cannot see, so an interest in EPOLLOUT is also queued when the
 * host finishes sending (its room grows), and a change first seen late
 * (data the program read meanwhile) counts as a wakeup.
 *
 * @module
 */

import type { FdEntry } from "../fd_entry.ts";
import { pollConditions } from "../wasi/poll_events.ts";
import { ALWAYS_REPORTED, CONDITION_BITS, EpollType } from "./abi.ts";

/** What a look at a watched descriptor found. */
export interface Look {
  /** The conditions that hold now, as EpollType bits. */
  mask: number;
  /** Bytes (or connections) waiting to be read. */
  nbytes: number;
  /** Room to write. */
  space: number;
}

/** The conditions of `entry` as EpollType bits, as Linux's `f_op->poll` gives them. */
export function look(entry: FdEntry): Look {
  const c = pollConditions(entry);
  let mask = 0;
  if (c.readable) mask |= EpollType.IN | EpollType.RDNORM;
  if (c.writable) mask |= EpollType.OUT | EpollType.WRNORM;
  if (c.error) mask |= EpollType.ERR;
  if (c.hangup) mask |= EpollType.HUP;
  if (c.rdhup) mask |= EpollType.RDHUP | EpollType.IN | EpollType.RDNORM;
  return { mask, nbytes: c.nbytes, space: c.space };
}

const READ_SIDE = EpollType.IN | EpollType.RDNORM | EpollType.RDHUP | EpollType.PRI;
const WRITE_SIDE = EpollType.OUT | EpollType.WRNORM;

/** The kinds of wakeup (EpollType bits) that going from `before` to `after` stands for. */
function wakeKinds(before: Look, after: Look): number {
  const flipped = before.mask ^ after.mask;
  let kinds = 0;
  if ((flipped & READ_SIDE) !== 0 || before.nbytes !== after.nbytes) kinds |= READ_SIDE;
  if ((flipped & WRITE_SIDE) !== 0 || before.space !== after.space) kinds |= WRITE_SIDE;
  if ((flipped & ALWAYS_REPORTED) !== 0) kinds |= ALWAYS_REPORTED;
  return kinds === 0 ? CONDITION_BITS : kinds;
}

/** A watched descriptor in one epoll set. */
export class Interest {
  /** The descriptor number it was added with. */
  readonly fd: number;
  /** The open description it refers to. */
  readonly entry: FdEntry;
  /** EpollType bits asked for (ERR and HUP always included), with the mode bits. */
  events = 0;
  /** The caller's `epoll_data` record, written back unchanged with each event. */
  data: Uint8Array = new Uint8Array(0);
  /** EPOLLONESHOT fired: nothing is reported until EPOLL_CTL_MOD. */
  disabled = false;
  /** Edge-triggered: the last look (null: none since EPOLL_CTL_ADD/MOD). */
  #seen: Look | null = null;
  /** Stops watching the entry's `changed` signal. */
  unsubscribe: () => void = () => {};

  constructor(fd: number, entry: FdEntry) {
    this.fd = fd;
    this.entry = entry;
  }

  /** Sets what is asked for (EPOLL_CTL_ADD/MOD): re-arms a one-shot and forgets past looks. */
  arm(events: number, data: Uint8Array): void {
    this.events = events | ALWAYS_REPORTED;
    this.data = data;
    this.disabled = false;
    this.#seen = null;
  }

  /** Edge-triggered (EPOLLET). */
  get edge(): boolean {
    return (this.events & EpollType.ET) !== 0;
  }

  /** Added with EPOLLEXCLUSIVE (which EPOLL_CTL_MOD then refuses). */
  get exclusive(): boolean {
    return (this.events & EpollType.EXCLUSIVE) !== 0;
  }

  /** One-shot (EPOLLONESHOT). */
  get oneShot(): boolean {
    return (this.events & EpollType.ONESHOT) !== 0;
  }

  /** The conditions to report now: those that hold and were asked for (0: none). */
  current(l: Look): number {
    return this.disabled ? 0 : l.mask & this.events & CONDITION_BITS;
  }

  /**
   * Whether the interest belongs on the ready list after look `l` (taken at
   * EPOLL_CTL_ADD/MOD, or on a wakeup of the descriptor). Level-triggered:
   * whenever something asked for holds. Edge-triggered: right after
   * ADD/MOD if something holds, then on a wakeup of a kind asked for while
   * something holds.
   */
  triggers(l: Look): boolean {
    const cur = this.current(l);
    if (!this.edge) return cur !== 0;
    const before = this.#seen;
    this.#seen = l;
    if (cur === 0) return false;
    return before === null || (wakeKinds(before, l) & this.events) !== 0;
  }

  /** Edge-triggered: records `l`, the look an event was just reported from. */
  remember(l: Look): void {
    this.#seen = l;
  }

  /** Whether the watched description has been closed everywhere (Linux then drops it from every set). */
  get closed(): boolean {
    return this.entry.refs === 0;
  }
}
