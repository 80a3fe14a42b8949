/**
 * Test helpers that run processes, the same under Deno and Bun
 * (both provide `node:child_process`).
 *
 * @module
 */

import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

/** Repository root. */
export const ROOT: string = fileURLToPath(new URL("../../", import.meta.url)).replace(/\/$/, "");

/** Which JS runtime runs this test file. */
export const RUNTIME: "deno" | "bun" = typeof (globalThis as { Bun?: unknown }).Bun !== "undefined" ? "bun" : "deno";

/** A finished process. */
export interface Result {
  /** Exit status (signal deaths are 128+N). */
  code: number;
  stdout: string;
  stderr: string;
}

/** Options for {@link run}. */
export interface RunOptions {
  /** Text fed to stdin (stdin is closed either way). */
  input?: string;
  /** Kill after this many ms (default 30 s). */
  timeoutMs?: number;
  /** Working directory. */
  cwd?: string;
  /** Extra environment. */
  env?: Record<string, string>;
}

const SIGNALS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGABRT: 6, SIGKILL: 9, SIGSEGV: 11, SIGPIPE: 13, SIGTERM: 15 };

/** Starts `cmd args…`; the caller must end it (see {@link finish}). */
export function start(cmd: string, args: string[], opts: RunOptions = {}): ChildProcess {
  const child = spawn(cmd, args, {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, ...opts.env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  if (opts.input !== undefined) child.stdin!.end(opts.input);
  else child.stdin!.end();
  return child;
}

/** Collects a started process's output and waits for its exit (killing it after `timeoutMs`). */
export function finish(child: ChildProcess, timeoutMs = 30_000): Promise<Result> {
  let stdout = "", stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      stderr += `\n[test] killed after ${timeoutMs} ms`;
    }, timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? 128 + (SIGNALS[signal ?? ""] ?? 0), stdout, stderr });
    });
  });
}

/** Runs `cmd args…` to completion. */
export function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<Result> {
  return finish(start(cmd, args, opts), opts.timeoutMs);
}

/** Waits until `pred()` holds, polling every 10 ms, or throws after `timeoutMs`. */
export async function until(pred: () => boolean, timeoutMs = 10_000, what = "condition"): Promise<void> {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
