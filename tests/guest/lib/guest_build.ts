/**
 * Helpers of the guest-side tests: build with a bounded number of compilers
 * at once, and list a module's imports.
 *
 * @module
 */

import { readFileSync } from "node:fs";

/** The import modules sockbox implements: preview 1, the WASIX sockets, pthreads and fork (docs/concurrency.md). */
export const HOST_MODULES: readonly string[] = ["wasi_snapshot_preview1", "wasix_32v1", "sockbox_thread", "sockbox_proc"];

/** Compilers running at once (the Deno and Bun runs of the suite each start this many). */
const PARALLEL_BUILDS = 3;

let running = 0;
const waiting: (() => void)[] = [];

/** Runs `job` when fewer than {@link PARALLEL_BUILDS} others are running. */
export async function limited<T>(job: () => Promise<T>): Promise<T> {
  if (running >= PARALLEL_BUILDS) await new Promise<void>((r) => waiting.push(r));
  running++;
  try {
    return await job();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** Starts `job` now; the returned promise never counts as unhandled while no test awaits it yet. */
export function early<T>(job: () => Promise<T>): Promise<T> {
  const p = limited(job);
  p.catch(() => {});
  return p;
}

/** `module.name` of every import of the .wasm at `path`. */
export function importsOf(path: string): string[] {
  const module = new WebAssembly.Module(readFileSync(path));
  return WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name}`);
}

/** The imports of `path` from modules sockbox does not implement. */
export function strayImports(path: string): string[] {
  return importsOf(path).filter((name) => !HOST_MODULES.includes(name.slice(0, name.indexOf("."))));
}
