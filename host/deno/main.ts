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
    // Synchronously: nothing else runs yet, and it saves an event-loop turn at start-up.
    readFile: (p) => Promise.resolve().then(() => Deno.readFileSync(p)),
    supervisor: denoSupervisor,
  });
  Deno.exit(status);
}
