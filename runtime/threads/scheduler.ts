/**
 * The green-thread scheduler. Every pthread of a guest is one more JSPI
 * stack on the same instance: the main thread is `_start`, the others are
 * `__sockbox_thread_entry(tcb)`, each started through `WebAssembly.promising`.
 *
 * Threads switch only inside a blocking import. Exactly one thread is
 * *current* (running, or chosen to run next): when its blocking import
 * returns a promise, the scheduler saves its C stack pointer and errno,
 * and the next ready thread becomes current; a thread whose promise
 * settles is queued, and becomes current only when nothing else is. Before
 * it resumes, its stack pointer, errno and the guest's current-thread slot
 * are restored. Since no two threads run wasm between two switches, the
 * guest needs no atomics, and a single-threaded program never comes here.
 *
 * A signal handler (runtime/fork) runs the same way, as a short-lived thread
 * on the interrupted thread's stack, below its frames; the interrupted
 * thread is held until the handler ends.
 *
 * @module
 */

import type { Context } from "../context.ts";
import { Errno, fail } from "../errno.ts";
import { promising } from "../jspi.ts";
import { Signal } from "../signal.ts";
import { ProcExit } from "../syscall.ts";
import { MAIN_TID, MAX_THREADS, SIGNAL_FRAME_GAP } from "./abi.ts";
import { deadlock, overflow } from "./diagnostics.ts";
import { HandlerReturn, ProcessEnded, ThreadExit } from "./exits.ts";
import { FutexTable } from "./futex.ts";
import { type GreenThread, type ThreadInstance, ThreadSet } from "./thread_set.ts";

export type { ThreadInstance };

const schedulers = new WeakMap<Context, Scheduler>();

/** The scheduler of the guest running with `ctx`, if it uses threads. */
export function schedulerOf(ctx: Context): Scheduler | undefined {
  return schedulers.get(ctx);
}

/** Runs one process's green threads. */
export class Scheduler {
  /** The futex queues of this process. */
  futexes: FutexTable = new FutexTable();
  /** Notified after each signal handler has run (pause() waits for it). */
  handled: Signal = new Signal();
  readonly #ctx: Context;
  #threads = new ThreadSet();
  #current: GreenThread | null = null;
  #nextTid = MAIN_TID + 1;
  #lastTraced = MAIN_TID;
  /** Set once the process ended: what its suspended stacks are resumed with, to unwind them. */
  #ended: ProcExit | null = null;
  #pendingLockWait = false;
  #handlers: number[][] = [];
  #sp: WebAssembly.Global | null = null;
  #entry: ((tcb: number) => Promise<unknown>) | null = null;
  #signalEntry: ((...args: number[]) => Promise<unknown>) | null = null;
  #selfSlot = 0;
  #errnoSlot = 0;
  #settle: { resolve: () => void; reject: (e: unknown) => void } | null = null;
  #endWatchers = new Set<(e: ProcExit) => void>();

  constructor(ctx: Context) {
    this.#ctx = ctx;
    schedulers.set(ctx, this);
    this.#wireFutexes();
  }

  #wireFutexes(): void {
    this.futexes.onRelease = (tid) => {
      const t = this.#threads.get(tid);
      if (t) t.lockWait = false;
    };
  }

  /**
   * Makes an ended scheduler new again, for an instance that runs another
   * process (runtime/fork recycles the instances of children that ended).
   * The threads of the old process are forgotten: if one of their stacks
   * ever resumes, it is unwound (see {@link #isMine}).
   */
  reset(): void {
    if (!this.#ended) throw new Error("reset of a running scheduler");
    this.futexes = new FutexTable();
    this.#wireFutexes();
    this.handled = new Signal();
    this.#threads = new ThreadSet();
    this.#current = null;
    this.#nextTid = MAIN_TID + 1;
    this.#lastTraced = MAIN_TID;
    this.#ended = null;
    this.#pendingLockWait = false;
    this.#handlers = [];
    this.#settle = null;
    this.#endWatchers = new Set();
  }

  /** Whether `t` is a thread of the process running now (not of one before a {@link reset}). */
  #isMine(t: GreenThread): boolean {
    return this.#threads.get(t.tid) === t;
  }

  /** Number of live threads (a running signal handler counts). */
  get size(): number {
    return this.#threads.size;
  }

  /** Id of the thread whose code is running. */
  get currentTid(): number {
    return this.#current?.tid ?? MAIN_TID;
  }

  /** Whether the process has ended (its threads never run again). */
  get ended(): boolean {
    return this.#ended !== null;
  }

  /**
   * Runs the main thread — `main()` starts it through JSPI and settles when
   * it ends — and every thread it creates. Settles as the process ends:
   * resolves when main returns, rejects with the `ProcExit` of `exit()`, a
   * trap, or a {@link GuestAbort}.
   */
  run(inst: ThreadInstance, main: () => Promise<unknown>): Promise<void> {
    this.#sp = inst.stackPointer;
    this.#entry = inst.entry ? promising(inst.entry) : null;
    this.#signalEntry = inst.signalEntry && this.#sp ? promising(inst.signalEntry) : null;
    const t = this.#threads.add(MAIN_TID, 0, 0, 0);
    t.state = "running";
    this.#current = t;
    return new Promise<void>((resolve, reject) => {
      this.#settle = { resolve, reject };
      this.#watch(t, main());
    });
  }

  /** `init`: where the guest keeps its current-thread pointer and errno. */
  init(selfSlot: number, errnoSlot: number): void {
    this.#ctx.mem.check(selfSlot, 4);
    this.#ctx.mem.check(errnoSlot, 4);
    this.#selfSlot = selfSlot;
    this.#errnoSlot = errnoSlot;
    const main = this.#threads.get(MAIN_TID);
    if (main && main.tcb === 0) main.tcb = this.#ctx.mem.u32(selfSlot);
  }

  /** A process made by fork() knows where its parent's guest keeps the thread slots (memory is a copy). */
  inherit(parent: Scheduler): void {
    this.#selfSlot = parent.#selfSlot;
    this.#errnoSlot = parent.#errnoSlot;
  }

  /** `spawn`: queues a new thread; it starts once the current one blocks. Returns its id. */
  spawn(tcb: number, stackBase: number, stackTop: number): number {
    if (this.#selfSlot === 0) fail(Errno.INVAL, "spawn before init");
    if (this.#sp === null || this.#entry === null) {
      fail(Errno.NOSYS, "the program was not linked for threads (build it with sockbox cc)");
    }
    if (this.#threads.size >= MAX_THREADS) fail(Errno.AGAIN, `${MAX_THREADS} threads already`);
    const t = this.#threads.add(this.#nextTid++, tcb, stackBase, stackTop);
    const entry = this.#entry;
    t.resume = () => this.#watch(t, entry(tcb));
    this.#threads.enqueue(t);
    this.#trace(`thread ${t.tid} created`);
    return t.tid;
  }

  /**
   * `exit`: ends the current thread by unwinding its stack (throws
   * {@link ThreadExit}), or returns 1 when it is the last thread, so that
   * the guest ends the process with exit(0).
   */
  exitThread(): number {
    const t = this.#current;
    if (t === null || this.#threads.size === 1) return 1;
    this.#checkStack(t);
    this.#retire(t, `thread ${t.tid} exited`);
    throw new ThreadExit(t.tid);
  }

  /** `interrupt`: wakes the thread whose control block is `tcb` from a futex wait (EINTR). */
  interrupt(tcb: number): void {
    for (const t of this.#threads.all()) if (t.tcb === tcb) this.futexes.interrupt(t.tid);
  }

  /**
   * `wait` is about to block the current thread with no deadline: only
   * another thread (or a signal handler) can release it. With no other
   * thread and no handler that could run, it never could.
   */
  markLockWait(): void {
    if (this.#threads.size === 1 && this.#handlers.length === 0 && this.#signalEntry === null) throw deadlock(this.#ctx, 1);
    this.#pendingLockWait = true;
  }

  /** Whether signal handlers can run (the program exports the trampoline and its stack pointer). */
  get canRunHandlers(): boolean {
    return this.#signalEntry !== null;
  }

  /** Runs the signal handler trampoline with `args` as soon as no thread of this process runs. */
  queueHandler(args: number[]): void {
    if (this.#ended || this.#signalEntry === null) return;
    this.#handlers.push(args);
    if (this.#current === null) this.#dispatch();
  }

  /** `signal_return`: ends the running handler (throws {@link HandlerReturn}). */
  endHandler(): never {
    const h = this.#current;
    if (h === null || h.interrupts === null) return fail(Errno.INVAL, "not in a signal handler");
    h.interrupts.held = false;
    this.#retire(h, `signal handler (thread ${h.tid}) returned`);
    this.handled.notify();
    throw new HandlerReturn(h.tid);
  }

  /** Ends the process from outside (a signal): its threads are unwound, `run` rejects with `e`. */
  terminate(e: ProcExit): void {
    if (!this.#ended) this.#finish(e);
  }

  /** Calls `fn` once the process ends. */
  onEnd(fn: (e: ProcExit) => void): void {
    if (this.#ended) fn(this.#ended);
    else this.#endWatchers.add(fn);
  }

  /**
   * The gate every blocking import goes through: the current thread stops
   * being current until `p` settles, and then waits its turn. A lone thread
   * passes straight through (but still stops if the process is ended).
   */
  park<T>(name: string, p: Promise<T>): Promise<T> {
    const t = this.#current;
    const lockWait = this.#pendingLockWait;
    this.#pendingLockWait = false;
    if (this.#ended) return Promise.reject(this.#ended);
    if (t === null || (this.#threads.size === 1 && this.#handlers.length === 0 && this.#signalEntry === null)) {
      return this.#unlessEnded(p);
    }
    this.#save(t);
    t.state = "blocked";
    t.waitingIn = name;
    t.lockWait = lockWait;
    this.#current = null;
    queueMicrotask(() => this.#dispatch());
    return new Promise<T>((resolve, reject) => {
      p.then((v) => this.#makeReady(t, () => resolve(v), reject), (e) => this.#makeReady(t, () => reject(e), reject));
    });
  }

  /** `p`, or a rejection with the reason the process ended if that comes first. */
  #unlessEnded<T>(p: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const watcher = (e: ProcExit) => reject(e);
      this.#endWatchers.add(watcher);
      const done = () => this.#endWatchers.delete(watcher);
      p.then((v) => {
        done();
        resolve(v);
      }, (e) => {
        done();
        reject(e);
      });
    });
  }

  #watch(t: GreenThread, run: Promise<unknown>): void {
    run.then(() => this.#stopped(t, null), (e) => this.#stopped(t, e));
  }

  /** A thread's JSPI call settled: it exited, or the process ends with it. */
  #stopped(t: GreenThread, e: unknown): void {
    if (this.#ended || !this.#isMine(t) || e instanceof ThreadExit || e instanceof HandlerReturn) return;
    if (e === null && t.tid !== MAIN_TID) {
      this.#retire(t, `thread ${t.tid} returned`); // the trampoline returned instead of exiting
      return;
    }
    this.#finish(e);
  }

  #retire(t: GreenThread, why: string): void {
    this.#threads.remove(t.tid);
    if (this.#current === t) this.#current = null;
    this.#trace(why);
    queueMicrotask(() => this.#dispatch());
  }

  #finish(e: unknown): void {
    const reason = e instanceof ProcExit ? e : new ProcessEnded();
    this.#ended = reason;
    this.futexes.clear();
    this.#handlers = [];
    const settle = this.#settle!;
    if (e === null) settle.resolve();
    else settle.reject(e);
    const watchers = [...this.#endWatchers];
    this.#endWatchers.clear();
    for (const w of watchers) w(reason);
  }

  #makeReady(t: GreenThread, go: () => void, unwind: (e: unknown) => void): void {
    if (this.#ended) return unwind(this.#ended); // unwinds its stack: nothing of it runs again
    if (!this.#isMine(t)) return unwind(new ProcessEnded()); // a thread of a process before reset()
    t.state = "ready";
    t.lockWait = false;
    t.resume = go;
    this.#threads.enqueue(t);
    this.#dispatch();
  }

  #dispatch(): void {
    if (this.#current !== null || this.#ended) return;
    if (this.#handlers.length > 0 && this.#startHandler()) return;
    const t = this.#threads.dequeue();
    if (t === undefined) return this.#checkDeadlock();
    this.#current = t;
    t.state = "running";
    this.#restore(t);
    if (t.tid !== this.#lastTraced) {
      this.#lastTraced = t.tid;
      this.#trace(`thread ${t.tid} runs`);
    }
    const go = t.resume!;
    t.resume = null;
    go();
  }

  /** Starts the next queued signal handler on the stack of the thread it interrupts. */
  #startHandler(): boolean {
    const victim = this.#threads.get(MAIN_TID) ?? this.#threads.all().find((x) => x.interrupts === null);
    if (!victim || victim.held || victim.state === "running") return false;
    const args = this.#handlers.shift()!;
    const top = (victim.sp - SIGNAL_FRAME_GAP) & ~15;
    const h = this.#threads.add(this.#nextTid++, victim.tcb, 0, top);
    h.interrupts = victim;
    h.errno = victim.errno;
    victim.held = true;
    this.#current = h;
    h.state = "running";
    this.#restore(h);
    this.#lastTraced = h.tid;
    this.#trace(`signal ${args[0]}: handler runs (thread ${h.tid}, interrupting thread ${victim.tid})`);
    this.#watch(h, this.#signalEntry!(...args));
    return true;
  }

  #save(t: GreenThread): void {
    t.sp = this.#sp!.value as number;
    if (this.#errnoSlot !== 0) t.errno = this.#ctx.mem.u32(this.#errnoSlot);
    this.#checkStack(t);
  }

  #restore(t: GreenThread): void {
    this.#sp!.value = t.sp;
    const mem = this.#ctx.mem;
    if (this.#errnoSlot !== 0) mem.setU32(this.#errnoSlot, t.errno);
    if (this.#selfSlot !== 0 && t.tcb !== 0) mem.setU32(this.#selfSlot, t.tcb);
  }

  /** Throws (out through the guest's stack) when the thread overflowed its stack. */
  #checkStack(t: GreenThread): void {
    const e = overflow(this.#ctx, t, this.#current === t ? this.#sp!.value as number : t.sp);
    if (e) throw e;
  }

  /**
   * Nothing can run: if every thread waits for another one, end the process.
   * A process that can run signal handlers may still be woken by one (a
   * handler may post a semaphore), so it is never judged deadlocked.
   */
  #checkDeadlock(): void {
    if (this.#threads.size === 0 || this.#handlers.length > 0 || this.#signalEntry !== null) return;
    for (const t of this.#threads.all()) {
      if (t.state !== "blocked" || !t.lockWait || this.futexes.isTimed(t.tid)) return;
    }
    this.#finish(deadlock(this.#ctx, this.#threads.size));
  }

  #trace(line: string): void {
    this.#ctx.trace?.(line);
  }
}
