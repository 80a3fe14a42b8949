/// <reference path="./types.d.ts" />
/**
 * `sockbox run` on Bun.
 *
 * Also the entry of the bundle `scripts/bundle.sh` builds (CommonJS with
 * Bun's bytecode cache, which has no top-level `await`).
 *
 * @module
 */

import { readFileSync } from "node:fs";
import { main } from "../../runtime/main.ts";
import { bunHost } from "./host.ts";
import { bunSupervisor, workerBeside } from "./supervise.ts";

/**
 * Reads a whole file synchronously: `node:fs` is loaded anyway (stdio), and
 * `Bun.file().arrayBuffer()` costs about 1 ms more at start-up. The result
 * owns its whole buffer, so the module can be transferred to a worker.
 */
function readWhole(path: string): Uint8Array {
  const b = readFileSync(path);
  return b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? new Uint8Array(b.buffer) : new Uint8Array(b);
}

if (import.meta.main) {
  main(bunHost, Bun.argv.slice(2), {
    hostEnv: () => ({ ...process.env }) as Record<string, string>,
    readFile: (p) => Promise.resolve().then(() => readWhole(p)),
    supervisor: bunSupervisor(workerBeside(Bun.main)),
  }).then((status) => process.exit(status));
}
