/**
 * The AssemblyScript UDP pair against native peers and against the C
 * examples, on this test's runtime: AS udp_server ↔ native and sandboxed C
 * udp_client and nc -u; sandboxed C and native udp_server ↔ AS udp_client;
 * AS ↔ AS over IPv6. Outputs are compared with the native C pair's output for
 * the same datagrams (ports masked), byte for byte.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildNative, buildWasm, splitNotices } from "../lib/c.ts";
import { type Result, run } from "../lib/proc.ts";
import {
  buildAs, connectGrant, killServer, listenGrant, maskPort, runSandboxedClient, type Server, startSandboxed, startServer,
  stopServer,
} from "./as_lib.ts";

const READY = /^udp server on (?:port |\[[0-9a-f:]+\]:)(\d+)\n/m;
const DATAGRAMS = ["ping", "two words", "ünïcode"];
/** A server on every IPv4 address that answers loopback clients (whose ports are ephemeral). */
const SERVE_ANY = [listenGrant("0.0.0.0", "udp"), connectGrant("127.0.0.1", "*", "udp")];
const toLoopback = (port: number) => [connectGrant("127.0.0.1", port, "udp")];

async function programs() {
  const [asServer, asClient] = await buildAs(["udp_server", "udp_client"]);
  const [cServer, cClient] = await Promise.all([
    buildNative(["guest/c-examples/udp_server.c"]),
    buildNative(["guest/c-examples/udp_client.c"]),
  ]);
  const [wServer, wClient] = await Promise.all([
    buildWasm(["guest/c-examples/udp_server.c"]),
    buildWasm(["guest/c-examples/udp_client.c"]),
  ]);
  return { asServer, asClient, cServer, cClient, wServer, wClient };
}

interface Session {
  server: string;
  client: string;
}

/** Runs `client` against `server` (which answers `DATAGRAMS.length` datagrams, then exits). */
async function session(server: Server, client: (port: number) => Promise<Result>): Promise<Session> {
  let c: Result;
  try {
    c = await client(server.port);
  } catch (e) {
    await killServer(server);
    throw e;
  }
  const s = await stopServer(server);
  assert.is(c.code, 0, `client failed: ${c.stdout}${c.stderr}`);
  assert.is(s.code, 0, `server failed: ${s.stdout}${s.stderr}`);
  return { server: maskPort(s.stdout, server.port), client: maskPort(c.stdout, server.port) };
}

const COUNT = String(DATAGRAMS.length);

async function nativeReference(cServer: string, cClient: string): Promise<Session> {
  const server = await startServer(cServer, ["0", COUNT], READY);
  return session(server, (port) => run(cClient, ["127.0.0.1", String(port), ...DATAGRAMS]));
}

test("AS udp_server ↔ native udp_client: same output as native udp_server", async () => {
  const p = await programs();
  const want = await nativeReference(p.cServer, p.cClient);
  const server = await startSandboxed(p.asServer, ["0", COUNT], READY, SERVE_ANY);
  const got = await session(server, (port) => run(p.cClient, ["127.0.0.1", String(port), ...DATAGRAMS]));
  assert.is(got.server, want.server);
  assert.is(got.client, want.client);
});

test("AS udp_server ↔ sandboxed C udp_client (sockbox cc)", async () => {
  const p = await programs();
  const want = await nativeReference(p.cServer, p.cClient);
  const server = await startSandboxed(p.asServer, ["0", COUNT], READY, SERVE_ANY);
  const got = await session(server, (port) => runSandboxedClient(p.wClient, ["127.0.0.1", String(port), ...DATAGRAMS], toLoopback(port)));
  assert.is(got.server, want.server);
  assert.is(got.client, want.client);
});

test("sandboxed C udp_server ↔ AS udp_client: same output as the native pair", async () => {
  const p = await programs();
  const want = await nativeReference(p.cServer, p.cClient);
  const server = await startSandboxed(p.wServer, ["0", COUNT], READY, SERVE_ANY);
  const got = await session(server, (port) => runSandboxedClient(p.asClient, ["127.0.0.1", String(port), ...DATAGRAMS], toLoopback(port)));
  assert.is(got.server, want.server);
  assert.is(got.client, want.client);
});

test("native udp_server ↔ AS udp_client", async () => {
  const p = await programs();
  const want = await nativeReference(p.cServer, p.cClient);
  const server = await startServer(p.cServer, ["0", COUNT], READY);
  const got = await session(server, (port) => runSandboxedClient(p.asClient, ["127.0.0.1", String(port), ...DATAGRAMS], toLoopback(port)));
  assert.is(got.server, want.server);
  assert.is(got.client, want.client);
});

test("AS udp_server ↔ nc -u: one datagram in, its echo out", async () => {
  const p = await programs();
  const server = await startSandboxed(p.asServer, ["127.0.0.1:0", "1"], READY, [listenGrant("127.0.0.1", "udp"), connectGrant("127.0.0.1", "*", "udp")]);
  // nc sends stdin as one datagram, prints the answer, and quits after one datagram in (-W 1).
  const nc = (port: number) => run("nc", ["-u", "-W", "1", "127.0.0.1", String(port)], { input: "via nc", timeoutMs: 10_000 });
  const got = await session(server, nc);
  assert.is(got.client, "echo: via nc");
  assert.is(got.server, "udp server on port PORT\nreceived 6 bytes from 127.0.0.1: via nc\nserver done\n");
});

test("IPv6: AS udp_server on [::1] ↔ AS udp_client", async () => {
  const p = await programs();
  const v6 = [listenGrant("[::1]", "udp"), connectGrant("[::1]", "*", "udp")];
  const server = await startSandboxed(p.asServer, ["[::1]:0", "2"], READY, v6);
  const got = await session(server, (port) => runSandboxedClient(p.asClient, ["::1", String(port), "six", "over v6"], [connectGrant("[::1]", port, "udp")]));
  assert.is(got.client, "sent: six\nreply from ::1:PORT: echo: six\nsent: over v6\nreply from ::1:PORT: echo: over v6\nclosed\n");
  assert.is(
    got.server,
    "udp server on [::1]:PORT\nreceived 3 bytes from ::1: six\nreceived 7 bytes from ::1: over v6\nserver done\n",
  );
});

test("the sandbox holds for AS guests: an answer to an address nobody granted fails with EACCES", async () => {
  const p = await programs();
  const server = await startSandboxed(p.asServer, ["127.0.0.1:0", "1"], READY, [listenGrant("127.0.0.1", "udp")]);
  const c = await run(p.cClient, ["127.0.0.1", String(server.port), "unanswered"], { timeoutMs: 20_000 });
  const s = await stopServer(server);
  const { notices, rest } = splitNotices(s.stderr);
  assert.is(rest, "sendto: Permission denied\n");
  assert.is(notices.length, 1, s.stderr);
  assert.match(notices[0], /^sockbox: sandbox refused udp-send 127\.0\.0\.1:\d+: .*; to allow it: --allow-connect=127\.0\.0\.1:\d+$/);
  assert.is(s.code, 1);
  assert.match(s.stdout, /received 10 bytes from 127\.0\.0\.1: unanswered\n$/);
  assert.is(c.stdout, "sent: unanswered\nno answer within 5 seconds\n");
});

test.run();
