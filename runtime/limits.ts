/**
 * Resource caps for one guest, and how their values are written on the
 * command line and in a policy file. Defaults are safe for untrusted code.
 * Each cap is enforced where its resource is created:
 *
 * | cap | enforced in | beyond it |
 * |---|---|---|
 * | `maxFds` | `fd_table.ts` (every new descriptor) | EMFILE |
 * | `maxConnections` | `sock/sys_create.ts` (socket, socketpair, accept) | ENOBUFS |
 * | `maxMemoryPages` | `sandbox/memory_cap.ts` (the module's memory maximum, before instantiation) | memory.grow fails: malloc returns NULL, ENOMEM |
 * | `timeoutMs` | `sandbox/supervisor.ts` (a watchdog outside the guest's thread) | the guest is stopped, exit status 124 |
 * | `cpuMs` | `sandbox/supervisor.ts` (the process's CPU time, sampled) | the guest is stopped, exit status 152 (SIGXCPU) |
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
  /** Largest the guest's linear memory may grow, in 64 KiB wasm pages. */
  maxMemoryPages: number;
  /** Wall-clock time the guest may run, in milliseconds; null for no limit. */
  timeoutMs: number | null;
  /** CPU time the sandbox process may use, in milliseconds; null for no limit. */
  cpuMs: number | null;
}

/** Bytes in one wasm page. */
export const WASM_PAGE_BYTES = 65536;
/** Pages in a full 32-bit address space (4 GiB): the most a wasm32 memory can have. */
export const MAX_WASM32_PAGES = 65536;

/** The defaults `sockbox run` uses unless told otherwise. */
export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxFds: 1024,
  maxConnections: 1024,
  sendBufferBytes: 256 * 1024,
  recvBufferBytes: 256 * 1024,
  maxMemoryPages: 16384, // 1 GiB
  timeoutMs: null,
  cpuMs: null,
});

/** Exit status of a guest stopped by `--timeout` (as coreutils' `timeout`). */
export const TIMEOUT_EXIT_STATUS = 124;
/** Exit status of a guest stopped by `--max-cpu`: as a Linux process killed by SIGXCPU (128 + 24). */
export const CPU_EXIT_STATUS = 152;

/** Longest timeout accepted: what a JS timer can wait (about 24.8 days). */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** A limit value that cannot be used; the message is for the user. */
export class LimitError extends Error {}

/** Parses a count (`--max-fds`, `--max-connections`): a whole number ≥ 1. */
export function parseCount(name: string, v: string | number): number {
  const s = String(v);
  if (!/^\d+$/.test(s) || Number(s) < 1 || !Number.isSafeInteger(Number(s))) {
    throw new LimitError(`${name} needs a positive whole number, not '${s}'`);
  }
  return Number(s);
}

const UNITS: Record<string, number> = { K: 1024, M: 1024 ** 2, G: 1024 ** 3 };

/**
 * Parses `--max-memory`: a number of 64 KiB pages (`256`), or a size with a
 * unit (`16M`, `1G`, `512K`; KiB-based), rounded down to whole pages.
 */
export function parseMemory(name: string, v: string | number): number {
  const s = String(v).trim();
  const m = /^(\d+)([KMG]i?B?)?$/i.exec(s);
  if (!m) throw new LimitError(`${name} takes wasm pages (256) or a size (16M, 1G), not '${s}'`);
  const pages = m[2] ? Math.floor((Number(m[1]) * UNITS[m[2][0].toUpperCase()]) / WASM_PAGE_BYTES) : Number(m[1]);
  if (pages < 1) throw new LimitError(`${name}=${s} is less than one 64 KiB wasm page`);
  if (pages > MAX_WASM32_PAGES) throw new LimitError(`${name}=${s} is more than a wasm32 memory can hold (4G)`);
  return pages;
}

/** Parses `--timeout`: seconds, fractions allowed (`2`, `0.5`). */
export function parseTimeout(name: string, v: string | number): number {
  const s = String(v).trim();
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(s) || Number(s) <= 0) {
    throw new LimitError(`${name} takes a number of seconds greater than 0, not '${s}'`);
  }
  const ms = Math.ceil(Number(s) * 1000);
  if (ms > MAX_TIMEOUT_MS) throw new LimitError(`${name}=${s} is too long (at most ${Math.floor(MAX_TIMEOUT_MS / 1000)} s)`);
  return ms;
}

/** Human text of a page count: `16384 pages (1 GiB)`. */
export function describePages(pages: number): string {
  const bytes = pages * WASM_PAGE_BYTES;
  const size = bytes >= 1024 ** 3 && bytes % 1024 ** 3 === 0
    ? `${bytes / 1024 ** 3} GiB`
    : bytes >= 1024 ** 2
    ? `${+(bytes / 1024 ** 2).toFixed(2)} MiB`
    : `${bytes / 1024} KiB`;
  return `${pages} page${pages === 1 ? "" : "s"} (${size})`;
}
