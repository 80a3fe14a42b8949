/**
 * The AssemblyScript TCP examples against native peers and against the C
 * examples, on this test's runtime: AS echo_server ↔ native tcp_client, nc
 * and the sandboxed C tcp_client; sandboxed C tcp_server and native
 * tcp_server ↔ AS echo_client; IPv6 (compared with native ipv6_server) and
 * unix paths. Every output is compared with the native C programs' output
 * for the same session (ports masked), byte for byte.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { rmSync } from "node:fs";
import { buildNative, buildWasm, splitNotices } from "../lib/c.ts";
import { type Result, run } from "../lib/proc.ts";
import {
  buildAs, connectGrant, killServer, listenGrant, maskPort, runSandboxedClient, type Server, startSandboxed, startServer,
  stopServer, tempDir,
} from "./as_lib.ts";

const LISTENING = /^listening on (?:port |\[[0-9a-f:]+\]:)(\d+)\n/m;
const MESSAGES = ["hello", "from assemblyscript", "ünïcode"];
/** What a server on every IPv4 address needs; what a client of 127.0.0.1:port needs. */
const LISTEN_ANY = [listenGrant("0.0.0.0", "tcp")];
const toLoopback = (port: number) => [connectGrant("127.0.0.1", port, "tcp")];

/** The C programs (native and sandboxed) and the AS examples. */
async function programs() {
  const [asServer, asClient] = await buildAs(["echo_server", "echo_client"]);
  const [cServer, cClient, cServer6, cClient6] = await Promise.all([
    buildNative(["guest/c-examples/tcp_server.c"]),
    buildNative(["guest/c-examples/tcp_client.c"]),
    buildNative(["guest/c-examples/ipv6_server.c"]),
    buildNative(["guest/c-examples/ipv6_client.c"]),
  ]);
  const [wServer, wClient] = await Promise.all([
    buildWasm(["guest/c-examples/tcp_server.c"]),
    buildWasm(["guest/c-examples/tcp_client.c"]),
  ]);
  return { asServer, asClient, cServer, cClient, cServer6, cClient6, wServer, wClient };
}

/** Server and client stdout (ports masked) of one session. */
interface Session {
  server: string;
  client: string;
}

/** Runs `client` against a one-client `server`, then waits for the server to exit. */
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

/** The reference: native tcp_server ↔ native tcp_client with MESSAGES. */
async function nativeReference(cServer: string, cClient: string): Promise<Session> {
  const server = await startServer(cServer, ["0", "1"], LISTENING);
  return session(server, (port) => run(cClient, ["127.0.0.1", String(port), ...MESSAGES]));
}

test("AS echo_server ↔ native tcp_client: same output as native tcp_server", async () => {
  const p = await programs();
  const want = await nativeReference(p.cServer, p.cClient);
  const server = await startSandboxed(p.asServer, ["0", "1"], LISTENING, LISTEN_ANY);
  const got = await session(server, (port) => run(p.cClient, ["127.0.0.1", String(port), ...MESSAGES]));
  assert.is(got.server, want.server);
  assert.is(got.client, want.client);
});

test("AS echo_server ↔ sandboxed C tcp_client (sockbox cc)", async () => {
  const p = await programs();
  const want = await nativeReference(p.cServer, p.cClient);
  const server = await startSandboxed(p.asServer, ["0", "1"], LISTENING, LISTEN_ANY);
  const got = await session(server, (port) => runSandboxedClient(p.wClient, ["127.0.0.1", String(port), ...MESSAGES], toLoopback(port)));
  assert.is(got.server, want.server);
  assert.is(got.client, want.client);
});

test("sandboxed C tcp_server ↔ AS echo_client: same output as the native pair", async () => {
  const p = await programs();
  const want = await nativeReference(p.cServer, p.cClient);
  const server = await startSandboxed(p.wServer, ["0", "1"], LISTENING, LISTEN_ANY);
  const got = await session(server, (port) => runSandboxedClient(p.asClient, ["127.0.0.1", String(port), ...MESSAGES], toLoopback(port)));
  assert.is(got.server, want.server);
  assert.is(got.client, want.client);
});

test("native tcp_server ↔ AS echo_client", async () => {
  const p = await programs();
  const want = await nativeReference(p.cServer, p.cClient);
  const server = await startServer(p.cServer, ["0", "1"], LISTENING);
  const got = await session(server, (port) => runSandboxedClient(p.asClient, ["127.0.0.1", String(port), ...MESSAGES], toLoopback(port)));
  assert.is(got.server, want.server);
  assert.is(got.client, want.client);
});

test("AS echo_server ↔ nc: the line protocol, a last line without newline, CRLF", async () => {
  const p = await programs();
  const server = await startSandboxed(p.asServer, ["127.0.0.1:0", "1"], LISTENING, [listenGrant("127.0.0.1", "tcp")]);
  const got = await session(server, (port) => run("nc", ["-N", "127.0.0.1", String(port)], { input: "one\r\ntwo\nlast" }));
  assert.is(got.client, "echo: one\necho: two\necho: last\n");
  assert.is(
    got.server,
    "listening on port PORT\nclient 127.0.0.1 connected\nreceived: one\nreceived: two\nreceived: last\n" +
      "client 127.0.0.1 disconnected\nserver done\n",
  );
});

test("AS echo_server serves clients one after the other (NCLIENTS 2)", async () => {
  const p = await programs();
  const server = await startSandboxed(p.asServer, ["0", "2"], LISTENING, LISTEN_ANY);
  const first = await runSandboxedClient(p.asClient, ["127.0.0.1", String(server.port), "first"], toLoopback(server.port));
  const second = await run(p.cClient, ["127.0.0.1", String(server.port), "second"]);
  const s = await stopServer(server);
  assert.is(first.code, 0, first.stderr);
  assert.is(second.code, 0, second.stderr);
  assert.match(s.stdout, /received: first\nclient 127\.0\.0\.1 disconnected\nclient 127\.0\.0\.1 connected\nreceived: second\n/);
  assert.match(s.stdout, /server done\n$/);
});

test("IPv6: AS echo_server on [::] ↔ native ipv6_client, same output as native ipv6_server", async () => {
  const p = await programs();
  const ref = await startServer(p.cServer6, ["0", "1"], LISTENING);
  const want = await session(ref, (port) => run(p.cClient6, ["::1", String(port), ...MESSAGES]));
  const server = await startSandboxed(p.asServer, ["[::]:0", "1"], LISTENING, [listenGrant("[::]", "tcp")]);
  const got = await session(server, (port) => run(p.cClient6, ["::1", String(port), ...MESSAGES]));
  assert.is(got.server, want.server);
  assert.is(got.client, want.client);
});

test("IPv6: AS echo_client ::1 ↔ native ipv6_server, output as native ipv6_client's (plus the half-close)", async () => {
  const p = await programs();
  const ref = await startServer(p.cServer6, ["0", "1"], LISTENING);
  const want = await session(ref, (port) => run(p.cClient6, ["::1", String(port), ...MESSAGES]));
  const server = await startServer(p.cServer6, ["0", "1"], LISTENING);
  const got = await session(server, (port) => runSandboxedClient(p.asClient, ["::1", String(port), ...MESSAGES], [connectGrant("[::1]", port, "tcp")]));
  assert.is(got.server, want.server);
  // echo_client is tcp_client's twin: it half-closes and waits for the server's close, which ipv6_client does not.
  assert.is(got.client, want.client.replace(/closed\n$/, "server closed the connection\nclosed\n"));
});

test("unix path: AS echo_server ↔ AS echo_client and ↔ nc -U", async () => {
  const p = await programs();
  const dir = tempDir("sockbox-as-");
  const path = `${dir}/echo.sock`;
  const grant = [`--dir=${dir}`, `--allow-unix=${path}`];
  const server = await startSandboxed(p.asServer, [path, "2"], /^listening on \//m, grant);
  try {
    const c = await runSandboxedClient(p.asClient, [path, "0", "over unix"], grant);
    assert.is(c.stdout, `connected to ${path}\nsent: over unix\nreply: echo: over unix\nserver closed the connection\nclosed\n`, c.stderr);
    const nc = await run("nc", ["-N", "-U", path], { input: "via nc\n" });
    assert.is(nc.stdout, "echo: via nc\n", nc.stderr);
    const s = await stopServer(server);
    assert.is(
      s.stdout,
      `listening on ${path}\nclient (unnamed) connected\nreceived: over unix\nclient (unnamed) disconnected\n` +
        `client (unnamed) connected\nreceived: via nc\nclient (unnamed) disconnected\nserver done\n`,
      s.stderr,
    );
    assert.is(s.code, 0);
  } finally {
    await killServer(server);
    rmSync(dir, { recursive: true, force: true });
  }
});

test("non-blocking mode, poll and timeouts over loopback (IPv4 and IPv6)", async () => {
  const [wasm] = await buildAs(["tests/nonblocking"]);
  for (const host of ["127.0.0.1", "::1"]) {
    const ip = host.includes(":") ? `[${host}]` : host;
    const grants = [listenGrant(ip, "tcp"), listenGrant(ip, "udp"), connectGrant(ip, "*", "tcp"), connectGrant(ip, "*", "udp")];
    const r = await runSandboxedClient(wasm, [host], grants);
    const failures = r.stdout.split("\n").filter((l) => l.startsWith("FAIL"));
    assert.equal(failures, [], `${host}: ${r.stderr}`);
    assert.match(r.stdout, /\n\d+ passed, 0 failed\n$/, `${host}: ${r.stdout}${r.stderr}`);
    assert.is(r.code, 0);
  }
});

test("connect to a port nobody listens on: perror text and status 1, like the C client", async () => {
  const p = await programs();
  const server = await startServer(p.cServer, ["0", "1"], LISTENING);
  const port = String(server.port);
  await killServer(server);
  const native = await run(p.cClient, ["127.0.0.1", port]);
  const as = await runSandboxedClient(p.asClient, ["127.0.0.1", port], toLoopback(server.port));
  assert.is(native.stderr, "connect: Connection refused\n");
  assert.is(as.stderr, native.stderr);
  assert.is(as.stdout, native.stdout);
  assert.is(as.code, native.code);
});

test("the sandbox holds for AS guests: a connect nobody granted fails with EACCES, like the C client's", async () => {
  const p = await programs();
  const server = await startServer(p.cServer, ["0", "1"], LISTENING);
  try {
    const args = ["127.0.0.1", String(server.port)];
    const other = [connectGrant("127.0.0.1", server.port + 1, "tcp")]; // a grant for another port only
    const c = await runSandboxedClient(p.wClient, args, other);
    const as = await runSandboxedClient(p.asClient, args, other);
    const told = splitNotices(c.stderr);
    assert.is(told.rest, "connect: Permission denied\n");
    assert.equal(told.notices.map((l) => /^sockbox: sandbox refused (\S+ \S+): /.exec(l)?.[1]), [`tcp-connect 127.0.0.1:${server.port}`]);
    assert.is(as.stderr, c.stderr);
    assert.is(as.stdout, c.stdout);
    assert.is(as.code, c.code);
  } finally {
    await killServer(server);
  }
});

test.run();
