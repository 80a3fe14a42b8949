/**
 * A blocked guest never spins. idle_wait.c waits with no timeout in accept(),
 * recv(), poll() and select() in turn; while it sits in each, the whole
 * process tree of `sockbox run` must use under 2% of one core (measured from
 * /proc/<pid>/stat, user + system time), and the call must not return before
 * this test sends something: an idle blocking call waits for as long as it
 * takes. The native build is held to the same bound.
 *
 * @module
 */

import { connect, type Socket } from "node:net";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildBoth, type Built, command, listeningPort, measureIdle, type Mode, Watched } from "./harness.ts";

/** How long the poll() wait is measured (the 5 s), and the others. */
const POLL_WAIT_MS = 5_000;
const OTHER_WAIT_MS = 2_000;

const built = buildBoth("tests/readiness/c/idle_wait.c");
built.catch(() => {});

async function idle(b: Built, mode: Mode): Promise<string[]> {
  const log: string[] = [];
  const w = new Watched(...command(b, mode, []), { keepStdin: true });
  let sock: Socket | null = null;
  try {
    const port = await listeningPort(w);
    await measureIdle(w, "accept", OTHER_WAIT_MS, log);
    sock = connect({ host: "127.0.0.1", port });
    sock.on("error", () => {});
    await w.line((l) => l === "accept returned: a connection");
    await measureIdle(w, "recv", OTHER_WAIT_MS, log);
    sock.write("a");
    await w.line((l) => l === "recv returned: 1");
    await measureIdle(w, "poll", POLL_WAIT_MS, log);
    sock.write("b");
    await w.line((l) => l.startsWith("poll returned"));
    await measureIdle(w, "select", OTHER_WAIT_MS, log);
    sock.write("c");
    await w.line((l) => l.startsWith("select returned"));
    sock.end();
    assert.is(await w.exit(20_000), 0, w.stderr);
    assert.equal(w.lines.filter((l) => l.includes("returned")), [
      "accept returned: a connection",
      "recv returned: 1",
      "poll returned: 1 [IN] [0] [0]",
      "select returned: 1 connection=1 listener=0",
    ]);
    return log;
  } finally {
    sock?.destroy();
    w.kill();
  }
}

for (const mode of ["native", "sandboxed"] as const) {
  test(`idle_wait (${mode}): blocked in accept, recv, poll, select: under 2% of a core, no early return`, async () => {
    const log = await idle(await built, mode);
    console.log(`  ${mode}: ${log.join("; ")}`);
  });
}

test.run();
