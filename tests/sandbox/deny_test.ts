/**
 * Deny by default, end to end: a C guest with no grants can neither listen,
 * connect, send a datagram, resolve a name, nor touch a unix path — each
 * fails with EACCES, and `--trace` names why. (`localhost` still resolves:
 * the guest's libc answers it like /etc/hosts, without asking the host.)
 */
import { mkdirSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { MAX_NOTICES } from "../../runtime/sandbox/refusal_notice.ts";
import { buildWasm, runSandboxed } from "../lib/c.ts";
import { RUNTIME } from "../lib/proc.ts";
import { removeDir, tempDir } from "../lib/wasi.ts";

const OPS = [
  "tcp-bind 127.0.0.1 0",
  "tcp-listen 127.0.0.1 8080",
  "tcp-listen0",
  "tcp-bind ::1 0",
  "tcp-bind 0.0.0.0 8080",
  "tcp-connect 127.0.0.1 9",
  "tcp-connect ::1 9",
  "tcp-connect ::ffff:127.0.0.1 9",
  "udp-bind 127.0.0.1 0",
  "udp-send 127.0.0.1 9",
  "udp-send ::1 9",
  "udp-connect 127.0.0.1 9",
  "resolve example.com",
  "unix-bind /data/s.sock",
  "unix-connect /data/s.sock",
  "unix-bind /tmp/outside.sock",
  "unix-connect /tmp/outside.sock",
];

test("without grants every network operation fails with EACCES", async () => {
  const wasm = await buildWasm(["tests/sandbox/c/netops.c"]);
  const box = tempDir("sockbox-deny-");
  try {
    mkdirSync(`${box}/sub`);
    const r = await runSandboxed(wasm, OPS.join(" ").split(" "), [`--dir=${box}:/data`]);
    // sockbox tells the first MAX_NOTICES refusals on stderr (tests/sandbox/refusal_notice_test.ts).
    const told = r.stderr.trim().split("\n");
    assert.is(told.length, MAX_NOTICES + 1, r.stderr);
    assert.ok(told.slice(0, MAX_NOTICES).every((l) => l.startsWith("sockbox: sandbox refused ")), r.stderr);
    assert.is(r.code, 0);
    const expected = OPS.map((op) => (op === "resolve example.com" ? `${op}: EAI_SYSTEM EACCES` : `${op}: EACCES`));
    assert.equal(r.stdout.trim().split("\n"), expected);
  } finally {
    removeDir(box);
  }
});

test("a unix datagram send without --allow-unix is refused (where the runtime has unix datagrams)", async () => {
  const wasm = await buildWasm(["tests/sandbox/c/netops.c"]);
  const box = tempDir("sockbox-deny-");
  try {
    const r = await runSandboxed(wasm, ["unix-send", "/data/s.sock"], [`--dir=${box}:/data`]);
    // Bun has no unix datagram sockets: socket() itself fails there.
    assert.is(r.stdout.trim(), RUNTIME === "bun" ? "unix-send /data/s.sock: socket EAFNOSUPPORT" : "unix-send /data/s.sock: EACCES");
  } finally {
    removeDir(box);
  }
});

test("localhost resolves without a grant: the guest's libc answers it", async () => {
  const wasm = await buildWasm(["tests/sandbox/c/netops.c"]);
  const r = await runSandboxed(wasm, ["resolve", "localhost"]);
  assert.is(r.stdout.trim(), "resolve localhost: OK");
});

test("--trace says which rule refused each call", async () => {
  const wasm = await buildWasm(["tests/sandbox/c/netops.c"]);
  const r = await runSandboxed(wasm, ["tcp-connect", "127.0.0.1", "8081", "tcp-bind", "0.0.0.0", "0", "resolve", "example.com"], ["--trace"]);
  assert.match(r.stderr, "sandbox refused tcp-connect 127.0.0.1:8081: no --allow-connect grant matches 127.0.0.1:8081");
  assert.match(r.stderr, "sandbox refused tcp-bind 0.0.0.0:0: no --allow-listen grant matches 0.0.0.0:0; a wildcard bind needs a grant that names it (or *); an ephemeral bind (port 0) needs a grant with port * or a range including 0");
  assert.match(r.stderr, "sandbox refused name-lookup example.com: looking up 'example.com' needs --allow-dns");
});

test.run();
