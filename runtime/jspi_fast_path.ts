/**
 * A synchronous fast path for blocking imports. A `WebAssembly.Suspending`
 * import costs its JSPI transition on every call, even when it answers at
 * once (Bun 1.4: ≈ 0.8 µs; a plain import: ≈ 0.01 µs) — and most "blocking"
 * calls do answer at once: a write the host queues, a read with data waiting,
 * a poll with something ready.
 *
 * So each blocking import the guest makes is satisfied by a function of a
 * small generated wasm module (the shim) with the import's own signature:
 *
 *     (func $sock_recv (param …) (result i32)
 *       local.get 0 … local.get n
 *       call $fast          ;; plain import: the host call itself
 *       local.tee $r
 *       i32.const -1        ;; WOULD_WAIT
 *       i32.eq
 *       if (result i32)
 *         call $wait        ;; Suspending import: waits for the stashed promise
 *       else
 *         local.get $r
 *       end)
 *
 * The host call returns its errno when it can answer at once; when it returns
 * a promise, `$fast` stashes it and returns {@link WOULD_WAIT} (never an
 * errno), and the shim then enters the one `Suspending` import, which hands
 * JSPI that promise. Between the stash and `$wait` only the shim's own
 * instructions run, so one stash per shim instance suffices. The guest calls
 * the shim wasm-to-wasm; errors, traces and exits behave as before because the
 * host call is the same function either way.
 *
 * The shim's module is compiled once per list of signatures and cached. The
 * signatures come from the module's `sockbox.fast_path` section when
 * `sockbox cc` wrote one (fast_path_section.ts), else from its type and
 * import sections.
 *
 * @module
 */

import { declaredSignatures, isFastPathSig } from "./fast_path_section.ts";
import { suspending } from "./jspi.ts";
import {
  type FuncSig,
  funcType,
  importKey,
  importSignatures,
  name,
  section,
  Section,
  u32,
  ValType,
  vec,
  WASM_HEADER,
} from "./wasm_binary.ts";

/** What the fast path returns when the call has to wait: i32 -1, never an errno (0..65535). */
export const WOULD_WAIT = -1;

/** A blocking import's host function: the errno, or a promise of it. */
// deno-lint-ignore no-explicit-any
export type HostCall = (...args: any[]) => unknown;

/** Instructions (only those the shim uses). */
const Op = {
  CALL: 0x10,
  LOCAL_GET: 0x20,
  LOCAL_TEE: 0x22,
  I32_CONST: 0x41,
  I32_EQ: 0x46,
  IF: 0x04,
  ELSE: 0x05,
  END: 0x0b,
} as const;
/** `i32.const -1`'s immediate (signed LEB128). */
const MINUS_ONE_SLEB = 0x7f;
const IMPORT_MODULE = "h";
const WAIT_NAME = "wait";
const WAIT_SIG: FuncSig = { params: [], results: [ValType.I32] };

const signatures = new WeakMap<WebAssembly.Module, Map<string, FuncSig | null>>();
const shims = new Map<string, WebAssembly.Module>();

/**
 * Records the import signatures of `module`, compiled from `bytes` (they are
 * not in the JS API): those its `sockbox.fast_path` section declares, when it
 * has a well-formed one, else those read from `bytes`.
 */
export function rememberSignatures(module: WebAssembly.Module, bytes: Uint8Array): void {
  signatures.set(module, declaredSignatures(module) ?? importSignatures(bytes));
}

/**
 * The signature of `module`'s import `mod.field` when the fast path can serve
 * it (number parameters, one i32 result); otherwise null (and the import stays
 * a plain `Suspending` one).
 */
export function fastPathSignature(module: WebAssembly.Module, mod: string, field: string): FuncSig | null {
  const sig = signatures.get(module)?.get(importKey(mod, field));
  if (!sig || !isFastPathSig(sig)) return null;
  return sig;
}

function body(sig: FuncSig, fastIndex: number, waitIndex: number): number[] {
  const r = sig.params.length; // the one extra local
  const code = [...u32(1), ...u32(1), ValType.I32];
  for (let p = 0; p < sig.params.length; p++) code.push(Op.LOCAL_GET, ...u32(p));
  code.push(Op.CALL, ...u32(fastIndex), Op.LOCAL_TEE, ...u32(r), Op.I32_CONST, MINUS_ONE_SLEB, Op.I32_EQ);
  code.push(Op.IF, ValType.I32, Op.CALL, ...u32(waitIndex), Op.ELSE, Op.LOCAL_GET, ...u32(r), Op.END, Op.END);
  return [...u32(code.length), ...code];
}

/** The shim's bytes: imports `h.0`…`h.{n-1}` (fast paths) and `h.wait`; exports `0`…`{n-1}`. */
function shimBytes(sigs: readonly FuncSig[]): Uint8Array {
  const types = [...sigs, WAIT_SIG].map(funcType);
  const waitIndex = sigs.length; // imported functions come first in the index space
  const imports = [
    ...sigs.map((_, i) => [...name(IMPORT_MODULE), ...name(String(i)), 0, ...u32(i)]),
    [...name(IMPORT_MODULE), ...name(WAIT_NAME), 0, ...u32(waitIndex)],
  ];
  const funcs = sigs.map((_, i) => u32(i));
  const exports = sigs.map((_, i) => [...name(String(i)), 0, ...u32(waitIndex + 1 + i)]);
  return new Uint8Array([
    ...WASM_HEADER,
    ...section(Section.TYPE, vec(types)),
    ...section(Section.IMPORT, vec(imports)),
    ...section(Section.FUNCTION, vec(funcs)),
    ...section(Section.EXPORT, vec(exports)),
    ...section(Section.CODE, vec(sigs.map((s, i) => body(s, i, waitIndex)))),
  ]);
}

function shimModule(sigs: readonly FuncSig[]): WebAssembly.Module {
  const key = sigs.map((s) => `${s.params.join(".")}>${s.results.join(".")}`).join(",");
  let m = shims.get(key);
  if (!m) shims.set(key, m = new WebAssembly.Module(shimBytes(sigs) as BufferSource));
  return m;
}

/**
 * Wasm functions with signatures `sigs[i]` that call `calls[i]` directly and
 * enter JSPI only when it returns a promise. Each is what the guest imports in
 * place of a `Suspending` wrapper of `calls[i]`.
 */
export function fastPathImports(sigs: readonly FuncSig[], calls: readonly HostCall[]): unknown[] {
  if (sigs.length === 0) return [];
  let stash: unknown = null;
  const h: Record<string, unknown> = {
    [WAIT_NAME]: suspending(() => {
      const p = stash;
      stash = null;
      return p as never;
    }),
  };
  calls.forEach((call, i) => {
    h[String(i)] = (...args: unknown[]) => {
      const r = call(...args);
      if (r instanceof Promise) {
        stash = r;
        return WOULD_WAIT;
      }
      return r;
    };
  });
  const instance = new WebAssembly.Instance(shimModule(sigs), { [IMPORT_MODULE]: h } as WebAssembly.Imports);
  return sigs.map((_, i) => instance.exports[String(i)]);
}
