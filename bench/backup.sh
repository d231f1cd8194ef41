#!/usr/bin/env bash
# Intake while a backup runs (DAT-2: "a backup must not stall intake"):
#   bash bench/backup.sh build/ordo
# Starts `ordo serve` on a fresh data directory, fills it with orders for BENCH_FILL (20s), then
# drives POST /api/v1/orders with wrk (bench/orders.lua) twice for BENCH_DURATION (15s) each:
# once alone, once while `ordo backup` runs in a loop beside the server. Prints both rates,
# their ratio, the worst latency of each, and the backups' sizes and times; then restores the
# last backup and checks it. Exits non-zero on any error. BENCH_KEEP=1 keeps the data.
set -euo pipefail

BIN=${1:?usage: bash bench/backup.sh PATH/TO/ordo}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
THREADS=${BENCH_THREADS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
DURATION=${BENCH_DURATION:-15s}
FILL=${BENCH_FILL:-20s}
SKUS="BENCH-TEA:6600:1,BENCH-CUP:1250:2,BENCH-NOTE:990:1"
STOCK=100000000

# shellcheck source=bench/lib.sh
source "$HERE/lib.sh"

start_server
echo "bench: server $BIN on $BASE (data $DATA)"
TOKEN=$("$BIN" token create --data "$DATA" --role admin --name bench) || fail "token create"
seed_catalogue "$SKUS"

intake() {  # intake NAME DURATION: wrk on POST /api/v1/orders; prints orders/s and p99
  ORDO_TOKEN=$TOKEN ORDO_BENCH_SKUS=$SKUS ORDO_BENCH_RUN="$1$(date +%s%N)" \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --latency -s "$HERE/orders.lua" \
    "$BASE/api/v1/orders" >"$WORK/wrk-$1.txt" || fail "wrk ($1) failed"
  local non2xx
  non2xx=$(sed -n 's/^BENCH_NON2XX=//p' "$WORK/wrk-$1.txt" | tail -n 1)
  ((non2xx == 0)) || fail "$non2xx non-2xx answers in $1"
  echo "$(sed -n 's/^BENCH_ORDERS_PER_S=//p' "$WORK/wrk-$1.txt" | tail -n 1)" \
       "$(sed -n 's/^BENCH_P99_MS=//p' "$WORK/wrk-$1.txt" | tail -n 1)" \
       "$(sed -n 's/^BENCH_MAX_MS=//p' "$WORK/wrk-$1.txt" | tail -n 1)"
}

echo "bench: filling the store for $FILL"
intake fill "$FILL" >/dev/null
DB_BYTES=$(stat -c %s "$DATA/ordo.db")

read -r ALONE_RATE ALONE_P99 ALONE_MAX < <(intake alone "$DURATION")

# The backups run in a loop for as long as wrk does.
mkdir -p "$WORK/backups"
(
  n=0
  while [[ ! -f $WORK/stop ]]; do
    n=$((n + 1))
    start=$(date +%s%N)
    "$BIN" backup --data "$DATA" --to "$WORK/backups/b$n.ordo-backup" >/dev/null \
      2>>"$WORK/backup.log" || { echo "FAILED" >>"$WORK/backup-times"; exit 1; }
    echo "$(( ($(date +%s%N) - start) / 1000000 ))" >>"$WORK/backup-times"
  done
) &
LOOP=$!
read -r DURING_RATE DURING_P99 DURING_MAX < <(intake during "$DURATION")
touch "$WORK/stop"
wait "$LOOP" || fail "a backup failed: $(tail -n 3 "$WORK/backup.log")"
grep -q FAILED "$WORK/backup-times" && fail "a backup failed"
BACKUPS=$(wc -l <"$WORK/backup-times")
MEAN_MS=$(awk '{s += $1} END {printf "%.0f", s / NR}' "$WORK/backup-times")
LAST=$(ls -t "$WORK"/backups/*.ordo-backup | head -n 1)
BACKUP_BYTES=$(stat -c %s "$LAST")

stop_server || fail "$STOP_ERROR"
PII_KEY_FILE="$DATA/pii.key"
"$BIN" restore --from "$LAST" --data "$WORK/restored" --pii-key-file "$PII_KEY_FILE" \
  >"$WORK/restore.txt" || fail "the last backup does not restore: $(cat "$WORK/restore.txt")"

RATIO=$(awk -v a="$DURING_RATE" -v b="$ALONE_RATE" 'BEGIN { printf "%.3f", a / b }')
echo
echo "=== Ordo intake with and without a running backup ($THREADS threads, $CONNECTIONS connections, $DURATION each) ==="
printf '%-34s %s\n' "database before (bytes)" "$DB_BYTES"
printf '%-34s %s / p99 %s ms / max %s ms\n' "orders/s alone" "$ALONE_RATE" "$ALONE_P99" "$ALONE_MAX"
printf '%-34s %s / p99 %s ms / max %s ms\n' "orders/s while backups run" "$DURING_RATE" "$DURING_P99" "$DURING_MAX"
printf '%-34s %s\n' "ratio (during / alone)" "$RATIO"
printf '%-34s %s, %s ms each on average\n' "backups taken meanwhile" "$BACKUPS" "$MEAN_MS"
printf '%-34s %s\n' "last backup (bytes, compressed)" "$BACKUP_BYTES"
printf '%-34s %s\n' "restore of the last backup" "$(tail -n 1 "$WORK/restore.txt")"
