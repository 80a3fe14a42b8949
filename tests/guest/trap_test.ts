/**
 * A trapping guest ends with status 134, what it printed before is kept, and
 * stderr says it trapped — with the wasm frames, never a host stack trace.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildWasm, runSandboxed } from "../lib/c.ts";
import { RUNTIME } from "../lib/proc.ts";

test("a trap ends the guest with 134 and names the wasm frames", async () => {
  const wasm = await buildWasm(["tests/guest/c/trap.c"], "trap", ["-O0"]);
  const r = await runSandboxed(wasm);
  assert.is(r.code, 134, r.stderr);
  assert.is(r.stdout, "before the trap\n");
  assert.match(r.stderr, /^sockbox: the guest trapped: unreachable/i);
  assert.not.match(r.stderr, /runtime\/run\.ts|evaluating/, "no host frames or host source in the message");
  if (RUNTIME === "deno") {
    assert.match(r.stderr, /at middle \(wasm:/);
    assert.match(r.stderr, /at main|at __original_main/);
  } else {
    assert.match(r.stderr, /\d+ wasm frames/);
  }
});

test.run();
