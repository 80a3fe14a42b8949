// StreamConn.writeWait (Deno): a blocking send's bytes written straight from
// the caller's memory while the caller waits. The bytes count in `buffered`
// until the OS took them, the promise settles only then (the caller may reuse
// its buffer only after), each write takes a fresh view from where the last
// one stopped, and a write queued meanwhile follows. A peer that goes away
// mid-write settles it with what was taken, or a rejection, and the error
// reaches the sink. Bun copies what the kernel refuses and has no writeWait.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { SyscallError } from "../../runtime/errno.ts";
import type { InetAddress } from "../../runtime/sockaddr.ts";
import { RUNTIME } from "../lib/proc.ts";
import { dial, eventually, pattern, sameBytes, serve, sleep } from "../lib/net.ts";

const V4 = { family: "ipv4", address: "127.0.0.1", port: 0 } as const;
const BIG = 8 << 20;

test("writeWait writes from the caller's views until all is taken; a write queued meanwhile follows", async () => {
  const srv = serve(V4, (conn) => conn.pause());
  const c = await dial({ ...V4, port: (srv.listener.local as InetAddress).port });
  try {
    await eventually(() => srv.conns.length === 1, "accepted");
    if (!c.conn.writeWait) return assert.is(RUNTIME, "bun", "Deno writes from guest memory while a send waits");
    const big = pattern(BIG), lent = big.slice();
    const dones: number[] = [];
    let settled = false;
    const p = c.conn.writeWait(BIG, (done) => {
      dones.push(done);
      return lent.subarray(done);
    }).finally(() => (settled = true));
    const tail = new Uint8Array(64).fill(0x5a);
    c.conn.write(tail);
    await sleep(50);
    assert.ok(!settled, "the kernel did not take it all at once: the caller still waits");
    assert.ok(c.conn.buffered > 64 && c.conn.buffered <= BIG + 64, `buffered ${c.conn.buffered}: the bytes not taken yet`);
    srv.conns[0].conn.resume();
    assert.is(await p, BIG);
    lent.fill(0xee); // the caller's buffer is its own again
    assert.ok(dones.length > 1 && dones[0] === 0, `several writes, the first from 0: ${dones}`);
    for (let i = 1; i < dones.length; i++) assert.ok(dones[i] > dones[i - 1], `each from where the last stopped: ${dones}`);
    await eventually(() => srv.conns[0].rec.bytes >= BIG + 64, "everything arrives");
    const got = srv.conns[0].rec.all();
    assert.is(got.byteLength, BIG + 64);
    assert.ok(sameBytes(got.subarray(0, BIG), big), "the waited bytes, as they were");
    assert.ok(sameBytes(got.subarray(BIG), tail), "then the queued write");
    assert.is(c.conn.buffered, 0);
  } finally {
    c.conn.close();
    for (const s of srv.conns) s.conn.close();
    srv.listener.close();
  }
});

test("writeWait to a peer that goes away mid-write settles with what was taken, or rejects; the sink hears the error", async () => {
  const srv = serve(V4, (conn) => conn.pause());
  const c = await dial({ ...V4, port: (srv.listener.local as InetAddress).port });
  try {
    await eventually(() => srv.conns.length === 1, "accepted");
    if (!c.conn.writeWait) return assert.is(RUNTIME, "bun");
    const big = pattern(BIG);
    const p = c.conn.writeWait(BIG, (done) => big.subarray(done)).then((n) => n, (e) => e);
    await sleep(50);
    srv.conns[0].conn.close(); // unread data: the peer's kernel answers with a RST
    const r = await p;
    if (r instanceof SyscallError) assert.ok(r.errno > 0, String(r));
    else assert.ok(typeof r === "number" && r > 0 && r < BIG, `a partial count: ${r}`);
    await eventually(() => c.rec.closedCount === 1, "closed");
    assert.ok(c.rec.errors.length === 1, `one error: ${c.rec.events}`);
    assert.is(c.conn.buffered, 0);
  } finally {
    c.conn.close();
    for (const s of srv.conns) s.conn.close();
    srv.listener.close();
  }
});

test.run();
