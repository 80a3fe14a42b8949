/// <reference lib="deno.unstable" />
/**
 * One stream connection (TCP or unix) over a `Deno.Conn`: a read loop that
 * pushes chunks to the runtime's sink, and a write pump that drains a queue.
 *
 * Deno facts this follows (2.9): `conn.read` and `conn.write` are promises and
 * may be partial; `closeWrite()` is shutdown(SHUT_WR); a reset peer is reported
 * by `read` as EOF (`null`), not as ECONNRESET, so a reset shows up as `end`
 * here and the next write fails with EPIPE; `close()` rejects a pending
 * read/write (ignored once we closed).
 *
 * @module
 */

import { errnoFromHostError } from "../../runtime/host_errors.ts";
import { Errno, SyscallError } from "../../runtime/errno.ts";
import type { StreamConn, StreamSink } from "../../runtime/net_backend.ts";
import { SendQueue } from "../../runtime/net_send_queue.ts";
import { canonicalIp, type SocketAddress } from "../../runtime/sockaddr.ts";

/**
 * Reads go into a per-connection arena and are handed over as views of it,
 * never copied: a typed array of its own costs Deno about 0.5 µs to allocate
 * (more than the rest of a small read), so one arena serves many small reads.
 * An idle connection's arena is small; a read that fills a whole arena makes
 * the next one twice as large, up to {@link MAX_ARENA}. A new arena is taken
 * once less than half of the current one is left, so reads stay large.
 */
const MIN_ARENA = 4 * 1024;
/** The largest arena (and so the most one `read` takes). */
const MAX_ARENA = 64 * 1024;
/**
 * Writes of guest bytes must be copied (Deno's `write` is a promise, the
 * guest reuses its buffer at once); those up to {@link SMALL_WRITE} bytes are
 * copied into a shared arena of {@link SEND_ARENA} bytes, so a new typed array
 * (about 0.5 µs each) is made once per many writes.
 */
const SEND_ARENA = 64 * 1024;
/** Larger writes get a buffer of their own. */
const SMALL_WRITE = 16 * 1024;
let sendArena: Uint8Array | null = null;
let sendArenaUsed = 0;

/** A copy of `data` that stays valid until the write that carries it is done. */
function copyForSend(data: Uint8Array): Uint8Array {
  const n = data.byteLength;
  if (n > SMALL_WRITE) return data.slice();
  if (sendArena === null || SEND_ARENA - sendArenaUsed < n) {
    sendArena = new Uint8Array(SEND_ARENA);
    sendArenaUsed = 0;
  }
  const out = sendArena.subarray(sendArenaUsed, sendArenaUsed + n);
  out.set(data);
  sendArenaUsed += n;
  return out;
}

/** What {@link DenoStreamConn.probe} writes. */
const EMPTY = new Uint8Array(0);

/** A `Deno.Addr` as a {@link SocketAddress} (canonical IP text, "" for an unnamed unix socket). */
export function fromDenoAddr(a: Deno.Addr): SocketAddress {
  if (!("hostname" in a)) return { family: "unix", path: ("path" in a ? a.path : null) ?? "" };
  const ip = canonicalIp(a.hostname);
  return ip
    ? { family: ip.family, address: ip.address, port: a.port }
    : { family: "ipv4", address: "0.0.0.0", port: a.port };
}

/** A connection handed to the runtime; call {@link DenoStreamConn.start} once the sink is known. */
export class DenoStreamConn implements StreamConn {
  /** Local address. */
  readonly local: SocketAddress;
  /** Peer address. */
  readonly remote: SocketAddress;
  #conn: Deno.Conn;
  #sink: StreamSink | null = null;
  #queue = new SendQueue();
  #writing = false;
  #direct = 0; // bytes of a writeWait not yet taken by the OS
  #arena: Uint8Array | null = null; // what reads fill; what was handed over stays the sink's
  #arenaUsed = 0;
  #arenaSize = MIN_ARENA;
  #reading = false;
  #paused = false;
  #held: Uint8Array | null = null; // a chunk read while paused
  #heldEof = false;
  #readDone = false; // EOF seen
  #shutdownAsked = false;
  #writeDone = false; // FIN sent
  #closeAsked = false;
  #finished = false; // released; closed() reported
  #finalErrno = 0;

  constructor(conn: Deno.Conn) {
    this.#conn = conn;
    this.local = fromDenoAddr(conn.localAddr);
    this.remote = fromDenoAddr(conn.remoteAddr);
  }

  /** Attaches the sink and starts reading. */
  start(sink: StreamSink): void {
    this.#sink = sink;
    if (this.#finished) this.#report();
    else this.#readLoop();
  }

  /** Bytes accepted by {@link write} not yet taken by the OS. */
  get buffered(): number {
    return this.#queue.bytes + this.#direct;
  }

  /** Queues `data`; dropped after shutdownWrite/close/failure (the runtime answers EPIPE itself). */
  write(data: Uint8Array): void {
    if (this.#shutdownAsked || this.#closeAsked || this.#finished || data.byteLength === 0) return;
    this.#queue.push(data);
    if (!this.#writing) this.#pump();
  }

  /** As {@link write}, for a buffer that stays the caller's (copied, mostly into a shared arena). */
  writeFrom(data: Uint8Array): void {
    if (this.#shutdownAsked || this.#closeAsked || this.#finished || data.byteLength === 0) return;
    this.write(copyForSend(data));
  }

  /**
   * Writes straight from the caller's views, one `conn.write` after another, while the caller
   * waits: no copy (≈ 6 µs per 64 KiB on Deno, plus an allocation) for one JSPI suspension.
   * Deno's op keeps the view's memory alive, so a guest memory that grows meanwhile is safe.
   */
  writeWait(total: number, rest: (done: number) => Uint8Array): Promise<number> {
    if (this.#shutdownAsked || this.#closeAsked || this.#finished || total === 0) return Promise.resolve(total);
    if (this.#writing || !this.#queue.empty) { // bytes ahead: queue behind them
      this.writeFrom(rest(0));
      return Promise.resolve(total);
    }
    this.#writing = true;
    this.#direct = total;
    return new Promise((resolve, reject) => {
      let done = 0;
      const failed = (e: unknown): void => {
        this.#direct = 0;
        this.#writing = false;
        const errno = errnoFromHostError(e, Errno.PIPE);
        if (!this.#finished) this.#finish(this.#closeAsked ? 0 : errno);
        if (done > 0) resolve(done);
        else reject(new SyscallError(errno));
      };
      const step = (): void => {
        let view: Uint8Array;
        try {
          view = rest(done);
        } catch (e) {
          return failed(e);
        }
        this.#conn.write(view).then((n) => {
          done += n;
          this.#direct = total - done;
          if (this.#finished) return resolve(done); // failed meanwhile (a read's error): reported already
          if (n > 0 && !this.#closeAsked) this.#sink?.drain();
          if (done < total) return step();
          resolve(total);
          this.#pump(); // what was queued meanwhile, FIN or close
        }, failed);
      };
      step();
    });
  }

  /** Sends FIN once the queue is flushed. */
  shutdownWrite(): void {
    if (this.#shutdownAsked || this.#finished) return;
    this.#shutdownAsked = true;
    if (!this.#writing) this.#pump();
  }

  /** Stops issuing reads (a read already in flight is held back until {@link resume}). */
  pause(): void {
    this.#paused = true;
  }

  /** Delivers what was held back and reads again. */
  resume(): void {
    if (!this.#paused) return;
    this.#paused = false;
    if (this.#finished || this.#closeAsked) return;
    const held = this.#held;
    this.#held = null;
    if (held) this.#sink!.data(held);
    if (this.#heldEof) {
      this.#heldEof = false;
      this.#eof();
      return;
    }
    if (!this.#reading && !this.#paused && !this.#readDone) this.#readLoop();
  }

  /** TCP_NODELAY (ignored on unix sockets). */
  setNoDelay(on: boolean): void {
    if (this.#finished || !("setNoDelay" in this.#conn)) return;
    try {
      (this.#conn as Deno.TcpConn).setNoDelay(on);
    } catch { /* closed under us */ }
  }

  /** SO_KEEPALIVE (ignored on unix sockets). */
  setKeepAlive(on: boolean): void {
    if (this.#finished || !("setKeepAlive" in this.#conn)) return;
    try {
      (this.#conn as Deno.TcpConn).setKeepAlive(on);
    } catch { /* closed under us */ }
  }

  /**
   * A zero-length write, which the OS fails (EPIPE) once the peer's RST has come: Deno
   * reports a reset only to a pending read or write, and after the peer's FIN none is pending.
   */
  probe(): Promise<void> {
    if (this.#finished || this.#closeAsked || this.#writing) return Promise.resolve();
    return this.#conn.write(EMPTY).then(() => {}, (e) => {
      if (!this.#finished) this.#finish(this.#closeAsked ? 0 : errnoFromHostError(e, Errno.PIPE));
    });
  }

  /** Closes after the queue is flushed; `closed` follows. */
  close(): void {
    if (this.#closeAsked || this.#finished) return;
    this.#closeAsked = true;
    this.#held = null;
    if (this.#writing) return; // the pump finishes once the queue is flushed
    // Deno closes the socket only once its pending read has ended, at the next poll of its ops:
    // bytes this process writes to it meanwhile (a socketpair, a loopback peer) would be left
    // unread and make the close a reset. So the read stays pending one timer turn, and takes them.
    if (this.#reading) setTimeout(() => this.#finish(0), 0);
    else this.#finish(0);
  }

  async #readLoop(): Promise<void> {
    this.#reading = true;
    while (!this.#paused && !this.#finished && !this.#closeAsked) {
      if (this.#arena === null || this.#arena.byteLength - this.#arenaUsed < this.#arenaSize / 2) {
        this.#arena = new Uint8Array(this.#arenaSize);
        this.#arenaUsed = 0;
      }
      const arena = this.#arena, start = this.#arenaUsed;
      let n: number | null;
      try {
        n = await this.#conn.read(start === 0 ? arena : arena.subarray(start));
      } catch (e) {
        this.#reading = false;
        if (!this.#finished && !this.#closeAsked) this.#finish(errnoFromHostError(e, Errno.CONNRESET));
        return;
      }
      if (this.#finished || this.#closeAsked) break;
      if (n === null) {
        this.#reading = false;
        if (this.#paused) this.#heldEof = true;
        else this.#eof();
        return;
      }
      if (n === 0) continue;
      if (start === 0 && n === arena.byteLength && this.#arenaSize < MAX_ARENA) this.#arenaSize *= 2;
      this.#arenaUsed = start + n;
      const chunk = arena.subarray(start, start + n);
      if (this.#paused) this.#held = chunk;
      else this.#sink!.data(chunk);
    }
    this.#reading = false;
  }

  #eof(): void {
    this.#readDone = true;
    this.#sink!.end();
    if (this.#writeDone) this.#finish(0);
  }

  // Hands the queue to the OS one write at a time (no async frame per write: this is the hot path).
  #pump(): void {
    if (this.#finished) return;
    if (this.#queue.empty) return this.#afterFlush();
    this.#writing = true;
    const chunk = this.#queue.peek();
    this.#conn.write(chunk).then((n) => {
      if (this.#finished) return;
      this.#queue.consume(n);
      if (n > 0 && !this.#closeAsked) this.#sink?.drain();
      this.#pump();
    }, (e) => {
      this.#writing = false;
      if (!this.#finished) this.#finish(this.#closeAsked ? 0 : errnoFromHostError(e, Errno.PIPE));
    });
  }

  // The queue is empty: close or send FIN if asked.
  #afterFlush(): void {
    if (this.#closeAsked) {
      this.#writing = false;
      return this.#finish(0);
    }
    if (!this.#shutdownAsked || this.#writeDone) {
      this.#writing = false;
      return;
    }
    this.#writing = true;
    this.#conn.closeWrite().then(() => {
      this.#writeDone = true;
      this.#writing = false;
      if (this.#closeAsked || this.#readDone) this.#finish(0);
    }, (e) => {
      this.#writing = false;
      if (!this.#finished && !this.#closeAsked) this.#finish(errnoFromHostError(e, Errno.NOTCONN));
    });
  }

  // Releases the connection; reports `errno` (unless 0) then `closed`, once.
  #finish(errno: number): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#queue.clear();
    this.#held = null;
    try {
      this.#conn.close();
    } catch { /* already closed */ }
    this.#finalErrno = errno;
    if (this.#sink) this.#report();
  }

  #report(): void {
    const sink = this.#sink!, errno = this.#finalErrno;
    queueMicrotask(() => {
      if (errno !== 0) sink.error(errno);
      sink.closed();
    });
  }
}
