/// <reference path="./types.d.ts" />
/**
 * `sockbox run` on Bun.
 *
 * @module
 */

import { main } from "../../runtime/main.ts";
import { bunHost } from "./host.ts";
import { bunSupervisor } from "./supervise.ts";

if (import.meta.main) {
  const status = await main(bunHost, Bun.argv.slice(2), {
    hostEnv: () => ({ ...process.env }) as Record<string, string>,
    readFile: async (p) => new Uint8Array(await Bun.file(p).arrayBuffer()),
    supervisor: bunSupervisor,
  });
  process.exit(status);
}
