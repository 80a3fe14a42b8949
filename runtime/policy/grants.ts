/**
 * The grant grammar of `--allow-listen=ADDR` and `--allow-connect=ADDR`, and
 * how one grant matches an address.
 *
 *     ADDR  := HOST ":" PORTS [ "/tcp" | "/udp" ]
 *     HOST  := "*" | IPv4 | IPv4 "/" LEN | "[" IPv6 "]" | "[" IPv6 "]/" LEN
 *            | "[" IPv6 "/" LEN "]" | NAME
 *     PORTS := "*" | PORT | PORT "-" PORT
 *
 * `*` as the host matches every address of both families; a NAME matches the
 * addresses it stands for (`localhost`: 127.0.0.0/8 and ::1, others: what the
 * name resolved to when the run started). Without a `/tcp` or `/udp` suffix
 * a grant covers both protocols. Port 0 (an ephemeral bind) is matched only
 * by `*` or a range that includes 0. IPv4-mapped IPv6 addresses are compared
 * as IPv4, in grants and in targets alike.
 *
 * @module
 */

import { CidrError, formatNet, type IpAddr, type IpNet, netContains, parseNet } from "./cidr.ts";

/** The transport a use travels on. */
export type Proto = "tcp" | "udp";

/** Which kind of grant: binding (`--allow-listen`) or reaching out (`--allow-connect`). */
export type GrantKind = "listen" | "connect";

/** What a grant's host part matches. */
export type HostPattern =
  | { type: "any" }
  | { type: "net"; net: IpNet }
  | { type: "name"; name: string; nets: IpNet[] };

/** One parsed `--allow-listen` / `--allow-connect` grant. */
export interface AddrGrant {
  /** Listen or connect. */
  kind: GrantKind;
  /** How the user wrote it, for `--trace` (`--allow-connect=10.0.0.0/8:443`). */
  source: string;
  /** The host part. */
  host: HostPattern;
  /** Lowest admitted port. */
  portLo: number;
  /** Highest admitted port. */
  portHi: number;
  /** The one protocol it is limited to, or null for both. */
  proto: Proto | null;
}

/** A grant that cannot be parsed; the message is for the user. */
export class GrantError extends Error {}

/** Highest port number. */
export const MAX_PORT = 65535;
/** Longest DNS name (RFC 1035). */
const MAX_NAME = 253;

let localhost: readonly IpNet[] | null = null;

/**
 * The addresses `localhost` stands for, without asking a resolver. Parsed on
 * first use, not at load: that took ≈ 0.25 ms of every Bun start-up.
 */
export function localhostNets(): readonly IpNet[] {
  return localhost ??= Object.freeze([parseNet("127.0.0.0/8")!, parseNet("::1")!]);
}

/** Whether `name` is `localhost` (any case, optional final dot). */
export function isLocalhost(name: string): boolean {
  return normalizeName(name) === "localhost";
}

/** Lower-cases a host name and drops a final dot. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/\.$/, "");
}

function parsePorts(text: string, whole: string): [number, number] {
  if (text === "*") return [0, MAX_PORT];
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text);
  if (!m) throw new GrantError(`bad port '${text}' in '${whole}': use PORT, LOW-HIGH or *`);
  const lo = Number(m[1]), hi = m[2] === undefined ? lo : Number(m[2]);
  if (lo > MAX_PORT || hi > MAX_PORT) throw new GrantError(`port out of range in '${whole}' (0 to ${MAX_PORT})`);
  if (lo > hi) throw new GrantError(`empty port range ${text} in '${whole}'`);
  return [lo, hi];
}

function parseHost(text: string, whole: string): HostPattern {
  if (text === "*") return { type: "any" };
  let net: IpNet | null;
  try {
    net = parseNet(text);
  } catch (e) {
    throw new GrantError(`${(e as CidrError).message} (in '${whole}')`);
  }
  if (net) return { type: "net", net };
  if (text.includes(":") || text.startsWith("[")) throw new GrantError(`bad IPv6 address '${text}' in '${whole}'`);
  if (/^[\d./]+$/.test(text)) throw new GrantError(`bad IPv4 address '${text}' in '${whole}'`);
  const name = normalizeName(text);
  const labels = name.split(".");
  if (
    name.length === 0 || name.length > MAX_NAME ||
    !labels.every((l) => /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/.test(l))
  ) {
    throw new GrantError(`'${text}' in '${whole}' is neither an address, a network nor a host name`);
  }
  return { type: "name", name, nets: name === "localhost" ? [...localhostNets()] : [] };
}

/**
 * Parses one grant. `source` is what `--trace` will quote (the flag as
 * written, or the policy file entry). Throws {@link GrantError}.
 */
export function parseGrant(kind: GrantKind, text: string, source: string): AddrGrant {
  let body = text.trim();
  let proto: Proto | null = null;
  const suffix = /\/(tcp|udp)$/i.exec(body);
  if (suffix) {
    proto = suffix[1].toLowerCase() as Proto;
    body = body.slice(0, -suffix[0].length);
  }
  let hostText: string, portText: string;
  if (body.startsWith("[")) {
    const close = body.indexOf("]");
    if (close < 0) throw new GrantError(`missing ']' in '${text}'`);
    let end = close + 1;
    if (body[end] === "/") while (end < body.length && body[end] !== ":") end++; // [fd00::]/8:443
    hostText = body.slice(0, end);
    if (body[end] !== ":") throw new GrantError(`'${text}' needs a port: ${hostText}:PORT, ${hostText}:LOW-HIGH or ${hostText}:*`);
    portText = body.slice(end + 1);
  } else {
    const colon = body.lastIndexOf(":");
    if (colon < 0) throw new GrantError(`'${text}' needs a port: ${body}:PORT, ${body}:LOW-HIGH or ${body}:*`);
    hostText = body.slice(0, colon);
    portText = body.slice(colon + 1);
    if (hostText.includes(":")) throw new GrantError(`IPv6 addresses need brackets in grants: [${hostText}]:${portText}`);
  }
  if (hostText === "") throw new GrantError(`'${text}' has no host: use *:${portText} for every address`);
  const [portLo, portHi] = parsePorts(portText, text);
  return { kind, source, host: parseHost(hostText, text), portLo, portHi, proto };
}

/** Whether `g` admits `addr` (folded) at `port` over `proto`. */
export function grantMatches(g: AddrGrant, proto: Proto, addr: IpAddr, port: number): boolean {
  if (g.proto !== null && g.proto !== proto) return false;
  if (port < g.portLo || port > g.portHi) return false;
  switch (g.host.type) {
    case "any":
      return true;
    case "net":
      return netContains(g.host.net, addr);
    case "name":
      return g.host.nets.some((n) => netContains(n, addr));
  }
}

/** The grant in canonical form (`10.0.0.0/8:443/tcp`), for messages and Deno permissions. */
export function formatGrant(g: AddrGrant): string {
  const host = g.host.type === "any"
    ? "*"
    : g.host.type === "name"
    ? g.host.name
    : g.host.net.family === "ipv6"
    ? `[${formatNet(g.host.net)}]`
    : formatNet(g.host.net);
  const ports = g.portLo === 0 && g.portHi === MAX_PORT ? "*" : g.portLo === g.portHi ? `${g.portLo}` : `${g.portLo}-${g.portHi}`;
  return `${host}:${ports}${g.proto ? "/" + g.proto : ""}`;
}
