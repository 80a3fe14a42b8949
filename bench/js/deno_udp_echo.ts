/// <reference lib="deno.unstable" />
/**
 * The plain-Deno UDP echo server: `Deno.listenDatagram`, every datagram sent
 * back to its sender. Prints its port, then serves until killed, or until it
 * has echoed `datagrams` datagrams.
 *
 *   deno run --unstable-net --allow-net bench/js/deno_udp_echo.ts [port [datagrams]]
 *
 * @module
 */

if (import.meta.main) {
  const sock = Deno.listenDatagram({ transport: "udp", hostname: "127.0.0.1", port: Number(Deno.args[0] ?? 0) });
  console.log(String((sock.addr as Deno.NetAddr).port)); // a string: never coloured
  const datagrams = Number(Deno.args[1] ?? 0); // 0: forever
  for (let echoed = 0; datagrams === 0 || echoed < datagrams; echoed++) {
    const [data, from] = await sock.receive();
    try {
      await sock.send(data, from);
    } catch {
      // the client counts an unanswered datagram as lost
    }
  }
  Deno.exit(0);
}
