/**
 * pthreads as green threads: every primitive against the native gcc build,
 * a thread blocked in recv/poll that does not stop the others, how a
 * threaded process ends, the deadlock and stack-overflow reports, and the
 * `--trace` lines that say which thread runs.
 *
 * @module
 */

import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildNative, buildWasm, runSandboxed } from "../lib/c.ts";
import { run } from "../lib/proc.ts";

/** Exit status of a program sockbox ends as an abort (deadlock, overflowed stack). */
const ABORT_STATUS = 134;

function c(name: string): string {
  return `tests/threads/c/${name}.c`;
}

function both(name: string): Promise<{ native: string; wasm: string }> {
  return Promise.all([buildNative([c(name)], `threads_${name}`), buildWasm([c(name)], `threads_${name}`)])
    .then(([native, wasm]) => ({ native, wasm }));
}

const sync = both("pthread_sync");
const blocked = both("blocked_recv");
const mainExit = both("main_exit");
const deadlock = buildWasm([c("deadlock")], "threads_deadlock");
const overflow = buildWasm([c("overflow")], "threads_overflow");
for (const p of [sync, blocked, mainExit, deadlock, overflow]) p.catch(() => {}); // reported by the tests

test("every pthread primitive behaves as the native build (same output)", async () => {
  const { native, wasm } = await sync;
  const want = await run(native, []);
  assert.is(want.code, 0, want.stderr);
  const got = await runSandboxed(wasm);
  assert.is(got.stderr, "");
  assert.is(got.stdout, want.stdout);
  assert.is(got.code, 0);
});

test("a thread blocked in recv() or poll() does not stop the others", async () => {
  const { native, wasm } = await blocked;
  const want = await run(native, []);
  assert.is(want.code, 0, want.stderr);
  const got = await runSandboxed(wasm, [], [], { timeoutMs: 20_000 });
  assert.is(got.stdout, want.stdout, got.stderr);
  assert.is(got.code, 0);
});

test("pthread_exit in main: the process ends with 0 after the last thread, stdout flushed", async () => {
  const { native, wasm } = await mainExit;
  const want = await run(native, ["pthread_exit"]);
  const got = await runSandboxed(wasm, ["pthread_exit"]);
  // Native workers sleeping 10/20/30 ms may finish out of order on a loaded
  // machine: what must match is every line, flushed, whatever the order.
  const lines = (s: string) => s.split("\n").sort().join("\n");
  assert.is(lines(got.stdout), lines(want.stdout));
  assert.ok(got.stdout.startsWith("mode pthread_exit\n"), got.stdout);
  assert.is(got.code, want.code);
  assert.is(got.code, 0);
});

test("exit() in a thread ends the whole process with its status", async () => {
  const { native, wasm } = await mainExit;
  const want = await run(native, ["exit"]);
  const got = await runSandboxed(wasm, ["exit"]);
  assert.is(got.stdout, want.stdout);
  assert.is(got.code, 7);
});

for (const [mode, threads] of [["pair", "all 3 threads wait"], ["self", "the only thread waits"], ["join", "all 2 threads wait"]]) {
  test(`a deadlock (${mode}) is reported instead of hanging`, async () => {
    const got = await runSandboxed(await deadlock, [mode], [], { timeoutMs: 20_000 });
    assert.is(got.code, ABORT_STATUS, got.stderr);
    assert.match(got.stderr, `sockbox: deadlock: ${threads} on a mutex`);
    assert.is(got.stdout, `mode ${mode}\n`);
  });
}

test("a thread that overflows its stack ends the program with a clear message", async () => {
  const got = await runSandboxed(await overflow);
  assert.is(got.code, ABORT_STATUS, got.stderr);
  assert.match(got.stderr, /thread \d+ overflowed its stack/);
  assert.is(got.stdout, "4 frames fit: 10\n");
});

test("--trace says which thread runs", async () => {
  const { wasm } = await blocked;
  const got = await runSandboxed(wasm, [], ["--trace"]);
  assert.is(got.code, 0, got.stderr);
  for (const tid of [2, 3, 4, 5, 6]) {
    assert.match(got.stderr, `thread ${tid} created`);
    assert.match(got.stderr, `thread ${tid} runs`);
  }
  assert.match(got.stderr, "thread 1 runs");
  assert.match(got.stderr, "thread 2 exited");
});

test.run();
