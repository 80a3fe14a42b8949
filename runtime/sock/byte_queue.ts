/**
 * The receive buffer of a stream socket: chunks as they arrived from the
 * host, read out into guest iovecs with one copy and no reallocation.
 *
 * @module
 */

import type { GuestMemory, IoVec } from "../memory.ts";

/** A FIFO of byte chunks. */
export class ByteQueue {
  #chunks: Uint8Array[] = [];
  #head = 0; // index of the first live chunk (avoids shift() on every read)
  #size = 0;

  /** Bytes queued. */
  get size(): number {
    return this.#size;
  }

  /** Appends a chunk (the queue takes ownership). */
  push(chunk: Uint8Array): void {
    if (chunk.byteLength === 0) return;
    this.#chunks.push(chunk);
    this.#size += chunk.byteLength;
  }

  /**
   * Copies up to the iovecs' capacity into guest memory; removes what was
   * copied unless `peek`. Returns the byte count.
   */
  read(mem: GuestMemory, iovs: IoVec[], peek = false): number {
    let copied = 0;
    let ci = this.#head;
    let coff = 0;
    for (const v of iovs) {
      let voff = 0;
      while (voff < v.len && ci < this.#chunks.length) {
        const chunk = this.#chunks[ci];
        const n = Math.min(v.len - voff, chunk.byteLength - coff);
        mem.copyIn(v.ptr + voff, coff === 0 && n === chunk.byteLength ? chunk : chunk.subarray(coff, coff + n));
        voff += n;
        coff += n;
        copied += n;
        if (coff === chunk.byteLength) {
          ci++;
          coff = 0;
        }
      }
      if (ci >= this.#chunks.length) break;
    }
    if (!peek) this.#consume(ci, coff, copied);
    return copied;
  }

  #consume(ci: number, coff: number, n: number): void {
    if (coff > 0) this.#chunks[ci] = this.#chunks[ci].subarray(coff);
    this.#head = ci;
    this.#size -= n;
    if (this.#head === this.#chunks.length) {
      this.#chunks.length = 0;
      this.#head = 0;
    } else if (this.#head > 64) {
      this.#chunks = this.#chunks.slice(this.#head);
      this.#head = 0;
    }
  }

  /** Drops everything. */
  clear(): void {
    this.#chunks.length = 0;
    this.#head = 0;
    this.#size = 0;
  }
}
