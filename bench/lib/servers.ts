/**
 * The servers under test and how each subject starts one. Every server
 * prints its port on its first stdout line and serves until killed.
 *
 * @module
 */

import type { Builds, Program } from "./build.ts";
import { BIN, type Pin, pinPrefix, ROOT, SANDBOXED, type Subject } from "./config.ts";
import type { Grants } from "./grants.ts";

/** What a server does: blocking echo (one connection at a time), poll() echo (many), UDP echo. */
export type Role = "echo" | "poll" | "udp";

/** The C program that plays each role (native and sandboxed). */
const C_PROGRAM: Record<Role, Program> = { echo: "echo_server", poll: "poll_server", udp: "udp_echo_server" };

/** The plain-JS server for a role (one TCP server serves both stream roles). */
function jsServer(runtime: "deno" | "bun", role: Role): string {
  return `${ROOT}/bench/js/${runtime}_${role === "udp" ? "udp" : "tcp"}_echo.ts`;
}

/** How long a server may take to print its port. */
const START_TIMEOUT_MS = 30_000;

/** How long a server may take to exit after SIGTERM before it is killed. */
const STOP_GRACE_MS = 3_000;

/** What the harness needs to start anything. */
export interface Env {
  builds: Builds;
  grants: Grants;
  /** CPU placement of servers and clients. */
  pin: Pin;
}

/** The command line that starts `subject`'s server for `role` on an ephemeral port. */
export function serverCommand(subject: Subject, role: Role, env: Env): [string, string[]] {
  switch (subject) {
    case "native":
      return [env.builds.native[C_PROGRAM[role]], ["0"]];
    case "deno":
      return [BIN.deno, ["run", "--quiet", "--no-config", "--allow-net", ...(role === "udp" ? ["--unstable-net"] : []), jsServer("deno", role), "0"]];
    case "bun":
      return [BIN.bun, [jsServer("bun", role), "0"]];
    default: {
      if (!env.builds.wasm) throw new Error(env.builds.wasmError);
      const g = env.grants;
      const grants = role === "udp" ? g.udpServer : role === "poll" ? [...g.tcpServer, ...g.manyConnections] : g.tcpServer;
      return [BIN.sockbox, ["run", `--runtime=${SANDBOXED[subject]}`, ...grants, env.builds.wasm[C_PROGRAM[role]], "0"]];
    }
  }
}

/** Servers started and not yet stopped, so an interrupted run can stop them. */
const running = new Set<() => Promise<string>>();

/** Stops every server still running (on SIGINT/SIGTERM of the harness). */
export async function stopAllServers(): Promise<void> {
  await Promise.all([...running].map((stop) => stop()));
}

/** A server that is up and listening. */
export interface RunningServer {
  /** The port it printed. */
  port: number;
  /** Its process id (the JS runtime's for sandboxed servers: `taskset` and `bin/sockbox` exec it). */
  pid: number;
  /** Stops it; resolves to what it wrote on stderr. */
  stop(): Promise<string>;
  /** Resolves with its exit status when it exits on its own. */
  exited: Promise<Deno.CommandStatus>;
}

/** Starts `subject`'s server for `role`; rejects with its stderr if it does not come up. */
export function startServer(subject: Subject, role: Role, env: Env): Promise<RunningServer> {
  const [cmd, args] = serverCommand(subject, role, env);
  return spawnServer([...pinPrefix(env.pin, "server"), cmd, ...args], `${subject} ${role} server`);
}

/** Starts `argv` and waits for the port on its first stdout line; rejects with its stderr if none comes. */
export async function spawnServer(argv: string[], what: string): Promise<RunningServer> {
  const [cmd, ...args] = argv;
  const child = new Deno.Command(cmd, { args, stdin: "null", stdout: "piped", stderr: "piped" }).spawn();
  let stderr = "";
  const stderrDone = (async () => {
    const dec = new TextDecoder();
    for await (const chunk of child.stderr) if (stderr.length < 65536) stderr += dec.decode(chunk);
  })();
  const stop = async (): Promise<string> => {
    running.delete(stop);
    try {
      child.kill("SIGTERM");
    } catch {
      // already exited
    }
    const timer = setTimeout(() => {
      try {
        child.kill("SIGKILL");
      } catch {
        // exited meanwhile
      }
    }, STOP_GRACE_MS);
    await child.status;
    clearTimeout(timer);
    await stderrDone;
    return stderr;
  };
  running.add(stop);
  const reader = child.stdout.getReader();
  let text = "";
  const timer = setTimeout(() => {
    try {
      child.kill("SIGKILL");
    } catch {
      // exited meanwhile
    }
  }, START_TIMEOUT_MS);
  try {
    const dec = new TextDecoder();
    while (!text.includes("\n")) {
      const { value, done } = await reader.read();
      if (done) break;
      text += dec.decode(value);
    }
  } finally {
    clearTimeout(timer);
  }
  const port = Number(text.split("\n")[0].trim());
  if (!text.includes("\n") || !Number.isInteger(port) || port <= 0) {
    const err = await stop();
    throw new Error(`${what} did not start (printed '${text.trim()}'): ${err.trim().slice(-800)}`);
  }
  // Keep draining stdout so the server never blocks on a full pipe.
  (async () => {
    try {
      while (!(await reader.read()).done) { /* discard */ }
    } catch {
      // the process is gone
    }
  })();
  return { port, pid: child.pid, stop, exited: child.status };
}
