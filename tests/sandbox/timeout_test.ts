/**
 * `--timeout`: a guest in `while (1);` — which no timer on its own thread
 * can interrupt — is stopped within 3 s of a 2 s timeout with a clear message
 * and exit status 124, and the port it listened on is free at once: the test
 * binds it again right after. A guest waiting in a syscall is stopped the
 * same way; one that ends in time exits normally. `--max-cpu` counts CPU
 * time only: it stops a spinning guest, not a waiting one.
 */
import { createServer } from "node:net";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildWasm, runSandboxed, SOCKBOX, sandboxArgs } from "../lib/c.ts";
import { finish, run, start, until } from "../lib/proc.ts";

const STOP_MESSAGE = /sockbox: the guest ran longer than --timeout=2 seconds and was stopped; its sockets are closed/;

test("while(1) under --timeout=2 is stopped within 3 s, exit 124", async () => {
  const wasm = await buildWasm(["tests/sandbox/c/spin.c"]);
  const t0 = performance.now();
  const r = await runSandboxed(wasm, [], ["--timeout=2"], { timeoutMs: 10_000 });
  const elapsed = performance.now() - t0;
  assert.is(r.code, 124, r.stderr);
  assert.is(r.stdout, "spinning\n");
  assert.match(r.stderr, STOP_MESSAGE);
  assert.ok(elapsed >= 2000 && elapsed < 3000, `stopped after ${elapsed.toFixed(0)} ms`);
});

test("the listening port of a stopped guest is free at once", async () => {
  const wasm = await buildWasm(["tests/sandbox/c/spin.c"]);
  const guest = start(SOCKBOX, sandboxArgs(wasm, ["listen"], ["--timeout=2", "--allow-listen=127.0.0.1:0"]));
  let out = "";
  guest.stdout!.setEncoding("utf8").on("data", (d: string) => (out += d));
  const t0 = performance.now();
  const r = await finish(guest, 10_000);
  const elapsed = performance.now() - t0;
  assert.is(r.code, 124, r.stderr);
  assert.match(r.stderr, STOP_MESSAGE);
  assert.ok(elapsed < 3000, `stopped after ${elapsed.toFixed(0)} ms`);
  const port = Number(/port (\d+)/.exec(out)?.[1]);
  assert.ok(port > 0, `the guest listened: ${out}`);
  const srv = createServer();
  await new Promise<void>((resolve, reject) => {
    srv.once("error", reject);
    srv.listen(port, "127.0.0.1", () => resolve());
  });
  srv.close();
});

test("a guest blocked in accept() is stopped by the timeout too", async () => {
  const wasm = await buildWasm(["tests/sandbox/c/limits.c"]);
  const guest = start(SOCKBOX, sandboxArgs(wasm, ["accept"], ["--timeout=1", "--allow-listen=127.0.0.1:0"]));
  let out = "";
  guest.stdout!.setEncoding("utf8").on("data", (d: string) => (out += d));
  await until(() => out.includes("port"), 10_000, "the guest's port");
  const r = await finish(guest, 10_000);
  assert.is(r.code, 124);
  assert.match(r.stderr, "ran longer than --timeout=1 seconds");
});

test("--max-cpu stops a computing guest (exit 152, as SIGXCPU) but not an idle one", async () => {
  const spin = await buildWasm(["tests/sandbox/c/spin.c"]);
  // What --max-cpu promises is CPU time, so that is what is measured (bash's
  // `times` reports the children's user+system time); wall time depends on
  // what else the machine runs, so it is only bounded by the test's timeout.
  const r = await run("bash", ["-c", '"$@"; rc=$?; times >&2; exit $rc', "_", SOCKBOX, ...sandboxArgs(spin, [], ["--max-cpu=1"])], {
    timeoutMs: 20_000,
  });
  assert.is(r.code, 152, r.stderr);
  assert.match(r.stderr, "sockbox: the guest used more than --max-cpu=1 seconds of CPU time and was stopped");
  const m = r.stderr.trim().split("\n").pop()!.match(/^(\d+)m([\d.]+)s (\d+)m([\d.]+)s$/);
  assert.ok(m, `no CPU times in: ${r.stderr}`);
  const cpu = Number(m![1]) * 60 + Number(m![2]) + Number(m![3]) * 60 + Number(m![4]);
  // 1 s for the guest, plus the runtime's own start-up and one check interval.
  assert.ok(cpu >= 1 && cpu < 2, `the process used ${cpu.toFixed(2)} s of CPU`);
  const idle = await buildWasm(["tests/sandbox/c/limits.c"]);
  const waiting = await runSandboxed(idle, ["accept"], ["--max-cpu=1", "--timeout=2", "--allow-listen=127.0.0.1:0"], { timeoutMs: 10_000 });
  assert.is(waiting.code, 124, "a guest waiting in accept() uses no CPU: the wall-clock timeout stops it");
});

test("a guest that ends in time exits with its own status, silently", async () => {
  const wasm = await buildWasm(["guest/c-examples/hello.c"]);
  const r = await runSandboxed(wasm, ["x"], ["--timeout=5"]);
  assert.is(r.code, 0);
  assert.is(r.stderr, "");
  assert.is(r.stdout, "hello from sockbox\nargc=2\nargv[1]=x\n");
});

test.run();
