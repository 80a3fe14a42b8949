/**
 * How a connected stream socket's send hands the guest's bytes to the host
 * connection, once the socket's state allows sending.
 *
 * - A blocking send of a large buffer with nothing queued ahead and no
 *   SO_SNDTIMEO waits while the host writes straight from guest memory
 *   (`StreamConn.writeWait`): one suspension instead of a copy of every byte.
 *   It returns once the OS took everything, as Linux's blocking send does.
 *   A non-blocking send must not wait; bytes queued ahead keep their order
 *   only through the queue; and a host write in flight cannot be cancelled,
 *   so a send that may time out must not leave one reading guest memory
 *   after it returned: those copy.
 * - Otherwise the bytes are queued (the host copies what it keeps, or the
 *   runtime gathers a copy) and the send returns at once while the host's
 *   queue is below SO_SNDBUF; only a full queue waits.
 *
 * @module
 */

import { Errno, fail } from "../errno.ts";
import { type GuestMemory, gather, type IoVec } from "../memory.ts";
import type { StreamConn } from "../net_backend.ts";
import type { Signal } from "../signal.ts";
import { waitFor } from "./wait.ts";

/**
 * Blocking sends from this many bytes on are written from guest memory while
 * the send waits. Measured on Deno (a guest sending 512 MiB to a sink that
 * reads at once, one CPU, sender CPU per MB, copy vs direct): 4 KiB 472–505
 * vs 538–555 µs, 6 KiB 467–489 vs 474–476, 8 KiB 446–528 vs 413–453,
 * 16 KiB 517–613 vs 364–374, 64 KiB 469–513 vs 319–355. Below ≈ 6 KiB a
 * copy into the host's arena costs less than the suspension.
 */
export const DIRECT_SEND_MIN = 8 * 1024;

/** What the send path needs of the socket. */
export interface SendingSocket {
  /** Notified when the host's queue shrinks or the socket changes. */
  readonly changed: Signal;
  /** O_NONBLOCK. */
  readonly nonblocking: boolean;
  /** SO_SNDBUF: how much the host may hold before a send waits. */
  readonly sendBufSize: number;
  /** SO_SNDTIMEO, ns (null: none). */
  readonly sendTimeout: bigint | null;
  /** The socket's state ("closed" once the guest closed it). */
  readonly status: string;
}

/** How one send goes out: {@link sendStream}'s options. */
export interface SendRequest {
  /** The guest's buffers, `n` bytes in all (n > 0). */
  iovs: IoVec[];
  /** Their total. */
  n: number;
  /** MSG_DONTWAIT. */
  dontWait: boolean;
  /** Ask the OS whether the connection stands before sending (the peer's FIN came: its RST may be next). */
  probe: boolean;
  /** Throws the socket's send error, if any (shut down, a connection error). */
  check: () => void;
}

/** Sends `req` on `conn`: the number of bytes sent, or a promise of it when the send waits. */
export function sendStream(
  s: SendingSocket,
  conn: StreamConn,
  mem: GuestMemory,
  req: SendRequest,
): number | Promise<number> {
  const { iovs, n, check } = req;
  const put = (): number => {
    check();
    // One buffer and a host that copies only what it keeps: no copy at all when the OS takes it at once.
    if (iovs.length === 1 && conn.writeFrom) conn.writeFrom(mem.bytes(iovs[0].ptr, iovs[0].len));
    else conn.write(gather(mem, iovs));
    check(); // a host that writes at once may have failed this very write (a unix peer gone: EPIPE)
    return n;
  };
  const direct = n >= DIRECT_SEND_MIN && iovs.length === 1 && conn.writeWait !== undefined &&
    !s.nonblocking && !req.dontWait && s.sendTimeout === null;
  const send = (): number | Promise<number> => {
    if (direct && conn.buffered === 0) return writeWaiting(conn, mem, iovs[0], check);
    return put();
  };
  // After the peer's FIN its RST may be back, unheard of by the host: ask the OS first where it must be asked.
  const probe = req.probe && conn.buffered === 0 ? conn.probe?.() : undefined;
  if (probe) return probe.then(() => (s.status === "closed" ? fail(Errno.BADF) : send()));
  if (conn.buffered < s.sendBufSize) return send();
  if (s.nonblocking || req.dontWait) fail(Errno.AGAIN);
  return waitFor(s.changed, () => {
    if (s.status === "closed") fail(Errno.BADF);
    check();
    return conn.buffered < s.sendBufSize ? put() : undefined;
  }, s.sendTimeout, () => fail(Errno.AGAIN, "SO_SNDTIMEO expired"));
}

// The host writes from guest memory while the send waits; a fresh view for each write (memory may grow meanwhile).
function writeWaiting(conn: StreamConn, mem: GuestMemory, iov: IoVec, check: () => void): Promise<number> {
  check();
  return conn.writeWait!(iov.len, (done) => mem.bytes(iov.ptr + done, iov.len - done)).then(undefined, (e) => {
    check(); // the connection's error, taken once (the host reported it before rejecting)
    throw e;
  });
}
