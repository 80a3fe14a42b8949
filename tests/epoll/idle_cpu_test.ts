/**
 * A guest blocked in epoll_wait never spins. idle_epoll.c waits with no
 * timeout for a connection, for data, and (edge-triggered) for more data;
 * while it sits in each wait, the whole process tree of `sockbox run` must
 * use under 2% of one core (measured from /proc/<pid>/stat, user + system
 * time), and the wait must not return before this test sends something.
 * The native build is held to the same bound.
 *
 * @module
 */

import { connect, type Socket } from "node:net";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildBoth, type Built, command, listeningPort, measureIdle, type Mode, Watched } from "../readiness/harness.ts";

/** How long each wait is measured. */
const WAIT_MS = 2_000;

const built = buildBoth("tests/epoll/c/idle_epoll.c");
built.catch(() => {});

async function idle(b: Built, mode: Mode): Promise<string[]> {
  const log: string[] = [];
  const w = new Watched(...command(b, mode, []), { keepStdin: true });
  let sock: Socket | null = null;
  try {
    const port = await listeningPort(w);
    await measureIdle(w, "accept", WAIT_MS, log);
    sock = connect({ host: "127.0.0.1", port });
    sock.on("error", () => {});
    await w.line((l) => l.startsWith("accept returned"));
    await measureIdle(w, "recv", WAIT_MS, log);
    sock.write("a");
    await w.line((l) => l.startsWith("recv returned"));
    await measureIdle(w, "edge", WAIT_MS, log);
    sock.write("b");
    await w.line((l) => l.startsWith("edge returned"));
    sock.end();
    assert.is(await w.exit(20_000), 0, w.stderr);
    assert.equal(w.lines.filter((l) => l.includes("returned")), [
      "accept returned: 1 IN",
      "recv returned: 1 IN",
      "edge returned: 1 IN",
    ]);
    return log;
  } finally {
    sock?.destroy();
    w.kill();
  }
}

for (const mode of ["native", "sandboxed"] as const) {
  test(`idle_epoll (${mode}): blocked in epoll_wait for a connection, data, an edge: under 2% of a core, no early return`, async () => {
    const log = await idle(await built, mode);
    console.log(`  ${mode}: ${log.join("; ")}`);
  });
}

test.run();
