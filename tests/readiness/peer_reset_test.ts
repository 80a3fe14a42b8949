/**
 * A peer that resets the connection: tests/readiness/c/peer_reset.c connects
 * to a native server that answers its first line with a RST
 * (`resetAndDestroy`). Linux reports POLLIN|POLLOUT|POLLERR|POLLHUP, recv
 * fails once with ECONNRESET and then reads EOF, send fails with EPIPE; the
 * sandboxed run must print the same.
 *
 * @module
 */

import { createServer, type Socket } from "node:net";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { run } from "../lib/proc.ts";
import { buildBoth, command } from "./harness.ts";

const built = buildBoth("tests/readiness/c/peer_reset.c");
built.catch(() => {});

test("peer_reset: a RST from the peer is POLLERR|POLLHUP, then ECONNRESET once", async () => {
  const b = await built;
  const server = createServer((s: Socket) => {
    s.on("error", () => {});
    s.once("data", () => s.resetAndDestroy());
  });
  const port = await new Promise<number>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port))
  );
  try {
    const native = await run(...command(b, "native", [String(port)]), { timeoutMs: 30_000 });
    assert.is(native.code, 0, native.stdout + native.stderr);
    assert.ok(native.stdout.includes("recv: ECONNRESET"), native.stdout);
    const sandboxed = await run(...command(b, "sandboxed", [String(port)]), { timeoutMs: 30_000 });
    assert.fixture(sandboxed.stdout, native.stdout);
    assert.is(sandboxed.code, 0, sandboxed.stderr);
  } finally {
    server.close();
  }
});

test.run();
