/**
 * WASI preview 1 conformance: each `tests/c/wasi_*.c` program runs natively
 * (gcc, Linux) and under `sockbox run` with its working directory granted as
 * `/data`; stdout and the exit status must be identical.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { compareWithNative, type ConformanceRun } from "../lib/wasi.ts";

const PROGRAMS: [string, string, ConformanceRun?][] = [
  ["wasi_args", "argv and environment reach the guest as given, and the exit status comes back", {
    args: ["", "two words", "ünï", "3"],
    env: { SOCKBOX_T_PLAIN: "plain", SOCKBOX_T_EMPTY: "", SOCKBOX_T_EQUALS: "a=b=c", SOCKBOX_T_UTF8: "héllo wörld" },
  }],
  ["wasi_clock", "clocks: resolution, monotonic order, wall time agreeing with time()"],
  ["wasi_random", "random_get through getentropy"],
  ["wasi_files", "files: read, write, lseek, pread/pwrite, O_APPEND, truncate, readv/writev, stdio"],
  ["wasi_dirs", "directories: mkdir, readdir across buffers, seekdir, rewinddir, rmdir"],
  ["wasi_links", "rename, hard links, symbolic links, dangling links, loops, O_NOFOLLOW"],
  ["wasi_stat", "stat, fstat, lstat and setting times"],
  ["wasi_utimes", "utimensat/futimens/utime(s)/futimes/lutimes: NULL, UTIME_NOW and UTIME_OMIT in either slot, given values"],
  ["wasi_fdflags", "fcntl flags and access modes, descriptor numbering, calls on pipes"],
  ["wasi_errors", "errnos for missing, wrong-type, too-long and bad-descriptor cases"],
];

for (const [name, what, opts] of PROGRAMS) {
  test(`${name}: ${what}`, async () => {
    const { native, sandboxed } = await compareWithNative(name, opts);
    assert.is(native.stderr, "", `native stderr: ${native.stderr}`);
    assert.ok(!native.stdout.includes("FAILED"), `the native run failed a step:\n${native.stdout}`);
    assert.fixture(sandboxed.stdout, native.stdout);
    assert.is(sandboxed.code, native.code, `exit status; sandbox stderr:\n${sandboxed.stderr}`);
    assert.is(sandboxed.stderr, "", "the sandboxed run printed on stderr");
  });
}

test.run();
