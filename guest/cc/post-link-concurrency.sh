#!/usr/bin/env bash
# sockbox cc post-link step (guest/cc/post-link/main.ts).
#   post-link-concurrency.sh OUT.wasm
# Called by guest/cc/sockbox-cc after a successful link. Every program gets a
# `sockbox.fast_path` custom section, which saves `sockbox run` reading its
# import signatures at each start (runtime/fast_path_section.ts); a program that
# creates threads or calls fork() (imports module sockbox_thread /
# sockbox_proc) also gets its C stack pointer exported (threads) or binaryen's
# asyncify pass (fork) (docs/concurrency.md). The code is left as the linker
# wrote it.
set -euo pipefail

out=${1:?usage: post-link-concurrency.sh OUT.wasm}
[[ -f $out ]] || exit 0

self=$(readlink -f "${BASH_SOURCE[0]}")
repo=$(cd "$(dirname "$self")/../.." && pwd)
deno=$repo/node_modules/.bin/deno
if [[ ! -x $deno ]]; then
    echo "sockbox cc: $deno is missing (run 'make setup'); it is needed to finish linking $out" >&2
    exit 1
fi
exec "$deno" run --quiet --no-prompt --no-config --allow-read --allow-write --allow-env \
    "$repo/guest/cc/post-link/main.ts" "$out"
