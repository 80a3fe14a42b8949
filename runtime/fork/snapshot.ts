/**
 * The copy at the heart of fork(): a fresh instance of the same module gets
 * the parent's linear memory, byte for byte, and the values of its mutable
 * globals (the C stack pointer and any other the post-link step exported).
 * The parent has been unwound by asyncify at this point, so its whole call
 * stack is in memory too.
 *
 * @module
 */

import { STACK_POINTER_EXPORT } from "../threads/abi.ts";
import { GLOBAL_EXPORT_PREFIX } from "./abi.ts";

/** Bytes in a wasm page. */
const WASM_PAGE = 65536;

function memoryOf(instance: WebAssembly.Instance): WebAssembly.Memory {
  const m = instance.exports.memory;
  if (!(m instanceof WebAssembly.Memory)) throw new Error("the instance exports no memory");
  return m;
}

/** Whether export `name` is a mutable global that fork() must copy. */
function isCopiedGlobal(name: string, v: unknown): v is WebAssembly.Global {
  return v instanceof WebAssembly.Global && (name === STACK_POINTER_EXPORT || name.startsWith(GLOBAL_EXPORT_PREFIX));
}

/** Makes `to` (a fresh instance of the same module) a copy of `from`. Returns the bytes copied. */
export function copyInstance(from: WebAssembly.Instance, to: WebAssembly.Instance): number {
  const src = memoryOf(from), dst = memoryOf(to);
  const missing = (src.buffer.byteLength - dst.buffer.byteLength) / WASM_PAGE;
  if (missing > 0) dst.grow(missing);
  const bytes = new Uint8Array(src.buffer);
  new Uint8Array(dst.buffer).set(bytes);
  for (const [name, v] of Object.entries(from.exports)) {
    if (isCopiedGlobal(name, v)) (to.exports[name] as WebAssembly.Global).value = v.value;
  }
  return bytes.byteLength;
}
