/**
 * What a program sent before it ended reaches its peer, as on Linux, where
 * the kernel delivers a closed socket's bytes after the process is gone:
 * tests/sockets/c/send_then_exit.c sends 16 MiB to a client that starts
 * reading only after a while (so the last bytes are still queued in the host
 * when the guest ends), then closes and returns, or `_exit`s with the socket
 * open. And a peer that never reads does not hold the exit for ever: after
 * runtime/sock/linger.ts's stall time the bytes are given up, with a trace.
 *
 * @module
 */

import { connect } from "node:net";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { LINGER_STALL_MS } from "../../runtime/sock/linger.ts";
import { PatternReader } from "../lib/pattern_reader.ts";
import { buildBoth, command, listeningPort, type Mode, Watched } from "../readiness/harness.ts";

const BYTES = 16 * 1024 * 1024;
/** How long the client waits before its first read. */
const READ_DELAY_MS = 400;
const built = buildBoth("tests/sockets/c/send_then_exit.c");
built.catch(() => {}); // reported by the tests that await it

/** Byte `i` of the stream, as send_then_exit.c's. */
function pattern(i: number): number {
  return (i * 31 + 7) & 0xff;
}

for (const how of ["close", "exit"]) {
  for (const mode of ["native", "sandboxed"] as Mode[]) {
    test(`${mode}: ${BYTES} bytes sent to a late reader, then ${how === "close" ? "close() and return" : "_exit() with the socket open"}: every byte arrives`, async () => {
      const server = new Watched(...command(await built, mode, [String(BYTES), how]));
      try {
        const reader = new PatternReader(await listeningPort(server), pattern, { delayMs: READ_DELAY_MS });
        await reader.done;
        assert.is(reader.bytes, BYTES, `bytes received; server stderr: ${server.stderr}`);
        assert.is(reader.firstWrong, -1, "the bytes are the ones sent, in order");
        assert.is(await server.exit(20_000), 0, server.stderr);
        assert.ok(server.lines.includes(`sent ${BYTES}`), server.lines.join("\n"));
      } finally {
        server.kill();
      }
    });
  }
}

test("sandboxed: a peer that never reads holds the exit only until the queue stalls, and the trace says so", async () => {
  const server = new Watched(...command(await built, "sandboxed", [String(BYTES), "stall"], ["--trace"]));
  const sock = connect({ host: "127.0.0.1", port: await listeningPort(server) });
  sock.pause();
  sock.on("error", () => {});
  try {
    const t0 = Date.now();
    await server.line((l) => l.startsWith("sent "), 20_000, "the sends' end");
    assert.is(await server.exit(LINGER_STALL_MS + 15_000), 0, server.stderr);
    const waited = Date.now() - t0;
    assert.ok(waited >= LINGER_STALL_MS - 500, `exited after ${waited} ms, before the stall time`);
    assert.match(server.stderr, /exit: sending what closed connections still queue: 127\.0\.0\.1:\d+ \(\d+ bytes\)/);
    assert.match(server.stderr, /exit: gave up on \d+ bytes after \d+ ms: their peers stopped reading/);
  } finally {
    sock.destroy();
    server.kill();
  }
});

test.run();
