/**
 * How `epoll_wait` waits when nothing is ready: on the epoll entry's own
 * `changed` signal (notified when an interest joins its ready list), never
 * by polling, with an optional timeout.
 *
 * A set watching more than {@link COALESCE_ABOVE} descriptors looks once per
 * host event-loop turn ({@link afterIo}): the events the host delivers
 * together (Bun hands each connection's data over in its own callback) end
 * the wait together, so a busy server gets many events per wake-up instead
 * of one. A small set looks in a microtask after the first notify, so a lone
 * socket's latency is unchanged. Same policy as `poll_oneoff`
 * (runtime/wasi/poll_wait.ts).
 *
 * @module
 */

import { afterIo } from "../after_io.ts";
import { COALESCE_ABOVE } from "../wasi/poll_wait.ts";
import type { EpollEntry } from "./epoll_entry.ts";

/** Longest single host timer (setTimeout's limit); longer waits re-arm. */
const MAX_TIMER_MS = 2 ** 31 - 1;
const NS_PER_MS = 1_000_000;

/**
 * Waits until `collect()` returns a count above 0 (it writes the events),
 * or `timeoutNs` passes (null: forever); resolves with the count, 0 on timeout.
 */
export function waitForEvents(ep: EpollEntry, collect: () => number, timeoutNs: bigint | null): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const coalesce = ep.size > COALESCE_ABOVE;
    // The deadline is in ms on performance.now(); the timer is rounded up so it never ends a wait early.
    const deadline = timeoutNs === null ? null : performance.now() + Number(timeoutNs) / NS_PER_MS;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let queued = false;
    let done = false;

    const finish = (n: number) => {
      done = true;
      ep.changed.unlisten(onChange);
      if (timer !== undefined) clearTimeout(timer);
      resolve(n);
    };
    const look = () => {
      queued = false;
      if (done) return;
      try {
        const n = collect();
        if (n > 0) finish(n);
      } catch (e) {
        done = true;
        ep.changed.unlisten(onChange);
        if (timer !== undefined) clearTimeout(timer);
        reject(e);
      }
    };
    function onChange(): void {
      if (queued || done) return;
      queued = true;
      if (coalesce) afterIo(look);
      else queueMicrotask(look);
    }
    const arm = () => {
      if (deadline === null) return;
      const ms = Math.min(MAX_TIMER_MS, Math.max(0, Math.ceil(deadline - performance.now())));
      timer = setTimeout(() => {
        timer = undefined;
        if (done) return;
        if (performance.now() < deadline) return arm();
        look(); // what arrived at the last moment still counts
        if (!done) finish(0);
      }, ms);
    };
    ep.changed.listen(onChange);
    arm();
  });
}
