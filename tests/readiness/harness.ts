/**
 * Helpers of the readiness tests: building a program both ways, running it
 * natively or sandboxed with the network granted, watching its stdout line by
 * line, and measuring the CPU time of a process tree.
 *
 * @module
 */

import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import process from "node:process";
import { type Built, sandboxArgs, SOCKBOX } from "../lib/c.ts";
import { ROOT } from "../lib/proc.ts";
import * as assert from "uvu/assert";

/** How a program is run: its native gcc build or its wasm build under `sockbox run`. */
export type Mode = "native" | "sandboxed";

export { buildBoth, type Built } from "../lib/c.ts";

/**
 * The grants a sandboxed test program gets: binding on loopback and on the
 * wildcard address (servers bind INADDR_ANY; an unbound UDP socket binds it
 * on first send), connecting to loopback only. One place, so a change of the
 * grant flags (see `sockbox run --help`) is one edit.
 */
export function netGrants(): string[] {
  return [
    "--allow-listen=127.0.0.1:*",
    "--allow-listen=0.0.0.0:*",
    "--allow-connect=127.0.0.1:*",
    "--allow-connect=[::1]:*",
  ];
}

/** `[command, args]` that run `built` in `mode` with `args`. */
export function command(built: Built, mode: Mode, args: string[], extra: string[] = []): [string, string[]] {
  if (mode === "native") return [built.native, args];
  return [SOCKBOX, sandboxArgs(built.wasm, args, [...netGrants(), ...extra])];
}

/** A running program whose stdout is split into lines as it arrives. */
export class Watched {
  /** The process. */
  readonly child: ChildProcess;
  /** Complete stdout lines so far. */
  readonly lines: string[] = [];
  /** Everything written to stderr so far. */
  stderr = "";
  #partial = "";
  #waiters: (() => void)[] = [];
  /** The exit status, once it exits. */
  readonly exited: Promise<number>;

  /**
   * Starts `cmd args…`; stdin stays open (see {@link write}, {@link endStdin})
   * when `keepStdin`. With `pipeStdin` the program's stdin is a real pipe, fed
   * through `cat`: Bun gives a child a unix socket for stdin, and a socket at
   * EOF polls differently from a pipe.
   */
  constructor(cmd: string, args: string[], opts: { keepStdin?: boolean; pipeStdin?: boolean } = {}) {
    const [c, a] = opts.pipeStdin ? ["sh", ["-c", 'cat | "$0" "$@"', cmd, ...args]] : [cmd, args];
    // Its own process group, so that kill() ends the pipeline's every process.
    this.child = spawn(c, a, { cwd: ROOT, stdio: ["pipe", "pipe", "pipe"], detached: true });
    this.child.stdin!.on("error", () => {}); // the program may exit before reading
    if (!opts.keepStdin) this.child.stdin!.end();
    this.child.stdout!.setEncoding("utf8").on("data", (d: string) => {
      const parts = (this.#partial + d).split("\n");
      this.#partial = parts.pop()!;
      this.lines.push(...parts);
      for (const w of this.#waiters.splice(0)) w();
    });
    this.child.stderr!.setEncoding("utf8").on("data", (d: string) => (this.stderr += d));
    this.exited = new Promise((resolve) => {
      this.child.on("close", (code, signal) => {
        if (this.#partial) this.lines.push(this.#partial);
        this.#partial = "";
        for (const w of this.#waiters.splice(0)) w();
        resolve(code ?? (signal ? 128 : 1));
      });
    });
  }

  /** Waits until some line satisfies `pred`; returns it. */
  async line(pred: (l: string) => boolean, timeoutMs = 20_000, what = "a line"): Promise<string> {
    const t0 = Date.now();
    for (;;) {
      const found = this.lines.find(pred);
      if (found !== undefined) return found;
      if (this.child.exitCode !== null || this.child.signalCode !== null) {
        throw new Error(`exited before ${what}; stdout:\n${this.lines.join("\n")}\nstderr:\n${this.stderr}`);
      }
      const left = timeoutMs - (Date.now() - t0);
      if (left <= 0) throw new Error(`timed out waiting for ${what}; stdout:\n${this.lines.join("\n")}\nstderr:\n${this.stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits until `count` lines satisfy `pred`. */
  async count(pred: (l: string) => boolean, count: number, timeoutMs = 20_000, what = "lines"): Promise<void> {
    let n = 0;
    await this.line(() => (n = this.lines.filter(pred).length) >= count, timeoutMs, `${count} ${what} (have ${n})`);
  }

  /** Waits for the exit (killing the process after `timeoutMs`); returns the status. */
  async exit(timeoutMs = 20_000): Promise<number> {
    const timer = setTimeout(() => this.kill(), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Writes `text` to the program's stdin. */
  write(text: string): void {
    this.child.stdin!.write(text);
  }

  /** Closes the program's stdin (EOF). */
  endStdin(): void {
    this.child.stdin!.end();
  }

  /** Kills the process if it is still running. */
  kill(): void {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    try {
      process.kill(-this.child.pid!, "SIGKILL");
    } catch {
      this.child.kill("SIGKILL");
    }
  }
}

/** The port in a "listening on port P" line. */
export async function listeningPort(w: Watched): Promise<number> {
  const l = await w.line((x) => /listening on port \d+/.test(x), 20_000, "the listening line");
  return Number(/port (\d+)/.exec(l)![1]);
}

function statOf(pid: number): string[] | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which is in parentheses and may hold spaces.
    return s.slice(s.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
  }
}

/** Every pid in the tree rooted at `root` (children found through /proc). */
function tree(root: number): number[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const f = statOf(Number(name));
    if (f) parent.set(Number(name), Number(f[1])); // field 4, ppid
  }
  const out = [root];
  for (let i = 0; i < out.length; i++) {
    for (const [pid, ppid] of parent) if (ppid === out[i] && !out.includes(pid)) out.push(pid);
  }
  return out;
}

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ; 100 on Linux). */
const USER_HZ = 100;

/** CPU time (user + system, ms) used so far by the process tree rooted at `pid`. */
export function cpuMs(pid: number): number {
  let ticks = 0;
  for (const p of tree(pid)) {
    const f = statOf(p);
    if (f) ticks += Number(f[11]) + Number(f[12]); // fields 14 and 15: utime, stime
  }
  return (ticks * 1000) / USER_HZ;
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** At most this share of one core while a guest is blocked. */
export const MAX_IDLE_CPU_SHARE = 0.02;
/** Time for the guest to settle into a wait before measuring. */
const SETTLE_MS = 300;

/**
 * Waits for `w` to print "waiting in CALL", then measures its process tree's
 * CPU share over `ms` (under {@link MAX_IDLE_CPU_SHARE}) and checks the call
 * has not returned; logs the measurement into `log`.
 */
export async function measureIdle(w: Watched, call: string, ms: number, log: string[]): Promise<void> {
  await w.line((l) => l === `waiting in ${call}`, 20_000, `the ${call} wait`);
  await sleep(SETTLE_MS);
  const before = cpuMs(w.child.pid!);
  await sleep(ms);
  const used = cpuMs(w.child.pid!) - before;
  const share = used / ms;
  log.push(`${call}: ${used} ms CPU in ${ms} ms (${(share * 100).toFixed(2)}%)`);
  assert.ok(share < MAX_IDLE_CPU_SHARE, `${call}: ${used} ms of CPU in ${ms} ms (${(share * 100).toFixed(1)}% of a core)`);
  assert.not.ok(w.lines.some((l) => l.startsWith(`${call} returned`)), `${call} returned before anything arrived`);
}
