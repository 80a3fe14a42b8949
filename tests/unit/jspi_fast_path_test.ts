/**
 * The blocking imports' synchronous fast path (runtime/jspi_fast_path.ts):
 * the import signatures read from a module's bytes, the generated shim (an
 * answer at once without JSPI, a promise through JSPI, errors and i64
 * arguments as before), and a guest linked by buildImports, whose `--trace`
 * lines are the same with and without the fast path.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildImports, WASI_MODULE } from "../../runtime/imports.ts";
import { promising } from "../../runtime/jspi.ts";
import { fastPathImports, fastPathSignature, rememberSignatures, WOULD_WAIT } from "../../runtime/jspi_fast_path.ts";
import { DEFAULT_LIMITS } from "../../runtime/limits.ts";
import { GuestMemory } from "../../runtime/memory.ts";
import { GrantPolicy, noGrants } from "../../runtime/policy/grant_policy.ts";
import { createContext } from "../../runtime/run.ts";
import { importKey, importSignatures, ValType } from "../../runtime/wasm_binary.ts";
import { Subscription } from "../../runtime/wasi/layout.ts";
import { EventType } from "../../runtime/wasi/constants.ts";
import { fakeHost } from "../sandbox/lib/fake_host.ts";
import { ModuleBuilder, type Sig } from "../sandbox/lib/wasm_encoder.ts";

const I32 = ValType.I32, I64 = ValType.I64;

/** A guest importing `h.f` with `sig` and exporting a trampoline `call` to it. */
async function guestCalling(sig: Sig, f: unknown): Promise<(...a: unknown[]) => Promise<unknown>> {
  const m = new ModuleBuilder();
  m.trampoline(m.importFunc("h", "f", sig), sig, "call");
  const module = await WebAssembly.compile(m.build() as BufferSource);
  const instance = await WebAssembly.instantiate(module, { h: { f } } as WebAssembly.Imports);
  return promising(instance.exports.call as (...a: never[]) => unknown) as (...a: unknown[]) => Promise<unknown>;
}

test("importSignatures reads each function import's types; a conflicting duplicate is null", () => {
  const m = new ModuleBuilder();
  m.importFunc("a", "x", { params: ["i32", "i64"], results: ["i32"] });
  m.importFunc("a", "y", { params: [], results: [] });
  m.importFunc("b", "x", { params: ["i32"], results: ["i32"] });
  m.importFunc("b", "x", { params: ["i64"], results: ["i32"] });
  m.memory(1, 1);
  const sigs = importSignatures(m.build());
  assert.equal(sigs.get(importKey("a", "x")), { params: [I32, I64], results: [I32] });
  assert.equal(sigs.get(importKey("a", "y")), { params: [], results: [] });
  assert.is(sigs.get(importKey("b", "x")), null);
  assert.is(sigs.size, 3);
});

test("importSignatures gives up, without throwing, on truncated or unknown bytes", () => {
  const m = new ModuleBuilder();
  m.importFunc("a", "x", { params: ["i32"], results: ["i32"] });
  const bytes = m.build();
  for (let cut = 8; cut < bytes.byteLength; cut += 3) {
    const sigs = importSignatures(bytes.subarray(0, cut));
    assert.ok(sigs.size <= 1, `cut at ${cut}`);
  }
  assert.is(importSignatures(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 3, 1, 0x5e, 0])).size, 0, "a GC type form");
});

test("fastPathSignature serves only number parameters with one i32 result", async () => {
  const m = new ModuleBuilder();
  m.importFunc("h", "ok", { params: ["i32", "i64"], results: ["i32"] });
  m.importFunc("h", "none", { params: ["i32"], results: [] });
  m.importFunc("h", "wide", { params: ["i32"], results: ["i64"] });
  const bytes = m.build();
  const module = await WebAssembly.compile(bytes as BufferSource);
  assert.is(fastPathSignature(module, "h", "ok"), null, "nothing remembered yet");
  rememberSignatures(module, bytes);
  assert.equal(fastPathSignature(module, "h", "ok"), { params: [I32, I64], results: [I32] });
  assert.is(fastPathSignature(module, "h", "none"), null);
  assert.is(fastPathSignature(module, "h", "wide"), null);
  assert.is(fastPathSignature(module, "h", "missing"), null);
});

test("the shim answers at once, waits for a promise, passes i64 and errors through", async () => {
  const sig: Sig = { params: ["i32", "i64"], results: ["i32"] };
  const seen: unknown[][] = [];
  let answer: unknown = 7;
  const [f] = fastPathImports([{ params: [I32, I64], results: [I32] }], [(...a: unknown[]) => {
    seen.push(a);
    if (answer instanceof Error) throw answer;
    return answer;
  }]);
  const call = await guestCalling(sig, f);
  assert.is(await call(-5, 2n ** 40n), 7);
  assert.equal(seen[0], [-5, 2n ** 40n]);
  answer = new Promise((resolve) => setTimeout(() => resolve(11), 5));
  assert.is(await call(1, 0n), 11, "a promise suspends the guest until it settles");
  answer = Promise.resolve(0);
  assert.is(await call(1, 0n), 0);
  answer = 12;
  assert.is(await call(1, 0n), 12, "the stash does not leak into the next call");
  answer = new Error("host bug");
  await call(1, 0n).then(() => assert.unreachable("should throw"), (e) => assert.is((e as Error).message, "host bug"));
  answer = Promise.reject(new Error("late"));
  await call(1, 0n).then(() => assert.unreachable("should throw"), (e) => assert.is((e as Error).message, "late"));
  assert.is(WOULD_WAIT, -1);
});

/** A guest that calls `fd_write` (answers at once) and `poll_oneoff` (a 1 ms clock: waits). */
async function wasiGuest(fast: boolean): Promise<string[]> {
  const m = new ModuleBuilder();
  const four: Sig = { params: ["i32", "i32", "i32", "i32"], results: ["i32"] };
  const write = m.importFunc(WASI_MODULE, "fd_write", four);
  const poll = m.importFunc(WASI_MODULE, "poll_oneoff", four);
  m.trampoline(write, four, "fd_write");
  m.trampoline(poll, four, "poll_oneoff");
  m.memory(1, 1);
  const bytes = m.build();
  const module = await WebAssembly.compile(bytes as BufferSource);
  if (fast) rememberSignatures(module, bytes);
  const lines: string[] = [];
  const ctx = createContext(fakeHost({}), {
    args: ["t"], env: [], preopens: [], policy: new GrantPolicy(noGrants()), limits: { ...DEFAULT_LIMITS },
    trace: (l) => lines.push(l),
  });
  const imports = buildImports(ctx, module) as Record<string, Record<string, unknown>>;
  if (fast) assert.is(typeof imports[WASI_MODULE].poll_oneoff, "function", "the shim's export, not a Suspending wrapper");
  const instance = await WebAssembly.instantiate(module, imports as WebAssembly.Imports);
  const memory = instance.exports.memory as WebAssembly.Memory;
  ctx.mem = new GuestMemory(memory);
  const view = new DataView(memory.buffer);
  view.setUint32(0, 100, true); // iovec {100, 3}
  view.setUint32(4, 3, true);
  const sub = 200;
  view.setUint8(sub + Subscription.TAG, EventType.CLOCK);
  view.setBigUint64(sub + Subscription.CLOCK_TIMEOUT, 1_000_000n, true);
  const fn = (name: string) => promising(instance.exports[name] as (...a: never[]) => unknown) as (...a: number[]) => Promise<unknown>;
  assert.is(await fn("fd_write")(1, 0, 1, 50), 0);
  const t0 = performance.now();
  assert.is(await fn("poll_oneoff")(sub, 400, 1, 60), 0);
  assert.ok(performance.now() - t0 >= 0.9, "the clock subscription waited");
  assert.is(view.getUint32(60, true), 1);
  assert.is(await fn("fd_write")(99, 0, 1, 50), 8, "EBADF");
  return lines;
}

test("a guest linked with the fast path waits as before and traces the same lines", async () => {
  const slow = await wasiGuest(false);
  const fast = await wasiGuest(true);
  assert.is(fast.length, 3);
  assert.equal(fast, slow);
});

test.run();
