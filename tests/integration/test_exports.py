"""Exports (issue 18 item 2; api.md "Data in and out"): GET /api/v1/exports/{what} and
`ordo export`, read back as a spreadsheet program would read them. CSV with Python's csv module
(UTF-8 with BOM, RFC 4180, the ="…" text guard on long digit codes), XLSX with openpyxl (typed
numbers and dates, the frozen header); Chinese text intact; personal data masked unless the
caller holds pii:read and asks for it, which is then recorded in the audit trail; the lists'
filters; the permissions (data:export and the list's own)."""

import csv
import datetime
import io
import json
import os
import subprocess
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

NOTE = '送礼, 请用"礼盒"包装\n谢谢'


def read_csv(resp):
    """The rows of a CSV export as lists of strings, after checking the BOM."""
    text = resp.body.decode("utf-8")
    assert text.startswith("\ufeff"), "the CSV starts with a byte-order mark"
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def unguard(cell):
    """A code written as ="…" (Excel's text guard) as the text it stands for."""
    if cell.startswith('="') and cell.endswith('"'):
        return cell[2:-1]
    return cell


def as_dicts(rows):
    header = rows[0]
    return [dict(zip(header, row)) for row in rows[1:]]


class ExportsTest(o.OrdoTestCase):

    @classmethod
    def seed_class(cls):
        cls.channel = o.unique("shop")
        cls.other_channel = o.unique("shop")
        cls.warehouse = o.create_warehouse(cls.admin)
        cls.sku = o.seed_sku_with_stock(cls.admin, cls.warehouse, 1000, name="西湖龙井 明前特级",
                                        price_amount=13205)
        cls.sku2 = o.seed_sku_with_stock(cls.admin, cls.warehouse, 1000, name="安吉白茶",
                                         price_amount=6600)
        cls.phones = []
        cls.orders = []
        for i in range(3):
            phone = o.unique_phone()
            cls.phones.append(phone)
            body = o.order_body([(cls.sku, 1 + i), (cls.sku2, 1)], channel=cls.channel,
                                customer_name="王小明", consignee_name="李四", phone=phone,
                                buyer_note=NOTE)
            resp = cls.admin.post("/api/v1/orders", body)
            order = o.expect(resp, 201, what="placing an order to export")
            cls.orders.append(order)
        body = o.order_body([(cls.sku, 1)], channel=cls.other_channel)
        cls.other = o.expect(cls.admin.post("/api/v1/orders", body), 201)
        # One of ours paid: a status filter tells it apart.
        o.expect(cls.admin.post(f"/api/v1/orders/{cls.orders[0]['order_no']}/payments",
                                o.payment_body(cls.orders[0])), 200, what="paying")
        cls.cs = cls.server.client(cls.server.token("customer_service"))
        cls.auditor = cls.server.client(cls.server.token("auditor"))
        cls.logistics = cls.server.client(cls.server.token("logistics"))
        cls.warehouse_staff = cls.server.client(cls.server.token("warehouse"))

    def export(self, what, client=None, **query):
        return (client or self.admin).get(f"/api/v1/exports/{what}", query=query)

    def test_orders_csv_reads_back_with_chinese_intact_and_personal_data_masked(self):
        resp = self.export("orders", channel=self.channel)
        self.assertStatus(resp, 200, "exporting orders")
        self.assertEqual(resp.content_type, "text/csv")
        self.assertEqual(resp.header("transfer-encoding"), "chunked",
                         "an export is streamed as it is read")
        self.assertIn("attachment", resp.header("content-disposition", ""))
        self.assertIn(".csv", resp.header("content-disposition", ""))
        rows = read_csv(resp)
        self.assertIn("订单号 order_no", rows[0])
        self.assertIn("商品明细 lines", rows[0])
        records = as_dicts(rows)
        self.assertEqual(len(records), 3, "only the channel asked for")
        by_no = {unguard(r["订单号 order_no"]): r for r in records}
        self.assertEqual(set(by_no), {order["order_no"] for order in self.orders})
        # Order numbers are 14 digits: guarded so that Excel keeps them as text.
        self.assertTrue(all(r["订单号 order_no"].startswith('="') for r in records))
        for order, phone in zip(self.orders, self.phones):
            row = by_no[order["order_no"]]
            self.assertEqual(row["渠道 channel"], self.channel)
            self.assertEqual(row["买家姓名 customer_name"], o.mask_name("王小明"))
            self.assertEqual(row["收货人 consignee_name"], "李*")
            self.assertEqual(row["买家电话 customer_phone"], o.mask_phone(phone))
            self.assertNotIn(phone, resp.text)
            self.assertNotIn(o.VALID_DETAIL, resp.text)
            self.assertEqual(row["省 province"], "上海市")
            self.assertEqual(row["区 district"], "浦东新区")
            self.assertEqual(row["买家留言 buyer_note"], NOTE, "quotes, comma and line break kept")
            self.assertEqual(row["订单金额 total_amount"],
                             f"{order['total_amount'] // 100}.{order['total_amount'] % 100:02d}")
            quantity = order["lines"][0]["quantity"]
            self.assertEqual(row["商品明细 lines"],
                             f"{self.sku['sku']}*{quantity}*132.05;{self.sku2['sku']}*1*66.00")
            self.assertEqual(int(row["件数 items"]), quantity + 1)
            self.assertRegex(row["下单时间 created_at"], r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$")

    def test_filters_are_the_lists_own(self):
        rows = as_dicts(read_csv(self.export("orders", channel=self.channel,
                                             status="pending_review")))
        self.assertEqual([unguard(r["订单号 order_no"]) for r in rows],
                         [self.orders[0]["order_no"]], "the paid order alone")
        rows = as_dicts(read_csv(self.export("orders", q=self.other["order_no"])))
        self.assertEqual([r["渠道 channel"] for r in rows], [self.other_channel])
        resp = self.export("orders", status="no_such_status")
        self.assertFieldError(resp, "status", "invalid_value")
        resp = self.export("orders", format="pdf")
        self.assertFieldError(resp, "format", "invalid_value")
        resp = self.export("refunds")
        self.assertFieldError(resp, "order_no", "required", "refunds need a period or order")
        self.assertProblem(self.export("everything"), 404, "not_found")

    def test_order_lines_xlsx_reads_back_with_openpyxl(self):
        resp = self.export("order-lines", channel=self.channel, format="xlsx")
        self.assertStatus(resp, 200, "exporting order lines as XLSX")
        self.assertEqual(resp.content_type,
                         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        book = openpyxl.load_workbook(io.BytesIO(resp.body))
        sheet = book.active
        self.assertEqual(sheet.freeze_panes, "A2", "the header row is frozen")
        rows = list(sheet.iter_rows(values_only=True))
        header = rows[0]
        self.assertIn("商品名称 name", header)
        records = [dict(zip(header, row)) for row in rows[1:]]
        self.assertEqual(len(records), 6, "two lines for each of three orders")
        names = {r["商品名称 name"] for r in records}
        self.assertEqual(names, {"西湖龙井 明前特级", "安吉白茶"}, "Chinese intact")
        first = [r for r in records if r["商品编码 sku"] == self.sku["sku"]]
        self.assertTrue(all(isinstance(r["订单号 order_no"], str) for r in records),
                        "order numbers stay text")
        self.assertEqual(sorted(r["数量 quantity"] for r in first), [1, 2, 3])
        self.assertTrue(all(r["单价 unit_price"] == 132.05 for r in first), "money as numbers")
        self.assertTrue(all(isinstance(r["下单时间 created_at"], datetime.datetime)
                            for r in records), "times as dates")
        self.assertTrue(sheet.column_dimensions["H"].width > 10, "column widths set")

    def test_unmasked_export_needs_pii_read_and_is_audited(self):
        resp = self.export("orders", client=self.auditor, channel=self.channel, reveal="true")
        self.assertProblem(resp, 403, "forbidden", "the auditor holds no pii:read")
        masked = self.export("orders", client=self.auditor, channel=self.channel)
        self.assertStatus(masked, 200, "the auditor exports masked")
        resp = self.export("orders", client=self.cs, channel=self.channel, reveal="true",
                           phone=self.phones[1])
        self.assertStatus(resp, 200, "customer service exports unmasked")
        rows = as_dicts(read_csv(resp))
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0]["买家电话 customer_phone"], self.phones[1])
        self.assertEqual(rows[0]["买家姓名 customer_name"], "王小明")
        self.assertEqual(rows[0]["详细地址 address_detail"], o.VALID_DETAIL)
        audit = o.expect(self.admin.get("/api/v1/audit", query={"entity": "export",
                                                                 "id": "orders"}), 200)
        entries = [e for e in audit["data"] if e["action"] == "export_unmasked"]
        self.assertEqual(len(entries), 1, f"one entry for the one unmasked export: {audit}")
        entry = entries[0]
        after = entry["after"] if isinstance(entry["after"], dict) else json.loads(entry["after"])
        self.assertEqual(after["rows"], 1)
        self.assertTrue(after["complete"])
        self.assertEqual(after["filters"]["channel"], self.channel)
        self.assertEqual(after["filters"]["phone"], o.mask_phone(self.phones[1]),
                         "the audit trail holds no phone")
        self.assertIn("customer_service", entry["actor"] + json.dumps(entry))
        self.assertNotIn(self.phones[1], json.dumps(audit))

    def test_exports_need_data_export_and_the_lists_permission(self):
        self.assertProblem(self.export("orders", client=self.warehouse_staff), 403, "forbidden")
        resp = self.export("refunds", client=self.logistics, **{"from": "2020-01-01"})
        self.assertProblem(resp, 403, "forbidden", "logistics reads no refunds")
        self.assertStatus(self.export("shipments", client=self.logistics, channel=self.channel),
                          200, "logistics exports shipments")

    def test_stock_ledger_and_audit_exports(self):
        rows = as_dicts(read_csv(self.export("stock-ledger", sku=self.sku["sku"])))
        types = [r["类型 type"] for r in rows]
        self.assertEqual(types[0], "receipt")
        self.assertEqual(types.count("reservation"), 4, "one per order of that SKU")
        self.assertEqual(int(rows[-1]["结存在库 on_hand_after"]), 1000)
        every = as_dicts(read_csv(self.export("stock-ledger")))
        self.assertGreaterEqual(len(every), len(rows) + 4, "every SKU's ledger without sku")
        order_no = self.orders[0]["order_no"]
        rows = as_dicts(read_csv(self.export("audit", entity="order", id=order_no)))
        self.assertGreaterEqual(len(rows), 2, "created, then paid")
        self.assertTrue(all(unguard(r["对象编号 entity_id"]) == order_no for r in rows))
        refunds = read_csv(self.export("refunds", **{"from": "2020-01-01"}))
        self.assertIn("退款号 refund_id", refunds[0])

    def test_command_line_export_writes_the_same_rows(self):
        out = os.path.join(self.server.data_dir, "export-cli.csv")
        res = subprocess.run([self.server.bin, "export", "--data", self.server.data_dir,
                              "--what", "orders", "--channel", self.channel, "--out", out],
                             capture_output=True, timeout=60)
        self.assertEqual(res.returncode, 0, res.stderr.decode("utf-8", "replace"))
        self.assertIn(b"exported 3 rows", res.stderr)
        with open(out, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        self.assertEqual(len(rows), 4)
        self.assertEqual({unguard(r[0]) for r in rows[1:]},
                         {order["order_no"] for order in self.orders})
        bad = subprocess.run([self.server.bin, "export", "--data", self.server.data_dir,
                              "--what", "orders", "--status", "nonsense"],
                             capture_output=True, timeout=60)
        self.assertEqual(bad.returncode, 2)
        self.assertIn(b"status", bad.stderr)
        xlsx = os.path.join(self.server.data_dir, "export-cli.xlsx")
        res = subprocess.run([self.server.bin, "export", "--data", self.server.data_dir,
                              "--what", "orders", "--channel", self.channel, "--format",
                              "xlsx", "--out", xlsx], capture_output=True, timeout=60)
        self.assertEqual(res.returncode, 0, res.stderr.decode("utf-8", "replace"))
        sheet = openpyxl.load_workbook(xlsx).active
        self.assertEqual(sheet.max_row, 4)


if __name__ == "__main__":
    unittest.main()
