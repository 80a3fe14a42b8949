/**
 * The sandbox's command line and policy file: every option parses or is
 * refused with a message that says what to write; a policy file is validated
 * key by key; command-line options add to it; `--allow-unix` paths outside
 * every `--dir` stop the run before it starts (exit status 2).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseRunArgs, UsageError } from "../../runtime/cli.ts";
import { DEFAULT_LIMITS } from "../../runtime/limits.ts";
import { finishSandbox } from "../../runtime/sandbox/finish.ts";
import { pinnedNames, withPinnedNames } from "../../runtime/sandbox/job.ts";
import { SandboxOptionError } from "../../runtime/sandbox/options.ts";
import { buildWasm, runSandboxed } from "../lib/c.ts";
import { removeDir, tempDir } from "../lib/wasi.ts";
import { fakeHost } from "./lib/fake_host.ts";

const readFile = async (p: string) => new Uint8Array(await (await import("node:fs/promises")).readFile(p));

function usage(argv: string[], why: RegExp): void {
  assert.throws(() => parseRunArgs([...argv, "x.wasm"]), (e: Error) => e instanceof UsageError && why.test(e.message), argv.join(" "));
}

test("grant and limit options parse", () => {
  const a = parseRunArgs([
    "--allow-listen=127.0.0.1:8080",
    "--allow-connect=10.0.0.0/8:443/tcp",
    "--allow-connect=localhost:*",
    "--allow-dns",
    "--allow-unix=/data/s",
    "--max-fds=64",
    "--max-connections=8",
    "--max-memory=16M",
    "--timeout=1.5",
    "--max-cpu=3",
    "prog.wasm",
    "arg",
  ])!;
  assert.equal(a.sandbox.listen.map((g) => g.source), ["--allow-listen=127.0.0.1:8080"]);
  assert.equal(a.sandbox.connect.map((g) => g.text), ["10.0.0.0/8:443/tcp", "localhost:*"]);
  assert.is(a.sandbox.dns, "--allow-dns");
  assert.equal(a.sandbox.unix, [{ text: "/data/s", source: "--allow-unix=/data/s" }]);
  assert.equal(a.sandbox.limits, { maxFds: 64, maxConnections: 8, maxMemoryPages: 256, timeoutMs: 1500, cpuMs: 3000 });
  assert.equal(a.args, ["prog.wasm", "arg"]);
});

test("bad options are usage errors that say what to write", () => {
  usage(["--allow-net=1.2.3.4:80"], /--allow-net takes no value; grant addresses with --allow-connect=1\.2\.3\.4:80/);
  usage(["--allow-listen=8080"], /needs a port: 8080:PORT/);
  usage(["--allow-listen"], /--allow-listen needs a value/);
  usage(["--allow-connect=::1:80"], /IPv6 addresses need brackets/);
  usage(["--allow-dns=yes"], /--allow-dns takes no value/);
  usage(["--timeout=0"], /--timeout takes a number of seconds greater than 0/);
  usage(["--timeout=soon"], /--timeout takes a number of seconds/);
  usage(["--max-cpu=-2"], /--max-cpu takes a number of seconds/);
  usage(["--max-memory=0"], /less than one 64 KiB wasm page/);
  usage(["--max-memory=5G"], /more than a wasm32 memory can hold/);
  usage(["--max-memory=lots"], /takes wasm pages \(256\) or a size/);
  usage(["--max-connections=0"], /--max-connections needs a positive whole number/);
  usage(["--max-fds=-1"], /--max-fds needs a positive whole number/);
  usage(["--policy=a.json", "--policy=b.json"], /--policy may be given once/);
  usage(["--allow-everything"], /unknown option '--allow-everything'/);
});

test("memory sizes: pages or units", () => {
  const pages = (v: string) => parseRunArgs([`--max-memory=${v}`, "x.wasm"])!.sandbox.limits.maxMemoryPages;
  assert.is(pages("256"), 256);
  assert.is(pages("16M"), 256);
  assert.is(pages("1G"), 16384);
  assert.is(pages("64K"), 1);
  assert.is(pages("100K"), 1, "rounded down to whole pages");
  assert.is(pages("4GiB"), 65536);
});

async function finish(argv: string[]) {
  const a = parseRunArgs([...argv, "x.wasm"])!;
  return await finishSandbox(a.sandbox, a.preopens, { readFile });
}

async function refused(argv: string[], why: RegExp): Promise<void> {
  try {
    await finish(argv);
  } catch (e) {
    assert.instance(e, SandboxOptionError);
    assert.match((e as Error).message, why);
    return;
  }
  assert.unreachable(`${argv.join(" ")} was accepted`);
}

test("--allow-unix must lie inside a --dir, as the guest sees it", async () => {
  await refused(["--allow-unix=/tmp/s.sock"], /\/tmp\/s\.sock is not inside a directory granted with --dir \(no --dir was given\)/);
  await refused(["--dir=/tmp/x:/data", "--allow-unix=/tmp/x/s.sock"], /the guest's directories are \/data/);
  await refused(["--dir=/tmp/x:/data", "--allow-unix=/data/../etc/s"], /\/etc\/s is not inside/);
  await refused(["--dir=/tmp/x:/data", "--allow-unix=/data"], /\/data is not inside/);
  await refused(["--dir=/tmp/x:/data", "--allow-unix=/database/s"], /not inside/);
  const ok = await finish(["--dir=/tmp/x:/data", "--allow-unix=/data/s.sock", "--allow-unix=/data/sub/"]);
  assert.equal(ok.grants.unix.map((u) => u.path), ["/data/s.sock", "/data/sub/"]);
  const dirGrant = await finish(["--dir=/tmp/x:/data", "--allow-unix=/data/"]);
  assert.equal(dirGrant.grants.unix.map((u) => u.path), ["/data/"]);
});

test("policy file: grants, limits and dirs; command-line options add to it", async () => {
  const t = tempDir("sockbox-policy-");
  try {
    mkdirSync(`${t}/data`);
    writeFileSync(`${t}/p.json`, JSON.stringify({
      "allow-listen": ["127.0.0.1:8080"],
      "allow-connect": "10.0.0.0/8:443",
      "allow-dns": true,
      "allow-unix": ["/data/app.sock"],
      "dir": ["data:/data"],
      "max-connections": 16,
      "max-memory": "32M",
      "timeout": 30,
      "max-cpu": 10,
    }));
    const f = await finish([`--policy=${t}/p.json`, "--allow-listen=[::1]:8080", "--timeout=5"]);
    assert.equal(f.grants.listen.map((g) => g.source), [`${t}/p.json: "allow-listen" "127.0.0.1:8080"`, "--allow-listen=[::1]:8080"]);
    assert.equal(f.grants.connect.map((g) => g.source), [`${t}/p.json: "allow-connect" "10.0.0.0/8:443"`]);
    assert.is(f.grants.dns, `${t}/p.json: "allow-dns"`);
    assert.equal(f.preopens, [{ hostPath: `${t}/data`, guestPath: "/data" }], "relative to the policy file");
    assert.equal(f.grants.unix.map((u) => u.path), ["/data/app.sock"]);
    assert.is(f.limits.maxConnections, 16);
    assert.is(f.limits.maxMemoryPages, 512);
    assert.is(f.limits.timeoutMs, 5000, "the command line wins");
    assert.is(f.limits.cpuMs, 10_000);
    assert.is(f.limits.maxFds, DEFAULT_LIMITS.maxFds);
    const d = f.policy.check("tcp-connect", { family: "ipv4", address: "10.9.8.7", port: 443 });
    assert.equal(d, { allowed: true, rule: `${t}/p.json: "allow-connect" "10.0.0.0/8:443"` });
  } finally {
    removeDir(t);
  }
});

test("policy file: every mistake is named", async () => {
  const t = tempDir("sockbox-policy-");
  try {
    const cases: [string, RegExp][] = [
      [`{"allow-listn": ["127.0.0.1:80"]}`, /unknown key "allow-listn" \(known: allow-net, allow-listen/],
      [`{"allow-listen": "127.0.0.1"}`, /"allow-listen": '127\.0\.0\.1' needs a port/],
      [`{"allow-listen": [80]}`, /"allow-listen" must be a list of non-empty strings/],
      [`{"allow-dns": "yes"}`, /"allow-dns" must be true or false/],
      [`{"allow-net": 1}`, /"allow-net" must be true or false/],
      [`{"max-fds": 0}`, /"max-fds" needs a positive whole number/],
      [`{"max-memory": true}`, /"max-memory" must be a number or a string/],
      [`{"timeout": -1}`, /"timeout" takes a number of seconds/],
      [`{"allow-unix": ["/elsewhere/s"]}`, /not inside a directory granted with --dir/],
      [`["127.0.0.1:80"]`, /must hold a JSON object of options/],
      [`{"allow-listen": [}`, /is not valid JSON/],
    ];
    for (const [i, [json, why]] of cases.entries()) {
      writeFileSync(`${t}/p${i}.json`, json);
      await refused([`--policy=${t}/p${i}.json`], why);
    }
    await refused([`--policy=${t}/missing.json`], /--policy=.*missing\.json: cannot read it/);
    writeFileSync(`${t}/net.json`, `{"allow-net": true, "allow-listen": []}`);
    const f = await finish([`--policy=${t}/net.json`]);
    assert.ok(f.policy.check("tcp-bind", { family: "ipv4", address: "0.0.0.0", port: 1 }).allowed);
  } finally {
    removeDir(t);
  }
});

test("names in grants need a resolver, and its answers are pinned", async () => {
  const a = parseRunArgs(["--allow-connect=db.internal:5432", "x.wasm"])!;
  try {
    await finishSandbox(a.sandbox, [], { readFile });
    assert.unreachable("resolved without a resolver");
  } catch (e) {
    assert.match((e as Error).message, /cannot resolve names; grant an address instead/);
  }
  const f = await finishSandbox(a.sandbox, [], {
    readFile,
    resolve: (name) => Promise.resolve(name === "db.internal" ? [{ family: "ipv4", address: "192.0.2.5", port: 0 }] : []),
  });
  assert.ok(f.policy.check("tcp-connect", { family: "ipv4", address: "192.0.2.5", port: 5432 }).allowed);
  const fake = fakeHost({});
  const pinned = withPinnedNames(fake, pinnedNames(f.grants));
  assert.equal(await pinned.net.resolve("DB.Internal."), [{ family: "ipv4", address: "192.0.2.5", port: 0 }], "the guest's lookups get the pinned answer");
  assert.equal(await pinned.net.resolve("localhost"), [{ family: "ipv4", address: "127.0.0.1", port: 0 }], "other names go to the host");
  assert.not.ok(f.policy.check("tcp-connect", { family: "ipv4", address: "192.0.2.6", port: 5432 }).allowed);
  try {
    await finishSandbox(a.sandbox, [], { readFile, resolve: () => Promise.reject(new Error("NXDOMAIN")) });
    assert.unreachable("a name that does not resolve was accepted");
  } catch (e) {
    assert.match((e as Error).message, /--allow-connect=db\.internal:5432: cannot resolve db\.internal: NXDOMAIN/);
  }
});

test("sockbox run: usage errors exit 2 before the guest starts; --help lists the sandbox", async () => {
  const wasm = await buildWasm(["guest/c-examples/hello.c"]);
  const bad = await runSandboxed(wasm, [], ["--allow-unix=/tmp/x.sock"]);
  assert.is(bad.code, 2);
  assert.match(bad.stderr, "--allow-unix=/tmp/x.sock: /tmp/x.sock is not inside a directory granted with --dir");
  assert.is(bad.stdout, "");
  const badGrant = await runSandboxed(wasm, [], ["--allow-connect=example"]);
  assert.is(badGrant.code, 2);
  assert.match(badGrant.stderr, "'example' needs a port");
  const help = await runSandboxed("--help", []);
  assert.is(help.code, 0);
  for (const opt of ["--allow-listen=ADDR", "--allow-connect=ADDR", "--allow-dns", "--allow-unix=PATH", "--policy=FILE", "--max-connections=N", "--max-memory=SIZE", "--timeout=SECONDS", "--max-cpu=SECONDS"]) {
    assert.match(help.stdout, opt);
  }
});

test.run();
