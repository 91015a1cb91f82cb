#!/usr/bin/env bash
# The server's memory under concurrent load: CONNECTIONS clients (default 16)
# for SECONDS (default 60) fetching, in turn, invoice PDFs, invoice workbooks,
# the period's export as CSV and Excel, a contract's month of KPI figures and
# its KPI rows day by day, with a bearer token, against a release build
# holding the demo's data (`kefu demo`) on embedded SQLite. Prints the
# server's resident memory idle before the load, its peak during the load,
# right after it and after some idle time, with its threads and its glibc
# malloc arenas (counted in /proc/PID/maps) at each point.
#
#   bench/memory.sh [seconds] [connections]      (needs wrk: apt-get install wrk)
#
# The server inherits the environment, so allocator settings can be tried
# without a rebuild, e.g. `MALLOC_ARENA_MAX=2 bench/memory.sh`.
# Everything runs on loopback; the demo's data goes to a fresh data directory,
# and the server is stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-60}
CONNECTIONS=${2:-16}
IDLE_AFTER=${KEFU_BENCH_IDLE:-15}
PORT=${KEFU_BENCH_PORT:-18300}
BASE="http://127.0.0.1:$PORT"

cargo build --release --quiet
DATA=$(mktemp -d)
SERVER=
SAMPLER=
trap 'set +e; kill $SAMPLER $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$DATA"' EXIT
# The demo's data first, made by `kefu demo` and left in $DATA/data; then a
# fresh `kefu serve` on it, so that its idle memory is the server's own, not
# what seeding left behind. `exec`, so that $! is the server itself.
(cd "$DATA" && KEFU_LISTEN=127.0.0.1:$PORT RUST_LOG=warn exec "$OLDPWD/target/release/kefu" demo >demo.log 2>&1) &
SERVER=$!
for _ in $(seq 600); do grep -q "to sign in" "$DATA/demo.log" 2>/dev/null && break; sleep 0.1; done
grep -q "to sign in" "$DATA/demo.log" || { cat "$DATA/demo.log"; exit 1; }
kill $SERVER; wait $SERVER 2>/dev/null || true
(cd "$DATA" && KEFU_LISTEN=127.0.0.1:$PORT RUST_LOG=warn exec "$OLDPWD/target/release/kefu" serve >serve.log 2>&1) &
SERVER=$!
for _ in $(seq 100); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.1; done

# Resident memory, threads, and glibc's arenas: each arena other than the main
# one is an anonymous, 64 MiB-aligned reservation of 64 MiB (HEAP_MAX_SIZE),
# partly read-write and the rest `---p`; its resident part is counted too.
state() {
    python3 - "$SERVER" "$1" <<'PY'
import sys
pid, label = sys.argv[1], sys.argv[2]
status = dict(l.split(":", 1) for l in open(f"/proc/{pid}/status"))
kb = lambda k: int(status[k].split()[0])
arenas, arena_rss, start, size, rss = 0, 0, None, 0, 0
heap = 64 << 20
def close():
    global arenas, arena_rss
    if start is not None and size == heap:
        arenas += 1
        arena_rss += rss
for line in open(f"/proc/{pid}/smaps"):
    head = line.split()
    if "-" in head[0] and len(head) >= 5 and ":" not in head[0]:
        lo, hi = (int(x, 16) for x in head[0].split("-"))
        anonymous = len(head) == 5
        if anonymous and lo % heap == 0:
            close()
            start, size, rss = lo, hi - lo, 0
        elif anonymous and start is not None and lo == start + size:
            size += hi - lo
        else:
            close()
            start = None
    elif head[0] == "Rss:" and start is not None:
        rss += int(head[1])
close()
print(f"   {label:<24} RSS {kb('VmRSS') / 1024:6.1f} MB (anonymous {kb('RssAnon') / 1024:6.1f})  "
      f"peak (VmHWM) {kb('VmHWM') / 1024:6.1f} MB  "
      f"threads {kb('Threads'):4}  arenas {arenas + 1:3} (besides the main one: {arenas}, "
      f"{arena_rss / 1024:.1f} MB resident)")
PY
}

TOKEN=$(curl -sf "$BASE/api/v1/auth/login" -H 'content-type: application/json' \
    -d '{"email":"finance@demo-shop.cn","password":"kefu-demo-2026"}' \
    | python3 -c "import json,sys; print(json.load(sys.stdin)['access_token'])")
# The demo's months end with the last November that is over.
YEAR=$(date +%Y); [ "$(date +%m)" = 12 ] || YEAR=$((YEAR - 1)); NOVEMBER=$YEAR-11; OCTOBER=$YEAR-10
PATHS=(
    /api/v1/invoices/1.pdf /api/v1/invoices/2.pdf /api/v1/invoices/3.pdf
    /api/v1/invoices/3.xlsx
    "/api/v1/invoices/export?period=$OCTOBER&format=csv"
    "/api/v1/invoices/export?period=$NOVEMBER&format=xlsx"
    "/api/v1/contracts/1/kpi?period=$NOVEMBER"
    "/api/v1/contracts/1/kpi/days?period=$OCTOBER"
)
echo "== each path once"
for path in "${PATHS[@]}"; do
    curl -s -o /dev/null -w "   %{http_code} %{size_download} bytes  $path\n" -H "Authorization: Bearer $TOKEN" "$BASE$path"
done
SCRIPT=$DATA/paths.lua
{
    echo "local paths = {"
    for path in "${PATHS[@]}"; do echo "  \"$path\","; done
    echo "}"
    echo 'local i = 0'
    echo 'request = function() i = i + 1; return wrk.format("GET", paths[i % #paths + 1]) end'
} >"$SCRIPT"

sleep 2
echo "== the server (MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-unset}, MALLOC_TRIM_THRESHOLD_=${MALLOC_TRIM_THRESHOLD_:-unset})"
state "idle, before the load"
# The peak of the load alone: reset VmHWM to the current RSS (Linux 4.0+).
echo 5 >"/proc/$SERVER/clear_refs"
# The most threads and arenas seen during the load, sampled every second.
(while sleep 1; do state "during"; done >"$DATA/during" 2>/dev/null) &
SAMPLER=$!
echo "== GET ${#PATHS[@]} paths in turn, $CONNECTIONS connections, ${SECONDS_PER_RUN}s"
wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency -s "$SCRIPT" -H "Authorization: Bearer $TOKEN" "$BASE" \
    | grep -E 'Requests/sec|Latency|50%|99%|Non-2xx|requests in'
kill $SAMPLER 2>/dev/null; wait $SAMPLER 2>/dev/null || true; SAMPLER=
state "right after the load"
python3 - "$DATA/during" <<'PY'
import re, sys
rows = [l for l in open(sys.argv[1]) if "threads" in l]
most = lambda key: max(int(re.search(key + r" +(\d+)", l).group(1)) for l in rows) if rows else 0
print(f"   {'most during the load':<24} threads {most('threads')}, arenas {most('arenas')}")
PY
sleep "$IDLE_AFTER"
state "after ${IDLE_AFTER}s idle"
