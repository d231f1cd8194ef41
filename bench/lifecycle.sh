#!/usr/bin/env bash
# Life-cycle benchmark: `make bench` runs `bash bench/lifecycle.sh build/ordo` after the intake
# benchmark.
#
# On a fresh store (one warehouse, three SKUs) it places BENCH_LIFECYCLE_ORDERS orders and takes
# them through every step of their life, one step at a time for all of them (wrk with
# bench/lifecycle.lua, automatic review on): create, pay (automatic review approves a clean
# order), review (the orders it queued), pick, verify (the packing desk's scan), pack, ship,
# deliver, complete. For each step it
# prints the rate, p50/p99 latency and the writer thread's CPU per step, then the completed
# orders/s of the whole life cycle (each order's steps one after another on the one writer:
# 1 / Σ 1/rate) and the bytes the store takes per order. Then it copies the completed orders
# with their history (bench/preload.py) until the store holds BENCH_LARGE_ORDERS orders, runs
# the same life cycle again, and looks orders up by number and by phone; the empty and the large
# store are printed side by side. Exits non-zero on any error.
#
# Environment overrides: BENCH_THREADS (2), BENCH_CONNECTIONS (64), BENCH_LIFECYCLE_ORDERS
# (20000), BENCH_STEP_DURATION (wrk's limit per step, 60s), BENCH_LARGE_ORDERS (1000000; 0
# skips the large store), BENCH_LOOKUP_DURATION (10s), BENCH_LOOKUP_CONNECTIONS (4),
# BENCH_KEEP=1 keeps the data and logs.
set -euo pipefail

BIN=${1:?usage: bash bench/lifecycle.sh PATH/TO/ordo}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
THREADS=${BENCH_THREADS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
ORDERS=${BENCH_LIFECYCLE_ORDERS:-20000}
STEP_DURATION=${BENCH_STEP_DURATION:-60s}
LARGE=${BENCH_LARGE_ORDERS:-1000000}
LOOKUP_DURATION=${BENCH_LOOKUP_DURATION:-10s}
LOOKUP_CONNECTIONS=${BENCH_LOOKUP_CONNECTIONS:-4}  # people looking orders up, not a flood
SKUS="BENCH-TEA:6600:1,BENCH-CUP:1250:2,BENCH-NOTE:990:1"
STEPS=(create payments review pick verify pack ship deliver complete)

[[ -x $BIN ]] || { echo "bench: $BIN is not an executable (run make build)" >&2; exit 2; }
for tool in wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is not installed (make deps)" >&2; exit 2; }
done

# shellcheck source=bench/lib.sh
source "$HERE/lib.sh"
declare -A FIGURE  # "store:step:name" -> value

# run_step STORE STEP INPUT: one step for every order of INPUT (a file of order numbers; the
# count for create); the orders it moved, "order_no status" a line, go to $WORK/STORE-STEP.out.
run_step() {
  local store=$1 step=$2 input=$3 out=$WORK/$1-$2.out before after
  before=$(thread_cpu_ticks ordo-writer)
  rm -f "$out".done.*
  ORDO_TOKEN=$TOKEN ORDO_STEP=$step ORDO_INPUT=$input ORDO_COUNT=$input ORDO_OUTPUT=$out \
    ORDO_THREADS=$THREADS ORDO_BENCH_SKUS=$SKUS ORDO_BENCH_RUN="$store$(date +%s)" \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$STEP_DURATION" -s "$HERE/lifecycle.lua" "$BASE" \
    >"$WORK/$store-$step.wrk" &
  local wrk_pid=$!
  # wrk waits out its whole duration even when every thread has stopped: interrupt it then.
  while kill -0 "$wrk_pid" 2>/dev/null; do
    if (($(compgen -G "$out.done.*" | wc -l) >= THREADS)); then
      kill -INT "$wrk_pid" 2>/dev/null || true
      break
    fi
    sleep 0.1
  done
  wait "$wrk_pid" || fail "wrk ($store $step) failed"
  after=$(thread_cpu_ticks ordo-writer)
  local name
  for name in OK FAILED PER_S P50_MS P99_MS FIRST_ERROR; do
    FIGURE[$store:$step:$name]=$(sed -n "s/^BENCH_$name=//p" "$WORK/$store-$step.wrk" | tail -n 1)
  done
  FIGURE[$store:$step:WRITER_US]=$(per_order_us $((after - before)) "${FIGURE[$store:$step:OK]}")
  if ((FIGURE[$store:$step:FAILED] > 0)); then
    fail "$store $step: ${FIGURE[$store:$step:FAILED]} failed; first: ${FIGURE[$store:$step:FIRST_ERROR]}"
  fi
}

# orders_in STORE STEP STATUS: the order numbers STEP left in STATUS.
orders_in() {
  awk -v s="$3" '$2 == s { print $1 }' "$WORK/$1-$2.out"
}

# lifecycle STORE: every step for BENCH_LIFECYCLE_ORDERS new orders.
lifecycle() {
  local store=$1
  echo "bench: life cycle of $ORDERS orders on the $store store"
  run_step "$store" create "$ORDERS"
  awk '{ print $1 }' "$WORK/$store-create.out" >"$WORK/$store-created.txt"
  run_step "$store" payments "$WORK/$store-created.txt"
  orders_in "$store" payments pending_review >"$WORK/$store-queued.txt"
  orders_in "$store" payments awaiting_fulfillment >"$WORK/$store-approved.txt"
  if [[ -s $WORK/$store-queued.txt ]]; then
    run_step "$store" review "$WORK/$store-queued.txt"
    orders_in "$store" review awaiting_fulfillment >>"$WORK/$store-approved.txt"
  fi
  local step previous=approved
  for step in pick verify pack ship deliver complete; do
    if [[ $step != pick ]]; then
      awk '{ print $1 }' "$WORK/$store-$previous.out" >"$WORK/$store-$previous.txt"
    fi
    run_step "$store" "$step" "$WORK/$store-$previous.txt"
    previous=$step
  done
  local completed
  completed=$(orders_in "$store" complete completed | wc -l)
  ((completed == ORDERS)) || fail "$store: $completed of $ORDERS orders completed their life cycle"
  FIGURE[$store:completed]=$completed
  # Each order's steps one after another on the one writer: 1 / Σ (share of orders / rate).
  local args=() s
  for s in "${STEPS[@]}"; do
    args+=("${FIGURE[$store:$s:OK]:-0}" "${FIGURE[$store:$s:PER_S]:-0}" \
           "${FIGURE[$store:$s:WRITER_US]:-0}")
  done
  read -r FIGURE[$store:per_s] FIGURE[$store:writer_us] < <(awk -v n="$ORDERS" 'BEGIN {
    for (i = 1; i < ARGC; i += 3) {
      if (ARGV[i] > 0 && ARGV[i + 1] > 0) { t += ARGV[i] / n / ARGV[i + 1]; w += ARGV[i] / n * ARGV[i + 2] }
    }
    printf "%.0f %.0f\n", (t > 0 ? 1 / t : 0), w }' "${args[@]}")
}

# lookups STORE: GET one order by number and search by phone, for orders of the store.
lookups() {
  local store=$1 kind
  python3 - "$DATA/ordo.db" "$WORK" <<'EOF'
import random, sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
numbers = [n for (n,) in db.execute("SELECT order_no FROM orders ORDER BY random() LIMIT 5000")]
# Phones of the orders the benchmark placed through the API: 139 and the order's sequence.
ext = [e for (e,) in db.execute("SELECT external_id FROM orders WHERE external_id NOT LIKE '%-p%' "
                                "AND channel = 'bench' ORDER BY random() LIMIT 5000")]
with open(f"{sys.argv[2]}/by-number.txt", "w") as out:
    out.writelines(f"/api/v1/orders/{n}\n" for n in numbers)
with open(f"{sys.argv[2]}/by-phone.txt", "w") as out:
    for e in ext:
        thread, n = e.rsplit("-", 2)[1:]
        out.write(f"/api/v1/orders?phone=139{(int(thread) * 100000000 + int(n)) % 100000000:08d}\n")
EOF
  for kind in by-number by-phone; do
    ORDO_TOKEN=$TOKEN ORDO_INPUT=$WORK/$kind.txt \
      wrk -t"$THREADS" -c"$LOOKUP_CONNECTIONS" -d"$LOOKUP_DURATION" -s "$HERE/lookups.lua" "$BASE" \
      >"$WORK/$store-$kind.wrk" || fail "wrk ($store lookups $kind) failed"
    local name
    for name in OK FAILED PER_S P50_MS P99_MS; do
      FIGURE[$store:$kind:$name]=$(sed -n "s/^BENCH_$name=//p" "$WORK/$store-$kind.wrk" | tail -n 1)
    done
    ((FIGURE[$store:$kind:FAILED] == 0)) || fail "$store lookups $kind: ${FIGURE[$store:$kind:FAILED]} failed"
  done
}

# bytes_per_order STORE: the database's used pages over its orders, with the largest tables.
bytes_per_order() {
  stop_server || fail "$STOP_ERROR"
  python3 - "$DATA/ordo.db" >"$WORK/$1-bytes.txt" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
page = db.execute("PRAGMA page_size").fetchone()[0]
used = (db.execute("PRAGMA page_count").fetchone()[0]
        - db.execute("PRAGMA freelist_count").fetchone()[0]) * page
orders = db.execute("SELECT count(*) FROM orders").fetchone()[0]
print(f"{used / orders:.0f}")
rows = db.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT 8")
print(" ".join(f"{name}={size / orders:.0f}" for name, size in rows))
EOF
  FIGURE[$1:bytes]=$(sed -n 1p "$WORK/$1-bytes.txt")
  FIGURE[$1:tables]=$(sed -n 2p "$WORK/$1-bytes.txt")
}

# --- empty store --------------------------------------------------------------------------
start_server
TOKEN=$("$BIN" token create --data "$DATA" --role admin --name bench) \
  || fail "ordo token create failed"
seed_catalogue "$SKUS"
echo "bench: server $BIN on $BASE (data $DATA)"
lifecycle empty
lookups empty
bytes_per_order empty

# --- large store --------------------------------------------------------------------------
stores=(empty)
if ((LARGE > 0)); then
  echo "bench: preloading the store with copies of the completed orders up to $LARGE orders"
  preload_start=$(date +%s)
  FIGURE[large:orders]=$(python3 "$HERE/preload.py" "$DATA/ordo.db" "$LARGE") \
    || fail "preload failed"
  echo "bench: $((FIGURE[large:orders])) orders stored in $(($(date +%s) - preload_start)) s"
  start_server
  lifecycle large
  lookups large
  bytes_per_order large
  stores+=(large)
fi

# --- summary ------------------------------------------------------------------------------
echo
echo "=== Ordo life-cycle benchmark ($THREADS threads, $CONNECTIONS connections," \
     "$ORDERS orders a store; automatic review on; lookups over $LOOKUP_CONNECTIONS connections) ==="
printf '%-10s' "step"
for store in "${stores[@]}"; do
  printf ' | %-39s' "$store store: per s, p50 ms, p99 ms, writer us"
done
echo
for step in "${STEPS[@]}" by-number by-phone; do
  [[ -n ${FIGURE[empty:$step:OK]:-} ]] || continue
  printf '%-10s' "$step"
  for store in "${stores[@]}"; do
    printf ' | %9s %9s %9s %9s' "${FIGURE[$store:$step:PER_S]:--}" \
      "${FIGURE[$store:$step:P50_MS]:--}" "${FIGURE[$store:$step:P99_MS]:--}" \
      "${FIGURE[$store:$step:WRITER_US]:--}"
  done
  echo
done
for store in "${stores[@]}"; do
  printf '%-6s store: %s completed orders/s (life cycle), writer %s us per order, %s bytes per order\n' \
    "$store" "${FIGURE[$store:per_s]}" "${FIGURE[$store:writer_us]}" "${FIGURE[$store:bytes]}"
  printf '        bytes per order by table and index: %s\n' "${FIGURE[$store:tables]}"
done
if ((LARGE > 0)); then
  echo "large store: ${FIGURE[large:orders]} orders"
fi
echo "bench: OK"
