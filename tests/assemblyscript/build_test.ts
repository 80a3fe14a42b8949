/**
 * The AssemblyScript guests build with the compiler from node_modules into
 * WASI commands sockbox accepts (imports only from wasi_snapshot_preview1 and
 * wasix_32v1, exports `_start` and `memory`), and the library's checks that
 * need no network pass in the sandbox.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { runSandboxed, splitNotices } from "../lib/c.ts";
import { AS_EXAMPLES, AS_TEST_PROGRAMS, buildAs } from "./as_lib.ts";

const ALLOWED_MODULES = new Set(["wasi_snapshot_preview1", "wasix_32v1"]);

test("every AS program imports only preview 1 and wasix_32v1, and is a WASI command", async () => {
  const names = [...AS_EXAMPLES, ...AS_TEST_PROGRAMS];
  const paths = await buildAs(names);
  paths.forEach((path, i) => {
    const mod = new WebAssembly.Module(readFileSync(path));
    const imports = WebAssembly.Module.imports(mod);
    const foreign = imports.filter((imp) => !ALLOWED_MODULES.has(imp.module) || imp.kind !== "function");
    assert.equal(foreign.map((imp) => `${imp.module}.${imp.name}`), [], `${names[i]} imports`);
    const exports = WebAssembly.Module.exports(mod).map((e) => `${e.name}:${e.kind}`);
    assert.ok(exports.includes("_start:function"), `${names[i]} exports _start`);
    assert.ok(exports.includes("memory:memory"), `${names[i]} exports memory`);
  });
});

test("the socket examples import the calls the C layer uses", async () => {
  const [server, client] = await buildAs(["echo_server", "udp_client"]);
  const names = (p: string) =>
    WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(p))).map((i) => `${i.module}.${i.name}`);
  for (const need of ["wasix_32v1.sock_open", "wasix_32v1.sock_bind", "wasix_32v1.sock_listen",
    "wasix_32v1.sock_accept_v2", "wasi_snapshot_preview1.sock_recv", "wasi_snapshot_preview1.sock_send"]) {
    assert.ok(names(server).includes(need), `echo_server imports ${need}`);
  }
  for (const need of ["wasix_32v1.sock_send_to", "wasix_32v1.sock_recv_from", "wasix_32v1.sock_set_opt_time"]) {
    assert.ok(names(client).includes(need), `udp_client imports ${need}`);
  }
});

test("selftest: addresses, addr_port bytes, errno, Result, options, poll — all pass in the sandbox", async () => {
  const [wasm] = await buildAs(["tests/selftest"]);
  const r = await runSandboxed(wasm);
  const failures = r.stdout.split("\n").filter((l) => l.startsWith("FAIL"));
  assert.equal(failures, [], r.stderr);
  assert.match(r.stdout, /\n\d+ passed, 0 failed\n$/);
  assert.is(r.code, 0, r.stderr);
});

test("a failed Result's value aborts: message on stderr, status 134, no env.abort", async () => {
  const [wasm] = await buildAs(["tests/aborts"]);
  const r = await runSandboxed(wasm);
  assert.is(r.stdout, "before\n");
  assert.is(r.stderr, "abort: Result.value of a failed call: EAFNOSUPPORT\n");
  assert.is(r.code, 134);
});

test("expect() reports like perror and exits 1: a server without a grant", async () => {
  const [wasm] = await buildAs(["echo_server"]);
  const r = await runSandboxed(wasm, ["0"]);
  assert.is(r.stdout, "");
  const { notices, rest } = splitNotices(r.stderr);
  assert.is(rest, "bind: Permission denied\n");
  assert.is(notices.length, 1, r.stderr);
  assert.match(notices[0], /^sockbox: sandbox refused tcp-bind .*; to allow it: --allow-listen=/);
  assert.is(r.code, 1);
});

test("a bad address is a usage error (status 2)", async () => {
  const [wasm] = await buildAs(["echo_server"]);
  const r = await runSandboxed(wasm, ["not-an-address"]);
  assert.is(r.stderr, "echo_server: bad port or address not-an-address\n");
  assert.is(r.code, 2);
});

test.run();
