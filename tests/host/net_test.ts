// The host's NetBackend for streams, driven directly (no guest): TCP over
// IPv4/IPv6/dual-stack and unix, errors, half-close, backpressure, resets.
import { rmSync, writeFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Errno } from "../../runtime/errno.ts";
import { RUNTIME } from "../lib/proc.ts";
import {
  dial,
  echoServer,
  errnoOf,
  eventually,
  net,
  pattern,
  Rec,
  sameBytes,
  serve,
  sleep,
  tempDir,
} from "../lib/net.ts";
import type { InetAddress } from "../../runtime/sockaddr.ts";

const V4 = { family: "ipv4", address: "127.0.0.1", port: 0 } as const;
const V6 = { family: "ipv6", address: "::1", port: 0 } as const;
const opts = () => ({ backlog: 16, reusePort: false, v6Only: false });
const nullSink = { connection: () => new Rec(), error() {} };

async function echoRoundTrip(addr: InetAddress | { family: "unix"; path: string }, target = addr) {
  const srv = echoServer(addr);
  const local = srv.listener.local;
  const to = target.family === "unix" ? target : { ...target, port: (local as InetAddress).port };
  const c = await dial(to);
  c.conn.write(new TextEncoder().encode("hello, "));
  c.conn.write(new TextEncoder().encode("sockbox"));
  await eventually(() => c.rec.text() === "hello, sockbox", "echo");
  return { srv, c, local };
}

test("TCP/IPv4 echo; port 0 gives the real port; canonical addresses on both ends", async () => {
  const { srv, c, local } = await echoRoundTrip(V4);
  assert.is(local.family, "ipv4");
  assert.ok((local as InetAddress).port > 0);
  assert.equal(c.conn.remote, { family: "ipv4", address: "127.0.0.1", port: (local as InetAddress).port });
  const server = srv.conns[0].conn;
  assert.equal(server.local, c.conn.remote);
  assert.equal(server.remote, c.conn.local);
  c.conn.close();
  await eventually(() => srv.conns[0].rec.ended, "server sees the close");
  server.close();
  srv.listener.close();
  await eventually(() => c.rec.closedCount === 1, "client closed");
});

test("TCP/IPv6 echo over ::1", async () => {
  const { srv, c } = await echoRoundTrip(V6);
  assert.is(c.conn.remote.family, "ipv6");
  assert.is((c.conn.local as InetAddress).address, "::1");
  assert.is((srv.conns[0].conn.remote as InetAddress).address, "::1");
  c.conn.close();
  srv.conns[0].conn.close();
  srv.listener.close();
});

test("dual-stack :: listener reports an IPv4 peer as ::ffff:a.b.c.d", async () => {
  const { srv, c } = await echoRoundTrip({ family: "ipv6", address: "::", port: 0 }, V4);
  const server = srv.conns[0].conn;
  assert.equal(server.remote, {
    family: "ipv6",
    address: "::ffff:127.0.0.1",
    port: (c.conn.local as InetAddress).port,
  });
  assert.is((server.local as InetAddress).address, "::ffff:127.0.0.1");
  assert.is(c.conn.local.family, "ipv4");
  c.conn.close();
  server.close();
  srv.listener.close();
});

test("unix stream echo; addresses name the path on the listening side", async () => {
  const t = tempDir();
  const path = `${t.dir}/echo.sock`;
  try {
    const { srv, c, local } = await echoRoundTrip({ family: "unix", path });
    assert.equal(local, { family: "unix", path });
    assert.equal(c.conn.remote, { family: "unix", path });
    assert.equal(c.conn.local, { family: "unix", path: "" });
    assert.equal(srv.conns[0].conn.local, { family: "unix", path });
    assert.equal(srv.conns[0].conn.remote, { family: "unix", path: "" });
    assert.is(await errnoOf(() => net.listen({ family: "unix", path }, opts(), nullSink)), Errno.ADDRINUSE);
    c.conn.close();
    srv.conns[0].conn.close();
    srv.listener.close();
    // The C idiom to serve again on the path: unlink(path); bind(path). The new listener must stay reachable.
    rmSync(path, { force: true });
    const again = echoServer({ family: "unix", path });
    await sleep(20);
    const c2 = await dial({ family: "unix", path });
    c2.conn.write(new TextEncoder().encode("again"));
    await eventually(() => c2.rec.text() === "again", "echo from the new listener");
    c2.conn.close();
    again.conns[0].conn.close();
    again.listener.close();
  } finally {
    t.remove();
  }
});

test("EADDRINUSE from a second listen, at once; the port is free again right after close", async () => {
  const a = net.listen(V4, opts(), nullSink);
  const port = (a.local as InetAddress).port;
  assert.is(await errnoOf(() => net.listen({ ...V4, port }, opts(), nullSink)), Errno.ADDRINUSE);
  assert.is(await errnoOf(() => net.listen({ ...V4, address: "0.0.0.0", port }, opts(), nullSink)), Errno.ADDRINUSE);
  a.close();
  const b = net.listen({ ...V4, port }, opts(), nullSink);
  assert.is((b.local as InetAddress).port, port);
  b.close();
});

test("SO_REUSEPORT lets two listeners share a port; IPV6_V6ONLY where the runtime can set it", async () => {
  const ro = { backlog: 16, reusePort: true, v6Only: false };
  const a = net.listen(V4, ro, nullSink);
  const port = (a.local as InetAddress).port;
  const b = net.listen({ ...V4, port }, ro, nullSink);
  assert.is((b.local as InetAddress).port, port);
  assert.is(await errnoOf(() => net.listen({ ...V4, port }, opts(), nullSink)), Errno.ADDRINUSE);
  a.close();
  b.close();
  const v6 = net.listen({ family: "ipv6", address: "::", port: 0 }, { ...opts(), v6Only: true }, nullSink);
  const p6 = (v6.local as InetAddress).port;
  if (RUNTIME === "bun") {
    const v4 = net.listen({ family: "ipv4", address: "0.0.0.0", port: p6 }, opts(), nullSink); // v6-only: the v4 port is free
    v4.close();
  } else {
    // Deno cannot set IPV6_V6ONLY: `::` stays dual-stack (Linux's default).
    assert.is(
      await errnoOf(() => net.listen({ ...V4, address: "0.0.0.0", port: p6 }, opts(), nullSink)),
      Errno.ADDRINUSE,
    );
  }
  v6.close();
});

test("a unix path that exists (a stale socket file) gives EADDRINUSE, as on Linux", async () => {
  const t = tempDir();
  const path = `${t.dir}/stale.sock`;
  writeFileSync(path, "");
  assert.is(await errnoOf(() => net.listen({ family: "unix", path }, opts(), nullSink)), Errno.ADDRINUSE);
  t.remove();
});

test("accepted connections outlive their listener", async () => {
  const srv = echoServer(V4);
  const c = await dial({ ...V4, port: (srv.listener.local as InetAddress).port });
  await eventually(() => srv.conns.length === 1, "accepted");
  srv.listener.close();
  c.conn.write(new TextEncoder().encode("still here"));
  await eventually(() => c.rec.text() === "still here", "echo after the listener closed");
  c.conn.close();
  srv.conns[0].conn.close();
});

test("ECONNREFUSED on a closed port; ENOENT for a missing unix path", async () => {
  const a = net.listen(V4, opts(), nullSink);
  const port = (a.local as InetAddress).port;
  a.close();
  assert.is(await errnoOf(() => net.connect({ ...V4, port }, new Rec())), Errno.CONNREFUSED);
  assert.is(await errnoOf(() => net.connect({ ...V6, port }, new Rec())), Errno.CONNREFUSED);
  const t = tempDir();
  assert.is(await errnoOf(() => net.connect({ family: "unix", path: `${t.dir}/none.sock` }, new Rec())), Errno.NOENT);
  t.remove();
});

test("half-close: client FIN, server sees end and still replies, client receives it", async () => {
  const srv = serve(V4, (conn, rec) => {
    rec.onEnd = () => {
      conn.write(new TextEncoder().encode(`got ${rec.text()}`));
      conn.shutdownWrite();
    };
  });
  const c = await dial({ ...V4, port: (srv.listener.local as InetAddress).port });
  c.conn.write(new TextEncoder().encode("ping"));
  c.conn.shutdownWrite();
  await eventually(() => c.rec.ended, "client sees the server's FIN");
  assert.is(c.rec.text(), "got ping");
  assert.equal(c.rec.errors, []);
  // Both directions are done: both ends report closed, after end.
  await eventually(() => c.rec.closedCount === 1 && srv.conns[0].rec.closedCount === 1, "closed");
  assert.equal(c.rec.events, ["end", "closed"]);
  assert.equal(srv.conns[0].rec.events, ["end", "closed"]);
  c.conn.close();
  srv.conns[0].conn.close();
  srv.listener.close();
  await sleep(10);
  assert.is(c.rec.closedCount, 1);
});

test("backpressure: 8 MiB to a paused reader queues, pause stops data, resume drains it all", async () => {
  const srv = serve(V4, (conn) => conn.pause());
  const c = await dial({ ...V4, port: (srv.listener.local as InetAddress).port });
  const big = pattern(8 << 20);
  c.conn.write(big);
  await eventually(() => srv.conns.length === 1, "accepted");
  const s = srv.conns[0];
  await sleep(100);
  const queued = c.conn.buffered;
  assert.ok(queued > 0, `bytes wait in the adapter (${queued})`);
  assert.is(s.rec.bytes, 0, "no data event while paused");
  s.conn.resume();
  await eventually(() => s.rec.bytes >= 1 << 20, "data flows after resume");
  s.conn.pause();
  await sleep(30);
  const at = s.rec.bytes;
  await sleep(100);
  assert.is(s.rec.bytes, at, "pause stops data events mid-stream");
  s.conn.resume();
  await eventually(() => s.rec.bytes === big.byteLength, "all 8 MiB");
  await eventually(() => c.conn.buffered === 0, "queue empty");
  assert.ok(c.rec.drains > 0, "drain reported");
  assert.ok(sameBytes(s.rec.all(), big), "bytes intact and in order");
  assert.ok(s.rec.chunks.every((ch) => ch.byteOffset === 0 || ch.buffer !== s.rec.chunks[0].buffer), "fresh chunks");
  c.conn.close();
  s.conn.close();
  srv.listener.close();
});

test("close() flushes queued data before closing", async () => {
  const srv = serve(V4);
  const c = await dial({ ...V4, port: (srv.listener.local as InetAddress).port });
  const big = pattern(4 << 20);
  c.conn.write(big);
  c.conn.close();
  await eventually(() => srv.conns.length === 1 && srv.conns[0].rec.ended, "server sees everything, then FIN");
  assert.is(srv.conns[0].rec.bytes, big.byteLength);
  await eventually(() => c.rec.closedCount === 1, "client closed");
  assert.equal(c.rec.errors, []);
  srv.conns[0].conn.close();
  srv.listener.close();
});

test("peer reset: the other end sees an error or EOF, then writing fails (EPIPE/ECONNRESET)", async () => {
  // Closing with unread data makes the kernel send RST.
  const srv = serve(V4, (conn) => conn.pause());
  const c = await dial({ ...V4, port: (srv.listener.local as InetAddress).port });
  c.conn.write(new Uint8Array(1000));
  await eventually(() => srv.conns.length === 1, "accepted");
  await sleep(50);
  srv.conns[0].conn.close();
  // Deno reads a reset as EOF; Bun reports ECONNRESET.
  await eventually(() => c.rec.ended || c.rec.errors.length > 0, "reset seen");
  for (let i = 0; i < 20 && c.rec.closedCount === 0; i++) {
    c.conn.write(new Uint8Array(1000));
    await sleep(10);
  }
  await eventually(() => c.rec.closedCount === 1, "closed after the failure");
  assert.is(c.rec.errors.length, 1, c.rec.events.join());
  assert.ok(([Errno.CONNRESET, Errno.PIPE] as number[]).includes(c.rec.errors[0]), `errno ${c.rec.errors[0]}`);
  if (RUNTIME === "bun") assert.is(c.rec.errors[0], Errno.CONNRESET);
  c.conn.close();
  srv.listener.close();
});

test("writing to a peer that closed: EPIPE or ECONNRESET through error, then closed", async () => {
  const srv = serve(V4);
  const c = await dial({ ...V4, port: (srv.listener.local as InetAddress).port });
  await eventually(() => srv.conns.length === 1, "accepted");
  srv.conns[0].conn.close();
  await eventually(() => c.rec.ended, "FIN seen");
  for (let i = 0; i < 50 && c.rec.closedCount === 0; i++) {
    c.conn.write(new Uint8Array(100));
    await sleep(5);
  }
  await eventually(() => c.rec.closedCount === 1, "closed");
  assert.is(c.rec.errors.length, 1);
  assert.ok(([Errno.PIPE, Errno.CONNRESET] as number[]).includes(c.rec.errors[0]), `errno ${c.rec.errors[0]}`);
  c.conn.close();
  srv.listener.close();
});

test("setNoDelay/setKeepAlive are accepted on TCP and ignored on unix", async () => {
  const { srv, c } = await echoRoundTrip(V4);
  c.conn.setNoDelay(true);
  c.conn.setKeepAlive(true);
  c.conn.setNoDelay(false);
  c.conn.setKeepAlive(false);
  c.conn.close();
  srv.conns[0].conn.close();
  srv.listener.close();
  const t = tempDir();
  const u = await echoRoundTrip({ family: "unix", path: `${t.dir}/o.sock` });
  u.c.conn.setNoDelay(true);
  u.c.conn.setKeepAlive(true);
  u.c.conn.close();
  u.srv.conns[0].conn.close();
  u.srv.listener.close();
  t.remove();
});

test("listener pause leaves connections in the kernel backlog (Deno; Bun accepts regardless)", async () => {
  const srv = serve(V4);
  srv.listener.pause();
  const c = await dial({ ...V4, port: (srv.listener.local as InetAddress).port });
  await sleep(50);
  if (RUNTIME === "deno") assert.is(srv.conns.length, 0);
  srv.listener.resume();
  await eventually(() => srv.conns.length === 1, "accepted after resume");
  c.conn.close();
  srv.conns[0].conn.close();
  srv.listener.close();
});

test("resolve: literals, localhost, and an unknown name", async () => {
  assert.equal(await net.resolve("127.0.0.1"), [{ family: "ipv4", address: "127.0.0.1", port: 0 }]);
  assert.equal(await net.resolve("[::1]"), [{ family: "ipv6", address: "::1", port: 0 }]);
  const local = await net.resolve("localhost");
  assert.ok(local.some((a) => a.address === "127.0.0.1"), JSON.stringify(local));
  assert.equal(await net.resolve("no-such-host.invalid"), []);
});

test("lacks names what this runtime cannot do", () => {
  if (RUNTIME === "bun") {
    assert.ok(net.lacks.has("unix-datagram"));
    assert.ok(net.lacks.has("listen-backlog"));
  } else {
    assert.not.ok(net.lacks.has("unix-datagram"));
    assert.not.ok(net.lacks.has("udp"));
  }
  assert.ok(net.lacks.has("bind-before-connect"));
});

test.run();
