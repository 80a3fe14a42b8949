/// <reference path="./types.d.ts" />
/**
 * Bun's `node:fs`, loaded on first use. Loading it costs ≈ 1.5 ms of a
 * start-up (more in wall time), and a namespace import (`import * as`) costs
 * another ≈ 0.3 ms in the bundle, which wraps every export in a getter; a run
 * pays only for what it uses (bench/README.md, "Bun's start-up").
 *
 * @module
 */

import type * as NodeFs from "node:fs";

let loaded: typeof NodeFs | null = null;

/** `node:fs`, required the first time this is called. */
export function nodeFs(): typeof NodeFs {
  return loaded ??= require("node:fs") as typeof NodeFs;
}
