/**
 * Runs a guest on Deno with a policy that admits everything but a worker
 * whose Deno permissions are `NET` only — what a bug in sockbox's policy
 * would leave: Deno's layer alone must still refuse the rest.
 *
 *   deno run -A --unstable-net --unstable-worker-options deno_layer.ts NET_JSON WASM ARGS...
 *
 * @module
 */

import { DEFAULT_LIMITS } from "../../../runtime/limits.ts";
import { noGrants } from "../../../runtime/policy/grant_policy.ts";
import type { GuestJob } from "../../../runtime/sandbox/job.ts";
import { superviseJob } from "../../../runtime/sandbox/supervisor.ts";

const [net, wasm, ...args] = Deno.args;
const job: GuestJob = {
  wasm: Deno.readFileSync(wasm),
  args: [wasm, ...args],
  env: [],
  preopens: [],
  grants: { ...noGrants(), allowNet: "a policy that admits everything" },
  limits: { ...DEFAULT_LIMITS },
  trace: false,
};
const permissions = { net: JSON.parse(net), read: false, write: false, env: false, run: false, ffi: false, sys: false, import: false };
const spawn = () =>
  new Worker(new URL("../../../host/deno/worker.ts", import.meta.url).href, { type: "module", deno: { permissions } } as WorkerOptions);
Deno.exit(await superviseJob({ spawn }, job, (m) => console.error(m), () => 0n));
