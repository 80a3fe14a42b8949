/**
 * In-process 64-byte ping-pong: a plain client of the runtime's own API
 * against (a) a plain echo server of the same runtime and (b) an echo server
 * written against sockbox's `NetBackend`, alternating short batches so that
 * load from elsewhere hits both alike. Prints µs per round trip for each.
 * Runs on Deno and Bun.
 *
 *   deno run -A bench/js/adapter_pingpong.ts [rounds [batch]]
 *   bun bench/js/adapter_pingpong.ts [rounds [batch]]
 *
 * @module
 */

import type { NetBackend, StreamSink } from "../../runtime/net_backend.ts";

// deno-lint-ignore no-explicit-any
const G = globalThis as any;
const isBun = G.Bun !== undefined;
const args: string[] = isBun ? G.process.argv.slice(2) : G.Deno.args;
const ROUNDS = Number(args[0] ?? 10), BATCH = Number(args[1] ?? 20000);
// Named through a variable so that type-checking one runtime's file does not pull in the other's globals.
const backendModule = isBun ? "../../host/bun/net.ts" : "../../host/deno/net.ts";
const mod = await import(backendModule);
const net: NetBackend = isBun ? mod.bunNet : mod.denoNet;
const MSG = new Uint8Array(64).fill(42);

/** An echo server through the adapter; returns its port and a stop function. */
function adapterServer(): { port: number; stop: () => void } {
  const l = net.listen({ family: "ipv4", address: "127.0.0.1", port: 0 }, {
    backlog: 16,
    reusePort: false,
    v6Only: false,
  }, {
    connection: (conn): StreamSink => ({
      data: (c) => conn.write(c),
      end: () => conn.close(),
      error: () => conn.close(),
      drain: () => {},
      closed: () => {},
    }),
    error: () => {},
  });
  return { port: (l.local as { port: number }).port, stop: () => l.close() };
}

/** A plain echo server of the runtime. */
function plainServer(): { port: number; stop: () => void } {
  if (isBun) {
    const s = G.Bun.listen({
      hostname: "127.0.0.1",
      port: 0,
      socket: { data: (sock: { write(d: Uint8Array): number }, d: Uint8Array) => sock.write(d) },
    });
    return { port: s.port, stop: () => s.stop(true) };
  }
  const l = G.Deno.listen({ hostname: "127.0.0.1", port: 0 });
  (async () => {
    for await (const conn of l) {
      (async () => {
        const buf = new Uint8Array(65536);
        try {
          for (;;) {
            const n = await conn.read(buf);
            if (n === null) break;
            let off = 0;
            while (off < n) off += await conn.write(buf.subarray(off, n));
          }
        } catch { /* closed */ }
        conn.close();
      })();
    }
  })().catch(() => {});
  return { port: l.addr.port, stop: () => l.close() };
}

/** A plain client doing `n` round trips; resolves to µs per round trip. */
async function client(port: number, n: number): Promise<number> {
  if (isBun) {
    let left = n, got = 0, t0 = 0;
    let done!: (us: number) => void;
    const finished = new Promise<number>((r) => (done = r));
    const sock = await G.Bun.connect({
      hostname: "127.0.0.1",
      port,
      socket: {
        data(s: { write(d: Uint8Array): number; end(): void }, d: Uint8Array) {
          got += d.byteLength;
          if (got < 64) return;
          got = 0;
          if (--left === 0) {
            s.end();
            done((performance.now() - t0) * 1000 / n);
          } else s.write(MSG);
        },
      },
    });
    sock.setNoDelay(true);
    t0 = performance.now();
    sock.write(MSG);
    return finished;
  }
  const conn = await G.Deno.connect({ hostname: "127.0.0.1", port });
  conn.setNoDelay(true);
  const buf = new Uint8Array(256);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    await conn.write(MSG);
    let got = 0;
    while (got < 64) got += (await conn.read(buf)) ?? 64;
  }
  const us = (performance.now() - t0) * 1000 / n;
  conn.close();
  return us;
}

const results: Record<string, number[]> = { plain: [], adapter: [] };
for (let r = 0; r < ROUNDS; r++) {
  for (const [name, make] of [["plain", plainServer], ["adapter", adapterServer]] as const) {
    const s = make();
    results[name].push(await client(s.port, BATCH));
    s.stop();
  }
}
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
for (const [name, v] of Object.entries(results)) {
  console.log(
    `${isBun ? "bun" : "deno"} ${name.padEnd(7)} median ${median(v).toFixed(2)} µs/rt  best ${
      Math.min(...v).toFixed(2)
    }`,
  );
}
G.process.exit(0);
