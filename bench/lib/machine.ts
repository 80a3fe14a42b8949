/**
 * A description of the machine and tool versions, for the report: ratios
 * only mean something next to what produced them.
 *
 * @module
 */

import { BIN } from "./config.ts";
import { run } from "./proc.ts";

/** What the report says about where it ran. */
export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  kernel: string;
  deno: string;
  bun: string;
  gcc: string;
  clang: string;
  /** /proc/loadavg's 1-, 5- and 15-minute load averages when the run started. */
  loadAtStart: string;
}

/** The 1-, 5- and 15-minute load averages ("" where /proc/loadavg is missing). */
export function loadAverage(): string {
  try {
    return Deno.readTextFileSync("/proc/loadavg").split(" ").slice(0, 3).join(" ");
  } catch {
    return "";
  }
}

function firstLine(s: string): string {
  return s.trim().split("\n")[0] ?? "";
}

function procField(file: string, key: string): string {
  try {
    const line = Deno.readTextFileSync(file).split("\n").find((l) => l.startsWith(key));
    return line ? line.slice(line.indexOf(":") + 1).trim() : "";
  } catch {
    return "";
  }
}

async function version(cmd: string, args: string[]): Promise<string> {
  try {
    const r = await run(cmd, args, 30_000);
    return firstLine(r.stdout || r.stderr);
  } catch {
    return "not found";
  }
}

/** The commit of the repository at `root`, with "+ local changes" when its tree is dirty; "" outside git. */
export async function commitOf(root: string): Promise<string> {
  try {
    const head = (await run("git", ["-C", root, "rev-parse", "--short", "HEAD"], 30_000)).stdout.trim();
    if (!head) return "";
    const dirty = (await run("git", ["-C", root, "status", "--porcelain", "--untracked-files=no"], 30_000)).stdout.trim();
    return dirty ? `${head} + local changes` : head;
  } catch {
    return "";
  }
}

/** Describes this machine. */
export async function describeMachine(): Promise<Machine> {
  const loadAtStart = loadAverage();
  const memKib = parseInt(procField("/proc/meminfo", "MemTotal"), 10);
  return {
    cpu: procField("/proc/cpuinfo", "model name") || "unknown",
    cores: navigator.hardwareConcurrency,
    memoryGiB: Number.isNaN(memKib) ? 0 : Math.round((memKib / 1048576) * 10) / 10,
    kernel: `${Deno.build.os} ${Deno.osRelease()} ${Deno.build.arch}`,
    deno: await version(BIN.deno, ["--version"]),
    bun: await version(BIN.bun, ["--version"]),
    gcc: await version("gcc", ["--version"]),
    clang: await version("clang", ["--version"]),
    loadAtStart,
  };
}
