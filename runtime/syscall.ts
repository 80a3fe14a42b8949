/**
 * How host functions become wasm imports: every syscall is wrapped once here,
 * so no implementation has to remember to catch faults, map errors to errno,
 * trace, or decide how to suspend.
 *
 * - A syscall returns `void`/`0` for success or throws {@link SyscallError}.
 * - A `blocking` syscall may return a promise; it becomes a JSPI
 *   `WebAssembly.Suspending` import, entered only when it does return a
 *   promise where the guest's signature allows (`jspi_fast_path.ts`). Others
 *   are plain imports and never suspend the guest.
 *
 * @module
 */

import type { Context } from "./context.ts";
import { Errno, errnoName, SyscallError } from "./errno.ts";
import { suspending } from "./jspi.ts";
import { describeArgs } from "./trace.ts";

/** Raised by `proc_exit`: unwinds the guest and ends the run with `code`. */
export class ProcExit extends Error {
  /** The guest's exit status. */
  readonly code: number;
  constructor(code: number) {
    super(`exit(${code})`);
    this.code = code;
  }
}

// deno-lint-ignore no-explicit-any
type Arg = any;

/** A syscall implementation: gets the context and the raw wasm arguments. */
export type SyscallFn = (ctx: Context, ...args: Arg[]) => number | void | Promise<number | void>;

/** One import's implementation and how to bridge it. */
export interface SyscallDef {
  /** The implementation. */
  fn: SyscallFn;
  /** Whether it may wait (then it is a JSPI suspending import). */
  blocking: boolean;
}

/** A syscall that never waits. */
export function sync(fn: SyscallFn): SyscallDef {
  return { fn, blocking: false };
}

/** A syscall that may wait for the network, stdin or a timer. */
export function blocking(fn: SyscallFn): SyscallDef {
  return { fn, blocking: true };
}

/** Name → definition, one table per import module. */
export type SyscallTable = Record<string, SyscallDef>;

function toErrno(ctx: Context, name: string, args: Arg[], e: unknown): number {
  if (e instanceof SyscallError) {
    if (ctx.trace) ctx.trace(`${name}(${describeArgs(ctx, name, args)}) = ${errnoName(e.errno)}${e.why ? ` (${e.why})` : ""}`);
    return e.errno;
  }
  if (e instanceof ProcExit) throw e;
  // A host bug must not kill the process or leak a host stack to the guest.
  const msg = e instanceof Error ? e.message : String(e);
  ctx.trace?.(`${name}(${describeArgs(ctx, name, args)}) = EIO (host error: ${msg})`);
  if (!ctx.trace) console.error(`sockbox: internal error in ${name}: ${msg}`);
  return Errno.IO;
}

function ok(ctx: Context, name: string, args: Arg[], r: number | void): number {
  const errno = r ?? 0;
  if (ctx.trace) ctx.trace(`${name}(${describeArgs(ctx, name, args)}) = ${errnoName(errno)}`);
  return errno;
}

/**
 * Reads every i32 argument as unsigned, in place: WASI's i32 parameters are
 * pointers, sizes, counts, descriptors, flags and enums, all unsigned, and
 * wasm hands them to JS as signed numbers. (i64 arguments arrive as BigInt
 * and are left alone.)
 */
function unsigned(args: Arg[]): Arg[] {
  for (let i = 0; i < args.length; i++) if (typeof args[i] === "number") args[i] = args[i] >>> 0;
  return args;
}

/**
 * Wraps `def` as a host function bound to `ctx`: it returns the errno, or, for
 * a blocking syscall that has to wait, a promise of it. The trace, if any,
 * gets one line per call: the name, the raw arguments and the errno name.
 */
export function hostCall(ctx: Context, name: string, def: SyscallDef): (...args: Arg[]) => number | Promise<number> {
  const { fn } = def;
  if (!def.blocking) {
    return (...args: Arg[]) => {
      unsigned(args);
      try {
        return ok(ctx, name, args, fn(ctx, ...args) as number | void);
      } catch (e) {
        return toErrno(ctx, name, args, e);
      }
    };
  }
  return (...args: Arg[]) => {
    unsigned(args);
    try {
      const r = fn(ctx, ...args);
      if (r instanceof Promise) return r.then((v) => ok(ctx, name, args, v), (e) => toErrno(ctx, name, args, e));
      return ok(ctx, name, args, r);
    } catch (e) {
      return toErrno(ctx, name, args, e);
    }
  };
}

/**
 * Wraps `def` as a wasm import bound to `ctx` ({@link hostCall}); a blocking
 * one becomes a JSPI `Suspending` import (see also `jspi_fast_path.ts`).
 */
export function bind(ctx: Context, name: string, def: SyscallDef): (...args: Arg[]) => unknown {
  const call = hostCall(ctx, name, def);
  return def.blocking ? suspending(call) as (...args: Arg[]) => unknown : call;
}
