/**
 * Smoke test of the benchmark harness: `bench/run.ts --quick` must produce a
 * result for every scenario × subject pairing with every byte checked, and
 * write both reports. No timing assertions: numbers from a loaded test
 * machine mean nothing; this only keeps the harness from rotting.
 *
 * @module
 */

import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { ROOT, run } from "../lib/proc.ts";
import { SCENARIOS } from "../../bench/lib/scenarios.ts";
import type { BenchRun } from "../../bench/lib/results.ts";

/** The quick run takes seconds; the bound covers cold builds on a busy machine. */
const QUICK_RUN_TIMEOUT_MS = 300_000;

test("bench --quick measures every pairing, checks every byte and writes both reports", async () => {
  const out = mkdtempSync(`${tmpdir()}/sockbox-bench-`);
  try {
    const r = await run(`${ROOT}/node_modules/.bin/deno`, ["run", "-A", "bench/run.ts", "--quick", `--out=${out}`], {
      timeoutMs: QUICK_RUN_TIMEOUT_MS,
    });
    assert.ok(existsSync(`${out}/results.json`), `no results.json; harness said:\n${r.stderr.slice(-3000)}`);
    const results = JSON.parse(readFileSync(`${out}/results.json`, "utf8")) as BenchRun;
    assert.is(results.mode, "quick");
    const missing: string[] = [];
    for (const sc of SCENARIOS) {
      for (const subject of sc.subjects) {
        const s = results.samples.find((x) => x.scenario === sc.id && x.subject === subject);
        if (!s) missing.push(`${sc.id}/${subject}: no sample`);
        else if (!s.ok || s.errors !== 0 || !(s.value > 0)) missing.push(`${sc.id}/${subject}: ${s.error ?? `value ${s.value}, ${s.errors} mismatches`}`);
      }
    }
    assert.equal(missing, [], `pairings without a checked result:\n${missing.join("\n")}`);
    assert.is(r.code, 0, r.stderr.slice(-2000));
    assert.match(readFileSync(`${out}/report.md`, "utf8"), /\| 1\. Ping-pong/);
    assert.match(readFileSync(`${out}/report.svg`, "utf8"), /^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test.run();
