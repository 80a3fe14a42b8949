/**
 * libsockbox's bytes on the ABI: `tests/guest/c/abi_probe.c`, built with
 * `sockbox cc`, runs against a fake host (`lib/abi_mock_host.ts`) that logs
 * every import call decoded from shared/abi/wasix-sockets.md; the log and
 * the probe's own output must be exactly `abi_probe.expected`. It pins
 * addr_port's byte-exact encoding (IPv4/IPv6/unix, flow info and scope id),
 * the port's byte order both ways, socket type, riflags/siflags/sdflags and
 * fdflags numbering, option numbers, timeouts and resolve's records.
 */
import { readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildWasm } from "../lib/c.ts";
import { ROOT } from "../lib/proc.ts";
import { runAbiProbe } from "./lib/abi_mock_host.ts";

test("abi_probe against the fake host prints abi_probe.expected", async () => {
  const wasm = await buildWasm(["tests/guest/c/abi_probe.c"], "abi_probe", ["-Wextra", "-Werror"]);
  const { output, exitCode } = await runAbiProbe(readFileSync(wasm));
  assert.fixture(output, readFileSync(`${ROOT}/tests/guest/c/abi_probe.expected`, "utf8"));
  assert.is(exitCode, 0);
});

test.run();
