/**
 * The little of the wasm binary format sockbox reads and writes itself: the
 * signatures of a module's function imports (which `WebAssembly.Module.imports`
 * does not report), and the encoding helpers the JSPI fast path
 * (`jspi_fast_path.ts`) builds its shim module with.
 *
 * The reader only ever sees modules the engine has already compiled, so they
 * are valid; it still checks every bound, and gives up (returns no
 * signatures) on anything it does not know, such as GC type forms.
 *
 * @module
 */

/** The module header: `\0asm` and version 1. */
export const WASM_HEADER: readonly number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

/** Section ids. */
export const Section = {
  CUSTOM: 0,
  TYPE: 1,
  IMPORT: 2,
  FUNCTION: 3,
  EXPORT: 7,
  CODE: 10,
} as const;

/** Number value types (the only ones a shimmed import may use). */
export const ValType = {
  I32: 0x7f,
  I64: 0x7e,
  F32: 0x7d,
  F64: 0x7c,
} as const;

const NUMBER_TYPES = new Set<number>(Object.values(ValType));

/** The `func` type constructor in the type section. */
export const FUNC_TYPE = 0x60;

/** Import/export descriptor kinds. */
export const ExternKind = {
  FUNC: 0x00,
  TABLE: 0x01,
  MEMORY: 0x02,
  GLOBAL: 0x03,
  TAG: 0x04,
} as const;

/** Reference types a table import may have (no GC heap types). */
const SIMPLE_REF_TYPES = new Set([0x70, 0x6f]); // funcref, externref
const V128 = 0x7b;
/** Value types a global import may have here. */
const GLOBAL_TYPES = new Set([...NUMBER_TYPES, V128, ...SIMPLE_REF_TYPES]);
const LIMITS_HAS_MAX = 0x01;
/** Limits flags known here: has-max, shared, 64-bit index. */
const KNOWN_LIMIT_FLAGS = 0x07;
const MAX_LEB_BYTES = 10;

/** A function signature: parameter and result value types (type bytes). */
export interface FuncSig {
  params: number[];
  results: number[];
}

/** A key naming one import: module and field. */
export function importKey(module: string, name: string): string {
  return `${module}\u0000${name}`;
}

class Unknown extends Error {}

const ASCII_MAX = 0x7f;

/**
 * A name's UTF-8 bytes as a string, or null when they are not UTF-8. ASCII
 * is decoded without a `TextDecoder`, whose first construction costs about
 * 0.3 ms of a Deno start-up.
 */
export function decodeName(b: Uint8Array): string | null {
  let s = "";
  for (let i = 0; i < b.length; i++) {
    if (b[i] > ASCII_MAX) {
      try {
        return new TextDecoder("utf-8", { fatal: true }).decode(b);
      } catch {
        return null;
      }
    }
    s += String.fromCharCode(b[i]);
  }
  return s;
}

/** A bounds-checked cursor over module bytes. */
class Reader {
  pos: number;
  constructor(readonly bytes: Uint8Array, pos: number) {
    this.pos = pos;
  }
  byte(): number {
    if (this.pos >= this.bytes.byteLength) throw new Unknown("truncated");
    return this.bytes[this.pos++];
  }
  u32(): number {
    let value = 0, scale = 1;
    for (let i = 0; i < MAX_LEB_BYTES; i++) {
      const b = this.byte();
      value += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) return value;
      scale *= 128;
    }
    throw new Unknown("over-long integer");
  }
  take(n: number): Uint8Array {
    if (n > this.bytes.byteLength - this.pos) throw new Unknown("truncated");
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  name(): string {
    const s = decodeName(this.take(this.u32()));
    if (s === null) throw new Unknown("name");
    return s;
  }
  limits(): void {
    const flags = this.byte();
    if (flags & ~KNOWN_LIMIT_FLAGS) throw new Unknown("limits");
    this.u32();
    if (flags & LIMITS_HAS_MAX) this.u32();
  }
}

function readTypes(r: Reader): FuncSig[] {
  const types: FuncSig[] = [];
  for (let n = r.u32(); n > 0; n--) {
    if (r.byte() !== FUNC_TYPE) throw new Unknown("type form"); // rec groups, structs…: not for us
    const params = [...r.take(r.u32())];
    const results = [...r.take(r.u32())];
    types.push({ params, results });
  }
  return types;
}

function readImports(r: Reader, types: FuncSig[], out: Map<string, FuncSig | null>): void {
  for (let n = r.u32(); n > 0; n--) {
    const key = importKey(r.name(), r.name());
    const kind = r.byte();
    switch (kind) {
      case ExternKind.FUNC: {
        const sig = types[r.u32()];
        if (!sig) throw new Unknown("type index");
        // The same name imported twice with different types: one JS value cannot satisfy both exactly.
        const had = out.get(key);
        out.set(key, had === undefined || (had !== null && sameSig(had, sig)) ? sig : null);
        break;
      }
      case ExternKind.TABLE:
        if (!SIMPLE_REF_TYPES.has(r.byte())) throw new Unknown("table type");
        r.limits();
        break;
      case ExternKind.MEMORY:
        r.limits();
        break;
      case ExternKind.GLOBAL:
        if (!GLOBAL_TYPES.has(r.byte())) throw new Unknown("global type");
        r.byte(); // mutability
        break;
      case ExternKind.TAG:
        r.byte(); // attribute
        r.u32();
        break;
      default:
        throw new Unknown("import kind");
    }
  }
}

/** Whether two signatures are the same. */
export function sameSig(a: FuncSig, b: FuncSig): boolean {
  return a.params.join() === b.params.join() && a.results.join() === b.results.join();
}

/**
 * The signatures of `bytes`' function imports, by {@link importKey}; null for
 * a name imported twice with different types. Empty when the module uses
 * something this reader does not know.
 */
export function importSignatures(bytes: Uint8Array): Map<string, FuncSig | null> {
  const out = new Map<string, FuncSig | null>();
  try {
    const r = new Reader(bytes, WASM_HEADER.length);
    let types: FuncSig[] = [];
    while (r.pos < bytes.byteLength) {
      const id = r.byte();
      const size = r.u32();
      const body = new Reader(r.take(size), 0);
      if (id === Section.TYPE) types = readTypes(body);
      else if (id === Section.IMPORT) {
        readImports(body, types, out);
        return out;
      } else if (id !== Section.CUSTOM && id > Section.IMPORT) return out; // imports come before these
    }
    return out;
  } catch (e) {
    if (e instanceof Unknown) return new Map();
    throw e;
  }
}

/** Unsigned LEB128. */
export function u32(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** A vector: its length, then the items. */
export function vec(items: readonly (readonly number[])[]): number[] {
  const out = u32(items.length);
  for (const item of items) out.push(...item);
  return out;
}

/** A UTF-8 name. */
export function name(s: string): number[] {
  const codes: number[] = [];
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    codes.push(c);
    if (c > ASCII_MAX) ascii = false;
  }
  const bytes = ascii ? codes : [...new TextEncoder().encode(s)]; // ASCII: no TextEncoder
  return [...u32(bytes.length), ...bytes];
}

/** A section: id, size, body. */
export function section(id: number, body: readonly number[]): number[] {
  return [id, ...u32(body.length), ...body];
}

/** The encoding of a function type. */
export function funcType(sig: FuncSig): number[] {
  return [FUNC_TYPE, ...u32(sig.params.length), ...sig.params, ...u32(sig.results.length), ...sig.results];
}
