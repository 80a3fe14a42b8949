/**
 * The one interface through which the runtime reaches the network.
 *
 * @module
 */

/** Network operations the host provides. */
// deno-lint-ignore no-empty-interface
export interface NetBackend {}
