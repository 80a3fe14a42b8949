/**
 * `sockbox run` on Deno.
 *
 * @module
 */

import { main } from "../../runtime/main.ts";
import { denoHost } from "./host.ts";
import { denoSupervisor } from "./supervise.ts";

if (import.meta.main) {
  const status = await main(denoHost, Deno.args, {
    hostEnv: () => Deno.env.toObject(),
    readFile: (p) => Deno.readFile(p),
    supervisor: denoSupervisor,
  });
  Deno.exit(status);
}
