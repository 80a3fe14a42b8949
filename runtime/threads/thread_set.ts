/**
 * The threads of one process and the queue of those ready to run.
 *
 * @module
 */

/** What the scheduler needs from the instance once it exists. */
export interface ThreadInstance {
  /** The exported C stack pointer (absent when the program never switches threads). */
  stackPointer: WebAssembly.Global | null;
  /** The exported thread trampoline (absent likewise). */
  entry: ((tcb: number) => unknown) | null;
  /** The exported signal-handler trampoline, if the program installs handlers. */
  signalEntry?: ((...args: number[]) => unknown) | null;
}

/** What a thread is doing. */
export type ThreadState = "ready" | "running" | "blocked";

/** One green thread (or a running signal handler). */
export interface GreenThread {
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
  /** The import it is blocked in, for traces. */
  waitingIn: string;
  /** Blocked in an untimed futex wait: only another thread can release it. */
  lockWait: boolean;
  /** Lets it continue: settles its pending import, or starts it. */
  resume: (() => void) | null;
  /** Interrupted by a signal handler that is still running: it must not run. */
  held: boolean;
  /** For a signal handler: the thread whose stack it runs on. */
  interrupts: GreenThread | null;
}

/** Threads by id, plus the ready queue (first in, first out). */
export class ThreadSet {
  #byTid = new Map<number, GreenThread>();
  #ready: GreenThread[] = [];

  /** Number of threads. */
  get size(): number {
    return this.#byTid.size;
  }

  /** Registers a new thread (state "ready", not queued). */
  add(tid: number, tcb: number, stackBase: number, sp: number): GreenThread {
    const t: GreenThread = {
      tid, tcb, stackBase, sp, errno: 0, state: "ready", waitingIn: "", lockWait: false, resume: null,
      held: false, interrupts: null,
    };
    this.#byTid.set(tid, t);
    return t;
  }

  /** The thread `tid`, if alive. */
  get(tid: number): GreenThread | undefined {
    return this.#byTid.get(tid);
  }

  /** Whether `tid` is alive. */
  has(tid: number): boolean {
    return this.#byTid.has(tid);
  }

  /** Forgets `tid` (it ended). */
  remove(tid: number): void {
    this.#byTid.delete(tid);
    this.#ready = this.#ready.filter((t) => t.tid !== tid);
  }

  /** Every live thread. */
  all(): GreenThread[] {
    return [...this.#byTid.values()];
  }

  /** Queues `t` to run. */
  enqueue(t: GreenThread): void {
    this.#ready.push(t);
  }

  /** Takes the first ready thread that is not held by a signal handler. */
  dequeue(): GreenThread | undefined {
    const i = this.#ready.findIndex((t) => !t.held);
    return i < 0 ? undefined : this.#ready.splice(i, 1)[0];
  }
}
