/**
 * The examples that talk to themselves, natively and sandboxed, with the
 * same stdout: hello (arguments), unix_pair (socketpair stream and datagram,
 * then a named unix socket whose path lies in a `--dir` temporary directory,
 * granted with `--allow-unix`), msg_demo (writev/readv, sendmsg/recvmsg with
 * several iovecs, MSG_TRUNC, MSG_PEEK, MSG_DONTWAIT over UDP on loopback).
 *
 * @module
 */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { run } from "../lib/proc.ts";
import { type Built, buildExample, command, type Output, PortTaken, type Side, WAIT_MS, withPort } from "./harness.ts";

const hello = buildExample("hello");
const unixPair = buildExample("unix_pair");
const msgDemo = buildExample("msg_demo");
for (const b of [hello, unixPair, msgDemo]) b.catch(() => {}); // reported by the tests that await them

async function runBoth(built: Built, args: string[], grants: string[]): Promise<Record<Side, Output>> {
  const out = {} as Record<Side, Output>;
  for (const side of ["native", "sandboxed"] as const) {
    out[side] = await run(...command(built, side, args, grants), { timeoutMs: WAIT_MS });
  }
  return out;
}

function assertSame(out: Record<Side, Output>): void {
  const account = `native:\n${out.native.stdout}${out.native.stderr}\nsandboxed:\n${out.sandboxed.stdout}${out.sandboxed.stderr}`;
  assert.ok(out.native.code === 0 && out.native.stderr === "", account);
  assert.ok(out.sandboxed.code === 0 && out.sandboxed.stderr === "", account);
  assert.fixture(out.sandboxed.stdout, out.native.stdout);
}

test("hello: arguments, as natively", async () => {
  const out = await runBoth(await hello, ["a", "b c", ""], []);
  assertSame(out);
  assert.is(out.native.stdout, "hello from sockbox\nargc=4\nargv[1]=a\nargv[2]=b c\nargv[3]=\n");
});

test("unix_pair: socketpairs and a named socket in a --dir, as natively", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sockbox-unix-"));
  try {
    const path = `${dir}/pair.sock`;
    const out = await runBoth(await unixPair, [path], [`--dir=${dir}`, `--allow-unix=${path}`]);
    assertSame(out);
    assert.ok(out.native.stdout.includes(`server bound to ${path}\n`), out.native.stdout);
    assert.ok(out.native.stdout.includes("dgram pair: end 1 got 4 bytes: two!\n"), out.native.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("msg_demo: sendmsg/recvmsg, readv/writev, MSG_TRUNC, MSG_PEEK, MSG_DONTWAIT, as natively", async () => {
  await withPort(async (port) => {
    const ports = `${port}-${port + 1}`;
    const out = await runBoth(await msgDemo, [String(port)], [
      `--allow-listen=127.0.0.1:${ports}/udp`,
      `--allow-connect=127.0.0.1:${ports}/udp`,
    ]);
    if (/in use/i.test(out.native.stderr + out.sandboxed.stderr)) throw new PortTaken(out.native.stderr + out.sandboxed.stderr);
    assertSame(out);
    assert.ok(out.native.stdout.includes("MSG_TRUNC\n") && out.native.stdout.endsWith("done\n"), out.native.stdout);
  }, 2);
});

test.run();
