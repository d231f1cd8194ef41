# Shared by the benchmark scripts (bench/run.sh, bench/lifecycle.sh): a server on a fresh
# temporary data directory, the API with curl, and the server's CPU time per thread.
# The sourcing script sets BIN and may set BENCH_KEEP=1 to keep the data and logs.

WORK=$(mktemp -d -t ordo-bench.XXXXXX)
DATA=$WORK/data
SERVER_PID=""
TICK_HZ=$(getconf CLK_TCK)

cleanup() {
  if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [[ -n ${BENCH_KEEP:-} ]]; then
    echo "bench: kept $WORK"
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT

fail() {
  echo "bench: FAILED: $*" >&2
  if [[ -f $WORK/server.log ]]; then
    echo "--- server log (last 40 lines) ---" >&2
    tail -n 40 "$WORK/server.log" >&2 || true
  fi
  exit 1
}

# start_server: starts `ordo serve` on $DATA, port 0; sets SERVER_PID and BASE. The daily backup
# is off, so that the figures are intake's alone (bench/backup.sh measures intake beside backups).
# Ends a benchmark: each problem in the array `errors` on stderr and a failure, or "bench: OK".
finish() {
  if ((${#errors[@]} > 0)); then
    for e in "${errors[@]}"; do
      echo "bench: ERROR: $e" >&2
    done
    fail "${#errors[@]} problem(s)"
  fi
  echo "bench: OK"
}

start_server() {
  "$BIN" serve --data "$DATA" --listen 127.0.0.1:0 --no-backup-schedule \
    >"$WORK/stdout" 2>>"$WORK/server.log" &
  SERVER_PID=$!
  local port=""
  for _ in $(seq 1 600); do  # up to 60 s (a large store opens more slowly)
    port=$(sed -n 's#^ordo: listening on http://127\.0\.0\.1:\([0-9][0-9]*\)[[:space:]]*$#\1#p' \
             "$WORK/stdout" | head -n 1)
    [[ -n $port ]] && break
    kill -0 "$SERVER_PID" 2>/dev/null || fail "ordo serve exited before it was ready"
    sleep 0.1
  done
  [[ -n $port ]] || fail "ordo serve did not print its ready line within 60 s"
  BASE="http://127.0.0.1:$port"
}

# stop_server: SIGTERM and wait; returns 0 on a clean exit, else 1 with the reason in STOP_ERROR.
stop_server() {
  kill -TERM "$SERVER_PID"
  local rc=""
  for _ in $(seq 1 300); do  # up to 30 s
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      rc=0
      wait "$SERVER_PID" || rc=$?
      break
    fi
    sleep 0.1
  done
  local pid=$SERVER_PID
  SERVER_PID=""
  if [[ -z $rc ]]; then
    kill -KILL "$pid" 2>/dev/null || true
    STOP_ERROR="ordo serve did not stop within 30 s of SIGTERM"
    return 1
  elif ((rc != 0)); then
    STOP_ERROR="ordo serve exited with code $rc after SIGTERM"
    return 1
  fi
}

# api METHOD PATH [BODY] EXPECTED_STATUS: prints the response body; fails on another status.
# IF_MATCH=etag in its environment sends it as If-Match.
api() {
  local method=$1 path=$2 body=${3:-} want=${4:-200} out status
  local -a extra=()
  [[ -n ${IF_MATCH:-} ]] && extra=(-H "If-Match: $IF_MATCH")
  out=$WORK/response.json
  if [[ -n $body ]]; then
    status=$(curl -sS -o "$out" -w '%{http_code}' -X "$method" "$BASE$path" \
               -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
               "${extra[@]}" --data-binary "$body") || fail "$method $path: curl failed"
  else
    status=$(curl -sS -o "$out" -w '%{http_code}' -X "$method" "$BASE$path" \
               -H "Authorization: Bearer $TOKEN") || fail "$method $path: curl failed"
  fi
  [[ $status == "$want" ]] || fail "$method $path -> $status (expected $want): $(head -c 1000 "$out")"
  cat "$out"
}

json_field() {  # json_field FIELD < json
  python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"
}

# seed_catalogue SKUS: a warehouse BENCH-WH and the SKUs ("CODE:price:qty,…") with 100,000,000
# units each, 300 g a unit.
seed_catalogue() {
  local entry code price etag
  # The stock arrives in one receipt per SKU, far above the quantity a second person must
  # approve: raise that threshold for this run (settings change only with their ETag).
  etag=$(curl -sS -D - -o /dev/null -H "Authorization: Bearer $TOKEN" \
           "$BASE/api/v1/settings" | sed -n 's/^[Ee][Tt][Aa][Gg]: *\([^[:space:]]*\).*$/\1/p')
  [[ -n $etag ]] || fail "GET /api/v1/settings gave no ETag"
  IF_MATCH=$etag api PATCH /api/v1/settings '{"receipt_approval_quantity": 1000000000}' \
    200 >/dev/null
  api POST /api/v1/warehouses '{"code":"BENCH-WH","name":"压测仓","address":{"province":"上海市","city":"上海市","district":"嘉定区","detail":"墨玉路185号 3号楼"}}' 201 >/dev/null
  IFS=, read -r -a SKU_LIST <<<"$1"
  for entry in "${SKU_LIST[@]}"; do
    IFS=: read -r code price _ <<<"$entry"
    api POST /api/v1/skus "{\"sku\":\"$code\",\"name\":\"压测商品 $code\",\"spec\":\"标准\",\"price_amount\":$price,\"weight_g\":300,\"step_quantity\":1,\"min_quantity\":1,\"sellable\":true}" 201 >/dev/null
    api POST /api/v1/stock/receipts "{\"warehouse\":\"BENCH-WH\",\"sku\":\"$code\",\"quantity\":100000000,\"reason\":\"benchmark stock\"}" 201 >/dev/null
  done
}

# thread_cpu_ticks [NAME]: CPU clock ticks (user + system) used so far by the server, or by its
# threads called NAME. Per-order CPU is steadier than orders/s on a shared machine.
thread_cpu_ticks() {
  local total=0 task comm stat fields
  for task in /proc/"$SERVER_PID"/task/*; do
    comm=$(cat "$task/comm" 2>/dev/null) || continue
    [[ -z ${1:-} || $comm == "$1" ]] || continue
    stat=$(cat "$task/stat" 2>/dev/null) || continue
    read -r -a fields <<<"${stat##*) }"
    total=$((total + fields[11] + fields[12]))
  done
  echo "$total"
}

per_order_us() {  # per_order_us TICKS ORDERS
  awk -v t="$1" -v n="$2" -v hz="$TICK_HZ" 'BEGIN { if (n > 0) printf "%.0f", t * 1e6 / hz / n; else print "n/a" }'
}
