/**
 * Telling the user, on stderr, what the sandbox refused and which option
 * would grant it. The guest itself only sees `EACCES`, as Linux gives for a
 * forbidden bind or connect, and most programs print no more than
 * "bind: Permission denied": without this line a user cannot tell a refusal
 * of the sandbox from a real permission error. Each distinct refusal is told
 * once, and at most {@link MAX_NOTICES} of them (a program retrying in a loop
 * must not flood stderr); `--trace` shows every one, so with `--trace` on
 * these lines are not printed.
 *
 * @module
 */

import type { NetUse } from "../policy.ts";
import { formatAddress, type SocketAddress } from "../sockaddr.ts";

/** How many distinct refusals are told before the rest are left to `--trace`. */
export const MAX_NOTICES = 10;

/** The option that grants each use. */
const GRANT_OPTION: Record<NetUse, string> = {
  "tcp-bind": "--allow-listen",
  "udp-bind": "--allow-listen",
  "tcp-connect": "--allow-connect",
  "udp-connect": "--allow-connect",
  "udp-send": "--allow-connect",
  "unix-bind": "--allow-unix",
  "unix-connect": "--allow-unix",
  "name-lookup": "--allow-dns",
};

/**
 * The smallest grant that admits `use` of `target` (an address, or the host
 * name of a lookup), or null when no grant can (an unnamed unix socket).
 * `dirs` are the guest paths of the `--dir` preopens: a unix path outside
 * all of them needs one too.
 */
export function grantFor(use: NetUse, target: SocketAddress | string, dirs: readonly string[]): string | null {
  const option = GRANT_OPTION[use];
  if (typeof target === "string") return option;
  if (target.family === "unix") {
    const path = target.path;
    if (path === "") return null;
    const inDir = dirs.some((d) => path.startsWith(d.endsWith("/") ? d : d + "/"));
    return `${option}=${path}${inDir ? "" : " and a --dir=HOSTDIR:GUESTDIR that holds it"}`;
  }
  // Port 0 (an ephemeral bind) is admitted only by a port range that includes it.
  const what = formatAddress(target);
  return `${option}=${target.port === 0 ? what.slice(0, -1) + "*" : what}`;
}

/** The refusals told so far, and where to tell them. */
export class RefusalNotices {
  #seen = new Set<string>();
  #write: (line: string) => void;
  #dirs: readonly string[];

  /** `write` takes one line, without its newline (stderr); `dirs` are the preopens' guest paths. */
  constructor(write: (line: string) => void, dirs: readonly string[]) {
    this.#write = write;
    this.#dirs = dirs;
  }

  /** Tells the user that `use` of `target` (written `what`) was refused because of `rule`, unless told already. */
  note(use: NetUse, target: SocketAddress | string, what: string, rule: string): void {
    const key = `${use} ${what}`;
    if (this.#seen.has(key) || this.#seen.size > MAX_NOTICES) return;
    this.#seen.add(key);
    if (this.#seen.size > MAX_NOTICES) {
      return this.#write(`sockbox: more refusals not shown (--trace shows each)`);
    }
    const grant = grantFor(use, target, this.#dirs);
    this.#write(`sockbox: sandbox refused ${key}: ${rule}${grant ? `; to allow it: ${grant}` : ""}`);
  }
}
