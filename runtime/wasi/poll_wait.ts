/**
 * How a `poll_oneoff` call waits: without polling, and at a cost that follows
 * what changes rather than what is watched.
 *
 * - Each descriptor subscription listens to its entry's `changed` signal
 *   (the listener is kept from call to call while the subscription stays
 *   the same, see `poll_watch.ts`).
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
import { clockNow } from "./clock.ts";
import { ClockId } from "./constants.ts";
import type { FdSub, PollWatch } from "./poll_watch.ts";

export type { FdSub } from "./poll_watch.ts";

/** A clock subscription. */
export interface ClockSub {
  /** The subscription's userdata. */
  userdata: bigint;
  /** Its deadline on the monotonic clock, ns. */
  deadlineNs: bigint;
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
 * began); resolves with their count. `subs.fds` are `watch`'s, which the
 * wait releases when it ends.
 */
export function waitForEvents(ctx: Context, watch: PollWatch, subs: Subs, look: Look): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const changed: FdSub[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    let queued = false;
    let done = false;

    const finish = () => {
      done = true;
      for (const s of changed) s.dirty = false;
      changed.length = 0;
      watch.release();
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

    watch.onWake = subs.fds.length > COALESCE_ABOVE
      ? (s) => {
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
    arm();
  });
}
