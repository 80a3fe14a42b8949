/**
 * The sandbox's `sockbox run` options: grants, `--policy=FILE` and limits.
 * `cli.ts` hands every option it does not know to {@link parseSandboxOption};
 * grants are checked for syntax here, and finished (merged with the policy
 * file, checked against the preopens, names resolved) by `finish.ts`.
 *
 * @module
 */

import { LimitError, type Limits, parseCount, parseMemory, parseTimeout } from "../limits.ts";
import { GrantError, type GrantKind, parseGrant } from "../policy/grants.ts";

/** An option's value that cannot be used; `cli.ts` reports it as a usage error. */
export class SandboxOptionError extends Error {}

/** One grant as written, with where it came from. */
export interface GrantText {
  /** The address or path (`10.0.0.0/8:443`, `/data/app.sock`). */
  text: string;
  /** The flag or policy-file entry, quoted by `--trace`. */
  source: string;
}

/** The sandbox options collected from the command line. */
export interface SandboxArgs {
  /** `--allow-net` (its source text), or null. */
  allowNet: string | null;
  /** `--allow-listen` grants. */
  listen: GrantText[];
  /** `--allow-connect` grants. */
  connect: GrantText[];
  /** `--allow-dns` (its source text), or null. */
  dns: string | null;
  /** `--allow-unix` grants. */
  unix: GrantText[];
  /** `--policy=FILE`, or null. */
  policyFile: string | null;
  /** Limits set on the command line: they override a policy file's. */
  limits: Partial<Limits>;
}

/** No sandbox options. */
export function emptySandboxArgs(): SandboxArgs {
  return { allowNet: null, listen: [], connect: [], dns: null, unix: [], policyFile: null, limits: {} };
}

/** Help lines for the sandbox options (part of `sockbox run --help`). */
export const SANDBOX_HELP = `Sandbox (nothing is granted unless named here; refusals fail with EACCES):
  --allow-listen=ADDR    let the guest bind ADDR (TCP and UDP); repeatable
  --allow-connect=ADDR   let the guest connect or send datagrams to ADDR; repeatable
                         ADDR is HOST:PORT, HOST:LOW-HIGH or HOST:*, with HOST an
                         IPv4 address, [IPv6], a network (10.0.0.0/8, [fd00::]/8),
                         a name (localhost, example.com) or * for any; add /tcp
                         or /udp to limit a grant to one protocol. Port 0
                         (ephemeral) needs port * or a range that includes 0.
  --allow-dns            let the guest resolve host names
  --allow-unix=PATH      let the guest bind or connect a unix socket at PATH (a
                         guest path inside a --dir; PATH/ grants a directory)
  --allow-net            grant all of the above
  --policy=FILE          read grants and limits from a JSON file (keys are these
                         option names without '--'); options given here add to it
Limits:
  --max-fds=N            most open descriptors (default 1024; EMFILE beyond)
  --max-connections=N    most open sockets (default 1024; ENOBUFS beyond)
  --max-memory=SIZE      largest guest memory, in 64 KiB pages or with a unit
                         (16M, 1G; default 1G); malloc fails beyond
  --timeout=SECONDS      stop the guest after this wall-clock time (exit 124)
  --max-cpu=SECONDS      stop the guest after this much CPU time (exit 152)`;

function grant(kind: GrantKind, name: string, v: string): GrantText {
  const source = `${name}=${v}`;
  try {
    parseGrant(kind, v, source);
  } catch (e) {
    if (e instanceof GrantError) throw new SandboxOptionError(`${name}: ${e.message}`);
    throw e;
  }
  return { text: v, source };
}

function limit<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof LimitError) throw new SandboxOptionError(e.message);
    throw e;
  }
}

/**
 * Handles `name[=value]` if it is a sandbox option, recording it in `sb`.
 * Returns false for options it does not know; throws
 * {@link SandboxOptionError} for a bad value.
 */
export function parseSandboxOption(name: string, value: string | null, sb: SandboxArgs): boolean {
  const need = (): string => {
    if (value === null || value === "") throw new SandboxOptionError(`${name} needs a value: ${name}=...`);
    return value;
  };
  const flag = (): string => {
    if (value !== null) throw new SandboxOptionError(`${name} takes no value (${name}=${value} was given)`);
    return name;
  };
  switch (name) {
    case "--allow-net":
      if (value !== null) {
        throw new SandboxOptionError(`--allow-net takes no value; grant addresses with --allow-connect=${value} or --allow-listen=${value}`);
      }
      sb.allowNet = flag();
      return true;
    case "--allow-listen":
      sb.listen.push(grant("listen", name, need()));
      return true;
    case "--allow-connect":
      sb.connect.push(grant("connect", name, need()));
      return true;
    case "--allow-dns":
      sb.dns = flag();
      return true;
    case "--allow-unix":
      sb.unix.push({ text: need(), source: `${name}=${value}` });
      return true;
    case "--policy":
      if (sb.policyFile !== null) throw new SandboxOptionError("--policy may be given once");
      sb.policyFile = need();
      return true;
    case "--max-fds":
      sb.limits.maxFds = limit(() => parseCount(name, need()));
      return true;
    case "--max-connections":
      sb.limits.maxConnections = limit(() => parseCount(name, need()));
      return true;
    case "--max-memory":
      sb.limits.maxMemoryPages = limit(() => parseMemory(name, need()));
      return true;
    case "--timeout":
      sb.limits.timeoutMs = limit(() => parseTimeout(name, need()));
      return true;
    case "--max-cpu":
      sb.limits.cpuMs = limit(() => parseTimeout(name, need()));
      return true;
    default:
      return false;
  }
}
