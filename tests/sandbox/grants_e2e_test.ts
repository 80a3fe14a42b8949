/**
 * Grants end to end, on loopback: a C guest gets exactly what each grant form
 * names — the listen, connect, UDP and unix grants admit their address and
 * refuse the next port, the next address and the other family — on both
 * runtimes (on Deno through the worker whose permissions are computed from
 * the grants).
 */
import { createServer, type Server } from "node:net";
import { mkdirSync, writeFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildWasm, runSandboxed, splitNotices } from "../lib/c.ts";
import { removeDir, tempDir } from "../lib/wasi.ts";

/** A TCP server on `host` (port 0), for the guest to connect to; returns it and its port. */
function server(host: string): Promise<{ srv: Server; port: number }> {
  return new Promise((resolve, reject) => {
    const srv = createServer((c) => c.end());
    srv.on("error", reject);
    srv.listen(0, host, () => resolve({ srv, port: (srv.address() as { port: number }).port }));
  });
}

/** A port that was free a moment ago (and the one after it is checked by the policy only). */
async function freePort(): Promise<number> {
  const { srv, port } = await server("127.0.0.1");
  await new Promise((r) => srv.close(r));
  return port;
}

/** Two neighbouring ports, p and p+1, both free a moment ago (tried until a pair is found). */
async function freePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const p = await freePort();
    const next = await new Promise<Server | null>((resolve) => {
      const srv = createServer();
      srv.once("error", () => resolve(null));
      srv.listen(p + 1, "127.0.0.1", () => resolve(srv));
    });
    if (next) {
      await new Promise((r) => next.close(r));
      return p;
    }
  }
  throw new Error("no two neighbouring free ports on 127.0.0.1");
}

async function ops(grants: string[], list: string[]): Promise<string[]> {
  const wasm = await buildWasm(["tests/sandbox/c/netops.c"]);
  const r = await runSandboxed(wasm, list.join(" ").split(" "), grants);
  const out = r.stdout.trim().split("\n");
  // Nothing on stderr but sockbox's notice of each refusal (tests/sandbox/refusal_notice_test.ts).
  const { notices, rest } = splitNotices(r.stderr);
  assert.is(rest, "", `stderr: ${r.stderr}`);
  assert.is(notices.length, out.filter((l) => l.endsWith(": EACCES")).length, `stderr: ${r.stderr}`);
  assert.is(r.code, 0);
  return out;
}

test("--allow-listen=ADDR:PORT admits that bind only", async () => {
  const p = await freePort();
  const out = await ops([`--allow-listen=127.0.0.1:${p}`], [
    `tcp-listen 127.0.0.1 ${p}`,
    `tcp-listen ::ffff:127.0.0.1 ${p}`,
    `tcp-listen 127.0.0.1 ${p + 1}`,
    `tcp-listen 127.0.0.2 ${p}`,
    `tcp-listen ::1 ${p}`,
    `tcp-listen 0.0.0.0 ${p}`,
    `tcp-bind 127.0.0.1 0`,
    `udp-bind 127.0.0.1 ${p}`,
    `tcp-connect 127.0.0.1 ${p}`,
  ]);
  assert.equal(out, [
    `tcp-listen 127.0.0.1 ${p}: OK`,
    `tcp-listen ::ffff:127.0.0.1 ${p}: OK`,
    `tcp-listen 127.0.0.1 ${p + 1}: EACCES`,
    `tcp-listen 127.0.0.2 ${p}: EACCES`,
    `tcp-listen ::1 ${p}: EACCES`,
    `tcp-listen 0.0.0.0 ${p}: EACCES`,
    `tcp-bind 127.0.0.1 0: EACCES`,
    `udp-bind 127.0.0.1 ${p}: OK`,
    `tcp-connect 127.0.0.1 ${p}: EACCES`,
  ]);
});

test("port ranges, port * and /tcp", async () => {
  const p = await freePortPair();
  const out = await ops([`--allow-listen=127.0.0.1:${p}-${p + 1}/tcp`, "--allow-listen=[::1]:*"], [
    `tcp-listen 127.0.0.1 ${p}`,
    `tcp-listen 127.0.0.1 ${p + 1}`,
    `tcp-listen 127.0.0.1 ${p + 2}`,
    `tcp-listen 127.0.0.1 ${p - 1}`,
    `udp-bind 127.0.0.1 ${p}`,
    "tcp-listen ::1 0",
    "udp-bind ::1 0",
    "tcp-listen ::2 0",
  ]);
  assert.equal(out.map((l) => l.replace(/^.*: /, "")), ["OK", "OK", "EACCES", "EACCES", "EACCES", "OK", "OK", "EACCES"], out.join("\n"));
});

test("--allow-connect: the granted peer, not its neighbours; UDP too unless /tcp", async () => {
  const { srv, port: q } = await server("127.0.0.1");
  try {
    const out = await ops([`--allow-connect=127.0.0.1:${q}`, `--allow-connect=127.0.0.1:${q + 1}/tcp`], [
      `tcp-connect 127.0.0.1 ${q}`,
      `tcp-connect ::ffff:127.0.0.1 ${q}`,
      `tcp-connect 127.0.0.1 ${q + 2}`,
      `tcp-connect 127.0.0.2 ${q}`,
      `tcp-connect ::1 ${q}`,
      `udp-send 127.0.0.1 ${q}`,
      `udp-connect 127.0.0.1 ${q}`,
      `udp-send 127.0.0.1 ${q + 1}`,
      `tcp-listen 127.0.0.1 ${q}`,
    ]);
    assert.equal(out.map((l) => l.replace(/^.*: /, "")), ["OK", "OK", "EACCES", "EACCES", "EACCES", "OK", "OK", "EACCES", "EACCES"], out.join("\n"));
  } finally {
    srv.close();
  }
});

test("networks and names: 127.0.0.0/8, a /32 that misses, localhost", async () => {
  const { srv, port: q } = await server("127.0.0.1");
  try {
    assert.equal(await ops([`--allow-connect=127.0.0.0/8:${q}`], [`tcp-connect 127.0.0.1 ${q}`, `tcp-connect ::1 ${q}`]), [
      `tcp-connect 127.0.0.1 ${q}: OK`,
      `tcp-connect ::1 ${q}: EACCES`,
    ]);
    assert.equal(await ops([`--allow-connect=127.0.0.2/32:${q}`], [`tcp-connect 127.0.0.1 ${q}`]), [`tcp-connect 127.0.0.1 ${q}: EACCES`]);
    // localhost is 127.0.0.0/8 and ::1: the IPv6 connect is admitted, and refused by the host (nothing listens there).
    assert.equal(await ops([`--allow-connect=localhost:${q}`], [`tcp-connect 127.0.0.1 ${q}`, `tcp-connect ::1 ${q}`, `tcp-connect 127.0.0.1 ${q + 1}`]), [
      `tcp-connect 127.0.0.1 ${q}: OK`,
      `tcp-connect ::1 ${q}: ECONNREFUSED`,
      `tcp-connect 127.0.0.1 ${q + 1}: EACCES`,
    ]);
  } finally {
    srv.close();
  }
});

test("IPv6 grants: [::1]:PORT admits ::1 only", async () => {
  const { srv, port: q } = await server("::1");
  try {
    assert.equal(await ops([`--allow-connect=[::1]:${q}`], [`tcp-connect ::1 ${q}`, `tcp-connect 127.0.0.1 ${q}`, `tcp-connect ::1 ${q + 1}`]), [
      `tcp-connect ::1 ${q}: OK`,
      `tcp-connect 127.0.0.1 ${q}: EACCES`,
      `tcp-connect ::1 ${q + 1}: EACCES`,
    ]);
  } finally {
    srv.close();
  }
});

test("--allow-unix: the granted path or directory, inside a --dir", async () => {
  const box = tempDir("sockbox-unix-");
  const srv = createServer((c) => c.end());
  try {
    mkdirSync(`${box}/sub`);
    await new Promise<void>((r) => srv.listen(`${box}/srv.sock`, r));
    const out = await ops([`--dir=${box}:/data`, "--allow-unix=/data/s.sock", "--allow-unix=/data/srv.sock", "--allow-unix=/data/sub/"], [
      "unix-bind /data/s.sock",
      "unix-connect /data/srv.sock",
      "unix-bind /data/t.sock",
      "unix-connect /data/t.sock",
      "unix-bind /data/sub/a.sock",
      "unix-bind /data/sub/../t.sock",
      "unix-bind /tmp/s.sock",
    ]);
    assert.equal(out, [
      "unix-bind /data/s.sock: OK",
      "unix-connect /data/srv.sock: OK",
      "unix-bind /data/t.sock: EACCES",
      "unix-connect /data/t.sock: EACCES",
      "unix-bind /data/sub/a.sock: OK",
      "unix-bind /data/sub/../t.sock: EACCES",
      "unix-bind /tmp/s.sock: EACCES",
    ]);
  } finally {
    srv.close();
    removeDir(box);
  }
});

test("a policy file grants the same, and --trace names the file's entry", async () => {
  const { srv, port: q } = await server("127.0.0.1");
  const dir = tempDir("sockbox-policy-");
  try {
    writeFileSync(`${dir}/p.json`, JSON.stringify({ "allow-connect": [`127.0.0.1:${q}`] }));
    const wasm = await buildWasm(["tests/sandbox/c/netops.c"]);
    const r = await runSandboxed(wasm, ["tcp-connect", "127.0.0.1", `${q}`, "tcp-connect", "127.0.0.1", `${q + 1}`], [`--policy=${dir}/p.json`, "--trace"]);
    assert.equal(r.stdout.trim().split("\n"), [`tcp-connect 127.0.0.1 ${q}: OK`, `tcp-connect 127.0.0.1 ${q + 1}: EACCES`]);
    assert.match(r.stderr, `sandbox: tcp-connect 127.0.0.1:${q} allowed by ${dir}/p.json: "allow-connect" "127.0.0.1:${q}"`);
    assert.match(r.stderr, `no --allow-connect grant matches 127.0.0.1:${q + 1}`);
  } finally {
    srv.close();
    removeDir(dir);
  }
});

test.run();
