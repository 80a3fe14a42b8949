/**
 * stdin in an epoll set: epoll_stdin.c waits with no timeout for each line
 * this test feeds through a pipe, then for the pipe's close (EPOLLHUP).
 * Sandboxed stdout must equal native stdout.
 *
 * @module
 */

import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildBoth, type Built, command, type Mode, sleep, Watched } from "../readiness/harness.ts";

const built = buildBoth("tests/epoll/c/epoll_stdin.c");
built.catch(() => {});

async function feed(b: Built, mode: Mode): Promise<{ out: string; code: number }> {
  const w = new Watched(...command(b, mode, []), { keepStdin: true, pipeStdin: true });
  try {
    const lines = ["hello", "world"];
    for (const [i, line] of lines.entries()) {
      await w.count((l) => l === "waiting for stdin", i + 1, 20_000, "waits for stdin");
      await sleep(200); // settled into the wait: the answer must not depend on timing
      w.write(`${line}\n`);
      await w.line((l) => l.endsWith(`read: ${line}`));
    }
    await w.count((l) => l === "waiting for stdin", lines.length + 1, 20_000, "waits for stdin");
    await sleep(200);
    w.endStdin();
    const code = await w.exit(20_000);
    return { out: w.lines.join("\n"), code };
  } finally {
    w.kill();
  }
}

test("epoll_stdin: lines from a pipe wake epoll_wait(-1), its close is EPOLLHUP, as natively", async () => {
  const b = await built;
  const native = await feed(b, "native");
  assert.is(native.code, 0, native.out);
  const sandboxed = await feed(b, "sandboxed");
  assert.fixture(sandboxed.out, native.out);
  assert.is(sandboxed.code, 0);
});

test.run();
