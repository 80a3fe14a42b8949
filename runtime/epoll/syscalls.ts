/**
 * The WASIX epoll imports: `epoll_create(out fd)`, `epoll_ctl(epfd, op, fd,
 * event)`, `epoll_wait(epfd, events, maxevents, timeout_ns, out n)`. Errors
 * come in the order Linux checks them (fs/eventpoll.c), so a program sees
 * the same errno for the same mistake.
 *
 * (`epoll_wait` checks the descriptor first, then `maxevents`, the buffer and
 * the descriptor's kind: the order of Linux 6.x.)
 *
 * `epoll_wait` is a blocking import: it answers at once when something is
 * ready or the timeout is 0, and otherwise waits (timeout UINT64_MAX:
 * forever) on the epoll entry's `changed` signal (wait.ts), so a waiting
 * guest costs nothing and, in a threaded program, the other threads run
 * meanwhile.
 *
 * @module
 */

import type { Context } from "../context.ts";
import { Errno, fail } from "../errno.ts";
import type { FdEntry } from "../fd_entry.ts";
import { blocking, sync, type SyscallTable } from "../syscall.ts";
import { FileType } from "../wasi/constants.ts";
import { EpollCtl, EpollEvent, EpollType, EXCLUSIVE_OK_BITS, WAIT_FOREVER } from "./abi.ts";
import { EpollEntry } from "./epoll_entry.ts";
import { waitForEvents } from "./wait.ts";

/** Largest `maxevents` (Linux's EP_MAX_EVENTS: INT_MAX / sizeof(struct epoll_event)). */
const MAX_EVENTS = Math.floor(0x7fff_ffff / EpollEvent.SIZE);

/** Whether Linux's poll works on `entry` (regular files and directories: epoll_ctl says EPERM). */
function pollable(entry: FdEntry): boolean {
  return entry.filetype !== FileType.REGULAR_FILE && entry.filetype !== FileType.DIRECTORY;
}

/** `epoll_create(out fd)`. */
function epoll_create(ctx: Context, outFd: number): void {
  ctx.mem.check(outFd, 4);
  ctx.mem.setU32(outFd, ctx.fds.insert(new EpollEntry()));
}

/** `epoll_ctl(epfd, op, fd, event)`; `event` is not read for EPOLL_CTL_DEL. */
function epoll_ctl(ctx: Context, epfd: number, op: number, fd: number, eventPtr: number): void {
  let events = 0;
  let data = new Uint8Array(0);
  const hasEvent = op !== EpollCtl.DEL;
  if (hasEvent) {
    ctx.mem.check(eventPtr, EpollEvent.SIZE);
    events = ctx.mem.u32(eventPtr + EpollEvent.EVENTS);
    data = ctx.mem.copyOut(eventPtr + EpollEvent.DATA, EpollEvent.DATA_SIZE);
  }
  const ep = ctx.fds.get(epfd);
  const target = ctx.fds.get(fd);
  if (!pollable(target)) fail(Errno.PERM, `descriptor ${fd} cannot be polled (a regular file or directory)`);
  if (!(ep instanceof EpollEntry)) fail(Errno.INVAL, `descriptor ${epfd} is not an epoll descriptor`);
  if (target === ep) fail(Errno.INVAL, "an epoll descriptor cannot watch itself");
  if (hasEvent && (events & EpollType.EXCLUSIVE)) {
    if (op === EpollCtl.MOD) fail(Errno.INVAL, "EPOLLEXCLUSIVE with EPOLL_CTL_MOD");
    if (op === EpollCtl.ADD && (target instanceof EpollEntry || (events & ~EXCLUSIVE_OK_BITS))) {
      fail(Errno.INVAL, "EPOLLEXCLUSIVE with an epoll descriptor or with flags it does not allow");
    }
  }
  ep.control(op, fd, target, events, data);
}

/** `epoll_wait(epfd, events, maxevents, timeout_ns, out n)`. */
function epoll_wait(
  ctx: Context,
  epfd: number,
  eventsPtr: number,
  maxevents: number,
  timeoutNs: bigint,
  outN: number,
): void | Promise<void> {
  const ep = ctx.fds.get(epfd);
  if (maxevents === 0 || maxevents > MAX_EVENTS) fail(Errno.INVAL, `maxevents ${maxevents | 0}`);
  ctx.mem.check(eventsPtr, maxevents * EpollEvent.SIZE);
  ctx.mem.check(outN, 4);
  if (!(ep instanceof EpollEntry)) fail(Errno.INVAL, `descriptor ${epfd} is not an epoll descriptor`);
  const n = ep.collect(ctx.mem, eventsPtr, maxevents);
  const timeout = BigInt.asUintN(64, timeoutNs);
  if (n > 0 || timeout === 0n) return ctx.mem.setU32(outN, n);
  const collect = () => ep.collect(ctx.mem, eventsPtr, maxevents);
  return waitForEvents(ep, collect, timeout === WAIT_FOREVER ? null : timeout).then((k) => ctx.mem.setU32(outN, k));
}

/** The epoll imports of `wasix_32v1`. */
export const epollSyscalls: SyscallTable = {
  epoll_create: sync(epoll_create),
  epoll_ctl: sync(epoll_ctl),
  epoll_wait: blocking(epoll_wait),
};
