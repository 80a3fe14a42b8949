/**
 * `poll_oneoff`: the readiness primitive under poll(2), select(2) and sleep.
 * Clock subscriptions (relative or absolute) and FD_READ/FD_WRITE on any
 * descriptor. A waiting guest costs nothing: the wait wakes only when a
 * watched descriptor's `changed` signal fires or the earliest timer expires.
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

/** Upper bound on subscriptions per call (wasi-libc's poll passes one per pollfd). */
const MAX_SUBSCRIPTIONS = 65536;

function parse(ctx: Context, inPtr: number, n: number): { clocks: ClockSub[]; fds: FdSub[] } {
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
function collect(ctx: Context, subs: { clocks: ClockSub[]; fds: FdSub[] }, outPtr: number): number {
  let n = 0;
  for (const s of subs.fds) {
    const p = outPtr + n * Event.SIZE;
    if (s.entry === undefined || ctx.fds.peek(s.fd) !== s.entry) {
      writeEvent(ctx, p, s.userdata, s.type, Errno.BADF, 0, 0);
      n++;
      continue;
    }
    const r = s.entry.readiness(s.type === EventType.FD_WRITE);
    if (!r.ready && !r.hangup && !r.error) continue;
    writeEvent(ctx, p, s.userdata, s.type, r.error ?? 0, r.nbytes, r.hangup ? EventRwFlags.HANGUP : 0);
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
  return new Promise<void>((resolve, reject) => {
    const offs: (() => void)[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      try {
        const n = collect(ctx, subs, outPtr);
        if (n === 0) return arm();
        cleanup();
        ctx.mem.setU32(outCount, n);
        resolve();
      } catch (e) {
        cleanup();
        reject(e);
      }
    };
    const cleanup = () => {
      for (const off of offs) off();
      offs.length = 0;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    };
    const arm = () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      if (subs.clocks.length > 0) {
        const now = clockNow(ctx, ClockId.MONOTONIC);
        let earliest = subs.clocks[0].deadlineNs;
        for (const c of subs.clocks) if (c.deadlineNs < earliest) earliest = c.deadlineNs;
        const ms = Math.max(0, Math.ceil(Number(earliest - now) / 1e6));
        timer = setTimeout(check, Math.min(ms, 2 ** 31 - 1));
      }
    };
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

/** The poll import. */
export const pollSyscalls: SyscallTable = { poll_oneoff: blocking(poll_oneoff) };
