/**
 * The peer wrote and closed; a write on this side fails (tests/libc/c/peer_gone_read.c):
 * reads must still return every byte the peer sent before it closed, then EOF, as on
 * Linux, on a named unix socket and on TCP. After a pause the whole run matches the
 * native one, the writes' errnos too; with no pause the sandbox may not have heard of
 * the close yet when it writes (a write may still be taken), so only the reads are compared.
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
import { buildBoth, netGrants } from "../readiness/harness.ts";

const built = buildBoth("tests/libc/c/peer_gone_read.c");
built.catch(() => {}); // reported by the tests that await it

/** Long enough for the host to deliver the peer's data and close before this side writes. */
const PAUSE_MS = "100";

const isWrite = (line: string) => line.startsWith("write");

/** Runs `kind` ("unix" or "tcp") with `pause` natively and sandboxed; returns both stdouts. */
async function both(kind: "unix" | "tcp", pause: string): Promise<{ native: string; sandboxed: string }> {
  const b = await built;
  if (kind === "tcp") {
    const native = await run(b.native, ["tcp", pause]);
    const s = await runSandboxed(b.wasm, ["tcp", pause], netGrants());
    assert.is(s.code, 0, s.stderr);
    return { native: native.stdout, sandboxed: s.stdout };
  }
  const dirs = [mkdtempSync(join(tmpdir(), "sockbox-gone-")), mkdtempSync(join(tmpdir(), "sockbox-gone-"))];
  try {
    const native = await run(b.native, ["unix", dirs[0], pause]);
    const s = await runSandboxed(b.wasm, ["unix", "/d", pause], [`--dir=${dirs[1]}:/d`, "--allow-unix=/d/gone.sock"]);
    assert.is(s.code, 0, s.stderr);
    return { native: native.stdout, sandboxed: s.stdout };
  } finally {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

for (const kind of ["unix", "tcp"] as const) {
  test(`${kind}: after a pause, the failed writes and every byte sent before the close, then EOF, as Linux`, async () => {
    const { native, sandboxed } = await both(kind, PAUSE_MS);
    assert.ok(native.includes("read: 20000 bytes, as sent\nread (EOF) -> 0\n"), native);
    assert.ok(native.includes("write again -> EPIPE\n"), native);
    assert.fixture(sandboxed, native);
  });

  test(`${kind}: writing at once after the close, the reads still get every byte, then EOF`, async () => {
    const { native, sandboxed } = await both(kind, "0");
    const lines = sandboxed.split("\n");
    for (const l of lines.filter(isWrite)) assert.match(l, /^write( again)? -> (1|EPIPE)$/);
    assert.fixture(
      lines.filter((l) => !isWrite(l)).join("\n"),
      native.split("\n").filter((l) => !isWrite(l)).join("\n"),
    );
  });
}

test.run();
