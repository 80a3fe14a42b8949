/**
 * `--policy=FILE`: the same grants and limits as the command line, in a JSON
 * object whose keys are the option names without `--`:
 *
 * ```json
 * {
 *   "allow-listen": ["127.0.0.1:8080"],
 *   "allow-connect": ["10.0.0.0/8:5432/tcp", "localhost:6379"],
 *   "allow-dns": false,
 *   "allow-unix": ["/data/app.sock"],
 *   "dir": ["./data:/data"],
 *   "max-connections": 64,
 *   "max-memory": "256M",
 *   "timeout": 30
 * }
 * ```
 *
 * Every key is optional; an unknown key, a wrong type or a bad grant is an
 * error naming the file and the key. Relative `dir` host paths are relative
 * to the file's own directory, so one policy works from anywhere.
 *
 * @module
 */

import { LimitError, type Limits, parseCount, parseMemory, parseTimeout } from "../limits.ts";
import { GrantError, type GrantKind, parseGrant } from "../policy/grants.ts";
import type { Preopen } from "../run.ts";
import { type GrantText, type SandboxArgs, SandboxOptionError } from "./options.ts";

/** What a policy file holds, ready to merge with the command line's options. */
export interface PolicyFile extends Omit<SandboxArgs, "policyFile"> {
  /** `dir` grants, host paths made relative to the file's directory. */
  dirs: Preopen[];
}

type Handler = (pf: PolicyFile, v: unknown, where: string) => void;

function strings(v: unknown, where: string): string[] {
  const list = typeof v === "string" ? [v] : v;
  if (!Array.isArray(list) || !list.every((s) => typeof s === "string" && s !== "")) {
    throw new SandboxOptionError(`${where} must be a list of non-empty strings`);
  }
  return list;
}

function bool(v: unknown, where: string): boolean {
  if (typeof v !== "boolean") throw new SandboxOptionError(`${where} must be true or false`);
  return v;
}

function scalar(v: unknown, where: string): string | number {
  if (typeof v !== "number" && typeof v !== "string") throw new SandboxOptionError(`${where} must be a number or a string`);
  return v;
}

function grants(kind: GrantKind): (v: unknown, where: string) => GrantText[] {
  return (v, where) =>
    strings(v, where).map((text) => {
      const source = `${where} ${JSON.stringify(text)}`;
      try {
        parseGrant(kind, text, source);
      } catch (e) {
        if (e instanceof GrantError) throw new SandboxOptionError(`${where}: ${e.message}`);
        throw e;
      }
      return { text, source };
    });
}

function limit(key: keyof Limits, parse: (name: string, v: string | number) => number): Handler {
  return (pf, v, where) => {
    try {
      pf.limits[key] = parse(where, scalar(v, where)) as never;
    } catch (e) {
      if (e instanceof LimitError) throw new SandboxOptionError(e.message);
      throw e;
    }
  };
}

function dirOf(file: string): string {
  const slash = file.lastIndexOf("/");
  return slash < 0 ? "." : slash === 0 ? "/" : file.slice(0, slash);
}

function preopen(spec: string, base: string): Preopen {
  const colon = spec.indexOf(":");
  const host = colon < 0 ? spec : spec.slice(0, colon);
  const guest = colon < 0 ? spec : spec.slice(colon + 1);
  const hostPath = host.startsWith("/") ? host : `${base}/${host}`;
  return { hostPath, guestPath: colon < 0 && !spec.startsWith("/") ? spec : guest };
}

const KEYS: Record<string, Handler> = {
  "allow-net": (pf, v, where) => {
    if (bool(v, where)) pf.allowNet = where;
  },
  "allow-listen": (pf, v, where) => pf.listen.push(...grants("listen")(v, where)),
  "allow-connect": (pf, v, where) => pf.connect.push(...grants("connect")(v, where)),
  "allow-dns": (pf, v, where) => {
    if (bool(v, where)) pf.dns = where;
  },
  "allow-unix": (pf, v, where) => pf.unix.push(...strings(v, where).map((text) => ({ text, source: `${where} ${JSON.stringify(text)}` }))),
  "dir": () => {}, // handled with the file's directory in parsePolicyFile
  "max-fds": limit("maxFds", parseCount),
  "max-connections": limit("maxConnections", parseCount),
  "max-memory": limit("maxMemoryPages", parseMemory),
  "timeout": limit("timeoutMs", parseTimeout),
  "max-cpu": limit("cpuMs", parseTimeout),
};

/** The keys a policy file may have. */
export const POLICY_KEYS: readonly string[] = Object.keys(KEYS);

/**
 * Parses and validates the policy file `file` whose contents are `text`.
 * Throws {@link SandboxOptionError} with a message naming the file and key.
 */
export function parsePolicyFile(text: string, file: string): PolicyFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new SandboxOptionError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new SandboxOptionError(`${file} must hold a JSON object of options, like {"allow-listen": ["127.0.0.1:8080"]}`);
  }
  const pf: PolicyFile = { allowNet: null, listen: [], connect: [], dns: null, unix: [], limits: {}, dirs: [] };
  for (const [key, v] of Object.entries(json)) {
    const where = `${file}: "${key}"`;
    const handler = Object.hasOwn(KEYS, key) ? KEYS[key] : undefined;
    if (!handler) throw new SandboxOptionError(`${file}: unknown key "${key}" (known: ${POLICY_KEYS.join(", ")})`);
    if (key === "dir") pf.dirs.push(...strings(v, where).map((s) => preopen(s, dirOf(file))));
    else handler(pf, v, where);
  }
  return pf;
}
