/**
 * SIGPIPE as Linux raises it (guest/libc/sigpipe.c): a write to a stream
 * socket whose peer is gone ends the program with status 141 unless SIGPIPE
 * is ignored, blocked or caught, or send() says MSG_NOSIGNAL — through
 * write(), writev(), send(), sendto(), sendmsg() and stdio alike, on a
 * socketpair and on a TCP connection, and on stdout when the reader of the
 * pipe leaves (`prog | head -1`). Each case of tests/libc/c/sigpipe.c runs
 * natively and sandboxed with the same stdout and exit status. Then a
 * tcp_server-like program (tests/libc/c/report_server.c) whose client goes
 * away before its answer: killed by SIGPIPE, surviving it with SIG_IGN, and
 * losing only the child that served that client when it forks.
 *
 * @module
 */

import { test } from "uvu";
import * as assert from "uvu/assert";
import { connect } from "node:net";
import { run } from "../lib/proc.ts";
import { buildBoth, type Built, command, listeningPort, type Mode, Watched } from "../readiness/harness.ts";
import { LineClient } from "../threads/clients.ts";

/** Exit status a shell reports for a process killed by SIGPIPE (128 + 13). */
const SIGPIPE_STATUS = 141;
const WAIT_MS = 20_000;

const probe = buildBoth("tests/libc/c/sigpipe.c");
probe.catch(() => {}); // reported by the tests that await it
const server = buildBoth("tests/libc/c/report_server.c");
server.catch(() => {});

/** stdout, then the exit status, so that a death by signal shows in the comparison. */
function transcript(stdout: string, code: number): string {
  return `${stdout}[exit ${code}]\n`;
}

const HOWS: [string, string][] = [
  ["default", "ends the program at the first failing write (status 141), nothing printed after it"],
  ["ignore", "SIG_IGN: every write fails with EPIPE"],
  ["handler", "a handler runs once per failing write, then EPIPE"],
  ["block", "blocked: EPIPE, SIGPIPE pending, and unblocking it ends the program"],
  ["nosignal", "MSG_NOSIGNAL: EPIPE without a signal, a plain write() after it ends the program"],
];

for (const where of ["pair", "tcp"]) {
  for (const [how, what] of HOWS) {
    test(`SIGPIPE on a ${where === "pair" ? "socketpair" : "TCP connection"}, ${how}: ${what}, as on Linux`, async () => {
      const b = await probe;
      const native = await run(...command(b, "native", [where, how]), { timeoutMs: WAIT_MS });
      const sandboxed = await run(...command(b, "sandboxed", [where, how]), { timeoutMs: WAIT_MS });
      assert.is(native.stderr, "", "native stderr");
      const want = transcript(native.stdout, native.code);
      assert.ok(want.includes("EPIPE") || how === "default", `the native run reached EPIPE:\n${want}`);
      assert.fixture(transcript(sandboxed.stdout, sandboxed.code), want);
      assert.is(sandboxed.stderr, "", "sandboxed stderr");
    });
  }
}

for (const how of ["default", "ignore"]) {
  test(`SIGPIPE on stdout when its reader leaves (\`prog | head -1\`), ${how}, as on Linux`, async () => {
    const b = await probe;
    const piped = (mode: Mode) => {
      const [cmd, args] = command(b, mode, ["stdout", how]);
      return run("bash", ["-c", 'set -o pipefail; "$@" | head -1', "bash", cmd, ...args], { timeoutMs: WAIT_MS });
    };
    const native = await piped("native");
    assert.is(native.code, how === "default" ? SIGPIPE_STATUS : 3, `native: ${native.stderr}`);
    const sandboxed = await piped("sandboxed");
    assert.is(sandboxed.stdout, native.stdout);
    assert.is(sandboxed.code, native.code, sandboxed.stderr);
    assert.is(sandboxed.stderr, native.stderr);
  });
}

/** A client that asks for `count` lines and closes at once, before any arrives. */
function impatient(port: number, count: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const sock = connect({ host: "127.0.0.1", port });
    sock.once("error", reject);
    sock.once("connect", () => sock.end(`${count}\n`, () => {
      sock.destroy();
      resolve();
    }));
  });
}

/** A client that asks for `count` lines, half-closes, and reads them all. */
async function patient(port: number, count: number): Promise<string[]> {
  const c = await LineClient.open(port);
  try {
    c.sock.write(`${count}\n`);
    await c.finish(WAIT_MS);
    return c.lines;
  } finally {
    c.destroy();
  }
}

/** Runs report_server in `mode` with an impatient client, then (when it lives) a patient one. */
async function scenario(b: Built, mode: Mode, extra: string[]): Promise<{ out: string; code: number }> {
  const clients = extra.length === 0 ? 1 : 2;
  const w = new Watched(...command(b, mode, ["0", String(clients), ...extra]));
  try {
    const port = await listeningPort(w);
    await impatient(port, 3);
    await w.line((l) => l.startsWith("client 1: asked"), WAIT_MS, "client 1's request"); // the order of the output
    if (clients === 2) assert.equal(await patient(port, 2), ["line 1", "line 2"], "the patient client's lines");
    await w.exit(WAIT_MS);
    assert.is(w.stderr, "", "server stderr");
    const code = w.child.signalCode === "SIGPIPE" ? SIGPIPE_STATUS : w.child.exitCode ?? -1;
    const out = w.lines.filter((l) => !l.startsWith("listening on port")).join("\n") + "\n";
    return { out, code };
  } finally {
    w.kill();
  }
}

const SERVER_CASES: [string[], string, string][] = [
  [[], "SIGPIPE ends the server (status 141) at its second write to the client that left", "client 1: asked for 3 lines\n"],
  [["ignore"], "with SIG_IGN the write fails with EPIPE and the next client is served", "client 1: write: Broken pipe\n"],
  [["fork"], "the child serving the client that left dies of SIGPIPE; the parent and the other child go on",
    "client 1: its process was killed by signal 13 (Broken pipe)\n"],
];

for (const [extra, what, mark] of SERVER_CASES) {
  test(`report_server ${extra.join(" ")}: a client that leaves before its answer: ${what}, as natively`, async () => {
    const b = await server;
    const native = await scenario(b, "native", extra);
    assert.ok(native.out.includes(mark), `native output:\n${native.out}`);
    const sandboxed = await scenario(b, "sandboxed", extra);
    assert.fixture(transcript(sandboxed.out, sandboxed.code), transcript(native.out, native.code));
  });
}

test.run();
