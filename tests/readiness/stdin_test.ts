/**
 * stdin is pollable alongside sockets, files and stdout: poll_mix.c waits
 * with infinite timeouts on a mix while this test feeds it; stdin_client.c,
 * a chat client's loop over stdin and a socket, runs with stdin a pipe and
 * with stdin a terminal (a pty, through pty_stdin.py). Sandboxed stdout must
 * equal native stdout.
 *
 * @module
 */

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect, createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT } from "../lib/proc.ts";
import { buildBoth, type Built, command, type Mode, sleep, Watched } from "./harness.ts";

const PTY = `${ROOT}/tests/readiness/pty_stdin.py`;

const mix = buildBoth("tests/readiness/c/poll_mix.c");
const client = buildBoth("tests/readiness/c/stdin_client.c");
mix.catch(() => {});
client.catch(() => {});

async function stderrPort(w: Watched): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    const m = /port (\d+)/.exec(w.stderr);
    if (m) return Number(m[1]);
    if (Date.now() - t0 > 20_000) throw new Error(`no port on stderr: ${w.stderr}`);
    await sleep(10);
  }
}

async function runMix(built: Built, mode: Mode): Promise<{ out: string; code: number }> {
  const dir = mkdtempSync(`${tmpdir()}/sockbox-readiness-`);
  const file = `${dir}/data.txt`;
  writeFileSync(file, "file contents\n");
  const w = new Watched(...command(built, mode, [file], [`--dir=${dir}`]), { keepStdin: true, pipeStdin: true });
  let sock: Socket | null = null;
  try {
    await w.line((l) => l === "waiting for stdin");
    await sleep(200); // let it settle into the wait: the answer must not depend on timing
    w.write("hello\n");
    await w.line((l) => l === "waiting for a connection");
    const port = await stderrPort(w);
    await sleep(200);
    sock = connect({ host: "127.0.0.1", port });
    sock.on("error", () => {});
    sock.write("net\n");
    await w.line((l) => l === "waiting for stdin to close");
    await sleep(200);
    w.endStdin();
    await w.line((l) => l === "waiting for the peer to close");
    await sleep(200);
    sock.end();
    const code = await w.exit(20_000);
    return { out: w.lines.join("\n"), code };
  } finally {
    sock?.destroy();
    w.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

test("poll_mix: stdin, a file, stdout and sockets in one poll()/select(), infinite timeouts", async () => {
  const b = await mix;
  const native = await runMix(b, "native");
  assert.is(native.code, 0, native.out);
  const sandboxed = await runMix(b, "sandboxed");
  assert.fixture(sandboxed.out, native.out);
  assert.is(sandboxed.code, 0);
});

/** A line server: "welcome" on connect, "echo: LINE" per line, "bye" and close after the client's FIN. */
function lineServer(): Promise<Server> {
  const server = createServer({ allowHalfOpen: true }, (s) => {
    s.setEncoding("utf8");
    s.write("welcome\n");
    let partial = "";
    s.on("data", (d: string) => {
      const parts = (partial + d).split("\n");
      partial = parts.pop()!;
      for (const p of parts) s.write(`echo: ${p}\n`);
    });
    s.on("end", () => s.end("bye\n"));
    s.on("error", () => {});
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function runClient(built: Built, mode: Mode, terminal: boolean): Promise<{ out: string; code: number }> {
  const server = await lineServer();
  const port = String((server.address() as { port: number }).port);
  const [cmd, args] = command(built, mode, [port]);
  const w = terminal
    ? new Watched("python3", [PTY, cmd, ...args], { keepStdin: true })
    : new Watched(cmd, args, { keepStdin: true, pipeStdin: true });
  try {
    await w.line((l) => l === "< welcome");
    await sleep(100);
    w.write("one\n");
    await w.line((l) => l === "< echo: one");
    await sleep(100);
    w.write("two\nthree\n");
    await w.line((l) => l === "< echo: three");
    await sleep(100);
    w.endStdin();
    const code = await w.exit(20_000);
    return { out: w.lines.join("\n") + (w.stderr ? `\nstderr: ${w.stderr}` : ""), code };
  } finally {
    w.kill();
    server.close();
  }
}

for (const terminal of [false, true]) {
  const kind = terminal ? "a terminal" : "a pipe";
  test(`stdin_client: poll() on stdin (${kind}) and a socket`, async () => {
    const b = await client;
    const native = await runClient(b, "native", terminal);
    assert.is(native.code, 0, native.out);
    assert.ok(native.out.includes(`stdin closed (${terminal ? "IN" : "HUP"})`), native.out);
    const sandboxed = await runClient(b, "sandboxed", terminal);
    assert.fixture(sandboxed.out, native.out);
    assert.is(sandboxed.code, 0);
  });
}

test.run();
