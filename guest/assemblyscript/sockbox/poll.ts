/**
 * `poll()` over WASI `poll_oneoff`, with the POLLIN/POLLOUT/POLLERR/POLLHUP/
 * POLLNVAL meanings of poll(2), and `sleepMs`.
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
  /** An error is pending (revents only). */
  export const ERR: u16 = 0x008;
  /** The peer hung up (revents only). */
  export const HUP: u16 = 0x010;
  /** Not an open descriptor (revents only). */
  export const NVAL: u16 = 0x020;
}

const NS_PER_MS: u64 = 1_000_000;
const OUT_COUNT = memory.data(4, 4);
const CLOCK_USERDATA: u64 = 0xffffffff;

/** One entry of a poll set: the descriptor, what to wait for, what happened. */
export class PollFd {
  /** Descriptor; a negative one is skipped (revents 0), as in poll(2). */
  fd: i32;
  /** PollEvents.IN and/or PollEvents.OUT. */
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

/**
 * poll(2): waits until one of `fds` is ready or `timeoutMs` passes (negative:
 * no timeout; 0: just look). Sets each `revents`; the result is how many
 * entries have a nonzero `revents` (0 on timeout).
 */
export function poll(fds: PollFd[], timeoutMs: i32): Result<i32> {
  let nsubs = timeoutMs >= 0 ? 1 : 0;
  for (let i = 0; i < fds.length; i++) {
    const f = fds[i];
    f.revents = 0;
    if (f.fd < 0) continue;
    if (f.events & PollEvents.IN) nsubs++;
    if (f.events & PollEvents.OUT) nsubs++;
  }
  if (nsubs == 0) return err<i32>(Errno.INVAL); // nothing to wait for, forever
  const subs = new ArrayBuffer(nsubs * Subscription.SIZE);
  const events = new ArrayBuffer(nsubs * Event.SIZE);
  const sp = changetype<usize>(subs), ep = changetype<usize>(events);
  let k = 0;
  for (let i = 0; i < fds.length; i++) {
    const f = fds[i];
    if (f.fd < 0) continue;
    if (f.events & PollEvents.IN) fdSubscription(sp + <usize>(k++ * Subscription.SIZE), i, EventType.FD_READ, f.fd);
    if (f.events & PollEvents.OUT) fdSubscription(sp + <usize>(k++ * Subscription.SIZE), i, EventType.FD_WRITE, f.fd);
  }
  if (timeoutMs >= 0) clockSubscription(sp + <usize>(k++ * Subscription.SIZE), <u64>timeoutMs * NS_PER_MS);
  const e = <Errno>poll_oneoff(sp, ep, <u32>nsubs, OUT_COUNT);
  if (e != Errno.SUCCESS) return err<i32>(e);
  const n = load<u32>(OUT_COUNT);
  for (let j: u32 = 0; j < n; j++) {
    const p = ep + <usize>(j * <u32>Event.SIZE);
    const type = load<u8>(p + Event.TYPE);
    if (type == EventType.CLOCK) continue;
    const f = fds[<i32>load<u64>(p + Event.USERDATA)];
    const error = <Errno>load<u16>(p + Event.ERROR);
    if (error == Errno.BADF) f.revents |= PollEvents.NVAL;
    else if (error != Errno.SUCCESS) f.revents |= PollEvents.ERR;
    else if (type == EventType.FD_READ) f.revents |= PollEvents.IN;
    else if (type == EventType.FD_WRITE) f.revents |= PollEvents.OUT;
    if (load<u16>(p + Event.FLAGS) & EventRwFlags.HANGUP) f.revents |= PollEvents.HUP;
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
