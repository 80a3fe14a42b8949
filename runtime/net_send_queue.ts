/**
 * The send queue a host adapter keeps per stream connection: chunks accepted
 * by `StreamConn.write` that the OS has not taken yet. Chunks are joined when
 * handed out, so a burst of small writes costs one OS write: chunks that lie
 * next to each other in one buffer (an adapter's copy arena) as one view,
 * without copying; other small chunks by copying. Large chunks go out as they
 * are: copying them would cost more than the writes it saves. Web-standard
 * only, shared by the host adapters.
 *
 * @module
 */

/** Merge queued chunks into one OS write up to this many bytes. */
export const MERGE_LIMIT: number = 256 * 1024;
/** Chunks from this size on are never copied into a merged one. */
export const COPY_MERGE_BELOW: number = 16 * 1024;

/** Whether `b` starts where `a` ends, in the same buffer. */
function adjacent(a: Uint8Array, b: Uint8Array): boolean {
  return a.buffer === b.buffer && a.byteOffset + a.byteLength === b.byteOffset;
}

/** A FIFO of byte chunks with a running byte count. */
export class SendQueue {
  #chunks: Uint8Array[] = [];
  #bytes = 0;

  /** Bytes queued. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Whether nothing is queued. */
  get empty(): boolean {
    return this.#chunks.length === 0;
  }

  /** Appends `chunk` (taking ownership; empty chunks are ignored). */
  push(chunk: Uint8Array): void {
    if (chunk.byteLength === 0) return;
    this.#chunks.push(chunk);
    this.#bytes += chunk.byteLength;
  }

  /**
   * The bytes to hand to the OS next: the head chunk, or several small chunks
   * merged into one of at most `limit` bytes (the merge replaces them in the
   * queue). Call {@link consume} with what the OS took. Empty when the queue is.
   */
  peek(limit: number = MERGE_LIMIT): Uint8Array {
    const q = this.#chunks;
    if (q.length === 0) return new Uint8Array(0);
    if (q.length === 1 || q[0].byteLength >= limit / 2) return q[0];
    // Chunks that follow each other in one buffer: one view of them all, no copy.
    let count = 1, size = q[0].byteLength;
    while (count < q.length && adjacent(q[count - 1], q[count]) && size + q[count].byteLength <= limit) {
      size += q[count++].byteLength;
    }
    if (count > 1) {
      const joined = new Uint8Array(q[0].buffer, q[0].byteOffset, size);
      q.splice(0, count, joined);
      return joined;
    }
    if (q[0].byteLength >= COPY_MERGE_BELOW) return q[0];
    count = 0;
    size = 0;
    while (count < q.length && q[count].byteLength < COPY_MERGE_BELOW && size + q[count].byteLength <= limit) {
      size += q[count++].byteLength;
    }
    if (count <= 1) return q[0];
    const merged = new Uint8Array(size);
    let off = 0;
    for (let i = 0; i < count; i++) {
      merged.set(q[i], off);
      off += q[i].byteLength;
    }
    q.splice(0, count, merged);
    return merged;
  }

  /** Drops the first `n` bytes (what the OS took from {@link peek}'s result). */
  consume(n: number): void {
    const q = this.#chunks;
    this.#bytes -= n;
    while (n > 0 && q.length > 0) {
      const head = q[0];
      if (n < head.byteLength) {
        q[0] = head.subarray(n);
        return;
      }
      n -= head.byteLength;
      q.shift();
    }
  }

  /** Drops everything. */
  clear(): void {
    this.#chunks = [];
    this.#bytes = 0;
  }
}
