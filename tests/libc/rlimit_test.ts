/**
 * getrlimit/setrlimit/prlimit (guest/libc/rlimit.c, sysconf.c): the relations
 * tests/libc/c/rlimit.c prints are Linux's — RLIMIT_NOFILE raised to its hard
 * limit, EINVAL and EPERM where Linux says so, a lowered soft limit enforced
 * (EMFILE at its number, in a forked child too), sysconf(_SC_OPEN_MAX) and
 * getdtablesize() following it — and the hard limit is `--max-fds`, never
 * raised back once lowered, as for an unprivileged process.
 *
 * @module
 */

import { test } from "uvu";
import * as assert from "uvu/assert";
import { runSandboxed } from "../lib/c.ts";
import { run } from "../lib/proc.ts";
import { buildBoth } from "../readiness/harness.ts";

const built = buildBoth("tests/libc/c/rlimit.c");
built.catch(() => {}); // reported by the tests that await it

test("RLIMIT_NOFILE and the other limits: what Linux says, as relations", async () => {
  const b = await built;
  const native = await run(b.native, []);
  assert.is(native.stderr, "");
  assert.ok(native.stdout.includes("then: EMFILE"), native.stdout);
  const sandboxed = await runSandboxed(b.wasm, []);
  assert.fixture(sandboxed.stdout, native.stdout);
  assert.is(sandboxed.code, 0, sandboxed.stderr);
});

test("the hard limit is --max-fds; lowered, it cannot be raised back; the nice value only rises", async () => {
  const b = await built;
  const s = await runSandboxed(b.wasm, ["unprivileged"], ["--max-fds=64"]);
  assert.fixture(
    s.stdout,
    [
      "hard limit: 64",
      "lower the hard limit: ok",
      "raise it back: EPERM",
      "setpriority(+5): ok",
      "getpriority: 5",
      "setpriority(0), lower again: EACCES",
      "",
    ].join("\n"),
  );
  assert.is(s.code, 0, s.stderr);
});

test.run();
