/**
 * The chat servers of guest/c-examples (select() and poll()), sandboxed, with
 * 50 native clients at once: every line a client sends reaches every other
 * client exactly once, in the order it was sent, and never its sender. The
 * native build runs the same test first, so a failure is known to be the
 * sandbox's.
 *
 * @module
 */

import { connect, type Socket } from "node:net";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildBoth, type Built, command, listeningPort, type Mode, Watched } from "./harness.ts";

const CLIENTS = 50;
const LINES_PER_CLIENT = 4;
const DELIVERY_TIMEOUT_MS = 60_000;

interface Client {
  sock: Socket;
  lines: string[];
  ended: boolean;
}

function open(port: number): Promise<Client> {
  return new Promise((resolve, reject) => {
    const c: Client = { sock: connect({ host: "127.0.0.1", port }), lines: [], ended: false };
    let partial = "";
    c.sock.setEncoding("utf8");
    c.sock.on("data", (d: string) => {
      const parts = (partial + d).split("\n");
      partial = parts.pop()!;
      c.lines.push(...parts);
    });
    c.sock.on("end", () => (c.ended = true));
    c.sock.once("connect", () => resolve(c));
    c.sock.once("error", reject);
  });
}

async function until(pred: () => boolean, ms: number, what: () => string): Promise<void> {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out: ${what()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Checks what client `i` received: each other client's lines once, in order, none of its own. */
function checkDelivery(clients: Client[]): void {
  for (let i = 0; i < clients.length; i++) {
    const seen = new Map<number, number[]>();
    for (const line of clients[i].lines) {
      const m = /^client \d+: msg from (\d+) #(\d+)$/.exec(line);
      assert.ok(m, `client ${i} got an unexpected line: ${JSON.stringify(line)}`);
      const from = Number(m[1]), k = Number(m[2]);
      assert.is.not(from, i, `client ${i} got its own line back`);
      seen.set(from, [...(seen.get(from) ?? []), k]);
    }
    for (let j = 0; j < clients.length; j++) {
      if (j === i) continue;
      const want = Array.from({ length: LINES_PER_CLIENT }, (_, k) => k);
      assert.equal(seen.get(j) ?? [], want, `client ${i}'s lines from client ${j}`);
    }
  }
}

async function chat(built: Built, mode: Mode): Promise<void> {
  const server = new Watched(...command(built, mode, ["0", String(CLIENTS)]));
  const clients: Client[] = [];
  try {
    const port = await listeningPort(server);
    clients.push(...await Promise.all(Array.from({ length: CLIENTS }, () => open(port))));
    // Everyone is registered before anyone speaks, so every line has 49 listeners.
    await server.count((l) => / connected$/.test(l), CLIENTS, 30_000, "connected lines");
    clients.forEach((c, i) => {
      // Two writes per client: one with several lines, one with a line split in two.
      const lines = Array.from({ length: LINES_PER_CLIENT }, (_, k) => `msg from ${i} #${k}\n`);
      const half = lines.slice(0, -1).join("") + lines[LINES_PER_CLIENT - 1].slice(0, 5);
      c.sock.write(half);
      setTimeout(() => c.sock.write(lines[LINES_PER_CLIENT - 1].slice(5)), 20);
    });
    const expected = (CLIENTS - 1) * LINES_PER_CLIENT;
    await until(
      () => clients.every((c) => c.lines.length >= expected),
      DELIVERY_TIMEOUT_MS,
      () => `deliveries: ${clients.map((c) => c.lines.length).join(",")} of ${expected}; server stderr: ${server.stderr}`,
    );
    await new Promise((r) => setTimeout(r, 300)); // duplicates, if any, would arrive now
    checkDelivery(clients);
    for (const c of clients) c.sock.end();
    const code = await server.exit(30_000);
    assert.is(code, 0, `server exit status; stderr: ${server.stderr}`);
    assert.is(server.lines.filter((l) => / left$/.test(l)).length, CLIENTS);
    assert.is(server.lines[server.lines.length - 1], "server done");
    assert.ok(clients.every((c) => c.ended), "every client saw the server close");
  } finally {
    for (const c of clients) c.sock.destroy();
    server.kill();
  }
}

async function shutdownLine(built: Built, mode: Mode): Promise<void> {
  const server = new Watched(...command(built, mode, ["0"]));
  try {
    const port = await listeningPort(server);
    const a = await open(port), b = await open(port);
    await server.count((l) => / connected$/.test(l), 2, 20_000, "connected lines");
    a.sock.write("hi\n/shutdown\n");
    assert.is(await server.exit(20_000), 0, server.stderr);
    await until(() => b.ended, 10_000, () => "the other client to see the close");
    assert.equal(b.lines, ["client 1: hi"]);
    assert.is(server.lines[server.lines.length - 1], "server done");
    a.sock.destroy();
    b.sock.destroy();
  } finally {
    server.kill();
  }
}

for (const name of ["select_chat_server", "poll_chat_server"]) {
  const built = buildBoth(`guest/c-examples/${name}.c`);
  built.catch(() => {}); // reported by the tests that await it
  for (const mode of ["native", "sandboxed"] as const) {
    test(`${name} (${mode}): ${CLIENTS} clients at once, every line to every other client exactly once`, async () => {
      await chat(await built, mode);
    });
    test(`${name} (${mode}): the line /shutdown stops it`, async () => {
      await shutdownLine(await built, mode);
    });
  }
}

test.run();
