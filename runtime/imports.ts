/**
 * Assembles the import object a guest is instantiated with: every
 * `wasi_snapshot_preview1` and `wasix_32v1` function, bound to one context.
 * An import the guest asks for that sockbox lacks is still provided and fails
 * with ENOSYS (and a trace line), so linking never breaks on it.
 *
 * @module
 */

import type { Context } from "./context.ts";
import { Errno } from "./errno.ts";
import { paceBlocking, TurnPacer } from "./event_loop_turns.ts";
import { fastPathImports, fastPathSignature } from "./jspi_fast_path.ts";
import { bind, hostCall, sync, type SyscallDef, type SyscallTable } from "./syscall.ts";
import type { FuncSig } from "./wasm_binary.ts";
import { argsSyscalls } from "./wasi/args.ts";
import { clockSyscalls } from "./wasi/clock.ts";
import { fdSyscalls } from "./wasi/fd.ts";
import { fdFileSyscalls } from "./wasi/fd_file.ts";
import { pathSyscalls } from "./wasi/path.ts";
import { pathOpenSyscalls } from "./wasi/path_open.ts";
import { prestatSyscalls } from "./wasi/prestat.ts";
import { readdirSyscalls } from "./wasi/readdir.ts";
import { procSyscalls } from "./wasi/proc.ts";
import { randomSyscalls } from "./wasi/random.ts";
import { pollSyscalls } from "./wasi/poll.ts";
import { createSyscalls, preview1AcceptSyscalls } from "./sock/sys_create.ts";
import { preview1IoSyscalls, wasixIoSyscalls } from "./sock/sys_io.ts";
import { optionSyscalls } from "./sock/sys_opts.ts";
import { resolveSyscalls } from "./sock/sys_resolve.ts";
import { epollSyscalls } from "./epoll/syscalls.ts";
import { THREAD_MODULE } from "./threads/abi.ts";
import { threadSyscalls } from "./threads/syscalls.ts";
import { PROC_MODULE } from "./fork/abi.ts";
import { processSyscalls } from "./fork/syscalls.ts";

/** Import module name of WASI preview 1. */
export const WASI_MODULE = "wasi_snapshot_preview1";
/** Import module name of the WASIX socket calls. */
export const WASIX_MODULE = "wasix_32v1";

/** Every preview 1 syscall sockbox implements. */
export const preview1Syscalls: SyscallTable = {
  ...argsSyscalls,
  ...clockSyscalls,
  ...randomSyscalls,
  ...procSyscalls,
  ...fdSyscalls,
  ...fdFileSyscalls,
  ...prestatSyscalls,
  ...readdirSyscalls,
  ...pathOpenSyscalls,
  ...pathSyscalls,
  ...pollSyscalls,
  ...preview1AcceptSyscalls,
  ...preview1IoSyscalls,
};

/** Every WASIX syscall sockbox implements. */
export const wasixSyscalls: SyscallTable = {
  ...createSyscalls,
  ...wasixIoSyscalls,
  ...optionSyscalls,
  ...resolveSyscalls,
  ...epollSyscalls,
};

/**
 * [concurrency] Wraps one blocking syscall, given its import name: the
 * green-thread gate of `runtime/threads` (docs/concurrency.md).
 */
export type BlockingGate = (name: string, def: SyscallDef) => SyscallDef;

/** Thrown when a guest imports something that cannot be provided. */
export class LinkError extends Error {}

/**
 * Builds the import object for `module`, bound to `ctx`; `gate` wraps every
 * blocking syscall. The blocking syscalls of one import object (one
 * process) share a {@link TurnPacer}: a guest that spins on calls that answer
 * at once still lets the host's event loop turn (runtime/event_loop_turns.ts).
 */
export function buildImports(ctx: Context, module: WebAssembly.Module, gate?: BlockingGate): WebAssembly.Imports {
  const tables: Record<string, SyscallTable> = {
    [WASI_MODULE]: preview1Syscalls,
    [WASIX_MODULE]: wasixSyscalls,
    [THREAD_MODULE]: threadSyscalls, // [concurrency] pthreads (runtime/threads)
    [PROC_MODULE]: processSyscalls, // [concurrency] fork, wait, signals (runtime/fork)
  };
  const imports: Record<string, Record<string, unknown>> = {};
  const missing: string[] = [];
  const pacer = new TurnPacer();
  // Blocking imports with a known signature get a synchronous fast path (jspi_fast_path.ts).
  const fast: { mod: string; name: string; sig: FuncSig; call: ReturnType<typeof hostCall> }[] = [];
  for (const imp of WebAssembly.Module.imports(module)) {
    const table = tables[imp.module];
    if (!table || imp.kind !== "function") {
      missing.push(`${imp.module}.${imp.name} (${imp.kind})`);
      continue;
    }
    if (imports[imp.module]?.[imp.name] !== undefined) continue; // imported twice
    let def = table[imp.name] ?? sync(() => Errno.NOSYS);
    if (def.blocking) def = paceBlocking(pacer, def);
    if (gate && def.blocking) def = gate(imp.name, def);
    const sig = def.blocking ? fastPathSignature(module, imp.module, imp.name) : null;
    if (sig) fast.push({ mod: imp.module, name: imp.name, sig, call: hostCall(ctx, imp.name, def) });
    (imports[imp.module] ??= {})[imp.name] = sig ? null : bind(ctx, imp.name, def);
  }
  const shims = fastPathImports(fast.map((f) => f.sig), fast.map((f) => f.call));
  fast.forEach((f, i) => (imports[f.mod][f.name] = shims[i]));
  if (missing.length > 0) {
    throw new LinkError(
      `the guest imports ${missing.join(", ")}, which sockbox does not provide` +
        ` (was it built with --allow-undefined or for another host?)`,
    );
  }
  return imports as WebAssembly.Imports;
}
