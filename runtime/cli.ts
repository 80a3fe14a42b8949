/**
 * `sockbox run` option parsing, shared by every host's entry point.
 *
 * @module
 */

import { DEFAULT_LIMITS, type Limits } from "./limits.ts";
import { DENY_ALL, type Policy } from "./policy.ts";
import type { Preopen } from "./run.ts";
import { emptySandboxArgs, parseSandboxOption, SANDBOX_HELP, type SandboxArgs, SandboxOptionError } from "./sandbox/options.ts";

/** Help text of `sockbox run`. */
export const RUN_HELP = `Usage: sockbox run [options] program.wasm [args...]

Runs a WebAssembly program built with \`sockbox cc\` in the sandbox. It gets no
network, files or environment unless granted below.

Options:
  --runtime=deno|bun     JS runtime to run on (default: deno)
  --dir=HOST[:GUEST]     make host directory HOST visible as GUEST (default: same
                         path); repeatable
  --env=KEY=VALUE        set an environment variable; repeatable
  --inherit-env          pass the whole host environment
  --trace                print every syscall on stderr: name, arguments, result
                         (without it, each call the sandbox refuses is still
                         named on stderr with the option that grants it)
  -h, --help             show this help

${SANDBOX_HELP}

The exit status is the program's; 134 when it traps (like SIGABRT), 127 when
the module cannot be loaded, 124 when --timeout stopped it, 2 for a usage error.`;

/** What the command line asked for. */
export interface RunArgs {
  /** Path of the .wasm file. */
  wasmPath: string;
  /** argv for the guest (argv[0] is the wasm file name). */
  args: string[];
  /** Explicit `--env` entries. */
  env: string[];
  /** Whether to pass the host environment. */
  inheritEnv: boolean;
  /** `--dir` grants. */
  preopens: Preopen[];
  /** Network policy (deny-all until `sandbox/finish.ts` builds it from {@link sandbox}). */
  policy: Policy;
  /** Caps (the defaults until `sandbox/finish.ts` merges {@link sandbox}'s). */
  limits: Limits;
  /** Grants, policy file and limits as given on the command line. */
  sandbox: SandboxArgs;
  /** `--trace`. */
  trace: boolean;
  /** `--runtime` (informational inside a host). */
  runtime: string | null;
}

/** A usage error: the message is shown with a pointer to `--help`. */
export class UsageError extends Error {}

/** Parses `sockbox run` arguments; returns null when help was asked for. */
export function parseRunArgs(argv: string[]): RunArgs | null {
  const out: RunArgs = {
    wasmPath: "",
    args: [],
    env: [],
    inheritEnv: false,
    preopens: [],
    policy: DENY_ALL,
    limits: { ...DEFAULT_LIMITS },
    sandbox: emptySandboxArgs(),
    trace: false,
    runtime: null,
  };
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      i++;
      break;
    }
    if (!a.startsWith("-") || a === "-") break;
    const eq = a.indexOf("=");
    const name = eq < 0 ? a : a.slice(0, eq);
    const value = eq < 0 ? null : a.slice(eq + 1);
    const need = (): string => {
      if (value === null || value === "") throw new UsageError(`${name} needs a value: ${name}=...`);
      return value;
    };
    switch (name) {
      case "-h":
      case "--help":
        return null;
      case "--runtime":
        out.runtime = need();
        break;
      case "--dir": {
        const v = need();
        const colon = v.indexOf(":");
        out.preopens.push(
          colon < 0 ? { hostPath: v, guestPath: v } : { hostPath: v.slice(0, colon), guestPath: v.slice(colon + 1) },
        );
        break;
      }
      case "--env": {
        const v = need();
        if (!v.includes("=")) throw new UsageError(`--env takes KEY=VALUE, not '${v}'`);
        out.env.push(v);
        break;
      }
      case "--inherit-env":
        out.inheritEnv = true;
        break;
      case "--trace":
        out.trace = true;
        break;
      default:
        try {
          if (parseSandboxOption(name, value, out.sandbox)) break;
        } catch (e) {
          throw e instanceof SandboxOptionError ? new UsageError(e.message) : e;
        }
        throw new UsageError(`unknown option '${name}'`);
    }
  }
  if (i >= argv.length) throw new UsageError("no program given: sockbox run [options] program.wasm [args...]");
  out.wasmPath = argv[i];
  out.args = argv.slice(i);
  return out;
}
