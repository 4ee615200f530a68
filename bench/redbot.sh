#!/usr/bin/env bash
# HTTP lint: REDbot (PyPI `redbot`) against one of each kind of response the
# site sends, on loopback only. Prints every WARN and BAD note and exits 1
# if there is any. Not part of CI (it takes about a minute).
#
#   bench/redbot.sh                          # builds the release binary first
#   BIN=/path/to/rolecompare bench/redbot.sh # any other build
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v redbot >/dev/null 2>&1; then
  python3 -m pip install --quiet --disable-pip-version-check redbot
fi
if [ -z "${BIN:-}" ]; then
  cargo build --release --locked --quiet
  BIN=target/release/rolecompare
fi
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE=http://127.0.0.1:$PORT
RUST_LOG=warn "$BIN" serve --addr "127.0.0.1:$PORT" --content content --base-url "$BASE" &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 200); do curl -fs -o /dev/null "$BASE/healthz" && break; sleep 0.05; done

CSS=$(curl -fs "$BASE/" | grep -o '/static/style\.[0-9a-f]*\.css' | head -1)
URLS=(
  /                                         # a page
  /roles/aws-engineer                       # a role page
  "$CSS"                                    # an asset
  /cards/compare/aws-architect-vs-aws-engineer.png  # a preview card
  /api/roles/aws-engineer                   # the JSON API
  /salaries.csv                             # the CSV
  /sitemap.xml
  /robots.txt
  /no-such-page                             # a 404
)
failed=0
for path in "${URLS[@]}"; do
  # Ask twice: brotli forms are made once a page is requested.
  curl -fs -o /dev/null -H 'Accept-Encoding: br' "$BASE$path" || true
  sleep 0.5
  notes=$(timeout 120 redbot -o har "$BASE$path" | python3 -c '
import json, sys
entries = json.load(sys.stdin)["log"]["entries"]
bad = [m for e in entries for m in e.get("_red_messages", []) if m["level"] in ("WARN", "BAD")]
for m in bad:
    print("  %s: %s (%s)" % (m["level"], m["summary"], m["note_id"]))
')
  if [ -n "$notes" ]; then
    echo "$path"; echo "$notes"; failed=1
  else
    echo "$path: clean"
  fi
done
[ "$failed" = 0 ] && echo "REDbot: no WARN or BAD note" || { echo "REDbot: notes above"; exit 1; }
