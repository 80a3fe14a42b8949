/**
 * A tiny WebAssembly binary encoder, enough for test modules written in TS:
 * function types, function imports, a memory, trampolines that forward their
 * arguments to one import, small hand-written bodies, and exports.
 *
 * @module
 */

/** A value type of a parameter or result. */
export type ValType = "i32" | "i64";

/** A function signature. */
export interface Sig {
  /** Parameter types. */
  params: ValType[];
  /** Result types (empty or one). */
  results: ValType[];
}

const VALTYPE: Record<ValType, number> = { i32: 0x7f, i64: 0x7e };
const SECTION = { TYPE: 1, IMPORT: 2, FUNCTION: 3, MEMORY: 5, EXPORT: 7, CODE: 10 } as const;
const EXTERN = { FUNC: 0, MEMORY: 2 } as const;
const FUNC_TYPE = 0x60;

/** Opcodes used by the bodies tests write. */
export const Op = {
  UNREACHABLE: 0x00, BLOCK: 0x02, LOOP: 0x03, IF: 0x04, END: 0x0b, BR: 0x0c, BR_IF: 0x0d, CALL: 0x10,
  DROP: 0x1a, LOCAL_GET: 0x20, LOCAL_SET: 0x21, I32_CONST: 0x41, I32_EQZ: 0x45, I32_ADD: 0x6a, VOID: 0x40,
} as const;

/** Unsigned LEB128. */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return out;
}

/** Signed LEB128 (for `i32.const`). */
export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

function name(s: string): number[] {
  const b = new TextEncoder().encode(s);
  return [...uleb(b.byteLength), ...b];
}

function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

/** A function defined in the module. */
export interface FuncDef {
  /** Its signature. */
  sig: Sig;
  /** Its code (instructions, without locals or the final `end`). */
  code: number[];
  /** Export name, if exported. */
  export?: string;
}

/** Builds a module: imports first (function indices 0…), then `funcs`. */
export class ModuleBuilder {
  #types: Sig[] = [];
  #imports: { module: string; name: string; type: number }[] = [];
  #funcs: FuncDef[] = [];
  #memory: { min: number; max: number | null; exportAs: string } | null = null;

  #type(sig: Sig): number {
    const key = JSON.stringify(sig);
    const i = this.#types.findIndex((t) => JSON.stringify(t) === key);
    if (i >= 0) return i;
    this.#types.push(sig);
    return this.#types.length - 1;
  }

  /** Adds a function import; returns its function index. */
  importFunc(module: string, field: string, sig: Sig): number {
    if (this.#funcs.length > 0) throw new Error("imports must come before functions");
    this.#imports.push({ module, name: field, type: this.#type(sig) });
    return this.#imports.length - 1;
  }

  /** Adds a function; returns its function index. */
  func(def: FuncDef): number {
    this.#type(def.sig);
    this.#funcs.push(def);
    return this.#imports.length + this.#funcs.length - 1;
  }

  /** Adds an exported trampoline that calls function `target` with all its arguments. */
  trampoline(target: number, sig: Sig, exportAs: string): number {
    const code = sig.params.flatMap((_, i) => [Op.LOCAL_GET, ...uleb(i)]);
    return this.func({ sig, code: [...code, Op.CALL, ...uleb(target)], export: exportAs });
  }

  /** Defines the memory (pages) and exports it. */
  memory(min: number, max: number | null, exportAs = "memory"): this {
    this.#memory = { min, max, exportAs };
    return this;
  }

  /** The module's bytes. */
  build(): Uint8Array {
    const types = this.#types.map((t) => [FUNC_TYPE, ...vec(t.params.map((p) => [VALTYPE[p]])), ...vec(t.results.map((r) => [VALTYPE[r]]))]);
    const imports = this.#imports.map((i) => [...name(i.module), ...name(i.name), EXTERN.FUNC, ...uleb(i.type)]);
    const funcs = this.#funcs.map((f) => uleb(this.#type(f.sig)));
    const exports: number[][] = [];
    this.#funcs.forEach((f, i) => {
      if (f.export) exports.push([...name(f.export), EXTERN.FUNC, ...uleb(this.#imports.length + i)]);
    });
    const out = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
    out.push(...section(SECTION.TYPE, vec(types)));
    if (imports.length) out.push(...section(SECTION.IMPORT, vec(imports)));
    out.push(...section(SECTION.FUNCTION, vec(funcs)));
    if (this.#memory) {
      const m = this.#memory;
      const limits = m.max === null ? [0x00, ...uleb(m.min)] : [0x01, ...uleb(m.min), ...uleb(m.max)];
      out.push(...section(SECTION.MEMORY, vec([limits])));
      exports.push([...name(m.exportAs), EXTERN.MEMORY, 0]);
    }
    out.push(...section(SECTION.EXPORT, vec(exports)));
    const bodies = this.#funcs.map((f) => {
      const body = [0x00 /* no locals */, ...f.code, Op.END];
      return [...uleb(body.length), ...body];
    });
    out.push(...section(SECTION.CODE, vec(bodies)));
    return new Uint8Array(out);
  }
}
