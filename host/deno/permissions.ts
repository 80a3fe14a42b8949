/**
 * Deno permissions no wider than a guest's grants: what the worker that runs
 * the guest (and all host code that touches it) is started with. A bug in
 * sockbox's own policy then still cannot reach further than this.
 *
 * Deno's `--allow-net` speaks `host[:port]`, IPv4 networks (`10.0.0.0/8:443`)
 * and bracketed IPv6 addresses, but no port ranges and no IPv6 networks, and
 * it does not tell listening from connecting or TCP from UDP. So:
 *
 * - a port range of at most {@link MAX_EXPANDED_PORTS} ports becomes one entry
 *   per port; a wider one becomes the host with every port;
 * - an IPv6 network wider than one address (and `*`, which includes every
 *   IPv6 address) can only be expressed as all of the network: then the
 *   worker gets unrestricted network access and sockbox's policy alone
 *   enforces the grant (each such widening is listed in `notes`);
 * - a grant that admits UDP sends also admits the implicit bind of the
 *   sending socket (`0.0.0.0:0`, `[::]:0`);
 * - unix sockets need net permission for their exact host path
 *   (`unix:/path`): an `--allow-unix` path becomes that entry, for every
 *   host spelling of its preopen; a directory grant (`PATH/`) cannot be
 *   expressed, so it gets unrestricted network access (noted).
 *
 * Pure functions: the caller supplies canonical paths and name servers.
 *
 * @module
 */

import { formatIp, type IpNet } from "../../runtime/policy/cidr.ts";
import { type Grants, normalizeUnixPath } from "../../runtime/policy/grant_policy.ts";
import { type AddrGrant, formatGrant, MAX_PORT } from "../../runtime/policy/grants.ts";

/** Widest port range expanded into single ports. */
export const MAX_EXPANDED_PORTS = 64;

/** Port of the DNS servers `--allow-dns` needs to reach. */
const DNS_PORT = 53;

/** The permissions given to the guest's worker (`WorkerOptions.deno.permissions`). */
export interface DenoPermissions {
  /** `true` for all, a list of `host[:port]`, or `false`. */
  net: boolean | string[];
  /** Paths readable (the preopens), false, or true (only for symbolic links, see {@link permissionsFor}). */
  read: string[] | boolean;
  /** Paths writable (the preopens), false, or true (same). */
  write: string[] | boolean;
  /** Never: the environment is passed to the guest as data. */
  env: false;
  /** Never. */
  run: false;
  /** Never. */
  ffi: false;
  /** Never. */
  sys: false;
  /** Never (no remote modules). */
  import: false;
}

/** A preopen as the permissions see it: the guest's name and the host paths it stands for. */
export interface PreopenPaths {
  /** The guest path (`/data`). */
  guest: string;
  /** Host paths: as given and canonical. */
  hosts: string[];
}

/** The permissions and every place they are wider than the grants. */
export interface PermissionPlan {
  /** What the worker gets. */
  permissions: DenoPermissions;
  /** Human notes on widenings, for `--trace` and the security docs. */
  notes: string[];
}

/** A host part Deno understands, or null when only "every host" would cover it. */
function denoHost(net: IpNet): string | null {
  if (net.family === "ipv4") return net.prefix === 32 ? formatIp(net) : `${formatIp(net)}/${net.prefix}`;
  return net.prefix === 128 ? `[${formatIp(net)}]` : null;
}

function hostsOf(g: AddrGrant): (string | null)[] {
  switch (g.host.type) {
    case "any":
      return ["0.0.0.0/0", null];
    case "net":
      return [denoHost(g.host.net)];
    case "name":
      return g.host.nets.map(denoHost);
  }
}

function portsOf(g: AddrGrant, notes: string[]): (number | null)[] {
  if (g.portLo === 0 && g.portHi === MAX_PORT) return [null];
  const n = g.portHi - g.portLo + 1;
  if (n > MAX_EXPANDED_PORTS) {
    notes.push(`${g.source}: ${n} ports are more than ${MAX_EXPANDED_PORTS}; Deno admits every port of those hosts`);
    return [null];
  }
  return Array.from({ length: n }, (_, i) => g.portLo + i);
}

/** The import a module needs to create symbolic links. */
const SYMLINK_IMPORT = new TextEncoder().encode("path_symlink");

/**
 * Whether `wasm` may create symbolic links: it names the `path_symlink`
 * import (a byte search, as the launcher's `grep` does; a false positive only
 * widens the permissions, never narrows them).
 */
export function mayCreateSymlinks(wasm: Uint8Array): boolean {
  const first = SYMLINK_IMPORT[0];
  outer: for (
    let i = wasm.indexOf(first);
    i >= 0 && i <= wasm.byteLength - SYMLINK_IMPORT.byteLength;
    i = wasm.indexOf(first, i + 1)
  ) {
    for (let j = 1; j < SYMLINK_IMPORT.byteLength; j++) if (wasm[i + j] !== SYMLINK_IMPORT[j]) continue outer;
    return true;
  }
  return false;
}

/** `unix:` entries for an exact `--allow-unix` path, one per host spelling of its preopen. */
function unixEntries(path: string, preopens: PreopenPaths[]): string[] {
  for (const p of preopens) {
    const root = normalizeUnixPath(p.guest).replace(/\/$/, "");
    if (root !== "" && !path.startsWith(root + "/")) continue;
    const rest = path.slice(root.length);
    return p.hosts.filter((h) => h.startsWith("/")).map((h) => `unix:${h.replace(/\/+$/, "")}${rest}`);
  }
  return [];
}

/**
 * Computes the worker's permissions for `grants`, with `preopens` (guest
 * names and host paths) and `nameservers` (for `--allow-dns`).
 * `symlinks`: the module may create symbolic links, which Deno allows only
 * with unscoped read and write permission — then, if it has directories at
 * all, it gets that (and a note says so).
 */
export function permissionsFor(
  grants: Grants,
  preopens: PreopenPaths[],
  nameservers: string[],
  symlinks = false,
): PermissionPlan {
  const notes: string[] = [];
  const paths = [...new Set(preopens.flatMap((p) => p.hosts))];
  const unscoped = symlinks && paths.length > 0;
  if (unscoped) {
    notes.push(
      "the module imports path_symlink: Deno creates links only with unscoped read and write permission, so the worker has them and sockbox's resolver alone confines paths",
    );
  }
  const files: string[] | boolean = unscoped ? true : paths.length ? paths : false;
  const permissions: DenoPermissions = {
    net: false,
    read: files,
    write: files,
    env: false,
    run: false,
    ffi: false,
    sys: false,
    import: false,
  };
  if (grants.allowNet !== null) {
    permissions.net = true;
    return { permissions, notes };
  }
  const net = new Set<string>();
  let everything = false;
  for (const g of [...grants.listen, ...grants.connect]) {
    const ports = portsOf(g, notes);
    for (const host of hostsOf(g)) {
      if (host === null) {
        everything = true;
        notes.push(
          `${g.source}: Deno cannot express the IPv6 part of ${formatGrant(g)}; the worker gets all network access`,
        );
        continue;
      }
      for (const p of ports) net.add(p === null ? host : `${host}:${p}`);
    }
    if (g.kind === "connect" && g.proto !== "tcp") {
      net.add("0.0.0.0:0");
      net.add("[::]:0");
    }
  }
  for (const u of grants.unix) {
    if (u.path.endsWith("/")) {
      everything = true;
      notes.push(`${u.source}: Deno admits unix sockets by exact path only; the worker gets all network access`);
    } else {
      for (const e of unixEntries(u.path, preopens)) net.add(e);
    }
  }
  if (grants.dns !== null) {
    for (const ns of nameservers) net.add(ns.includes(":") ? `[${ns}]:${DNS_PORT}` : `${ns}:${DNS_PORT}`);
  }
  permissions.net = everything ? true : net.size > 0 ? [...net] : false;
  return { permissions, notes };
}

/** Name servers listed in the text of `/etc/resolv.conf` (zone ids dropped). */
export function nameserversOf(resolvConf: string): string[] {
  const out: string[] = [];
  for (const line of resolvConf.split("\n")) {
    const m = /^\s*nameserver\s+(\S+)/.exec(line);
    if (m) out.push(m[1].replace(/%.*$/, ""));
  }
  return out;
}
