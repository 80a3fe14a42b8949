/**
 * guest/c-examples/nonblock_client.c, native and sandboxed against the same
 * native peers: a server that answers, a closed port (ECONNREFUSED through
 * SO_ERROR), a port whose connections never complete (the connect timeout)
 * and a server that never answers (the reply timeout). Same stdout, same
 * exit status, and the timeouts take their time.
 *
 * @module
 */

import { createServer, type Server, type Socket } from "node:net";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT, run } from "../lib/proc.ts";
import { buildBoth, type Built, command, listeningPort, type Mode, Watched } from "./harness.ts";

const TIMEOUT_MS = 700;
const built = buildBoth("guest/c-examples/nonblock_client.c");
built.catch(() => {});

const open = new Map<Server, Set<Socket>>();

function serve(onConn: (s: Socket) => void): Promise<{ server: Server; port: number }> {
  const conns = new Set<Socket>();
  const server = createServer((s) => {
    conns.add(s);
    s.on("close", () => conns.delete(s));
    s.on("error", () => {});
    onConn(s);
  });
  open.set(server, conns);
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ server, port: (server.address() as { port: number }).port }))
  );
}

/** Stops `server` and drops the connections it still has. */
function closeServer(server: Server): Promise<void> {
  for (const s of open.get(server) ?? []) s.destroy();
  open.delete(server);
  return new Promise((resolve) => server.close(() => resolve()));
}

async function both(b: Built, args: string[]): Promise<{ out: string; code: number; ms: Record<Mode, number> }> {
  const ms = { native: 0, sandboxed: 0 };
  const results: Record<Mode, { stdout: string; stderr: string; code: number }> = {} as never;
  for (const mode of ["native", "sandboxed"] as const) {
    const t0 = Date.now();
    results[mode] = await run(...command(b, mode, args), { timeoutMs: 30_000 });
    ms[mode] = Date.now() - t0;
  }
  assert.fixture(results.sandboxed.stdout, results.native.stdout);
  assert.is(results.sandboxed.code, results.native.code, results.sandboxed.stderr);
  return { out: results.native.stdout, code: results.native.code, ms };
}

test("connects, sends a line, prints the reply until the server closes", async () => {
  const { server, port } = await serve((s) => {
    s.setEncoding("utf8");
    s.once("data", (d: string) => s.end(`echo: ${d.trim()}\nsecond line\n`));
  });
  try {
    const r = await both(await built, ["127.0.0.1", String(port), String(TIMEOUT_MS), "hi", "there"]);
    assert.is(r.code, 0);
    assert.ok(r.out.includes("connected\nsent: hi there\nreply: echo: hi there\nreply: second line\nserver closed"), r.out);
  } finally {
    await closeServer(server);
  }
});

test("a closed port: connect failed (SO_ERROR is ECONNREFUSED), exit 2", async () => {
  const { server, port } = await serve(() => {});
  await closeServer(server);
  const r = await both(await built, ["127.0.0.1", String(port), String(TIMEOUT_MS)]);
  assert.is(r.code, 2);
  assert.ok(r.out.includes("connect failed: Connection refused"), r.out);
});

test("a port that never completes the handshake: connect timed out, after the timeout", async () => {
  const hole = new Watched("python3", [`${ROOT}/tests/readiness/blackhole.py`], { keepStdin: true });
  try {
    const port = await listeningPort(hole);
    const r = await both(await built, ["127.0.0.1", String(port), String(TIMEOUT_MS)]);
    assert.is(r.code, 3);
    assert.ok(r.out.includes(`connect timed out after ${TIMEOUT_MS} ms`), r.out);
    assert.ok(r.ms.sandboxed >= TIMEOUT_MS, `sandboxed run took ${r.ms.sandboxed} ms`);
  } finally {
    hole.endStdin();
    await hole.exit(5_000);
  }
});

test("a server that never answers: no reply within the timeout, exit 3", async () => {
  const { server, port } = await serve(() => {});
  try {
    const r = await both(await built, ["127.0.0.1", String(port), String(TIMEOUT_MS)]);
    assert.is(r.code, 3);
    assert.ok(r.out.includes(`sent: hello\nno reply within ${TIMEOUT_MS} ms`), r.out);
  } finally {
    await closeServer(server);
  }
});

test("IPv6 loopback works the same way", async () => {
  const server = createServer((s) => {
    s.on("error", () => {});
    s.setEncoding("utf8");
    s.once("data", (d: string) => s.end(`six: ${d.trim()}\n`));
  });
  open.set(server, new Set());
  const port = await new Promise<number>((resolve) =>
    server.listen(0, "::1", () => resolve((server.address() as { port: number }).port))
  );
  try {
    const r = await both(await built, ["::1", String(port), String(TIMEOUT_MS), "v6"]);
    assert.is(r.code, 0);
    assert.ok(r.out.includes("reply: six: v6"), r.out);
  } finally {
    await closeServer(server);
  }
});

test.run();
