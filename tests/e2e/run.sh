#!/usr/bin/env bash
# The browser test suite (tests/e2e/): builds the release server, installs
# the pinned node packages and runs every test in Debian's Chromium.
#
#   bash tests/e2e/run.sh
#
# Needs Node 20 and npm, /usr/bin/chromium (apt-get install chromium) and
# Java for the Nu Html Checker (apt-get install default-jre-headless). Run
# as root on a Debian machine (as CI is), it installs whichever is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== e2e: apt-get install ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "e2e: missing ${missing[*]}: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

echo "== e2e: cargo build --release --locked"
cargo build --release --locked

cd tests/e2e
echo "== e2e: npm ci"
# --ignore-scripts: vnu-jar's postinstall would fetch a Java runtime from the
# internet; the suite uses the system's Java.
npm ci --ignore-scripts --no-audit --no-fund

echo "== e2e: npm test"
npm test
