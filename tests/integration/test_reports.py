"""Reports (issue 18 item 3; domain.md DAT-3, CS-4, AUD-3): GET /api/v1/reports/{name} with a
period and a grouping, as JSON for charts and as CSV / XLSX, and the daily summary the jobs
write to DIR/reports/. The server is this class's own, so every figure must equal what the
test computes from the raw rows it created (the orders, their events, refunds, cases and
complaints as the lists return them)."""

import collections
import csv
import io
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ordo_server as o  # noqa: E402

try:
    import openpyxl  # Debian: python3-openpyxl (scripts/install-deps.sh)
except ImportError:
    # A Python of its own (pyenv) does not see Debian's packages: read them from where Debian
    # put them, after everything else on the path.
    sys.path.append("/usr/lib/python3/dist-packages")
    import openpyxl

START = "2026-11-26T02:30:00Z"  # 10:30 in Beijing
DAY = "2026-11-26"
PERIOD = {"from": DAY, "to": DAY}


def zhejiang(body):
    body["consignee"]["address"].update({"province": "浙江省", "city": "杭州市",
                                         "district": "西湖区"})
    return body


class ReportsTest(o.OrdoTestCase):
    auto_review = True

    @classmethod
    def server_args(cls, server):
        return ["--test-clock", START]

    @classmethod
    def seed_class(cls):
        cls.c1, cls.c2 = o.unique("tmall"), o.unique("jd")
        wh = o.create_warehouse(cls.admin)
        cls.tea = o.seed_sku_with_stock(cls.admin, wh, 1000, price_amount=6600)
        cls.cup = o.seed_sku_with_stock(cls.admin, wh, 1000, name="玻璃杯", price_amount=2500)
        placed = []
        for i in range(3):
            placed.append(cls.place_order(o.order_body([(cls.tea, i + 1)], channel=cls.c1)))
        for i in range(2):
            placed.append(cls.place_order(zhejiang(o.order_body([(cls.tea, 1), (cls.cup, i + 2)],
                                                                channel=cls.c2))))
        # Paid: approved at once by automatic review (it leaves review).
        for order in placed[:3]:
            o.expect(cls.admin.post(f"/api/v1/orders/{order['order_no']}/payments",
                                    o.payment_body(order)), 200, what="paying")
        # A paid order cancelled: refunded; an unpaid one cancelled.
        for order in (placed[0], placed[3]):
            o.expect(cls.admin.post(f"/api/v1/orders/{order['order_no']}/cancel",
                                    {"reason": "买家取消"}), 200, what="cancelling")
        # A sequential phone trips invalid_phone when paid: an abnormal case, held in review.
        held = cls.place_order(o.order_body([(cls.cup, 1)], channel=cls.c1, phone="13812345678"))
        o.expect(cls.admin.post(f"/api/v1/orders/{held['order_no']}/payments",
                                o.payment_body(held)), 200, what="paying the held order")
        cls.complaint_member = placed[1]["customer"]["member_id"]
        o.expect(cls.admin.post(f"/api/v1/customers/{cls.complaint_member}/complaints",
                                {"category": "delivery", "note": "快递太慢",
                                 "order_no": placed[1]["order_no"]}), 200, 201,
                 what="recording a complaint")
        cls.supervisor = cls.server.client(cls.server.token("supervisor"))

    @classmethod
    def place_order(cls, body):
        return o.expect(cls.admin.post("/api/v1/orders", body), 201, what="placing")

    def report(self, name, client=None, **query):
        resp = (client or self.supervisor).get(f"/api/v1/reports/{name}",
                                               query={**PERIOD, **query})
        self.assertStatus(resp, 200, f"report {name} {query}")
        return resp

    def rows_of(self, name, **query):
        body = self.report(name, **query).json
        return {row["key"]: row for row in body["rows"]}, body

    def all_orders(self):
        orders, _ = self.list_all({})
        return [self.get_order(order["order_no"]) for order in orders]

    def test_sales_by_channel_province_hour_and_sku_equal_the_orders(self):
        orders = self.all_orders()
        expected = collections.defaultdict(lambda: [0, 0, 0, 0])
        provinces = collections.defaultdict(lambda: [0, 0])
        skus = collections.defaultdict(lambda: [0, 0, 0])
        for order in orders:
            ended = order["status"] in ("cancelled", "closed")
            row = expected[order["channel"]]
            row[0] += 1
            row[1] += order["total_amount"]
            row[2] += 1 if ended else 0
            row[3] += order["total_amount"] if ended else 0
            province = provinces[order["consignee"]["address"]["province"]]
            province[0] += 1
            province[1] += order["total_amount"]
            for line in order["lines"]:
                sku = skus[line["sku"]]
                sku[0] += 1
                sku[1] += line["quantity"]
                sku[2] += line["quantity"] * line["unit_price_amount"]
        by_channel, body = self.rows_of("sales", group_by="channel")
        self.assertEqual(set(by_channel), set(expected))
        for channel, (count, amount, cancelled, cancelled_amount) in expected.items():
            row = by_channel[channel]
            self.assertEqual((row["orders"], row["amount"], row["cancelled_orders"],
                              row["cancelled_amount"], row["net_amount"]),
                             (count, amount, cancelled, cancelled_amount,
                              amount - cancelled_amount), channel)
        self.assertEqual(body["totals"]["orders"], len(orders))
        self.assertEqual(body["totals"]["amount"], sum(x["total_amount"] for x in orders))
        self.assertEqual(expected[self.c1][2], 1, "the seeded cancellations are there")
        by_store, _ = self.rows_of("sales", group_by="store")
        self.assertEqual({k: v["orders"] for k, v in by_store.items()},
                         {k: v[0] for k, v in expected.items()}, "a store is its channel")
        by_province, _ = self.rows_of("sales", group_by="province")
        self.assertEqual({k: (v["orders"], v["amount"]) for k, v in by_province.items()},
                         {k: tuple(v) for k, v in provinces.items()})
        by_hour, _ = self.rows_of("sales", group_by="hour")
        self.assertEqual({k: v["orders"] for k, v in by_hour.items()}, {"10": len(orders)},
                         "placed at 10:30 China time")
        by_day, _ = self.rows_of("sales", group_by="day")
        self.assertEqual(list(by_day), [DAY])
        by_sku, _ = self.rows_of("sales", group_by="sku")
        self.assertEqual({k: (v["orders"], v["quantity"], v["amount"])
                          for k, v in by_sku.items()}, {k: tuple(v) for k, v in skus.items()})
        before, _ = self.rows_of("sales", group_by="channel", **{"from": "2026-11-01",
                                                                  "to": "2026-11-25"})
        self.assertEqual(before, {}, "nothing before the day the orders were placed")

    def test_refunds_cases_review_times_and_complaints_equal_the_raw_rows(self):
        refunds = o.expect(self.admin.get("/api/v1/refunds", query={"from": "2026-11-01",
                                                                     "limit": 200}), 200)["data"]
        by_reason = collections.Counter(r["reason"] for r in refunds)
        self.assertTrue(by_reason, "the cancelled paid order was refunded")
        rows, body = self.rows_of("refunds", group_by="reason")
        self.assertEqual({k: v["refunds"] for k, v in rows.items()}, dict(by_reason))
        self.assertEqual(body["totals"]["amount"], sum(r["amount"] for r in refunds))
        orders = self.all_orders()
        self.assertEqual(body["totals"]["rate_bp"], len(refunds) * 10000 // len(orders))

        cases = o.expect(self.admin.get("/api/v1/anomalies", query={"limit": 200}), 200)["data"]
        by_type = collections.Counter(c["type"] for c in cases)
        self.assertIn("invalid_phone", by_type)
        rows, _ = self.rows_of("anomalies", group_by="type")
        self.assertEqual({k: v["cases"] for k, v in rows.items()}, dict(by_type))

        left_review = 0
        for order in orders:
            events = o.expect(self.admin.get(f"/api/v1/orders/{order['order_no']}/events"), 200)
            left_review += sum(1 for e in events["data"] if e["from_status"] == "pending_review"
                               and e["to_status"] not in ("", "pending_review"))
        rows, body = self.rows_of("review-time", group_by="band")
        self.assertEqual(body["totals"]["orders"], left_review)
        self.assertEqual(sum(v["orders"] for v in rows.values()), left_review)
        self.assertEqual(set(rows), {"within_30m"}, "automatic review answers at once")

        rows, _ = self.rows_of("feedback", group_by="category")
        self.assertEqual({k: v["complaints"] for k, v in rows.items()}, {"delivery": 1})
        rows, _ = self.rows_of("feedback", group_by="day")
        self.assertEqual({k: v["complaints"] for k, v in rows.items()}, {DAY: 1})

    def test_reports_as_csv_and_xlsx_files(self):
        resp = self.report("sales", group_by="channel", format="csv")
        self.assertEqual(resp.content_type, "text/csv")
        text = resp.body.decode("utf-8")
        self.assertTrue(text.startswith("\ufeff"))
        rows = list(csv.reader(io.StringIO(text[1:], newline="")))
        self.assertEqual(rows[0][:3], ["渠道 channel", "订单数 orders", "销售额 amount"])
        self.assertEqual(rows[-1][0], "合计 total")
        json_rows, body = self.rows_of("sales", group_by="channel")
        self.assertEqual(int(rows[-1][1]), body["totals"]["orders"])
        amount = body["totals"]["amount"]
        self.assertEqual(rows[-1][2], f"{amount // 100}.{amount % 100:02d}")
        resp = self.report("sales", group_by="channel", format="xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(resp.body)).active
        values = list(sheet.iter_rows(values_only=True))
        self.assertEqual(values[-1][0], "合计 total")
        self.assertAlmostEqual(values[-1][2], amount / 100)
        self.assertEqual(len(values), len(json_rows) + 2)

    def test_refused_requests_name_the_field(self):
        self.assertFieldError(self.supervisor.get("/api/v1/reports/sales",
                                                  query={"group_by": "colour"}),
                              "group_by", "invalid_value")
        self.assertFieldError(self.supervisor.get("/api/v1/reports/sales",
                                                  query={"from": "26/11/2026"}),
                              "from", "invalid_value")
        self.assertFieldError(self.supervisor.get("/api/v1/reports/sales",
                                                  query={"from": "2026-11-27", "to": DAY}),
                              "from", "invalid_value")
        self.assertFieldError(self.supervisor.get("/api/v1/reports/sales",
                                                  query={"from": "2024-01-01", "to": DAY}),
                              "to", "invalid_value")
        self.assertFieldError(self.supervisor.get("/api/v1/reports/sales",
                                                  query={"format": "pdf"}),
                              "format", "invalid_value")
        self.assertProblem(self.supervisor.get("/api/v1/reports/weather"), 404, "not_found")
        packer = self.server.client(self.server.token("warehouse"))
        self.assertProblem(packer.get("/api/v1/reports/sales"), 403, "forbidden")
        listed = o.expect(self.supervisor.get("/api/v1/reports"), 200)
        self.assertIn("sales", [r["name"] for r in listed["data"]])

    def test_the_daily_summary_is_written_when_the_day_is_over(self):
        directory = os.path.join(self.server.data_dir, "reports", DAY)
        self.assertFalse(os.path.exists(directory), "the day is not over yet")
        moved = o.expect(self.admin.post("/api/v1/ops/clock", {"advance_hours": 24}), 200)
        self.assertIn("2026", str(moved))
        path = os.path.join(directory, "sales-channel.csv")
        self.assertTrue(os.path.exists(path), f"{path} after the day ended: {moved}")
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        by_channel, body = self.rows_of("sales", group_by="channel")
        self.assertEqual({r[0]: int(r[1]) for r in rows[1:-1]},
                         {k: v["orders"] for k, v in by_channel.items()})
        self.assertEqual(rows[-1][0], "合计 total")
        for name in ("after-sales-reason.csv", "anomalies-type.csv", "feedback-category.csv",
                     "shipping-time-band.csv"):
            self.assertTrue(os.path.exists(os.path.join(directory, name)), name)
        again = o.expect(self.admin.post("/api/v1/ops/clock", {"advance_hours": 1}), 200)
        self.assertIn("daily_summaries", str(again))


if __name__ == "__main__":
    unittest.main()
