// The host's NetBackend for datagrams, driven directly: UDP over IPv4/IPv6,
// boundaries, sender addresses, broadcast permission, pause, unix datagrams.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Errno } from "../../runtime/errno.ts";
import type { DatagramOptions, DatagramSocket } from "../../runtime/net_backend.ts";
import type { InetAddress, SocketAddress } from "../../runtime/sockaddr.ts";
import { DgramRec, errnoOf, eventually, net, sleep, tempDir } from "../lib/net.ts";
import { RUNTIME } from "../lib/proc.ts";

const OPTS: DatagramOptions = { reuseAddress: false, broadcast: false };
const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

async function pair(address: string) {
  const family = address.includes(":") ? "ipv6" as const : "ipv4" as const;
  const ra = new DgramRec(), rb = new DgramRec();
  const a = await net.bindDatagram({ family, address, port: 0 }, OPTS, ra);
  const b = await net.bindDatagram({ family, address, port: 0 }, OPTS, rb);
  return { a, b, ra, rb };
}

async function exchange(address: string) {
  const { a, b, ra } = await pair(address);
  assert.ok((a.local as InetAddress).port > 0, "port 0 gives a real port");
  for (const m of ["one", "two two", "", "three three three"]) await b.send(enc(m), a.local);
  await eventually(() => ra.got.length === 4, "four datagrams");
  assert.equal(ra.got.map((g) => dec(g.data)), ["one", "two two", "", "three three three"]);
  for (const g of ra.got) assert.equal(g.from, b.local);
  // Replies go back to the sender's address as received.
  const rb2 = new DgramRec();
  const c = await net.bindDatagram({ ...(a.local as InetAddress), port: 0 }, OPTS, rb2);
  await a.send(enc("reply"), ra.got[0].from);
  await c.send(enc("x"), a.local);
  await eventually(() => ra.got.length === 5, "from a third socket");
  assert.equal(ra.got[4].from, c.local);
  a.close();
  b.close();
  c.close();
}

test("UDP over IPv4: boundaries kept, empty datagrams, sender addresses", () => exchange("127.0.0.1"));

test("UDP over IPv6 ::1", () => exchange("::1"));

test("UDP: a dual-stack :: socket sees IPv4 senders as ::ffff:a.b.c.d", async () => {
  const r = new DgramRec();
  const a = await net.bindDatagram({ family: "ipv6", address: "::", port: 0 }, OPTS, r);
  const b = await net.bindDatagram({ family: "ipv4", address: "127.0.0.1", port: 0 }, OPTS, new DgramRec());
  await b.send(enc("v4"), { family: "ipv4", address: "127.0.0.1", port: (a.local as InetAddress).port });
  await eventually(() => r.got.length === 1, "datagram");
  assert.equal(r.got[0].from, {
    family: "ipv6",
    address: "::ffff:127.0.0.1",
    port: (b.local as InetAddress).port,
  });
  a.close();
  b.close();
});

test("UDP: the largest IPv4 datagram arrives whole; a larger one fails with EMSGSIZE", async () => {
  const { a, b, ra } = await pair("127.0.0.1");
  const big = new Uint8Array(65507).fill(7);
  await b.send(big, a.local);
  await eventually(() => ra.got.length === 1, "big datagram");
  assert.is(ra.got[0].data.byteLength, 65507);
  assert.is(await errnoOf(() => b.send(new Uint8Array(70000), a.local)), Errno.MSGSIZE);
  a.close();
  b.close();
});

test("UDP: EADDRINUSE on a taken port, unless both set SO_REUSEADDR", async () => {
  const a = await net.bindDatagram({ family: "ipv4", address: "127.0.0.1", port: 0 }, OPTS, new DgramRec());
  const port = (a.local as InetAddress).port;
  const again = { family: "ipv4", address: "127.0.0.1", port } as const;
  assert.is(await errnoOf(() => net.bindDatagram(again, OPTS, new DgramRec())), Errno.ADDRINUSE);
  a.close();
  const d = await net.bindDatagram(again, OPTS, new DgramRec()); // free again at once after close
  d.close();
  const reuse = { reuseAddress: true, broadcast: false };
  const b = await net.bindDatagram(again, reuse, new DgramRec());
  const c = await net.bindDatagram(again, reuse, new DgramRec());
  assert.is((c.local as InetAddress).port, port);
  b.close();
  c.close();
});

test("UDP: broadcast needs SO_BROADCAST (EACCES without it)", async () => {
  const s = await net.bindDatagram({ family: "ipv4", address: "0.0.0.0", port: 0 }, OPTS, new DgramRec());
  const to = { family: "ipv4", address: "255.255.255.255", port: 9 } as const;
  assert.is(await errnoOf(() => s.send(enc("b"), to)), Errno.ACCES);
  s.setBroadcast(true);
  await s.send(enc("b"), to);
  s.setBroadcast(false);
  assert.is(await errnoOf(() => s.send(enc("b"), to)), Errno.ACCES);
  s.close();
  const t = await net.bindDatagram(
    { family: "ipv4", address: "0.0.0.0", port: 0 },
    { reuseAddress: false, broadcast: true },
    new DgramRec(),
  );
  await t.send(enc("b"), to);
  t.close();
});

test("UDP: pause holds datagrams, resume delivers them in order", async () => {
  const { a, b, ra } = await pair("127.0.0.1");
  a.pause();
  await sleep(10);
  for (let i = 0; i < 5; i++) await b.send(enc(`m${i}`), a.local);
  await sleep(50);
  assert.is(ra.got.length, 0, "nothing while paused");
  a.resume();
  await eventually(() => ra.got.length === 5, "all five");
  assert.equal(ra.got.map((g) => dec(g.data)), ["m0", "m1", "m2", "m3", "m4"]);
  a.close();
  b.close();
});

test("UDP: a datagram to a closed port is not an error on an unconnected socket", async () => {
  const { a, b, ra, rb } = await pair("127.0.0.1");
  const port = (a.local as InetAddress).port;
  a.close();
  await b.send(enc("nobody"), { family: "ipv4", address: "127.0.0.1", port });
  await sleep(50);
  assert.equal(rb.errors, []);
  assert.equal(ra.got, []);
  b.close();
});

test("unix datagrams: Deno sends between paths (and from an unbound socket); Bun refuses", async () => {
  const t = tempDir();
  const pa = `${t.dir}/a.sock`, pb = `${t.dir}/b.sock`;
  try {
    if (net.lacks.has("unix-datagram")) {
      assert.is(RUNTIME, "bun");
      const e = await errnoOf(() => net.bindDatagram({ family: "unix", path: pa }, OPTS, new DgramRec()));
      assert.is(e, Errno.AFNOSUPPORT);
      return;
    }
    const ra = new DgramRec();
    const a: DatagramSocket = await net.bindDatagram({ family: "unix", path: pa }, OPTS, ra);
    const b = await net.bindDatagram({ family: "unix", path: pb }, OPTS, new DgramRec());
    const u = await net.bindDatagram({ family: "unix", path: "" }, OPTS, new DgramRec());
    assert.equal(a.local, { family: "unix", path: pa });
    assert.equal(u.local, { family: "unix", path: "" });
    const to: SocketAddress = { family: "unix", path: pa };
    await b.send(enc("hello"), to);
    await b.send(enc("world!"), to);
    await u.send(enc("anon"), to);
    await eventually(() => ra.got.length === 3, "three datagrams");
    assert.equal(ra.got.map((g) => dec(g.data)), ["hello", "world!", "anon"]);
    assert.equal(ra.got[0].from, { family: "unix", path: pb });
    assert.equal(ra.got[2].from, { family: "unix", path: "" });
    const big = new Uint8Array(100_000).fill(1);
    await b.send(big, to);
    await eventually(() => ra.got.length === 4, "large unix datagram");
    assert.is(ra.got[3].data.byteLength, 100_000);
    // Request/reply, both ends receiving all along (Deno cannot send while a receive is pending).
    const rb = new DgramRec();
    const c = await net.bindDatagram({ family: "unix", path: `${t.dir}/c.sock` }, OPTS, rb);
    for (let i = 0; i < 50; i++) {
      await c.send(enc(`q${i}`), to);
      await eventually(() => ra.got.length === 5 + i, "request");
      await a.send(enc(`r${i}`), ra.got[4 + i].from);
      await eventually(() => rb.got.length === i + 1, "reply");
    }
    assert.equal(rb.got.map((g) => dec(g.data)).slice(-2), ["r48", "r49"]);
    c.close();
    assert.is(await errnoOf(() => b.send(enc("x"), { family: "unix", path: `${t.dir}/none.sock` })), Errno.NOENT);
    assert.is(
      await errnoOf(() => net.bindDatagram({ family: "unix", path: pa }, OPTS, new DgramRec())),
      Errno.ADDRINUSE,
    );
    a.close();
    b.close();
    u.close();
  } finally {
    t.remove();
  }
});

test.run();
