/**
 * `sockbox cc` writes a `sockbox.fast_path` section into every program
 * (runtime/fast_path_section.ts), and `sockbox run` runs a program the same
 * with it, without it (a module built elsewhere), and with a malformed one;
 * one whose section lies about an import's signature is refused (exit 127)
 * before the guest runs.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { customSections, sections } from "../../guest/cc/post-link/wasm_binary.ts";
import { encodeFastPathSection, FAST_PATH_SECTION } from "../../runtime/fast_path_section.ts";
import { ValType } from "../../runtime/wasm_binary.ts";
import { BUILD_DIR, buildWasm, runSandboxed } from "../lib/c.ts";
import { RUNTIME } from "../lib/proc.ts";

const hello = buildWasm(["guest/c-examples/hello.c"], "example_hello");

/** `bytes` without its fast-path section, then `extra` appended. */
function variant(bytes: Uint8Array, extra: Uint8Array, name: string): string {
  const [s] = customSections(bytes, FAST_PATH_SECTION);
  const whole = sections(bytes).find((x) => x.id === 0 && x.end === s.end)!;
  let head = whole.start - 1; // the size's last byte, then back over its continuation bytes to the id
  while (bytes[head - 1] & 0x80) head--;
  head--;
  const out = new Uint8Array([...bytes.subarray(0, head), ...bytes.subarray(whole.end), ...extra]);
  const path = `${BUILD_DIR}/fast_path_${name}_${RUNTIME}.wasm`;
  writeFileSync(path, out);
  return path;
}

test("sockbox cc writes the section, and the program runs with it", async () => {
  const bytes = new Uint8Array(readFileSync(await hello));
  assert.is(customSections(bytes, FAST_PATH_SECTION).length, 1);
  const r = await runSandboxed(await hello, ["x"]);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout.split("\n").slice(0, 2).join("\n"), "hello from sockbox\nargc=2");
});

test("without the section, or with a malformed one, the program runs the same", async () => {
  const bytes = new Uint8Array(readFileSync(await hello));
  const with_ = await runSandboxed(await hello, ["x"]);
  const name = [...FAST_PATH_SECTION].map((c) => c.charCodeAt(0));
  const garbage = new Uint8Array([0, 1 + name.length + 3, name.length, ...name, 7, 1, 2]);
  for (const [label, extra] of [["none", new Uint8Array()], ["garbage", garbage]] as const) {
    const r = await runSandboxed(variant(bytes, extra, label), ["x"]);
    assert.is(r.code, 0, `${label}: ${r.stderr}`);
    assert.is(r.stdout.replace(/argv\[0\]=.*\n/, ""), with_.stdout.replace(/argv\[0\]=.*\n/, ""), label);
  }
});

test("a section that lies about fd_write's signature is refused before the guest runs", async () => {
  const bytes = new Uint8Array(readFileSync(await hello));
  const I32 = ValType.I32;
  const lie = encodeFastPathSection([{
    module: "wasi_snapshot_preview1",
    field: "fd_write",
    sig: { params: [I32], results: [I32] },
  }]);
  const r = await runSandboxed(variant(bytes, lie, "lie"), ["x"]);
  assert.is(r.code, 127, r.stderr);
  assert.match(r.stderr, /cannot link the guest/);
  assert.is(r.stdout, "", "nothing of the guest ran");
});

test.run();
