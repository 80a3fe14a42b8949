/**
 * Starts a guest the way `sockbox run` does on Deno with fine grants, then
 * reports what the main thread can still do: nothing (it gave up every
 * permission once the worker had its own), while the guest runs on.
 *
 *   deno run -A --unstable-net --unstable-worker-options deno_drop.ts WASM ARGS...
 *
 * @module
 */

import { denoSupervisor } from "../../../host/deno/supervise.ts";
import { DEFAULT_LIMITS } from "../../../runtime/limits.ts";
import { noGrants } from "../../../runtime/policy/grant_policy.ts";
import type { GuestJob } from "../../../runtime/sandbox/job.ts";
import { superviseJob } from "../../../runtime/sandbox/supervisor.ts";

const [wasm, ...args] = Deno.args;
const job: GuestJob = {
  wasm: Deno.readFileSync(wasm),
  args: [wasm, ...args],
  env: [],
  preopens: [],
  grants: noGrants(),
  limits: { ...DEFAULT_LIMITS },
  trace: false,
};
let reported = false;
const ready = () => {
  denoSupervisor.ready();
  const states = ["net", "read", "write", "env", "run", "sys", "ffi"].map((name) =>
    `${name}=${Deno.permissions.querySync({ name } as Deno.PermissionDescriptor).state}`
  );
  console.error(`main thread: ${states.join(" ")}`);
  reported = true;
};
const status = await superviseJob({ spawn: denoSupervisor.spawn, ready }, job, (m) => console.error(m), () => 0n);
Deno.exit(reported ? status : 99);
