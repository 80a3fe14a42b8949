#!/usr/bin/env bash
# guest/tests/check.sh: check the guest side without a host.
#
#  - every example in guest/c-examples builds with gcc and with sockbox cc,
#    -Wall -Wextra clean in both;
#  - every import of every built .wasm is in wasi_snapshot_preview1 or
#    wasix_32v1 (no env.* imports), and hello stays small;
#  - the overlay headers give Linux's shapes (src/headers_test.c) in several
#    -std modes;
#  - the driver takes gcc command lines (-c then link, -lm -lsocket -pthread
#    ...), refuses what it must, fails to link a missing function, and tells
#    how to install a missing toolchain;
#  - libsockbox, run under a fake host (abi_mock_host.mjs, Node's WASI), puts
#    exactly the expected bytes on the ABI (src/abi_probe.expected).
#
# usage: guest/tests/check.sh        (prints one line per check, then a total)
set -uo pipefail

TESTS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
GUEST=$(dirname "$TESTS")
REPO=$(dirname "$GUEST")
BUILD=${SOCKBOX_BUILD:-$REPO/build}
OUT=$BUILD/guest-check
CC=$GUEST/cc/sockbox-cc
WARN=(-Wall -Wextra -Werror)
HELLO_MAX_BYTES=40000

passed=0
failed=0
ok() {
    echo "ok   $*"
    passed=$((passed + 1))
}
bad() {
    echo "FAIL $*"
    failed=$((failed + 1))
}

rm -rf "$OUT"
mkdir -p "$OUT/native" "$OUT/wasm" "$OUT/tmp"

# ---- the import lister -----------------------------------------------------
IMPORTS=$OUT/wasm_imports
if ! gcc -O2 "${WARN[@]}" -o "$IMPORTS" "$TESTS/wasm_imports.c"; then
    bad "build wasm_imports"
    exit 1
fi

# Every import must come from the modules sockbox implements (sockbox_thread and
# sockbox_proc: pthreads and fork, docs/concurrency.md).
check_imports() { # file label
    local list
    if ! list=$("$IMPORTS" "$1"); then
        bad "$2: cannot read imports"
        return
    fi
    local stray
    stray=$(grep -Ev '^(wasi_snapshot_preview1|wasix_32v1|sockbox_thread|sockbox_proc)\.' <<<"$list" || true)
    if [[ -n $stray ]]; then
        bad "$2: imports outside wasi_snapshot_preview1/wasix_32v1: $(tr '\n' ' ' <<<"$stray")"
    else
        ok "$2: $(wc -l <<<"$list") imports, all wasi_snapshot_preview1/wasix_32v1"
    fi
}

# ---- examples: gcc and sockbox cc -------------------------------------------
for src in "$GUEST"/c-examples/*.c; do
    name=$(basename "${src%.c}")
    if gcc "${WARN[@]}" -O2 -o "$OUT/native/$name" "$src" 2>"$OUT/tmp/$name.gcc.err"; then
        ok "gcc $name"
    else
        bad "gcc $name: $(head -3 "$OUT/tmp/$name.gcc.err")"
    fi
    if "$CC" "${WARN[@]}" -O2 -o "$OUT/wasm/$name.wasm" "$src" 2>"$OUT/tmp/$name.cc.err"; then
        ok "sockbox cc $name ($(stat -c %s "$OUT/wasm/$name.wasm") bytes)"
        check_imports "$OUT/wasm/$name.wasm" "$name.wasm"
    else
        bad "sockbox cc $name: $(head -3 "$OUT/tmp/$name.cc.err")"
    fi
done

size=$(stat -c %s "$OUT/wasm/hello.wasm" 2>/dev/null || echo 0)
if ((size > 0 && size <= HELLO_MAX_BYTES)); then
    ok "hello.wasm is small ($size bytes <= $HELLO_MAX_BYTES)"
else
    bad "hello.wasm is $size bytes (limit $HELLO_MAX_BYTES)"
fi

# ---- overlay headers --------------------------------------------------------
for std in "" -std=c99 -std=c11 -std=gnu11 "-std=c11 -D_GNU_SOURCE" "-std=c99 -D_POSIX_C_SOURCE=200809L"; do
    # shellcheck disable=SC2086
    if "$CC" "${WARN[@]}" $std -o "$OUT/tmp/headers.wasm" "$TESTS/src/headers_test.c" \
        2>"$OUT/tmp/headers.err"; then
        ok "headers_test with sockbox cc ${std:-(default std)}"
    else
        bad "headers_test with sockbox cc ${std:-(default std)}: $(head -5 "$OUT/tmp/headers.err")"
    fi
done
if gcc "${WARN[@]}" -o "$OUT/tmp/headers_native" "$TESTS/src/headers_test.c" 2>"$OUT/tmp/headers.err"; then
    ok "headers_test with gcc"
else
    bad "headers_test with gcc: $(head -5 "$OUT/tmp/headers.err")"
fi

# ---- the driver's command lines ---------------------------------------------
T=$OUT/tmp
if "$CC" --help | grep -q '^usage: sockbox cc'; then ok "--help"; else bad "--help"; fi

if (cd "$T" && "$CC" -O2 -g -Wall -DX=1 -UY -I. -std=gnu99 -pipe -fPIC -c "$TESTS/src/multi_a.c" &&
    "$CC" -c "$TESTS/src/multi_b.c" -o multi_b.o &&
    "$CC" multi_a.o multi_b.o -lm -lsocket -lnsl -pthread -lpthread -lrt -static -o multi.wasm); then
    ok "-c then a separate link of .o files with -lm -lsocket -lnsl -pthread -lpthread -lrt -static"
    check_imports "$T/multi.wasm" "multi.wasm"
else
    bad "-c then link"
fi

if (cd "$T" && rm -f a.out && "$CC" "$TESTS/src/multi_a.c" "$TESTS/src/multi_b.c" -lm && [[ -f a.out ]]); then
    ok "several .c files, default output a.out"
else
    bad "several .c files, default output a.out"
fi

if (cd "$T" && echo 'int main(void) { return 0; }' | "$CC" -x c - -o stdin.wasm); then
    ok "-x c - (source on stdin)"
else
    bad "-x c - (source on stdin)"
fi

if "$CC" -O2 -fstack-protector-strong -D_FORTIFY_SOURCE=2 -ggdb3 -march=native -mtune=generic \
    -Wl,--as-needed -Wl,-O1,--hash-style=gnu -Wl,-z,relro -rdynamic -o "$T/flags.wasm" \
    "$GUEST/c-examples/hello.c"; then
    ok "distribution-style flags (-fstack-protector-strong -march=native -Wl,--as-needed,-z,relro ...)"
else
    bad "distribution-style flags"
fi

expect_refusal() { # label expected-text args...
    local label=$1 text=$2
    shift 2
    local msg
    if msg=$("$CC" "$@" 2>&1); then
        bad "$label: accepted"
    elif grep -q -- "$text" <<<"$msg"; then
        ok "$label: refused ($(head -1 <<<"$msg"))"
    else
        bad "$label: refused without naming $text: $msg"
    fi
}
expect_refusal "-shared" "-shared" -shared -o "$T/x.wasm" "$TESTS/src/multi_b.c"
expect_refusal "-m64" "-m64" -m64 -o "$T/x.wasm" "$TESTS/src/multi_b.c"
expect_refusal "-Wl,--allow-undefined" "--allow-undefined" -Wl,--allow-undefined -o "$T/x.wasm" \
    "$TESTS/src/undefined_fn.c"
expect_refusal "an undefined function" "undefined symbol: sockbox_no_such_function" \
    -o "$T/x.wasm" "$TESTS/src/undefined_fn.c"

msg=$(SOCKBOX_CLANG=/nonexistent/clang "$CC" -o "$T/x.wasm" "$TESTS/src/multi_b.c" 2>&1)
rc=$?
if ((rc == 127)) && grep -qx 'apt-get install -y clang lld wasi-libc libclang-rt-dev-wasm32' <<<"$msg"; then
    ok "missing toolchain: exit 127 with the apt-get line"
else
    bad "missing toolchain: rc=$rc: $msg"
fi

# ---- the library against a fake host that decodes every import call --------
if command -v node >/dev/null 2>&1; then
    if "$CC" "${WARN[@]}" -O2 -o "$T/abi_probe.wasm" "$TESTS/src/abi_probe.c" 2>"$T/probe.err" &&
        node --no-warnings "$TESTS/abi_mock_host.mjs" "$T/abi_probe.wasm" >"$T/abi_probe.out" 2>&1; then
        if diff -u "$TESTS/src/abi_probe.expected" "$T/abi_probe.out" >"$T/abi_probe.diff"; then
            ok "abi_probe under abi_mock_host.mjs: $(wc -l <"$T/abi_probe.out") lines as expected"
        else
            bad "abi_probe output differs from abi_probe.expected:"
            sed 's/^/     /' "$T/abi_probe.diff"
        fi
    else
        bad "abi_probe: $(cat "$T/probe.err" "$T/abi_probe.out" 2>/dev/null | head -5)"
    fi
else
    echo "skip abi_probe (no node)"
fi

echo "$passed passed, $failed failed"
((failed == 0))
