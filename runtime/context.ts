/**
 * The state one guest runs with: its memory, descriptor table, arguments,
 * environment, host and sandbox policy. Built by {@link ContextBuilder}.
 *
 * @module
 */

import type { FdTable } from "./fd_table.ts";
import type { Host } from "./host.ts";
import type { GuestMemory } from "./memory.ts";
import type { Policy } from "./policy.ts";
import type { Limits } from "./limits.ts";
import type { Linger } from "./sock/linger.ts";
import type { RefusalNotices } from "./sandbox/refusal_notice.ts";
import type { Preopen } from "./run.ts";

/** Writes one trace line (without newline) to wherever traces go. */
export type TraceSink = (line: string) => void;

/** Everything a syscall implementation can reach. */
export interface Context {
  /** The guest's linear memory (set once the instance exists). */
  mem: GuestMemory;
  /** Open descriptors. */
  readonly fds: FdTable;
  /** argv, including argv[0]. */
  readonly args: readonly string[];
  /** Environment as `KEY=VALUE` strings. */
  readonly env: readonly string[];
  /** The JS runtime adapter. */
  readonly host: Host;
  /** The sandbox: consulted on every bind, connect, send and lookup. */
  readonly policy: Policy;
  /** Resource caps. */
  readonly limits: Limits;
  /** Set when `--trace` is on. */
  readonly trace: TraceSink | null;
  /** Host directories granted with `--dir`, with the names the guest sees. */
  readonly preopens: readonly Preopen[];
  /** Connections the guest closed with bytes still queued: the exit waits for them (one per process tree). */
  readonly linger: Linger;
  /** Tells the user on stderr what the sandbox refused and how to grant it (when `--trace` is off). */
  readonly refusals: RefusalNotices;
}
