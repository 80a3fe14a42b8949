/**
 * The guest side without a host: every example in guest/c-examples builds
 * with gcc and with `sockbox cc`, both -Wall -Wextra clean, and imports only
 * from the modules sockbox implements (no `env.*`); hello stays small; the
 * overlay headers give Linux's shapes (`c/headers_test.c`) in several -std
 * modes and mean the same with gcc. Builds are cached in build/tests.
 */
import { readdirSync, statSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildNative, buildWasm } from "../lib/c.ts";
import { ROOT } from "../lib/proc.ts";
import { early, HOST_MODULES, importsOf, strayImports } from "./lib/guest_build.ts";

const WARNINGS = ["-Wextra", "-Werror"];
/** hello.c's .wasm must stay below this (no unused library code pulled in). */
const HELLO_MAX_BYTES = 40_000;
const HEADER_MODES = ["", "-std=c99", "-std=c11", "-std=gnu11", "-std=c11 -D_GNU_SOURCE", "-std=c99 -D_POSIX_C_SOURCE=200809L"];

const examples = readdirSync(`${ROOT}/guest/c-examples`).filter((f) => f.endsWith(".c")).map((f) => f.slice(0, -2)).sort();

const builds = new Map(examples.map((name) => {
  const src = [`guest/c-examples/${name}.c`];
  return [name, {
    native: early(() => buildNative(src, `example_${name}`, WARNINGS)),
    wasm: early(() => buildWasm(src, `example_${name}`, WARNINGS)),
  }];
}));

for (const name of examples) {
  test(`${name}: builds with gcc and sockbox cc (-Wall -Wextra -Werror), imports only ${HOST_MODULES.join("/")}`, async () => {
    const b = builds.get(name)!;
    await b.native;
    const wasm = await b.wasm;
    assert.ok(importsOf(wasm).length > 0, "no imports at all");
    assert.equal(strayImports(wasm), [], "imports outside the host's modules");
  });
}

test(`hello.wasm is at most ${HELLO_MAX_BYTES} bytes`, async () => {
  const size = statSync(await builds.get("hello")!.wasm).size;
  assert.ok(size <= HELLO_MAX_BYTES, `${size} bytes`);
});

const src = ["tests/guest/c/headers_test.c"];
for (const mode of HEADER_MODES) {
  test(`the overlay headers give Linux's shapes with sockbox cc ${mode || "(default -std)"}`, async () => {
    const flags = mode === "" ? [] : mode.split(" ");
    const name = `headers_test${flags.join("").replace(/[^A-Za-z0-9]+/g, "_")}`;
    await buildWasm(src, name, [...WARNINGS, ...flags]);
  });
}

test("headers_test means the same with gcc", async () => {
  await buildNative(src, "headers_test", WARNINGS);
});

test.run();
