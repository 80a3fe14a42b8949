/**
 * What wasi-libc leaves out or gets wrong and libsockbox supplies, each as a
 * `tests/c/libc_*.c` program run natively (gcc) and under `sockbox run` with
 * identical stdout: clock()/times()/getrusage() counting CPU time, signal()
 * and raise() (SIGPIPE ignored the way servers do), getpid() without any -D,
 * and mmap(). Plus what cannot match Linux, checked as sockbox's own
 * behaviour, and the CPU-time clocks under Deno's narrowed worker.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { runSandboxed } from "../lib/c.ts";
import { run } from "../lib/proc.ts";
import { buildBoth, compareWithNative, removeDir, tempDir } from "../lib/wasi.ts";

const PROGRAMS: [string, string][] = [
  ["libc_clock", "clock(), times() and getrusage() count CPU time, not wall time"],
  ["libc_signal", "signal(SIGPIPE, SIG_IGN) is harmless and gives EPIPE; handlers run on raise() and kill()"],
  ["libc_getpid", "getpid(), getppid(), getpgrp(), getsid() without -D_WASI_EMULATED_GETPID"],
  ["libc_mmap", "mmap: anonymous memory, file copies, msync/mprotect/madvise, munmap and the errors"],
];

for (const [name, what] of PROGRAMS) {
  test(`${name}: ${what}`, async () => {
    const { native, sandboxed } = await compareWithNative(name);
    assert.is(native.stderr, "", `native stderr: ${native.stderr}`);
    assert.ok(!native.stdout.includes("FAILED"), `the native run failed a step:\n${native.stdout}`);
    assert.fixture(sandboxed.stdout, native.stdout);
    assert.is(sandboxed.code, native.code, `exit status; sandbox stderr:\n${sandboxed.stderr}`);
    assert.is(sandboxed.stderr, "", "the sandboxed run printed on stderr");
  });
}

test("a writable MAP_SHARED file mapping: Linux maps it, sockbox says ENODEV rather than drop the stores", async () => {
  const [native, wasm] = await buildBoth("libc_mmap");
  const dir = tempDir();
  try {
    const n = await run(native, [dir, "--shared-write"]);
    assert.is(n.stdout, "mmap MAP_SHARED PROT_READ|PROT_WRITE file: ok\n", n.stderr);
    const s = await runSandboxed(wasm, ["/data", "--shared-write"], [`--dir=${dir}:/data`]);
    assert.is(s.stdout, "mmap MAP_SHARED PROT_READ|PROT_WRITE file: ENODEV\n", s.stderr);
    assert.is(s.code, 0, s.stderr);
  } finally {
    removeDir(dir);
  }
});

// --timeout runs the guest in a worker (with Deno's permissions narrowed to
// the grants, and the main thread's revoked); fine grants do too.
for (const opts of [["--timeout=60"], ["--allow-listen=127.0.0.1:0", "--max-cpu=60"]]) {
  test(`the CPU-time clock behind clock() with ${opts.join(" ")}`, async () => {
    const [native, wasm] = await buildBoth("libc_clock");
    const [n, s] = await Promise.all([run(native, ["."]), runSandboxed(wasm, ["."], opts)]);
    assert.fixture(s.stdout, n.stdout);
    assert.is(s.code, 0, s.stderr);
  });
}

test.run();
