/**
 * Builds the benchmark's C programs twice: natively with gcc, and to wasm
 * with `sockbox cc`. Builds go to a private name and are renamed into place,
 * so concurrent harness runs (the smoke test on Deno and on Bun) never see a
 * half-written file.
 *
 * @module
 */

import { BIN, BUILD_DIR, ROOT } from "./config.ts";
import { run, tail } from "./proc.ts";

/** The programs and their sources (in bench/c/). */
export const PROGRAMS = {
  loadgen: ["loadgen.c", "lg_util.c", "lg_tcp.c", "lg_many.c", "lg_udp.c"],
  echo_server: ["echo_server.c"],
  poll_server: ["poll_server.c"],
  udp_echo_server: ["udp_echo_server.c"],
  hello: ["hello.c"],
  spawntime: ["spawntime.c"],
} as const;

/** A program's name. */
export type Program = keyof typeof PROGRAMS;

/** Programs that only make sense natively. */
const NATIVE_ONLY: ReadonlySet<Program> = new Set(["spawntime"]);

/** Compiler flags, the same for both builds. */
const CFLAGS = ["-O2", "-Wall"];

/** Longest a single compile may take. */
const BUILD_TIMEOUT_MS = 180_000;

/** What was built: paths by program, and why a wasm build is missing. */
export interface Builds {
  native: Record<Program, string>;
  /** null when `sockbox cc` is missing or failed (see `wasmError`). */
  wasm: Record<Program, string> | null;
  wasmError: string;
}

const SRC_DIR = `${ROOT}/bench/c`;

function mtime(path: string): number {
  try {
    return Deno.statSync(path).mtime?.getTime() ?? 0;
  } catch {
    return 0;
  }
}

function newestUnder(dir: string): number {
  let t = 0;
  try {
    for (const e of Deno.readDirSync(dir)) {
      const p = `${dir}/${e.name}`;
      t = Math.max(t, e.isDirectory ? newestUnder(p) : mtime(p));
    }
  } catch {
    // missing directory: nothing newer
  }
  return t;
}

async function compile(cc: string, ccArgs: string[], out: string, inputsNewest: number): Promise<string> {
  if (mtime(out) > inputsNewest) return out;
  const tmp = `${out}.${Deno.pid}.tmp`;
  const r = await run(cc, [...ccArgs, "-o", tmp], BUILD_TIMEOUT_MS);
  if (r.code !== 0) {
    try {
      Deno.removeSync(tmp);
    } catch {
      // nothing was written
    }
    throw new Error(`${cc} ${ccArgs.join(" ")} failed (${r.code}):\n${tail(r.stderr, 20)}`);
  }
  Deno.renameSync(tmp, out);
  return out;
}

/** Builds every program natively and, where `sockbox cc` works, to wasm. */
export async function buildAll(log: (msg: string) => void): Promise<Builds> {
  const nativeDir = `${BUILD_DIR}/native`, wasmDir = `${BUILD_DIR}/wasm`;
  Deno.mkdirSync(nativeDir, { recursive: true });
  Deno.mkdirSync(wasmDir, { recursive: true });
  const srcNewest = newestUnder(SRC_DIR);
  const names = Object.keys(PROGRAMS) as Program[];
  const native = {} as Record<Program, string>;
  for (const name of names) {
    const srcs = PROGRAMS[name].map((s) => `${SRC_DIR}/${s}`);
    native[name] = await compile("gcc", [...CFLAGS, ...srcs], `${nativeDir}/${name}`, srcNewest);
  }
  log(`built ${names.length} native programs in ${nativeDir}`);
  // A wasm build also depends on the guest toolchain (overlay headers, libc layer, driver).
  const wasmNewest = Math.max(srcNewest, newestUnder(`${ROOT}/guest`), mtime(BIN.sockbox));
  const wasm = {} as Record<Program, string>;
  try {
    for (const name of names) {
      if (NATIVE_ONLY.has(name)) continue;
      const srcs = PROGRAMS[name].map((s) => `${SRC_DIR}/${s}`);
      wasm[name] = await compile(BIN.sockbox, ["cc", ...CFLAGS, ...srcs], `${wasmDir}/${name}.wasm`, wasmNewest);
    }
  } catch (e) {
    const why = (e as Error).message;
    log(`sockbox cc could not build the guests; sockbox pairings will fail:\n${why}`);
    return { native, wasm: null, wasmError: `sockbox cc: ${why.split("\n").slice(-3).join(" ")}` };
  }
  log(`built ${Object.keys(wasm).length} wasm programs in ${wasmDir}`);
  return { native, wasm, wasmError: "" };
}
