/**
 * Where things are, who is measured, and how much work each scenario does in
 * the full run (`make bench`) and in the smoke run (`--quick`).
 *
 * @module
 */

/** Repository root. */
export const ROOT: string = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");

/** Executables the harness runs. */
export const BIN = {
  deno: `${ROOT}/node_modules/.bin/deno`,
  bun: `${ROOT}/node_modules/.bin/bun`,
  sockbox: `${ROOT}/bin/sockbox`,
} as const;

/** Where binaries and .wasm files are built (shared by concurrent runs: builds are atomic renames). */
export const BUILD_DIR = `${ROOT}/build/bench`;

/** Where a full run writes its raw results. */
export const OUT_DIR = `${ROOT}/bench/out`;

/** Every server listens here; every client connects here. */
export const LOOPBACK = "127.0.0.1";

/**
 * Who is measured: the native gcc build, the `sockbox cc` build run by
 * `sockbox run` on Deno and on Bun, and the plain-JS program a user would
 * write instead on Deno and on Bun.
 */
export type Subject = "native" | "sockbox-deno" | "sockbox-bun" | "deno" | "bun";

/** Every subject, in table order. */
export const SUBJECTS: readonly Subject[] = ["native", "sockbox-deno", "sockbox-bun", "deno", "bun"];

/** The sandboxed subjects and the JS runtime each runs on. */
export const SANDBOXED = { "sockbox-deno": "deno", "sockbox-bun": "bun" } as const;

/** How much work each scenario does. */
export interface Sizes {
  /** Runs of every pairing (the report shows their median and min–max). */
  runs: number;
  /** Ping-pong round trips (and untimed warm-up ones). */
  pingpong: number;
  pingpongWarmup: number;
  /** Bulk bytes each way (and untimed warm-up bytes). */
  bulkBytes: number;
  bulkWarmup: number;
  /** Churn connections (and untimed warm-up ones). */
  churn: number;
  churnWarmup: number;
  /** Concurrent connections, exchanges on each, and a time cap on the exchange phase (s). */
  manyConns: number;
  manyPerConn: number;
  manyMaxSeconds: number;
  /** UDP round trips (and warm-up ones), and the per-datagram timeout. */
  udp: number;
  udpWarmup: number;
  udpTimeoutMs: number;
  /** Start-ups timed per run (the run's value is their median), after one untimed. */
  startups: number;
  /** Longest a single measurement may take before it counts as failed. */
  timeoutMs: number;
}

/**
 * `make bench`: the sizes, five interleaved runs. On the reference
 * 2-core machine the whole run takes about 6 minutes (see bench/README.md).
 */
export const FULL_SIZES: Readonly<Sizes> = Object.freeze({
  runs: 5,
  pingpong: 100_000,
  pingpongWarmup: 2_000,
  bulkBytes: 1 << 30,
  bulkWarmup: 32 << 20,
  churn: 20_000,
  churnWarmup: 500,
  manyConns: 1_000,
  manyPerConn: 100,
  manyMaxSeconds: 30,
  udp: 100_000,
  udpWarmup: 2_000,
  udpTimeoutMs: 200,
  startups: 5,
  timeoutMs: 180_000,
});

/** `--quick`: every pairing once with tiny sizes, so the harness is exercised in seconds. */
export const QUICK_SIZES: Readonly<Sizes> = Object.freeze({
  runs: 1,
  pingpong: 200,
  pingpongWarmup: 10,
  bulkBytes: 1 << 20,
  bulkWarmup: 0,
  churn: 20,
  churnWarmup: 2,
  manyConns: 20,
  manyPerConn: 5,
  manyMaxSeconds: 20,
  udp: 200,
  udpWarmup: 10,
  udpTimeoutMs: 200,
  startups: 1,
  timeoutMs: 60_000,
});

/**
 * CPU placement of server and client. On the reference VM a wake-up across
 * vCPUs costs 50–100 µs and varies 2× from run to run, which would swamp
 * every per-exchange cost; pinned to one CPU, a measurement is the CPU cost
 * of client + server per exchange, stable to a few percent (bench/README.md).
 * - "same": server and client on the last CPU (default);
 * - "split": server on the last CPU, client on CPU 0;
 * - "none": wherever the scheduler puts them.
 */
export type Pin = "same" | "split" | "none";

/** The `taskset` prefix that places a server or a client under `pin`. */
export function pinPrefix(pin: Pin, who: "server" | "client"): string[] {
  const last = Math.max(0, navigator.hardwareConcurrency - 1);
  if (pin === "none") return [];
  const cpu = pin === "split" && who === "client" ? 0 : last;
  return ["taskset", "-c", String(cpu)];
}
