/**
 * A tiny check harness for the AssemblyScript test programs: one line per
 * check ("ok   NAME" or "FAIL NAME: got '…', want '…'"), then
 * "N passed, N failed", exit status 1 if any failed.
 *
 * @module
 */

import { exit, println } from "../sockbox";

let passed = 0;
let failed = 0;

/** Records one check: `got` must equal `want`. */
export function check(name: string, got: string, want: string): void {
  if (got == want) {
    passed++;
    println("ok   " + name);
  } else {
    failed++;
    println("FAIL " + name + ": got '" + got + "', want '" + want + "'");
  }
}

/** Prints the totals and exits 1 if any check failed. */
export function finish(): void {
  println(passed.toString() + " passed, " + failed.toString() + " failed");
  if (failed > 0) exit(1);
}
