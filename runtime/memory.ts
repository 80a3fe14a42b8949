/**
 * Bounds-checked access to the guest's linear memory. Every pointer and length
 * the guest passes is untrusted: any access outside memory fails the syscall
 * with EFAULT instead of touching host state.
 *
 * Pointers and lengths arrive unsigned (`syscall.ts` converts every i32
 * argument), and nothing here wraps them modulo 2^32: an address computed
 * from a guest pointer (`base + i * size`) that passes the end of memory is
 * EFAULT, never a wrapped-around address at the start of memory.
 *
 * @module
 */

import { Errno, SyscallError } from "./errno.ts";

/** A `{buf, len}` pair read from a guest iovec array. */
export interface IoVec {
  /** Guest address of the buffer. */
  ptr: number;
  /** Length in bytes. */
  len: number;
}

/** Size of one WASI iovec / ciovec: `{u32 buf, u32 len}`. */
export const IOVEC_SIZE = 8;
/** Upper bound on iovec counts (Linux's IOV_MAX). */
export const IOV_MAX = 1024;

const decoder = new TextDecoder("utf-8", { fatal: false });
const encoder = new TextEncoder();

/**
 * Views of a `WebAssembly.Memory`. They are taken again only when an access
 * does not fit them: growing a memory detaches its old buffer (whose views
 * then have length 0), and a shared memory's old views are merely shorter, so
 * a stale view can only make an access fail the fast check, never pass it
 * wrongly; the slow check takes fresh views and decides. (Reading
 * `memory.buffer` on every access showed in the profiles.)
 */
export class GuestMemory {
  #memory: WebAssembly.Memory;
  #view!: DataView;
  #u8!: Uint8Array<ArrayBuffer>;

  constructor(memory: WebAssembly.Memory) {
    this.#memory = memory;
    this.#refresh();
  }

  #refresh(): void {
    const buffer = this.#memory.buffer as ArrayBuffer;
    if (buffer !== this.#u8?.buffer) {
      this.#view = new DataView(buffer);
      this.#u8 = new Uint8Array(buffer);
    }
  }

  /** Current size of guest memory in bytes. */
  get size(): number {
    this.#refresh();
    return this.#u8.byteLength;
  }

  /** Throws EFAULT unless `[ptr, ptr+len)` lies inside guest memory. */
  check(ptr: number, len: number): void {
    const size = this.#u8.byteLength; // 0 once the buffer is detached
    if (ptr + len <= size && size !== 0 && ptr >= 0 && len >= 0 && Number.isInteger(ptr) && Number.isInteger(len)) return;
    this.#refresh();
    if (
      !Number.isInteger(ptr) || !Number.isInteger(len) || ptr < 0 || len < 0 ||
      ptr + len > this.#u8.byteLength
    ) {
      throw new SyscallError(Errno.FAULT, `bad guest range ${ptr}+${len}`);
    }
  }

  /**
   * The memory's DataView, once `[ptr, ptr+len)` is checked: for reading or
   * writing a whole record array in one pass. The caller stays inside that
   * range (the view itself still stops at the end of memory). Valid until
   * memory grows.
   */
  view(ptr: number, len: number): DataView {
    this.check(ptr, len);
    return this.#view;
  }

  /** A live view (no copy) of `len` bytes at `ptr`. Valid until memory grows. */
  bytes(ptr: number, len: number): Uint8Array<ArrayBuffer> {
    this.check(ptr, len);
    return this.#u8.subarray(ptr, ptr + len);
  }

  /** A copy of `len` bytes at `ptr`. */
  copyOut(ptr: number, len: number): Uint8Array<ArrayBuffer> {
    this.check(ptr, len);
    return this.#u8.slice(ptr, ptr + len);
  }

  /** Copies `data` into guest memory at `ptr` (no view is made: typed arrays cost an allocation each). */
  copyIn(ptr: number, data: Uint8Array): void {
    this.check(ptr, data.byteLength);
    this.#u8.set(data, ptr);
  }

  u8(ptr: number): number {
    this.check(ptr, 1);
    return this.#u8[ptr];
  }
  setU8(ptr: number, v: number): void {
    this.check(ptr, 1);
    this.#u8[ptr] = v;
  }
  u16(ptr: number): number {
    this.check(ptr, 2);
    return this.#view.getUint16(ptr, true);
  }
  setU16(ptr: number, v: number): void {
    this.check(ptr, 2);
    this.#view.setUint16(ptr, v, true);
  }
  u32(ptr: number): number {
    this.check(ptr, 4);
    return this.#view.getUint32(ptr, true);
  }
  setU32(ptr: number, v: number): void {
    this.check(ptr, 4);
    this.#view.setUint32(ptr, v >>> 0, true);
  }
  u64(ptr: number): bigint {
    this.check(ptr, 8);
    return this.#view.getBigUint64(ptr, true);
  }
  setU64(ptr: number, v: bigint | number): void {
    this.check(ptr, 8);
    this.#view.setBigUint64(ptr, BigInt.asUintN(64, BigInt(v)), true);
  }

  /** Decodes `len` bytes at `ptr` as UTF-8. */
  string(ptr: number, len: number): string {
    return decoder.decode(this.bytes(ptr, len));
  }

  /** Reads `count` iovecs at `ptr`, checking each buffer lies in memory. */
  iovecs(ptr: number, count: number): IoVec[] {
    if (count > IOV_MAX) throw new SyscallError(Errno.INVAL, "too many iovecs");
    this.check(ptr, count * IOVEC_SIZE);
    const out: IoVec[] = new Array(count);
    let total = 0;
    for (let i = 0; i < count; i++) {
      const buf = this.#view.getUint32(ptr + i * IOVEC_SIZE, true);
      const len = this.#view.getUint32(ptr + i * IOVEC_SIZE + 4, true);
      this.check(buf, len);
      total += len;
      out[i] = { ptr: buf, len };
    }
    if (total > 0x7fffffff) throw new SyscallError(Errno.INVAL, "iovec total overflows ssize_t");
    return out;
  }
}

/** Total byte length of a list of iovecs. */
export function iovTotal(iovs: IoVec[]): number {
  let n = 0;
  for (const v of iovs) n += v.len;
  return n;
}

/** Copies `src` into the guest buffers described by `iovs`; returns bytes copied. */
export function scatter(mem: GuestMemory, iovs: IoVec[], src: Uint8Array): number {
  let off = 0;
  for (const v of iovs) {
    if (off >= src.byteLength) break;
    const n = Math.min(v.len, src.byteLength - off);
    mem.copyIn(v.ptr, off === 0 && n === src.byteLength ? src : src.subarray(off, off + n));
    off += n;
  }
  return off;
}

/** Copies the guest buffers described by `iovs` into one new array. */
export function gather(mem: GuestMemory, iovs: IoVec[]): Uint8Array {
  if (iovs.length === 1) return mem.copyOut(iovs[0].ptr, iovs[0].len);
  const out = new Uint8Array(iovTotal(iovs));
  let off = 0;
  for (const v of iovs) {
    out.set(mem.bytes(v.ptr, v.len), off);
    off += v.len;
  }
  return out;
}

/** Encodes a JS string as UTF-8. */
export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}
