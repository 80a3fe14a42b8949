// A connection closed with nothing queued, then written to at once by its peer in
// the same process: as on Linux (where the close is immediate and the write
// fails), the peer reads what was sent before the close, then EOF, never
// ECONNRESET. Deno closes a socket only once its pending read has ended, so the
// adapter keeps that read one timer turn to take such bytes (a close with them
// unread would be a reset).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Errno } from "../../runtime/errno.ts";
import type { InetAddress } from "../../runtime/sockaddr.ts";
import { dial, eventually, serve, sleep, tempDir } from "../lib/net.ts";

const SENT = 20000;

for (const family of ["unix", "ipv4"] as const) {
  test(`${family}: closed after its bytes were taken, then written to at once: the peer reads them, then EOF`, async () => {
    const tmp = tempDir();
    const addr = family === "unix"
      ? { family, path: `${tmp.dir}/s.sock` } as const
      : { family, address: "127.0.0.1", port: 0 } as const;
    const srv = serve(addr);
    const to = family === "unix" ? addr : { ...addr, port: (srv.listener.local as InetAddress).port };
    const c = await dial(to);
    try {
      await eventually(() => srv.conns.length === 1, "accepted");
      const peer = srv.conns[0].conn;
      peer.write(new Uint8Array(SENT).fill(97));
      await eventually(() => peer.buffered === 0, "the OS took the bytes");
      await sleep(20);
      peer.close();
      c.conn.write(new Uint8Array([120])); // may be taken: the host has not heard of the close yet
      await eventually(() => c.rec.closedCount === 1 || (c.rec.ended && c.rec.bytes === SENT), "EOF");
      assert.is(c.rec.bytes, SENT, `bytes read; events: ${c.rec.events}`);
      assert.ok(c.rec.ended, `EOF; events: ${c.rec.events}`);
      await sleep(50); // a reset would come now
      assert.not.ok(c.rec.errors.includes(Errno.CONNRESET), `no reset: ${c.rec.events}`);
    } finally {
      c.conn.close();
      for (const s of srv.conns) s.conn.close();
      srv.listener.close();
      tmp.remove();
    }
  });
}

test.run();
