#!/usr/bin/env bash
# Installs what sockbox needs on a Debian machine, only what is missing:
# the C→wasm toolchain and native test peers from Debian, Deno/Bun/uvu from npm.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v clang >/dev/null || need_apt+=(clang)
command -v wasm-ld >/dev/null || need_apt+=(lld)
[ -f /usr/lib/wasm32-wasi/libc.a ] || need_apt+=(wasi-libc)
ls /usr/lib/llvm-*/lib/clang/*/lib/wasi/libclang_rt.builtins-wasm32.a >/dev/null 2>&1 || need_apt+=(libclang-rt-dev-wasm32)
command -v gcc >/dev/null || need_apt+=(gcc)
command -v nc >/dev/null || need_apt+=(netcat-openbsd)
command -v socat >/dev/null || need_apt+=(socat)
command -v curl >/dev/null || need_apt+=(curl)
command -v make >/dev/null || need_apt+=(make)
command -v python3 >/dev/null || need_apt+=(python3)  # pty and black-hole helpers of the readiness tests
command -v taskset >/dev/null || need_apt+=(util-linux)

if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing from Debian: ${need_apt[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# npm packages (deno, bun, uvu, …), with their install scripts (package.json allowScripts).
if [ ! -x node_modules/.bin/deno ] || [ ! -x node_modules/.bin/bun ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
node_modules/.bin/deno --version >/dev/null
node_modules/.bin/bun --version >/dev/null
