"""Exports and reports on a large store (issue 18): `python3 bench/exports.py build/ordo [N]`.

Starts `ordo serve` on a fresh temporary data directory, places 1,000 orders through the API
(five channels, six provinces, one to three lines), stops it, and copies those orders in SQL
until the store holds N orders (default 1,000,000), each copy with its own order number and
external id and its creation time moved back by whole days over 30 days, so the reports'
summary rows hold a month. Then:
  - the server folds the copies into the reports' summary rows (timed, once);
  - the month's reports through GET /api/v1/reports/{name}, each timed (the median of 5);
  - `ordo export --what orders` to CSV and to XLSX, timed, with the exporter's peak memory.
Prints one line per figure. BENCH_KEEP=1 keeps the data directory.
"""

import json
import os
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

CHANNELS = ["tmall", "jd", "pdd", "web", "douyin"]
PROVINCES = [("上海市", "上海市", "浦东新区"), ("浙江省", "杭州市", "西湖区"),
             ("江苏省", "南京市", "鼓楼区"), ("广东省", "广州市", "天河区"),
             ("北京市", "北京市", "朝阳区"), ("四川省", "成都市", "武侯区")]
SKUS = [("BX-TEA", 6600), ("BX-CUP", 1250), ("BX-NOTE", 990)]
DAY_MS = 24 * 3600 * 1000


class Server:
    def __init__(self, binary, data):
        self.binary, self.data = binary, data
        self.proc = subprocess.Popen([binary, "serve", "--data", data, "--listen", "127.0.0.1:0",
                                      "--jobs-interval", "0"],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.proc.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)", line)
        if not match:
            sys.exit(f"bench: the server did not start: {line!r}")
        self.base = f"http://127.0.0.1:{match.group(1)}"
        self.token = subprocess.run([binary, "token", "create", "--data", data, "--role", "admin",
                                     "--name", f"bench-{random.random()}"], check=True,
                                    capture_output=True, text=True).stdout.strip()

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method, headers={
            "Authorization": f"Bearer {self.token}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.read()

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=120)


def seed(server, count):
    server.call("POST", "/api/v1/warehouses", {"code": "BX-WH", "name": "基准仓", "address": {
        "province": "上海市", "city": "上海市", "district": "浦东新区", "detail": "基准路1号"}})
    for code, price in SKUS:
        server.call("POST", "/api/v1/skus", {"sku": code, "name": f"基准商品{code}", "spec": "1件",
                                             "price_amount": price, "weight_g": 300,
                                             "step_quantity": 1, "min_quantity": 1,
                                             "sellable": True})
        server.call("POST", "/api/v1/stock/receipts", {"warehouse": "BX-WH", "sku": code,
                                                      "quantity": 10_000_000, "reason": "bench"})
    rng = random.Random(18)
    for i in range(count):
        province, city, district = PROVINCES[i % len(PROVINCES)]
        phone = f"139{rng.randrange(10**8):08d}"
        lines = [{"sku": code, "quantity": rng.randint(1, 3)}
                 for code, _ in rng.sample(SKUS, rng.randint(1, 3))]
        server.call("POST", "/api/v1/orders", {
            "channel": CHANNELS[i % len(CHANNELS)], "external_id": f"BX{i:07d}",
            "customer": {"member_id": f"bx-{i}", "name": "王小明", "phone": phone},
            "consignee": {"name": "王小明", "phone": phone, "address": {
                "province": province, "city": city, "district": district,
                "detail": f"基准路{i}号 {i % 30}楼"}},
            "lines": lines, "payment_method": "online", "shipping": {"service": "standard"}})


def grow(db_path, target):
    db = sqlite3.connect(db_path, isolation_level=None)
    db.execute("PRAGMA synchronous=OFF")
    db.execute("PRAGMA cache_size=-1000000")
    cols = [row[1] for row in db.execute("PRAGMA table_info(orders)")]
    (templates,) = db.execute("SELECT count(*) FROM orders").fetchone()
    (span,) = db.execute("SELECT max(id) + 1 FROM orders").fetchone()
    rounds = (target - templates + templates - 1) // templates
    overrides = {
        "id": "id + {o}",
        "order_no": "printf('%08d', {p}) || substr(order_no, 9)",
        "external_id": "external_id || '-c{r}'",
        "created_at": "created_at - ({r} % 30) * " + str(DAY_MS),
    }
    for r in range(1, rounds + 1):
        select = ", ".join(overrides.get(c, c).format(o=span * r, p=20000100 + r, r=r)
                           for c in cols)
        db.execute("BEGIN")
        db.execute(f"INSERT INTO orders ({', '.join(cols)}) SELECT {select} FROM orders "
                   f"WHERE id < {span}")
        db.execute("COMMIT")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    (stored,) = db.execute("SELECT count(*) FROM orders").fetchone()
    db.close()
    return stored


def export(binary, data, fmt, out):
    start = time.monotonic()
    res = subprocess.run(["/usr/bin/time", "-f", "%M", binary, "export", "--data", data,
                          "--what", "orders", "--format", fmt, "--out", out],
                         capture_output=True, text=True)
    elapsed = time.monotonic() - start
    if res.returncode != 0:
        sys.exit(f"bench: export failed: {res.stderr}")
    rows = int(re.search(r"exported (\d+) rows", res.stderr).group(1))
    peak_kib = int(res.stderr.strip().splitlines()[-1])
    return rows, elapsed, peak_kib, os.path.getsize(out)


def main():
    binary = sys.argv[1]
    target = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    work = tempfile.mkdtemp(prefix="ordo-bench-exports-")
    data = os.path.join(work, "data")
    try:
        server = Server(binary, data)
        started = time.monotonic()
        seed(server, 1000)
        print(f"bench exports: 1000 orders placed through the API in "
              f"{time.monotonic() - started:.1f} s")
        server.stop()
        started = time.monotonic()
        stored = grow(os.path.join(data, "ordo.db"), target)
        print(f"bench exports: {stored} orders stored (copied in {time.monotonic() - started:.0f} s)")
        # The copies went around the writer: the server folds them into the reports' summary
        # rows at its first idle moment, in one pass (what a bulk load costs once).
        server = Server(binary, data)
        today = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 8 * 3600))
        month_ago = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 8 * 3600 - 29 * 86400))
        period = f"from={month_ago}&to={today}"
        started = time.monotonic()
        while True:
            _, body = server.call("GET", f"/api/v1/reports/sales?{period}&group_by=channel")
            if json.loads(body)["totals"]["orders"] >= stored:
                break
            if time.monotonic() - started > 900:
                sys.exit("bench: the reports were not folded within 15 minutes")
            time.sleep(1)
        print(f"bench exports: {stored} orders folded into the reports' summary rows in "
              f"{time.monotonic() - started:.0f} s (once, after the bulk copy)")
        for name, group in (("sales", "day"), ("sales", "channel"), ("sales", "province"),
                            ("sales", "hour"), ("sales", "sku"), ("refunds", "reason")):
            times = []
            for _ in range(5):
                t0 = time.monotonic()
                status, body = server.call(
                    "GET", f"/api/v1/reports/{name}?{period}&group_by={group}")
                times.append(time.monotonic() - t0)
            totals = json.loads(body)["totals"]
            print(f"bench exports: report {name} by {group} over {month_ago}..{today}: "
                  f"{statistics.median(times) * 1000:.1f} ms (median of 5), "
                  f"orders {totals.get('orders', '-')}")
        server.stop()
        for fmt in ("csv", "xlsx"):
            out = os.path.join(work, f"orders.{fmt}")
            rows, elapsed, peak_kib, size = export(binary, data, fmt, out)
            print(f"bench exports: export orders {fmt}: {rows} rows in {elapsed:.1f} s = "
                  f"{rows / elapsed:,.0f} rows/s, {size / 2**20:.0f} MiB, "
                  f"peak memory {peak_kib / 1024:.0f} MiB")
            os.remove(out)
    finally:
        if os.environ.get("BENCH_KEEP"):
            print(f"bench exports: kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
