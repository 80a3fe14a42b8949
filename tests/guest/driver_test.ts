/**
 * `sockbox cc` takes gcc's command lines: -c then a separate link of .o
 * files with the classic extra libraries, several sources with the default
 * a.out, source on stdin, distribution-style flags, clock()/mmap()/signal()
 * without wasi-libc's -D_WASI_EMULATED_* and -lwasi-emulated-* (and with
 * them, as wasi-libc's messages suggest); it refuses what it cannot keep
 * (-shared, -m64, --allow-undefined), a missing function is a link error,
 * and a missing toolchain is exit 127 with the line that installs it.
 */
import { existsSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { runSandboxed, SOCKBOX } from "../lib/c.ts";
import { ROOT, run, type RunOptions } from "../lib/proc.ts";
import { removeDir, tempDir } from "../lib/wasi.ts";
import { strayImports } from "./lib/guest_build.ts";

const C = `${ROOT}/tests/guest/c`;
const HELLO = `${ROOT}/guest/c-examples/hello.c`;
const INSTALL_LINE = "apt-get install -y clang lld wasi-libc libclang-rt-dev-wasm32";
const MISSING_TOOLCHAIN_STATUS = 127;

const cc = (args: string[], opts: RunOptions = {}) => run(SOCKBOX, ["cc", ...args], { timeoutMs: 120_000, ...opts });

/** Runs `body` in a fresh directory, removed afterwards. */
async function inTempDir(body: (dir: string) => Promise<void>): Promise<void> {
  const dir = tempDir("sockbox-cc-");
  try {
    await body(dir);
  } finally {
    removeDir(dir);
  }
}

/** Asserts that a `sockbox cc` command succeeded. */
function ok(r: { code: number; stderr: string }, what: string): void {
  assert.is(r.code, 0, `${what}: ${r.stderr}`);
}

test("--help prints the usage", async () => {
  const r = await cc(["--help"]);
  ok(r, "--help");
  assert.match(r.stdout, /^usage: sockbox cc/m);
});

test("-c then a separate link of .o files with -lm -lsocket -lnsl -pthread -lpthread -lrt -static", async () => {
  await inTempDir(async (dir) => {
    ok(await cc(["-O2", "-g", "-Wall", "-DX=1", "-UY", "-I.", "-std=gnu99", "-pipe", "-fPIC", "-c", `${C}/multi_a.c`], { cwd: dir }), "-c multi_a.c");
    ok(await cc(["-c", `${C}/multi_b.c`, "-o", "multi_b.o"], { cwd: dir }), "-c multi_b.c -o multi_b.o");
    const link = ["multi_a.o", "multi_b.o", "-lm", "-lsocket", "-lnsl", "-pthread", "-lpthread", "-lrt", "-static", "-o", "multi.wasm"];
    ok(await cc(link, { cwd: dir }), "link");
    assert.equal(strayImports(`${dir}/multi.wasm`), []);
    const r = await runSandboxed(`${dir}/multi.wasm`);
    assert.is(r.stdout, "8080 4.0 127.0.0.1\n", r.stderr);
  });
});

test("several .c files link to a.out by default", async () => {
  await inTempDir(async (dir) => {
    ok(await cc([`${C}/multi_a.c`, `${C}/multi_b.c`, "-lm"], { cwd: dir }), "cc a.c b.c");
    assert.ok(existsSync(`${dir}/a.out`), "no a.out");
  });
});

test("-x c - reads the source from stdin", async () => {
  await inTempDir(async (dir) => {
    ok(await cc(["-x", "c", "-", "-o", "stdin.wasm"], { cwd: dir, input: "int main(void) { return 0; }\n" }), "-x c -");
    assert.ok(existsSync(`${dir}/stdin.wasm`));
  });
});

test("distribution-style flags (-fstack-protector-strong -march=native -Wl,--as-needed,-z,relro ...)", async () => {
  await inTempDir(async (dir) => {
    ok(
      await cc([
        "-O2", "-fstack-protector-strong", "-D_FORTIFY_SOURCE=2", "-ggdb3", "-march=native", "-mtune=generic",
        "-Wl,--as-needed", "-Wl,-O1,--hash-style=gnu", "-Wl,-z,relro", "-rdynamic", "-o", `${dir}/flags.wasm`, HELLO,
      ]),
      "distribution flags",
    );
  });
});

test("clock/times/getrusage/mmap/signal/getpid: -c then link, -Werror clean, with or without wasi-libc's emulation flags", async () => {
  const emulation = [
    ["-D_WASI_EMULATED_PROCESS_CLOCKS", "-D_WASI_EMULATED_SIGNAL", "-D_WASI_EMULATED_MMAN", "-D_WASI_EMULATED_GETPID"],
    ["-lwasi-emulated-process-clocks", "-lwasi-emulated-signal", "-lwasi-emulated-mman", "-l", "wasi-emulated-getpid"],
  ];
  await inTempDir(async (dir) => {
    for (const [defines, libs] of [[[], []], emulation]) {
      ok(await cc(["-Wall", "-Wextra", "-Werror", ...defines, "-c", `${C}/process_calls.c`, "-o", "p.o"], { cwd: dir }), `-c ${defines}`);
      ok(await cc(["p.o", ...libs, "-o", "p.wasm"], { cwd: dir }), `link ${libs}`);
      assert.equal(strayImports(`${dir}/p.wasm`), []);
      const r = await runSandboxed(`${dir}/p.wasm`);
      assert.is(r.stdout, "ok\n", r.stderr);
      assert.is(r.code, 0);
    }
  });
});

/** Asserts that `sockbox cc args` fails and says `text`. */
async function refused(args: string[], text: string): Promise<void> {
  await inTempDir(async (dir) => {
    const r = await cc([...args, "-o", `${dir}/x.wasm`]);
    assert.is.not(r.code, 0, `accepted: ${args.join(" ")}`);
    assert.ok(r.stderr.includes(text), `refused without naming ${text}: ${r.stderr}`);
    assert.not.ok(existsSync(`${dir}/x.wasm`), "an output was written");
  });
}

test("-shared is refused", () => refused(["-shared", `${C}/multi_b.c`], "-shared"));
test("-m64 is refused", () => refused(["-m64", `${C}/multi_b.c`], "-m64"));
test("-Wl,--allow-undefined is refused", () => refused(["-Wl,--allow-undefined", `${C}/undefined_fn.c`], "--allow-undefined"));
test("a function nobody defines is a link error", () => refused([`${C}/undefined_fn.c`], "undefined symbol: sockbox_no_such_function"));

test("a missing toolchain: exit 127 and the apt-get line that installs it", async () => {
  const r = await cc(["-o", "/dev/null", `${C}/multi_b.c`], { env: { SOCKBOX_CLANG: "/nonexistent/clang" } });
  assert.is(r.code, MISSING_TOOLCHAIN_STATUS, r.stderr);
  assert.ok(r.stderr.split("\n").includes(INSTALL_LINE), r.stderr);
});

test.run();
