/**
 * The sandbox's file-system boundary: a guest granted one directory tries
 * `..`, absolute paths, and symbolic links planted by the host that point out
 * of it (absolute and relative, to files and to directories, dangling, chained
 * and hidden behind `..`). Every attempt must fail (ENOTCAPABLE), nothing
 * outside may change, and — checked in-process with a recording HostFs — the
 * host must never even be asked about a path outside the preopen.
 */
import {
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Host, HostStdio } from "../../runtime/host.ts";
import type { HostFs } from "../../runtime/host_fs.ts";
import { defaultConfig, runGuest } from "../../runtime/run.ts";
import { buildWasm, runSandboxed } from "../lib/c.ts";
import { ROOT, RUNTIME } from "../lib/proc.ts";
import { removeDir, tempDir } from "../lib/wasi.ts";

const EXPECTED = readFileSync(`${ROOT}/tests/c/wasi_escape.expected`, "utf8");

/** Makes `<t>/outside` (the secret) and `<t>/box` (the grant) with the links wasi_escape.c expects. */
function plant(): { t: string; box: string; outside: string } {
  const t = realpathSync(tempDir());
  const outside = `${t}/outside`, box = `${t}/box`;
  mkdirSync(`${outside}/keep`, { recursive: true });
  writeFileSync(`${outside}/secret.txt`, "TOP SECRET\n");
  mkdirSync(`${box}/sub`, { recursive: true });
  writeFileSync(`${box}/inside.txt`, "inside\n");
  const links: [string, string][] = [
    [`${outside}/secret.txt`, "link_abs"],
    ["../outside/secret.txt", "link_rel"],
    [outside, "dir_abs"],
    ["../outside", "dir_rel"],
    ["../../outside/secret.txt", "sub/deep"],
    ["link_rel", "chain"],
    ["sub/../..", "dotdot"],
    [`${outside}/created_abs.txt`, "dangling_abs"],
    ["../outside/created_rel.txt", "dangling_rel"],
  ];
  for (const [target, name] of links) symlinkSync(target, `${box}/${name}`);
  return { t, box, outside };
}

/** Everything about a tree that a successful escape could change: names, types, contents, link targets, mtimes. */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = `${dir}/${name}`;
    const st = lstatSync(p);
    if (st.isSymbolicLink()) out.push(`${name} -> ${readlinkSync(p)}`);
    else if (st.isDirectory()) out.push(`${name}/ ${st.mtimeMs}`, ...snapshot(p).map((l) => `${name}/${l}`));
    else out.push(`${name} ${st.size} ${st.mtimeMs} ${readFileSync(p, "utf8")}`);
  }
  return out;
}

test("escape attempts through the CLI fail with ENOTCAPABLE and change nothing outside", async () => {
  const wasm = await buildWasm(["tests/c/wasi_escape.c"]);
  const { t, box, outside } = plant();
  try {
    const before = snapshot(outside);
    const r = await runSandboxed(wasm, ["/data"], [`--dir=${box}:/data`]);
    assert.is(r.stderr, "");
    assert.is(r.code, 0);
    assert.fixture(r.stdout, EXPECTED);
    assert.not.match(r.stdout, "TOP SECRET");
    assert.equal(snapshot(outside), before);
    assert.equal(readdirSync(t).sort(), ["box", "outside"]);
    assert.is(readFileSync(`${outside}/secret.txt`, "utf8"), "TOP SECRET\n");
  } finally {
    removeDir(t);
  }
});

/** Wraps `fs` so every path it is given is recorded (a symlink's target is contents, not a path). */
function recording(fs: HostFs, paths: string[]): HostFs {
  return new Proxy(fs, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        const pathArgs = prop === "symlink" ? args.slice(1) : args.filter((a) => typeof a === "string");
        paths.push(...(pathArgs as string[]));
        return value.apply(target, args);
      };
    },
  });
}

function capture(out: string[]): HostStdio {
  const dec = new TextDecoder();
  return {
    writeSync: (fd, data) => void (fd === 1 && out.push(dec.decode(data))),
    read: () => Promise.resolve(null),
    isTerminal: () => false,
  };
}

test("in-process: the host file system is never asked about a path outside the preopen", async () => {
  const wasm = readFileSync(await buildWasm(["tests/c/wasi_escape.c"]));
  // A computed specifier: each runtime loads only its own adapter (and
  // `deno check` does not mix Bun's global types into this file).
  const adapter = await import(`../../host/${RUNTIME}/fs.ts`) as Record<string, HostFs>;
  const fs = adapter[`${RUNTIME}Fs`];
  const { t, box, outside } = plant();
  try {
    const before = snapshot(outside);
    const paths: string[] = [];
    const stdout: string[] = [];
    const host: Host = { name: RUNTIME, stdio: capture(stdout), fs: recording(fs, paths), net: {} as Host["net"] };
    const config = {
      ...defaultConfig(),
      args: ["wasi_escape.wasm", "/data"],
      preopens: [{ hostPath: box, guestPath: "/data" }],
    };
    const status = await runGuest(host, new Uint8Array(wasm), config);
    assert.is(status, 0);
    assert.fixture(stdout.join(""), EXPECTED);
    assert.ok(paths.length > 50, `the host was asked (${paths.length} paths)`);
    const outsideAsked = paths.filter((p) => p !== box && !p.startsWith(box + "/"));
    assert.equal(outsideAsked, [], "paths outside the preopen reached the host");
    assert.equal(snapshot(outside), before);
  } finally {
    removeDir(t);
  }
});

test.run();
