#!/usr/bin/env bash
# Order-import benchmark (`make bench`): `bash bench/imports.sh build/ordo`.
#
# Seeds a warehouse and three SKUs through a server on a fresh data directory, stops it, writes
# a Taobao order list of BENCH_IMPORT_ROWS (100,000) paid orders as the seller centre exports
# it (GB18030, Excel text guards, one address cell, amounts in yuan), and times `ordo import
# --format taobao` on it. Prints the rows per second and the command's peak memory, and checks
# that every row was accepted and its stock reserved. Exits non-zero on any error.
set -euo pipefail

BIN=${1:?usage: bash bench/imports.sh PATH/TO/ordo}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROWS=${BENCH_IMPORT_ROWS:-100000}
SKUS="BENCH-TEA:6600:1,BENCH-CUP:1250:1,BENCH-NOTE:990:1"

[[ -x $BIN ]] || { echo "bench: $BIN is not an executable (run make build)" >&2; exit 2; }
for tool in curl python3; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is not installed (make deps)" >&2; exit 2; }
done

# shellcheck source=bench/lib.sh
source "$HERE/lib.sh"

start_server
TOKEN=$("$BIN" token create --data "$DATA" --role admin --name bench-import) \
  || fail "ordo token create failed"
seed_catalogue "$SKUS"
stop_server || fail "$STOP_ERROR"

FILE="$WORK/ExportOrderList-bench.csv"
python3 - "$FILE" "$ROWS" <<'PY'
import csv, random, sys
path, rows = sys.argv[1], int(sys.argv[2])
skus = [("BENCH-TEA", "66.00"), ("BENCH-CUP", "12.50"), ("BENCH-NOTE", "9.90")]
places = [("浙江省", "杭州市", "西湖区"), ("广东省", "深圳市", "南山区"), ("江苏省", "南京市", "玄武区"),
          ("北京", "北京市", "朝阳区"), ("上海", "上海市", "浦东新区")]
header = ["订单编号", "买家会员名", "买家应付货款", "总金额", "买家实际支付金额", "订单状态", "买家留言",
          "收货人姓名", "收货地址 ", "联系手机", "订单创建时间", "订单付款时间 ", "宝贝标题 ",
          "宝贝种类 ", "宝贝总数量", "商家编码"]
rng = random.Random(18)
with open(path, "w", encoding="gb18030", newline="") as f:
    w = csv.writer(f, lineterminator="\r\n")
    w.writerow(header)
    for i in range(rows):
        sku, price = skus[i % 3]
        province, city, district = places[i % len(places)]
        phone = "13" + str(rng.randrange(5, 10)) + f"{rng.randrange(10**8):08d}"
        w.writerow([f'="{3000000000000000000 + i}"', f"tb_{i}", price, price, price,
                    "买家已付款，等待卖家发货", "", "张三",
                    f"{province} {city} {district} 文三路{i % 900 + 1}号 {i % 30 + 1}幢({310000 + i % 99})",
                    "'" + phone, "2026-11-11 00:00:01", "2026-11-11 00:00:05", "测试商品", "1", "1",
                    sku])
PY
BYTES=$(stat -c %s "$FILE")
# The machine is shared: the wall-clock rate means little without the load it ran under.
LOAD_START=$(cut -d' ' -f1 /proc/loadavg)
echo "bench: importing $ROWS Taobao orders ($((BYTES / 1024)) KiB, GB18030) with ordo import"
START=$(date +%s.%N)
/usr/bin/time -f "%M %U %S" -o "$WORK/import-rss" \
  "$BIN" import --data "$DATA" --format taobao --report "$WORK/report.csv" "$FILE" \
  >"$WORK/import.out" 2>"$WORK/import.err" || fail "ordo import failed: $(tail -3 "$WORK/import.err")"
END=$(date +%s.%N)
SUMMARY=$(tail -n 1 "$WORK/import.out")
read -r RSS_KB USER_S SYS_S < <(tail -n 1 "$WORK/import-rss")
RATE=$(awk -v n="$ROWS" -v a="$START" -v b="$END" 'BEGIN { printf "%.0f", n / (b - a) }')
SECONDS_TAKEN=$(awk -v a="$START" -v b="$END" 'BEGIN { printf "%.2f", b - a }')
REPORT_ROWS=$(($(wc -l <"$WORK/report.csv") - 1))

errors=()
[[ $SUMMARY == "accepted $ROWS, duplicate 0, rejected 0" ]] \
  || errors+=("unexpected summary: $SUMMARY")
((REPORT_ROWS == ROWS)) || errors+=("the report has $REPORT_ROWS rows, expected $ROWS")

echo
echo "=== Ordo order-import benchmark ($ROWS rows, Taobao order list, GB18030) ==="
printf '%-28s %s\n' "import rows/s" "$RATE"
printf '%-28s %s\n' "seconds" "$SECONDS_TAKEN"
printf '%-28s %s\n' "CPU seconds (user + system)" "$(awk -v u="$USER_S" -v s="$SYS_S" 'BEGIN { printf "%.2f", u + s }')"
printf '%-28s %s\n' "rows per CPU second" "$(awk -v n="$ROWS" -v u="$USER_S" -v s="$SYS_S" 'BEGIN { printf "%.0f", n / (u + s) }')"
printf '%-28s %s\n' "peak memory (MiB)" "$((RSS_KB / 1024))"
printf '%-28s %s\n' "load average (1 min) at start" "$LOAD_START on $(nproc) cores"
printf '%-28s %s\n' "summary" "$SUMMARY"
finish
