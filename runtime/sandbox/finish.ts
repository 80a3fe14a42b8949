/**
 * Turns the sandbox options of one `sockbox run` into what the guest runs
 * with: the command line's grants merged with the policy file's, `--allow-unix`
 * paths checked against the preopens, host names in grants resolved once
 * (their addresses are pinned for the whole run), limits completed with the
 * defaults. Every problem is a {@link SandboxOptionError}: the run does not
 * start.
 *
 * @module
 */

import { DEFAULT_LIMITS, type Limits } from "../limits.ts";
import { parseNet } from "../policy/cidr.ts";
import { type Grants, GrantPolicy, normalizeUnixPath, type UnixGrant } from "../policy/grant_policy.ts";
import { type AddrGrant, GrantError, parseGrant } from "../policy/grants.ts";
import type { Preopen } from "../run.ts";
import type { InetAddress } from "../sockaddr.ts";
import { type SandboxArgs, SandboxOptionError } from "./options.ts";
import { parsePolicyFile, type PolicyFile } from "./policy_file.ts";

/** What finishing needs from the host. */
export interface FinishIo {
  /** Reads the policy file. */
  readFile(path: string): Promise<Uint8Array>;
  /** Resolves a host name named in a grant; absent when the host cannot. */
  resolve?: (name: string) => Promise<InetAddress[]>;
}

/** The sandbox, ready to run a guest with. */
export interface FinishedSandbox {
  /** Every grant, names resolved. */
  grants: Grants;
  /** The policy over {@link grants}. */
  policy: GrantPolicy;
  /** Limits: defaults, then the policy file's, then the command line's. */
  limits: Limits;
  /** Preopens: the policy file's, then the command line's. */
  preopens: Preopen[];
}

function addrGrants(kind: "listen" | "connect", list: { text: string; source: string }[]): AddrGrant[] {
  return list.map(({ text, source }) => {
    try {
      return parseGrant(kind, text, source);
    } catch (e) {
      if (e instanceof GrantError) throw new SandboxOptionError(`${source}: ${e.message}`);
      throw e;
    }
  });
}

/** Checks each `--allow-unix` path lies inside a preopen (as the guest sees it). */
function unixGrants(list: { text: string; source: string }[], preopens: Preopen[]): UnixGrant[] {
  const roots = preopens.map((p) => normalizeUnixPath(p.guestPath).replace(/\/$/, ""));
  return list.map(({ text, source }) => {
    const path = normalizeUnixPath(text);
    const bare = path.replace(/\/$/, "");
    const inside = roots.some((r) => r === "" || bare.startsWith(r + "/") || (path.endsWith("/") && bare === r));
    if (!inside) {
      const seen = roots.length ? `the guest's directories are ${roots.map((r) => r || "/").join(", ")}` : "no --dir was given";
      throw new SandboxOptionError(`${source}: ${path} is not inside a directory granted with --dir (${seen}); unix sockets live in granted directories`);
    }
    return { path, source };
  });
}

async function resolveNames(grants: AddrGrant[], io: FinishIo): Promise<void> {
  const cache = new Map<string, Promise<InetAddress[]>>();
  for (const g of grants) {
    if (g.host.type !== "name" || g.host.name === "localhost") continue;
    const name = g.host.name;
    if (!io.resolve) throw new SandboxOptionError(`${g.source}: this host cannot resolve names; grant an address instead`);
    if (!cache.has(name)) cache.set(name, io.resolve(name));
    let addrs: InetAddress[];
    try {
      addrs = await cache.get(name)!;
    } catch (e) {
      throw new SandboxOptionError(`${g.source}: cannot resolve ${name}: ${(e as Error).message}`);
    }
    if (addrs.length === 0) throw new SandboxOptionError(`${g.source}: ${name} has no addresses`);
    g.host.nets = addrs.map((a) => parseNet(a.address)).filter((n) => n !== null);
  }
}

async function loadPolicyFile(file: string, io: FinishIo): Promise<PolicyFile> {
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(file);
  } catch (e) {
    throw new SandboxOptionError(`--policy=${file}: cannot read it: ${(e as Error).message}`);
  }
  return parsePolicyFile(new TextDecoder().decode(bytes), file);
}

/**
 * Finishes the sandbox for `sb` (the command line's options) and
 * `preopens` (its `--dir` grants).
 */
export async function finishSandbox(sb: SandboxArgs, preopens: Preopen[], io: FinishIo): Promise<FinishedSandbox> {
  const file = sb.policyFile === null ? null : await loadPolicyFile(sb.policyFile, io);
  const allDirs = [...(file?.dirs ?? []), ...preopens];
  const grants: Grants = {
    allowNet: sb.allowNet ?? file?.allowNet ?? null,
    listen: addrGrants("listen", [...(file?.listen ?? []), ...sb.listen]),
    connect: addrGrants("connect", [...(file?.connect ?? []), ...sb.connect]),
    dns: sb.dns ?? file?.dns ?? null,
    unix: unixGrants([...(file?.unix ?? []), ...sb.unix], allDirs),
  };
  await resolveNames([...grants.listen, ...grants.connect], io);
  const limits: Limits = { ...DEFAULT_LIMITS, ...file?.limits, ...sb.limits };
  return { grants, policy: new GrantPolicy(grants), limits, preopens: allDirs };
}
