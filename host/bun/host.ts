/// <reference path="./types.d.ts" />
/**
 * The Bun host: stdio, file system and network over Bun's own APIs.
 *
 * @module
 */

import type { Host } from "../../runtime/host.ts";
import { processCpuNs } from "./cpu_time.ts";
import { bunFs } from "./fs.ts";
import { bunNet } from "./net.ts";
import { bunStdio } from "./stdio.ts";

/**
 * Compiles synchronously: Bun's asynchronous `WebAssembly.compile` starts a
 * full garbage collection, and the compile itself is no faster for it
 * (0.9 instead of 1.8 ms of a hello-world start-up; bench/README.md, "Bun's
 * start-up"). Nothing else runs while a guest starts. (On Deno the
 * synchronous compile made the whole start-up slower, so Deno keeps the default.)
 */
function compileModule(bytes: Uint8Array): WebAssembly.Module {
  return new WebAssembly.Module(bytes as BufferSource);
}

/** sockbox's host adapter for Bun. */
export const bunHost: Host = {
  name: "bun",
  stdio: bunStdio,
  fs: bunFs,
  net: bunNet,
  cpuTimeNs: processCpuNs,
  compileModule,
};
