/**
 * Runs one guest to completion: compile, link against the host, start
 * `_start` through JSPI, turn exit/trap into an exit status, and close every
 * descriptor (so no listener outlives the guest).
 *
 * @module
 */

import type { Context, TraceSink } from "./context.ts";
import { FdTable } from "./fd_table.ts";
import { openPreopen, PreopenError } from "./fs/preopen.ts";
import type { Host } from "./host.ts";
import { buildImports, LinkError } from "./imports.ts";
import { hasJspi, promising } from "./jspi.ts";
import { rememberSignatures } from "./jspi_fast_path.ts";
import { DEFAULT_LIMITS, LimitError, type Limits } from "./limits.ts";
import { GuestMemory, utf8 } from "./memory.ts";
import { DENY_ALL, type Policy } from "./policy.ts";
import { capMemory } from "./sandbox/memory_cap.ts";
import { RefusalNotices } from "./sandbox/refusal_notice.ts";
import { Linger } from "./sock/linger.ts";
import { StdinEntry, StdoutEntry } from "./stdio.ts";
import { ProcExit } from "./syscall.ts";
import { concurrencyFor } from "./threads/launch.ts";

/** A host directory made visible to the guest under another name. */
export interface Preopen {
  /** Host path. */
  hostPath: string;
  /** The name the guest sees (`/data`). */
  guestPath: string;
}

/** Everything `sockbox run` decides before starting a guest. */
export interface RunConfig {
  /** argv, argv[0] included. */
  args: string[];
  /** `KEY=VALUE` strings. */
  env: string[];
  /** Directories granted with `--dir`. */
  preopens: Preopen[];
  /** Network grants. */
  policy: Policy;
  /** Resource caps. */
  limits: Limits;
  /** Where `--trace` lines go, or null. */
  trace: TraceSink | null;
}

/** Exit status of a guest that trapped (as a C program killed by SIGABRT). */
export const TRAP_EXIT_STATUS = 134;
/** Exit status when the module cannot be loaded or linked. */
export const LOAD_FAILURE_STATUS = 127;
/** Exit status when a grant cannot be honoured (a `--dir` that is not a directory), like a usage error. */
export const GRANT_FAILURE_STATUS = 2;

/** Default run configuration: no args, no env, nothing granted. */
export function defaultConfig(): RunConfig {
  return { args: ["main.wasm"], env: [], preopens: [], policy: DENY_ALL, limits: { ...DEFAULT_LIMITS }, trace: null };
}

/**
 * Creates the guest's context: stdio on 0–2, preopens next (3, 4, … in
 * `--dir` order). Throws {@link PreopenError} when a preopen is not an
 * existing directory.
 */
export function createContext(host: Host, config: RunConfig): Context {
  const fds = new FdTable(config.limits.maxFds);
  fds.insert(new StdinEntry(host.stdio));
  fds.insert(new StdoutEntry(host.stdio, 1));
  fds.insert(new StdoutEntry(host.stdio, 2));
  for (const preopen of config.preopens) fds.insert(openPreopen(host.fs, preopen));
  return {
    mem: undefined as unknown as GuestMemory,
    fds,
    args: config.args,
    env: config.env,
    host,
    policy: config.policy,
    limits: config.limits,
    trace: config.trace,
    preopens: config.preopens,
    linger: new Linger(),
    refusals: new RefusalNotices(
      (line) => host.stdio.writeSync(2, utf8(line + "\n")),
      config.preopens.map((p) => p.guestPath),
    ),
  };
}

/** An engine error's message, without the JavaScriptCore call it was thrown from (`… (evaluating 'f(x)')`). */
function engineMessage(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).replace(/ \(evaluating '.*'\)$/, "");
}

/** The guest's frames of a trap's stack, innermost first (V8 names them; JavaScriptCore does not). */
function wasmFrames(e: unknown): string {
  const stack = e instanceof Error && e.stack ? e.stack.split("\n") : [];
  const named = stack.filter((l) => l.includes("wasm://") || l.includes("wasm-function"));
  if (named.length > 0) return named.map((l) => "    " + l.trim()).join("\n");
  const anonymous = stack.filter((l) => l.trim() === "at unknown").length;
  return anonymous > 0
    ? `    (${anonymous} wasm frames, which this runtime does not name; --runtime=deno prints them with function names)`
    : "";
}

/** Compiles `wasm`, runs it with `config`, and resolves to its exit status. */
export async function runGuest(host: Host, wasm: Uint8Array, config: RunConfig): Promise<number> {
  const say = (msg: string) => host.stdio.writeSync(2, utf8(`sockbox: ${msg}\n`));
  if (!hasJspi()) {
    say(`${host.name} lacks WebAssembly JSPI (WebAssembly.Suspending); sockbox needs Deno ≥ 2.9 or Bun ≥ 1.4`);
    return LOAD_FAILURE_STATUS;
  }
  try {
    wasm = capMemory(wasm, config.limits.maxMemoryPages);
  } catch (e) {
    if (!(e instanceof LimitError)) throw e;
    say(e.message);
    return LOAD_FAILURE_STATUS;
  }
  let module: WebAssembly.Module;
  try {
    module = host.compileModule ? host.compileModule(wasm) : await WebAssembly.compile(wasm as BufferSource);
  } catch (e) {
    say(`not a valid WebAssembly module: ${engineMessage(e)}`);
    return LOAD_FAILURE_STATUS;
  }
  rememberSignatures(module, wasm); // for the blocking imports' fast path (buildImports)
  let ctx: Context;
  try {
    ctx = createContext(host, config);
  } catch (e) {
    if (!(e instanceof PreopenError)) throw e;
    say(e.message);
    return GRANT_FAILURE_STATUS;
  }
  // [concurrency] pthreads (runtime/threads, docs/concurrency.md); null for a program that uses none.
  const concurrency = concurrencyFor(module, ctx);
  try {
    let instance: WebAssembly.Instance;
    try {
      instance = await WebAssembly.instantiate(module, buildImports(ctx, module, concurrency?.gate));
    } catch (e) {
      say(e instanceof LinkError ? e.message : `cannot link the guest: ${(e as Error).message}`);
      return LOAD_FAILURE_STATUS;
    }
    const { memory, _start } = instance.exports as { memory?: WebAssembly.Memory; _start?: () => void };
    if (!(memory instanceof WebAssembly.Memory) || typeof _start !== "function") {
      say("the module is not a WASI command (it must export `memory` and `_start`)");
      return LOAD_FAILURE_STATUS;
    }
    ctx.mem = new GuestMemory(memory);
    try {
      if (concurrency) await concurrency.run(instance, _start); // [concurrency]
      else await promising(_start)();
      return 0;
    } catch (e) {
      if (e instanceof ProcExit) return e.code;
      if (e instanceof WebAssembly.RuntimeError) {
        say(`the guest trapped: ${engineMessage(e)}\n${wasmFrames(e)}`);
        return TRAP_EXIT_STATUS;
      }
      say(`the guest failed: ${e instanceof Error ? e.message : String(e)}`);
      return TRAP_EXIT_STATUS;
    }
  } finally {
    await ctx.fds.closeAll();
    await flushClosed(ctx);
  }
}

/** Waits for the bytes closed connections still queue to reach the OS, as Linux's kernel sends them after an exit. */
async function flushClosed(ctx: Context): Promise<void> {
  const peers = ctx.trace ? ctx.linger.peers : [];
  if (peers.length > 0) ctx.trace!(`exit: sending what closed connections still queue: ${peers.join(", ")}`);
  const { connections, abandoned, waitedMs } = await ctx.linger.settle();
  if (connections > 0 && abandoned > 0) {
    ctx.trace?.(`exit: gave up on ${abandoned} bytes after ${waitedMs} ms: their peers stopped reading`);
  } else if (connections > 0) ctx.trace?.(`exit: ${connections} connections flushed in ${waitedMs} ms`);
}
