#!/usr/bin/env bash
# Benchmark: rolecompare against nginx serving the same site exported as
# static files, in one run, on loopback only. Not part of CI.
#
#   bench/run.sh            # full run (about 3 minutes)
#   ROUNDS=1 DURATION=2 bench/run.sh   # a quick look
#   BIN=/path/to/rolecompare bench/run.sh   # another build, e.g. an older one
#
# Prints requests/s, p50 and p99 latency and the rolecompare/nginx ratio for the
# comparison page and the home page, identity and brotli; resident memory
# after the load; time from start to first response; and figures with 200
# generated roles (start, memory, first render of uncached pairs).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-5}
CONNECTIONS=${CONNECTIONS:-64}

need() { command -v "$1" >/dev/null 2>&1; }
if ! need nginx || ! need wrk || ! need curl || [ ! -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ]; then
  echo "== installing nginx, its brotli_static module, wrk and curl"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light libnginx-mod-http-brotli-static wrk curl >/dev/null
fi

if [ -z "${BIN:-}" ]; then
  echo "== building release"
  cargo build --release --locked --quiet
  BIN=$ROOT/target/release/rolecompare
fi

WORK=$(mktemp -d)
chmod 755 "$WORK"  # nginx workers run as an unprivileged user
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }
rss_mib() { awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }
# Bytes in the large pages' files (src/store/mapped.rs: sealed memory files,
# or unlinked files in the temporary directory), which VmRSS counts only once
# they are read through the mapping.
form_files_mib() {
  local total=0 fd
  for fd in /proc/"$1"/fd/*; do
    case $(readlink "$fd" 2>/dev/null) in
      *memfd:rolecompare-form* | */\#*" (deleted)") total=$(( total + $(stat -L -c %s "$fd" 2>/dev/null || echo 0) )) ;;
    esac
  done
  awk -v b="$total" 'BEGIN {printf "%.1f", b/1048576}'
}

# Waits for URL to answer 200; prints the milliseconds since $2 (a now_ms).
wait_ms() {
  local url=$1 start=$2
  for _ in $(seq 1 2000); do
    if curl -fsS -o /dev/null "$url" 2>/dev/null; then echo $(( $(now_ms) - start )); return; fi
    sleep 0.002
  done
  echo "never answered: $url" >&2; exit 1
}

RC_PORT=$(free_port); NG_PORT=$(free_port)
BASE_URL=http://127.0.0.1:$RC_PORT

echo "== starting rolecompare"
read -r RC_PID FIRST_MS < <(RUST_LOG=warn python3 bench/first_response.py "http://127.0.0.1:$RC_PORT/" -- \
  "$BIN" serve --addr "127.0.0.1:$RC_PORT" --content content --base-url "$BASE_URL")
PIDS+=("$RC_PID")
echo "first response after start (process spawn to a 200 for /): ${FIRST_MS} ms"

echo "== exporting the same site for nginx"
"$BIN" export --out "$WORK/site" --content content --base-url "$BASE_URL" >/dev/null

MODULE=""
[ -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] && \
  MODULE="load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;"
cat > "$WORK/nginx.conf" <<CONF
$MODULE
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 4096; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  charset utf-8;
  access_log off;
  sendfile on; tcp_nopush on; tcp_nodelay on;
  keepalive_requests 1000000;
  open_file_cache max=10000 inactive=60s;
  open_file_cache_valid 60s;
  open_file_cache_errors on;
  gzip_static on;
  $( [ -n "$MODULE" ] && echo "brotli_static on;" )
  client_body_temp_path $WORK/tmp; proxy_temp_path $WORK/tmp; fastcgi_temp_path $WORK/tmp;
  uwsgi_temp_path $WORK/tmp; scgi_temp_path $WORK/tmp;
  server {
    listen 127.0.0.1:$NG_PORT;
    root $WORK/site;
    location / { try_files \$uri \$uri/index.html =404; }
  }
}
CONF
mkdir -p "$WORK/tmp"
nginx -c "$WORK/nginx.conf" -g 'daemon off;' &
PIDS+=($!)
wait_ms "http://127.0.0.1:$NG_PORT/" "$(now_ms)" >/dev/null

PAGES=("/compare/aws-engineer-vs-aws-architect" "/")
ENCODINGS=("identity" "br")

echo "== checking both serve the same bytes"
# Brotli forms are made in the background once a page is requested (a pair
# page, rendered on its first request, once requested again): ask twice,
# then let the background pass finish.
for page in "${PAGES[@]}" "${PAGES[@]}"; do curl -fsS -o /dev/null -H 'Accept-Encoding: br' "http://127.0.0.1:$RC_PORT$page"; done
sleep 1
for page in "${PAGES[@]}"; do
  for enc in "${ENCODINGS[@]}"; do
    a=$(curl -fsS -H "Accept-Encoding: $enc" "http://127.0.0.1:$RC_PORT$page" | sha256sum | cut -c1-16)
    b=$(curl -fsS -H "Accept-Encoding: $enc" "http://127.0.0.1:$NG_PORT$page" | sha256sum | cut -c1-16)
    ea=$(curl -fsS -o /dev/null -D - -H "Accept-Encoding: $enc" "http://127.0.0.1:$RC_PORT$page" | tr -d '\r' | awk -F': ' 'tolower($1)=="content-encoding"{print $2}')
    eb=$(curl -fsS -o /dev/null -D - -H "Accept-Encoding: $enc" "http://127.0.0.1:$NG_PORT$page" | tr -d '\r' | awk -F': ' 'tolower($1)=="content-encoding"{print $2}')
    if [ "$a" != "$b" ] || [ "$ea" != "$eb" ]; then
      echo "MISMATCH $page $enc: rolecompare $a ($ea) nginx $b ($eb)"; exit 1
    fi
    echo "  $page $enc: same bytes ($a, encoding '${ea:-identity}')"
  done
done

# run_wrk URL ENCODING → "req_per_s p50_ms p99_ms"
run_wrk() {
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "Accept-Encoding: $2" "$1" | python3 -c '
import re, sys
text = sys.stdin.read()
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
def percentile(p):
    m = re.search(p + r"%\s+([\d.]+)(us|ms|s)\b", text)
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
p50, p99 = percentile("50"), percentile("99")
errors = re.search(r"Socket errors: (.*)", text)
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
if errors or non2xx:
    print("errors:", errors.group(0) if errors else "", non2xx.group(0) if non2xx else "", file=sys.stderr)
print(f"{rps:.0f} {p50:.3f} {p99:.3f}")'
}

echo "== wrk -t2 -c$CONNECTIONS, ${DURATION}s per run, $ROUNDS alternating rounds"
printf '%-40s %-9s %9s %9s %6s %14s %14s\n' page encoding "rc req/s" "ng req/s" ratio "p50 rc/ng ms" "p99 rc/ng ms"
for page in "${PAGES[@]}"; do
  for enc in "${ENCODINGS[@]}"; do
    rc_sum=0; ng_sum=0; rc_p50=(); ng_p50=(); rc_p99=0; ng_p99=0
    for _ in $(seq 1 "$ROUNDS"); do
      read -r r m p < <(run_wrk "http://127.0.0.1:$RC_PORT$page" "$enc")
      rc_sum=$(python3 -c "print($rc_sum+$r)"); rc_p50+=("$m"); rc_p99=$(python3 -c "print(max($rc_p99,$p))")
      read -r r m p < <(run_wrk "http://127.0.0.1:$NG_PORT$page" "$enc")
      ng_sum=$(python3 -c "print($ng_sum+$r)"); ng_p50+=("$m"); ng_p99=$(python3 -c "print(max($ng_p99,$p))")
    done
    python3 -c "
import statistics
rc, ng = $rc_sum/$ROUNDS, $ng_sum/$ROUNDS
m_rc, m_ng = statistics.median([${rc_p50[*]/%/,}]), statistics.median([${ng_p50[*]/%/,}])
print(f'{\"$page\":<40} {\"$enc\":<9} {rc:>9.0f} {ng:>9.0f} {rc/ng:>6.2f} {m_rc:>6.2f} / {m_ng:<5.2f} {$rc_p99:>6.2f} / {$ng_p99:<5.2f}')"
  done
done
echo "(req/s: mean of the rounds; p50: median round; p99: worst round)"
echo "rolecompare resident memory after the load: $(rss_mib "$RC_PID") MiB (and $(form_files_mib "$RC_PID") MiB in large pages' files)"

echo "== 200 generated roles"
python3 bench/gen_roles.py "$WORK/many" 200 >/dev/null
PORT=$(free_port)
read -r MANY_PID MANY_MS < <(RUST_LOG=warn python3 bench/first_response.py "http://127.0.0.1:$PORT/" -- \
  "$BIN" serve --addr "127.0.0.1:$PORT" --content "$WORK/many")
PIDS+=("$MANY_PID")
echo "start to first response: ${MANY_MS} ms"
worst=0
for i in $(seq 0 19); do
  a=$(printf 'generated-role-%03d' "$i"); b=$(printf 'generated-role-%03d' $((199 - i)))
  t=$(curl -fsS -o /dev/null -w '%{time_starttransfer}' "http://127.0.0.1:$PORT/compare/$a-vs-$b")
  worst=$(python3 -c "print(max($worst, $t*1000))")
done
echo "first request of 20 uncached pairs: worst time to first byte $(python3 -c "print(f'{$worst:.2f}')") ms"
for i in $(seq 0 399); do
  a=$(printf 'generated-role-%03d' $((i % 200))); b=$(printf 'generated-role-%03d' $(((i * 7 + 3) % 200)))
  [ "$a" = "$b" ] && continue
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT/compare/$a-vs-$b"
done
sleep 2
echo "resident memory after 400 pair requests: $(rss_mib "$MANY_PID") MiB (and $(form_files_mib "$MANY_PID") MiB in large pages' files)"
echo "machine: $(nproc) cores, $(date -u +%Y-%m-%d)"
