/**
 * The IPv6 server and client (guest/c-examples/ipv6_server.c,
 * ipv6_client.c): the server binds `::` (in6addr_any), an IPv6 client comes
 * from `::1` and an IPv4 client (tcp_client to 127.0.0.1) shows as
 * `::ffff:127.0.0.1`, as on Linux, where a `::` socket takes IPv4 peers
 * unless IPV6_V6ONLY is set. Every pairing prints exactly what the native
 * pair prints in the same test.
 *
 * @module
 */

import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildExample, compareWithNative, exampleClient, PAIRINGS, withPort } from "./harness.ts";

const ipv6Server = buildExample("ipv6_server");
const ipv6Client = buildExample("ipv6_client");
const tcpClient = buildExample("tcp_client");
for (const b of [ipv6Server, ipv6Client, tcpClient]) b.catch(() => {}); // reported by the tests that await them

for (const [ss, cs] of PAIRINGS) {
  test(`ipv6: ${ss} ipv6_server on [::] ↔ ${cs} ipv6_client from ::1 and tcp_client from 127.0.0.1, as native ↔ native`, async () => {
    const [server, v6, v4] = await Promise.all([ipv6Server, ipv6Client, tcpClient]);
    await withPort(async (port) => {
      const p = String(port);
      const got = await compareWithNative(
        { built: server, args: [p, "2"], grants: [`--allow-listen=[::]:${port}`], ready: /^listening on \[::\]:/ },
        [
          exampleClient(v6, ["::1", p, "six"], [`--allow-connect=[::1]:${port}`]),
          exampleClient(v4, ["127.0.0.1", p, "four"], [`--allow-connect=127.0.0.1:${port}`]),
        ],
        ss,
        cs,
      );
      assert.ok(got.server.stdout.includes("client ::1 connected\n"), got.server.stdout);
      assert.ok(got.server.stdout.includes("client ::ffff:127.0.0.1 connected\n"), got.server.stdout);
    });
  });
}

test.run();
