#!/usr/bin/env bash
# sockbox cc post-link step for threads and fork (docs/concurrency.md).
#   post-link-concurrency.sh OUT.wasm
# Called by guest/cc/sockbox-cc after a successful link. A program that creates
# threads or calls fork() imports module sockbox_thread / sockbox_proc; for
# those only, guest/cc/post-link/main.ts exports the C stack pointer (threads)
# or runs binaryen's asyncify pass (fork). Every other program is left exactly
# as the linker wrote it, and this script costs it one grep.
set -euo pipefail

out=${1:?usage: post-link-concurrency.sh OUT.wasm}
[[ -f $out ]] || exit 0
# Cheap pre-check on the raw bytes; main.ts decides precisely from the import section.
grep -aqE 'sockbox_thread|sockbox_proc' "$out" || exit 0

self=$(readlink -f "${BASH_SOURCE[0]}")
repo=$(cd "$(dirname "$self")/../.." && pwd)
deno=$repo/node_modules/.bin/deno
if [[ ! -x $deno ]]; then
    echo "sockbox cc: $deno is missing (run 'make setup'); it is needed to finish linking $out" >&2
    exit 1
fi
exec "$deno" run --quiet --no-prompt --no-config --allow-read --allow-write --allow-env \
    "$repo/guest/cc/post-link/main.ts" "$out"
