/**
 * The plain-Deno TCP echo server a user would write instead of a C one:
 * `Deno.listen` and a read/write loop per connection. Prints its port, then
 * serves until killed, or until `connections` clients have come and gone (so
 * a profiled run ends cleanly).
 *
 *   deno run --allow-net bench/js/deno_tcp_echo.ts [port [connections]]
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
  const connections = Number(Deno.args[1] ?? 0); // 0: forever
  console.log(String((listener.addr as Deno.NetAddr).port)); // a string: never coloured
  let accepted = 0, done = 0;
  for await (const conn of listener) {
    accepted++;
    serve(conn).then(() => {
      if (++done === connections) Deno.exit(0);
    });
    if (accepted === connections) break;
  }
}
