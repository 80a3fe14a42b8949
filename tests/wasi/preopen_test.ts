/**
 * `--dir` grants: preopens appear as fds 3, 4, … under the names given (or
 * the host path), wasi-libc finds files through them, and a grant that is not
 * an existing directory stops the run with a clear message.
 */
import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildWasm, runSandboxed } from "../lib/c.ts";
import { removeDir, tempDir } from "../lib/wasi.ts";

test("preopens are listed in order under their guest names and files are found through them", async () => {
  const wasm = await buildWasm(["tests/c/wasi_preopens.c"]);
  const t = realpathSync(tempDir());
  try {
    for (const d of ["a", "b", "c"]) {
      mkdirSync(`${t}/${d}`);
      writeFileSync(`${t}/${d}/${d}.txt`, `contents of ${d}\nsecond line\n`);
    }
    symlinkSync(`${t}/a`, `${t}/link-to-a`);
    const r = await runSandboxed(
      wasm,
      ["/a/a.txt", "/b/b.txt", `${t}/c/c.txt`, "/l/a.txt", "/a/../b/b.txt", "/elsewhere/x"],
      [`--dir=${t}/a:/a`, `--dir=${t}/b/:/b/`, `--dir=${t}/c`, `--dir=${t}/link-to-a:/l`],
    );
    assert.is(r.stderr, "");
    assert.is(r.code, 0);
    assert.fixture(
      r.stdout,
      [
        "fd 3: preopen [/a]",
        "fd 4: preopen [/b]",
        `fd 5: preopen [${t}/c]`,
        "fd 6: preopen [/l]",
        "/a/a.txt: contents of a",
        "/b/b.txt: contents of b",
        `${t}/c/c.txt: contents of c`,
        "/l/a.txt: contents of a",
        "/a/../b/b.txt: cannot open",
        "/elsewhere/x: cannot open",
        "",
      ].join("\n"),
    );
  } finally {
    removeDir(t);
  }
});

test("no --dir: no preopens, and files cannot be opened", async () => {
  const wasm = await buildWasm(["tests/c/wasi_preopens.c"]);
  const r = await runSandboxed(wasm, ["/etc/passwd"]);
  assert.is(r.code, 0);
  assert.is(r.stdout, "/etc/passwd: cannot open\n");
});

test("a --dir that does not exist or is not a directory stops the run", async () => {
  const wasm = await buildWasm(["tests/c/wasi_preopens.c"]);
  const t = tempDir();
  try {
    writeFileSync(`${t}/file`, "x");
    const missing = await runSandboxed(wasm, [], [`--dir=${t}/missing:/data`]);
    assert.is(missing.code, 2);
    assert.is(missing.stdout, "");
    assert.match(missing.stderr, `--dir=${t}/missing: cannot grant '${t}/missing': no such directory`);
    const file = await runSandboxed(wasm, [], [`--dir=${t}/file:/data`]);
    assert.is(file.code, 2);
    assert.match(file.stderr, "not a directory");
  } finally {
    removeDir(t);
  }
});

test.run();
