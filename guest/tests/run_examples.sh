#!/usr/bin/env bash
# guest/tests/run_examples.sh: run the C examples natively and under
# `bin/sockbox run`, and compare their stdout byte for byte.
#
# usage: guest/tests/run_examples.sh [--runtime=deno|bun] [SCENARIO...]
#   scenarios: hello tcp udp ipv6 unix msg (default: all)
# Builds the examples with gcc and sockbox cc into $SOCKBOX_BUILD/run-examples.
# (`make test` checks that every example builds, in tests/guest/build_test.ts,
# and runs them against their native twins in tests/examples/.)
set -uo pipefail

TESTS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
GUEST=$(dirname "$TESTS")
REPO=$(dirname "$GUEST")
BUILD=${SOCKBOX_BUILD:-$REPO/build}
OUT=$BUILD/run-examples
SOCKBOX=$REPO/bin/sockbox
RUNTIME=deno
WAIT_SECONDS=15

scenarios=()
for a in "$@"; do
    case $a in
    --runtime=*) RUNTIME=${a#--runtime=} ;;
    *) scenarios+=("$a") ;;
    esac
done
((${#scenarios[@]})) || scenarios=(hello tcp udp ipv6 unix msg)

[[ -x $SOCKBOX ]] || { echo "no $SOCKBOX"; exit 2; }
mkdir -p "$OUT/wasm" "$OUT/native"
for name in hello tcp_server tcp_client gai_client udp_server udp_client ipv6_server ipv6_client unix_pair msg_demo; do
    src=$GUEST/c-examples/$name.c
    [[ $OUT/native/$name -nt $src ]] || gcc -O2 -o "$OUT/native/$name" "$src" || exit 2
    # sockbox cc rebuilds its library when needed; the .wasm is rebuilt every time
    "$GUEST/cc/sockbox-cc" -O2 -o "$OUT/wasm/$name.wasm" "$src" || exit 2
done

RUNDIR=$(mktemp -d /tmp/sockbox-examples.XXXXXX)
trap 'rm -rf "$RUNDIR"' EXIT
PORT=$((20000 + $$ % 20000))
passed=0
failed=0

# prog MODE NAME ARGS... : run one example in the foreground
prog() {
    local mode=$1 name=$2
    shift 2
    if [[ $mode == native ]]; then
        timeout $WAIT_SECONDS "$OUT/native/$name" "$@"
    else
        timeout $WAIT_SECONDS "$SOCKBOX" run --runtime="$RUNTIME" --allow-net --dir=/tmp \
            "$OUT/wasm/$name.wasm" "$@"
    fi
}

# Wait until file $1 has a line matching $2 (a server is ready).
wait_for() {
    local i
    for ((i = 0; i < WAIT_SECONDS * 10; i++)); do
        grep -q "$2" "$1" 2>/dev/null && return 0
        sleep 0.1
    done
    return 1
}

# server MODE LOG READY NAME ARGS... : start a server in the background, wait until ready
server() {
    local mode=$1 log=$2 ready=$3
    shift 3
    prog "$mode" "$@" >"$log" 2>"$log.err" &
    SERVER_PID=$!
    wait_for "$log" "$ready" || echo "(server not ready: $(cat "$log.err"))" >>"$log"
}

scenario_hello() { prog "$1" hello a "b c"; }

scenario_tcp() {
    local p=$((PORT + 1))
    server "$1" "$RUNDIR/srv" '^listening' tcp_server $p 2
    prog "$1" tcp_client 127.0.0.1 $p hello world
    prog "$1" gai_client localhost $p again
    wait "$SERVER_PID"
    cat "$RUNDIR/srv"
}

scenario_udp() {
    local p=$((PORT + 2))
    server "$1" "$RUNDIR/srv" '^udp server' udp_server $p 2
    prog "$1" udp_client 127.0.0.1 $p ping pong
    wait "$SERVER_PID"
    cat "$RUNDIR/srv"
}

scenario_ipv6() {
    local p=$((PORT + 3))
    server "$1" "$RUNDIR/srv" '^listening' ipv6_server $p 2
    prog "$1" ipv6_client ::1 $p six
    prog "$1" tcp_client 127.0.0.1 $p four
    wait "$SERVER_PID"
    cat "$RUNDIR/srv"
}

scenario_unix() { prog "$1" unix_pair "/tmp/sockbox-examples-$PORT.sock"; }

scenario_msg() { prog "$1" msg_demo $((PORT + 4)); }

for s in "${scenarios[@]}"; do
    "scenario_$s" native >"$RUNDIR/$s.native" 2>"$RUNDIR/$s.native.err"
    "scenario_$s" wasm >"$RUNDIR/$s.wasm" 2>"$RUNDIR/$s.wasm.err"
    if cmp -s "$RUNDIR/$s.native" "$RUNDIR/$s.wasm"; then
        echo "ok   $s: native and sockbox ($RUNTIME) print the same $(wc -l <"$RUNDIR/$s.native") lines"
        passed=$((passed + 1))
    else
        echo "FAIL $s: outputs differ (--- native, +++ sockbox $RUNTIME)"
        diff -u "$RUNDIR/$s.native" "$RUNDIR/$s.wasm" | sed 's/^/     /'
        if [[ -s $RUNDIR/$s.wasm.err ]]; then
            echo "     stderr of the sockbox run:"
            sed 's/^/     | /' "$RUNDIR/$s.wasm.err" | head -20
        fi
        failed=$((failed + 1))
    fi
done
echo "$passed passed, $failed failed"
((failed == 0))
