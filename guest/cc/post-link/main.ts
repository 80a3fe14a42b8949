/**
 * The concurrency post-link step of `sockbox cc` (run by
 * guest/cc/post-link-concurrency.sh on a freshly linked .wasm):
 *
 * - a program that creates threads (imports `sockbox_thread.spawn`) gets its
 *   C stack pointer exported as `__stack_pointer`, so that the host can give
 *   each green thread its own stack (wasm-ld cannot export it without
 *   marking every object file with the mutable-globals feature);
 * - a program that calls fork() (imports `sockbox_proc.fork`) is rewritten
 *   by binaryen's asyncify pass (see asyncify.ts).
 *
 * Any other program is left byte for byte as the linker wrote it.
 *
 *   deno run --allow-read --allow-write guest/cc/post-link/main.ts file.wasm
 *
 * @module
 */

import { readFileSync, renameSync, writeFileSync } from "node:fs";
import process from "node:process";
import { addExports, definedGlobals, exportNames, ExternKind, globalNames, I32, imports } from "./wasm_binary.ts";

/** Import module of the thread calls. */
const THREAD_MODULE = "sockbox_thread";
/** The import that marks a program that creates threads. */
const SPAWN_IMPORT = "spawn";
/** Import module of the process calls. */
export const PROC_MODULE = "sockbox_proc";
/** The import that marks a program that calls fork(). */
export const FORK_IMPORT = "fork";
/** The linker's name for the C stack pointer, and the export name the host looks for. */
export const STACK_POINTER = "__stack_pointer";

/** Index of the C stack pointer global: by name, or wasm-ld's first global when names were stripped. */
export function stackPointerIndex(bytes: Uint8Array): number {
  for (const [idx, name] of globalNames(bytes)) if (name === STACK_POINTER) return idx;
  const imported = imports(bytes).filter((i) => i.kind === ExternKind.GLOBAL).length;
  const first = definedGlobals(bytes)[0];
  if (imported === 0 && first && first.type === I32 && first.mutable) return 0;
  throw new Error(`cannot find ${STACK_POINTER} (no name section, and global 0 is not a mutable i32)`);
}

/** Adds the `__stack_pointer` export unless it is there already. */
export function exportStackPointer(bytes: Uint8Array): Uint8Array {
  if (exportNames(bytes).includes(STACK_POINTER)) return bytes;
  return addExports(bytes, [{ name: STACK_POINTER, kind: ExternKind.GLOBAL, index: stackPointerIndex(bytes) }]);
}

/** What the post-link step does to `bytes`; returns null when nothing is needed. */
export async function postLink(bytes: Uint8Array): Promise<Uint8Array | null> {
  const imps = imports(bytes);
  const spawns = imps.some((i) => i.module === THREAD_MODULE && i.name === SPAWN_IMPORT);
  const forks = imps.some((i) => i.module === PROC_MODULE && i.name === FORK_IMPORT);
  if (!spawns && !forks) return null;
  let out = bytes;
  if (forks) out = (await import("./asyncify.ts")).asyncifyForFork(out);
  return exportStackPointer(out);
}

if (import.meta.main) {
  const path = process.argv[process.argv.length - 1];
  try {
    const out = await postLink(new Uint8Array(readFileSync(path)));
    if (out) {
      const tmp = `${path}.post-link.${process.pid}`;
      writeFileSync(tmp, out);
      renameSync(tmp, path);
    }
  } catch (e) {
    console.error(`sockbox cc: post-link step on ${path} failed: ${(e as Error).message}`);
    process.exit(1);
  }
}
