/**
 * A unix stream socket whose peer closed, as on Linux
 * (tests/libc/c/peer_closed.c): on a socketpair the first write after the
 * close already fails with EPIPE, and on a named socket once the close is
 * seen; reads still return what the peer sent before closing, then EOF.
 * Native and sandboxed runs print the same.
 *
 * @module
 */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { runSandboxed } from "../lib/c.ts";
import { run } from "../lib/proc.ts";
import { buildBoth } from "../readiness/harness.ts";

const built = buildBoth("tests/libc/c/peer_closed.c");
built.catch(() => {}); // reported by the tests that await it

test("socketpair: the first write after the peer closed is EPIPE; the data sent before the close, then EOF", async () => {
  const b = await built;
  const native = await run(b.native, ["pair"]);
  assert.ok(native.stdout.includes("write -> EPIPE\n"), native.stdout);
  const sandboxed = await runSandboxed(b.wasm, ["pair"]);
  assert.fixture(sandboxed.stdout, native.stdout);
  assert.is(sandboxed.code, 0, sandboxed.stderr);
});

test("named unix stream: EPIPE once the close is seen, no write accepted first; the data, then EOF", async () => {
  const b = await built;
  const dirs = [mkdtempSync(join(tmpdir(), "sockbox-peer-")), mkdtempSync(join(tmpdir(), "sockbox-peer-"))];
  try {
    const native = await run(b.native, ["unix", dirs[0]]);
    assert.ok(native.stdout.includes("write -> EPIPE\n"), native.stdout);
    const sandboxed = await runSandboxed(b.wasm, ["unix", "/d"], [`--dir=${dirs[1]}:/d`, "--allow-unix=/d/peer.sock"]);
    assert.fixture(sandboxed.stdout, native.stdout);
    assert.is(sandboxed.code, 0, sandboxed.stderr);
  } finally {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
});

test.run();
