#!/usr/bin/env bash
# Order-intake benchmark: `make bench` runs `bash bench/run.sh build/ordo`.
#
# Starts `ordo serve` on a fresh temporary data directory (port 0), seeds an admin token, a
# warehouse and three SKUs with 100,000,000 units each, then drives POST /api/v1/orders with wrk
# (bench/orders.lua: 3-line orders, unique external ids) and GET /healthz as a reference. Prints
# a summary and checks through the API that every order wrk saw acknowledged is stored (the
# stock reserved for the first SKU, one unit per order, is at least the number of 2xx
# responses, and the other SKUs were reserved in step). Exits non-zero on any error.
#
# Environment overrides: BENCH_THREADS (2), BENCH_CONNECTIONS (64), BENCH_DURATION (15s),
# BENCH_HEALTHZ_DURATION (5s), BENCH_KEEP=1 keeps the data and logs. Besides orders/s it prints
# the server's CPU time per order, in all and on the writer thread: steadier than a rate when
# the machine is shared.
set -euo pipefail

BIN=${1:?usage: bash bench/run.sh PATH/TO/ordo}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
THREADS=${BENCH_THREADS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
DURATION=${BENCH_DURATION:-15s}
HEALTHZ_DURATION=${BENCH_HEALTHZ_DURATION:-5s}
STOCK=100000000
# SKU:price:quantity-per-order. The first SKU must be 1 per order (it counts the orders).
SKUS="BENCH-TEA:6600:1,BENCH-CUP:1250:2,BENCH-NOTE:990:1"

[[ -x $BIN ]] || { echo "bench: $BIN is not an executable (run make build)" >&2; exit 2; }
for tool in wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is not installed (make deps)" >&2; exit 2; }
done

# shellcheck source=bench/lib.sh
source "$HERE/lib.sh"

# --- start the server ---------------------------------------------------------------------
start_server
echo "bench: server $BIN on $BASE (data $DATA)"

TOKEN=$("$BIN" token create --data "$DATA" --role admin --name bench) \
  || fail "ordo token create failed"
[[ -n $TOKEN ]] || fail "ordo token create printed nothing"

# --- seed ---------------------------------------------------------------------------------
seed_catalogue "$SKUS"
FIRST_SKU=${SKU_LIST[0]%%:*}
echo "bench: seeded BENCH-WH and ${#SKU_LIST[@]} SKUs with $STOCK units each"

# --- orders -------------------------------------------------------------------------------
CPU_BEFORE=$(thread_cpu_ticks)
WRITER_BEFORE=$(thread_cpu_ticks ordo-writer)
echo "bench: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency POST /api/v1/orders"
ORDO_TOKEN=$TOKEN ORDO_BENCH_SKUS=$SKUS ORDO_BENCH_RUN="bench$(date +%s)" \
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$HERE/orders.lua" \
  "$BASE/api/v1/orders" | tee "$WORK/wrk-orders.txt" || fail "wrk (orders) failed"
CPU_AFTER=$(thread_cpu_ticks)
WRITER_AFTER=$(thread_cpu_ticks ordo-writer)

bench_value() {
  sed -n "s/^BENCH_$1=//p" "$WORK/wrk-orders.txt" | tail -n 1
}
ORDERS_PER_S=$(bench_value ORDERS_PER_S)
P50=$(bench_value P50_MS)
P99=$(bench_value P99_MS)
OK2XX=$(bench_value OK2XX)
NON2XX=$(bench_value NON2XX)
SOCKET_ERRORS=$(bench_value SOCKET_ERRORS)
FIRST_ERROR=$(bench_value FIRST_ERROR)
[[ -n $OK2XX && -n $NON2XX && -n $SOCKET_ERRORS ]] || fail "could not read wrk's summary"

# --- reference: healthz -------------------------------------------------------------------
echo "bench: wrk -t$THREADS -c$CONNECTIONS -d$HEALTHZ_DURATION --latency GET /healthz"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$HEALTHZ_DURATION" --latency "$BASE/healthz" \
  | tee "$WORK/wrk-healthz.txt" || fail "wrk (healthz) failed"
HEALTHZ_RPS=$(awk '/^Requests\/sec:/ {print $2}' "$WORK/wrk-healthz.txt")
HEALTHZ_NON2XX=$(awk -F: '/Non-2xx or 3xx responses/ {gsub(/ /, "", $2); print $2}' \
                   "$WORK/wrk-healthz.txt")
HEALTHZ_NON2XX=${HEALTHZ_NON2XX:-0}
[[ -n $HEALTHZ_RPS ]] || fail "could not read the healthz requests/s"

# --- verify what was stored ---------------------------------------------------------------
STOCK_JSON=$(api GET "/api/v1/stock/$FIRST_SKU")
RESERVED=$(json_field reserved <<<"$STOCK_JSON")
errors=()
if ((OK2XX == 0)); then
  errors+=("no order was accepted")
fi
if ((RESERVED < OK2XX)); then
  errors+=("only $RESERVED orders stored ($FIRST_SKU reserved) but wrk counted $OK2XX acknowledged")
fi
for entry in "${SKU_LIST[@]:1}"; do
  IFS=: read -r code _ qty <<<"$entry"
  got=$(api GET "/api/v1/stock/$code" | json_field reserved)
  if ((got != RESERVED * qty)); then
    errors+=("$code reserved $got, expected $((RESERVED * qty)) for $RESERVED orders")
  fi
done
if ((NON2XX > 0)); then
  errors+=("$NON2XX non-2xx responses to POST /api/v1/orders; first: $FIRST_ERROR")
fi
if ((SOCKET_ERRORS > 0)); then
  errors+=("$SOCKET_ERRORS socket errors/timeouts on orders ($(bench_value SOCKET_ERROR_DETAIL))")
fi
if ((HEALTHZ_NON2XX > 0)); then
  errors+=("$HEALTHZ_NON2XX non-2xx responses to GET /healthz")
fi

# --- stop ---------------------------------------------------------------------------------
if ! stop_server; then
  errors+=("$STOP_ERROR")
fi

# --- summary ------------------------------------------------------------------------------
CPU_PER_ORDER=$(per_order_us $((CPU_AFTER - CPU_BEFORE)) "$OK2XX")
WRITER_PER_ORDER=$(per_order_us $((WRITER_AFTER - WRITER_BEFORE)) "$OK2XX")
RATIO=$(awk -v a="$ORDERS_PER_S" -v b="$HEALTHZ_RPS" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "n/a" }')
echo
echo "=== Ordo order-intake benchmark ($THREADS threads, $CONNECTIONS connections, $DURATION) ==="
printf '%-28s %s\n' "orders/s (2xx)" "$ORDERS_PER_S"
printf '%-28s %s\n' "latency p50 (ms)" "$P50"
printf '%-28s %s\n' "latency p99 (ms)" "$P99"
printf '%-28s %s\n' "orders acknowledged (2xx)" "$OK2XX"
printf '%-28s %s\n' "orders stored" "$RESERVED"
printf '%-28s %s\n' "errors (non-2xx)" "$NON2XX"
printf '%-28s %s\n' "errors (socket/timeout)" "$SOCKET_ERRORS"
printf '%-28s %s\n' "server CPU per order (us)" "$CPU_PER_ORDER"
printf '%-28s %s\n' "writer CPU per order (us)" "$WRITER_PER_ORDER"
printf '%-28s %s\n' "healthz req/s" "$HEALTHZ_RPS"
printf '%-28s %s\n' "ratio orders/healthz" "$RATIO"

finish
