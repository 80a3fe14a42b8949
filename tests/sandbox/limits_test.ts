/**
 * Resource caps end to end, with the errno Linux gives: descriptors beyond
 * --max-fds fail with EMFILE, sockets beyond --max-connections (socket,
 * socketpair, accept) with ENOBUFS, malloc beyond --max-memory returns NULL
 * with ENOMEM, and a module that needs more memory at start than allowed is
 * not started. Plus the memory cap's rewriting of a module, in-process.
 */
import { connect } from "node:net";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { LimitError } from "../../runtime/limits.ts";
import { capMemory } from "../../runtime/sandbox/memory_cap.ts";
import { buildWasm, runSandboxed, SOCKBOX, sandboxArgs } from "../lib/c.ts";
import { finish, start, until } from "../lib/proc.ts";
import { ModuleBuilder } from "./lib/wasm_encoder.ts";

const limits = () => buildWasm(["tests/sandbox/c/limits.c"]);

test("--max-fds: EMFILE at the cap (stdio counts)", async () => {
  const r = await runSandboxed(await limits(), ["sockets"], ["--max-fds=10"]);
  assert.is(r.stdout, "sockets: 7, then EMFILE\n");
});

test("--max-connections: ENOBUFS at the cap, for socket() and socketpair()", async () => {
  assert.is((await runSandboxed(await limits(), ["sockets"], ["--max-connections=5"])).stdout, "sockets: 5, then ENOBUFS\n");
  assert.is((await runSandboxed(await limits(), ["pairs"], ["--max-connections=5"])).stdout, "pairs: 2, then ENOBUFS\n");
});

test("defaults: 1024 descriptors", async () => {
  assert.is((await runSandboxed(await limits(), ["sockets"])).stdout, "sockets: 1021, then EMFILE\n");
});

test("--max-connections: accept() beyond the cap fails with ENOBUFS", async () => {
  const wasm = await limits();
  const guest = start(SOCKBOX, sandboxArgs(wasm, ["accept"], ["--max-connections=3", "--allow-listen=127.0.0.1:0"]));
  let out = "";
  guest.stdout!.setEncoding("utf8").on("data", (d: string) => (out += d));
  const done = finish(guest, 20_000);
  await until(() => /port \d+\n/.test(out), 10_000, "the guest's port");
  const port = Number(/port (\d+)/.exec(out)![1]);
  const clients = [0, 1, 2].map(() => connect(port, "127.0.0.1").on("error", () => {}));
  const r = await done;
  for (const c of clients) c.destroy();
  assert.match(r.stdout, "accept: 2, then ENOBUFS\n", r.stderr);
});

test("--max-memory: malloc returns NULL with ENOMEM below the cap", async () => {
  const small = await runSandboxed(await limits(), ["malloc"], ["--max-memory=16M"]);
  const m = /^malloc: (\d+), then ENOMEM\n$/.exec(small.stdout);
  assert.ok(m, small.stdout + small.stderr);
  assert.ok(Number(m![1]) >= 12 && Number(m![1]) < 16, `${m![1]} MiB under a 16 MiB cap`);
  const pages = await runSandboxed(await limits(), ["malloc"], ["--max-memory=512"]);
  assert.match(pages.stdout, /^malloc: (2[89]|3[01]), then ENOMEM\n$/, "512 pages are 32 MiB");
});

test("--max-memory: a module that needs more at start is not run", async () => {
  const r = await runSandboxed(await limits(), ["malloc"], ["--max-memory=64K"]);
  assert.is(r.code, 127);
  assert.match(r.stderr, /the module needs \d+ pages \(\d+ KiB\) of memory at start, more than --max-memory allows \(1 page \(64 KiB\)\)/);
  assert.is(r.stdout, "");
});

function memoryLimits(wasm: Uint8Array): WebAssembly.MemoryDescriptor {
  const mem = new WebAssembly.Instance(new WebAssembly.Module(wasm as BufferSource)).exports.memory as WebAssembly.Memory;
  const initial = mem.buffer.byteLength / 65536;
  let max = initial;
  while (max < 70000) {
    try {
      mem.grow(1);
      max++;
    } catch {
      break;
    }
  }
  return { initial, maximum: max };
}

test("capMemory writes the cap into the module, keeping a lower maximum", () => {
  const open = new ModuleBuilder().memory(2, null).build();
  assert.equal(memoryLimits(capMemory(open, 10)), { initial: 2, maximum: 10 });
  const lower = new ModuleBuilder().memory(2, 5).build();
  assert.equal(memoryLimits(capMemory(lower, 10)), { initial: 2, maximum: 5 });
  assert.is(capMemory(new ModuleBuilder().build(), 10).byteLength, new ModuleBuilder().build().byteLength, "no memory: unchanged");
  assert.throws(() => capMemory(new ModuleBuilder().memory(20, null).build(), 10), (e: Error) => e instanceof LimitError && /needs 20 pages/.test(e.message));
  assert.throws(() => capMemory(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 5, 9, 1]), 10), (e: Error) => e instanceof LimitError);
});

test.run();
