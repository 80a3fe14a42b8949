/**
 * The sandbox policy built from grants: deny by default, and every answer
 * names the grant that admitted the use or says why nothing did — the text
 * `--trace` prints.
 *
 * Which grants answer which use:
 *
 * | use | answered by |
 * |---|---|
 * | tcp-bind, udp-bind | `--allow-listen` (a `/tcp` or `/udp` suffix limits a grant to one) |
 * | tcp-connect, udp-connect, udp-send | `--allow-connect` (same suffixes) |
 * | unix-bind, unix-connect | `--allow-unix` |
 * | name-lookup | `--allow-dns`, or a listen/connect grant naming that host |
 * | all of them | `--allow-net` |
 *
 * @module
 */

import type { Decision, NetUse, Policy } from "../policy.ts";
import { formatAddress, type SocketAddress } from "../sockaddr.ts";
import { type IpAddr, isUnspecified, parseIp } from "./cidr.ts";
import { memoByString } from "../memo.ts";
import { type AddrGrant, grantMatches, normalizeName, type Proto } from "./grants.ts";

/** One `--allow-unix` grant. */
export interface UnixGrant {
  /** Normalized guest path (`/run/app.sock`), or a directory ending in `/` that admits everything below it. */
  path: string;
  /** How the user wrote it, for `--trace`. */
  source: string;
}

/** Everything the policy decides from. */
export interface Grants {
  /** The `--allow-net` grant as written, or null. */
  allowNet: string | null;
  /** `--allow-listen` grants. */
  listen: AddrGrant[];
  /** `--allow-connect` grants. */
  connect: AddrGrant[];
  /** The `--allow-dns` grant as written, or null. */
  dns: string | null;
  /** `--allow-unix` grants. */
  unix: UnixGrant[];
}

/** No grants at all: the default. */
export function noGrants(): Grants {
  return { allowNet: null, listen: [], connect: [], dns: null, unix: [] };
}

/**
 * Normalizes a guest unix-socket path the way the socket layer resolves it:
 * relative to `/`, `.` and empty components dropped, `..` applied (never above
 * `/`). A trailing `/` is kept, because it marks a directory grant.
 */
export function normalizeUnixPath(path: string): string {
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  const dir = path.endsWith("/") && out.length > 0 ? "/" : "";
  return "/" + out.join("/") + dir;
}

const USES: Record<Exclude<NetUse, "unix-bind" | "unix-connect" | "name-lookup">, { kind: "listen" | "connect"; proto: Proto }> = {
  "tcp-bind": { kind: "listen", proto: "tcp" },
  "udp-bind": { kind: "listen", proto: "udp" },
  "tcp-connect": { kind: "connect", proto: "tcp" },
  "udp-connect": { kind: "connect", proto: "udp" },
  "udp-send": { kind: "connect", proto: "udp" },
};

const deny = (rule: string): Decision => ({ allowed: false, rule });
const allow = (rule: string): Decision => ({ allowed: true, rule });

/** A {@link Policy} that admits exactly what its {@link Grants} name. */
export class GrantPolicy implements Policy {
  /** The grants, as parsed (read-only: the policy never changes during a run). */
  readonly grants: Readonly<Grants>;
  /** Addresses as parsed: every datagram sent is checked, mostly to the same few peers. */
  #parseIp: (text: string) => IpAddr | null = memoByString(parseIp);

  constructor(grants: Grants) {
    this.grants = grants;
  }

  /** Decides `use` of `target`; never throws. */
  check(use: NetUse, target: SocketAddress | string): Decision {
    const g = this.grants;
    if (g.allowNet !== null) return allow(g.allowNet);
    if (use === "name-lookup") return this.#lookup(typeof target === "string" ? target : formatAddress(target));
    if (typeof target === "string") return deny(`${use} needs an address, not the name '${target}'`);
    if (use === "unix-bind" || use === "unix-connect") {
      if (target.family !== "unix") return deny(`${use} of a ${target.family} address`);
      return this.#unix(target.path);
    }
    if (target.family === "unix") return deny(`${use} of a unix path`);
    const { kind, proto } = USES[use];
    const addr = this.#parseIp(target.address);
    if (!addr) return deny(`'${target.address}' is not an IP address`);
    const list = kind === "listen" ? g.listen : g.connect;
    for (const grant of list) if (grantMatches(grant, proto, addr, target.port)) return allow(grant.source);
    const flag = kind === "listen" ? "--allow-listen" : "--allow-connect";
    const shown = addr.family === "ipv6" ? `[${target.address}]:${target.port}` : `${addr.bytes.join(".")}:${target.port}`;
    let why = `no ${flag} grant matches ${shown}${proto === "udp" ? " (udp)" : ""}`;
    if (kind === "listen" && isUnspecified(addr)) why += "; a wildcard bind needs a grant that names it (or *)";
    if (kind === "listen" && target.port === 0) why += "; an ephemeral bind (port 0) needs a grant with port * or a range including 0";
    return deny(why);
  }

  #lookup(name: string): Decision {
    const g = this.grants;
    if (g.dns !== null) return allow(g.dns);
    const wanted = normalizeName(name);
    for (const grant of [...g.listen, ...g.connect]) {
      if (grant.host.type === "name" && grant.host.name === wanted) return allow(grant.source);
    }
    return deny(`looking up '${name}' needs --allow-dns (or a grant naming that host)`);
  }

  #unix(path: string): Decision {
    if (path === "") return deny("unnamed or abstract unix sockets are not granted");
    const p = normalizeUnixPath(path);
    for (const u of this.grants.unix) {
      if (u.path.endsWith("/") ? p.startsWith(u.path) : p === u.path) return allow(u.source);
    }
    return deny(`no --allow-unix grant matches ${p}`);
  }
}
