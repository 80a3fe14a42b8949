/**
 * The test runner: runs every `*_test.ts` under tests/ with uvu, once on Deno
 * and once on Bun, and closes with the line `N passed, N failed` that CI reads.
 * Exits non-zero on any failure.
 *
 *   deno run -A tests/run.ts [--runtime=deno|bun] [filter...]
 *
 * @module
 */

const ROOT = new URL("../", import.meta.url).pathname.replace(/\/$/, "");
const BIN = `${ROOT}/node_modules/.bin`;
const CONCURRENCY = 2;

interface FileResult {
  runtime: string;
  file: string;
  passed: number;
  failed: number;
  output: string;
  ms: number;
}

function findTests(dir: string, out: string[] = []): string[] {
  for (const e of Deno.readDirSync(dir)) {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory && e.name !== "lib" && e.name !== "node_modules") findTests(p, out);
    else if (e.isFile && e.name.endsWith("_test.ts")) out.push(p);
  }
  return out.sort();
}

function command(runtime: string, file: string): string[] {
  return runtime === "deno"
    ? [`${BIN}/deno`, "run", "-A", "--unstable-net", "--quiet", file]
    : [`${BIN}/bun`, file];
}

// uvu prints "Total: N", "Passed: N", "Skipped: N" per file.
function count(output: string, label: string): number | null {
  // deno-lint-ignore no-control-regex
  const m = output.replace(/\x1b\[[0-9;]*m/g, "").match(new RegExp(`${label}:\\s+(\\d+)`));
  return m ? Number(m[1]) : null;
}

async function runFile(runtime: string, file: string): Promise<FileResult> {
  const t0 = performance.now();
  const [cmd, ...args] = command(runtime, file);
  const child = new Deno.Command(cmd, { args, cwd: ROOT, stdin: "null", stdout: "piped", stderr: "piped", env: { FORCE_COLOR: "0" } }).spawn();
  const timer = setTimeout(() => child.kill("SIGKILL"), 600_000);
  const { code, stdout, stderr } = await child.output();
  clearTimeout(timer);
  const output = new TextDecoder().decode(stdout) + new TextDecoder().decode(stderr);
  const total = count(output, "Total"), passed = count(output, "Passed");
  let failed = total !== null && passed !== null ? total - passed - (count(output, "Skipped") ?? 0) : 1;
  if (code !== 0 && failed === 0) failed = 1; // crashed after its tests, or an exception outside a test
  return { runtime, file: file.slice(ROOT.length + 1), passed: passed ?? 0, failed, output, ms: performance.now() - t0 };
}

async function main(): Promise<number> {
  const runtimes: string[] = [];
  const filters: string[] = [];
  for (const a of Deno.args) {
    if (a.startsWith("--runtime=")) runtimes.push(a.slice(10));
    else filters.push(a);
  }
  if (runtimes.length === 0) runtimes.push("deno", "bun");
  const files = findTests(`${ROOT}/tests`).filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
  const jobs = runtimes.flatMap((r) => files.map((f) => [r, f] as const));
  const results: FileResult[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < jobs.length) {
      const [runtime, file] = jobs[next++];
      const r = await runFile(runtime, file);
      results.push(r);
      const mark = r.failed > 0 ? "FAIL" : "ok  ";
      console.log(`${mark} ${runtime.padEnd(4)} ${r.file}  ${r.passed} passed, ${r.failed} failed  (${(r.ms / 1000).toFixed(1)} s)`);
      if (r.failed > 0) console.log(r.output.split("\n").map((l) => "     | " + l).join("\n"));
    }
  }));
  for (const runtime of runtimes) {
    const rs = results.filter((r) => r.runtime === runtime);
    const p = rs.reduce((a, r) => a + r.passed, 0), f = rs.reduce((a, r) => a + r.failed, 0);
    console.log(`${runtime}: ${p} passed, ${f} failed`);
  }
  const passed = results.reduce((a, r) => a + r.passed, 0), failed = results.reduce((a, r) => a + r.failed, 0);
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 || passed === 0 ? 1 : 0;
}

Deno.exit(await main());
