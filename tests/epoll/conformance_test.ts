/**
 * The epoll conformance programs (tests/epoll/c), each built with gcc and
 * with `sockbox cc`, run natively and sandboxed: same stdout, same exit
 * status. Each program is self-contained (its peers are its own sockets on
 * loopback or socketpairs) and prints epoll events and errnos by name.
 *
 * @module
 */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { run } from "../lib/proc.ts";
import { buildBoth, command } from "../readiness/harness.ts";

interface Program {
  what: string;
  /** Needs a writable directory (passed as its argument, granted with --dir). */
  dir?: boolean;
}

const PROGRAMS: Record<string, Program> = {
  epoll_lt: {
    what: "level-triggered: reported while ready, epoll_data back as given, MOD/DEL, maxevents in turn, nesting",
  },
  epoll_et: {
    what: "EPOLLET: once per new arrival, read until EAGAIN, OUT after a full buffer drains, new connections",
  },
  epoll_oneshot: { what: "EPOLLONESHOT: one report, then nothing (not even HUP) until MOD re-arms it" },
  epoll_rdhup: { what: "EPOLLRDHUP: the peer's FIN or close, SHUT_RD, asked for or not, TCP and unix" },
  epoll_rdhup_queued: {
    what: "EPOLLRDHUP with data still queued (needs stream sockets to say Readiness.rdhup; inferred only once drained)",
  },
  epoll_errhup: { what: "EPOLLERR|EPOLLHUP unasked after a refused connect, until SO_ERROR; a never-connected socket" },
  epoll_timeout: { what: "timeouts 0, N ms, -1; epoll_pwait with a mask; epoll_pwait2 with a timespec" },
  epoll_errors: {
    what: "EINVAL, EBADF, EFAULT, EPERM, EEXIST, ENOENT, ELOOP, EPOLLEXCLUSIVE rules, in Linux's order",
    dir: true,
  },
  epoll_close: { what: "closing a watched descriptor removes it from every set; closing the epoll descriptor" },
  epoll_fork: { what: "fork: the child shares the epoll set; its close of a copy leaves the registration" },
  epoll_thread: {
    what: "threads: a blocked epoll_wait(-1) wakes on another thread's write; an epoll_wait(0) loop yields",
  },
};

const RUN_TIMEOUT_MS = 60_000;

for (const [name, p] of Object.entries(PROGRAMS)) {
  const built = buildBoth(`tests/epoll/c/${name}.c`);
  built.catch(() => {}); // reported by the test that awaits it
  test(`${name}: ${p.what}`, async () => {
    const b = await built;
    const dir = p.dir ? mkdtempSync(`${tmpdir()}/sockbox-epoll-`) : null;
    try {
      const args = dir ? [dir] : [];
      const extra = dir ? [`--dir=${dir}`] : [];
      const native = await run(...command(b, "native", args), { timeoutMs: RUN_TIMEOUT_MS });
      assert.is(native.code, 0, `the native run failed:\n${native.stdout}${native.stderr}`);
      const sandboxed = await run(...command(b, "sandboxed", args, extra), { timeoutMs: RUN_TIMEOUT_MS });
      assert.fixture(sandboxed.stdout, native.stdout);
      assert.is(sandboxed.code, native.code, `exit status; stderr:\n${sandboxed.stderr}`);
    } finally {
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  });
}

test.run();
