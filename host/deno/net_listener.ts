/**
 * Stream listeners over `Deno.listen`, with an accept loop that stops while
 * paused (connections then wait in the kernel's backlog).
 *
 * Deno releases a listener's socket only when its pending `accept()` has
 * settled, one event-loop turn after `close()` (see `net_release.ts`): until
 * then the port is still bound (a new bind gets EADDRINUSE, a connect is
 * accepted then reset) and, for a unix listener, Deno unlinks the path when
 * the socket finally goes — by name, so it would delete the file of a
 * listener bound there since. Linux frees the address in `close()` itself.
 * This module keeps Linux's behaviour: a listen that collides with a closing
 * listener is carried out right after the release (the guest sees success at
 * once, as on Linux), and `connect` waits for the release of its target.
 *
 * @module
 */

import { Errno, SyscallError } from "../../runtime/errno.ts";
import { errnoFromHostError, hostFail } from "../../runtime/host_errors.ts";
import type { ListenerSink, ListenOptions, StreamListener } from "../../runtime/net_backend.ts";
import type { SocketAddress } from "../../runtime/sockaddr.ts";
import { noteClosing, released, releaseKey, UNSTABLE_NET } from "./net_release.ts";
import { DenoStreamConn, fromDenoAddr } from "./net_stream.ts";

/** Accept errors after which the listener keeps going at once (Linux lets the next accept succeed). */
const TRANSIENT = new Set<number>([Errno.CONNABORTED, Errno.INTR, Errno.AGAIN, Errno.PROTO]);
/** Accept errors reported to the runtime, then retried after {@link RETRY_MS} (resource exhaustion). */
const RESOURCE = new Set<number>([Errno.MFILE, Errno.NFILE, Errno.NOBUFS, Errno.NOMEM]);
const RETRY_MS = 100;

/** The release key of a stream address. */
export function streamKey(addr: SocketAddress): string {
  return releaseKey("tcp", addr);
}

function open(addr: SocketAddress, opts: ListenOptions): Deno.Listener {
  if (addr.family === "unix") return Deno.listen({ transport: "unix", path: addr.path });
  // listen(2) compares the backlog unsigned and clamps it to somaxconn; Deno passes it through.
  const tcpBacklog = Math.min(opts.backlog >>> 0, 65535);
  return Deno.listen({
    transport: "tcp",
    hostname: addr.address,
    port: addr.port,
    tcpBacklog,
    ...(opts.reusePort && UNSTABLE_NET ? { reusePort: true } : {}), // without --unstable-net: not shared
  });
}

function exists(path: string): boolean {
  try {
    Deno.lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** A listening socket; {@link DenoListener.open} binds it. */
export class DenoListener implements StreamListener {
  /** The address actually bound. */
  readonly local: SocketAddress;
  #l: Deno.Listener | null = null;
  #sink: ListenerSink;
  #paused = false;
  #accepting = false; // the accept loop runs
  #pendingAccept: Promise<unknown> | null = null; // Deno holds the socket until this settles
  #closed = false;
  #held: Deno.Conn | null = null;

  private constructor(local: SocketAddress, sink: ListenerSink) {
    this.local = local;
    this.#sink = sink;
  }

  /** Binds and listens on `addr` at once; throws `SyscallError` (EADDRINUSE, EACCES, …). */
  static open(addr: SocketAddress, opts: ListenOptions, sink: ListenerSink): DenoListener {
    const pending = released(streamKey(addr));
    if (pending && addr.family === "unix") {
      // Wait for the old listener to go (and unlink its path) before binding the path again.
      if (exists(addr.path)) throw new SyscallError(Errno.ADDRINUSE, `listen ${addr.path}: path exists`);
      return DenoListener.#deferred(addr, opts, sink, pending);
    }
    let l: Deno.Listener;
    try {
      l = open(addr, opts);
    } catch (e) {
      if (pending && errnoFromHostError(e) === Errno.ADDRINUSE) {
        return DenoListener.#deferred(addr, opts, sink, pending);
      }
      hostFail(e, `listen ${addr.family === "unix" ? addr.path : addr.address}`);
    }
    const self = new DenoListener(addr.family === "unix" ? addr : fromDenoAddr(l.addr), sink);
    self.#l = l;
    self.#loop();
    return self;
  }

  // Binds once `pending` settles; a failure then is reported through the sink.
  static #deferred(addr: SocketAddress, opts: ListenOptions, sink: ListenerSink, pending: Promise<void>): DenoListener {
    const self = new DenoListener(addr, sink);
    pending.then(() => {
      if (self.#closed) return;
      try {
        self.#l = open(addr, opts);
      } catch (e) {
        self.#closed = true;
        sink.error(errnoFromHostError(e));
        return;
      }
      self.#loop();
    });
    return self;
  }

  /** Stops accepting; a connection accepted meanwhile is held until {@link resume}. */
  pause(): void {
    this.#paused = true;
  }

  /** Delivers a held connection and accepts again. */
  resume(): void {
    if (!this.#paused || this.#closed) return;
    this.#paused = false;
    const held = this.#held;
    this.#held = null;
    if (held) this.#deliver(held);
    if (!this.#accepting && !this.#paused && this.#l) this.#loop();
  }

  /** Stops listening; the address is free for this process at once (see the module notes). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#held?.close();
    this.#held = null;
    try {
      this.#l?.close();
    } catch { /* already closed */ }
    if (this.#pendingAccept) noteClosing(streamKey(this.local), this.#pendingAccept);
  }

  #deliver(conn: Deno.Conn): void {
    const c = new DenoStreamConn(conn);
    c.start(this.#sink.connection(c));
  }

  async #loop(): Promise<void> {
    this.#accepting = true;
    try {
      await this.#acceptLoop();
    } finally {
      this.#accepting = false;
    }
  }

  async #acceptLoop(): Promise<void> {
    const l = this.#l!;
    while (!this.#paused && !this.#closed) {
      let conn: Deno.Conn;
      try {
        const accept = l.accept();
        this.#pendingAccept = accept;
        conn = await accept;
        this.#pendingAccept = null;
      } catch (e) {
        this.#pendingAccept = null;
        if (this.#closed) return;
        const errno = errnoFromHostError(e);
        if (TRANSIENT.has(errno)) continue;
        this.#sink.error(errno);
        if (!RESOURCE.has(errno)) return;
        await new Promise((r) => setTimeout(r, RETRY_MS));
        continue;
      }
      if (this.#closed) {
        conn.close();
        return;
      }
      if (this.#paused) this.#held = conn;
      else this.#deliver(conn);
    }
  }
}
