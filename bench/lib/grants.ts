/**
 * The sandbox grants the sandboxed servers and clients need, phrased in
 * whatever `sockbox run --help` offers at the time: `--allow-net` while it
 * exists, else the narrower `--allow-listen=` / `--allow-connect=`.
 *
 * @module
 */

import { BIN, LOOPBACK } from "./config.ts";
import { run } from "./proc.ts";

/** `sockbox run` options for a sandboxed server and a sandboxed client. */
export interface Grants {
  /** For a server listening on an ephemeral loopback port (TCP or UDP). */
  server: string[];
  /** For a client connecting to a loopback server. */
  client: string[];
  /** Whether `--max-fds=` exists. */
  maxFds: boolean;
  /** The help text they were derived from (for the report). */
  help: string;
}

/** Reads `sockbox run --help` and picks grants it offers. */
export async function detectGrants(): Promise<Grants> {
  const r = await run(BIN.sockbox, ["run", "--help"], 60_000);
  const help = r.stdout + r.stderr;
  const has = (opt: string) => new RegExp(`(^|\\s)${opt}[=\\s]`, "m").test(help);
  const maxFds = has("--max-fds");
  if (has("--allow-net")) return { server: ["--allow-net"], client: ["--allow-net"], maxFds, help };
  if (has("--allow-listen") && has("--allow-connect")) {
    return {
      server: [`--allow-listen=${LOOPBACK}:0`, ...(has("--allow-udp") ? [`--allow-udp=${LOOPBACK}:0`] : [])],
      client: [`--allow-connect=${LOOPBACK}`],
      maxFds,
      help,
    };
  }
  return { server: ["--allow-net"], client: ["--allow-net"], maxFds, help };
}
