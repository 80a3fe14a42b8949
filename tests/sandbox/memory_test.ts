/**
 * Guest pointers never wrap: i32 arguments are read unsigned, and an address
 * computed past the end of memory (`base + i * size`) is EFAULT — never a
 * write at the start of memory — with nothing written.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Errno, SyscallError } from "../../runtime/errno.ts";
import { buildImports, WASI_MODULE } from "../../runtime/imports.ts";
import { DEFAULT_LIMITS } from "../../runtime/limits.ts";
import { GuestMemory } from "../../runtime/memory.ts";
import { GrantPolicy, noGrants } from "../../runtime/policy/grant_policy.ts";
import { createContext } from "../../runtime/run.ts";
import { fakeHost } from "./lib/fake_host.ts";
import { ModuleBuilder } from "./lib/wasm_encoder.ts";

const fault = (e: unknown) => e instanceof SyscallError && e.errno === Errno.FAULT;

test("GuestMemory refuses ranges past the end, negative or beyond 2^32, without wrapping", () => {
  const mem = new GuestMemory(new WebAssembly.Memory({ initial: 1 }));
  const size = 65536;
  assert.is(mem.bytes(size - 4, 4).byteLength, 4);
  assert.is(mem.bytes(size, 0).byteLength, 0);
  for (const [ptr, len] of [[size - 3, 4], [size, 1], [-4, 4], [2 ** 32 - 4, 4], [2 ** 32, 4], [0, 2 ** 32], [1.5, 1]]) {
    assert.throws(() => mem.bytes(ptr, len), fault, `${ptr}+${len}`);
  }
  for (const ptr of [2 ** 32, 2 ** 32 + 4, -1, size - 3]) assert.throws(() => mem.setU32(ptr, 1), fault, `setU32 ${ptr}`);
  assert.throws(() => mem.iovecs(size - 4, 1), fault, "an iovec array running off the end");
});

test("a pointer near 2^32 from the guest is EFAULT with nothing written", async () => {
  const m = new ModuleBuilder();
  const sig = { params: ["i32", "i32"] as ("i32")[], results: ["i32"] as ("i32")[] };
  const argsGet = m.importFunc(WASI_MODULE, "args_get", sig);
  const sizesGet = m.importFunc(WASI_MODULE, "args_sizes_get", sig);
  m.trampoline(argsGet, sig, "args_get");
  m.trampoline(sizesGet, sig, "args_sizes_get");
  m.memory(1, 1);
  const module = await WebAssembly.compile(m.build() as BufferSource);
  const ctx = createContext(fakeHost({}), {
    args: ["prog", "first", "second"],
    env: [],
    preopens: [],
    policy: new GrantPolicy(noGrants()),
    limits: { ...DEFAULT_LIMITS },
    trace: null,
  });
  const instance = await WebAssembly.instantiate(module, buildImports(ctx, module));
  const memory = instance.exports.memory as WebAssembly.Memory;
  ctx.mem = new GuestMemory(memory);
  const bytes = new Uint8Array(memory.buffer);
  const call = (name: string, a: number, b: number) => (instance.exports[name] as (a: number, b: number) => number)(a, b);
  // argv at 0xfffffffc: its second entry would wrap to address 0 if addresses wrapped.
  assert.is(call("args_get", 0xfffffffc | 0, 1024), Errno.FAULT);
  assert.is(call("args_get", 65536 - 4, 1024), Errno.FAULT, "3 pointers do not fit in the last 4 bytes");
  assert.is(call("args_get", 0, 65536 - 4), Errno.FAULT, "the strings do not fit");
  assert.is(call("args_sizes_get", -1, 0), Errno.FAULT);
  assert.ok(bytes.every((b) => b === 0), "nothing was written anywhere");
  assert.is(call("args_get", 0, 1024), 0);
  assert.is(new TextDecoder().decode(bytes.subarray(1024, 1024 + 18)), "prog\0first\0second\0");
});

test.run();
