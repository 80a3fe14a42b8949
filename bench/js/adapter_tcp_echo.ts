/**
 * A TCP echo server written against sockbox's `NetBackend` (the host adapter
 * the runtime uses), with no guest: it measures what the adapter adds over
 * the plain-Deno / plain-Bun echo servers next to it. The same file runs on
 * both runtimes and picks the runtime's backend. Prints its port, then serves
 * until killed, or until `connections` clients have come and gone.
 *
 *   deno run -A bench/js/adapter_tcp_echo.ts [port [connections]]
 *   bun bench/js/adapter_tcp_echo.ts [port [connections]]
 *
 * @module
 */

import type { NetBackend, StreamSink } from "../../runtime/net_backend.ts";

const isBun = typeof (globalThis as { Bun?: unknown }).Bun !== "undefined";
const args: string[] = isBun
  ? (globalThis as unknown as { process: { argv: string[] } }).process.argv.slice(2)
  : (globalThis as unknown as { Deno: { args: string[] } }).Deno.args;
// Named through a variable so that type-checking one runtime's file does not pull in the other's globals.
const backendModule = isBun ? "../../host/bun/net.ts" : "../../host/deno/net.ts";
const mod = await import(backendModule);
const net: NetBackend = isBun ? mod.bunNet : mod.denoNet;

const connections = Number(args[1] ?? 0); // 0: forever
let done = 0;
const listener = net.listen(
  { family: "ipv4", address: "127.0.0.1", port: Number(args[0] ?? 0) },
  { backlog: 511, reusePort: false, v6Only: false },
  {
    connection(conn): StreamSink {
      return {
        data: (chunk) => conn.write(chunk), // the chunk is ours: hand it straight back
        end: () => conn.close(),
        error: () => conn.close(),
        drain: () => {},
        closed: () => {
          if (++done === connections) {
            listener.close();
            setTimeout(() => (globalThis as unknown as { process: { exit(c: number): void } }).process.exit(0), 0);
          }
        },
      };
    },
    error: () => {},
  },
);
console.log(String((listener.local as { port: number }).port));
