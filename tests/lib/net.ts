/**
 * Helpers for testing a host's `NetBackend` directly: the backend of the
 * runtime running the test, recording sinks, an echo server.
 *
 * @module
 */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SyscallError } from "../../runtime/errno.ts";
import type {
  DatagramSink,
  ListenerSink,
  NetBackend,
  StreamConn,
  StreamListener,
  StreamSink,
} from "../../runtime/net_backend.ts";
import type { SocketAddress } from "../../runtime/sockaddr.ts";
import { RUNTIME, until } from "./proc.ts";

// Chosen at run time, and named through a variable so that type-checking the
// tests under Deno does not pull Bun's global types (host/bun) into them.
const backendModule = RUNTIME === "deno" ? "../../host/deno/net.ts" : "../../host/bun/net.ts";
const backend = await import(backendModule);

/** The backend of the JS runtime running this test. */
export const net: NetBackend = RUNTIME === "deno" ? backend.denoNet : backend.bunNet;

/** Records a stream connection's events; `onData`/`onEnd` hooks run after recording. */
export class Rec implements StreamSink {
  chunks: Uint8Array[] = [];
  bytes = 0;
  ended = false;
  errors: number[] = [];
  drains = 0;
  closedCount = 0;
  events: string[] = [];
  onData?: (chunk: Uint8Array) => void;
  onEnd?: () => void;

  data(chunk: Uint8Array): void {
    this.chunks.push(chunk);
    this.bytes += chunk.byteLength;
    this.onData?.(chunk);
  }
  end(): void {
    this.ended = true;
    this.events.push("end");
    this.onEnd?.();
  }
  error(errno: number): void {
    this.errors.push(errno);
    this.events.push(`error ${errno}`);
  }
  drain(): void {
    this.drains++;
  }
  closed(): void {
    this.closedCount++;
    this.events.push("closed");
  }
  /** All bytes received, concatenated. */
  all(): Uint8Array {
    const out = new Uint8Array(this.bytes);
    let off = 0;
    for (const c of this.chunks) {
      out.set(c, off);
      off += c.byteLength;
    }
    return out;
  }
  /** All bytes received, as UTF-8. */
  text(): string {
    return new TextDecoder().decode(this.all());
  }
}

/** Records datagrams. */
export class DgramRec implements DatagramSink {
  got: { data: Uint8Array; from: SocketAddress }[] = [];
  errors: number[] = [];
  message(data: Uint8Array, from: SocketAddress): void {
    this.got.push({ data, from });
  }
  error(errno: number): void {
    this.errors.push(errno);
  }
}

/** A listener whose connections are recorded (and optionally echoed). */
export interface Server {
  listener: StreamListener;
  conns: { conn: StreamConn; rec: Rec }[];
}

/** Listens on `addr`; `setup` may configure each new connection's recorder. */
export function serve(addr: SocketAddress, setup?: (conn: StreamConn, rec: Rec) => void): Server {
  const conns: Server["conns"] = [];
  const sink: ListenerSink = {
    connection(conn) {
      const rec = new Rec();
      conns.push({ conn, rec });
      setup?.(conn, rec);
      return rec;
    },
    error(errno) {
      throw new Error(`listener error ${errno}`);
    },
  };
  const listener = net.listen(addr, { backlog: 128, reusePort: false, v6Only: false }, sink);
  return { listener, conns };
}

/** An echo server: writes back what arrives, answers FIN with FIN. */
export function echoServer(addr: SocketAddress): Server {
  return serve(addr, (conn, rec) => {
    rec.onData = (c) => conn.write(c.slice());
    rec.onEnd = () => conn.shutdownWrite();
  });
}

/** Connects with a fresh recorder. */
export async function dial(addr: SocketAddress): Promise<{ conn: StreamConn; rec: Rec }> {
  const rec = new Rec();
  const conn = await net.connect(addr, rec);
  return { conn, rec };
}

/** The errno a call failed with (throws when it did not fail with a SyscallError). */
export async function errnoOf(f: () => unknown): Promise<number> {
  try {
    await f();
  } catch (e) {
    if (e instanceof SyscallError) return e.errno;
    throw new Error(`expected a SyscallError, got ${e}`);
  }
  throw new Error("expected the call to fail");
}

/** Waits `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Waits until `pred()` holds (5 s at most). */
export function eventually(pred: () => boolean, what: string): Promise<void> {
  return until(pred, 5_000, what);
}

/** A fresh temporary directory, removed by the returned function. */
export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "sockbox-net-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `n` bytes of a recognisable pattern. */
export function pattern(n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 7 + (i >>> 8)) & 0xff;
  return b;
}

/** Whether two byte arrays are equal. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}
