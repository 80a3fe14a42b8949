/// <reference path="./types.d.ts" />
/**
 * `sockbox run` on Bun.
 *
 * Also the entry of the bundle `scripts/bundle.sh` builds (CommonJS with
 * Bun's bytecode cache, which has no top-level `await`).
 *
 * @module
 */

import { main } from "../../runtime/main.ts";
import { bunHost } from "./host.ts";
import { readFileBytes } from "./libc_io.ts";
import { nodeFs } from "./node_fs.ts";
import { bunSupervisor, workerBeside } from "./supervise.ts";

/**
 * Reads a whole file synchronously, into a buffer of its own (so the module
 * can be transferred to a worker): with libc's `read` (libc_io.ts), as
 * loading `node:fs` costs ≈ 1.5 ms of a start-up and `Bun.file().bytes()`
 * ≈ 0.6 ms; with `node:fs` where that failed, whose errors are the ones
 * shown.
 */
function readWhole(path: string): Uint8Array {
  const fast = readFileBytes(path);
  if (fast) return fast;
  const b = nodeFs().readFileSync(path);
  return b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? new Uint8Array(b.buffer) : new Uint8Array(b);
}

if (import.meta.main) {
  main(bunHost, Bun.argv.slice(2), {
    hostEnv: () => ({ ...process.env }) as Record<string, string>,
    readFile: (p) => Promise.resolve().then(() => readWhole(p)),
    supervisor: bunSupervisor(workerBeside(Bun.main)),
  }).then((status) => process.exit(status));
}
