/**
 * The `sockbox run` command, independent of the JS runtime: parse options,
 * load the module, run it, return the exit status.
 *
 * @module
 */

import { parseRunArgs, RUN_HELP, UsageError } from "./cli.ts";
import type { Host } from "./host.ts";
import { utf8 } from "./memory.ts";
import { LOAD_FAILURE_STATUS, runGuest } from "./run.ts";

/** Exit status for a command-line mistake. */
export const USAGE_STATUS = 2;

/** What a host's entry point supplies besides the {@link Host} itself. */
export interface EntryEnv {
  /** The host process's environment, for `--inherit-env`. */
  hostEnv(): Record<string, string>;
  /** Reads the module file. */
  readFile(path: string): Promise<Uint8Array>;
}

/** Runs `sockbox run ARGV…` on `host`; resolves to the process exit status. */
export async function main(host: Host, argv: string[], entry: EntryEnv): Promise<number> {
  const out = (fd: 1 | 2, s: string) => host.stdio.writeSync(fd, utf8(s));
  let parsed;
  try {
    parsed = parseRunArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    out(2, `sockbox run: ${e.message}\nTry 'sockbox run --help'.\n`);
    return USAGE_STATUS;
  }
  if (parsed === null) {
    out(1, RUN_HELP + "\n");
    return 0;
  }
  let wasm: Uint8Array;
  try {
    wasm = await entry.readFile(parsed.wasmPath);
  } catch (e) {
    out(2, `sockbox run: cannot read ${parsed.wasmPath}: ${(e as Error).message}\n`);
    return LOAD_FAILURE_STATUS;
  }
  const env = parsed.inheritEnv ? Object.entries(entry.hostEnv()).map(([k, v]) => `${k}=${v}`) : [];
  env.push(...parsed.env);
  return await runGuest(host, wasm, {
    args: parsed.args,
    env,
    preopens: parsed.preopens,
    policy: parsed.policy,
    limits: parsed.limits,
    trace: parsed.trace ? (line) => out(2, `[sockbox] ${line}\n`) : null,
  });
}
