/**
 * The processes of one run of a program that calls fork(). Each process is
 * an instance of the same module with its own memory, descriptor table and
 * green-thread scheduler; they run interleaved on the one JS thread, each
 * switching only inside its blocking calls.
 *
 * fork(), step by step (the program was rewritten by asyncify at link time):
 * 1. the `fork` import starts an unwind into a buffer the guest lends it;
 * 2. every function up to `_start` saves its locals there and returns, so
 *    the JSPI call of `_start` settles;
 * 3. the main loop below sees the unwind, stops it, and makes the child: a
 *    new instance with a copy of the memory (buffer included) and globals,
 *    and a descriptor table sharing every open entry;
 * 4. parent and child each call `_start` again in rewind mode: execution
 *    goes straight back into the `fork` import, which now returns the
 *    child's pid in the parent and 0 in the child.
 *
 * The run ends when every process has ended; its status is the first one's.
 * `--max-memory` is the budget of the whole run: a fork() that would take the
 * memory of all living processes past it fails with ENOMEM (a process that
 * grows after the fork is held only by its own maximum, the same number).
 *
 * @module
 */

import type { Context } from "../context.ts";
import { Errno, fail } from "../errno.ts";
import { promising } from "../jspi.ts";
import { WASM_PAGE_BYTES } from "../limits.ts";
import { GuestMemory, utf8 } from "../memory.ts";
import { ProcExit } from "../syscall.ts";
import { GuestAbort } from "../threads/exits.ts";
import { Scheduler } from "../threads/scheduler.ts";
import { AsyncifyData, AsyncifyState, exitedStatus, MAX_PROCESSES, ROOT_PID, ROOT_PPID, Sig, signaledStatus } from "./abi.ts";
import { asyncifyOf, GuestProcess, Killed } from "./process.ts";
import { register } from "./registry.ts";
import { childEnded } from "./signals.ts";
import { copyInstance } from "./snapshot.ts";
import { type MutableContext, type Shell, SparePool } from "./spares.ts";

/** Period of the timer that keeps the JS runtime alive while orphans run. */
const KEEPALIVE_MS = 3_600_000;

/** What the tree needs from its launcher for each new process. */
export interface TreeHost {
  /** Instantiates the module for a process running with `ctx` under `sched`. */
  instantiate(ctx: Context, sched: Scheduler): WebAssembly.Instance;
  /** Starts `sched` on `instance` with `main` as the main thread (see `Scheduler.run`). */
  start(sched: Scheduler, instance: WebAssembly.Instance, main: () => Promise<unknown>): Promise<void>;
}

/** A process's end, as its scheduler reported it. */
type Outcome = { ok: true } | { ok: false; error: unknown };

/** All processes of one run. */
export class ProcessTree {
  readonly #host: TreeHost;
  readonly #all = new Map<number, GuestProcess>();
  readonly #spares = new SparePool();
  #nextPid = ROOT_PID + 1;
  #running = 0;
  #allDone: (() => void) | null = null;

  constructor(host: TreeHost) {
    this.#host = host;
  }

  /** Parent pid reported for the first process and for orphans (init). */
  get initPid(): number {
    return ROOT_PPID;
  }

  /** The process `pid`, running or a zombie. */
  find(pid: number): GuestProcess | undefined {
    return this.#all.get(pid);
  }

  /** Every process, running or a zombie. */
  processes(): GuestProcess[] {
    return [...this.#all.values()];
  }

  /**
   * Runs the first process (already instantiated) and everything it forks.
   * Settles when all have ended, the way the first process's `_start` would
   * have: resolves for a normal return, rejects with its `ProcExit` or trap.
   */
  async run(ctx: Context, sched: Scheduler, instance: WebAssembly.Instance): Promise<void> {
    const root = new GuestProcess(ROOT_PID, null, ctx, sched);
    const allDone = new Promise<void>((resolve) => (this.#allDone = resolve));
    // A process may wait for ever (pause() with nobody left to signal it, an
    // orphan nobody talks to), as it would on Linux: keep the JS runtime from
    // concluding that nothing can happen any more and leaving.
    const keepAlive = setInterval(() => {}, KEEPALIVE_MS);
    try {
      const first = await this.#launch(root, instance);
      await allDone; // orphans live on, and the run waits for them
      if (!first.ok) throw first.error;
    } finally {
      clearInterval(keepAlive);
    }
  }

  #launch(proc: GuestProcess, instance: WebAssembly.Instance): Promise<Outcome> {
    proc.instance = instance;
    proc.asyncify = asyncifyOf(instance);
    register(proc.ctx, proc, this);
    this.#all.set(proc.pid, proc);
    this.#running++;
    const start = promising(instance.exports._start as () => void);
    const main = async () => {
      for (;;) {
        await start();
        if (!proc.unwinding) return;
        this.#completeFork(proc);
      }
    };
    return this.#host.start(proc.sched, instance, main).then(
      () => this.#ended(proc, { ok: true }),
      (error) => this.#ended(proc, { ok: false, error }),
    );
  }

  /** The `fork` import, first call: checks, then starts the unwind. */
  beginFork(proc: GuestProcess, buf: number, size: number): void {
    if (proc.asyncify === null) {
      fail(Errno.NOSYS, "the program was not rewritten for fork() (build it with sockbox cc)");
    }
    if (proc.sched.size > 1) fail(Errno.NOSYS, "fork() in a process with more than one thread");
    if (this.#all.size >= MAX_PROCESSES) fail(Errno.AGAIN, `${MAX_PROCESSES} processes already`);
    const mem = proc.ctx.mem;
    const budget = proc.ctx.limits.maxMemoryPages * WASM_PAGE_BYTES;
    const used = this.processes().reduce((n, p) => n + (p.alive ? p.ctx.mem.size : 0), 0);
    if (used + this.#spares.bytes + mem.size > budget) this.#spares.clear();
    if (used + mem.size > budget) {
      fail(Errno.NOMEM, `the run's processes use ${used} bytes; a copy of ${mem.size} more exceeds --max-memory`);
    }
    mem.check(buf, size);
    if (size <= AsyncifyData.HEADER) fail(Errno.INVAL, "fork buffer too small");
    mem.setU32(buf + AsyncifyData.CURRENT, buf + AsyncifyData.HEADER);
    mem.setU32(buf + AsyncifyData.END, buf + size);
    proc.fork = { buf, result: null };
    proc.asyncify.startUnwind(buf);
  }

  /** Between unwind and rewind: makes the child and rewinds both. */
  #completeFork(proc: GuestProcess): void {
    const fork = proc.fork!;
    const asyncify = proc.asyncify!;
    asyncify.stopUnwind();
    try {
      const child = this.#copy(proc);
      child.fork = { buf: fork.buf, result: { pid: 0 } };
      fork.result = { pid: child.pid };
      proc.ctx.trace?.(`fork: process ${child.pid} created`);
      child.asyncify!.startRewind(fork.buf);
      this.#launch(child, child.instance);
    } catch (e) {
      fork.result = { errno: e instanceof RangeError ? Errno.NOMEM : Errno.AGAIN };
      proc.ctx.trace?.(`fork failed: ${(e as Error).message}`);
    }
    asyncify.startRewind(fork.buf);
  }

  /**
   * A new process: a copy of `proc`'s instance, descriptors, signal state and
   * thread slots, in a spare instance when one fits, else in a new one.
   */
  #copy(proc: GuestProcess): GuestProcess {
    const pid = this.#nextPid++;
    const parentTrace = proc.ctx.trace;
    const fds = proc.ctx.fds.fork();
    const trace = parentTrace ? (line: string) => parentTrace(`[pid ${pid}] ${line}`) : null;
    let shell: Shell | undefined;
    try {
      shell = this.#spares.take(proc.ctx.mem.size);
      if (shell) {
        shell.ctx.fds = fds;
        shell.ctx.trace = trace;
        shell.sched.reset();
      } else {
        const ctx: MutableContext = { ...proc.ctx, fds, trace };
        const sched = new Scheduler(ctx);
        const instance = this.#host.instantiate(ctx, sched);
        ctx.mem = new GuestMemory(instance.exports.memory as WebAssembly.Memory);
        shell = { ctx, sched, instance };
      }
      copyInstance(proc.instance, shell.instance);
    } catch (e) {
      void fds.closeAll();
      throw e;
    }
    shell.sched.inherit(proc.sched);
    const child = new GuestProcess(pid, proc, shell.ctx, shell.sched);
    child.instance = shell.instance;
    child.asyncify = asyncifyOf(child.instance);
    child.dispositions.splice(0, Infinity, ...proc.dispositions);
    child.saFlags.splice(0, Infinity, ...proc.saFlags);
    child.mask = proc.mask;
    proc.children.set(pid, child);
    return child;
  }

  /** A process ended: record its status, close its descriptors, tell its parent. */
  async #ended(proc: GuestProcess, outcome: Outcome): Promise<Outcome> {
    const status = this.#statusOf(proc, outcome);
    await proc.ctx.fds.closeAll(); // as on Linux: descriptors close before the parent can reap
    proc.status = status;
    proc.ctx.trace?.(`process ${proc.pid} ended (wait status ${status})`);
    if (proc.pid !== ROOT_PID && proc.asyncify?.state() === AsyncifyState.NORMAL) {
      this.#spares.put({ ctx: proc.ctx as MutableContext, sched: proc.sched, instance: proc.instance });
    }
    for (const c of proc.children.values()) {
      c.parent = null; // orphans go on; init reaps them
      if (!c.alive) this.#all.delete(c.pid);
    }
    proc.children.clear();
    if (proc.parent === null || !proc.parent.alive) this.#all.delete(proc.pid);
    else childEnded(proc.parent, proc, this);
    if (--this.#running === 0) this.#allDone?.();
    return outcome;
  }

  /** Forgets a reaped or auto-reaped child. */
  reap(child: GuestProcess): void {
    child.parent?.children.delete(child.pid);
    this.#all.delete(child.pid);
  }

  #statusOf(proc: GuestProcess, outcome: Outcome): number {
    if (outcome.ok) return exitedStatus(0);
    const e = outcome.error;
    if (e instanceof Killed) return signaledStatus(e.sig);
    if (e instanceof GuestAbort) return signaledStatus(Sig.ABRT);
    if (e instanceof ProcExit) return exitedStatus(e.code);
    // A trap: the first process's is reported by runGuest; a child's here.
    if (proc.pid !== ROOT_PID) {
      const why = e instanceof Error ? e.message : String(e);
      proc.ctx.host.stdio.writeSync(2, utf8(`sockbox: process ${proc.pid} trapped: ${why}\n`));
    }
    return signaledStatus(Sig.ABRT);
  }
}
