#!/usr/bin/env bash
# Load check: three runs of wrk with many connections against one
# rolecompare process, on loopback only. Passes when no run has a socket
# error or a non-2xx answer, and resident memory stays flat across runs.
# Not part of CI (it takes about two minutes).
#
#   bench/load.sh                     # 512 connections, 30 s, 3 runs
#   CONNECTIONS=256 DURATION=10 bench/load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
CONNECTIONS=${CONNECTIONS:-512}
DURATION=${DURATION:-30}
RUNS=${RUNS:-3}

if ! command -v wrk >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

cargo build --release --locked --quiet
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
RUST_LOG=warn target/release/rolecompare serve --addr "127.0.0.1:$PORT" --content content &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 200); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.05; done

rss() { awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$PID/status"; }
echo "memory before load: $(rss) MiB"
failed=0
for run in $(seq 1 "$RUNS"); do
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H 'Accept-Encoding: br, gzip' \
    "http://127.0.0.1:$PORT/compare/aws-engineer-vs-aws-architect")
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  errors=$(echo "$out" | grep -E 'Socket errors|Non-2xx' || true)
  echo "run $run: $rps req/s, p99 $p99, memory after: $(rss) MiB ${errors:+— $errors}"
  [ -n "$errors" ] && failed=1
done
curl -fs -o /dev/null "http://127.0.0.1:$PORT/healthz" || failed=1
[ "$failed" = 0 ] && echo "ok: no socket errors, no non-2xx, still answering" || { echo "FAILED"; exit 1; }
