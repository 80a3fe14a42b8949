/**
 * The error cases of issue 3, each giving the errno Linux gives: the C
 * programs in tests/examples/c print the errno names they see, and the
 * sandboxed run must print what the native run prints.
 *
 * - sock_errors.c: ECONNREFUSED, EADDRINUSE (the port held by a native and
 *   by a sandboxed listener, TCP and UDP), EPIPE/ENOTCONN on unconnected
 *   sockets, EISCONN, EINVAL, EAFNOSUPPORT, ECONNRESET on a socketpair;
 *   and the sandbox's own refusal, EACCES, with the `--trace` line naming
 *   the rule.
 * - peer_gone.c: a server that closes (FIN), closes with unread data or with
 *   SO_LINGER {1, 0} (RST), and a client that writes on (EPIPE) or reads
 *   (ECONNRESET), in every pairing. Deno cannot send a RST (docs/compatibility.md):
 *   a sandboxed server there closes with FIN, which the test asserts.
 *
 * @module
 */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, RUNTIME } from "../lib/proc.ts";
import {
  buildBoth,
  buildExample,
  command,
  compareWithNative,
  exampleClient,
  type Output,
  PAIRINGS,
  PortTaken,
  type ServerSpec,
  type Side,
  startServer,
  WAIT_MS,
  withPort,
} from "./harness.ts";

const sockErrors = buildBoth("tests/examples/c/sock_errors.c");
const peerGone = buildBoth("tests/examples/c/peer_gone.c");
const tcpServer = buildExample("tcp_server");
const udpServer = buildExample("udp_server");
for (const b of [sockErrors, peerGone, tcpServer, udpServer]) b.catch(() => {}); // reported by the tests that await them

async function errors(side: Side, args: string[], grants: string[], opts: string[] = []): Promise<Output> {
  return await run(...command(await sockErrors, side, args, [...grants, ...opts]), { timeoutMs: WAIT_MS });
}

/** Runs sock_errors natively and sandboxed; fails unless both exit 0 and print the same; returns the stdout. */
async function sameErrors(args: string[], grants: string[]): Promise<string> {
  const native = await errors("native", args, []);
  const sandboxed = await errors("sandboxed", args, grants);
  assert.ok(native.code === 0 && native.stderr === "", `native: ${native.stdout}${native.stderr}`);
  assert.ok(sandboxed.code === 0 && sandboxed.stderr === "", `sandboxed: ${sandboxed.stdout}${sandboxed.stderr}`);
  assert.fixture(sandboxed.stdout, native.stdout);
  return native.stdout;
}

test("errors: ECONNREFUSED, EPIPE/ENOTCONN, EISCONN, EINVAL, EAFNOSUPPORT, unix peers gone (ECONNRESET, EPIPE), as Linux", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sockbox-errors-"));
  try {
    await withPort(async (port) => {
      const closed = port, open = port + 1; // nothing listens on `closed`; isconn listens on `open`
      const out = await sameErrors(
        [
          "refused", String(closed), "notconn", "isconn", String(open), "unix-notconn", `${dir}/peer.sock`,
          "unix-reset", "unix-gone", `${dir}/gone.sock`, "einval", `${dir}/einval.sock`, "afnosupport", String(open),
        ],
        [
          `--allow-connect=127.0.0.1:${closed}`,
          `--allow-listen=127.0.0.1:${open}`,
          `--allow-connect=127.0.0.1:${open}`,
          `--allow-listen=[::1]:${open}`,
          `--allow-connect=[::1]:${open}`,
          `--dir=${dir}`,
          `--allow-unix=${dir}/peer.sock`,
          `--allow-unix=${dir}/gone.sock`,
          `--allow-unix=${dir}/einval.sock`,
        ],
      );
      if (out.includes("bind the listener EADDRINUSE")) throw new PortTaken(out);
      for (
        const line of [
          "refused: connect ECONNREFUSED",
          "notconn: send EPIPE", // Linux: tcp_sendmsg on a socket never connected
          "notconn: recv ENOTCONN",
          "isconn: connect again EISCONN",
          "unix-notconn: send ENOTCONN",
          "unix-reset: recv ECONNRESET",
          "unix-gone: pair: send EPIPE",
          "unix-gone: named: send EPIPE",
          "einval: listen on an unbound unix socket EINVAL",
          "einval: accept on a fresh TCP socket EINVAL",
          "afnosupport: connect a sockaddr_in6 EAFNOSUPPORT",
        ]
      ) assert.ok(out.includes(line + "\n"), `${line} in\n${out}`);
    }, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** sock_errors `inuse`/`inuse-udp` natively and sandboxed while `holder` holds the port: EADDRINUSE from both. */
async function inUse(holder: ServerSpec, holderSide: Side, udp: boolean): Promise<void> {
  await withPort(async (port) => {
    const w = await startServer({ ...holder, args: [String(port), "1"], grants: [`--allow-listen=0.0.0.0:${port}`] }, holderSide);
    try {
      const out = await sameErrors([udp ? "inuse-udp" : "inuse", String(port)], [
        `--allow-listen=0.0.0.0:${port}`,
        "--allow-listen=0.0.0.0:0", // listen() after the failed bind binds an ephemeral port, as on Linux
      ]);
      assert.ok(out.startsWith(`${udp ? "inuse-udp" : "inuse"}: bind EADDRINUSE\n`), out);
    } finally {
      w.kill();
      await w.exited;
    }
  });
}

for (const side of ["native", "sandboxed"] as const) {
  test(`errors: EADDRINUSE from a TCP bind to the port of a ${side} tcp_server, as Linux`, async () => {
    await inUse({ built: await tcpServer, args: [], grants: [], ready: /^listening on port / }, side, false);
  });
  test(`errors: EADDRINUSE from a UDP bind to the port of a ${side} udp_server, as Linux`, async () => {
    await inUse({ built: await udpServer, args: [], grants: [], ready: /^udp server on port / }, side, true);
  });
}

test("errors: the sandbox's EACCES, with --trace naming the rule", async () => {
  await withPort(async (port) => {
    // A grant for another port does not admit this one.
    const r = await errors("sandboxed", ["denied", String(port)], [`--allow-connect=127.0.0.1:${port + 1}`], ["--trace"]);
    assert.is(r.code, 0, r.stderr);
    assert.is(r.stdout, "denied: connect EACCES\ndenied: bind EACCES\ndenied: sendto EACCES\n");
    for (
      const rule of [
        `sock_connect(3, 127.0.0.1:${port}) = EACCES (sandbox refused tcp-connect 127.0.0.1:${port}: no --allow-connect grant matches 127.0.0.1:${port})`,
        `sock_bind(3, 0.0.0.0:${port}) = EACCES (sandbox refused tcp-bind 0.0.0.0:${port}: no --allow-listen grant matches 0.0.0.0:${port}`,
        `= EACCES (sandbox refused udp-send 127.0.0.1:${port}: no --allow-connect grant matches 127.0.0.1:${port} (udp))`,
      ]
    ) assert.ok(r.stderr.includes(rule), `${rule} in\n${r.stderr}`);
  });
});

const PEER_CASES: { server: string; client: string; linux: string }[] = [
  { server: "close", client: "close", linux: "client: send after its RST -> EPIPE\n" },
  { server: "unread", client: "reset", linux: "client: recv -> ECONNRESET\n" },
  { server: "linger0", client: "reset", linux: "client: recv -> ECONNRESET\n" },
];

for (const pc of PEER_CASES) {
  for (const [ss, cs] of PAIRINGS) {
    // Deno has no way to send a RST: a sandboxed server there closes with FIN (docs/compatibility.md).
    const gap = RUNTIME === "deno" && ss === "sandboxed" && pc.client === "reset";
    const title = gap
      ? `peer gone: ${ss} server closing (${pc.server}) ↔ ${cs} client: Deno sends FIN, the client reads EOF`
      : `peer gone: ${ss} server closing (${pc.server}) ↔ ${cs} client, as native ↔ native`;
    test(title, async () => {
      const b = await peerGone;
      await withPort(async (port) => {
        const p = String(port);
        const server: ServerSpec = {
          built: b,
          args: ["server", p, pc.server],
          grants: [`--allow-listen=127.0.0.1:${port}`],
          ready: /^server: listening$/,
        };
        const client = exampleClient(b, ["client", p, pc.client], [`--allow-connect=127.0.0.1:${port}`]);
        if (!gap) {
          const got = await compareWithNative(server, [client], ss, cs);
          assert.ok(got.clients[0].stdout.includes(pc.linux), got.clients[0].stdout);
          return;
        }
        const w = await startServer({ ...server, grants: [...server.grants, "--trace"] }, ss);
        try {
          const c = await run(...client.command(cs), { timeoutMs: WAIT_MS });
          assert.is(c.code, 0, c.stdout + c.stderr);
          assert.ok(c.stdout.startsWith("client: connected\nclient: send a line -> 6\nclient: recv -> EOF\n"), c.stdout);
          assert.is(await w.exit(WAIT_MS), 0, w.stderr);
          assert.ok(w.stderr.includes("close: deno cannot reset the connection (RST); the peer reads EOF, not ECONNRESET"), w.stderr);
        } finally {
          w.kill();
        }
      });
    });
  }
}

test.run();
