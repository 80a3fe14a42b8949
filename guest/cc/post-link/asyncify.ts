/**
 * fork() support at link time: binaryen's asyncify pass (work in progress).
 *
 * @module
 */

/** Rewrites a program that calls fork() so its stack can be unwound and rewound. */
export function asyncifyForFork(_bytes: Uint8Array): Uint8Array {
  throw new Error("fork() is not supported yet");
}
