/**
 * Just enough of the wasm binary format to read a module's imports, exports
 * and global names and to add exports — what the concurrency post-link step
 * needs, without loading a whole toolchain for a program that only uses threads.
 *
 * The encoders are runtime/wasm_binary.ts's (one copy of LEB128 and names
 * for the runtime and this step).
 *
 * @module
 */

import { u32 as leb } from "../../../runtime/wasm_binary.ts";

/** Section ids of the wasm binary format. */
export const SectionId = { CUSTOM: 0, IMPORT: 2, GLOBAL: 6, EXPORT: 7 } as const;

/** Export kinds (`externtype` tags). */
export const ExternKind = { FUNC: 0, TABLE: 1, MEMORY: 2, GLOBAL: 3, TAG: 4 } as const;

/** Value type byte of i32. */
export const I32 = 0x7f;

/** Subsection of the "name" custom section that names globals (extended name section). */
const GLOBAL_NAMES_SUBSECTION = 7;

const MAGIC_AND_VERSION = 8;

/** One top-level section: id and payload bounds within the module. */
export interface Section {
  id: number;
  /** Offset of the payload. */
  start: number;
  /** Offset just past the payload. */
  end: number;
}

/** A byte cursor over a module. */
export class Reader {
  pos: number;
  constructor(readonly bytes: Uint8Array, pos = 0) {
    this.pos = pos;
  }
  byte(): number {
    if (this.pos >= this.bytes.length) throw new Error("truncated wasm module");
    return this.bytes[this.pos++];
  }
  u32(): number {
    let result = 0, shift = 0, b: number;
    do {
      b = this.byte();
      result |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    return result >>> 0;
  }
  name(): string {
    const n = this.u32();
    const s = new TextDecoder().decode(this.bytes.subarray(this.pos, this.pos + n));
    this.pos += n;
    return s;
  }
  /** Skips one constant expression (up to and including `end`). */
  skipInitExpr(): void {
    for (;;) {
      const op = this.byte();
      if (op === 0x0b) return;
      if (op === 0x41 || op === 0x42 || op === 0x23 || op === 0xd2) this.u32(); // i32/i64.const, global.get, ref.func
      else if (op === 0x43) this.pos += 4;
      else if (op === 0x44) this.pos += 8;
      else if (op === 0xd0) this.byte(); // ref.null t
      else throw new Error(`unexpected opcode 0x${op.toString(16)} in a constant expression`);
    }
  }
}

/** Splits a module into its sections. */
export function sections(bytes: Uint8Array): Section[] {
  if (bytes.length < MAGIC_AND_VERSION || bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) {
    throw new Error("not a wasm module");
  }
  const out: Section[] = [];
  const r = new Reader(bytes, MAGIC_AND_VERSION);
  while (r.pos < bytes.length) {
    const id = r.byte();
    const size = r.u32();
    out.push({ id, start: r.pos, end: r.pos + size });
    r.pos += size;
  }
  return out;
}

/** An import: module, name and kind. */
export interface ImportEntry {
  module: string;
  name: string;
  kind: number;
}

/** The imports of a module (only module, name and kind are decoded). */
export function imports(bytes: Uint8Array): ImportEntry[] {
  const s = sections(bytes).find((x) => x.id === SectionId.IMPORT);
  if (!s) return [];
  const r = new Reader(bytes, s.start);
  const out: ImportEntry[] = [];
  for (let n = r.u32(); n > 0; n--) {
    const module = r.name(), name = r.name(), kind = r.byte();
    if (kind === ExternKind.FUNC) r.u32();
    else if (kind === ExternKind.TABLE) {
      r.byte();
      limits(r);
    } else if (kind === ExternKind.MEMORY) limits(r);
    else if (kind === ExternKind.GLOBAL) r.pos += 2;
    else if (kind === ExternKind.TAG) {
      r.byte();
      r.u32();
    }
    out.push({ module, name, kind });
  }
  return out;
}

function limits(r: Reader): void {
  const flags = r.byte();
  r.u32();
  if (flags & 1) r.u32();
}

/** Export names of a module. */
export function exportNames(bytes: Uint8Array): string[] {
  const s = sections(bytes).find((x) => x.id === SectionId.EXPORT);
  if (!s) return [];
  const r = new Reader(bytes, s.start);
  const out: string[] = [];
  for (let n = r.u32(); n > 0; n--) {
    out.push(r.name());
    r.byte();
    r.u32();
  }
  return out;
}

/** The module's own (not imported) globals: type byte and mutability, in index order after the imported ones. */
export function definedGlobals(bytes: Uint8Array): { type: number; mutable: boolean }[] {
  const s = sections(bytes).find((x) => x.id === SectionId.GLOBAL);
  if (!s) return [];
  const r = new Reader(bytes, s.start);
  const out: { type: number; mutable: boolean }[] = [];
  for (let n = r.u32(); n > 0; n--) {
    const type = r.byte(), mutable = r.byte() === 1;
    r.skipInitExpr();
    out.push({ type, mutable });
  }
  return out;
}

/** Global index → name, from the "name" custom section (empty when stripped). */
export function globalNames(bytes: Uint8Array): Map<number, string> {
  const names = new Map<number, string>();
  for (const s of sections(bytes)) {
    if (s.id !== SectionId.CUSTOM) continue;
    const r = new Reader(bytes, s.start);
    if (r.name() !== "name") continue;
    while (r.pos < s.end) {
      const sub = r.byte(), size = r.u32(), next = r.pos + size;
      if (sub === GLOBAL_NAMES_SUBSECTION) {
        for (let n = r.u32(); n > 0; n--) {
          const idx = r.u32();
          names.set(idx, r.name());
        }
      }
      r.pos = next;
    }
  }
  return names;
}

/** A module with `extra` exports appended to its export section (created if missing). */
export function addExports(bytes: Uint8Array, extra: { name: string; kind: number; index: number }[]): Uint8Array {
  const secs = sections(bytes);
  const old = secs.find((x) => x.id === SectionId.EXPORT);
  let count = 0;
  let body: Uint8Array = new Uint8Array(0);
  if (old) {
    const r = new Reader(bytes, old.start);
    count = r.u32();
    body = bytes.subarray(r.pos, old.end);
  }
  const enc = new TextEncoder();
  const added: number[] = [];
  for (const e of extra) {
    const name = enc.encode(e.name);
    added.push(...leb(name.length), ...name, e.kind, ...leb(e.index));
  }
  const payload = [...leb(count + extra.length), ...body, ...added];
  const section = Uint8Array.from([SectionId.EXPORT, ...leb(payload.length), ...payload]);
  // Replace the old section in place, or put the new one where the order wants it (after imports … globals).
  let at: number, skipTo: number;
  if (old) {
    at = headerStart(bytes, old);
    skipTo = old.end;
  } else {
    const before = secs.filter((x) => x.id !== SectionId.CUSTOM && x.id < SectionId.EXPORT).pop();
    at = skipTo = before ? before.end : MAGIC_AND_VERSION;
  }
  const out = new Uint8Array(at + section.length + (bytes.length - skipTo));
  out.set(bytes.subarray(0, at), 0);
  out.set(section, at);
  out.set(bytes.subarray(skipTo), at + section.length);
  return out;
}

/** Custom sections named `name` (their payload after the name). */
export function customSections(bytes: Uint8Array, name: string): Section[] {
  const out: Section[] = [];
  for (const s of sections(bytes)) {
    if (s.id !== SectionId.CUSTOM) continue;
    const r = new Reader(bytes, s.start);
    if (r.name() === name) out.push({ id: s.id, start: r.pos, end: s.end });
  }
  return out;
}

/**
 * `bytes` without its custom sections named `name`, with `section` (a whole
 * section: id, size, payload) appended at the end.
 */
export function replaceCustomSection(bytes: Uint8Array, name: string, section: Uint8Array): Uint8Array {
  const drop = sections(bytes).filter((s) => s.id === SectionId.CUSTOM && new Reader(bytes, s.start).name() === name);
  const kept: Uint8Array[] = [];
  let from = 0;
  for (const s of drop) {
    kept.push(bytes.subarray(from, headerStart(bytes, s)));
    from = s.end;
  }
  kept.push(bytes.subarray(from), section);
  const out = new Uint8Array(kept.reduce((n, k) => n + k.length, 0));
  let at = 0;
  for (const k of kept) {
    out.set(k, at);
    at += k.length;
  }
  return out;
}

/** Offset of a section's id byte (its payload starts after id and size). */
function headerStart(bytes: Uint8Array, s: Section): number {
  // The size LEB ends right before `start`; walk back over its continuation bytes.
  let p = s.start - 1;
  while (p > 0 && bytes[p - 1] & 0x80) p--;
  return p - 1;
}
