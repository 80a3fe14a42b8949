/**
 * One guest process of a run that uses fork(): its instance and context, its
 * place in the process tree, its signal dispositions, and the asyncify
 * controls that let it be copied.
 *
 * @module
 */

import type { Context } from "../context.ts";
import { Signal } from "../signal.ts";
import { ProcExit } from "../syscall.ts";
import type { Scheduler } from "../threads/scheduler.ts";
import { Asyncify, AsyncifyState, Disposition, NSIG, Sig } from "./abi.ts";

/** Ends a process because a signal's default action is to terminate it. */
export class Killed extends ProcExit {
  /** The signal. */
  readonly sig: number;
  constructor(sig: number) {
    super(128 + sig); // what a shell reports for a process killed by `sig`
    this.sig = sig;
    this.message = `killed by signal ${sig}`;
  }
}

/** The asyncify exports of a rewritten instance. */
export interface AsyncifyControls {
  startUnwind(buf: number): void;
  stopUnwind(): void;
  startRewind(buf: number): void;
  stopRewind(): void;
  state(): number;
}

/** The asyncify controls of `instance`, or null when it was not rewritten for fork. */
export function asyncifyOf(instance: WebAssembly.Instance): AsyncifyControls | null {
  const x = instance.exports as Record<string, unknown>;
  const fns = Object.values(Asyncify).map((name) => x[name]);
  if (!fns.every((f) => typeof f === "function")) return null;
  const [startUnwind, stopUnwind, startRewind, stopRewind, state] = fns as ((...a: number[]) => number)[];
  return { startUnwind, stopUnwind, startRewind, stopRewind, state };
}

/** Where a fork() in progress keeps its state between unwind and rewind. */
export interface ForkCall {
  /** Guest address of the asyncify data buffer. */
  buf: number;
  /** What the rewound fork() returns: the child's pid, 0 in the child, or a WASI errno to fail with. */
  result: { pid: number } | { errno: number } | null;
}

/** A process. */
export class GuestProcess {
  readonly pid: number;
  /** Parent, while it lives (an orphan's parent is init). */
  parent: GuestProcess | null;
  readonly ctx: Context;
  readonly sched: Scheduler;
  instance!: WebAssembly.Instance;
  asyncify: AsyncifyControls | null = null;
  /** Children, running or ended and not yet reaped (zombies). */
  readonly children = new Map<number, GuestProcess>();
  /** Wait status once it ended (it is a zombie until its parent reaps it). */
  status: number | null = null;
  /** Notified when one of its children ends. */
  readonly childEnded: Signal = new Signal();
  /** What each signal does (`Disposition`), and its sigaction flags. */
  readonly dispositions: number[] = new Array(NSIG).fill(Disposition.DEFAULT);
  readonly saFlags: number[] = new Array(NSIG).fill(0);
  /** Blocked signals: bit `sig - 1`. */
  mask = 0n;
  /** Signals with a handler that arrived while blocked: their handler arguments. */
  readonly pending = new Map<number, number[]>();
  /** A fork() between unwind and rewind. */
  fork: ForkCall | null = null;

  constructor(pid: number, parent: GuestProcess | null, ctx: Context, sched: Scheduler) {
    this.pid = pid;
    this.parent = parent;
    this.ctx = ctx;
    this.sched = sched;
  }

  /** Parent pid (init's when orphaned or the first process). */
  ppid(initPid: number): number {
    return this.parent?.pid ?? initPid;
  }

  /** Whether `sig` is blocked. */
  blocks(sig: number): boolean {
    return (this.mask >> BigInt(sig - 1)) & 1n ? sig !== Sig.KILL && sig !== Sig.STOP : false;
  }

  /** Whether it is still running. */
  get alive(): boolean {
    return this.status === null;
  }

  /** Whether it is in the middle of unwinding for a fork(). */
  get unwinding(): boolean {
    return this.asyncify !== null && this.asyncify.state() === AsyncifyState.UNWINDING;
  }
}
