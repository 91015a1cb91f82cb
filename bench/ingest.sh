#!/usr/bin/env bash
# CSV ingestion over HTTP: ROWS daily KPI rows (default 1,000,000) for 200
# signed contracts, uploaded in one POST /api/v1/kpi/imports. Reports the
# upload's time and rows per second, the server's peak resident memory, the
# same upload sent again (every row unchanged), and a yardstick loading the
# same file with the database's own shell in the same run:
#
# - embedded SQLite (the default): the sqlite3 shell, `.import` into a plain
#   table, then INSERT … SELECT into a table of the same shape and key;
# - PostgreSQL, when DATABASE_URL is a postgres:// URL: the server runs on a
#   fresh database made beside the one named (and dropped at the end); psql
#   `\copy`s the file into a temporary table, then runs the merge kefu runs
#   (revisions kept, then the upsert) into a copy of kpi_rows with the same
#   key, checks and composite foreign key to contracts.
#
#   bench/ingest.sh [rows]        (needs curl, python3, and the sqlite3 shell or psql)
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-1000000}
CONTRACTS=200
PORT=${KEFU_BENCH_PORT:-18081}
BASE="http://127.0.0.1:$PORT"

cargo build --release --quiet
DATA=$(mktemp -d)
PG=
case "${DATABASE_URL:-}" in
postgres://* | postgresql://*)
    PG_ADMIN=$DATABASE_URL
    PG_NAME=kefu_ingest_$$
    PG=${DATABASE_URL%/*}/$PG_NAME
    psql -q "$PG_ADMIN" -c "CREATE DATABASE $PG_NAME" >/dev/null
    ;;
esac
if [ -n "$PG" ]; then
    DATABASE_URL=$PG KEFU_LISTEN=127.0.0.1:$PORT KEFU_DATA_DIR=$DATA RUST_LOG=warn target/release/kefu serve &
else
    (unset DATABASE_URL; KEFU_LISTEN=127.0.0.1:$PORT KEFU_DATA_DIR=$DATA RUST_LOG=warn exec target/release/kefu serve) &
fi
SERVER=$!
trap 'set +e; kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$DATA"; [ -z "$PG" ] || psql -q "$PG_ADMIN" -c "DROP DATABASE IF EXISTS $PG_NAME" >/dev/null' EXIT
for _ in $(seq 50); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.1; done

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
post() { curl -sf "$BASE$1" -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' -d "$2"; }
TOKEN=$(curl -sf "$BASE/api/v1/signup" -H 'content-type: application/json' \
    -d '{"company_name":"压测商家","display_name":"压测","email":"ingest@example.cn","password":"load test password"}' \
    | json '["token"]["access_token"]')
VENDOR=$(post /api/v1/vendors '{"legal_name":"压测外包公司","credit_code":"91310115MA1K3Y1X2W","billing_email":"b@example.cn","bank":{"bank_name":"招商银行","account_name":"压测外包公司","account_number":"6225880112345678"}}' | json '["id"]')
curl -sf -X PATCH "$BASE/api/v1/vendors/$VENDOR" -H "authorization: Bearer $TOKEN" \
    -H 'content-type: application/json' -d '{"status":"active"}' >/dev/null
SHOP=$(post /api/v1/shops '{"platform":"tmall","name":"压测旗舰店"}' | json '["id"]')
echo "== creating $CONTRACTS signed contracts"
for i in $(seq -w 1 $CONTRACTS); do
    ID=$(post /api/v1/contracts "{\"number\":\"B-$i\",\"title\":\"压测合同\",\"vendor_id\":$VENDOR,\"shop_ids\":[$SHOP],\"start\":\"2024-01-01\",\"end\":\"2027-12-31\"}" | json '["id"]')
    post "/api/v1/contracts/$ID/charges" '{"kind":"fixed","name":"管理费","amount":"2000.00"}' >/dev/null
    post "/api/v1/contracts/$ID/activate" '{}' >/dev/null
done

FILE=$DATA/feed.csv
python3 - "$ROWS" "$CONTRACTS" "$FILE" <<'PY'
import datetime, random, sys
rows, contracts, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
metrics = [("consultations", 1), ("tickets", 1), ("complaints", 1), ("first_response_time", 0),
           ("average_handle_time", 0), ("conversion_rate", 0), ("csat", 0), ("fcr", 0),
           ("service_level", 0), ("qa_score", 0)]
days = -(-rows // (contracts * len(metrics)))
first = datetime.date(2024, 1, 1)
random.seed(7)
written = 0
with open(path, "w") as out:
    out.write("contract,metric,day,numerator,denominator\n")
    for c in range(1, contracts + 1):
        for d in range(days):
            day = (first + datetime.timedelta(days=d)).isoformat()
            for name, total in metrics:
                if written == rows:
                    break
                if total:
                    out.write(f"B-{c:03d},{name},{day},{random.randint(0, 5000)},1\n")
                else:
                    den = random.randint(100, 2000)
                    out.write(f"B-{c:03d},{name},{day},{random.randint(0, den)},{den}\n")
                written += 1
PY
echo "== upload: $(wc -l < "$FILE") lines, $(du -h "$FILE" | cut -f1)"
upload() {
    curl -s -o "$DATA/answer.json" -w '%{http_code} %{time_total}\n' "$BASE/api/v1/kpi/imports" \
        -H "authorization: Bearer $TOKEN" -H 'content-type: text/csv' --data-binary "@$FILE"
}
read -r CODE TIME < <(upload)
echo "   HTTP $CODE in ${TIME}s: $(python3 -c "print(f'{$ROWS / $TIME:,.0f}')") rows/s; $(cat "$DATA/answer.json")"
echo "   server peak resident memory: $(grep VmHWM /proc/$SERVER/status | awk '{print $2}') KB"
read -r CODE TIME < <(upload)
echo "== the same upload again: HTTP $CODE in ${TIME}s; $(cat "$DATA/answer.json")"
echo "   server peak resident memory: $(grep VmHWM /proc/$SERVER/status | awk '{print $2}') KB"

if [ -n "$PG" ]; then
    echo "== yardstick: psql, same file, \\copy into a temporary table, then kefu's merge into a copy of kpi_rows"
    TENANT=$(psql -qAt "$PG" -c "SELECT tenant_id FROM contracts WHERE number = 'B-001'")
    psql -q "$PG" <<'SQL' >/dev/null
CREATE SCHEMA yardstick;
CREATE TABLE yardstick.kpi_rows (LIKE public.kpi_rows INCLUDING ALL);
ALTER TABLE yardstick.kpi_rows ADD FOREIGN KEY (tenant_id, contract_id) REFERENCES public.contracts (tenant_id, id);
CREATE TABLE yardstick.kpi_revisions (LIKE public.kpi_revisions INCLUDING ALL);
SQL
    # One session: the temporary table lives in it; \timing gives each step's time.
    psql -q -v ON_ERROR_STOP=1 "$PG" >"$DATA/yardstick.log" <<SQL
CREATE TEMPORARY TABLE feed (contract TEXT, metric TEXT, day DATE, numerator BIGINT, denominator BIGINT);
\\timing on
\\copy feed FROM '$FILE' WITH (FORMAT csv, HEADER true)
INSERT INTO yardstick.kpi_revisions (tenant_id, contract_id, day, metric, source, revision,
    numerator, denominator, recorded_by, recorded_by_key, recorded_at, replaced_by, replaced_by_key, replaced_at)
SELECT k.tenant_id, k.contract_id, k.day, k.metric, k.source, k.revision, k.numerator, k.denominator,
    k.recorded_by, k.recorded_by_key, k.recorded_at, 1, NULL, now()
FROM feed f JOIN public.contracts c ON c.tenant_id = $TENANT AND c.number = f.contract
JOIN yardstick.kpi_rows k ON k.tenant_id = $TENANT
    AND k.month = CAST(to_char(f.day, 'YYYYMM') AS INTEGER) AND k.contract_id = c.id
    AND k.day = f.day AND k.metric = f.metric AND k.source = 'merchant'
WHERE k.numerator <> f.numerator OR k.denominator <> f.denominator;
INSERT INTO yardstick.kpi_rows (tenant_id, month, contract_id, day, metric, source, numerator,
    denominator, revision, recorded_by, recorded_by_key, recorded_at)
SELECT $TENANT, CAST(to_char(f.day, 'YYYYMM') AS INTEGER), c.id, f.day, f.metric, 'merchant',
    f.numerator, f.denominator, 1, 1, NULL, now()
FROM feed f JOIN public.contracts c ON c.tenant_id = $TENANT AND c.number = f.contract
ON CONFLICT (tenant_id, month, contract_id, day, metric, source) DO UPDATE SET
    numerator = excluded.numerator, denominator = excluded.denominator,
    revision = kpi_rows.revision + 1, recorded_by = excluded.recorded_by,
    recorded_by_key = excluded.recorded_by_key, recorded_at = excluded.recorded_at
WHERE kpi_rows.numerator <> excluded.numerator OR kpi_rows.denominator <> excluded.denominator;
SQL
    python3 - "$DATA/yardstick.log" "$ROWS" <<'PY'
import re, sys
copy, keep, upsert = (float(t) / 1000 for t in re.findall(r"Time: ([0-9.]+) ms", open(sys.argv[1]).read()))
total = copy + keep + upsert
print(f"   \\copy {copy:.2f}s + revisions {keep:.2f}s + upsert {upsert:.2f}s = {total:.2f}s "
      f"({int(sys.argv[2]) / total:,.0f} rows/s)")
PY
    exit 0
fi

echo "== yardstick: the sqlite3 shell, same file, same table shape"
YARD=$DATA/yardstick.db
sqlite3 "$YARD" <<SQL >/dev/null
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
CREATE TABLE kpi_rows (
    tenant_id BIGINT NOT NULL, month INTEGER NOT NULL, contract_id BIGINT NOT NULL, day DATE NOT NULL,
    metric TEXT NOT NULL, source TEXT NOT NULL, numerator BIGINT NOT NULL, denominator BIGINT NOT NULL,
    revision INTEGER NOT NULL, recorded_by BIGINT, recorded_by_key BIGINT, recorded_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, month, contract_id, day, metric, source)
) WITHOUT ROWID;
CREATE TABLE feed (contract TEXT, metric TEXT, day TEXT, numerator INTEGER, denominator INTEGER);
SQL
START=$(date +%s.%N)
sqlite3 "$YARD" ".import --csv --skip 1 $FILE feed"
MID=$(date +%s.%N)
sqlite3 "$YARD" "PRAGMA synchronous = FULL; INSERT INTO kpi_rows SELECT 1, CAST(substr(day, 1, 4) || substr(day, 6, 2) AS INTEGER), CAST(substr(contract, 3) AS INTEGER), day, metric, 'merchant', numerator, denominator, 1, 1, NULL, '2026-11-23 00:00:00' FROM feed;"
END=$(date +%s.%N)
python3 -c "i, s = $MID - $START, $END - $MID; print(f'   .import {i:.2f}s + INSERT … SELECT {s:.2f}s = {i + s:.2f}s ({$ROWS / (i + s):,.0f} rows/s)')"
