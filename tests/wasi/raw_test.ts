/**
 * WASI preview 1 called directly (tests/c/wasi_raw.c): preopen discovery,
 * fd_readdir cookies and truncation, *_NOW time flags, rights, bad pointers,
 * NUL and non-UTF-8 paths, refused link targets, unknown flags and clocks —
 * the parts of the ABI libc never reaches. Compared with a recorded output.
 */
import { readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildWasm, runSandboxed } from "../lib/c.ts";
import { ROOT } from "../lib/proc.ts";
import { removeDir, tempDir } from "../lib/wasi.ts";

test("raw preview 1 calls answer as recorded in wasi_raw.expected", async () => {
  const wasm = await buildWasm(["tests/c/wasi_raw.c"]);
  const dir = tempDir();
  try {
    const r = await runSandboxed(wasm, [], [`--dir=${dir}:/data`]);
    assert.is(r.stderr, "");
    assert.is(r.code, 0);
    assert.fixture(r.stdout, readFileSync(`${ROOT}/tests/c/wasi_raw.expected`, "utf8"));
  } finally {
    removeDir(dir);
  }
});

test.run();
