/**
 * How poll_oneoff waits (runtime/wasi/poll_wait.ts), in process with
 * descriptors whose readiness the test sets: a call watching many
 * descriptors reports everything that changed in one event-loop turn, in
 * subscription order, and only that; a descriptor closed while watched is
 * EBADF; a few descriptors are looked at together (read and write of one
 * socket); the clock ends a wait with nothing ready. Listeners are kept from
 * one call to the next while the subscriptions stay the same (poll_watch.ts):
 * a socket's read side that was not ready and has not notified since is not
 * asked again; a call that stops subscribing drops them; a call made while
 * another waits keeps none.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Errno } from "../../runtime/errno.ts";
import { FdEntry, type Readiness } from "../../runtime/fd_entry.ts";
import { DEFAULT_LIMITS } from "../../runtime/limits.ts";
import { GuestMemory } from "../../runtime/memory.ts";
import { GrantPolicy, noGrants } from "../../runtime/policy/grant_policy.ts";
import { createContext } from "../../runtime/run.ts";
import { EventType, FileType } from "../../runtime/wasi/constants.ts";
import { Event, Subscription } from "../../runtime/wasi/layout.ts";
import { poll_oneoff } from "../../runtime/wasi/poll.ts";
import { COALESCE_ABOVE } from "../../runtime/wasi/poll_wait.ts";
import { fakeHost } from "../sandbox/lib/fake_host.ts";

/** A descriptor whose readiness the test decides. */
class Knob extends FdEntry {
  readonly filetype = FileType.SOCKET_STREAM;
  readable = false;
  writable = false;
  asked = 0;
  override readiness(write: boolean): Readiness {
    this.asked++;
    return { ready: write ? this.writable : this.readable, nbytes: write ? 0 : 5 };
  }
  /** Whether anything listens to `changed`. */
  get watched(): boolean {
    return this.changed.waiting;
  }
}

const SUBS = 0, EVENTS = 8192, COUNT = 16380;

function setup() {
  const ctx = createContext(fakeHost({}), {
    args: ["t"], env: [], preopens: [], policy: new GrantPolicy(noGrants()), limits: { ...DEFAULT_LIMITS }, trace: null,
  });
  const memory = new WebAssembly.Memory({ initial: 1 });
  ctx.mem = new GuestMemory(memory);
  const view = new DataView(memory.buffer);
  const subs: [number, number, bigint][] = []; // [tag, fd or 0, userdata or timeout]
  const poll = () => {
    subs.forEach(([tag, fd, x], i) => {
      const p = SUBS + i * Subscription.SIZE;
      view.setBigUint64(p + Subscription.USERDATA, BigInt(100 + i) | (BigInt(i) << 40n), true);
      view.setUint8(p + Subscription.TAG, tag);
      if (tag === EventType.CLOCK) {
        view.setUint32(p + Subscription.CLOCK_ID, 1, true); // monotonic
        view.setBigUint64(p + Subscription.CLOCK_TIMEOUT, x, true);
        view.setUint16(p + Subscription.CLOCK_FLAGS, 0, true);
      } else view.setUint32(p + Subscription.FD, fd, true);
    });
    const r = poll_oneoff(ctx, SUBS, EVENTS, subs.length, COUNT);
    return Promise.resolve(r).then(() => {
      const n = view.getUint32(COUNT, true);
      return Array.from({ length: n }, (_, i) => {
        const p = EVENTS + i * Event.SIZE;
        const ud = view.getBigUint64(p + Event.USERDATA, true);
        return { sub: Number(ud >> 40n), ud, error: view.getUint16(p + Event.ERROR, true), type: view.getUint8(p + Event.TYPE) };
      });
    });
  };
  return { ctx, subs, poll };
}

test("many descriptors: what changed in one turn ends the wait together, in subscription order", async () => {
  const { ctx, subs, poll } = setup();
  const knobs = Array.from({ length: COALESCE_ABOVE + 4 }, () => new Knob());
  for (const k of knobs) subs.push([EventType.FD_READ, ctx.fds.insert(k), 0n]);
  const waiting = poll();
  await new Promise((r) => setTimeout(r, 5));
  const asked = knobs.map((k) => k.asked);
  knobs[9].readable = true;
  knobs[9].changed.notify();
  knobs[2].readable = true;
  knobs[2].changed.notify();
  knobs[4].changed.notify(); // a change that made nothing ready
  knobs[6].readable = true; // ready, but it never said so: not looked at
  const events = await waiting;
  assert.equal(events.map((e) => e.sub), [2, 9]);
  assert.is(events[0].ud, 102n | (2n << 40n), "the whole 64-bit userdata");
  assert.equal(events.map((e) => e.error), [0, 0]);
  assert.equal(knobs.map((k, i) => k.asked - asked[i]), knobs.map((_, i) => (i === 2 || i === 4 || i === 9 ? 1 : 0)), "only those that notified were asked");
  assert.ok(knobs.every((k) => k.watched), "the listeners are kept for the next call");

  // The same call again: only what was ready or notified since is asked.
  const before = knobs.map((k) => k.asked);
  knobs[5].changed.notify(); // between calls: asked, not ready
  const again = await poll();
  assert.equal(again.map((e) => e.sub), [2, 9]);
  assert.equal(knobs.map((k, i) => k.asked - before[i]), knobs.map((_, i) => (i === 2 || i === 5 || i === 9 ? 1 : 0)), "quiet ones are not asked");

  // Fewer subscriptions: those dropped stop listening.
  subs.length = 3;
  assert.equal((await poll()).map((e) => e.sub), [2]);
  assert.ok(knobs.every((k, i) => k.watched === i < 3), "only the call's subscriptions listen");
});

test("many descriptors: one closed while watched is EBADF", async () => {
  const { ctx, subs, poll } = setup();
  const knobs = Array.from({ length: COALESCE_ABOVE + 1 }, () => new Knob());
  for (const k of knobs) subs.push([EventType.FD_READ, ctx.fds.insert(k), 0n]);
  const waiting = poll();
  await Promise.resolve();
  void ctx.fds.remove(subs[3][1]);
  knobs[3].changed.notify();
  const events = await waiting;
  assert.equal(events.map((e) => [e.sub, e.error]), [[3, Errno.BADF]]);
});

test("a few descriptors: one notify is seen by every subscription of the entry", async () => {
  const { ctx, subs, poll } = setup();
  const k = new Knob();
  const fd = ctx.fds.insert(k);
  subs.push([EventType.FD_READ, fd, 0n], [EventType.FD_WRITE, fd, 0n]);
  const waiting = poll();
  await Promise.resolve();
  k.readable = k.writable = true;
  k.changed.notify();
  const events = await waiting;
  assert.equal(events.map((e) => [e.sub, e.type]), [[0, EventType.FD_READ], [1, EventType.FD_WRITE]]);
  assert.is(k.watched, true);
  // A call with only a clock leaves the descriptor subscriptions be; one with another descriptor drops them.
  subs.length = 0;
  subs.push([EventType.CLOCK, 0, 0n]);
  assert.equal((await poll()).map((e) => e.type), [EventType.CLOCK]);
  assert.is(k.watched, true);
  const other = new Knob();
  other.writable = true;
  subs[0] = [EventType.FD_WRITE, ctx.fds.insert(other), 0n];
  assert.equal((await poll()).map((e) => e.sub), [0]);
  assert.is(k.watched, false);
});

test("a call made while another waits listens only while it waits", async () => {
  const { ctx, subs, poll } = setup();
  const a = new Knob(), b = new Knob();
  subs.push([EventType.FD_READ, ctx.fds.insert(a), 0n]);
  const first = poll();
  subs[0] = [EventType.FD_READ, ctx.fds.insert(b), 0n];
  const second = poll();
  await Promise.resolve();
  assert.ok(a.watched && b.watched);
  b.readable = true;
  b.changed.notify();
  assert.equal((await second).map((e) => e.sub), [0]);
  assert.is(b.watched, false, "the second call's listener is gone");
  a.readable = true;
  a.changed.notify();
  assert.equal((await first).map((e) => e.sub), [0]);
  assert.is(a.watched, true, "the first call's is kept");
});

test("the clock ends a wait when nothing becomes ready, many descriptors or few", async () => {
  for (const count of [1, COALESCE_ABOVE + 2]) {
    const { ctx, subs, poll } = setup();
    const knobs = Array.from({ length: count }, () => new Knob());
    for (const k of knobs) subs.push([EventType.FD_READ, ctx.fds.insert(k), 0n]);
    subs.push([EventType.CLOCK, 0, 3_000_000n]);
    const t0 = performance.now();
    knobs[0].changed.notify(); // nothing watches yet
    const waiting = poll();
    knobs[0].changed.notify(); // a change that made nothing ready
    const events = await waiting;
    assert.ok(performance.now() - t0 >= 2.5, `waited ${performance.now() - t0} ms`);
    assert.equal(events.map((e) => [e.sub, e.type]), [[count, EventType.CLOCK]]);
    assert.ok(knobs.every((k) => k.watched));
  }
});

test.run();
