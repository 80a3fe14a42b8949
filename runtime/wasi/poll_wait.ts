/**
 * How a `poll_oneoff` call waits: without polling, and at a cost that follows
 * what changes rather than what is watched.
 *
 * - Each descriptor subscription listens to its entry's `changed` signal for
 *   the length of the wait (one listener per subscription, made once).
 * - A call watching more than {@link COALESCE_ABOVE} descriptors looks once
 *   per host event-loop turn ({@link afterIo}), and only at the
 *   subscriptions whose entries notified since the last look, in
 *   subscription order: every other one was not ready when the wait began and
 *   has not announced a change since. The events the host delivers together
 *   end the wait together (Bun hands each connection's data over in its own
 *   callback and runs the microtasks after each, so a look per notify woke a
 *   1,000-descriptor poll() server once per event, O(n) each time).
 * - A call watching a few looks at all of them in a microtask after the
 *   first notify: what one host action changed is seen together, and a lone
 *   socket's latency is unchanged.
 * - The clock subscriptions' timer looks at everything, as the wait's last
 *   word.
 *
 * @module
 */

import { afterIo } from "../after_io.ts";
import type { Context } from "../context.ts";
import type { FdEntry } from "../fd_entry.ts";
import { clockNow } from "./clock.ts";
import { ClockId } from "./constants.ts";

/** A clock subscription. */
export interface ClockSub {
  /** The subscription's userdata. */
  userdata: bigint;
  /** Its deadline on the monotonic clock, ns. */
  deadlineNs: bigint;
}

/** An FD_READ or FD_WRITE subscription. */
export interface FdSub {
  /** The userdata's low 32 bits. */
  userLo: number;
  /** The userdata's high 32 bits. */
  userHi: number;
  /** `EventType.FD_READ` or `FD_WRITE`. */
  type: number;
  /** The descriptor number. */
  fd: number;
  /** The entry it referred to when the call began (undefined: EBADF). */
  entry: FdEntry | undefined;
  /** Its position among the call's descriptor subscriptions. */
  index: number;
  /** Changed since the last look (set while waiting). */
  dirty: boolean;
}

/** One call's subscriptions. */
export interface Subs {
  /** Clock subscriptions. */
  clocks: ClockSub[];
  /** Descriptor subscriptions, in the guest's order. */
  fds: FdSub[];
}

/** Writes the events of `fds` that hold now (or of the due clocks when none does); returns how many. */
export type Look = (fds: readonly FdSub[]) => number;

/** Calls watching more descriptors than this look once per event-loop turn. */
export const COALESCE_ABOVE = 8;
/** Longest single host timer (setTimeout's limit); longer waits re-arm. */
const MAX_TIMER_MS = 2 ** 31 - 1;
const NS_PER_MS = 1_000_000;

/** Milliseconds until the earliest clock deadline (rounded up: never early), or null without clocks. */
function msToEarliest(ctx: Context, clocks: readonly ClockSub[]): number | null {
  if (clocks.length === 0) return null;
  let earliest = clocks[0].deadlineNs;
  for (const c of clocks) if (c.deadlineNs < earliest) earliest = c.deadlineNs;
  const ns = Number(earliest - clockNow(ctx, ClockId.MONOTONIC));
  return Math.min(MAX_TIMER_MS, Math.max(0, Math.ceil(ns / NS_PER_MS)));
}

const byIndex = (a: FdSub, b: FdSub) => a.index - b.index;

/**
 * Waits until `look` reports events (nothing was ready when the call
 * began); resolves with their count.
 */
export function waitForEvents(ctx: Context, subs: Subs, look: Look): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const changed: FdSub[] = [];
    const entries: FdEntry[] = [], listeners: (() => void)[] = [];
    const coalesce = subs.fds.length > COALESCE_ABOVE;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let queued = false;
    let done = false;

    const finish = () => {
      done = true;
      for (let i = 0; i < entries.length; i++) entries[i].changed.unlisten(listeners[i]);
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    };
    const run = (fds: readonly FdSub[]): void => {
      if (done) return;
      let n: number;
      try {
        n = look(fds);
      } catch (e) {
        finish();
        reject(e);
        return;
      }
      if (n > 0) {
        finish();
        resolve(n);
      }
    };
    const lookAtChanged = () => {
      queued = false;
      if (done || changed.length === 0) return;
      if (changed.length > 1) changed.sort(byIndex);
      const fds = changed.splice(0);
      for (const s of fds) s.dirty = false;
      run(fds);
    };
    const arm = () => {
      const ms = msToEarliest(ctx, subs.clocks);
      timer = ms === null ? undefined : setTimeout(() => {
        timer = undefined;
        run(subs.fds);
        if (!done) arm();
      }, ms);
    };

    const lookAtAll = () => {
      queued = false;
      run(subs.fds);
    };

    for (const s of subs.fds) {
      if (s.entry === undefined) continue;
      const fn = coalesce
        ? () => {
          if (done) return;
          if (!s.dirty) {
            s.dirty = true;
            changed.push(s);
          }
          if (!queued) {
            queued = true;
            afterIo(lookAtChanged);
          }
        }
        : () => {
          if (done || queued) return;
          queued = true;
          queueMicrotask(lookAtAll);
        };
      s.entry.changed.listen(fn);
      entries.push(s.entry);
      listeners.push(fn);
    }
    arm();
  });
}
