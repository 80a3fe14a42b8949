/**
 * fork() and its companions against the native gcc build: copied memory and
 * stdio buffers, exit statuses, waitpid/wait/WNOHANG/ECHILD, shared sockets
 * that survive one holder closing them, kill() with default actions and
 * handlers, exec*() failing cleanly, and zombie children reaped three ways.
 * Also: a program built without the fork rewrite fails fork() with ENOSYS.
 *
 * @module
 */

import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildNative, buildWasm, runSandboxed } from "../lib/c.ts";
import { run } from "../lib/proc.ts";

function c(name: string): string {
  return `tests/threads/c/${name}.c`;
}

function both(name: string): Promise<{ native: string; wasm: string }> {
  return Promise.all([buildNative([c(name)], `threads_${name}`), buildWasm([c(name)], `threads_${name}`)])
    .then(([native, wasm]) => ({ native, wasm }));
}

const basics = both("fork_basics");
const reap = both("reap");
const orphan = both("orphan");
const budget = buildWasm([c("budget")], "threads_budget");
for (const p of [basics, reap, orphan, budget]) p.catch(() => {}); // reported by the tests

test("fork(): memory, waits, shared sockets, stdio buffers, kill, exec — as the native build", async () => {
  const { native, wasm } = await basics;
  const want = await run(native, []);
  assert.is(want.code, 0, want.stderr);
  const got = await runSandboxed(wasm, [], [], { timeoutMs: 30_000 });
  assert.is(got.stderr, "");
  assert.is(got.stdout, want.stdout);
  assert.is(got.code, 0);
});

for (const mode of ["handler", "poll", "ignore"]) {
  test(`zombie children are reaped (${mode})`, async () => {
    const { native, wasm } = await reap;
    const want = await run(native, [mode]);
    assert.is(want.code, 0, want.stderr);
    const got = await runSandboxed(wasm, [mode], [], { timeoutMs: 30_000 });
    assert.is(got.stdout, want.stdout, got.stderr);
    assert.is(got.code, 0);
  });
}

test("--trace names the process of each line after a fork", async () => {
  const { wasm } = await reap;
  const got = await runSandboxed(wasm, ["poll"], ["--trace"], { timeoutMs: 30_000 });
  assert.is(got.code, 0, got.stderr);
  assert.match(got.stderr, "fork: process 1001 created");
  assert.match(got.stderr, /\[pid 1001\] fork\(/); // the child comes back from fork() under its own pid
  assert.match(got.stderr, "process 1025 ended (wait status 6144)"); // _exit(24)
});

test("an orphan outlives its parent; the run ends after it, with the first process's status", async () => {
  const { native, wasm } = await orphan;
  const want = await run(native, []); // the child holds the stdout pipe open, as it holds the run
  const got = await runSandboxed(wasm, [], [], { timeoutMs: 30_000 });
  assert.is(got.stdout, want.stdout, got.stderr);
  assert.is(got.code, 3);
  assert.is(want.code, 3);
});

test("--max-memory holds a fork bomb: fork() fails with ENOMEM once all processes would exceed it", async () => {
  const got = await runSandboxed(await budget, [], ["--max-memory=32MiB"], { timeoutMs: 30_000 });
  assert.is(got.code, 0, got.stderr);
  const m = /^fork failed after (\d+) children: Cannot allocate memory\nkilled and reaped (\d+) children\n$/.exec(got.stdout);
  assert.ok(m, got.stdout);
  assert.ok(Number(m[1]) >= 3 && Number(m[1]) <= 7, `${m[1]} children of about 4 MiB fit in 32 MiB`);
  assert.is(m[2], m[1]);
});

test.run();
