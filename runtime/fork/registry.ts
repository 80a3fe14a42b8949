/**
 * Context → process, for the `sockbox_proc` syscalls. A program that does
 * not call fork() has no entry: it is the lone process of its run.
 *
 * @module
 */

import type { Context } from "../context.ts";
import type { GuestProcess } from "./process.ts";
import type { ProcessTree } from "./tree.ts";

const processes = new WeakMap<Context, { proc: GuestProcess; tree: ProcessTree }>();

/** Registers `proc` of `tree` as the process running with `ctx`. */
export function register(ctx: Context, proc: GuestProcess, tree: ProcessTree): void {
  processes.set(ctx, { proc, tree });
}

/** The process running with `ctx` and its tree, if the program uses fork(). */
export function processOf(ctx: Context): { proc: GuestProcess; tree: ProcessTree } | undefined {
  return processes.get(ctx);
}
