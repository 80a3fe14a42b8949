/**
 * The Deno host: stdio, file system and network over Deno's own APIs.
 *
 * @module
 */

import type { Host } from "../../runtime/host.ts";
import { processCpuNs } from "./cpu_time.ts";
import { denoFs } from "./fs.ts";
import { denoNet } from "./net.ts";
import { denoStdio } from "./stdio.ts";

/** sockbox's host adapter for Deno. */
export const denoHost: Host = {
  name: "deno",
  stdio: denoStdio,
  fs: denoFs,
  net: denoNet,
  cpuTimeNs: processCpuNs,
};
