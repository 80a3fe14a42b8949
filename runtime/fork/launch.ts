/**
 * Starts a program that calls fork(): its first process, with a green-thread
 * scheduler (which also runs its signal handlers), inside a process tree
 * that instantiates the module again for every child.
 *
 * @module
 */

import type { Context } from "../context.ts";
import { type BlockingGate, buildImports } from "../imports.ts";
import { STACK_POINTER_EXPORT, THREAD_ENTRY_EXPORT } from "../threads/abi.ts";
import { Scheduler, type ThreadInstance } from "../threads/scheduler.ts";
import { gateBlocking } from "../threads/syscalls.ts";
import { SIGNAL_ENTRY_EXPORT } from "./abi.ts";
import { ProcessTree } from "./tree.ts";

/** The exports the scheduler uses, as far as the program has them. */
function threadInstance(instance: WebAssembly.Instance): ThreadInstance {
  const x = instance.exports;
  const sp = x[STACK_POINTER_EXPORT];
  const entry = x[THREAD_ENTRY_EXPORT];
  const signalEntry = x[SIGNAL_ENTRY_EXPORT];
  return {
    stackPointer: sp instanceof WebAssembly.Global ? sp : null,
    entry: typeof entry === "function" ? entry as (tcb: number) => unknown : null,
    signalEntry: typeof signalEntry === "function" ? signalEntry as (...args: number[]) => unknown : null,
  };
}

/** The gate of one process's blocking calls. */
function gateOf(sched: Scheduler): BlockingGate {
  return (name, def) => gateBlocking(sched, name, def);
}

/** The launcher of a program that imports `sockbox_proc.fork`, running with `ctx`. */
export function forkLauncher(module: WebAssembly.Module, ctx: Context): {
  gate: BlockingGate;
  run(instance: WebAssembly.Instance): Promise<void>;
} {
  const sched = new Scheduler(ctx);
  const tree = new ProcessTree({
    instantiate: (c, s) => new WebAssembly.Instance(module, buildImports(c, module, gateOf(s))),
    start: (s, instance, main) => s.run(threadInstance(instance), main),
  });
  return { gate: gateOf(sched), run: (instance) => tree.run(ctx, sched, instance) };
}
