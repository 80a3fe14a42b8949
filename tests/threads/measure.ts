/**
 * What fork() and threads cost, measured side by side in one run (not a
 * test: `deno run -A tests/threads/measure.ts` or `bun tests/threads/measure.ts`;
 * docs/concurrency.md quotes its output). For each server of
 * guest/c-examples — tcp_server (one client at a time, no threads, no fork:
 * the baseline), thread_server, prethread_pool_server, fork_server — it
 * measures, natively and sandboxed on the runtime running the script:
 *
 * - connection rate: CONNS connections one after the other, each sending
 *   one line and reading its echo;
 * - concurrent rate: the same number of connections from PARALLEL clients
 *   at once;
 *
 * and prints the .wasm sizes with and without the fork rewrite.
 *
 * @module
 */

import { statSync } from "node:fs";
import process from "node:process";
import { buildNative, buildWasm, SOCKBOX } from "../lib/c.ts";
import { RUNTIME } from "../lib/proc.ts";
import { listeningPort, Watched } from "../readiness/harness.ts";
import { LineClient } from "./clients.ts";

const CONNS = Number(process.env.CONNS ?? 400);
const PARALLEL = Number(process.env.PARALLEL ?? 20);
const TIMEOUT_MS = 60_000;

const SERVERS: { name: string; extra: string[] }[] = [
  { name: "tcp_server", extra: [] },
  { name: "thread_server", extra: [] },
  { name: "prethread_pool_server", extra: ["8"] },
  { name: "fork_server", extra: [] },
];

async function oneConversation(port: number, i: number): Promise<void> {
  const c = await LineClient.open(port);
  try {
    const w = `m${i}`;
    const got = await c.ask(w, TIMEOUT_MS);
    if (got !== `echo: ${w}`) throw new Error(`bad answer ${got}`);
    await c.finish(TIMEOUT_MS);
  } finally {
    c.destroy();
  }
}

/** Runs `count` conversations, `parallel` at a time; returns connections per second. */
async function drive(cmd: string, args: string[], count: number, parallel: number): Promise<number> {
  const server = new Watched(cmd, args);
  try {
    const port = await listeningPort(server);
    let next = 0;
    const t0 = performance.now();
    await Promise.all(Array.from({ length: parallel }, async () => {
      while (next < count) await oneConversation(port, next++);
    }));
    const secs = (performance.now() - t0) / 1000;
    const code = await server.exit(TIMEOUT_MS);
    if (code !== 0) throw new Error(`${cmd} exited with ${code}: ${server.stderr}`);
    return count / secs;
  } finally {
    server.kill();
  }
}

function row(cells: (string | number)[]): string {
  return cells.map((c, i) => (typeof c === "number" ? c.toFixed(0) : c).padEnd(i === 0 ? 24 : 14)).join("");
}

console.log(`runtime ${RUNTIME}; ${CONNS} connections, sequential and ${PARALLEL} at a time; connections/s`);
console.log(row(["server", "native seq", "sandbox seq", "ratio", "native par", "sandbox par", "ratio"]));
for (const s of SERVERS) {
  const src = [`guest/c-examples/${s.name}.c`];
  const [native, wasm] = await Promise.all([buildNative(src, `measure_${s.name}`), buildWasm(src, `measure_${s.name}`)]);
  const sandboxed = (n: number): [string, string[]] => [
    SOCKBOX,
    ["run", `--runtime=${RUNTIME}`, "--allow-net", wasm, "0", String(n), ...s.extra],
  ];
  const nativeCmd = (n: number): [string, string[]] => [native, ["0", String(n), ...s.extra]];
  const nSeq = await drive(...nativeCmd(CONNS), CONNS, 1);
  const sSeq = await drive(...sandboxed(CONNS), CONNS, 1);
  const parallel = s.name === "tcp_server" ? 1 : PARALLEL; // tcp_server serves one client at a time
  const nPar = await drive(...nativeCmd(CONNS), CONNS, parallel);
  const sPar = await drive(...sandboxed(CONNS), CONNS, parallel);
  console.log(row([s.name, nSeq, sSeq, (sSeq / nSeq).toFixed(2), nPar, sPar, (sPar / nPar).toFixed(2)]));
  console.log(`${"".padEnd(24)}${s.name}.wasm: ${statSync(wasm).size} bytes`);
}
