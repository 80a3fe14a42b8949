/**
 * What `runtime/` needs from the JS runtime it runs on. `host/deno/` and
 * `host/bun/` each implement this; the runtime never learns which one it got.
 *
 * @module
 */

import type { HostFs } from "./host_fs.ts";
import type { NetBackend } from "./net_backend.ts";

/** The process's standard streams. */
export interface HostStdio {
  /** Writes all of `data` to stdout (1) or stderr (2) before returning. */
  writeSync(fd: 1 | 2, data: Uint8Array): void;
  /** Reads the next chunk of stdin (at most `max` bytes); `null` at EOF. */
  read(max: number): Promise<Uint8Array | null>;
  /** Whether descriptor 0, 1 or 2 is a terminal. */
  isTerminal(fd: 0 | 1 | 2): boolean;
}

/** Everything the runtime asks of its host. */
export interface Host {
  /** Which JS runtime this is (`deno`, `bun`), for traces and errors only. */
  readonly name: string;
  /** Standard streams. */
  readonly stdio: HostStdio;
  /** Files and directories (reached only through preopens). */
  readonly fs: HostFs;
  /** Sockets and name resolution. */
  readonly net: NetBackend;
  /** CPU time used by this process in nanoseconds, where the runtime tells it. */
  cpuTimeNs?(): bigint;
  /**
   * Compiles the guest's module, where this runtime has a faster way than
   * `WebAssembly.compile` (the default). Throws as `new WebAssembly.Module` does.
   */
  compileModule?(bytes: Uint8Array): WebAssembly.Module;
}
