/**
 * The article's TCP server and client (guest/c-examples/tcp_server.c,
 * tcp_client.c) and the getaddrinfo client (gai_client.c, `localhost`):
 * sandboxed server ↔ native client, native server ↔ sandboxed client and
 * sandboxed ↔ sandboxed, each printing exactly what the native pair prints
 * in the same test; and `nc` (netcat-openbsd) as a native client of the
 * sandboxed server. Sandboxed runs get only their own port: the server
 * `--allow-listen=0.0.0.0:PORT`, a client `--allow-connect=127.0.0.1:PORT`.
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
  type ServerSpec,
  toolClient,
  withPort,
} from "./harness.ts";

const tcpServer = buildExample("tcp_server");
const tcpClient = buildExample("tcp_client");
const gaiClient = buildExample("gai_client");
for (const b of [tcpServer, tcpClient, gaiClient]) b.catch(() => {}); // reported by the tests that await them

async function server(port: number, nclients: number): Promise<ServerSpec> {
  return {
    built: await tcpServer,
    args: [String(port), String(nclients)],
    grants: [`--allow-listen=0.0.0.0:${port}`],
    ready: /^listening on port /,
  };
}

const connectGrant = (port: number) => [`--allow-connect=127.0.0.1:${port}`];

for (const [ss, cs] of PAIRINGS) {
  test(`tcp: ${ss} tcp_server ↔ ${cs} tcp_client (two clients), as native ↔ native`, async () => {
    const client = await tcpClient;
    await withPort(async (port) => {
      const got = await compareWithNative(await server(port, 2), [
        exampleClient(client, ["127.0.0.1", String(port), "hello", "world"], connectGrant(port)),
        exampleClient(client, ["127.0.0.1", String(port), "again"], connectGrant(port)),
      ], ss, cs);
      assert.ok(got.clients[0].stdout.includes("reply: echo: world\n"), got.clients[0].stdout);
      assert.ok(got.server.stdout.endsWith("server done\n"), got.server.stdout);
    });
  });

  test(`gai: ${ss} tcp_server ↔ ${cs} gai_client localhost, as native ↔ native`, async () => {
    const client = await gaiClient;
    await withPort(async (port) => {
      const got = await compareWithNative(await server(port, 1), [
        exampleClient(client, ["localhost", String(port), "by name"], connectGrant(port)),
      ], ss, cs);
      assert.ok(got.clients[0].stdout.startsWith(`connected to 127.0.0.1 port ${port} (IPv4)\n`), got.clients[0].stdout);
    });
  });
}

test("tcp: nc (netcat-openbsd) as the client of a sandboxed tcp_server, as of the native one", async () => {
  await withPort(async (port) => {
    // -N: shut the socket down for writing at the end of stdin, so the server sees EOF and closes.
    const nc = toolClient("nc", ["-N", "127.0.0.1", String(port)], "one line\nand another\n");
    const got = await compareWithNative(await server(port, 1), [nc], "sandboxed", "native");
    assert.is(got.clients[0].stdout, "echo: one line\necho: and another\n");
  });
});

test.run();
