/**
 * Build C programs both ways (native gcc, `sockbox cc`) and run them, for tests
 * that compare the sandboxed run with the native one.
 *
 * @module
 */

import { mkdirSync, readdirSync, renameSync, statSync } from "node:fs";
import { basename, dirname } from "node:path";
import { ROOT, run, RUNTIME, type Result, type RunOptions } from "./proc.ts";

/** Where test builds go. */
export const BUILD_DIR = `${ROOT}/build/tests`;

/** The `sockbox` command. */
export const SOCKBOX = `${ROOT}/bin/sockbox`;

/** What every `sockbox cc` build also depends on: the driver, libsockbox's sources and the overlay headers. */
function guestDeps(): string[] {
  const files: string[] = [];
  for (const dir of ["guest/cc", "guest/libc", "guest/include"]) {
    for (const e of readdirSync(`${ROOT}/${dir}`, { recursive: true, withFileTypes: true })) {
      if (e.isFile()) files.push(`${e.parentPath}/${e.name}`);
    }
  }
  return files;
}

/** The headers beside `paths` (a test's own `*_common.h`, `wasi_check.h`…): a build depends on them too. */
function localHeaders(paths: string[]): string[] {
  const dirs = [...new Set(paths.map((p) => dirname(p)))];
  return dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith(".h")).map((f) => `${d}/${f}`));
}

function fresh(out: string, srcs: string[]): boolean {
  try {
    const t = statSync(out).mtimeMs;
    return srcs.every((s) => statSync(s).mtimeMs < t);
  } catch {
    return false;
  }
}

// Deno and Bun runs of the suite build the same files at once: build to a
// private name, then rename into place (atomic), so neither sees a half file.
async function build(cmd: string, args: string[], out: string, srcs: string[]): Promise<string> {
  mkdirSync(BUILD_DIR, { recursive: true });
  if (fresh(out, srcs)) return out;
  const tmp = `${out}.${RUNTIME}.${process.pid}.tmp`;
  const r = await run(cmd, args.map((a) => (a === out ? tmp : a)), { timeoutMs: 120_000 });
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.code}):\n${r.stderr}`);
  renameSync(tmp, out);
  return out;
}

/** Builds `srcs` (paths relative to the repo root) natively with gcc; returns the binary's path. */
export function buildNative(srcs: string[], name = basename(srcs[0], ".c"), flags: string[] = []): Promise<string> {
  const paths = srcs.map((s) => `${ROOT}/${s}`);
  const out = `${BUILD_DIR}/${name}.native`;
  return build("gcc", ["-O2", "-Wall", ...flags, ...paths, "-o", out], out, [...paths, ...localHeaders(paths)]);
}

/** Builds `srcs` with `sockbox cc`; returns the .wasm path. Builds of one name are shared by both runtimes. */
export function buildWasm(srcs: string[], name = basename(srcs[0], ".c"), flags: string[] = []): Promise<string> {
  const paths = srcs.map((s) => `${ROOT}/${s}`);
  const out = `${BUILD_DIR}/${name}.wasm`;
  return build(SOCKBOX, ["cc", "-O2", "-Wall", ...flags, ...paths, "-o", out], out, [...paths, ...localHeaders(paths), ...guestDeps()]);
}

/** A program built both ways. */
export interface Built {
  /** The gcc build. */
  native: string;
  /** The `sockbox cc` build. */
  wasm: string;
}

/** Builds `src` (relative to the repo root) with gcc and with `sockbox cc`. */
export async function buildBoth(src: string): Promise<Built> {
  const [native, wasm] = await Promise.all([buildNative([src]), buildWasm([src])]);
  return { native, wasm };
}

/** `sockbox run` arguments for this test's runtime: `[--runtime=X, ...opts, wasm, ...args]`. */
export function sandboxArgs(wasm: string, args: string[] = [], opts: string[] = []): string[] {
  return ["run", `--runtime=${RUNTIME}`, ...opts, wasm, ...args];
}

/** Runs a .wasm under `sockbox run` on this test's runtime. */
export function runSandboxed(wasm: string, args: string[] = [], opts: string[] = [], ro: RunOptions = {}): Promise<Result> {
  return run(SOCKBOX, sandboxArgs(wasm, args, opts), ro);
}

/** What a sandboxed run printed on stderr: sockbox's own refusal notices (runtime/sandbox/refusal_notice.ts), and the rest (the guest's). */
export function splitNotices(stderr: string): { notices: string[]; rest: string } {
  const notices: string[] = [], rest: string[] = [];
  for (const line of stderr.split(/(?<=\n)/)) {
    if (/^sockbox: (sandbox refused |more refusals not shown)/.test(line)) notices.push(line.trimEnd());
    else rest.push(line);
  }
  return { notices, rest: rest.join("") };
}
