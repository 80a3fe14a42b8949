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
import {
  buildBoth,
  type Built,
  command,
  cpuMs,
  listeningPort,
  type Mode,
  sleep,
  Watched,
} from "../readiness/harness.ts";

/** At most this share of one core while blocked. */
const MAX_CPU_SHARE = 0.02;
/** How long each wait is measured. */
const WAIT_MS = 2_000;
/** Time for the guest to settle into a wait before measuring. */
const SETTLE_MS = 300;

const built = buildBoth("tests/epoll/c/idle_epoll.c");
built.catch(() => {});

/** Measures the CPU share while `w` waits in `step`, then checks it is still waiting. */
async function measure(w: Watched, step: string, log: string[]): Promise<void> {
  await w.line((l) => l === `waiting in ${step}`, 20_000, `the ${step} wait`);
  await sleep(SETTLE_MS);
  const before = cpuMs(w.child.pid!);
  await sleep(WAIT_MS);
  const used = cpuMs(w.child.pid!) - before;
  const share = used / WAIT_MS;
  log.push(`${step}: ${used} ms CPU in ${WAIT_MS} ms (${(share * 100).toFixed(2)}%)`);
  assert.ok(
    share < MAX_CPU_SHARE,
    `${step}: ${used} ms of CPU in ${WAIT_MS} ms (${(share * 100).toFixed(1)}% of a core)`,
  );
  assert.not.ok(w.lines.some((l) => l.startsWith(`${step} returned`)), `${step} returned before anything arrived`);
}

async function idle(b: Built, mode: Mode): Promise<string[]> {
  const log: string[] = [];
  const w = new Watched(...command(b, mode, []), { keepStdin: true });
  let sock: Socket | null = null;
  try {
    const port = await listeningPort(w);
    await measure(w, "accept", log);
    sock = connect({ host: "127.0.0.1", port });
    sock.on("error", () => {});
    await w.line((l) => l.startsWith("accept returned"));
    await measure(w, "recv", log);
    sock.write("a");
    await w.line((l) => l.startsWith("recv returned"));
    await measure(w, "edge", log);
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
