/**
 * Defence in depth on Deno: with a policy that (wrongly) admits everything,
 * the guest's worker still reaches only what its Deno permissions name —
 * the next port, another address and the other family fail with EACCES
 * from Deno itself; and once the worker runs, the main thread holds no
 * permission at all. (Bun has no such layer: the tests pass trivially there.)
 */
import { createServer } from "node:net";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildWasm } from "../lib/c.ts";
import { ROOT, run, RUNTIME } from "../lib/proc.ts";

test("Deno's permissions hold when the policy admits everything", async () => {
  if (RUNTIME !== "deno") return;
  const wasm = await buildWasm(["tests/sandbox/c/netops.c"]);
  const srv = createServer((c) => c.end());
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const q = (srv.address() as { port: number }).port;
  try {
    const net = JSON.stringify([`127.0.0.1:${q}`]);
    const r = await run(`${ROOT}/node_modules/.bin/deno`, [
      "run", "-A", "--quiet", "--unstable-net", "--unstable-worker-options",
      `${ROOT}/tests/sandbox/lib/deno_layer.ts`, net, wasm,
      "tcp-connect", "127.0.0.1", `${q}`,
      "tcp-connect", "127.0.0.1", `${q + 1}`,
      "tcp-connect", "::1", `${q}`,
      "tcp-listen", "127.0.0.1", "0",
      "udp-send", "127.0.0.1", `${q + 1}`,
    ]);
    assert.is(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim().split("\n"), [
      `tcp-connect 127.0.0.1 ${q}: OK`,
      `tcp-connect 127.0.0.1 ${q + 1}: EACCES`,
      `tcp-connect ::1 ${q}: EACCES`,
      "tcp-listen 127.0.0.1 0: EACCES",
      `udp-send 127.0.0.1 ${q + 1}: EACCES`,
    ]);
  } finally {
    srv.close();
  }
});

test("on Deno the main thread gives up every permission once the guest's worker has its own", async () => {
  if (RUNTIME !== "deno") return;
  const wasm = await buildWasm(["guest/c-examples/hello.c"]);
  const r = await run(`${ROOT}/node_modules/.bin/deno`, [
    "run", "-A", "--quiet", "--unstable-net", "--unstable-worker-options", `${ROOT}/tests/sandbox/lib/deno_drop.ts`, wasm, "still", "runs",
  ]);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, "hello from sockbox\nargc=3\nargv[1]=still\nargv[2]=runs\n");
  const line = /main thread: (.*)/.exec(r.stderr)?.[1] ?? "";
  for (const kind of ["net", "read", "write", "env", "run", "sys", "ffi"]) assert.match(line, new RegExp(`${kind}=(prompt|denied)`), line);
});

test.run();
