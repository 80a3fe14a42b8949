/**
 * Starting the guest's worker on Deno, with permissions no wider than the
 * grants (`permissions.ts`), after which the main thread gives up all of its
 * own. Needs `--unstable-worker-options`.
 *
 * @module
 */

import { utf8 } from "../../runtime/memory.ts";
import type { GuestJob } from "../../runtime/sandbox/job.ts";
import { processCpuNs } from "./cpu_time.ts";
import { mayCreateSymlinks, nameserversOf, permissionsFor } from "./permissions.ts";

/** Where Deno's resolver finds its name servers (for `--allow-dns`). */
const RESOLV_CONF = "/etc/resolv.conf";

function canonical(path: string): string[] {
  try {
    return [path, Deno.realPathSync(path)];
  } catch {
    return [path];
  }
}

function nameservers(): string[] {
  try {
    return nameserversOf(Deno.readTextFileSync(RESOLV_CONF));
  } catch {
    return [];
  }
}

/**
 * The worker's entry, beside this module: `worker.ts` in the sources, or
 * `worker.js` when this code runs from the bundle `scripts/bundle.sh` builds
 * (`build/host/deno/`, where `import.meta.url` is the bundle's own URL).
 */
export function workerUrl(here: string = import.meta.url): string {
  return new URL(new URL(here).pathname.endsWith(".ts") ? "./worker.ts" : "./worker.js", here).href;
}

/** Starts the worker for `job`. */
export function spawnDenoWorker(job: GuestJob): Worker {
  const preopens = job.preopens.map((p) => ({ guest: p.guestPath, hosts: canonical(p.hostPath) }));
  const plan = permissionsFor(
    job.grants,
    preopens,
    job.grants.dns !== null ? nameservers() : [],
    mayCreateSymlinks(job.wasm),
  );
  if (job.trace) {
    const say = (line: string) => Deno.stderr.writeSync(utf8(`[sockbox] ${line}\n`));
    say(`sandbox: the guest's worker runs with Deno permissions ${JSON.stringify(plan.permissions)}`);
    for (const note of plan.notes) say(`sandbox: ${note}`);
  }
  const options = { type: "module", name: "sockbox-guest", deno: { permissions: plan.permissions } };
  return new Worker(workerUrl(), options as WorkerOptions);
}

/** Every permission kind the main thread may hold. */
const KINDS = ["net", "read", "write", "env", "sys", "run", "ffi", "import"] as const;

/**
 * Revokes every permission of the main thread. Called once the worker has
 * loaded its code (which Deno reads with the main thread's permissions) and
 * before the guest starts: the main thread then only watches the clock,
 * writes to stderr and exits, so from here on the whole process reaches no
 * further than the worker's permissions (a worker keeps what it was given at
 * creation).
 */
export function dropPermissions(): void {
  for (const name of KINDS) Deno.permissions.revokeSync({ name });
}

/** Deno's supervisor: workers narrow permissions. */
export const denoSupervisor = {
  narrows: true,
  spawn: spawnDenoWorker,
  ready: dropPermissions,
  cpuTimeNs: processCpuNs,
};
