#!/usr/bin/env bash
# What the access log costs on stored pages: one rolecompare without it and
# one writing it (combined format, to a file), on loopback only, measured in
# alternating wrk rounds. Prints requests/s and server CPU time per request
# (from /proc) for each. Not part of CI (about a minute).
#
#   bench/access_log.sh                 # builds the release binary first
#   BIN=/path/to/rolecompare ROUNDS=5 bench/access_log.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-5}
PAGE=${PAGE:-/}
if ! command -v wrk >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk curl >/dev/null
fi
if [ -z "${BIN:-}" ]; then
  cargo build --release --locked --quiet
  BIN=target/release/rolecompare
fi
WORK=$(mktemp -d)
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
TCK=$(getconf CLK_TCK)
cpu() { awk -v t="$TCK" '{print ($14+$15)/t}' "/proc/$1/stat"; }

OFF_PORT=$(free_port); ON_PORT=$(free_port)
RUST_LOG=warn "$BIN" serve --addr "127.0.0.1:$OFF_PORT" --content content 2>/dev/null &
OFF_PID=$!; PIDS+=("$OFF_PID")
RUST_LOG=warn "$BIN" serve --addr "127.0.0.1:$ON_PORT" --content content --access-log 2>"$WORK/access.log" &
ON_PID=$!; PIDS+=("$ON_PID")
for port in "$OFF_PORT" "$ON_PORT"; do
  for _ in $(seq 1 200); do curl -fs -o /dev/null "http://127.0.0.1:$port/healthz" && break; sleep 0.05; done
  # Brotli forms are made once a page is requested.
  curl -fs -o /dev/null -H 'Accept-Encoding: br' "http://127.0.0.1:$port$PAGE"
done
sleep 1

# round PORT PID → "requests/s µs-per-request"
round() {
  local c0 c1 out
  c0=$(cpu "$2")
  out=$(wrk -t2 -c64 -d"${DURATION}s" -H 'Accept-Encoding: br' "http://127.0.0.1:$1$PAGE")
  c1=$(cpu "$2")
  python3 -c "
import re
t = '''$out'''
n = int(re.search(r'(\d+) requests in', t).group(1))
rps = float(re.search(r'Requests/sec:\s+([\d.]+)', t).group(1))
print(f'{rps:.0f} {($c1 - $c0) / n * 1e6:.2f}')"
}
echo "== access log cost, $PAGE, brotli, wrk -t2 -c64, ${DURATION}s rounds, alternating"
printf '%-6s %-22s %-22s\n' round "off: req/s, µs/req" "combined: req/s, µs/req"
for r in $(seq 1 "$ROUNDS"); do
  read -r off_rps off_us < <(round "$OFF_PORT" "$OFF_PID")
  read -r on_rps on_us < <(round "$ON_PORT" "$ON_PID")
  printf '%-6s %-22s %-22s\n' "$r" "$off_rps, $off_us" "$on_rps, $on_us"
done
echo "access log lines written: $(wc -l < "$WORK/access.log"); last: $(tail -1 "$WORK/access.log")"
