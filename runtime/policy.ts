/**
 * The sandbox's network policy: one function, {@link Policy.check}, is asked
 * before every bind, connect, datagram send, unix-path use and name lookup,
 * with the use and the address — the shape of wasmtime's socket address check.
 * Nothing is allowed unless a grant admits it.
 *
 * @module
 */

import type { SocketAddress } from "./sockaddr.ts";

/** What the guest is about to do with an address. */
export type NetUse =
  | "tcp-bind"
  | "tcp-connect"
  | "udp-bind"
  | "udp-connect"
  | "udp-send"
  | "unix-bind"
  | "unix-connect"
  | "name-lookup";

/** The policy's answer, with the rule behind it for `--trace`. */
export interface Decision {
  /** Whether the use is admitted. */
  allowed: boolean;
  /** The grant that admitted it, or why it was refused. */
  rule: string;
}

/** Consulted on every network decision. */
export interface Policy {
  /** Decides `use` of `target` (an address, or a host name for `name-lookup`). */
  check(use: NetUse, target: SocketAddress | string): Decision;
}

/** Refuses everything: the default. */
export const DENY_ALL: Policy = {
  check: (use) => ({ allowed: false, rule: `no grant for ${use} (sockbox denies by default)` }),
};

/** Admits everything (`--allow-net`). */
export const ALLOW_ALL: Policy = {
  check: () => ({ allowed: true, rule: "--allow-net" }),
};
