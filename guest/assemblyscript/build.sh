#!/usr/bin/env bash
# guest/assemblyscript/build.sh: compiles the AssemblyScript examples into
# WASI commands for `sockbox run`, and checks that each one imports only
# wasi_snapshot_preview1 and wasix_32v1 (sockbox refuses env.* imports).
#
# usage: guest/assemblyscript/build.sh [-o OUTDIR] [NAME...]
#   NAME    examples/NAME.ts, or DIR/NAME for DIR/NAME.ts (tests/selftest), to
#           build into OUTDIR/NAME.wasm; default: every example but cli.ts
#   OUTDIR  default build/assemblyscript; an output newer than every source is kept
#
# The flags every sockbox AssemblyScript program needs:
#   --exportStart _start      a WASI command: top-level code runs in _start,
#                             under the host's JSPI bridge (a wasm start section
#                             would run during instantiation, where blocking
#                             imports cannot suspend)
#   --use abort=sockbox/abort/sockboxAbort
#                             abort via fd_write + proc_exit, not env.abort
#   --runtime incremental     a collecting GC: a server runs for its whole life
#                             inside _start, where the minimal runtime can never
#                             collect and the stub runtime never frees
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
asc="$root/node_modules/.bin/asc"
out="$root/build/assemblyscript"

if [ "${1:-}" = "-o" ]; then
  out=$2
  shift 2
fi
if [ ! -x "$asc" ]; then
  echo "build.sh: $asc is missing; run 'make setup' (npm ci) in $root" >&2
  exit 127
fi
command -v node >/dev/null || { echo "build.sh: asc needs node on PATH" >&2; exit 127; }

names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for f in "$here"/examples/*.ts; do
    n=$(basename "$f" .ts)
    [ "$n" = cli ] || names+=("$n")
  done
fi
mkdir -p "$out"

# Newest source (the library, the shared helpers, this script): any change rebuilds all.
newest=$(ls -t "$here"/*/*.ts "$here/build.sh" | head -1)

for name in "${names[@]}"; do
  case "$name" in
    */*) rel="$name.ts" ;;
    *) rel="examples/$name.ts" ;;
  esac
  n=$(basename "$name")
  src="$here/$rel"
  wasm="$out/$n.wasm"
  [ -f "$src" ] || { echo "build.sh: no example $src" >&2; exit 2; }
  if [ -f "$wasm" ] && [ "$wasm" -nt "$src" ] && [ "$wasm" -nt "$newest" ]; then
    continue
  fi
  # Deno and Bun test runs may build at once: build to a private name, rename into place.
  tmp="$wasm.$$.tmp"
  (cd "$here" && "$asc" "$rel" -o "$tmp" \
    --runtime incremental --exportStart _start --use abort=sockbox/abort/sockboxAbort \
    -O3 --noColors)
  node --input-type=module - "$tmp" <<'JS'
import { readFileSync } from "node:fs";
const file = process.argv[2];
const mod = new WebAssembly.Module(readFileSync(file));
const allowed = new Set(["wasi_snapshot_preview1", "wasix_32v1"]);
const bad = WebAssembly.Module.imports(mod).filter((i) => !allowed.has(i.module) || i.kind !== "function");
const exports = new Set(WebAssembly.Module.exports(mod).map((e) => e.name));
const problems = bad.map((i) => `imports ${i.module}.${i.name} (${i.kind})`);
for (const e of ["_start", "memory"]) if (!exports.has(e)) problems.push(`does not export ${e}`);
if (problems.length > 0) {
  console.error(`build.sh: ${file}: ${problems.join("; ")}`);
  process.exit(1);
}
JS
  mv -f "$tmp" "$wasm"
  echo "built $wasm"
done
