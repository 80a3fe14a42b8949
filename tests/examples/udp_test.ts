/**
 * The article's UDP server and client (guest/c-examples/udp_server.c,
 * udp_client.c): sendto/recvfrom with the sender's address, in every
 * pairing, each printing exactly what the native pair prints in the same
 * test; and `nc -u` (netcat-openbsd) as a native UDP peer on both sides.
 *
 * Grants: the server may bind its port (`--allow-listen=0.0.0.0:PORT/udp`)
 * and, to answer, send to any loopback port (a client's source port is
 * ephemeral; the sandbox admits replies only where a connect grant does);
 * the client may send to the server's port only.
 *
 * @module
 */

import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  buildExample,
  compareWithNative,
  exampleClient,
  PAIRINGS,
  Peer,
  PortTaken,
  runClient,
  type ServerSpec,
  type Side,
  toolClient,
  withPort,
} from "./harness.ts";

const udpServer = buildExample("udp_server");
const udpClient = buildExample("udp_client");
for (const b of [udpServer, udpClient]) b.catch(() => {}); // reported by the tests that await them

async function server(port: number, ndatagrams: number): Promise<ServerSpec> {
  return {
    built: await udpServer,
    args: [String(port), String(ndatagrams)],
    grants: [`--allow-listen=0.0.0.0:${port}/udp`, "--allow-connect=127.0.0.1:*/udp"],
    ready: /^udp server on port /,
  };
}

const sendGrant = (port: number) => [`--allow-connect=127.0.0.1:${port}/udp`];

for (const [ss, cs] of PAIRINGS) {
  test(`udp: ${ss} udp_server ↔ ${cs} udp_client, as native ↔ native`, async () => {
    const client = await udpClient;
    await withPort(async (port) => {
      const got = await compareWithNative(await server(port, 3), [
        exampleClient(client, ["127.0.0.1", String(port), "ping", "pong"], sendGrant(port)),
        exampleClient(client, ["127.0.0.1", String(port), "a longer datagram, with spaces"], sendGrant(port)),
      ], ss, cs);
      assert.ok(got.clients[0].stdout.includes(`reply from 127.0.0.1:${port}: echo: pong\n`), got.clients[0].stdout);
      assert.ok(got.server.stdout.endsWith("server done\n"), got.server.stdout);
    });
  });
}

test("udp: nc -u as a client of the sandboxed udp_server, as of the native one", async () => {
  await withPort(async (port) => {
    // nc sends its stdin as one datagram, prints the answer, and gives up 1 s after the last traffic.
    const nc = toolClient("nc", ["-u", "-w1", "127.0.0.1", String(port)], "from netcat\n");
    const got = await compareWithNative(await server(port, 1), [nc], "sandboxed", "native");
    assert.is(got.clients[0].stdout, "echo: from netcat\n");
  });
});

/** udp_client on `side` talking to `nc -u -l PORT`, whose answers the test types; the client's stdout and what nc got. */
async function againstNc(port: number, side: Side): Promise<{ client: string; nc: string }> {
  const client = await udpClient;
  const nc = new Peer("nc", ["-u", "-l", "127.0.0.1", String(port)]);
  try {
    await new Promise((r) => setTimeout(r, 200)); // nc binds at once; give it a moment to be there
    if (nc.child.exitCode !== null) throw /in use/i.test(nc.stderr) ? new PortTaken(nc.stderr) : new Error(nc.stderr);
    const done = runClient(exampleClient(client, ["127.0.0.1", String(port), "ping", "pong"], sendGrant(port)), side);
    await nc.waitFor("ping");
    nc.write("echo: ping\n");
    await nc.waitFor("pong");
    nc.write("echo: pong\n");
    const out = await done;
    assert.is(out.code, 0, `${side} udp_client: ${out.stdout}${out.stderr}`);
    assert.is(out.stderr, "");
    return { client: out.stdout, nc: nc.stdout };
  } finally {
    nc.kill();
  }
}

test("udp: sandboxed udp_client against nc -u -l, as the native client", async () => {
  await withPort(async (port) => {
    const native = await againstNc(port, "native");
    const sandboxed = await againstNc(port, "sandboxed");
    assert.is(native.nc, "pingpong");
    assert.is(sandboxed.nc, native.nc);
    assert.fixture(sandboxed.client, native.client);
  });
});

test.run();
