#!/usr/bin/env bash
# Builds the single-file entries that bin/sockbox runs instead of the
# TypeScript sources when they are fresh (start-up time, issue 6):
#
#   build/host/deno/{main,worker}.js   one ES module each: Deno loads one file
#                                      instead of ~100 modules
#   build/host/bun/{main,worker}.js    CommonJS with Bun's bytecode cache
#                                      (*.js.jsc): no transpiling, no parsing
#
# and, beside them, `inputs.sh` (`set -- PATH...`): every file and directory
# they are built from. bin/sockbox uses a bundle only while nothing listed
# there is newer than its main.js (so an edited, added or removed source falls
# back to the sources until the next build; like make, by modification time),
# and main.js is dated one second before the build started, so that even a
# shell that compares whole seconds sees any later edit as newer. Bun builds
# both bundles (no download: it is already installed, and pinned).
#
#   scripts/bundle.sh [deno|bun]...    rebuilds the stale ones (default: both)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
bun=node_modules/.bin/bun

# inputs RUNTIME: what its bundle is built from, relative to the root, as the
# shell line `set -- 'PATH'...` (bin/sockbox sources it). Directories are
# listed too: adding or removing a file changes them.
inputs() {
  local f
  printf '# What build/host/%s was built from (scripts/bundle.sh); bin/sockbox sources this.\nset --' "$1"
  for f in scripts/bundle.sh "host/$1" $(find runtime -type d | sort) $(find "host/$1" runtime -name '*.ts' | sort); do
    case $f in *"'"* | *[[:space:]]*) echo "bundle: cannot list '$f'" >&2; return 1 ;; esac
    printf " '%s'" "$f"
  done
  printf '\n'
}

# newer_input MAIN INPUTS_SH: whether a path INPUTS_SH lists is newer than MAIN.
newer_input() {
  local main=$1 list=$2 f
  # shellcheck disable=SC1090
  . "$list" # sets the arguments
  for f in "$@"; do
    if [ "$f" -nt "$main" ]; then return 0; fi
  done
  return 1
}

# fresh RUNTIME: whether its bundle exists and nothing it is built from changed.
fresh() {
  local dir=build/host/$1
  [ -f "$dir/main.js" ] && [ -f "$dir/inputs.sh" ] || return 1
  [ "$(inputs "$1")" = "$(cat "$dir/inputs.sh")" ] || return 1
  ! newer_input "$dir/main.js" "$dir/inputs.sh"
}

# build RUNTIME: bundles into a temporary directory, checks that no source
# changed meanwhile and that the result does not name this checkout's path
# (it must keep working when the tree moves), then renames the files into
# place, main.js last: a run that starts meanwhile sees a fresh main.js only
# once everything beside it is new too (and Bun ignores bytecode that does
# not match its source).
build() {
  local rt=$1 out=build/host/$1 tmp f start
  mkdir -p "$out"
  tmp=$(mktemp -d "build/host/.$rt.XXXXXX")
  # shellcheck disable=SC2064
  trap "rm -rf '$tmp'" EXIT
  inputs "$rt" >"$tmp/inputs.sh"
  # main.js will be dated a second before the build starts: wait until no
  # source is that recent, or the bundle would be stale at once.
  for _ in 1 2 3 4 5; do
    start=$(date +%s)
    touch -m -d "@$((start - 1))" "$tmp/.start"
    newer_input "$tmp/.start" "$tmp/inputs.sh" || break
    sleep 1
  done
  touch "$tmp/.start"
  local -a flags=(--target=browser --format=esm)
  [ "$rt" = bun ] && flags=(--target=bun --format=cjs --bytecode)
  if ! "$bun" build "${flags[@]}" --minify --keep-names "host/$rt/main.ts" "host/$rt/worker.ts" --outdir="$tmp" >/dev/null ||
    [ ! -f "$tmp/main.js" ] || [ ! -f "$tmp/worker.js" ]; then
    # Most likely a source being edited: the runs use the sources meanwhile.
    echo "bundle: $rt: bun build failed; not installed (bin/sockbox runs the sources while the bundle is stale)" >&2
    return 0
  fi
  if grep -qF "$root/" "$tmp"/*.js; then
    echo "bundle: $rt: the bundle names $root (import.meta.url in code bun inlines?); not installed" >&2
    return 1
  fi
  if newer_input "$tmp/.start" "$tmp/inputs.sh"; then
    echo "bundle: $rt: a source changed during the build; not installed (bin/sockbox runs the sources while the bundle is stale)" >&2
    return 0
  fi
  touch -m -d "@$((start - 1))" "$tmp/main.js"
  rm -f "$out"/*.jsc "$out/inputs"
  for f in worker.js.jsc worker.js main.js.jsc inputs.sh main.js; do
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
