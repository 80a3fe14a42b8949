/**
 * The plain-Deno TCP echo server a user would write instead of a C one:
 * `Deno.listen` and a read/write loop per connection. Prints its port, then
 * serves until killed.
 *
 *   deno run --allow-net bench/js/deno_tcp_echo.ts [port]
 *
 * @module
 */

/** Read buffer size per connection (the C servers use the same). */
const BUF_SIZE = 65536;

async function serve(conn: Deno.Conn): Promise<void> {
  const buf = new Uint8Array(BUF_SIZE);
  try {
    for (;;) {
      const n = await conn.read(buf);
      if (n === null) break;
      let off = 0;
      while (off < n) off += await conn.write(buf.subarray(off, n));
    }
  } catch {
    // the client reset the connection: nothing to echo any more
  } finally {
    try {
      conn.close();
    } catch {
      // already closed
    }
  }
}

if (import.meta.main) {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: Number(Deno.args[0] ?? 0) });
  console.log(String((listener.addr as Deno.NetAddr).port)); // a string: never coloured
  for await (const conn of listener) serve(conn);
}
