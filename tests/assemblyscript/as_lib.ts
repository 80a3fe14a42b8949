/**
 * Helpers for the AssemblyScript tests: build the AS programs with
 * guest/assemblyscript/build.sh, start servers and learn their ports, and
 * compare outputs across runs that got different ephemeral ports.
 *
 * @module
 */

import type { ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { finish, ROOT, run, start, type Result, until } from "../lib/proc.ts";
import { SOCKBOX, sandboxArgs } from "../lib/c.ts";

/** Where build.sh puts the AssemblyScript programs. */
export const AS_BUILD_DIR = `${ROOT}/build/assemblyscript`;

/** The AssemblyScript build script. */
export const AS_BUILD = `${ROOT}/guest/assemblyscript/build.sh`;

/** The four example programs. */
export const AS_EXAMPLES = ["echo_server", "echo_client", "udp_server", "udp_client"];

/** The AS test programs (no network needed for `selftest`). */
export const AS_TEST_PROGRAMS = ["tests/selftest", "tests/nonblocking", "tests/aborts"];

/** Options every sandboxed run of these tests gets: a stuck guest ends by itself. */
const GUARD = ["--timeout=60"];

/** The grant to bind `host` (`127.0.0.1`, `[::1]`, `0.0.0.0`) on any port, for `proto`. */
export function listenGrant(host: string, proto: "tcp" | "udp"): string {
  return `--allow-listen=${host}:*/${proto}`;
}

/** The grant to connect (or send datagrams) to `host:port` (`port` may be `*`), for `proto`. */
export function connectGrant(host: string, port: number | "*", proto: "tcp" | "udp"): string {
  return `--allow-connect=${host}:${port}/${proto}`;
}

/** How long a server may take to print its port. */
const STARTUP_MS = 20_000;

/**
 * Builds AS programs (example names or `tests/NAME`) and returns their .wasm
 * paths, in order. Builds are shared by the Deno and Bun runs (build.sh
 * renames finished files into place).
 */
export async function buildAs(names: string[]): Promise<string[]> {
  const r = await run(AS_BUILD, names, { timeoutMs: 300_000 });
  if (r.code !== 0) throw new Error(`build.sh ${names.join(" ")} failed (${r.code}):\n${r.stdout}${r.stderr}`);
  return names.map((n) => `${AS_BUILD_DIR}/${n.slice(n.lastIndexOf("/") + 1)}.wasm`);
}

/** A started server: its process, the port it printed, and its eventual result. */
export interface Server {
  /** The process. */
  child: ChildProcess;
  /** The port from its first stdout line (0 for a unix-path server). */
  port: number;
  /** Resolves when it exits. */
  done: Promise<Result>;
}

/**
 * Starts `cmd args…` and waits for its stdout to match `ready` (whose first
 * group, if any, is the port). A server that exits or never gets ready is
 * killed and the test fails with its output.
 */
export async function startServer(cmd: string, args: string[], ready: RegExp): Promise<Server> {
  const child = start(cmd, args);
  let out = "";
  let exited = false;
  child.stdout!.on("data", (d: Buffer | string) => (out += String(d)));
  const done = finish(child, 60_000).finally(() => (exited = true));
  try {
    await until(() => ready.test(out) || exited, STARTUP_MS, `${args.join(" ")} to print ${ready}`);
  } catch (e) {
    child.kill("SIGKILL");
    const r = await done;
    throw new Error(`${(e as Error).message}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  }
  if (!ready.test(out)) {
    const r = await done;
    throw new Error(`${cmd} ${args.join(" ")} exited (${r.code}) before it was ready:\n${r.stdout}${r.stderr}`);
  }
  const m = out.match(ready)!;
  return { child, port: m[1] ? Number(m[1]) : 0, done };
}

/** Starts a .wasm server under `sockbox run` on this test's runtime with `grants` (and other options). */
export function startSandboxed(wasm: string, args: string[], ready: RegExp, grants: string[]): Promise<Server> {
  return startServer(SOCKBOX, sandboxArgs(wasm, args, [...GUARD, ...grants]), ready);
}

/** Runs a .wasm client under `sockbox run` on this test's runtime with `grants` (and other options). */
export function runSandboxedClient(wasm: string, args: string[], grants: string[], input?: string): Promise<Result> {
  return run(SOCKBOX, sandboxArgs(wasm, args, [...GUARD, ...grants]), { input, timeoutMs: 30_000 });
}

/** Waits for a server's exit, killing it if it outlives `ms`; returns its result. */
export async function stopServer(s: Server, ms = 15_000): Promise<Result> {
  const timer = setTimeout(() => s.child.kill("SIGKILL"), ms);
  try {
    return await s.done;
  } finally {
    clearTimeout(timer);
  }
}

/** Kills a server that is still running (a no-op once it exited) and waits for it. */
export async function killServer(s: Server): Promise<void> {
  if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill("SIGKILL");
  await s.done;
}

/** `text` with every standalone occurrence of `port` replaced by `PORT`. */
export function maskPort(text: string, port: number): string {
  return port === 0 ? text : text.replace(new RegExp(`(?<![0-9])${port}(?![0-9])`, "g"), "PORT");
}

/** A fresh private directory under the system temp dir (for unix socket paths); remove it with `rmSync`. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
