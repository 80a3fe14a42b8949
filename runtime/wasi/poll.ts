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
 * @module
 */

import type { Context } from "../context.ts";
import { Errno, fail } from "../errno.ts";
import type { FdEntry } from "../fd_entry.ts";
import { blocking, type SyscallTable } from "../syscall.ts";
import { clockNow } from "./clock.ts";
import { ClockId, EventRwFlags, EventType, SubClockFlags } from "./constants.ts";
import { Event, Subscription } from "./layout.ts";
import { eventError } from "./poll_events.ts";

interface ClockSub {
  userdata: bigint;
  deadlineNs: bigint; // on the monotonic clock
}

interface FdSub {
  userdata: bigint;
  type: number;
  fd: number;
  entry: FdEntry | undefined;
}

interface Subs {
  clocks: ClockSub[];
  fds: FdSub[];
}

/** Upper bound on subscriptions per call (wasi-libc's poll passes one per pollfd and direction). */
const MAX_SUBSCRIPTIONS = 65536;
/** Longest single host timer (setTimeout's limit); longer waits re-arm. */
const MAX_TIMER_MS = 2 ** 31 - 1;
const NS_PER_MS = 1_000_000;

function parse(ctx: Context, inPtr: number, n: number): Subs {
  const m = ctx.mem;
  m.check(inPtr, n * Subscription.SIZE);
  const clocks: ClockSub[] = [], fds: FdSub[] = [];
  const now = clockNow(ctx, ClockId.MONOTONIC);
  for (let i = 0; i < n; i++) {
    const p = inPtr + i * Subscription.SIZE;
    const userdata = m.u64(p + Subscription.USERDATA);
    const tag = m.u8(p + Subscription.TAG);
    if (tag === EventType.CLOCK) {
      const id = m.u32(p + Subscription.CLOCK_ID);
      const timeout = m.u64(p + Subscription.CLOCK_TIMEOUT);
      const flags = m.u16(p + Subscription.CLOCK_FLAGS);
      let deadline: bigint;
      if (flags & SubClockFlags.ABSTIME) {
        // Convert an absolute time on clock `id` into a monotonic deadline.
        deadline = now + (timeout - clockNow(ctx, id));
      } else {
        clockNow(ctx, id); // EINVAL for unknown clocks
        deadline = now + timeout;
      }
      clocks.push({ userdata, deadlineNs: deadline });
    } else if (tag === EventType.FD_READ || tag === EventType.FD_WRITE) {
      const fd = m.u32(p + Subscription.FD);
      fds.push({ userdata, type: tag, fd, entry: ctx.fds.peek(fd) });
    } else {
      fail(Errno.INVAL, `subscription tag ${tag}`);
    }
  }
  return { clocks, fds };
}

function writeEvent(ctx: Context, p: number, userdata: bigint, type: number, error: number, nbytes: number, flags: number) {
  const m = ctx.mem;
  m.bytes(p, Event.SIZE).fill(0);
  m.setU64(p + Event.USERDATA, userdata);
  m.setU16(p + Event.ERROR, error);
  m.setU8(p + Event.TYPE, type);
  m.setU64(p + Event.NBYTES, BigInt(nbytes));
  m.setU16(p + Event.FLAGS, flags);
}

/** Writes the events that are ready now; returns how many. */
function collect(ctx: Context, subs: Subs, outPtr: number): number {
  let n = 0;
  for (const s of subs.fds) {
    const p = outPtr + n * Event.SIZE;
    if (s.entry === undefined || ctx.fds.peek(s.fd) !== s.entry) {
      writeEvent(ctx, p, s.userdata, s.type, Errno.BADF, 0, 0);
      n++;
      continue;
    }
    const r = s.entry.readiness(s.type === EventType.FD_WRITE);
    const error = eventError(r);
    if (error === null) continue;
    writeEvent(ctx, p, s.userdata, s.type, error, Math.max(0, r.nbytes), r.hangup ? EventRwFlags.HANGUP : 0);
    n++;
  }
  if (n > 0) return n;
  const now = clockNow(ctx, ClockId.MONOTONIC);
  for (const c of subs.clocks) {
    if (c.deadlineNs <= now) {
      writeEvent(ctx, outPtr + n * Event.SIZE, c.userdata, EventType.CLOCK, 0, 0, 0);
      n++;
    }
  }
  return n;
}

/** Milliseconds until the earliest clock deadline (rounded up: never early), or null without clocks. */
function msToEarliest(ctx: Context, clocks: ClockSub[]): number | null {
  if (clocks.length === 0) return null;
  let earliest = clocks[0].deadlineNs;
  for (const c of clocks) if (c.deadlineNs < earliest) earliest = c.deadlineNs;
  const ns = Number(earliest - clockNow(ctx, ClockId.MONOTONIC));
  return Math.min(MAX_TIMER_MS, Math.max(0, Math.ceil(ns / NS_PER_MS)));
}

/** Waits, without polling, until {@link collect} finds something; resolves with the event count. */
function wait(ctx: Context, subs: Subs, outPtr: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const offs: (() => void)[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    let done = false;
    const cleanup = () => {
      done = true;
      for (const off of offs) off();
      offs.length = 0;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    };
    const arm = () => {
      if (timer !== undefined) clearTimeout(timer);
      const ms = msToEarliest(ctx, subs.clocks);
      timer = ms === null ? undefined : setTimeout(check, ms);
    };
    function check() {
      if (done) return;
      try {
        const n = collect(ctx, subs, outPtr);
        if (n === 0) return arm();
        cleanup();
        resolve(n);
      } catch (e) {
        cleanup();
        reject(e);
      }
    }
    const seen = new Set<FdEntry>();
    for (const s of subs.fds) {
      if (s.entry && !seen.has(s.entry)) {
        seen.add(s.entry);
        offs.push(s.entry.changed.subscribe(check));
      }
    }
    arm();
  });
}

/** `poll_oneoff(in subscriptions, out events, nsubscriptions, out nevents)`. */
export function poll_oneoff(ctx: Context, inPtr: number, outPtr: number, nsubs: number, outCount: number): void | Promise<void> {
  nsubs >>>= 0;
  if (nsubs === 0) fail(Errno.INVAL, "no subscriptions");
  if (nsubs > MAX_SUBSCRIPTIONS) fail(Errno.INVAL, "too many subscriptions");
  ctx.mem.check(outPtr, nsubs * Event.SIZE);
  ctx.mem.check(outCount, 4);
  const subs = parse(ctx, inPtr, nsubs);
  const ready = collect(ctx, subs, outPtr);
  if (ready > 0) return ctx.mem.setU32(outCount, ready);
  return wait(ctx, subs, outPtr).then((n) => ctx.mem.setU32(outCount, n));
}

/** The poll import. */
export const pollSyscalls: SyscallTable = { poll_oneoff: blocking(poll_oneoff) };
