/**
 * The hosts' send queue (runtime/net_send_queue.ts): what `peek` hands to the
 * OS keeps the bytes in order, joins neighbours in one buffer without a copy,
 * copies only small chunks together, and hands large ones over as they are.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { COPY_MERGE_BELOW, MERGE_LIMIT, SendQueue } from "../../runtime/net_send_queue.ts";

function drain(q: SendQueue, take = Infinity): number[] {
  const out: number[] = [];
  while (!q.empty) {
    const c = q.peek();
    const n = Math.min(c.byteLength, take);
    out.push(...c.subarray(0, n));
    q.consume(n);
  }
  return out;
}

test("neighbours in one buffer go out as one view of it, without a copy", () => {
  const arena = new Uint8Array(64).map((_, i) => i);
  const q = new SendQueue();
  q.push(arena.subarray(0, 10));
  q.push(arena.subarray(10, 30));
  q.push(arena.subarray(40, 50)); // not adjacent
  const first = q.peek();
  assert.is(first.buffer, arena.buffer);
  assert.is(first.byteOffset, 0);
  assert.is(first.byteLength, 30);
  assert.is(q.bytes, 40);
  q.consume(25);
  assert.equal([...q.peek()], [25, 26, 27, 28, 29, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49], "then small ones copied together");
});

test("small chunks of different buffers are copied into one; large ones are not", () => {
  const q = new SendQueue();
  q.push(new Uint8Array([1, 2]));
  q.push(new Uint8Array([3]));
  const big = new Uint8Array(COPY_MERGE_BELOW).fill(9);
  q.push(big);
  q.push(new Uint8Array([4]));
  const merged = q.peek();
  assert.equal([...merged], [1, 2, 3]);
  q.consume(3);
  assert.is(q.peek(), big, "a large chunk goes out as it is");
  q.consume(big.byteLength);
  assert.equal([...q.peek()], [4]);
});

test("order and byte count survive partial writes, never beyond the limit", () => {
  const q = new SendQueue();
  const want: number[] = [];
  const arena = new Uint8Array(4096);
  let used = 0;
  for (let i = 0; i < 200; i++) {
    const size = 1 + (i * 37) % 300;
    const fromArena = i % 3 !== 0 && used + size <= arena.byteLength;
    const c = fromArena ? arena.subarray(used, used + size) : new Uint8Array(size);
    if (fromArena) used += size;
    c.fill(i & 0xff);
    want.push(...c);
    q.push(c);
  }
  assert.is(q.bytes, want.length);
  let seen = 0;
  const got: number[] = [];
  while (!q.empty) {
    const c = q.peek();
    assert.ok(c.byteLength <= MERGE_LIMIT);
    const n = Math.min(c.byteLength, 1 + (seen++ * 13) % 500);
    got.push(...c.subarray(0, n));
    q.consume(n);
  }
  assert.equal(got, want);
  assert.is(q.bytes, 0);
  assert.equal(drain(q), []);
});

test.run();
