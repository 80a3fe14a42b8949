/**
 * The file-system half of the host interface. Paths handed to it are host
 * paths the runtime already resolved inside a preopened directory.
 *
 * @module
 */

/** File-system operations the host provides (filled in by the file-system layer). */
// deno-lint-ignore no-empty-interface
export interface HostFs {}
