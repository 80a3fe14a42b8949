/**
 * `poll_oneoff`: the readiness primitive under poll(2), select(2) and sleep.
 * Clock subscriptions (relative or absolute) and FD_READ/FD_WRITE on any
 * descriptor. A waiting guest costs nothing: the wait wakes only when a
 * watched descriptor's `changed` signal fires or the earliest timer expires.
 *
 * How Linux's poll bits travel in an event (one event per subscription; the
 * descriptor's {@link Readiness} already follows Linux):
 *
 * | Linux revents (for the subscription's direction) | event `error` | `HANGUP` flag |
 * |---|---|---|
 * | IN (FD_READ) / OUT (FD_WRITE)                     | 0             | no            |
 * | IN or OUT, and HUP                                | 0             | yes           |
 * | HUP alone (a pipe at EOF, an unconnected socket)  | EPIPE         | yes           |
 * | ERR (with IN/OUT and HUP when the flag is set)    | the errno     | as HUP        |
 * | NVAL                                              | EBADF         | no            |
 *
 * wasi-libc reads EBADF as POLLNVAL and EPIPE as POLLHUP, so a stock guest
 * gets the same answer; sockbox's own poll() (guest/libc/poll.c) also
 * restores IN/OUT next to ERR. `nbytes` is the byte count FIONREAD reports.
 *
 * Cost: a call reads its subscriptions once (one bounds check, one pass) and
 * asks each descriptor once, except sockets' read sides that were not ready
 * and have not notified since the last call (`poll_watch.ts`); a wait then
 * costs what changes, not what is watched (see `poll_wait.ts`).
 *
 * @module
 */

import type { Context } from "../context.ts";
import { Errno, fail } from "../errno.ts";
import { blocking, type SyscallTable } from "../syscall.ts";
import { clockNow } from "./clock.ts";
import { ClockId, EventRwFlags, EventType, SubClockFlags } from "./constants.ts";
import { Event, Subscription } from "./layout.ts";
import { eventError } from "./poll_events.ts";
import { type ClockSub, type FdSub, type Subs, waitForEvents } from "./poll_wait.ts";
import { acquireWatch, type PollWatch } from "./poll_watch.ts";

/** Upper bound on subscriptions per call (wasi-libc's poll passes one per pollfd and direction). */
const MAX_SUBSCRIPTIONS = 65536;
const U32_SPAN = 2 ** 32;

const NO_FDS: FdSub[] = [];

/** The call's subscriptions; its descriptor subscriptions are `watch`'s (a call with none leaves them be). */
function parse(ctx: Context, watch: PollWatch, inPtr: number, n: number): Subs {
  const v = ctx.mem.view(inPtr, n * Subscription.SIZE);
  const clocks: ClockSub[] = [];
  let nfds = 0;
  let now: bigint | null = null;
  for (let i = 0; i < n; i++) {
    const p = inPtr + i * Subscription.SIZE;
    const tag = v.getUint8(p + Subscription.TAG);
    if (tag === EventType.FD_READ || tag === EventType.FD_WRITE) {
      const fd = v.getUint32(p + Subscription.FD, true);
      const lo = v.getUint32(p + Subscription.USERDATA, true), hi = v.getUint32(p + Subscription.USERDATA + 4, true);
      watch.sub(nfds++, tag, fd, ctx.fds.peek(fd), lo, hi);
    } else if (tag === EventType.CLOCK) {
      const id = v.getUint32(p + Subscription.CLOCK_ID, true);
      const timeout = v.getBigUint64(p + Subscription.CLOCK_TIMEOUT, true);
      const flags = v.getUint16(p + Subscription.CLOCK_FLAGS, true);
      now ??= clockNow(ctx, ClockId.MONOTONIC);
      let deadline: bigint;
      if (flags & SubClockFlags.ABSTIME) {
        // Convert an absolute time on clock `id` into a monotonic deadline.
        deadline = now + (timeout - clockNow(ctx, id));
      } else {
        clockNow(ctx, id); // EINVAL for unknown clocks
        deadline = now + timeout;
      }
      clocks.push({ userdata: v.getBigUint64(p + Subscription.USERDATA, true), deadlineNs: deadline });
    } else {
      fail(Errno.INVAL, `subscription tag ${tag}`);
    }
  }
  if (nfds === 0) return { clocks, fds: NO_FDS };
  watch.trim(nfds);
  return { clocks, fds: watch.subs };
}

function writeEvent(ctx: Context, p: number, userLo: number, userHi: number, type: number, error: number, nbytes: number, flags: number) {
  const v = ctx.mem.view(p, Event.SIZE);
  v.setUint32(p + Event.USERDATA, userLo, true);
  v.setUint32(p + Event.USERDATA + 4, userHi, true);
  v.setUint16(p + Event.ERROR, error, true);
  v.setUint8(p + Event.TYPE, type);
  v.setUint8(p + Event.TYPE + 1, 0);
  v.setUint32(p + Event.TYPE + 2, 0, true);
  v.setUint32(p + Event.NBYTES, nbytes % U32_SPAN, true);
  v.setUint32(p + Event.NBYTES + 4, Math.floor(nbytes / U32_SPAN), true);
  v.setUint16(p + Event.FLAGS, flags, true);
  v.setUint16(p + Event.FLAGS + 2, 0, true);
  v.setUint32(p + Event.FLAGS + 4, 0, true);
}

/**
 * Writes the events of `fds` (all of a call's descriptor subscriptions, or
 * those that changed, in subscription order) that are ready now, or else of
 * the clocks that are due; returns how many. Quiet subscriptions (not ready,
 * not notified since, see `poll_watch.ts`) are passed over.
 */
export function collect(ctx: Context, fds: readonly FdSub[], clocks: readonly ClockSub[], outPtr: number): number {
  let n = 0;
  for (const s of fds) {
    if (s.quiet) continue;
    const p = outPtr + n * Event.SIZE;
    if (s.entry === undefined || ctx.fds.peek(s.fd) !== s.entry) {
      writeEvent(ctx, p, s.userLo, s.userHi, s.type, Errno.BADF, 0, 0);
      n++;
      continue;
    }
    const r = s.entry.readiness(s.type === EventType.FD_WRITE);
    const error = eventError(r);
    if (error === null) {
      s.quiet = s.mayRest;
      continue;
    }
    writeEvent(ctx, p, s.userLo, s.userHi, s.type, error, Math.max(0, r.nbytes), r.hangup ? EventRwFlags.HANGUP : 0);
    n++;
  }
  if (n > 0 || clocks.length === 0) return n;
  const now = clockNow(ctx, ClockId.MONOTONIC);
  for (const c of clocks) {
    if (c.deadlineNs <= now) {
      const u = BigInt.asUintN(64, c.userdata);
      writeEvent(ctx, outPtr + n * Event.SIZE, Number(u % BigInt(U32_SPAN)), Number(u / BigInt(U32_SPAN)), EventType.CLOCK, 0, 0, 0);
      n++;
    }
  }
  return n;
}

/** `poll_oneoff(in subscriptions, out events, nsubscriptions, out nevents)`. */
export function poll_oneoff(ctx: Context, inPtr: number, outPtr: number, nsubs: number, outCount: number): void | Promise<void> {
  nsubs >>>= 0;
  if (nsubs === 0) fail(Errno.INVAL, "no subscriptions");
  if (nsubs > MAX_SUBSCRIPTIONS) fail(Errno.INVAL, "too many subscriptions");
  ctx.mem.check(outPtr, nsubs * Event.SIZE);
  ctx.mem.check(outCount, 4);
  const watch = acquireWatch(ctx);
  let subs: Subs, ready: number;
  try {
    subs = parse(ctx, watch, inPtr, nsubs);
    ready = collect(ctx, subs.fds, subs.clocks, outPtr);
  } catch (e) {
    watch.release();
    throw e;
  }
  if (ready > 0) {
    watch.release();
    return ctx.mem.setU32(outCount, ready);
  }
  const clocks = subs.clocks;
  return waitForEvents(ctx, watch, subs, (fds) => collect(ctx, fds, clocks, outPtr)).then((n) => ctx.mem.setU32(outCount, n));
}

/** The poll import. */
export const pollSyscalls: SyscallTable = { poll_oneoff: blocking(poll_oneoff) };
