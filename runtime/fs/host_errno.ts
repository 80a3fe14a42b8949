/**
 * Host file-system failures → {@link HostFsError}. The code → errno table is
 * the runtime's one table (`runtime/host_errors.ts`, keyed by the POSIX code
 * string both Deno and Bun attach); this adds the operation and path for
 * `--trace` and the typed error the file-system layer expects.
 *
 * @module
 */

import { Errno } from "../errno.ts";
import { errnoFromHostError } from "../host_errors.ts";
import { HostFsError } from "../host_fs.ts";

/**
 * Turns whatever a host call threw into a {@link HostFsError}. `op` and
 * `path` go into the message (shown by `--trace`, never to the guest).
 */
export function toHostFsError(e: unknown, op: string, path: string): HostFsError {
  if (e instanceof HostFsError) return e;
  const code = typeof (e as { code?: unknown })?.code === "string" ? (e as { code: string }).code : undefined;
  const msg = e instanceof Error ? e.message : String(e);
  return new HostFsError(errnoFromHostError(e, Errno.IO), `${op} ${path}: ${msg}`, code);
}

/** Runs host call `fn`, rethrowing any failure as a {@link HostFsError}. */
export function hostCall<T>(op: string, path: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw toHostFsError(e, op, path);
  }
}
