/**
 * Helpers of the end-to-end example tests (issue 3): build an example both
 * ways, pick a free port, run a server and its clients natively or sandboxed
 * with the narrowest grants, and return everything they printed so that a
 * pairing can be compared with the native pair run in the same test.
 *
 * @module
 */

import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import process from "node:process";
import { createSocket } from "node:dgram";
import { buildBoth, type Built, sandboxArgs, SOCKBOX } from "../lib/c.ts";
import { run, until } from "../lib/proc.ts";
import { Watched } from "../readiness/harness.ts";
import * as assert from "uvu/assert";

/** How one side runs: its gcc build, or its wasm build under `sockbox run` on this test's runtime. */
export type Side = "native" | "sandboxed";

/** The three pairings compared with the native ↔ native one: [server, client]. */
export const PAIRINGS: readonly [Side, Side][] = [
  ["sandboxed", "native"],
  ["native", "sandboxed"],
  ["sandboxed", "sandboxed"],
];

/** Every sandboxed run is stopped after this wall-clock time (`--timeout`). */
export const SANDBOX_TIMEOUT_S = 60;

/** How long a test waits for a server to be ready, a client to finish, a server to exit. */
export const WAIT_MS = 30_000;

export { buildBoth, type Built } from "../lib/c.ts";

/** Builds guest/c-examples/`name`.c both ways. */
export function buildExample(name: string): Promise<Built> {
  return buildBoth(`guest/c-examples/${name}.c`);
}

/** `[command, args]` running `built` on `side` with `args`; `grants` apply to the sandboxed side only. */
export function command(built: Built, side: Side, args: string[], grants: string[] = []): [string, string[]] {
  if (side === "native") return [built.native, args];
  return [SOCKBOX, sandboxArgs(built.wasm, args, [`--timeout=${SANDBOX_TIMEOUT_S}`, ...grants])];
}

/** Thrown when a server could not bind its port because something else took it: the test picks another. */
export class PortTaken extends Error {}

const PORT_LOW = 20_000;
const PORT_HIGH = 32_000; // below Linux's ephemeral range (32768-60999), so no client's source port
const PORT_TRIES = 8;

function tcpFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once("error", () => resolve(false));
    s.listen({ port, host, exclusive: true }, () => s.close(() => resolve(true)));
  });
}

function udpFree(port: number, type: "udp4" | "udp6", host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createSocket(type);
    s.once("error", () => resolve(false));
    s.bind(port, host, () => s.close(() => resolve(true)));
  });
}

/** Whether nothing is bound to `port` (TCP and UDP, IPv4 and IPv6) right now. */
export async function portFree(port: number): Promise<boolean> {
  // One after another: a dual-stack `::` bind and a `0.0.0.0` one at once would take each other's port.
  return await tcpFree(port, "::") && await tcpFree(port, "0.0.0.0") &&
    await udpFree(port, "udp6", "::") && await udpFree(port, "udp4", "0.0.0.0");
}

/** A random port that is free now, with `span` free ports from it on. */
export async function randomFreePort(span = 1): Promise<number> {
  for (let i = 0; i < 100; i++) {
    const p = PORT_LOW + Math.floor(Math.random() * (PORT_HIGH - PORT_LOW - span));
    let ok = true;
    for (let k = 0; k < span && ok; k++) ok = await portFree(p + k);
    if (ok) return p;
  }
  throw new Error("no free port found");
}

/**
 * Runs `body` with a free port (`span` consecutive ones); when `body` throws
 * {@link PortTaken} (a concurrent test took the port between the check and
 * the bind) it starts over with another.
 */
export async function withPort<T>(body: (port: number) => Promise<T>, span = 1): Promise<T> {
  for (let i = 1;; i++) {
    const port = await randomFreePort(span);
    try {
      return await body(port);
    } catch (e) {
      if (!(e instanceof PortTaken) || i >= PORT_TRIES) throw e;
    }
  }
}

/** What one program printed. */
export interface Output {
  code: number;
  stdout: string;
  stderr: string;
}

/** A server of a scenario: which program, its arguments, grants, and the line that says it is ready. */
export interface ServerSpec {
  built: Built;
  args: string[];
  grants: string[];
  ready: RegExp;
}

/** A client of a scenario: an example (native or sandboxed) or a native tool such as `nc`. */
export interface ClientSpec {
  /** The command that runs the client on `side`. */
  command(side: Side): [string, string[]];
  /** Text fed to its stdin. */
  input?: string;
}

/** An example program as a client. */
export function exampleClient(built: Built, args: string[], grants: string[]): ClientSpec {
  return { command: (side) => command(built, side, args, grants) };
}

/** A native tool as a client: the same command on either side. */
export function toolClient(cmd: string, args: string[], input?: string): ClientSpec {
  return { command: () => [cmd, args], input };
}

const IN_USE = /in use/i;

/** Starts a server on `side`, waits for its ready line; throws {@link PortTaken} when its port was taken. */
export async function startServer(spec: ServerSpec, side: Side): Promise<Watched> {
  const server = new Watched(...command(spec.built, side, spec.args, spec.grants));
  try {
    await server.line((l) => spec.ready.test(l), WAIT_MS, `the server's ready line ${spec.ready}`);
  } catch (e) {
    server.kill();
    await server.exited;
    if (IN_USE.test(server.stderr)) throw new PortTaken(server.stderr);
    throw e;
  }
  return server;
}

/** Waits for a server's exit (killing it after {@link WAIT_MS}); its output. */
export async function stopServer(server: Watched): Promise<Output> {
  const code = await server.exit(WAIT_MS);
  return { code, stdout: server.lines.map((l) => l + "\n").join(""), stderr: server.stderr };
}

/** Runs a client on `side` to completion. */
export function runClient(spec: ClientSpec, side: Side): Promise<Output> {
  const [cmd, args] = spec.command(side);
  return run(cmd, args, { timeoutMs: WAIT_MS, input: spec.input });
}

/** Everything a scenario printed: the server's output, then each client's. */
export interface ScenarioOutput {
  server: Output;
  clients: Output[];
}

/**
 * Runs one server and its clients (one after another) on the given sides;
 * the server must exit by itself once the clients are done (its NCLIENTS
 * argument). The server is killed if anything fails.
 */
export async function scenario(server: ServerSpec, clients: ClientSpec[], serverSide: Side, clientSide: Side): Promise<ScenarioOutput> {
  const w = await startServer(server, serverSide);
  try {
    const outs: Output[] = [];
    for (const c of clients) outs.push(await runClient(c, clientSide));
    return { server: await stopServer(w), clients: outs };
  } finally {
    w.kill();
  }
}

/**
 * Runs the scenario natively on both sides (the reference), then on the given
 * sides; fails unless every program exits 0 with nothing on stderr and prints
 * exactly what its native counterpart printed.
 */
export async function compareWithNative(
  server: ServerSpec,
  clients: ClientSpec[],
  serverSide: Side,
  clientSide: Side,
): Promise<ScenarioOutput> {
  const ref = await scenario(server, clients, "native", "native");
  assertClean(ref, "the native pair");
  const got = await scenario(server, clients, serverSide, clientSide);
  const what = `${serverSide} server, ${clientSide} clients`;
  assertClean(got, what);
  assert.fixture(got.server.stdout, ref.server.stdout, `server's stdout (${what})`);
  got.clients.forEach((c, i) => assert.fixture(c.stdout, ref.clients[i].stdout, `client ${i + 1}'s stdout (${what})`));
  return got;
}

/** Fails unless every program of `o` exited 0 with an empty stderr. */
export function assertClean(o: ScenarioOutput, what: string): void {
  for (const x of [o.server, ...o.clients]) {
    assert.ok(x.code === 0 && x.stderr === "", `${what}:\n${describe(o)}`);
  }
}

/** A readable account of a scenario's output, for assertion messages. */
export function describe(o: ScenarioOutput): string {
  const one = (what: string, x: Output) => `--- ${what} (exit ${x.code})\n${x.stdout}--- its stderr\n${x.stderr}`;
  return [one("server", o.server), ...o.clients.map((c, i) => one(`client ${i + 1}`, c))].join("\n");
}

/** A native peer process (`nc` …) whose stdin the test writes and whose raw stdout it watches. */
export class Peer {
  /** The process, in its own process group. */
  readonly child: ChildProcess;
  /** Everything it printed so far. */
  stdout = "";
  /** Everything it wrote to stderr so far. */
  stderr = "";

  constructor(cmd: string, args: string[]) {
    this.child = spawn(cmd, args, { stdio: ["pipe", "pipe", "pipe"], detached: true });
    this.child.stdin!.on("error", () => {});
    this.child.stdout!.setEncoding("utf8").on("data", (d: string) => (this.stdout += d));
    this.child.stderr!.setEncoding("utf8").on("data", (d: string) => (this.stderr += d));
  }

  /** Waits (polling, {@link WAIT_MS} at most) until its stdout contains `text`. */
  waitFor(text: string): Promise<void> {
    return until(() => this.stdout.includes(text), WAIT_MS, `${JSON.stringify(text)} from the peer (have ${JSON.stringify(this.stdout)})`);
  }

  /** Writes `text` to its stdin. */
  write(text: string): void {
    this.child.stdin!.write(text);
  }

  /** Kills it (its whole process group) if it still runs. */
  kill(): void {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    try {
      process.kill(-this.child.pid!, "SIGKILL");
    } catch {
      this.child.kill("SIGKILL");
    }
  }
}
