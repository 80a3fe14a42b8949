/**
 * bin/sockbox's start-up path (issue 6): a plain run starts no program but
 * the runtime; the bundle scripts/bundle.sh builds is used only while it is
 * fresh (and Deno then reads only the bundle's directory of sockbox's code);
 * the real bundle runs guests — main thread and worker, with narrowed
 * permissions on Deno — exactly as the sources do, without reading them.
 */
import {
  chmodSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildWasm, SOCKBOX } from "../lib/c.ts";
import { ROOT, run, RUNTIME } from "../lib/proc.ts";

/** Tools a launcher might run; the first test puts recording stand-ins for them on PATH. */
const TOOLS = ["readlink", "realpath", "dirname", "basename", "grep", "cat", "find", "sed", "awk", "stat", "mktemp"];

/** Seconds since the epoch, for utimes. */
const now = () => Date.now() / 1000;

function tempDir(name: string): string {
  return mkdtempSync(`${tmpdir()}/sockbox-${name}-${RUNTIME}-`);
}

test("a plain run starts no program besides the runtime", async () => {
  const wasm = await buildWasm(["tests/launcher/c/startup.c"]);
  const dir = tempDir("nofork");
  try {
    const log = `${dir}/log`;
    writeFileSync(log, "");
    for (const tool of TOOLS) {
      writeFileSync(`${dir}/${tool}`, `#!/bin/sh\necho "${tool} $*" >>${log}\nexit 1\n`);
      chmodSync(`${dir}/${tool}`, 0o755);
    }
    const r = await run("/bin/sh", [SOCKBOX, "run", `--runtime=${RUNTIME}`, wasm, "x"], { env: { PATH: dir } });
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stdout, /^hello x\n/);
    assert.is(readFileSync(log, "utf8"), "", "programs the launcher ran");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the working directory's bunfig.toml and .env do not reach sockbox's own process", async () => {
  const wasm = await buildWasm(["tests/launcher/c/env_probe.c"]);
  const dir = tempDir("cwdconfig");
  try {
    // Bun reads both from the working directory by default: a preload would run unsandboxed
    // JavaScript in sockbox's process, and .env would add to what --inherit-env passes on.
    writeFileSync(`${dir}/bunfig.toml`, 'preload = ["./preload.ts"]\n');
    writeFileSync(`${dir}/preload.ts`, 'console.error("PRELOADED");\n');
    writeFileSync(`${dir}/.env`, "SOCKBOX_T_DOTENV=from-dotenv\n");
    const r = await run(SOCKBOX, ["run", `--runtime=${RUNTIME}`, "--inherit-env", wasm, "SOCKBOX_T_DOTENV"], { cwd: dir });
    assert.is(r.code, 0, r.stderr);
    assert.is(r.stdout, "SOCKBOX_T_DOTENV=(unset)\n");
    assert.not.match(r.stderr, /PRELOADED/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** What the stand-in entries print: which one ran, and (Deno) which of sockbox's code paths it may read. */
function fakeEntry(marker: string, root: string): string {
  if (RUNTIME === "bun") return `console.log(${JSON.stringify(marker)});\n`;
  const paths = ["host", "runtime", "build/host/deno"].map((p) => `${root}/${p}`);
  return `const read = ${
    JSON.stringify(paths)
  }.map((path) => Deno.permissions.querySync({ name: "read", path }).state);\n` +
    `console.log(${JSON.stringify(marker)}, read.join(" "));\n`;
}

test("the bundle is used only while nothing it was built from is newer", async () => {
  const root = tempDir("tree");
  try {
    const rt = RUNTIME;
    for (const d of ["bin", `host/${rt}`, "runtime", `build/host/${rt}`]) {
      mkdirSync(`${root}/${d}`, { recursive: true });
    }
    cpSync(SOCKBOX, `${root}/bin/sockbox`);
    symlinkSync(`${ROOT}/node_modules`, `${root}/node_modules`);
    writeFileSync(`${root}/guest.wasm`, "");
    writeFileSync(`${root}/host/${rt}/main.ts`, fakeEntry("sources", root));
    writeFileSync(`${root}/runtime/a.ts`, "export {};\n");
    writeFileSync(
      `${root}/build/host/${rt}/inputs.sh`,
      `set -- 'host/${rt}' 'host/${rt}/main.ts' 'runtime' 'runtime/a.ts'\n`,
    );
    const past = now() - 60;
    for (const p of [`host/${rt}`, `host/${rt}/main.ts`, "runtime", "runtime/a.ts"]) {
      utimesSync(`${root}/${p}`, past, past);
    }
    writeFileSync(`${root}/build/host/${rt}/main.js`, fakeEntry("bundle", root));
    const launch = async (env: Record<string, string> = {}) => {
      const r = await run(`${root}/bin/sockbox`, ["run", `--runtime=${rt}`, `${root}/guest.wasm`], { env });
      assert.is(r.code, 0, r.stderr);
      return r.stdout.trim();
    };
    // Deno may read the bundle's directory, not host/ and runtime/; and the other way round.
    const bundle = rt === "deno" ? "bundle prompt prompt granted" : "bundle";
    const sources = rt === "deno" ? "sources granted granted prompt" : "sources";
    assert.is(await launch(), bundle);
    assert.is(await launch({ SOCKBOX_SOURCES: "1" }), sources);
    utimesSync(`${root}/runtime/a.ts`, now() + 60, now() + 60);
    assert.is(await launch(), sources, "an edited source");
    utimesSync(`${root}/runtime/a.ts`, past, past);
    assert.is(await launch(), bundle);
    writeFileSync(`${root}/runtime/b.ts`, "export {};\n");
    assert.is(await launch(), sources, "a new file beside the sources");
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("the real bundle runs guests as the sources do, without reading them", async () => {
  const wasm = await buildWasm(["tests/launcher/c/startup.c"]);
  const root = tempDir("bundle");
  try {
    for (const d of ["bin", "host", "runtime"]) cpSync(`${ROOT}/${d}`, `${root}/${d}`, { recursive: true });
    mkdirSync(`${root}/scripts`);
    cpSync(`${ROOT}/scripts/bundle.sh`, `${root}/scripts/bundle.sh`);
    symlinkSync(`${ROOT}/node_modules`, `${root}/node_modules`);
    const built = await run(`${root}/scripts/bundle.sh`, [RUNTIME], { timeoutMs: 60_000 });
    assert.is(built.code, 0, built.stderr);
    // Sources that fail if loaded, with their old modification time: only the bundle can run.
    const poisoned = `${root}/runtime/main.ts`;
    writeFileSync(poisoned, 'throw new Error("the sources were loaded");\n' + readFileSync(poisoned, "utf8"));
    utimesSync(poisoned, now() - 3600, now() - 3600);
    const variants: string[][] = [[], ["--timeout=60"], ["--max-cpu=60"]];
    if (RUNTIME === "deno") {
      variants.push(["--allow-listen=127.0.0.1:0"], ["--allow-connect=127.0.0.1:9/udp", "--timeout=60"]);
    }
    for (const opts of variants) {
      const args = ["run", `--runtime=${RUNTIME}`, ...opts, wasm, "x"];
      const fromBundle = await run(`${root}/bin/sockbox`, args, { timeoutMs: 60_000 });
      const fromSources = await run(SOCKBOX, args, { env: { SOCKBOX_SOURCES: "1" }, timeoutMs: 60_000 });
      assert.is(fromBundle.code, 0, `${opts.join(" ")}: ${fromBundle.stderr}`);
      assert.is(fromSources.code, 0, `${opts.join(" ")}: ${fromSources.stderr}`);
      assert.is(fromBundle.stdout, fromSources.stdout, opts.join(" "));
      assert.match(fromBundle.stdout, /hello x\nstdin is a terminal: 0\ncpu clock: advances\n/);
    }
    const sourcesForced = await run(`${root}/bin/sockbox`, ["run", `--runtime=${RUNTIME}`, wasm], {
      env: { SOCKBOX_SOURCES: "1" },
    });
    assert.match(sourcesForced.stderr, "the sources were loaded");
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test.run();
