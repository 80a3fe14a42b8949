/**
 * A `poll_oneoff` caller's descriptor subscriptions, kept from one call to
 * the next: a poll() loop asks about the same descriptors every time, so the
 * subscription at each position keeps its object and its listener on the
 * entry's `changed` signal for as long as it stays the same (type, descriptor
 * and open description), instead of making and dropping one per descriptor
 * per call (a 1,000-descriptor server made and dropped 1,000 of each per
 * wait, for ≈ 125 events).
 *
 * Because the listener stays, a subscription also knows whether anything
 * happened to its entry since it was last looked at: one that was not ready
 * then and has not been notified since is *quiet*, and the call's first look
 * passes over it. Only what a notify reliably announces may be skipped: a
 * socket's read side (its data, EOF, errors, shutdown and close all notify).
 * Write sides (SO_SNDBUF may grow the room without a notify) and other kinds
 * of entry are asked every time, as before.
 *
 * One caller at a time: the kept subscriptions belong to the call that
 * acquired them until it ends. A call made meanwhile (another green thread's
 * poll) gets a watch of its own, dropped with its listeners when it ends.
 *
 * @module
 */

import type { Context } from "../context.ts";
import { type FdEntry, isSocketType } from "../fd_entry.ts";
import { EventType } from "./constants.ts";

/** An FD_READ or FD_WRITE subscription, with its listener on the entry. */
export class FdSub {
  /** The userdata's low 32 bits. */
  userLo: number;
  /** The userdata's high 32 bits. */
  userHi: number;
  /** `EventType.FD_READ` or `FD_WRITE`. */
  readonly type: number;
  /** The descriptor number. */
  readonly fd: number;
  /** The entry it referred to when the call began (undefined: EBADF). */
  readonly entry: FdEntry | undefined;
  /** Its position among the call's descriptor subscriptions. */
  readonly index: number;
  /** Changed since the wait's last look (set while waiting). */
  dirty = false;
  /** Not ready at the last look and not notified since: looks may pass over it. */
  quiet = false;
  /** Whether "not ready" lasts until a notify (see the module): only then does a look mark it quiet. */
  readonly mayRest: boolean;
  /** Its listener on `entry.changed`. */
  readonly wake: () => void;

  constructor(watch: PollWatch, index: number, type: number, fd: number, entry: FdEntry | undefined, userLo: number, userHi: number) {
    this.index = index;
    this.type = type;
    this.fd = fd;
    this.entry = entry;
    this.userLo = userLo;
    this.userHi = userHi;
    this.mayRest = entry !== undefined && type === EventType.FD_READ && isSocketType(entry.filetype);
    this.wake = () => {
      this.quiet = false;
      watch.woke(this);
    };
  }
}

/** What a waiting call does when one of its subscriptions' entries notifies. */
export type OnWake = (s: FdSub) => void;

/** The subscriptions of one caller (see the module). */
export class PollWatch {
  /** The current call's subscriptions, in the guest's order (the last call's between calls). */
  readonly subs: FdSub[] = [];
  /** The waiting call's handler, or null when no call waits. */
  onWake: OnWake | null = null;
  /** A call holds this watch. */
  busy = false;
  readonly #kept: boolean;

  constructor(kept: boolean) {
    this.#kept = kept;
  }

  /** Called by a subscription's listener. */
  woke(s: FdSub): void {
    if (this.onWake !== null) this.onWake(s);
  }

  /** The subscription at `index`: the one kept there when it subscribes to the same thing, else a new one. */
  sub(index: number, type: number, fd: number, entry: FdEntry | undefined, userLo: number, userHi: number): FdSub {
    const kept = this.subs[index];
    if (kept !== undefined) {
      if (kept.type === type && kept.fd === fd && kept.entry === entry) {
        kept.userLo = userLo;
        kept.userHi = userHi;
        return kept;
      }
      kept.entry?.changed.unlisten(kept.wake);
    }
    const s = new FdSub(this, index, type, fd, entry, userLo, userHi);
    entry?.changed.listen(s.wake);
    this.subs[index] = s;
    return s;
  }

  /** The call has `n` descriptor subscriptions: those kept beyond stop listening. */
  trim(n: number): void {
    const subs = this.subs;
    for (let i = n; i < subs.length; i++) subs[i].entry?.changed.unlisten(subs[i].wake);
    subs.length = n;
  }

  /** The call is over (its wait left no subscription dirty): no handler; a watch of its own drops its listeners. */
  release(): void {
    this.onWake = null;
    if (!this.#kept) this.trim(0);
    this.busy = false;
  }
}

const watches = new WeakMap<Context, PollWatch>();

/** The watch a `poll_oneoff` call of `ctx` uses until it calls {@link PollWatch.release}. */
export function acquireWatch(ctx: Context): PollWatch {
  let w = watches.get(ctx);
  if (w === undefined) watches.set(ctx, w = new PollWatch(true));
  if (w.busy) w = new PollWatch(false);
  w.busy = true;
  return w;
}
