/**
 * `poll()` over WASI `poll_oneoff`, with poll(2)'s POLLIN/POLLOUT/POLLERR/
 * POLLHUP/POLLNVAL as Linux reports them, decoded from each event exactly as
 * the C layer's poll() (guest/libc/poll.c) does — see runtime/wasi/poll.ts
 * for how the host encodes them — and `sleepMs`.
 *
 * @module
 */

import { ClockId, Event, EventRwFlags, EventType, Subscription } from "./abi";
import { Errno } from "./errno";
import { poll_oneoff } from "./imports";
import { err, ok, Result } from "./result";

/** poll(2) event bits (Linux's values). */
export namespace PollEvents {
  /** Readable: data, a connection to accept, or end of stream. */
  export const IN: u16 = 0x001;
  /** Writable (or a non-blocking connect finished). */
  export const OUT: u16 = 0x004;
  /** An error is pending (revents only; always reported). */
  export const ERR: u16 = 0x008;
  /** Hung up: both directions shut, or not connected (revents only; always reported). */
  export const HUP: u16 = 0x010;
  /** Not an open descriptor (revents only; always reported). */
  export const NVAL: u16 = 0x020;
}

const ALWAYS: u16 = PollEvents.ERR | PollEvents.HUP | PollEvents.NVAL;
const NS_PER_MS: u64 = 1_000_000;
const FOREVER: u64 = u64.MAX_VALUE;
const CLOCK_USERDATA: u64 = u64.MAX_VALUE;
const OUT_COUNT = memory.data(4, 4);

/** One entry of a poll set: the descriptor, what to wait for, what happened. */
export class PollFd {
  /** Descriptor; a negative one is skipped (revents 0), as in poll(2). */
  fd: i32;
  /** PollEvents.IN and/or PollEvents.OUT (0: only ERR/HUP/NVAL, looked at without waiting). */
  events: u16;
  /** What `poll` found. */
  revents: u16 = 0;

  constructor(fd: i32, events: u16) {
    this.fd = fd;
    this.events = events;
  }
}

function clockSubscription(p: usize, ns: u64): void {
  store<u64>(p + Subscription.USERDATA, CLOCK_USERDATA);
  store<u8>(p + Subscription.TAG, EventType.CLOCK);
  store<u32>(p + Subscription.CLOCK_ID, ClockId.MONOTONIC);
  store<u64>(p + Subscription.CLOCK_TIMEOUT, ns);
  store<u64>(p + Subscription.CLOCK_PRECISION, 0);
  store<u16>(p + Subscription.CLOCK_FLAGS, 0); // relative
}

function fdSubscription(p: usize, index: i32, type: u8, fd: i32): void {
  store<u64>(p + Subscription.USERDATA, <u64>index);
  store<u8>(p + Subscription.TAG, type);
  store<u32>(p + Subscription.FD, <u32>fd);
}

/** The poll(2) bits one event stands for (the host's encoding, runtime/wasi/poll.ts). */
function reventsOf(p: usize): u16 {
  const reading = load<u8>(p + Event.TYPE) == EventType.FD_READ;
  const dir = reading ? PollEvents.IN : PollEvents.OUT;
  const hup = (load<u16>(p + Event.FLAGS) & EventRwFlags.HANGUP) != 0;
  const error = <Errno>load<u16>(p + Event.ERROR);
  if (error == Errno.SUCCESS) return dir | (hup ? PollEvents.HUP : 0);
  if (error == Errno.BADF) return PollEvents.NVAL;
  if (error == Errno.PIPE) return PollEvents.HUP;
  if (hup) return PollEvents.ERR | PollEvents.HUP | dir;
  if (!reading || load<u64>(p + Event.NBYTES) > 0) return PollEvents.ERR | dir;
  return PollEvents.ERR;
}

/** One poll_oneoff over `n` subscriptions at `subs`; ORs each event's bits into its entry. */
function wait(fds: PollFd[], subs: ArrayBuffer, events: ArrayBuffer, n: i32): Errno {
  const e = <Errno>poll_oneoff(changetype<usize>(subs), changetype<usize>(events), <u32>n, OUT_COUNT);
  if (e != Errno.SUCCESS) return e;
  const count = load<u32>(OUT_COUNT);
  for (let j: u32 = 0; j < count; j++) {
    const p = changetype<usize>(events) + <usize>(j * <u32>Event.SIZE);
    if (load<u8>(p + Event.TYPE) == EventType.CLOCK) continue;
    const f = fds[<i32>load<u64>(p + Event.USERDATA)];
    f.revents |= reventsOf(p) & (ALWAYS | f.events);
  }
  return Errno.SUCCESS;
}

/**
 * poll(2): waits until one of `fds` is ready or `timeoutMs` passes (negative:
 * no timeout; 0: just look). Sets each `revents`; the result is how many
 * entries have a nonzero `revents` (0 on timeout).
 */
export function poll(fds: PollFd[], timeoutMs: i32): Result<i32> {
  const max = 2 * fds.length + 1;
  const subs = new ArrayBuffer(max * Subscription.SIZE);
  const events = new ArrayBuffer(max * Event.SIZE);
  const sp = changetype<usize>(subs);
  for (let i = 0; i < fds.length; i++) fds[i].revents = 0;

  // Entries asking for neither direction: their ERR/HUP/NVAL, looked at once without waiting.
  let n = 0;
  for (let i = 0; i < fds.length; i++) {
    const f = fds[i];
    if (f.fd >= 0 && (f.events & (PollEvents.IN | PollEvents.OUT)) == 0) {
      fdSubscription(sp + <usize>(n++ * Subscription.SIZE), i, EventType.FD_READ, f.fd);
    }
  }
  let found = false;
  if (n > 0) {
    clockSubscription(sp + <usize>(n++ * Subscription.SIZE), 0);
    const e = wait(fds, subs, events, n);
    if (e != Errno.SUCCESS) return err<i32>(e);
    for (let i = 0; i < fds.length; i++) if (fds[i].revents != 0) found = true;
  }

  n = 0;
  for (let i = 0; i < fds.length; i++) {
    const f = fds[i];
    if (f.fd < 0) continue;
    if (f.events & PollEvents.IN) fdSubscription(sp + <usize>(n++ * Subscription.SIZE), i, EventType.FD_READ, f.fd);
    if (f.events & PollEvents.OUT) fdSubscription(sp + <usize>(n++ * Subscription.SIZE), i, EventType.FD_WRITE, f.fd);
  }
  if (!(found && n == 0)) {
    // A negative timeout waits forever, even with nothing to wait for (as Linux).
    const ns = found ? 0 : timeoutMs < 0 ? FOREVER : <u64>timeoutMs * NS_PER_MS;
    if (found || timeoutMs >= 0 || n == 0) clockSubscription(sp + <usize>(n++ * Subscription.SIZE), ns);
    const e = wait(fds, subs, events, n);
    if (e != Errno.SUCCESS) return err<i32>(e);
  }

  let ready = 0;
  for (let i = 0; i < fds.length; i++) if (fds[i].revents != 0) ready++;
  return ok<i32>(ready);
}

/** Sleeps `ms` milliseconds (a clock-only `poll_oneoff`). */
export function sleepMs(ms: i64): Errno {
  if (ms <= 0) return Errno.SUCCESS;
  const sub = new ArrayBuffer(Subscription.SIZE);
  const ev = new ArrayBuffer(Event.SIZE);
  clockSubscription(changetype<usize>(sub), <u64>ms * NS_PER_MS);
  return <Errno>poll_oneoff(changetype<usize>(sub), changetype<usize>(ev), 1, OUT_COUNT);
}
