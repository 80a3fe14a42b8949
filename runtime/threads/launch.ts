/**
 * Decides, from a module's imports alone, whether a guest needs the
 * green-thread machinery or the process tree of fork(), and if so starts it.
 * A program that imports nothing from `sockbox_thread` and not
 * `sockbox_proc.fork` gets `null`: it is run exactly as before, with no gate
 * around its blocking calls and no scheduler.
 *
 * @module
 */

import type { Context } from "../context.ts";
import type { BlockingGate } from "../imports.ts";
import { promising } from "../jspi.ts";
import { utf8 } from "../memory.ts";
import { LOAD_FAILURE_STATUS, SPAWN_IMPORT, STACK_POINTER_EXPORT, THREAD_ENTRY_EXPORT, THREAD_MODULE } from "./abi.ts";
import { GuestAbort } from "./exits.ts";
import { Scheduler } from "./scheduler.ts";
import { gateBlocking } from "./syscalls.ts";
import { FORK_IMPORT, PROC_MODULE } from "../fork/abi.ts";
import { forkLauncher } from "../fork/launch.ts";

/** How a guest that uses threads is started (see `runtime/run.ts`). */
export interface Concurrency {
  /** Wraps each blocking syscall so that a waiting thread lets the others run. */
  readonly gate: BlockingGate;
  /** Runs `_start` and every thread it creates; settles like `promising(_start)()` would. */
  run(instance: WebAssembly.Instance, start: () => unknown): Promise<void>;
}

/** What `module` imports of threads and processes: any pthread call, pthread_create, fork(). */
export function concurrencyUse(module: WebAssembly.Module): { threads: boolean; spawns: boolean; forks: boolean } {
  let threads = false, spawns = false, forks = false;
  for (const imp of WebAssembly.Module.imports(module)) {
    if (imp.module === THREAD_MODULE) {
      threads = true;
      if (imp.name === SPAWN_IMPORT) spawns = true;
    } else if (imp.module === PROC_MODULE && imp.name === FORK_IMPORT) {
      forks = true;
    }
  }
  return { threads, spawns, forks };
}

/** Says why a program cannot start and returns the rejection that ends it. */
function notLinked(ctx: Context, why: string): Promise<never> {
  ctx.host.stdio.writeSync(2, utf8(`sockbox: ${why}\n`));
  return Promise.reject(new GuestAbort(LOAD_FAILURE_STATUS, why));
}

/**
 * The thread and process runtime for `module` running with `ctx`, or null
 * when it uses no pthread call and never forks.
 */
export function concurrencyFor(module: WebAssembly.Module, ctx: Context): Concurrency | null {
  const { threads, spawns, forks } = concurrencyUse(module);
  if (forks) {
    const launcher = forkLauncher(module, ctx);
    return {
      gate: launcher.gate,
      run(instance) {
        if (!(instance.exports[STACK_POINTER_EXPORT] instanceof WebAssembly.Global)) {
          return notLinked(ctx, "the program calls fork() but was not rewritten for it: build it with `sockbox cc`");
        }
        return launcher.run(instance);
      },
    };
  }
  if (!threads) return null;
  const sched = new Scheduler(ctx);
  return {
    gate: (name, def) => gateBlocking(sched, name, def),
    run(instance, start) {
      const sp = instance.exports[STACK_POINTER_EXPORT];
      const entry = instance.exports[THREAD_ENTRY_EXPORT];
      const linked = sp instanceof WebAssembly.Global && typeof entry === "function";
      if (spawns && !linked) {
        return notLinked(
          ctx,
          `the program creates threads but does not export ${STACK_POINTER_EXPORT} and ` +
            `${THREAD_ENTRY_EXPORT}: build it with \`sockbox cc\`, which adds them`,
        );
      }
      return sched.run({
        stackPointer: linked ? sp as WebAssembly.Global : null,
        entry: linked ? entry as (tcb: number) => unknown : null,
      }, () => promising(start)());
    },
  };
}
