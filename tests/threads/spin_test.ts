/**
 * A program that spins on a call that answers at once — poll(…, 0),
 * epoll_wait(…, 0), sched_yield(), a non-blocking recv() failing with
 * EAGAIN — still sees its timers fire and its I/O arrive, as on Linux:
 * another thread's usleep/poll/nanosleep ends, a thread blocked in read()
 * gets the bytes sent to it, and a single-threaded spin sees what its peer
 * sent over loopback TCP (runtime/event_loop_turns.ts). Each program bounds
 * its own spin (10 s) and says so if it runs out; native and sandboxed runs
 * must print the same. `--timeout` still stops a program that spins for ever.
 *
 * @module
 */

import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildNative, buildWasm, runSandboxed } from "../lib/c.ts";
import { run } from "../lib/proc.ts";

/** Grants for the programs' own loopback connection. */
const LOOPBACK = ["--allow-listen=127.0.0.1:0", "--allow-connect=127.0.0.1:*"];
/** The exit status of a run stopped by `--timeout`. */
const TIMEOUT_STATUS = 124;
/** Kill a run after this long (the programs give up on their own after 10 s). */
const RUN_TIMEOUT_MS = 30_000;

function both(name: string): Promise<{ native: string; wasm: string }> {
  const src = [`tests/threads/c/${name}.c`];
  return Promise.all([buildNative(src, `threads_${name}`), buildWasm(src, `threads_${name}`)])
    .then(([native, wasm]) => ({ native, wasm }));
}

const threaded = both("spin_threads");
const single = both("spin_single");
for (const p of [threaded, single]) p.catch(() => {}); // reported by the tests

async function sameAsNative(built: Promise<{ native: string; wasm: string }>, args: string[]): Promise<void> {
  const { native, wasm } = await built;
  const want = await run(native, args, { timeoutMs: RUN_TIMEOUT_MS });
  assert.is(want.code, 0, `native: ${want.stdout}${want.stderr}`);
  const got = await runSandboxed(wasm, args, LOOPBACK, { timeoutMs: RUN_TIMEOUT_MS });
  assert.is(got.stdout, want.stdout, got.stderr);
  assert.is(got.code, 0, got.stderr);
}

const THREAD_SPINS: Record<string, string> = {
  poll0: "poll(NULL, 0, 0)",
  pollfd0: "poll(fds, 2, 0)",
  epoll0: "epoll_wait(…, 0)",
  yield: "sched_yield()",
};

for (const [mode, call] of Object.entries(THREAD_SPINS)) {
  test(`a thread spinning on ${call} lets another one's usleep, poll timeout and nanosleep end`, async () => {
    await sameAsNative(threaded, [mode]);
  });
}

test("a thread spinning on a non-blocking recv() (EAGAIN) gets what a sleeping thread sends", async () => {
  await sameAsNative(threaded, ["eagain"]);
});

test("a thread blocked in read() on TCP gets its bytes while another spins on poll(NULL, 0, 0)", async () => {
  await sameAsNative(threaded, ["io"]);
});

for (const mode of ["recv", "poll", "epoll", "yield"]) {
  test(`a single-threaded spin on ${mode} sees the data its TCP peer sent`, async () => {
    await sameAsNative(single, [mode]);
  });
}

test("a single-threaded loop of poll(NULL, 0, 0) runs to its end", async () => {
  await sameAsNative(single, ["bench", "200000"]);
});

test("--timeout stops a program spinning on poll(NULL, 0, 0)", async () => {
  const { wasm } = await single;
  const t0 = performance.now();
  const r = await runSandboxed(wasm, ["forever"], ["--timeout=1"], { timeoutMs: RUN_TIMEOUT_MS });
  const elapsed = performance.now() - t0;
  assert.is(r.code, TIMEOUT_STATUS, r.stderr);
  assert.is(r.stdout, "spinning\n");
  assert.match(r.stderr, "ran longer than --timeout=1 seconds");
  assert.ok(elapsed >= 1000 && elapsed < 5000, `stopped after ${elapsed.toFixed(0)} ms`);
});

test.run();
