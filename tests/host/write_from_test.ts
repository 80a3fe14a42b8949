// StreamConn.writeFrom: the caller's buffer is only lent for the call. Writes
// from one reused buffer (small ones, and one far larger than the kernel
// takes at once, to a paused reader) arrive as they were when written.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { dial, eventually, pattern, sameBytes, serve, sleep } from "../lib/net.ts";
import type { InetAddress } from "../../runtime/sockaddr.ts";

const V4 = { family: "ipv4", address: "127.0.0.1", port: 0 } as const;

test("writeFrom copies what it keeps: the source buffer is reused at once", async () => {
  const srv = serve(V4, (conn) => conn.pause());
  const c = await dial({ ...V4, port: (srv.listener.local as InetAddress).port });
  try {
    const writeFrom = c.conn.writeFrom?.bind(c.conn);
    assert.ok(writeFrom, "both hosts write from a lent buffer");
    const want: Uint8Array[] = [];
    const lent = new Uint8Array(8 << 20);
    for (let i = 0; i < 500; i++) {
      const small = lent.subarray(0, 100);
      small.fill(i & 0xff);
      want.push(small.slice());
      writeFrom(small);
    }
    const big = pattern(8 << 20);
    lent.set(big);
    want.push(big);
    writeFrom(lent);
    lent.fill(0xee); // the guest reuses its buffer as soon as send() returns
    await eventually(() => srv.conns.length === 1, "accepted");
    await sleep(50);
    assert.ok(c.conn.buffered > 0, "the kernel did not take it all at once");
    srv.conns[0].conn.resume();
    const total = want.reduce((n, w) => n + w.byteLength, 0);
    await eventually(() => srv.conns[0].rec.bytes >= total, "everything arrives");
    const got = srv.conns[0].rec.all();
    let off = 0;
    for (const w of want) {
      assert.ok(sameBytes(got.subarray(off, off + w.byteLength), w), `bytes at ${off}`);
      off += w.byteLength;
    }
    assert.is(got.byteLength, total);
  } finally {
    c.conn.close();
    for (const s of srv.conns) s.conn.close();
    srv.listener.close();
  }
});

test.run();
