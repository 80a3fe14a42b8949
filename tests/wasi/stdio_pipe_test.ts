/**
 * stdout and stderr on pipes: 4 MiB written to a pipe whose reader starts
 * late (so writes block on a full pipe) arrive whole, and with both streams
 * on one pipe (2>&1) in the order written, as natively. (Bun writes them with
 * write(2) through bun:ffi, and with node:fs what that did not write:
 * host/bun/libc_io.ts.)
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildNative, buildWasm, sandboxArgs, SOCKBOX } from "../lib/c.ts";
import { run } from "../lib/proc.ts";

const SRC = "tests/c/stdio_pipe.c";
const BYTES = 4 << 20;

/** `prog args 2>&1 | (sleep 0.3; cat)`: the reader starts late. */
function lateReader(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const quoted = argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(" ");
  return run("/bin/sh", ["-c", `${quoted} 2>&1 | (sleep 0.3; cat)`], { timeoutMs: 60_000 });
}

test("4 MiB to a late reader's pipe, stdout and stderr interleaved: the same bytes as natively", async () => {
  const [native, wasm] = await Promise.all([buildNative([SRC]), buildWasm([SRC])]);
  const want = await lateReader([native, String(BYTES)]);
  const got = await lateReader([SOCKBOX, ...sandboxArgs(wasm, [String(BYTES)])]);
  assert.is(want.code, 0, want.stderr);
  assert.is(got.code, 0, got.stderr);
  assert.ok(want.stdout.endsWith(`wrote ${BYTES} bytes\n`), "the native run wrote everything");
  assert.is(got.stdout.length, want.stdout.length, "as many bytes");
  assert.ok(got.stdout === want.stdout, "the same bytes, in the same order");
});

test.run();
