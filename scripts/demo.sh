#!/usr/bin/env bash
# The demo: the article's TCP server and client, compiled from unmodified C
# with `sockbox cc`, talking to each other inside the sandbox — on Deno and
# on Bun — then the same client against the native gcc build of the server.
set -euo pipefail
cd "$(dirname "$0")/.."
out=build/demo
mkdir -p "$out"
port=${DEMO_PORT:-8080}
while (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; do port=$((port + 1)); done  # a free port

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
server_pid=""
cleanup() { pkill -P $$ 2>/dev/null || true; }
trap cleanup EXIT

say "sockbox cc guest/c-examples/tcp_server.c tcp_client.c  (unmodified C → wasm32-wasi)"
bin/sockbox cc -O2 -Wall guest/c-examples/tcp_server.c -o "$out/tcp_server.wasm"
bin/sockbox cc -O2 -Wall guest/c-examples/tcp_client.c -o "$out/tcp_client.wasm"
gcc -O2 -Wall guest/c-examples/tcp_server.c -o "$out/tcp_server"
ls -l "$out"/*.wasm | awk '{print "  " $NF ": " $5 " bytes"}'

# Wait for the server to say it listens (probing the port would count as a client).
wait_listening() {
  for _ in $(seq 1 200); do grep -q listening "$out/server.log" 2>/dev/null && return 0; sleep 0.05; done
  echo "the server did not start; its output:" >&2; cat "$out/server.log" >&2; return 1
}

for runtime in deno bun; do
  say "$runtime: sandboxed server (granted: listen on 0.0.0.0:$port) ↔ sandboxed client (granted: connect to 127.0.0.1:$port)"
  : > "$out/server.log"
  bin/sockbox run --runtime=$runtime --allow-listen=0.0.0.0:$port "$out/tcp_server.wasm" "$port" 1 | tee "$out/server.log" | sed 's/^/  server | /' &
  server_pid=$!
  wait_listening
  bin/sockbox run --runtime=$runtime --allow-connect=127.0.0.1:$port "$out/tcp_client.wasm" 127.0.0.1 "$port" hello sandbox | sed 's/^/  client | /'
  wait "$server_pid"; server_pid=""
done

say "deno: the same client without a grant — refused with EACCES, and --trace says why"
bin/sockbox run "$out/tcp_client.wasm" 127.0.0.1 "$port" hello 2>&1 | sed 's/^/  client | /' || true
bin/sockbox run --trace "$out/tcp_client.wasm" 127.0.0.1 "$port" hello 2>&1 | grep -E '^\[sockbox\] sock_connect' | sed 's/^/  trace  | /' || true

say "native gcc server ↔ sandboxed client on bun"
: > "$out/server.log"
"$out/tcp_server" "$port" 1 | tee "$out/server.log" | sed 's/^/  server | /' &
server_pid=$!
wait_listening
bin/sockbox run --runtime=bun --allow-connect=127.0.0.1:$port "$out/tcp_client.wasm" 127.0.0.1 "$port" native peer | sed 's/^/  client | /'
wait "$server_pid"; server_pid=""
say "done"
