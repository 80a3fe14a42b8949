/**
 * What one harness run records (`results.json`), from which both reports
 * are written.
 *
 * @module
 */

import type { Pin, Sizes } from "./config.ts";
import type { Grants } from "./grants.ts";
import type { Machine } from "./machine.ts";
import type { Sample } from "./scenarios.ts";

/** One harness run. */
export interface BenchRun {
  /** "full" (`make bench`) or "quick" (`--quick`). */
  mode: "full" | "quick";
  /** ISO time it started. */
  started: string;
  /** The commit measured ("abc1234", "+ local changes" when the tree was dirty; "" outside git). */
  commit?: string;
  /** Wall time of the whole run, build included, in seconds. */
  seconds: number;
  machine: Machine;
  /** Load averages when the measurements ended (other processes compete for the CPUs). */
  loadAtEnd: string;
  sizes: Sizes;
  /** The `sockbox run` grants used. */
  grants: Grants;
  /** CPU placement of servers and clients. */
  pin: Pin;
  samples: Sample[];
}
