/// <reference path="./bun_types.d.ts" />
/**
 * The plain-Bun UDP echo server: `Bun.udpSocket` with a `data` callback that
 * sends each datagram back to its sender. Prints its port, then serves until
 * killed, or until it has echoed `datagrams` datagrams.
 *
 *   bun bench/js/bun_udp_echo.ts [port [datagrams]]
 *
 * @module
 */

if (import.meta.main) {
  const datagrams = Number(Bun.argv[3] ?? 0); // 0: forever
  let echoed = 0;
  const sock = await Bun.udpSocket({
    hostname: "127.0.0.1",
    port: Number(Bun.argv[2] ?? 0),
    socket: {
      data(s, data, port, address) {
        s.send(data, port, address);
        if (++echoed === datagrams) process.exit(0);
      },
    },
  });
  console.log(String(sock.port));
}
