/**
 * fork() support at link time. A running wasm stack cannot be copied, so a
 * program that calls fork() is rewritten by binaryen's asyncify pass, told
 * that only the import `sockbox_proc.fork` unwinds: every function on a call
 * path to fork() learns to save its locals into a buffer and return, and to
 * come back to where it was. The host (runtime/fork) then copies the unwound
 * instance and rewinds both copies. Functions that cannot reach fork() are
 * left as they were.
 *
 * Every mutable global is exported too (the C stack pointer as
 * `__stack_pointer`, any other as `__sockbox_global_N`), so that the host can
 * copy them into the child.
 *
 * @module
 */

// @ts-types="../../../node_modules/binaryen/index.d.ts"
import binaryen from "../../../node_modules/binaryen/index.js";

/** The import asyncify may unwind through. */
const FORK_IMPORT = "sockbox_proc.fork";
/** Export name of the C stack pointer. */
const STACK_POINTER = "__stack_pointer";
/** Prefix of the exports of the other mutable globals (runtime/fork/abi.ts). */
const GLOBAL_EXPORT_PREFIX = "__sockbox_global_";
/** binaryen's optimisation level after the pass (asyncify's output wants a cleanup). */
const OPTIMIZE_LEVEL = 2;

/** Exports every mutable global the module defines that is not exported yet. */
function exportMutableGlobals(mod: binaryen.Module): void {
  const exported = new Set<string>();
  for (let i = 0; i < mod.getNumExports(); i++) {
    const e = binaryen.getExportInfo(mod.getExportByIndex(i));
    if (e.kind === binaryen.ExternalGlobal) exported.add(e.value);
  }
  for (let i = 0; i < mod.getNumGlobals(); i++) {
    const g = binaryen.getGlobalInfo(mod.getGlobalByIndex(i));
    if (!g.mutable || g.module !== "" || exported.has(g.name)) continue;
    mod.addGlobalExport(g.name, g.name === STACK_POINTER ? STACK_POINTER : `${GLOBAL_EXPORT_PREFIX}${i}`);
  }
}

/** Rewrites a program that calls fork() so its stack can be unwound and rewound. */
export function asyncifyForFork(bytes: Uint8Array): Uint8Array {
  const mod = binaryen.readBinary(bytes);
  try {
    mod.setFeatures(binaryen.Features.MVP | binaryen.Features.MutableGlobals | binaryen.Features.SignExt |
      binaryen.Features.BulkMemory | binaryen.Features.NontrappingFPToInt);
    exportMutableGlobals(mod);
    binaryen.setDebugInfo(true); // keep function names: trap reports show them
    binaryen.setOptimizeLevel(OPTIMIZE_LEVEL);
    binaryen.setShrinkLevel(0);
    binaryen.setPassArgument("asyncify-imports", FORK_IMPORT);
    mod.runPasses(["asyncify"]);
    mod.optimize();
    if (!mod.validate()) throw new Error("binaryen produced an invalid module");
    return mod.emitBinary();
  } finally {
    mod.dispose();
  }
}
