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

/** sockbox's host adapter for Bun. */
export const bunHost: Host = {
  name: "bun",
  stdio: bunStdio,
  fs: bunFs,
  net: bunNet,
  cpuTimeNs: processCpuNs,
};
