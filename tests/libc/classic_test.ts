/**
 * The small libc gaps classic socket programs hit (Beej's guide, UNP, TLPI),
 * against Linux: tests/libc/c/libc_misc.c (gethostname, ids, umask, pipe,
 * dup/dup2/dup3, getdtablesize, err.h on stderr), tests/libc/c/inet_edges.c
 * (inet_pton/inet_ntop/inet_aton edge cases, gai_strerror, hstrerror), and an
 * inetd-style server (tests/libc/c/inetd_echo.c) whose forked children talk
 * to their client through stdin/stdout after dup2(). syslog(), which goes to
 * the system log natively, is checked as sockbox's own behaviour: stderr.
 *
 * @module
 */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { runSandboxed } from "../lib/c.ts";
import { run } from "../lib/proc.ts";
import { buildBoth, type Built, command, listeningPort, type Mode, Watched } from "../readiness/harness.ts";
import { LineClient } from "../threads/clients.ts";

const WAIT_MS = 20_000;
const misc = buildBoth("tests/libc/c/libc_misc.c");
const inet = buildBoth("tests/libc/c/inet_edges.c");
const inetd = buildBoth("tests/libc/c/inetd_echo.c");
const syslog = buildBoth("tests/libc/c/syslog_probe.c");
for (const b of [misc, inet, inetd, syslog]) b.catch(() => {}); // reported by the tests that await them

/** err.h's messages name the program: its native and sandboxed names differ. */
function anonymous(stderr: string): string {
  return stderr.replace(/^[^:\n]+: /gm, "PROG: ");
}

test("gethostname, ids, umask, pipe, dup/dup2/dup3, getdtablesize, err.h: as on Linux", async () => {
  const b = await misc;
  const dirs = [mkdtempSync(join(tmpdir(), "sockbox-misc-")), mkdtempSync(join(tmpdir(), "sockbox-misc-"))];
  try {
    const native = await run(b.native, [dirs[0]]);
    assert.is(native.code, 3, native.stderr);
    const sandboxed = await runSandboxed(b.wasm, ["/data"], [`--dir=${dirs[1]}:/data`]);
    assert.fixture(sandboxed.stdout, native.stdout);
    assert.fixture(anonymous(sandboxed.stderr), anonymous(native.stderr));
    assert.is(sandboxed.code, native.code);
  } finally {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
});

test("inet_pton, inet_ntop, inet_aton, inet_addr, gai_strerror, hstrerror: glibc's answers", async () => {
  const b = await inet;
  const native = await run(b.native, []);
  assert.is(native.code, 0, native.stderr);
  const sandboxed = await runSandboxed(b.wasm, []);
  assert.fixture(sandboxed.stdout, native.stdout);
  assert.is(sandboxed.code, 0, sandboxed.stderr);
});

test("syslog(): no system log in the sandbox, so each message is a line on stderr", async () => {
  const b = await syslog;
  const s = await runSandboxed(b.wasm, []);
  assert.is(s.code, 0, s.stderr);
  assert.fixture(
    s.stderr,
    [
      "probe[1000]: connect: Connection refused",
      "probe[1000]: 3 clients",
      "syslog_probe.wasm: without openlog",
      "",
    ].join("\n"),
  );
});

/** Runs inetd_echo with two clients, one after the other; returns its stdout and the answers. */
async function inetdRun(b: Built, mode: Mode): Promise<{ out: string; answers: string[][] }> {
  const w = new Watched(...command(b, mode, ["0", "2"]));
  try {
    const port = await listeningPort(w);
    const answers: string[][] = [];
    for (const lines of [["hello", "world"], ["x y z"]]) {
      const c = await LineClient.open(port);
      try {
        for (const l of lines) await c.ask(l, WAIT_MS);
        await c.finish(WAIT_MS);
        answers.push(c.lines);
      } finally {
        c.destroy();
      }
    }
    const code = await w.exit(WAIT_MS);
    assert.is(code, 0, w.stderr);
    assert.is(w.stderr, "");
    return { out: w.lines.filter((l) => !l.startsWith("listening on port")).join("\n"), answers };
  } finally {
    w.kill();
  }
}

test("an inetd-style server: fork, dup2 the connection onto stdin and stdout, a stdio service; as natively", async () => {
  const b = await inetd;
  const native = await inetdRun(b, "native");
  assert.equal(native.answers, [["HELLO", "WORLD"], ["X Y Z"]]);
  const sandboxed = await inetdRun(b, "sandboxed");
  assert.equal(sandboxed.answers, native.answers);
  assert.fixture(sandboxed.out, native.out);
});

test.run();
