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
 * @module
 */

import type { Context } from "../context.ts";
import { Errno, fail } from "../errno.ts";
import { promising } from "../jspi.ts";
import { utf8 } from "../memory.ts";
import { ABORT_STATUS, MAIN_TID, MAX_THREADS, STACK_CANARY, STACK_GUARD } from "./abi.ts";
import { GuestAbort, ThreadExit } from "./exits.ts";
import { FutexTable } from "./futex.ts";

type ThreadState = "ready" | "running" | "blocked";

interface GreenThread {
  readonly tid: number;
  /** Guest address of its control block (`struct __pthread`). */
  tcb: number;
  /** Lowest address of a stack libsockbox allocated (0: not checked). */
  readonly stackBase: number;
  /** Saved `__stack_pointer` while it does not run. */
  sp: number;
  /** Saved errno while it does not run. */
  errno: number;
  state: ThreadState;
  /** The import it is blocked in, for traces and the deadlock report. */
  waitingIn: string;
  /** Blocked in an untimed futex wait: only another thread can release it. */
  lockWait: boolean;
  /** Lets it continue: settles its pending import, or starts it. */
  resume: (() => void) | null;
}

/** What the scheduler needs from the instance once it exists. */
export interface ThreadInstance {
  /** The exported C stack pointer (absent when the program never switches threads). */
  stackPointer: WebAssembly.Global | null;
  /** The exported thread trampoline (absent likewise). */
  entry: ((tcb: number) => unknown) | null;
}

const schedulers = new WeakMap<Context, Scheduler>();

/** The scheduler of the guest running with `ctx`, if it uses threads. */
export function schedulerOf(ctx: Context): Scheduler | undefined {
  return schedulers.get(ctx);
}

/** Runs one process's green threads. */
export class Scheduler {
  /** The futex queues of this process. */
  readonly futexes: FutexTable = new FutexTable();
  readonly #ctx: Context;
  readonly #threads = new Map<number, GreenThread>();
  #ready: GreenThread[] = [];
  #current: GreenThread | null = null;
  #nextTid = MAIN_TID + 1;
  #lastTraced = MAIN_TID;
  #ended = false;
  #pendingLockWait = false;
  #sp: WebAssembly.Global | null = null;
  #entry: ((tcb: number) => Promise<unknown>) | null = null;
  #selfSlot = 0;
  #errnoSlot = 0;
  #settle: { resolve: () => void; reject: (e: unknown) => void } | null = null;

  constructor(ctx: Context) {
    this.#ctx = ctx;
    schedulers.set(ctx, this);
    this.futexes.onRelease = (tid) => {
      const t = this.#threads.get(tid);
      if (t) t.lockWait = false;
    };
  }

  /** Number of live threads. */
  get size(): number {
    return this.#threads.size;
  }

  /** Id of the thread whose code is running. */
  get currentTid(): number {
    return this.#current?.tid ?? MAIN_TID;
  }

  /**
   * Runs the main thread (`start`, the guest's `_start`) and every thread it
   * creates. Settles as the process ends: resolves when main returns,
   * rejects with the `ProcExit` of `exit()`, a trap, or a {@link GuestAbort}.
   */
  run(inst: ThreadInstance, start: () => unknown): Promise<void> {
    this.#sp = inst.stackPointer;
    this.#entry = inst.entry ? promising(inst.entry) : null;
    const main = this.#newThread(MAIN_TID, 0, 0, 0);
    main.state = "running";
    this.#current = main;
    return new Promise<void>((resolve, reject) => {
      this.#settle = { resolve, reject };
      this.#watch(main, promising(start)());
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

  /** `spawn`: queues a new thread; it starts once the current one blocks. Returns its id. */
  spawn(tcb: number, stackBase: number, stackTop: number): number {
    if (this.#selfSlot === 0) fail(Errno.INVAL, "spawn before init");
    if (this.#sp === null || this.#entry === null) {
      fail(Errno.NOSYS, "the program was not linked for threads (build it with sockbox cc)");
    }
    if (this.#threads.size >= MAX_THREADS) fail(Errno.AGAIN, `${MAX_THREADS} threads already`);
    const t = this.#newThread(this.#nextTid++, tcb, stackBase, stackTop);
    const entry = this.#entry;
    t.resume = () => this.#watch(t, entry(tcb));
    this.#ready.push(t);
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
    this.#threads.delete(t.tid);
    this.#current = null;
    this.#trace(`thread ${t.tid} exited`);
    queueMicrotask(() => this.#dispatch());
    throw new ThreadExit(t.tid);
  }

  /** `interrupt`: wakes the thread whose control block is `tcb` from a futex wait (EINTR). */
  interrupt(tcb: number): void {
    for (const t of this.#threads.values()) {
      if (t.tcb === tcb) this.futexes.interrupt(t.tid);
    }
  }

  /**
   * `wait` is about to block the current thread with no deadline: only
   * another thread can release it. With no other thread, it never could.
   */
  markLockWait(): void {
    if (this.#threads.size === 1) throw this.#deadlock();
    this.#pendingLockWait = true;
  }

  /**
   * The gate every blocking import goes through in a threaded program: the
   * current thread stops being current until `p` settles, and then waits
   * its turn. A lone thread passes straight through.
   */
  park<T>(name: string, p: Promise<T>): Promise<T> {
    const t = this.#current;
    const lockWait = this.#pendingLockWait;
    this.#pendingLockWait = false;
    if (t === null || this.#threads.size === 1) return p;
    this.#save(t);
    t.state = "blocked";
    t.waitingIn = name;
    t.lockWait = lockWait;
    this.#current = null;
    queueMicrotask(() => this.#dispatch());
    return new Promise<T>((resolve, reject) => {
      p.then((v) => this.#makeReady(t, () => resolve(v)), (e) => this.#makeReady(t, () => reject(e)));
    });
  }

  #newThread(tid: number, tcb: number, stackBase: number, sp: number): GreenThread {
    const t: GreenThread = {
      tid, tcb, stackBase, sp, errno: 0, state: "ready", waitingIn: "", lockWait: false, resume: null,
    };
    this.#threads.set(tid, t);
    return t;
  }

  #watch(t: GreenThread, run: Promise<unknown>): void {
    run.then(() => this.#stopped(t, null), (e) => this.#stopped(t, e));
  }

  /** A thread's JSPI call settled: it exited, or the process ends with it. */
  #stopped(t: GreenThread, e: unknown): void {
    if (this.#ended || e instanceof ThreadExit) return;
    if (e === null && t.tid !== MAIN_TID) {
      // The trampoline returned instead of calling pthread_exit: end it quietly.
      this.#threads.delete(t.tid);
      if (this.#current === t) this.#current = null;
      this.#dispatch();
      return;
    }
    this.#finish(e);
  }

  #finish(e: unknown): void {
    this.#ended = true;
    this.futexes.clear();
    this.#ready = [];
    const settle = this.#settle!;
    if (e === null) settle.resolve();
    else settle.reject(e);
  }

  #makeReady(t: GreenThread, go: () => void): void {
    if (this.#ended || !this.#threads.has(t.tid)) return;
    t.state = "ready";
    t.lockWait = false;
    t.resume = go;
    this.#ready.push(t);
    this.#dispatch();
  }

  #dispatch(): void {
    if (this.#current !== null || this.#ended) return;
    const t = this.#ready.shift();
    if (t === undefined) {
      this.#checkDeadlock();
      return;
    }
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

  #save(t: GreenThread): void {
    t.sp = this.#sp!.value as number;
    t.errno = this.#ctx.mem.u32(this.#errnoSlot);
    this.#checkStack(t);
  }

  #restore(t: GreenThread): void {
    this.#sp!.value = t.sp;
    const mem = this.#ctx.mem;
    mem.setU32(this.#errnoSlot, t.errno);
    mem.setU32(this.#selfSlot, t.tcb);
  }

  /**
   * Throws (out through the guest's stack) when the thread overflowed its
   * stack: its stack pointer is below the stack, or the canary word at the
   * bottom was overwritten.
   */
  #checkStack(t: GreenThread): void {
    if (t.stackBase === 0) return;
    const sp = this.#current === t ? this.#sp!.value as number : t.sp;
    if (sp >= t.stackBase + STACK_GUARD && this.#ctx.mem.u32(t.stackBase) === STACK_CANARY) return;
    throw this.#fatal(
      `thread ${t.tid} overflowed its stack and overwrote memory below it;` +
        ` give it a larger one with pthread_attr_setstacksize()`,
    );
  }

  /** Nothing can run: if every thread waits for another one, end the process. */
  #checkDeadlock(): void {
    if (this.#threads.size === 0) return;
    for (const t of this.#threads.values()) {
      if (t.state !== "blocked" || !t.lockWait || this.futexes.isTimed(t.tid)) return;
    }
    this.#finish(this.#deadlock());
  }

  #deadlock(): GuestAbort {
    const n = this.#threads.size;
    const who = n === 1 ? "the only thread waits" : `all ${n} threads wait`;
    return this.#fatal(`deadlock: ${who} on a mutex, condition variable, semaphore or join that no thread can release`);
  }

  /** Says why the process cannot go on (stderr) and returns the exception that ends it. */
  #fatal(reason: string): GuestAbort {
    this.#ctx.host.stdio.writeSync(2, utf8(`sockbox: ${reason}\n`));
    return new GuestAbort(ABORT_STATUS, reason);
  }

  #trace(line: string): void {
    this.#ctx.trace?.(line);
  }
}
