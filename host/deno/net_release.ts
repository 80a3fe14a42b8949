/**
 * Deno keeps a closed socket bound until the operation pending on it (an
 * `accept()` or a `receive()`) has settled — one event-loop turn after
 * `close()`. Linux frees the address in `close()` itself. The adapter records
 * each closing socket here so that a bind or connect to the same address can
 * wait for the release (see `net_listener.ts` and `net_datagram.ts`).
 *
 * @module
 */

import type { SocketAddress } from "../../runtime/sockaddr.ts";

/**
 * Whether Deno runs with `--unstable-net` (UDP, unix datagrams and SO_REUSEPORT
 * need it; sockbox's launcher always passes it).
 */
export const UNSTABLE_NET: boolean = typeof (Deno as { listenDatagram?: unknown }).listenDatagram === "function";

/** What a socket holds: a TCP or UDP port (on any address) or a unix path. */
export type ReleaseKind = "tcp" | "udp" | "unix";

const releasing = new Map<string, Promise<void>>();

/** The key of `addr` for sockets of `kind`. */
export function releaseKey(kind: ReleaseKind, addr: SocketAddress): string {
  return addr.family === "unix" ? `unix:${addr.path}` : `${kind}:${addr.port}`;
}

/** Records that a socket closed on `key` is released once `pending` settles. */
export function noteClosing(key: string, pending: Promise<unknown>): void {
  const gone: Promise<void> = Promise.all([pending.catch(() => {}), releasing.get(key)]).then(() => {
    if (releasing.get(key) === gone) releasing.delete(key);
  });
  releasing.set(key, gone);
}

/** Settles once no closed socket still holds `key`; null when none does. */
export function released(key: string): Promise<void> | null {
  return releasing.get(key) ?? null;
}
