/**
 * Helpers for the WASI conformance tests: build a `tests/c/` program both
 * ways, run it natively in a fresh directory and sandboxed with a fresh
 * directory granted as `/data`, and hand back both results.
 *
 * @module
 */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildNative, buildWasm, runSandboxed } from "./c.ts";
import { type Result, run } from "./proc.ts";

/** A fresh empty directory under the system's temporary directory. */
export function tempDir(prefix = "sockbox-wasi-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Removes a directory made by {@link tempDir}. */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** How a conformance program is run. */
export interface ConformanceRun {
  /** Arguments after the working directory. */
  args?: string[];
  /** Environment variables: native gets them in its environment, the sandbox as `--env`. */
  env?: Record<string, string>;
  /** Prepares each working directory (native and sandboxed) before the run. */
  setup?: (dir: string) => void;
}

/** Both runs of one program. */
export interface Comparison {
  native: Result;
  sandboxed: Result;
}

/** Builds `tests/c/NAME.c` natively and for sockbox (cached by the build helpers). */
export function buildBoth(name: string): Promise<[string, string]> {
  const src = `tests/c/${name}.c`;
  return Promise.all([buildNative([src]), buildWasm([src])]);
}

/**
 * Runs `tests/c/NAME.c` natively with a fresh directory as argv[1] and
 * sandboxed with another fresh directory granted as `/data` (argv[1] =
 * `/data`), one after the other.
 */
export async function compareWithNative(name: string, opts: ConformanceRun = {}): Promise<Comparison> {
  const [native, wasm] = await buildBoth(name);
  const args = opts.args ?? [];
  const env = opts.env ?? {};
  const nativeDir = tempDir(), sandboxDir = tempDir();
  try {
    opts.setup?.(nativeDir);
    opts.setup?.(sandboxDir);
    const n = await run(native, [nativeDir, ...args], { env });
    const envFlags = Object.entries(env).map(([k, v]) => `--env=${k}=${v}`);
    const s = await runSandboxed(wasm, ["/data", ...args], [`--dir=${sandboxDir}:/data`, ...envFlags]);
    return { native: n, sandboxed: s };
  } finally {
    removeDir(nativeDir);
    removeDir(sandboxDir);
  }
}
