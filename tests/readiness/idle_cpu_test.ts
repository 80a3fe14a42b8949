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
import { buildBoth, type Built, command, cpuMs, listeningPort, type Mode, sleep, Watched } from "./harness.ts";

/** At most this share of one core while blocked. */
const MAX_CPU_SHARE = 0.02;
/** How long the poll() wait is measured (the 5 s), and the others. */
const POLL_WAIT_MS = 5_000;
const OTHER_WAIT_MS = 2_000;
/** Time for the guest to settle into a wait before measuring. */
const SETTLE_MS = 300;

const built = buildBoth("tests/readiness/c/idle_wait.c");
built.catch(() => {});

/** Measures the CPU share while `w` waits in `call`, then checks it is still waiting. */
async function measure(w: Watched, call: string, ms: number, log: string[]): Promise<void> {
  await w.line((l) => l === `waiting in ${call}`, 20_000, `the ${call} wait`);
  await sleep(SETTLE_MS);
  const before = cpuMs(w.child.pid!);
  await sleep(ms);
  const used = cpuMs(w.child.pid!) - before;
  const share = used / ms;
  log.push(`${call}: ${used} ms CPU in ${ms} ms (${(share * 100).toFixed(2)}%)`);
  assert.ok(share < MAX_CPU_SHARE, `${call}: ${used} ms of CPU in ${ms} ms (${(share * 100).toFixed(1)}% of a core)`);
  assert.not.ok(w.lines.some((l) => l.startsWith(`${call} returned`)), `${call} returned before anything arrived`);
}

async function idle(b: Built, mode: Mode): Promise<string[]> {
  const log: string[] = [];
  const w = new Watched(...command(b, mode, []), { keepStdin: true });
  let sock: Socket | null = null;
  try {
    const port = await listeningPort(w);
    await measure(w, "accept", OTHER_WAIT_MS, log);
    sock = connect({ host: "127.0.0.1", port });
    sock.on("error", () => {});
    await w.line((l) => l === "accept returned: a connection");
    await measure(w, "recv", OTHER_WAIT_MS, log);
    sock.write("a");
    await w.line((l) => l === "recv returned: 1");
    await measure(w, "poll", POLL_WAIT_MS, log);
    sock.write("b");
    await w.line((l) => l.startsWith("poll returned"));
    await measure(w, "select", OTHER_WAIT_MS, log);
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
