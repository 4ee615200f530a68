#!/usr/bin/env bash
# Abuse check: how one rolecompare binary holds up against hostile and
# careless clients, on loopback only. Not part of CI (about 10–14 minutes).
#
#   bench/abuse.sh                                # builds the release binary first
#   BIN=/path/to/rolecompare bench/abuse.sh       # any other build, e.g. an older one
#   bench/abuse.sh --only site --flag=--cache-size=16   # some sections, extra server flags
#
# Sections 1–3 serve the bundled content, 4–7 a 200-role site made by
# bench/gen_roles.py in a temporary folder. Prints one labelled line per figure:
#
#   1. silent sockets: --max-connections 50 --header-timeout 2, 50 connections
#      that send nothing; when the server closes them (15 s cap) and how long
#      a new client's GET /healthz waits meanwhile (10 s cap)
#   2. preface-only HTTP/2: 50 connections that send the HTTP/2 preface and
#      nothing else; when the server closes them (15 s cap)
#   3. keep-alive pressure: --max-connections 50, 50 clients each sending a GET
#      of / every second on its own connection; a new client's wait, 3 times
#   4. --watch with no edits: CPU over 8 s, "content reloaded" log lines in
#      that time, resident memory (200 roles, then the bundled content)
#   5. distinct-page flood: wrk (-t2 -c32, 20 s) over pairs, 3- and 4-role
#      pages, differences views, share pages, day views, cards, the JSON API
#      and ?x=N variants; resident memory before, peak, after and 20 s after,
#      CPU in the 20 s after, time until idle, throughput, non-2xx answers, and
#      the latency of a 20 requests/s client fetching stored pages meanwhile
#   6. idle after start: spawn to the first 200 for /, then time and CPU until
#      the server is idle (under 2% of a CPU over 1 s; 180 s cap)
#   7. worst error page: server CPU (from /proc) and wall time per request for
#      oversized and near-miss URLs, against a stored page
#   8-10. what clients get when the server is full (bench/abuse_cap.py says
#      how): a burst of clients beyond the cap, a slow download while
#      newcomers arrive, and 300 clients pipelining renders on 1,000 roles
#
# Sections 5–7 share one server: its start is section 6, the error pages of 7
# are measured once it is idle, then the flood of 5 runs; they are printed in
# section order. CPU figures count the server process only (utime + stime).
# wrk and the Python clients share the machine with the server.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

if ! command -v wrk >/dev/null 2>&1 || ! command -v curl >/dev/null 2>&1; then
  echo "== installing wrk and curl"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk curl >/dev/null
fi
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

if [ -z "${BIN:-}" ]; then
  echo "== building release"
  cargo build --release --locked --quiet
  BIN=$ROOT/target/release/rolecompare
fi
[ -x "$BIN" ] || { echo "not an executable: $BIN" >&2; exit 1; }

WORK=$(mktemp -d)
PY=""
cleanup() { if [ -n "$PY" ]; then kill "$PY" 2>/dev/null || true; wait "$PY" 2>/dev/null || true; fi; rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

python3 bench/gen_roles.py "$WORK/site" 200 >/dev/null

echo "== rolecompare abuse check"
echo "binary: $BIN ($("$BIN" --version 2>/dev/null || echo 'no version'))"
echo "machine: $(nproc) cores, load average at start $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC')"
START=$(date +%s)
python3 bench/abuse.py --bin "$BIN" --site "$WORK/site" --content "$ROOT/content" \
  --work "$WORK" --clk-tck "$(getconf CLK_TCK)" "$@" &
PY=$!
wait "$PY"
PY=""
echo
echo "load average at the end $(cut -d' ' -f1-3 /proc/loadavg); run took $(( $(date +%s) - START )) s"
