/// <reference path="./bun_types.d.ts" />
/**
 * The plain-Bun TCP echo server a user would write instead of a C one:
 * `Bun.listen` with a `data` callback that writes the bytes back; what the
 * kernel cannot take at once waits for `drain`. Prints its port, then serves
 * until killed, or until `connections` clients have come and gone.
 *
 *   bun bench/js/bun_tcp_echo.ts [port [connections]]
 *
 * @module
 */

type Socket<T> = Bun.Socket<T>;

interface Pending {
  /** Bytes not yet taken by the socket, oldest first. */
  queue: Uint8Array[];
}

/** Writes `data` after anything already waiting; keeps what the socket refuses. */
function send(sock: Socket<Pending>, data: Uint8Array): void {
  const q = sock.data.queue;
  if (q.length > 0) {
    q.push(data.slice());
    return;
  }
  const n = sock.write(data);
  if (n < data.byteLength) q.push(data.slice(Math.max(n, 0)));
}

function flush(sock: Socket<Pending>): void {
  const q = sock.data.queue;
  while (q.length > 0) {
    const head = q[0];
    const n = sock.write(head);
    if (n < head.byteLength) {
      q[0] = head.subarray(Math.max(n, 0));
      return;
    }
    q.shift();
  }
}

if (import.meta.main) {
  const connections = Number(Bun.argv[3] ?? 0); // 0: forever
  let closed = 0;
  const server = Bun.listen<Pending>({
    hostname: "127.0.0.1",
    port: Number(Bun.argv[2] ?? 0),
    socket: {
      open(sock) {
        sock.data = { queue: [] };
      },
      data(sock, chunk) {
        send(sock, chunk);
      },
      drain(sock) {
        flush(sock);
      },
      error() {
        // the client reset the connection: nothing to echo any more
      },
      close() {
        if (++closed === connections) process.exit(0);
      },
    },
  });
  console.log(String(server.port));
}
