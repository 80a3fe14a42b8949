/**
 * The concurrent servers of guest/c-examples (thread_server,
 * prethread_pool_server, prodcons, fork_server), sandboxed and native: 20
 * native clients at once, each a request/response conversation, while one
 * more client stays connected and silent — its thread blocked in read(), or
 * for fork_server its child process, whose connection the parent closed its
 * copy of long before — until all the others are done. The server's stdout,
 * sorted (threads and processes print in whatever order they run), must
 * equal the native build's.
 *
 * @module
 */

import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildBoth, type Built, command, listeningPort, type Mode, Watched } from "../readiness/harness.ts";
import { LineClient, sortedLines, wordsOf } from "./clients.ts";

const CLIENTS = 20;
const WORDS = 3;
const ANSWER_TIMEOUT_MS = 30_000;

interface ServerCase {
  name: string;
  /** What the silent client shows for this server. */
  silent: string;
  /** Arguments after PORT and NCLIENTS. */
  extra: string[];
  /** The answer to `word`. */
  answer(word: string): string;
}

const reverse = (w: string) => [...w].reverse().join("");

const BLOCKED_THREAD = "a thread blocked in read() does not stop the others";

const CASES: ServerCase[] = [
  { name: "thread_server", silent: BLOCKED_THREAD, extra: [], answer: (w) => `echo: ${w}` },
  { name: "prethread_pool_server", silent: BLOCKED_THREAD, extra: ["4"], answer: (w) => `echo: ${w}` },
  {
    name: "prodcons",
    silent: BLOCKED_THREAD,
    extra: ["3", "4"],
    answer: (w) => `${w} -> ${reverse(w)} (${w.length} letters)`,
  },
  {
    name: "fork_server",
    silent: "the parent closed its copy of every accepted socket; each child's connection lives on",
    extra: [],
    answer: (w) => `echo: ${w}`,
  },
];

/** One conversation: ask every word, check every answer, close. */
async function converse(c: LineClient, i: number, sc: ServerCase): Promise<void> {
  for (const w of wordsOf(i, WORDS)) {
    assert.is(await c.ask(w, ANSWER_TIMEOUT_MS), sc.answer(w), `client ${i}'s answer to ${w}`);
  }
  await c.finish(ANSWER_TIMEOUT_MS);
}

/** Runs the scenario against one build; returns the server's stdout lines after the listening line. */
async function serve(built: Built, mode: Mode, sc: ServerCase): Promise<string[]> {
  const server = new Watched(...command(built, mode, ["0", String(CLIENTS + 1), ...sc.extra]));
  const clients: LineClient[] = [];
  try {
    const port = await listeningPort(server);
    const silent = await LineClient.open(port);
    clients.push(silent);
    const busy = await Promise.all(Array.from({ length: CLIENTS }, () => LineClient.open(port)));
    clients.push(...busy);
    await Promise.all(busy.map((c, i) => converse(c, i + 1, sc)));
    assert.is(silent.lines.length, 0, "the silent client got nothing");
    assert.ok(!silent.ended, "the silent client is still connected");
    await converse(silent, 0, sc);
    const code = await server.exit(30_000);
    assert.is(code, 0, `server exit status; stderr: ${server.stderr}`);
    assert.is(server.stderr, "");
    return server.lines.filter((l) => !/^listening on port/.test(l));
  } finally {
    for (const c of clients) c.destroy();
    server.kill();
  }
}

for (const sc of CASES) {
  const built = buildBoth(`guest/c-examples/${sc.name}.c`);
  built.catch(() => {}); // reported by the test that awaits it
  test(`${sc.name}: ${CLIENTS} concurrent native clients and a silent one, as the native build; ${sc.silent}`, async () => {
    const b = await built;
    const native = await serve(b, "native", sc);
    const sandboxed = await serve(b, "sandboxed", sc);
    assert.equal(sortedLines(sandboxed), sortedLines(native));
    assert.is(sandboxed[sandboxed.length - 1], "server done");
  });
}

test.run();
