/**
 * `--max-memory`: the cap is written into the module itself, as the maximum
 * of the memory it defines, before it is compiled. The wasm engine then
 * enforces it: `memory.grow` beyond the cap returns -1, which is how a C
 * program's `malloc` learns there is no more memory (it returns NULL with
 * errno ENOMEM). Nothing in the host has to watch the guest grow, and no
 * grow path can bypass it.
 *
 * Only the memory section is rewritten (its limits); every other byte of the
 * module is kept as it is.
 *
 * @module
 */

import { describePages, LimitError } from "../limits.ts";

const HEADER_BYTES = 8; // "\0asm" and the version
const MEMORY_SECTION = 5;
const LIMITS_HAS_MAX = 0x01;
/** Limit flags sockbox understands: has-max, shared, memory64. */
const KNOWN_LIMIT_FLAGS = 0x07;

/** Reads an unsigned LEB128 at `pos`; returns the value and the next position. */
function readLeb(b: Uint8Array, pos: number): [number, number] {
  let value = 0, scale = 1;
  for (let i = 0; i < 10; i++) {
    if (pos >= b.byteLength) throw new LimitError("the module is truncated");
    const byte = b[pos++];
    value += (byte & 0x7f) * scale;
    if ((byte & 0x80) === 0) return [value, pos];
    scale *= 128;
  }
  throw new LimitError("the module has an over-long integer");
}

/** Encodes `value` as unsigned LEB128. */
function leb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return out;
}

/** Rewrites the memory section's limits so no memory may exceed `maxPages`. */
function capSection(body: Uint8Array, maxPages: number): number[] {
  let [count, pos] = readLeb(body, 0);
  const out = leb(count);
  while (count-- > 0) {
    const flags = body[pos++];
    if (flags === undefined || (flags & ~KNOWN_LIMIT_FLAGS) !== 0) {
      throw new LimitError(`the module's memory uses limit flags 0x${(flags ?? 0).toString(16)}, which sockbox cannot cap`);
    }
    let min: number, max: number | null = null;
    [min, pos] = readLeb(body, pos);
    if (flags & LIMITS_HAS_MAX) [max, pos] = readLeb(body, pos);
    if (min > maxPages) {
      throw new LimitError(
        `the module needs ${describePages(min)} of memory at start, more than --max-memory allows (${describePages(maxPages)})`,
      );
    }
    const capped = max === null ? maxPages : Math.min(max, maxPages);
    out.push(flags | LIMITS_HAS_MAX, ...leb(min), ...leb(capped));
  }
  if (pos !== body.byteLength) throw new LimitError("the module's memory section has trailing bytes");
  return out;
}

/**
 * Returns `wasm` with every memory it defines limited to `maxPages` pages
 * (the same bytes when nothing needed changing). Throws {@link LimitError}
 * when the module needs more than that from the start, or is malformed where
 * the limits are read (the engine reports any other malformation).
 */
export function capMemory(wasm: Uint8Array, maxPages: number): Uint8Array {
  let pos = HEADER_BYTES;
  while (pos < wasm.byteLength) {
    const id = wasm[pos];
    const [size, start] = readLeb(wasm, pos + 1);
    const end = start + size;
    if (end > wasm.byteLength) throw new LimitError("the module is truncated");
    if (id === MEMORY_SECTION) {
      const body = capSection(wasm.subarray(start, end), maxPages);
      const head = [MEMORY_SECTION, ...leb(body.length)];
      const out = new Uint8Array(pos + head.length + body.length + (wasm.byteLength - end));
      out.set(wasm.subarray(0, pos));
      out.set(head, pos);
      out.set(body, pos + head.length);
      out.set(wasm.subarray(end), pos + head.length + body.length);
      return out;
    }
    pos = end;
  }
  return wasm;
}
