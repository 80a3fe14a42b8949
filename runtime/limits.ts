/**
 * Resource caps for one guest. Defaults are safe for untrusted code.
 *
 * @module
 */

/** Caps enforced by the runtime. */
export interface Limits {
  /** Most open descriptors (EMFILE beyond). */
  maxFds: number;
  /** Most open sockets at once, listening ones included (ENOBUFS beyond). */
  maxConnections: number;
  /** Most bytes the host queues per socket before a send blocks or fails with EAGAIN. */
  sendBufferBytes: number;
  /** Most bytes read ahead per socket before the host stops reading from the peer. */
  recvBufferBytes: number;
}

/** The defaults `sockbox run` uses unless told otherwise. */
export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxFds: 1024,
  maxConnections: 1024,
  sendBufferBytes: 256 * 1024,
  recvBufferBytes: 256 * 1024,
});
