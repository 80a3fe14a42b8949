/**
 * The sandbox grants the sandboxed servers and clients need, phrased in
 * whatever `sockbox run --help` offers: by default the narrowest grants (what
 * a careful user writes: `--allow-listen=` for the port, `--allow-connect=`
 * for the peer), or `--allow-net` when asked for (`--grants=net`) or when the
 * narrow options do not exist.
 *
 * On Deno, narrow grants also run the guest in a worker with Deno permissions
 * no wider than the grants (see runtime/main.ts); `--allow-net` runs it on the
 * main thread. `--grants=net` lets the two be compared.
 *
 * @module
 */

import { BIN, LOOPBACK } from "./config.ts";
import { run } from "./proc.ts";

/** Which grants to use. */
export type GrantStyle = "narrow" | "net";

/** `sockbox run` options for each kind of sandboxed program. */
export interface Grants {
  style: GrantStyle;
  /** A TCP server listening on an ephemeral loopback port. */
  tcpServer: string[];
  /** A UDP server on an ephemeral loopback port that answers its clients. */
  udpServer: string[];
  /** A TCP client of a loopback server. */
  client: string[];
  /** Added for the many-connections server: room for its 1,000 clients. */
  manyConnections: string[];
}

/** Most descriptors and sockets a sandboxed poll server may hold: the many-connections run plus headroom. */
const MANY_LIMIT = 4096;

/** Reads `sockbox run --help` and phrases the grants in the options it offers. */
export async function detectGrants(want: GrantStyle = "narrow"): Promise<Grants> {
  const r = await run(BIN.sockbox, ["run", "--help"], 60_000);
  const help = r.stdout + r.stderr;
  const has = (opt: string) => new RegExp(`(^|\\s)${opt}([=\\s]|$)`, "m").test(help);
  const manyConnections = [
    ...(has("--max-fds") ? [`--max-fds=${MANY_LIMIT}`] : []),
    ...(has("--max-connections") ? [`--max-connections=${MANY_LIMIT}`] : []),
  ];
  const narrow = has("--allow-listen") && has("--allow-connect");
  if (want === "narrow" && narrow) {
    return {
      style: "narrow",
      tcpServer: [`--allow-listen=${LOOPBACK}:0`],
      udpServer: [`--allow-listen=${LOOPBACK}:0`, `--allow-connect=${LOOPBACK}:*/udp`],
      client: [`--allow-connect=${LOOPBACK}:*`],
      manyConnections,
    };
  }
  const net = ["--allow-net"];
  return { style: "net", tcpServer: net, udpServer: net, client: net, manyConnections };
}
