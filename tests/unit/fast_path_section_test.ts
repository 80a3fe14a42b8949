/**
 * The `sockbox.fast_path` custom section (runtime/fast_path_section.ts): what
 * `sockbox cc`'s post-link step writes reads back the same; anything malformed
 * is ignored as a whole (the signatures are then read from the module, as for
 * a module built elsewhere); a section that lies about a signature makes the
 * engine refuse the link, never a call with other arguments.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { withFastPathSection } from "../../guest/cc/post-link/main.ts";
import { customSections } from "../../guest/cc/post-link/wasm_binary.ts";
import {
  declaredSignatures,
  decodeFastPathSection,
  encodeFastPathSection,
  FAST_PATH_SECTION,
  type FastPathEntry,
} from "../../runtime/fast_path_section.ts";
import { buildImports, WASI_MODULE } from "../../runtime/imports.ts";
import { fastPathSignature, rememberSignatures } from "../../runtime/jspi_fast_path.ts";
import { DEFAULT_LIMITS } from "../../runtime/limits.ts";
import { GrantPolicy, noGrants } from "../../runtime/policy/grant_policy.ts";
import { createContext } from "../../runtime/run.ts";
import { importKey, ValType } from "../../runtime/wasm_binary.ts";
import { fakeHost } from "../sandbox/lib/fake_host.ts";
import { ModuleBuilder, type Sig } from "../sandbox/lib/wasm_encoder.ts";

const I32 = ValType.I32, I64 = ValType.I64, F64 = ValType.F64;
const FOUR: Sig = { params: ["i32", "i32", "i32", "i32"], results: ["i32"] };

/** The payload of a whole custom section (after id, size and name). */
function payloadOf(section: Uint8Array): Uint8Array {
  const module = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...section]);
  const [s] = customSections(module, FAST_PATH_SECTION);
  return module.subarray(s.start, s.end);
}

/** A module importing `fd_write` (blocking) and `args_sizes_get` (not), with `extra` appended. */
function wasiModule(extra: Uint8Array = new Uint8Array()): Uint8Array {
  const m = new ModuleBuilder();
  const write = m.importFunc(WASI_MODULE, "fd_write", FOUR);
  m.importFunc(WASI_MODULE, "args_sizes_get", { params: ["i32", "i32"], results: ["i32"] });
  m.trampoline(write, FOUR, "w");
  m.memory(1, 1);
  const bytes = m.build();
  const out = new Uint8Array(bytes.length + extra.length);
  out.set(bytes);
  out.set(extra, bytes.length);
  return out;
}

function linkWith(bytes: Uint8Array): Promise<WebAssembly.Instance> {
  const module = new WebAssembly.Module(bytes as BufferSource);
  rememberSignatures(module, bytes);
  const ctx = createContext(fakeHost({}), {
    args: ["t"],
    env: [],
    preopens: [],
    policy: new GrantPolicy(noGrants()),
    limits: { ...DEFAULT_LIMITS },
    trace: null,
  });
  return WebAssembly.instantiate(module, buildImports(ctx, module));
}

const entries: FastPathEntry[] = [
  { module: "wasix_32v1", field: "sock_recv", sig: { params: [I32, I32, I64, F64], results: [I32] } },
  { module: "m\u00e9t\u00e9o", field: "x", sig: { params: [], results: [I32] } },
];

test("a section reads back as written, UTF-8 names included", () => {
  const sigs = decodeFastPathSection(payloadOf(encodeFastPathSection(entries)))!;
  assert.ok(sigs, "decoded");
  assert.is(sigs.size, 2);
  assert.equal(sigs.get(importKey("wasix_32v1", "sock_recv")), entries[0].sig);
  assert.equal(sigs.get(importKey("m\u00e9t\u00e9o", "x")), entries[1].sig);
  assert.equal(decodeFastPathSection(new Uint8Array([0]))?.size, 0, "an empty list");
});

test("a malformed section is ignored as a whole, never throws", () => {
  const payload = payloadOf(encodeFastPathSection(entries));
  for (let cut = 0; cut < payload.length; cut++) {
    assert.is(decodeFastPathSection(payload.subarray(0, cut)), null, `cut at ${cut}`);
  }
  assert.is(decodeFastPathSection(new Uint8Array([...payload, 0])), null, "trailing bytes");
  const bad = (e: FastPathEntry[]) => decodeFastPathSection(payloadOf(encodeFastPathSection(e)));
  assert.is(bad([entries[0], entries[0]]), null, "an import named twice");
  assert.is(bad([{ module: "a", field: "b", sig: { params: [I32], results: [] } }]), null, "no result");
  assert.is(bad([{ module: "a", field: "b", sig: { params: [I32], results: [I64] } }]), null, "an i64 result");
  assert.is(bad([{ module: "a", field: "b", sig: { params: [0x70], results: [I32] } }]), null, "a funcref parameter");
  assert.is(
    decodeFastPathSection(new Uint8Array([1, 2, 0xff, 0xfe, 0, 0x60, 0, 1, I32])),
    null,
    "a name that is not UTF-8",
  );
  assert.is(decodeFastPathSection(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff])), null, "an over-long count");
});

test("the post-link step's section names every fast-path import; sockbox run reads it", () => {
  const bytes = withFastPathSection(wasiModule());
  const module = new WebAssembly.Module(bytes as BufferSource);
  const sigs = declaredSignatures(module)!;
  assert.equal([...sigs.keys()], [importKey(WASI_MODULE, "fd_write"), importKey(WASI_MODULE, "args_sizes_get")]);
  assert.equal(withFastPathSection(bytes), bytes, "run twice: the section is replaced, not added");
  rememberSignatures(module, new Uint8Array(8)); // the module's own bytes are not read when it has a section
  assert.equal(fastPathSignature(module, WASI_MODULE, "fd_write"), { params: [I32, I32, I32, I32], results: [I32] });
});

test("with a section, without one, or with a malformed one, the guest links through the fast path", async () => {
  const garbage = new Uint8Array([
    0,
    5 + FAST_PATH_SECTION.length,
    FAST_PATH_SECTION.length,
    ...[...FAST_PATH_SECTION].map((c) => c.charCodeAt(0)),
    9,
    9,
    9,
    9,
  ]);
  for (const bytes of [withFastPathSection(wasiModule()), wasiModule(), wasiModule(garbage)]) {
    const instance = await linkWith(bytes);
    assert.type(instance.exports.w, "function");
  }
  const module = new WebAssembly.Module(wasiModule(garbage) as BufferSource);
  assert.is(declaredSignatures(module), null, "the malformed section was ignored");
});

test("a section that lies about a signature is refused by the engine at link time", async () => {
  const lie = encodeFastPathSection([{
    module: WASI_MODULE,
    field: "fd_write",
    sig: { params: [I32], results: [I32] },
  }]);
  await linkWith(wasiModule(lie)).then(
    () => assert.unreachable("linked with a forged signature"),
    (e) => assert.instance(e, WebAssembly.LinkError),
  );
  // Naming imports the guest does not have, or that do not block, changes nothing.
  const extra = encodeFastPathSection([
    { module: WASI_MODULE, field: "fd_write", sig: { params: [I32, I32, I32, I32], results: [I32] } },
    { module: WASI_MODULE, field: "args_sizes_get", sig: { params: [I32, I32, I32], results: [I32] } },
    { module: "wasix_32v1", field: "sock_recv", sig: { params: [I32], results: [I32] } },
  ]);
  assert.type((await linkWith(wasiModule(extra))).exports.w, "function");
});

test.run();
