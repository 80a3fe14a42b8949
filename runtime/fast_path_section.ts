/**
 * The `sockbox.fast_path` custom section: the signatures of a module's
 * function imports that the JSPI fast path can serve (number parameters, one
 * i32 result), written by `sockbox cc`'s post-link step
 * (guest/cc/post-link/main.ts) so that `sockbox run` need not read the
 * module's type and import sections at every start (bench/README.md,
 * recommendation 17).
 *
 *     payload = vec(entry)
 *     entry   = name(module) name(field) functype      ;; functype: 0x60 vec(valtype) vec(valtype)
 *
 * The section comes from the guest, so it is not trusted. It only ever
 * chooses the signature of the shim function that stands in for an import the
 * guest already has and the host already treats as blocking (runtime/imports.ts);
 * that function calls the same host function with the same arguments. A
 * signature that differs from the import's own makes the engine refuse to
 * link the guest (a WebAssembly LinkError: `sockbox run` says it cannot link
 * it and exits 127, as for any module that does not fit). A section that is
 * malformed, duplicated, names an import twice or holds anything but a
 * fast-path signature is ignored as a whole: the signatures are then read
 * from the module's type and import sections, as for a module built
 * elsewhere. An import the section does not name takes the `Suspending` path.
 *
 * @module
 */

import { decodeName, FUNC_TYPE, type FuncSig, importKey, name, u32, ValType } from "./wasm_binary.ts";

/** The custom section's name. */
export const FAST_PATH_SECTION = "sockbox.fast_path";

/** Section id of custom sections. */
const CUSTOM_SECTION_ID = 0;
const CONTINUATION = 0x80;
const LOW_BITS = 0x7f;
const MAX_LEB_BYTES = 5;

/** Whether the fast path can serve an import of this signature: number parameters, one i32 result. */
export function isFastPathSig(sig: FuncSig): boolean {
  if (sig.results.length !== 1 || sig.results[0] !== ValType.I32) return false;
  for (const p of sig.params) {
    if (p !== ValType.I32 && p !== ValType.I64 && p !== ValType.F32 && p !== ValType.F64) return false;
  }
  return true;
}

/** One entry of the section. */
export interface FastPathEntry {
  module: string;
  field: string;
  sig: FuncSig;
}

/** The whole custom section (id, size, name, payload) for `entries`. */
export function encodeFastPathSection(entries: readonly FastPathEntry[]): Uint8Array {
  const payload: number[] = [...name(FAST_PATH_SECTION), ...u32(entries.length)];
  for (const e of entries) {
    payload.push(...name(e.module), ...name(e.field), FUNC_TYPE, ...u32(e.sig.params.length), ...e.sig.params);
    payload.push(...u32(e.sig.results.length), ...e.sig.results);
  }
  return new Uint8Array([CUSTOM_SECTION_ID, ...u32(payload.length), ...payload]);
}

/**
 * The signatures a section's payload declares, by {@link importKey}; null
 * when the payload is anything but a well-formed list of distinct imports
 * with fast-path signatures.
 */
export function decodeFastPathSection(b: Uint8Array): Map<string, FuncSig> | null {
  let pos = 0;
  const leb = (): number => {
    let value = 0;
    for (let i = 0, scale = 1; i < MAX_LEB_BYTES && pos < b.length; i++, scale *= CONTINUATION) {
      const byte = b[pos++];
      value += (byte & LOW_BITS) * scale;
      if (byte < CONTINUATION) return value;
    }
    return -1;
  };
  const str = (): string | null => {
    const n = leb();
    if (n < 0 || n > b.length - pos) return null;
    pos += n;
    return decodeName(b.subarray(pos - n, pos));
  };
  const types = (): number[] | null => {
    const n = leb();
    if (n < 0 || n > b.length - pos) return null;
    // A loop, not Array.from: Bun compiles its built-in Array.from on first use (≈ 0.3 ms of a start-up).
    const out: number[] = [];
    for (const end = pos + n; pos < end; pos++) out.push(b[pos]);
    return out;
  };
  const out = new Map<string, FuncSig>();
  let count = leb();
  if (count < 0) return null;
  for (; count > 0; count--) {
    const module = str(), field = str();
    if (module === null || field === null || pos >= b.length || b[pos++] !== FUNC_TYPE) return null;
    const params = types(), results = params && types();
    if (!params || !results) return null;
    const key = importKey(module, field), sig = { params, results };
    if (!isFastPathSig(sig) || out.has(key)) return null;
    out.set(key, sig);
  }
  return pos === b.length ? out : null;
}

/** The signatures `module`'s `sockbox.fast_path` section declares; null when it has none, several, or a bad one. */
export function declaredSignatures(module: WebAssembly.Module): Map<string, FuncSig> | null {
  const found = WebAssembly.Module.customSections(module, FAST_PATH_SECTION);
  return found.length === 1 ? decodeFastPathSection(new Uint8Array(found[0])) : null;
}
