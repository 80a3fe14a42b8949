/**
 * Hostile guests: a generated wasm module imports every `wasi_snapshot_preview1`
 * and `wasix_32v1` function sockbox provides and exports a trampoline for
 * each; the test calls them with random and adversarial arguments
 * (out-of-bounds and wrapping pointers, lengths near 2^32, bad enums and
 * flags, huge counts, half-valid structs planted in memory) — 200,000 calls
 * in all, half with every network grant and half with none.
 *
 * It asserts the host survives and answers an errno (0..76) every time, that
 * no call ends in a host exception (which the syscall layer would turn into
 * EIO with "internal error"), that the file system was never asked about a
 * path outside the preopen, and that closing the guest's descriptors closes
 * every host socket it opened. The run is deterministic: the seed is printed
 * on failure and `SOCKBOX_FUZZ_SEED=n` replays it.
 *
 * Calls that may legitimately wait forever are kept bounded: every socket is
 * made non-blocking before each call, stdin is at EOF, and poll_oneoff's clock
 * subscriptions are clamped to at most 1 ms (one is added when none is given).
 */
import process from "node:process";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Context } from "../../runtime/context.ts";
import { preview1Syscalls, WASI_MODULE, WASIX_MODULE, wasixSyscalls, buildImports } from "../../runtime/imports.ts";
import { rememberSignatures } from "../../runtime/jspi_fast_path.ts";
import { promising } from "../../runtime/jspi.ts";
import { DEFAULT_LIMITS } from "../../runtime/limits.ts";
import { GuestMemory } from "../../runtime/memory.ts";
import { GrantPolicy, noGrants } from "../../runtime/policy/grant_policy.ts";
import type { Policy } from "../../runtime/policy.ts";
import { createContext } from "../../runtime/run.ts";
import { SocketEntry } from "../../runtime/sock/socket_entry.ts";
import { ProcExit, type SyscallTable } from "../../runtime/syscall.ts";
import { FdFlags } from "../../runtime/wasi/constants.ts";
import { fakeHost } from "./lib/fake_host.ts";
import { NO_RESULT, PREVIEW1, WASIX } from "./lib/signatures.ts";
import { ModuleBuilder, type ValType } from "./lib/wasm_encoder.ts";

const SEED = Number(process.env.SOCKBOX_FUZZ_SEED ?? 0x5eed);
const CALLS_PER_RUN = 100_000;
const MAX_ERRNO = 76;
const HANG_MS = 2000;

const MEM = 65536; // one page
const STR = 1024, IOV = 2048, ADDR = 3072, SUB = 4352, OPT = 4608, BUF = 8192;
const ADDR_STEP = 112, SUB_SIZE = 48;

/** mulberry32: small, fast, deterministic. */
function rng32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

interface Target {
  name: string;
  params: ValType[];
  blocking: boolean;
  call: (...args: unknown[]) => unknown;
}

function buildModule(): { wasm: Uint8Array; targets: Omit<Target, "call">[] } {
  const m = new ModuleBuilder();
  const list: { module: string; name: string; params: ValType[]; blocking: boolean }[] = [];
  const add = (module: string, table: SyscallTable, sigs: Record<string, ValType[]>) => {
    for (const [name, def] of Object.entries(table)) {
      const params = sigs[name];
      if (!params) throw new Error(`no signature for ${module}.${name}: add it to tests/sandbox/lib/signatures.ts`);
      list.push({ module, name, params, blocking: def.blocking });
    }
  };
  add(WASI_MODULE, preview1Syscalls, PREVIEW1);
  add(WASIX_MODULE, wasixSyscalls, WASIX);
  const sigOf = (t: { name: string; params: ValType[] }) => ({ params: t.params, results: NO_RESULT.has(t.name) ? [] : ["i32" as const] });
  const ids = list.map((t) => m.importFunc(t.module, t.name, sigOf(t)));
  list.forEach((t, i) => m.trampoline(ids[i], sigOf(t), `f${i}`));
  m.memory(1, 1);
  return { wasm: m.build(), targets: list.map(({ name, params, blocking }) => ({ name, params, blocking })) };
}

const enc = new TextEncoder();
const STRINGS = ["/data/f", "f", "d", "d/g", "l", "up", "up/secret", "../outside/secret", "/etc/passwd", "new", "localhost", "example.com", "", "a/b/../../..", "\u00ff\u0000x"];

/** Writes half-valid structures at fixed places; returns the addresses worth pointing at. */
function plant(mem: Uint8Array, rnd: () => number): number[] {
  const dv = new DataView(mem.buffer);
  const anchors: number[] = [];
  for (let i = 0; i < STR; i++) mem[i] = rnd() & 0xff;
  let p = STR;
  for (const s of STRINGS) {
    const b = enc.encode(s);
    mem.set(b, p);
    mem[p + b.byteLength] = 0;
    anchors.push(p);
    p += b.byteLength + 1;
  }
  const iov = (at: number, buf: number, len: number) => {
    dv.setUint32(at, buf, true);
    dv.setUint32(at + 4, len, true);
  };
  for (let i = 0; i < 8; i++) iov(IOV + i * 8, BUF + i * 512, 1 + (rnd() % 512));
  iov(IOV + 64, BUF, 0xffffffff);
  iov(IOV + 72, MEM - 4, 8);
  iov(IOV + 80, 0x7fffffff, 1);
  iov(IOV + 88, BUF, 0);
  anchors.push(IOV, IOV + 8, IOV + 64, IOV + 72, IOV + 80, IOV + 88);
  const addrs: ((at: number) => void)[] = [
    (at) => (mem.set([1, 0, 0x90, 0x1f, 127, 0, 0, 1], at)), // 127.0.0.1:8080
    (at) => (mem.set([1, 0, 0, 0, 0, 0, 0, 0], at)), // 0.0.0.0:0
    (at) => (mem.set([2, 0, 0x91, 0x1f, ...new Array(15).fill(0), 1], at)), // [::1]:8081
    (at) => (mem.set([2, 0, 80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 127, 0, 0, 1], at)), // [::ffff:127.0.0.1]:80
    (at) => (mem.set([3, 0, ...enc.encode("/data/s"), 0], at)),
    (at) => (mem.set([3, 0, ...enc.encode("/etc/x.sock"), 0], at)),
    (at) => (mem.set([3, 0, 0, ...enc.encode("abstract")], at)),
    (at) => (mem.set([3, 0, ...new Array(108).fill(0x78)], at)), // no NUL
    (at) => (mem.set([7, 0, 1, 2, 3, 4], at)), // bad tag
    (at) => (mem.set([1, 0, 0x35, 0, 8, 8, 8, 8], at)), // 8.8.8.8:53
  ];
  addrs.forEach((write, i) => {
    const at = ADDR + i * ADDR_STEP;
    mem.fill(0, at, at + ADDR_STEP);
    write(at);
    anchors.push(at);
  });
  for (let i = 0; i < 4; i++) {
    const at = SUB + i * SUB_SIZE;
    mem.fill(0, at, at + SUB_SIZE);
    dv.setBigUint64(at, BigInt(i), true);
    mem[at + 8] = i % 3; // clock, fd_read, fd_write
    dv.setUint32(at + 16, i % 3 === 0 ? 1 : 3 + (rnd() % 6), true);
  }
  anchors.push(SUB, SUB + SUB_SIZE);
  mem[OPT] = 1;
  dv.setBigUint64(OPT + 8, 1_000_000n, true);
  mem[OPT + 16] = 9; // bad tag
  anchors.push(OPT, OPT + 16);
  for (let i = BUF; i < BUF + 256; i++) mem[i] = rnd() & 0xff;
  anchors.push(BUF, BUF + 4096, MEM - 8, MEM - 1);
  return anchors;
}

function i32Arg(rnd: () => number, anchors: number[]): number {
  const r = rnd() % 100;
  if (r < 25) return rnd() % 3 === 0 ? rnd() % 32 : rnd() % 5;
  if (r < 55) return anchors[rnd() % anchors.length];
  if (r < 65) return rnd() % MEM;
  if (r < 72) return MEM - (rnd() % 32);
  if (r < 78) return MEM + (rnd() % 1024);
  if (r < 84) return (0xffffffff - (rnd() % 64)) | 0;
  if (r < 90) return (0x7fffffff + (rnd() % 8)) | 0;
  return rnd() | 0;
}

function i64Arg(rnd: () => number): bigint {
  const choices = [0n, BigInt(rnd() % 100), -1n, (1n << 63n) - 1n, -(1n << 63n), BigInt(MEM - 8), 1_000_000n];
  if (rnd() % 4 === 0) return BigInt.asIntN(64, (BigInt(rnd()) << 32n) | BigInt(rnd()));
  return choices[rnd() % choices.length];
}

/** Keeps calls that could wait forever bounded (see the module comment). */
function bound(name: string, args: unknown[], mem: Uint8Array, rnd: () => number): void {
  if (name === "poll_oneoff") {
    const inPtr = (args[0] as number) >>> 0, n = (args[2] as number) >>> 0;
    if (n === 0 || inPtr + n * SUB_SIZE > MEM) return;
    const dv = new DataView(mem.buffer);
    let clock = false;
    for (let i = 0; i < n; i++) {
      const at = inPtr + i * SUB_SIZE;
      if (mem[at + 8] !== 0) continue;
      clock = true;
      dv.setBigUint64(at + 24, BigInt(rnd() % 1_000_000), true);
      dv.setUint16(at + 40, 0, true);
    }
    if (!clock) {
      const at = inPtr + (n - 1) * SUB_SIZE;
      mem[at + 8] = 0;
      dv.setUint32(at + 16, 1, true);
      dv.setBigUint64(at + 24, 0n, true);
      dv.setUint16(at + 40, 0, true);
    }
  } else if (name === "epoll_wait") {
    args[3] = 0n;
  }
}

function nonblockingSockets(ctx: Context): void {
  for (const [, e] of ctx.fds.entries()) if (e instanceof SocketEntry) e.fdflags |= FdFlags.NONBLOCK;
}

function hang(ms: number): { promise: Promise<never>; cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const promise = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  promise.catch(() => {});
  return { promise, cancel: () => clearTimeout(timer) };
}

/** The first parameter of these is a descriptor (and fd_renumber's second). */
const FD_FIRST = /^(fd_|sock_|path_|epoll_ctl|epoll_wait)/;
const PREOPEN_FD = 3;
const RESET_EVERY = 400;

interface Guest {
  ctx: Context;
  mem: Uint8Array;
  fns: Target[];
}

async function instantiate(module: WebAssembly.Module, targets: Omit<Target, "call">[], host: ReturnType<typeof fakeHost>, policy: Policy): Promise<Guest> {
  const ctx = createContext(host, {
    args: ["fuzz.wasm", "arg"],
    env: ["A=1"],
    preopens: [{ hostPath: "/box", guestPath: "/data" }],
    policy,
    limits: { ...DEFAULT_LIMITS, maxFds: 48, maxConnections: 12 },
    trace: null,
  });
  const instance = await WebAssembly.instantiate(module, buildImports(ctx, module));
  const memory = instance.exports.memory as WebAssembly.Memory;
  ctx.mem = new GuestMemory(memory);
  const fns: Target[] = targets.map((t, i) => {
    const f = instance.exports[`f${i}`] as (...a: unknown[]) => unknown;
    const call = t.blocking ? promising(f as (...a: never[]) => unknown) as (...a: unknown[]) => unknown : f;
    return { ...t, call };
  });
  return { ctx, mem: new Uint8Array(memory.buffer), fns };
}

/** Calls that give the random ones something to work on: sockets of each kind, a bound and listening one, open files. */
function warmUp(): [string, unknown[]][] {
  const out = BUF + 8000;
  return [
    ["sock_open", [1, 1, 0, out]],
    ["sock_open", [2, 1, 0, out]],
    ["sock_open", [1, 2, 0, out]],
    ["sock_open", [2, 2, 0, out]],
    ["sock_open", [3, 1, 0, out]],
    ["sock_open", [3, 2, 0, out]],
    ["sock_pair", [3, 1, 0, out, out + 4]],
    ["sock_bind", [4, ADDR]],
    ["sock_listen", [4, 8]],
    ["sock_connect", [5, ADDR + 2 * ADDR_STEP]],
    ["sock_bind", [6, ADDR + 9 * ADDR_STEP]],
    ["sock_bind", [8, ADDR + 4 * ADDR_STEP]],
    ["path_open", [PREOPEN_FD, 0, STR + 8, 1, 0, -1n, -1n, 0, out]],
    ["path_open", [PREOPEN_FD, 0, STR + 10, 1, 2, -1n, -1n, 0, out]],
  ];
}

async function fuzz(label: string, policy: Policy, seed: number, calls: number): Promise<{ counts: Map<string, number>; errnos: Map<string, Map<number, number>>; ms: number }> {
  const rnd = rng32(seed);
  const host = fakeHost({
    "/box/f": "hello",
    "/box/d/g": "x",
    "/box/l": { link: "f" },
    "/box/up": { link: "../outside" },
    "/box/abs": { link: "/outside/secret" },
    "/outside/secret": "secret",
  });
  const { wasm, targets } = buildModule();
  const module = await WebAssembly.compile(wasm as BufferSource);
  rememberSignatures(module, wasm); // blocking imports through the fast path, as `sockbox run` links them
  const internal: string[] = [];
  const consoleError = console.error;
  console.error = (...a: unknown[]) => internal.push(a.join(" "));
  const counts = new Map<string, number>();
  const errnos = new Map<string, Map<number, number>>();
  const t0 = performance.now();
  let g: Guest | null = null;
  let anchors: number[] = [];
  let queue: [string, unknown[]][] = [];
  try {
    for (let i = 0; i < calls; i++) {
      if (i % RESET_EVERY === 0) {
        if (g) await g.ctx.fds.closeAll();
        g = await instantiate(module, targets, host, policy);
        queue = warmUp();
      }
      const { ctx, mem, fns } = g!;
      if (i % 32 === 0) anchors = plant(mem, rnd);
      let t: Target, args: unknown[];
      const next = queue.shift();
      if (next) {
        t = fns.find((f) => f.name === next[0])!;
        args = next[1];
      } else {
        t = fns[rnd() % fns.length];
        args = t.params.map((p) => (p === "i32" ? i32Arg(rnd, anchors) : i64Arg(rnd)));
        const open = [...ctx.fds.entries()].map(([fd]) => fd);
        if (FD_FIRST.test(t.name) && open.length > 0 && rnd() % 10 < 7) args[0] = open[rnd() % open.length];
        if (t.name.startsWith("path_") && rnd() % 2 === 0) args[0] = PREOPEN_FD;
        if (t.name === "fd_renumber" && open.length > 0) args[1] = open[rnd() % open.length];
      }
      bound(t.name, args, mem, rnd);
      nonblockingSockets(ctx);
      const where = () => `${label} call #${i} ${t.name}(${args.join(", ")}) [seed ${seed}; replay with SOCKBOX_FUZZ_SEED=${seed}]`;
      let r: unknown;
      try {
        if (t.blocking) {
          const h = hang(HANG_MS);
          try {
            r = await Promise.race([t.call(...args), h.promise]);
          } finally {
            h.cancel();
          }
        } else {
          r = t.call(...args);
        }
      } catch (e) {
        if (t.name === "proc_exit" && e instanceof ProcExit) r = 0;
        else throw new Error(`${where()} threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
      }
      if (t.name === "proc_exit" && r === undefined) throw new Error(`${where()} returned instead of exiting`);
      if (t.name !== "proc_exit" && !(Number.isInteger(r) && (r as number) >= 0 && (r as number) <= MAX_ERRNO)) {
        throw new Error(`${where()} returned ${String(r)}, not an errno`);
      }
      if (internal.length > 0) throw new Error(`${where()} hit a host error: ${internal.join("; ")}`);
      counts.set(t.name, (counts.get(t.name) ?? 0) + 1);
      const e = errnos.get(t.name) ?? new Map<number, number>();
      e.set(r as number, (e.get(r as number) ?? 0) + 1);
      errnos.set(t.name, e);
    }
  } finally {
    console.error = consoleError;
  }
  const ms = performance.now() - t0;
  const outside = host.fs.calls.filter(([, p]) => p !== "/box" && !p.startsWith("/box/"));
  assert.equal(outside, [], `${label}: the file system was asked about paths outside the preopen [seed ${seed}]`);
  await g!.ctx.fds.closeAll();
  await new Promise((r) => setTimeout(r, 0));
  assert.is(host.net.open, 0, `${label}: host sockets left open after every descriptor closed [seed ${seed}]`);
  return { counts, errnos, ms };
}

test("the fuzz module imports every function sockbox provides", () => {
  const { targets } = buildModule();
  const names = targets.map((t) => t.name).sort();
  assert.equal(names, [...Object.keys(preview1Syscalls), ...Object.keys(wasixSyscalls)].sort());
  assert.ok(names.includes("sock_open") && names.includes("path_open") && names.includes("poll_oneoff"));
});

test(`${2 * CALLS_PER_RUN} hostile calls: the host answers an errno every time`, async () => {
  const granted = new GrantPolicy({ ...noGrants(), allowNet: "--allow-net" });
  const a = await fuzz("granted", granted, SEED, CALLS_PER_RUN);
  const b = await fuzz("denied", new GrantPolicy(noGrants()), SEED + 1, CALLS_PER_RUN);
  const total = [...a.counts.values(), ...b.counts.values()].reduce((x, y) => x + y, 0);
  assert.is(total, 2 * CALLS_PER_RUN);
  const never = [...new Set([...Object.keys(preview1Syscalls), ...Object.keys(wasixSyscalls)])].filter((n) => !a.counts.has(n) || !b.counts.has(n));
  assert.equal(never, [], "every import was called in both runs");
  const ok = (r: typeof a) => [...r.errnos.values()].reduce((n, m) => n + (m.get(0) ?? 0), 0);
  if (process.env.SOCKBOX_FUZZ_STATS) {
    for (const [name, m] of a.errnos) console.log(`  ${name}: ${JSON.stringify(Object.fromEntries(m))} / ${JSON.stringify(Object.fromEntries(b.errnos.get(name) ?? []))}`);
  }
  assert.ok(ok(a) > CALLS_PER_RUN / 20, `only ${ok(a)} calls succeeded with grants: the fuzz is not reaching past argument checks`);
  console.log(`  fuzz: ${total} calls (${ok(a) + ok(b)} succeeded), seed ${SEED}, ${(a.ms / 1000).toFixed(1)} s with grants + ${(b.ms / 1000).toFixed(1)} s without`);
});

test.run();
