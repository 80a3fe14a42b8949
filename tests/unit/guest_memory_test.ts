/**
 * GuestMemory keeps its views until an access does not fit them: after the
 * guest's memory grows (its old buffer detached, or, shared, merely shorter)
 * every access still sees the current memory and is still bounds-checked.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Errno, SyscallError } from "../../runtime/errno.ts";
import { GuestMemory } from "../../runtime/memory.ts";

const PAGE = 65536;
const fault = (e: unknown) => e instanceof SyscallError && e.errno === Errno.FAULT;

test("after memory.grow: old and new pages are reachable, past the end is EFAULT", () => {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 4 });
  const mem = new GuestMemory(memory);
  mem.setU32(16, 0xdeadbeef);
  assert.throws(() => mem.setU32(PAGE, 1), fault);
  memory.grow(1);
  assert.is(mem.bytes(0, 0).byteLength, 0, "an empty range at 0 after the old buffer was detached");
  assert.is(mem.u32(16), 0xdeadbeef, "what was written before the growth");
  mem.setU32(PAGE, 7);
  assert.is(new DataView(memory.buffer).getUint32(PAGE, true), 7, "written into the current buffer");
  assert.is(mem.size, 2 * PAGE);
  assert.throws(() => mem.bytes(2 * PAGE - 3, 4), fault);
  memory.grow(0); // detaches too
  assert.is(mem.u8(PAGE), 7);
  for (const [ptr, len] of [[-1, 1], [0, -1], [1.5, 1], [NaN, 1], [0, 2 ** 32], [2 * PAGE, 1]]) {
    assert.throws(() => mem.bytes(ptr, len), fault, `${ptr}+${len}`);
  }
});

test("a memory that starts empty is checked all the same", () => {
  const memory = new WebAssembly.Memory({ initial: 0, maximum: 1 });
  const mem = new GuestMemory(memory);
  assert.is(mem.bytes(0, 0).byteLength, 0);
  assert.throws(() => mem.u8(0), fault);
  memory.grow(1);
  mem.setU8(0, 9);
  assert.is(mem.u8(0), 9);
});

test("a shared memory's growth is seen past the old end", () => {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 2, shared: true });
  const mem = new GuestMemory(memory);
  assert.throws(() => mem.u8(PAGE), fault);
  memory.grow(1);
  mem.setU8(PAGE + 1, 5);
  assert.is(mem.u8(PAGE + 1), 5);
  assert.is(mem.size, 2 * PAGE);
});

test.run();
