#!/usr/bin/env bash
# Load test of the pages people read most: a contract's month (chart data for
# every metric, the figures per source), an invoice (every line explained), the
# merchant's dashboard (every contract's month so far, twelve months of money),
# a contract's overview and its dashboard (twelve months of trends),
# signed in with a session cookie, against a release build holding the demo's
# data on embedded SQLite.
#
#   bench/pages.sh [seconds] [connections]      (needs wrk: apt-get install wrk)
#
# Everything runs on loopback; the server gets a fresh data directory and is stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-10}
CONNECTIONS=${2:-16}
PORT=${KEFU_BENCH_PORT:-18081}
BASE="http://127.0.0.1:$PORT"

cargo build --release --quiet
DATA=$(mktemp -d)
# `exec`, so that $! is the server itself and the trap below stops it.
(cd "$DATA" && KEFU_LISTEN=127.0.0.1:$PORT RUST_LOG=warn exec "$OLDPWD/target/release/kefu" demo >demo.log 2>&1) &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 600); do grep -q "to sign in" "$DATA/demo.log" 2>/dev/null && break; sleep 0.1; done

# Sign in as the demo's finance clerk through the sign-in form.
JAR="$DATA/cookies"
PAGE=$(curl -sf -c "$JAR" -b "$JAR" "$BASE/")
CSRF=$(printf '%s' "$PAGE" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | grep -o '[0-9a-f]\{64\}')
curl -sf -o /dev/null -c "$JAR" -b "$JAR" -H "Origin: $BASE" --data-urlencode "csrf=$CSRF" \
    --data-urlencode "email=finance@demo-shop.cn" --data-urlencode "password=kefu-demo-2026" "$BASE/sign-in"
SESSION=$(awk '$6 == "kefu_session" { print $7 }' "$JAR")
# The demo's months end with the last November that is over.
YEAR=$(date +%Y); [ "$(date +%m)" = 12 ] || YEAR=$((YEAR - 1)); LAST_NOVEMBER=$YEAR-11

for path in "/contracts/1/months/$LAST_NOVEMBER" /invoices/3 /home /contracts/1 /contracts/1/dashboard; do
    STATUS=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: kefu_session=$SESSION" "$BASE$path")
    echo "== GET $path ($STATUS), $CONNECTIONS connections, ${SECONDS_PER_RUN}s"
    wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency -H "Cookie: kefu_session=$SESSION" "$BASE$path" \
        | grep -E 'Requests/sec|Latency|50%|99%|Non-2xx'
done
echo "== server resident memory after load: $(ps -o rss= -p "$(pgrep -f "target/release/kefu demo" | head -1)") KB"
