/**
 * Large blocking sends (tests/sockets/c/big_send.c), natively and sandboxed:
 * on Deno they are written from guest memory while the send waits
 * (runtime/sock/stream_send.ts), so the client checks every byte, in order,
 * while reading slowly; the program overwrites its buffer as soon as each
 * send returns (the bytes must be those of send time); a second thread grows
 * memory while sends wait; and with SO_SNDTIMEO a client that does not read
 * gets what Linux gives: whole sends (Linux also returns partial counts
 * when the timeout expires: none, one or several, as its window grows), then
 * EAGAIN after the timeout, and exactly the bytes the sends counted.
 *
 * @module
 */

import { test } from "uvu";
import * as assert from "uvu/assert";
import { PatternReader, type ReadPace } from "../lib/pattern_reader.ts";
import { RUNTIME } from "../lib/proc.ts";
import { buildBoth, command, listeningPort, type Mode, Watched } from "../readiness/harness.ts";

const BYTES = 8 * 1024 * 1024;
/** The threaded sends: more than the kernel's buffers take at once (Bun's writes are synchronous), so sends wait. */
const THREAD_BYTES = 32 * 1024 * 1024;
/** SO_SNDTIMEO's cap on what is sent (the client's and the host's buffers hold far less). */
const SNDTIMEO_CAP = 256 * 1024 * 1024;
const built = buildBoth("tests/sockets/c/big_send.c");
built.catch(() => {}); // reported by the tests that await it

/** Byte `i` of the stream, as big_send.c's `pattern`. */
function pattern(i: number): number {
  return ((i * 31 + 7) ^ (i >> 11)) & 0xff;
}

/** Runs big_send MODE with a client reading at `opts`' pace; returns the server's stdout lines and the client. */
async function session(mode: Mode, args: string[], opts: ReadPace): Promise<{ lines: string[]; stderr: string; reader: PatternReader }> {
  const server = new Watched(...command(await built, mode, args));
  let reader: PatternReader | null = null;
  try {
    reader = new PatternReader(await listeningPort(server), pattern, opts);
    if (opts.hold) {
      await server.line((l) => l.startsWith("sent "), 20_000, "the sends' end");
      reader.release();
    }
    await reader.done;
    assert.is(await server.exit(20_000), 0, server.stderr);
    return { lines: server.lines, stderr: server.stderr, reader };
  } finally {
    reader?.destroy();
    server.kill();
  }
}

for (const mode of ["native", "sandboxed"] as Mode[]) {
  test(`${mode}: ${BYTES} bytes in blocking sends of 17 B to 1 MiB, the buffer overwritten after each, to a slow reader: every byte, in order`, async () => {
    const { lines, stderr, reader } = await session(mode, ["order", String(BYTES)], { slow: true });
    assert.ok(lines.includes(`sent ${BYTES}`), `${lines.join("\n")}\n${stderr}`);
    assert.is(reader.bytes, BYTES, "bytes received");
    assert.is(reader.firstWrong, -1, "the bytes are the ones sent, as they were at send time");
  });

  test(`${mode}: ${THREAD_BYTES} bytes in 256 KiB blocking sends while another thread grows memory: every byte, in order`, async () => {
    const { lines, stderr, reader } = await session(mode, ["threads", String(THREAD_BYTES)], { slow: true });
    assert.ok(lines.includes(`sent ${THREAD_BYTES}`), `${lines.join("\n")}\n${stderr}`);
    assert.is(reader.bytes, THREAD_BYTES, "bytes received");
    assert.is(reader.firstWrong, -1, "the bytes are the ones sent");
    if (mode === "sandboxed") {
      // Green threads switch only while one waits: the other thread grew memory while a send waited.
      const m = /grew memory: (\d+)/.exec(stderr);
      assert.ok(m && Number(m[1]) > 0, `memory grew while a send waited (${RUNTIME}): ${stderr}`);
    }
  });

  test(`${mode}: SO_SNDTIMEO and a client that does not read: whole sends (and partial ones), then EAGAIN after the timeout; the client gets exactly what the sends counted`, async () => {
    const { lines, stderr, reader } = await session(mode, ["sndtimeo", String(SNDTIMEO_CAP)], { hold: true });
    const sent = Number(/^sent (\d+)$/.exec(lines.find((l) => l.startsWith("sent ")) ?? "")?.[1]);
    assert.ok(sent > 0, `${lines.join("\n")}\n${stderr}`);
    assert.equal(lines.filter((l) => !l.startsWith("sent ") && !l.startsWith("listening")), [
      "then EAGAIN after at least the timeout",
      "some whole sends",
    ]);
    assert.is(reader.bytes, sent, "bytes received: what the sends returned, no more");
    assert.is(reader.firstWrong, -1, "the bytes are the ones sent");
  });
}

test.run();
