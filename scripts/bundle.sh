#!/usr/bin/env bash
# Builds the single-file entries that bin/sockbox runs instead of the
# TypeScript sources when they are fresh (start-up time, issue 6):
#
#   build/host/deno/{main,worker}.js   one ES module each: Deno loads one file
#                                      instead of ~100 modules
#   build/host/bun/{main,worker}.js    CommonJS with Bun's bytecode cache
#                                      (*.js.jsc): no transpiling, no parsing
#
# and, beside them, `inputs`: every file and directory they are built from.
# bin/sockbox uses a bundle only while nothing in its `inputs` is newer than
# its main.js (so an edited, added or removed source falls back to the
# sources until the next build; like make, by modification time). Bun builds
# both bundles (no download: it is already installed, and pinned).
#
#   scripts/bundle.sh [deno|bun]...    rebuilds the stale ones (default: both)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
bun=node_modules/.bin/bun

# inputs RUNTIME: what its bundle is built from, one path a line, relative to
# the root. Directories are listed too: adding or removing a file changes them.
inputs() {
  printf '%s\n' scripts/bundle.sh "host/$1"
  find runtime -type d | sort
  find "host/$1" runtime -name '*.ts' | sort
}

# fresh RUNTIME: whether its bundle exists and nothing it is built from changed.
fresh() {
  local dir=build/host/$1 f
  [ -f "$dir/main.js" ] && [ -f "$dir/inputs" ] || return 1
  [ "$(inputs "$1")" = "$(cat "$dir/inputs")" ] || return 1
  while IFS= read -r f; do
    [ "$f" -nt "$dir/main.js" ] && return 1
  done <"$dir/inputs"
  return 0
}

# build RUNTIME: bundles into a temporary directory, checks that no source
# changed meanwhile and that the result does not name this checkout's path
# (it must keep working when the tree moves), then renames the files into
# place, main.js last: a run that starts meanwhile sees a fresh main.js only
# once everything beside it is new too (and Bun ignores bytecode that does
# not match its source).
build() {
  local rt=$1 out=build/host/$1 tmp f
  mkdir -p "$out"
  tmp=$(mktemp -d "build/host/.$rt.XXXXXX")
  # shellcheck disable=SC2064
  trap "rm -rf '$tmp'" EXIT
  touch "$tmp/.start"
  inputs "$rt" >"$tmp/inputs"
  case $rt in
    deno) "$bun" build --target=browser --format=esm --minify --keep-names \
      "host/deno/main.ts" "host/deno/worker.ts" --outdir="$tmp" >/dev/null ;;
    bun) "$bun" build --target=bun --format=cjs --bytecode --minify --keep-names \
      "host/bun/main.ts" "host/bun/worker.ts" --outdir="$tmp" >/dev/null ;;
  esac
  [ -f "$tmp/main.js" ] && [ -f "$tmp/worker.js" ] || { echo "bundle: $rt: bun build wrote no main.js/worker.js" >&2; return 1; }
  if grep -qF "$root/" "$tmp"/*.js; then
    echo "bundle: $rt: the bundle names $root (import.meta.url in code bun inlines?); not installed" >&2
    return 1
  fi
  while IFS= read -r f; do
    if [ "$f" -nt "$tmp/.start" ]; then
      echo "bundle: $rt: $f changed during the build; not installed (run it again)" >&2
      return 1
    fi
  done <"$tmp/inputs"
  rm -f "$out"/*.jsc
  for f in worker.js.jsc worker.js main.js.jsc inputs main.js; do
    if [ -e "$tmp/$f" ]; then mv -f "$tmp/$f" "$out/$f"; fi
  done
  rm -rf "$tmp"
  trap - EXIT
  echo "bundle: built $out"
}

[ -x "$bun" ] || { echo "bundle: $bun is missing; run 'make setup'" >&2; exit 1; }
[ $# -gt 0 ] || set -- deno bun
for rt in "$@"; do
  case $rt in
    deno | bun) fresh "$rt" || build "$rt" ;;
    *) echo "bundle: unknown runtime '$rt' (deno or bun)" >&2; exit 2 ;;
  esac
done
