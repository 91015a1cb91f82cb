#!/usr/bin/env bash
# Load test of authenticated JSON reads: GET /api/v1/me and GET /api/v1/vendors/{id},
# each a token check plus database reads, against a release build on embedded SQLite.
#
#   bench/load.sh [seconds] [connections]      (needs wrk: apt-get install wrk)
#
# Everything runs on loopback; the server gets a fresh data directory and is stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-10}
CONNECTIONS=${2:-64}
PORT=${KEFU_BENCH_PORT:-18080}
BASE="http://127.0.0.1:$PORT"

cargo build --release --quiet
DATA=$(mktemp -d)
KEFU_LISTEN=127.0.0.1:$PORT KEFU_DATA_DIR=$DATA RUST_LOG=warn target/release/kefu serve &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 50); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.1; done

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
TOKEN=$(curl -sf "$BASE/api/v1/signup" -H 'content-type: application/json' \
    -d '{"company_name":"压测商家","display_name":"压测","email":"load@example.cn","password":"load test password"}' \
    | json '["token"]["access_token"]')
VENDOR=$(curl -sf "$BASE/api/v1/vendors" -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \
    -d '{"legal_name":"压测外包公司","credit_code":"91310115MA1K3Y1X2W","billing_email":"b@example.cn"}' | json '["id"]')

for path in /api/v1/me "/api/v1/vendors/$VENDOR"; do
    echo "== GET $path, $CONNECTIONS connections, ${SECONDS_PER_RUN}s"
    wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency -H "Authorization: Bearer $TOKEN" "$BASE$path" \
        | grep -E 'Requests/sec|Latency|50%|99%|Non-2xx'
done
echo "== server resident memory after load: $(ps -o rss= -p $SERVER) KB"
