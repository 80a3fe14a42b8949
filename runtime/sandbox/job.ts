/**
 * One guest run as plain data (a {@link GuestJob}), so it can be handed to a
 * worker thread; and running it in the current thread.
 *
 * @module
 */

import type { Host } from "../host.ts";
import type { Limits } from "../limits.ts";
import { utf8 } from "../memory.ts";
import type { NetBackend } from "../net_backend.ts";
import { formatIp } from "../policy/cidr.ts";
import { type Grants, GrantPolicy } from "../policy/grant_policy.ts";
import { normalizeName } from "../policy/grants.ts";
import { type Preopen, runGuest } from "../run.ts";
import type { InetAddress } from "../sockaddr.ts";

/** Everything a guest runs with, structured-clonable. */
export interface GuestJob {
  /** The module's bytes. */
  wasm: Uint8Array;
  /** argv, argv[0] included. */
  args: string[];
  /** `KEY=VALUE` strings. */
  env: string[];
  /** Directories granted with `--dir` (and the policy file). */
  preopens: Preopen[];
  /** Network grants, names already resolved. */
  grants: Grants;
  /** Caps. */
  limits: Limits;
  /** `--trace`. */
  trace: boolean;
}

/**
 * The addresses pinned for each host name a grant names (other than
 * `localhost`, which is never looked up): the guest's own lookups of those
 * names get exactly these, so what it resolves is what the grant admits.
 */
export function pinnedNames(grants: Grants): Map<string, InetAddress[]> {
  const pinned = new Map<string, InetAddress[]>();
  for (const g of [...grants.listen, ...grants.connect]) {
    if (g.host.type !== "name" || g.host.name === "localhost" || pinned.has(g.host.name)) continue;
    pinned.set(g.host.name, g.host.nets.map((n) => ({ family: n.family, address: formatIp(n), port: 0 })));
  }
  return pinned;
}

/** `host` with name lookups of pinned names answered from `pinned`. */
export function withPinnedNames(host: Host, pinned: Map<string, InetAddress[]>): Host {
  if (pinned.size === 0) return host;
  const inner = host.net;
  const net: NetBackend = {
    listen: (addr, opts, sink) => inner.listen(addr, opts, sink),
    connect: (addr, sink) => inner.connect(addr, sink),
    bindDatagram: (addr, opts, sink) => inner.bindDatagram(addr, opts, sink),
    get lacks() {
      return inner.lacks;
    },
    resolve: (name) => {
      const hit = pinned.get(normalizeName(name));
      return hit ? Promise.resolve(hit.map((a) => ({ ...a }))) : inner.resolve(name);
    },
  };
  return {
    name: host.name,
    stdio: host.stdio,
    fs: host.fs,
    net,
    cpuTimeNs: host.cpuTimeNs?.bind(host),
    compileModule: host.compileModule?.bind(host),
  };
}

/** Runs `job` in this thread; resolves to the guest's exit status. */
export function runJob(host: Host, job: GuestJob): Promise<number> {
  const h = withPinnedNames(host, pinnedNames(job.grants));
  return runGuest(h, job.wasm, {
    args: job.args,
    env: job.env,
    preopens: job.preopens,
    policy: new GrantPolicy(job.grants),
    limits: job.limits,
    trace: job.trace ? (line) => host.stdio.writeSync(2, utf8(`[sockbox] ${line}\n`)) : null,
  });
}
