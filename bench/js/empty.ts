/**
 * An empty script: what the start-up scenario runs on the bare runtime.
 *
 * @module
 */
export {};
