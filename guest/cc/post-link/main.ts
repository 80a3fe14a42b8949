/**
 * The post-link step of `sockbox cc` (run by guest/cc/post-link-concurrency.sh
 * on every freshly linked .wasm):
 *
 * - a program that creates threads (imports `sockbox_thread.spawn`) gets its
 *   C stack pointer exported as `__stack_pointer`, so that the host can give
 *   each green thread its own stack (wasm-ld cannot export it without
 *   marking every object file with the mutable-globals feature);
 * - a program that calls fork() (imports `sockbox_proc.fork`) is rewritten
 *   by binaryen's asyncify pass (see asyncify.ts);
 * - every program gets a `sockbox.fast_path` custom section: the signatures of
 *   its imports that the JSPI fast path can serve, so that `sockbox run` does
 *   not read them from the type and import sections at every start
 *   (runtime/fast_path_section.ts, which says why the section cannot give the
 *   guest anything it could not call before).
 *
 * Nothing else changes: the code and every other section stay as the linker
 * (or asyncify) wrote them.
 *
 *   deno run --allow-read --allow-write guest/cc/post-link/main.ts file.wasm
 *
 * @module
 */

import { readFileSync, renameSync, writeFileSync } from "node:fs";
import process from "node:process";
import { encodeFastPathSection, FAST_PATH_SECTION, type FastPathEntry, isFastPathSig } from "../../../runtime/fast_path_section.ts";
import { importSignatures } from "../../../runtime/wasm_binary.ts";
import {
  addExports,
  definedGlobals,
  exportNames,
  ExternKind,
  globalNames,
  I32,
  imports,
  replaceCustomSection,
} from "./wasm_binary.ts";

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

/**
 * `bytes` with its `sockbox.fast_path` section (replacing any it had): every
 * function import with a fast-path signature, in import order.
 */
export function withFastPathSection(bytes: Uint8Array): Uint8Array {
  const entries: FastPathEntry[] = [];
  for (const [key, sig] of importSignatures(bytes)) {
    if (!sig || !isFastPathSig(sig)) continue; // a name imported with two types: none
    const parts = key.split("\u0000");
    if (parts.length === 2) entries.push({ module: parts[0], field: parts[1], sig });
  }
  return replaceCustomSection(bytes, FAST_PATH_SECTION, encodeFastPathSection(entries));
}

/** What the post-link step makes of `bytes`. */
export async function postLink(bytes: Uint8Array): Promise<Uint8Array> {
  const imps = imports(bytes);
  const spawns = imps.some((i) => i.module === THREAD_MODULE && i.name === SPAWN_IMPORT);
  const forks = imps.some((i) => i.module === PROC_MODULE && i.name === FORK_IMPORT);
  let out = bytes;
  if (forks) out = (await import("./asyncify.ts")).asyncifyForFork(out);
  if (spawns || forks) out = exportStackPointer(out);
  return withFastPathSection(out);
}

if (import.meta.main) {
  const path = process.argv[process.argv.length - 1];
  try {
    const out = await postLink(new Uint8Array(readFileSync(path)));
    const tmp = `${path}.post-link.${process.pid}`;
    writeFileSync(tmp, out);
    renameSync(tmp, path);
  } catch (e) {
    console.error(`sockbox cc: post-link step on ${path} failed: ${(e as Error).message}`);
    process.exit(1);
  }
}
