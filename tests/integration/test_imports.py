"""Platform order imports (issue 18 item 1, domain.md INT-1): `ordo import` and POST
/api/v1/imports read the Taobao/Tmall, JD and Pinduoduo back offices' order exports, laid out as
they download (GB18030 or UTF-8 with a BOM, Excel text guards on long numbers, one address cell,
amounts in yuan, the platforms' status words), and Ordo's own order CSV. Each order goes through
intake: accepted (with its number, stock reserved, held when imperfect), duplicate on a
re-import, or rejected with its row, column and reason, never stopping the others."""

import csv
import io
import os
import subprocess
import sys
import time
import unittest
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ordo_server as o  # noqa: E402

POLL_TIMEOUT_S = 60

TAOBAO_LIST_HEADER = [
    "订单编号", "买家会员名", "买家支付宝账号", "买家应付货款", "买家应付邮费", "买家支付积分",
    "总金额", "返点积分", "买家实际支付金额", "买家实际支付积分", "订单状态", "买家留言",
    "收货人姓名", "收货地址 ", "运送方式", "联系电话 ", "联系手机", "订单创建时间",
    "订单付款时间 ", "宝贝标题 ", "宝贝种类 ", "物流单号 ", "物流公司", "订单备注", "宝贝总数量",
    "店铺Id", "店铺名称", "订单关闭原因", "商家编码"]
TAOBAO_ITEM_HEADER = ["订单编号", "标题", "价格", "购买数量", "外部系统编号", "商品属性", "套餐信息",
                      "备注", "订单状态", "商家编码"]
JD_HEADER = ["订单号", "商品ID", "商品名称", "订购数量", "支付方式", "下单时间", "京东价", "订单金额",
             "结算金额", "余额支付", "应付金额", "订单状态", "订单类型", "下单帐号", "客户姓名",
             "客户地址", "联系电话", "订单备注", "发票类型", "付款确认时间", "商家SKU"]
PDD_HEADER = ["商品", "订单号", "订单状态", "商品总价(元)", "店铺优惠折扣(元)", "平台优惠折扣(元)",
              "邮费(元)", "用户实付金额(元)", "商家实收金额(元)", "商品数量(件)", "身份证姓名",
              "收货人", "手机", "是否蜂窝", "省", "市", "区", "街道", "详细地址", "支付时间",
              "订单成交时间", "商品规格", "商品id", "商家编码-SKU维度", "商家编码-商品维度",
              "快递单号", "快递公司", "商家备注"]
ORDO_HEADER = ["order_no", "channel", "external_id", "status", "created_at", "paid_at",
               "payment_method", "shipping_service", "member_id", "customer_name",
               "customer_phone", "consignee_name", "consignee_phone", "province", "city",
               "district", "address_detail", "division_code", "buyer_note", "total_amount",
               "line_no", "sku", "name", "quantity", "unit_price", "line_amount"]


def guard(number):
    """A long number as the seller centre writes it so that Excel keeps it as text."""
    return f'="{number}"'


def csv_bytes(header, rows, encoding):
    """The file as the back office downloads it: GB18030, or UTF-8 with a BOM; CRLF lines."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column.strip(), "") for column in header])
    text = out.getvalue()
    return text.encode("gb18030") if encoding == "gb18030" else b"\xef\xbb\xbf" + text.encode()


def number(prefix):
    return prefix + str(uuid.uuid4().int)[:15]


def multipart(fields, files):
    boundary = "----ordo" + uuid.uuid4().hex
    out = b""
    for name, value in fields.items():
        out += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n"
                f"{value}\r\n").encode()
    for filename, content in files:
        out += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
                f"filename=\"{filename}\"\r\nContent-Type: text/csv\r\n\r\n").encode()
        out += content + b"\r\n"
    out += f"--{boundary}--\r\n".encode()
    return out, f"multipart/form-data; boundary={boundary}"


class ImportSamples:
    """Sample rows for SKUs `tea` and `cup` (dicts from create_sku), one per situation."""

    def __init__(self, tea, cup):
        self.tea, self.cup = tea, cup

    def taobao(self):
        paid, unpaid, closed, unknown, vague, bad_amount = (number("30") for _ in range(6))
        base = {"买家应付邮费": "0.00", "运送方式": "快递", "订单创建时间": "2026-11-11 00:01:02",
                "宝贝标题": "西湖龙井", "宝贝种类": "1"}
        orders = [
            dict(base, 订单编号=guard(paid), 买家会员名=o.unique("tb_li"), 买家应付货款="144.50",
                 总金额="144.50", 买家实际支付金额="144.50", 订单状态="买家已付款，等待卖家发货",
                 买家留言="周末送, 谢谢", 收货人姓名="李四",
                 收货地址="浙江省 杭州市 西湖区 文三路100号 5幢(310012)", 联系手机="'" + o.unique_phone(),
                 订单付款时间="2026-11-11 00:01:30", 宝贝种类="2", 宝贝总数量="3"),
            dict(base, 订单编号=guard(unpaid), 买家会员名=o.unique("tb_wang"), 买家应付货款="66.00",
                 总金额="66.00", 买家实际支付金额="0.00", 订单状态="等待买家付款", 收货人姓名="王五",
                 收货地址="北京 北京市 朝阳区 建国路1号 2单元301室", 联系手机=o.unique_phone(),
                 宝贝总数量="1"),
            dict(base, 订单编号=guard(closed), 买家会员名=o.unique("tb_zhao"), 买家应付货款="66.00",
                 总金额="66.00", 买家实际支付金额="0.00", 订单状态="交易关闭", 收货人姓名="赵六",
                 收货地址="上海 上海市 浦东新区 世纪大道100号 8楼", 联系手机=o.unique_phone(),
                 宝贝总数量="1"),
            dict(base, 订单编号=guard(unknown), 买家会员名=o.unique("tb_qian"), 买家应付货款="66.00",
                 总金额="66.00", 买家实际支付金额="66.00", 订单状态="买家已付款，等待卖家发货",
                 收货人姓名="钱七", 收货地址="江苏省 南京市 玄武区 中山路1号",
                 联系手机=o.unique_phone(),
                 订单付款时间="2026/11/11 00:05", 宝贝总数量="1"),
            dict(base, 订单编号=guard(vague), 买家会员名=o.unique("tb_sun"), 买家应付货款="66.00",
                 总金额="66.00", 买家实际支付金额="66.00", 订单状态="买家已付款，等待卖家发货",
                 收货人姓名="孙八", 收货地址="浙江省 杭州市 西湖区 学校门口", 联系手机=o.unique_phone(),
                 订单付款时间="2026-11-11 00:06:00", 宝贝总数量="1"),
            dict(base, 订单编号=guard(bad_amount), 买家会员名=o.unique("tb_zhou"), 买家应付货款="66.0.0",
                 总金额="66.00", 买家实际支付金额="66.00", 订单状态="买家已付款，等待卖家发货",
                 收货人姓名="周九", 收货地址="浙江省 杭州市 西湖区 文三路9号", 联系手机=o.unique_phone(),
                 订单付款时间="2026-11-11 00:07:00", 宝贝总数量="1"),
        ]
        tea, cup = self.tea["sku"], self.cup["sku"]
        items = [
            # The item file in its own order: joined on the order number whatever the order.
            {"订单编号": guard(vague), "标题": "西湖龙井", "价格": "66.00", "购买数量": "1",
             "订单状态": "买家已付款，等待卖家发货", "商家编码": tea},
            {"订单编号": guard(paid), "标题": "西湖龙井", "价格": "66.00", "购买数量": "2",
             "订单状态": "买家已付款，等待卖家发货", "商家编码": tea},
            {"订单编号": guard(paid), "标题": "玻璃杯", "价格": "12.50", "购买数量": "1",
             "订单状态": "买家已付款，等待卖家发货", "商家编码": cup},
            {"订单编号": guard(unpaid), "标题": "西湖龙井", "价格": "66.00", "购买数量": "1",
             "订单状态": "等待买家付款", "商家编码": tea},
            {"订单编号": guard(closed), "标题": "西湖龙井", "价格": "66.00", "购买数量": "1",
             "订单状态": "交易关闭", "商家编码": tea},
            {"订单编号": guard(unknown), "标题": "未知商品", "价格": "66.00", "购买数量": "1",
             "订单状态": "买家已付款，等待卖家发货", "商家编码": "NO-SUCH-SKU-" + unknown[-6:]},
            {"订单编号": guard(bad_amount), "标题": "西湖龙井", "价格": "66.00", "购买数量": "1",
             "订单状态": "买家已付款，等待卖家发货", "商家编码": tea},
        ]
        ids = dict(paid=paid, unpaid=unpaid, closed=closed, unknown=unknown, vague=vague,
                   bad_amount=bad_amount)
        return orders, items, ids

    def jd(self):
        paid, unpaid = number("23"), number("23")
        base = {"支付方式": "在线支付", "下单时间": "2026-11-11 10:00:00", "订单类型": "SOP",
                "客户姓名": "吴十", "客户地址": "广东深圳市南山区科技园南路1号 3栋501室",
                "联系电话": o.unique_phone()}
        rows = [
            dict(base, 订单号="\t" + paid, 商品ID="100001", 商品名称="西湖龙井", 订购数量="1",
                 京东价="66.00", 订单金额="78.50", 应付金额="78.50", 订单状态="等待出库",
                 付款确认时间="2026-11-11 10:00:09", 商家SKU=self.tea["sku"]),
            dict(base, 订单号="\t" + paid, 商品ID="100002", 商品名称="玻璃杯", 订购数量="1",
                 京东价="12.50", 订单金额="78.50", 应付金额="78.50", 订单状态="等待出库",
                 付款确认时间="2026-11-11 10:00:09", 商家SKU=self.cup["sku"]),
            dict(base, 订单号="\t" + unpaid, 商品ID="100001", 商品名称="西湖龙井", 订购数量="2",
                 京东价="66.00", 订单金额="132.00", 应付金额="132.00", 订单状态="等待付款",
                 商家SKU=self.tea["sku"], 订单备注="发顺丰, 谢谢\n周末也可以"),
        ]
        return rows, dict(paid=paid, unpaid=unpaid)

    def pdd(self):
        paid, shipped = number("261111-"), number("261111-")
        base = {"商品": "西湖龙井 150g", "商品规格": "150g", "收货人": "郑十一",
                "手机": o.unique_phone(),
                "省": "江苏省", "市": "南京市", "区": "玄武区", "街道": "玄武门街道",
                "详细地址": "中山路1号3栋", "订单成交时间": "2026-11-11 10:00:00",
                "商家编码-SKU维度": self.tea["sku"]}
        rows = [
            dict(base, 订单号=paid, 订单状态="待发货", 商品总价="132.00", 店铺优惠折扣="0.00",
                 平台优惠折扣="5.00", 用户实付金额="127.00", 商品数量="2",
                 支付时间="2026-11-11 10:00:05"),
            dict(base, 订单号=shipped, 订单状态="已发货，待签收", 商品总价="66.00",
                 店铺优惠折扣="0.00", 平台优惠折扣="0.00", 用户实付金额="66.00", 商品数量="1",
                 支付时间="2026-11-11 10:00:05"),
        ]
        # The header's units are part of the column names.
        return [{(k + "(元)" if k in ("商品总价", "店铺优惠折扣", "平台优惠折扣", "用户实付金额")
                  else k + "(件)" if k == "商品数量" else k): v for k, v in row.items()}
                for row in rows], dict(paid=paid, shipped=shipped)

    def ordo(self):
        paid = number("ORDO-")
        phone = o.unique_phone()
        row = {"channel": "store", "external_id": paid, "status": "paid",
               "payment_method": "online", "shipping_service": "standard",
               "member_id": o.unique("m-import"), "customer_name": "冯十二", "customer_phone": phone,
               "consignee_name": "冯十二", "consignee_phone": phone, "province": "上海市",
               "city": "上海市", "district": "浦东新区", "address_detail": "世纪大道100号 8楼801室",
               "total_amount": "66.00", "line_no": "1", "sku": self.tea["sku"],
               "name": "西湖龙井", "quantity": "1", "unit_price": "66.00", "line_amount": "66.00",
               "paid_at": "2026-11-11 10:00:00"}
        return [row], dict(paid=paid)


class HttpImportTest(o.OrdoTestCase):
    auto_review = True

    @classmethod
    def seed_class(cls):
        cls.warehouse = o.create_warehouse(cls.admin)
        cls.tea = o.seed_sku_with_stock(cls.admin, cls.warehouse, 1000, price_amount=6600)
        cls.cup = o.seed_sku_with_stock(cls.admin, cls.warehouse, 1000, name="玻璃杯",
                                        price_amount=1250)
        cls.ops = cls.server.client(cls.server.token("operations"))

    def upload(self, fmt, files, client=None, expect_status=202):
        body, content_type = multipart({"format": fmt}, files)
        resp = (client or self.ops).post("/api/v1/imports", raw=body,
                                         headers={"Content-Type": content_type})
        self.assertStatus(resp, expect_status, f"uploading {fmt}")
        return resp

    def finished(self, import_id):
        deadline = time.monotonic() + POLL_TIMEOUT_S
        seen = []
        while True:
            resp = self.ops.get(f"/api/v1/imports/{import_id}", query={"limit": 200})
            self.assertStatus(resp, 200, "reading the import")
            body = resp.json
            seen.append(body["progress"]["percent"])
            if body["status"] not in ("queued", "running"):
                self.assertEqual(seen, sorted(seen), "progress only goes forward")
                return body
            self.assertLess(time.monotonic(), deadline, f"import still {body['status']}")
            time.sleep(0.05)

    def import_and_wait(self, fmt, files):
        accepted = self.upload(fmt, files).json
        self.assertEqual(accepted["status"], "queued")
        return self.finished(accepted["id"])

    @staticmethod
    def by_external_id(result):
        return {row["external_id"]: row for row in result["results"]["data"]}

    def test_taobao_files_in_both_encodings_give_a_result_per_row(self):
        samples = ImportSamples(self.tea, self.cup)
        for encoding in ("gb18030", "utf-8-sig"):
            with self.subTest(encoding=encoding):
                orders, items, ids = samples.taobao()
                tea_before = self.stock(self.tea)["reserved"]
                files = [("ExportOrderList202611110001.csv",
                          csv_bytes(TAOBAO_LIST_HEADER, orders, encoding)),
                         ("ExportOrderDetailList202611110001.csv",
                          csv_bytes(TAOBAO_ITEM_HEADER, items, encoding))]
                result = self.import_and_wait("taobao", files)
                self.assertEqual(result["status"], "completed", result)
                self.assertEqual(result["format"], "taobao")
                self.assertEqual((result["rows"], result["accepted"], result["duplicate"],
                                  result["rejected"]), (6, 3, 0, 3), result)
                self.assertEqual(result["progress"]["percent"], 100)
                rows = self.by_external_id(result)
                self.assertEqual(rows[ids["paid"]]["row"], 2, "the header is row 1")
                self.assertEqual(rows[ids["closed"]]["outcome"], "rejected")
                self.assertEqual(rows[ids["closed"]]["row"], 4)
                self.assertEqual(rows[ids["closed"]]["column"], "订单状态")
                self.assertIn("交易关闭", rows[ids["closed"]]["reason"])
                self.assertEqual(rows[ids["unknown"]]["outcome"], "rejected")
                self.assertEqual(rows[ids["unknown"]]["column"], "商家编码")
                self.assertEqual(rows[ids["unknown"]]["code"], "unknown_sku")
                self.assertEqual(rows[ids["bad_amount"]]["column"], "买家应付货款")
                self.assertEqual(rows[ids["bad_amount"]]["row"], 7)

                paid = self.get_order(rows[ids["paid"]]["order_no"])
                self.assertEqual(paid["channel"], "taobao")
                self.assertEqual(paid["external_id"], ids["paid"], "the guard is gone")
                self.assertEqual(paid["status"], "awaiting_fulfillment", "paid and approved")
                self.assertEqual(paid["total_amount"], 2 * 6600 + 1250)
                self.assertEqual([(ln["sku"], ln["quantity"]) for ln in paid["lines"]],
                                 [(self.tea["sku"], 2), (self.cup["sku"], 1)])
                self.assertEqual(paid["consignee"]["address"]["district"], "西湖区")
                unpaid = self.get_order(rows[ids["unpaid"]]["order_no"])
                self.assertEqual(unpaid["status"], "pending_payment")
                held = self.get_order(rows[ids["vague"]]["order_no"])
                self.assertEqual(held["status"], "pending_review", "held, not dropped")
                self.assertTrue(held["on_hold"], held)
                cases = o.expect(self.admin.get("/api/v1/anomalies",
                                                query={"order_no": held["order_no"]}), 200)
                self.assertIn("address_incomplete", [c["type"] for c in cases["data"]])
                self.assertEqual(self.stock(self.tea)["reserved"] - tea_before, 2 + 1 + 1,
                                 "stock reserved for the three accepted orders only")

                # The same files again change nothing: the orders are duplicates.
                again = self.import_and_wait("taobao", files)
                self.assertEqual((again["accepted"], again["duplicate"], again["rejected"]),
                                 (0, 3, 3), again)
                again_rows = self.by_external_id(again)
                self.assertEqual(again_rows[ids["paid"]]["order_no"], paid["order_no"])
                self.assertEqual(self.stock(self.tea)["reserved"] - tea_before, 4)
                self.assertEqual(len(self.find_by_external_id(ids["paid"])), 1)

    def test_jd_pdd_and_ordo_files(self):
        samples = ImportSamples(self.tea, self.cup)
        jd_rows, jd = samples.jd()
        result = self.import_and_wait("jd", [("jd.csv", csv_bytes(JD_HEADER, jd_rows, "gb18030"))])
        self.assertEqual((result["rows"], result["accepted"], result["rejected"]), (2, 2, 0),
                         result)
        rows = self.by_external_id(result)
        order = self.get_order(rows[jd["paid"]]["order_no"])
        self.assertEqual(order["channel"], "jd")
        self.assertEqual(len(order["lines"]), 2, "two rows, one order")
        self.assertEqual(order["consignee"]["address"]["city"], "深圳市")
        self.assertEqual(self.get_order(rows[jd["unpaid"]]["order_no"])["status"],
                         "pending_payment")

        pdd_rows, pdd = samples.pdd()
        result = self.import_and_wait("pdd", [("pdd.csv",
                                               csv_bytes(PDD_HEADER, pdd_rows, "utf-8-sig"))])
        rows = self.by_external_id(result)
        self.assertEqual(rows[pdd["paid"]]["outcome"], "accepted", result)
        self.assertEqual(rows[pdd["shipped"]]["outcome"], "rejected")
        self.assertEqual(rows[pdd["shipped"]]["column"], "订单状态")
        order = self.get_order(rows[pdd["paid"]]["order_no"])
        self.assertEqual(order["channel"], "pdd")
        self.assertEqual(order["consignee"]["address"]["province"], "江苏省")

        ordo_rows, ordo = samples.ordo()
        result = self.import_and_wait("ordo", [("orders.csv",
                                                csv_bytes(ORDO_HEADER, ordo_rows, "utf-8-sig"))])
        rows = self.by_external_id(result)
        self.assertEqual(rows[ordo["paid"]]["outcome"], "accepted", result)
        self.assertEqual(self.get_order(rows[ordo["paid"]]["order_no"])["channel"], "store")

        listed = o.expect(self.ops.get("/api/v1/imports", query={"limit": 2}), 200)
        self.assertEqual(len(listed["data"]), 2)
        self.assertEqual(listed["data"][0]["format"], "ordo", "newest first")
        self.assertIsNotNone(listed["next_cursor"])

    def test_an_upload_rests_sealed_and_is_gone_once_imported(self):
        rows, ids = ImportSamples(self.tea, self.cup).jd()
        content = csv_bytes(JD_HEADER, rows, "gb18030")
        result = self.import_and_wait("jd", [("jd.csv", content)])
        self.assertEqual(result["status"], "completed", result)
        staged = os.path.join(self.server.data_dir, "imports")
        self.assertEqual(os.listdir(staged), [], "the upload is removed when its import ends")
        # While an upload waits, only sealed bytes are on disk: no name, phone or address.
        for name in os.listdir(self.server.data_dir):
            self.assertFalse(name.endswith(".csv"), name)

    def test_a_file_unreadable_part_way_keeps_the_orders_before_it(self):
        rows, ids = ImportSamples(self.tea, self.cup).jd()
        # The paid order (rows 2-3), the unpaid one (row 4), then a row that is not UTF-8.
        content = csv_bytes(JD_HEADER, rows, "utf-8") + b"\t23999,1,\xff\xfe,1\r\n"
        result = self.import_and_wait("jd", [("jd.csv", content)])
        self.assertEqual(result["status"], "failed", result)
        self.assertIn("jd.csv, row 5", result["error"])
        self.assertEqual((result["accepted"], result["rejected"]), (1, 1), result)
        by_row = {row["row"]: row for row in result["results"]["data"]}
        self.assertEqual(by_row[2]["outcome"], "accepted")
        self.assertEqual(by_row[4]["outcome"], "rejected",
                         "the order that may go on in the bad row is held back")
        self.assertIn("row 5", by_row[4]["reason"])

    def test_rejected_rows_can_be_listed_alone(self):
        orders, items, ids = ImportSamples(self.tea, self.cup).taobao()
        files = [("list.csv", csv_bytes(TAOBAO_LIST_HEADER, orders, "gb18030")),
                 ("items.csv", csv_bytes(TAOBAO_ITEM_HEADER, items, "gb18030"))]
        result = self.import_and_wait("taobao", files)
        rejected = o.expect(self.ops.get(f"/api/v1/imports/{result['id']}",
                                         query={"outcome": "rejected"}), 200)
        self.assertEqual(sorted(r["external_id"] for r in rejected["results"]["data"]),
                         sorted([ids["closed"], ids["unknown"], ids["bad_amount"]]))
        page = o.expect(self.ops.get(f"/api/v1/imports/{result['id']}", query={"limit": 2}), 200)
        self.assertEqual(len(page["results"]["data"]), 2)
        rest = o.expect(self.ops.get(f"/api/v1/imports/{result['id']}",
                                     query={"limit": 200,
                                            "cursor": page["results"]["next_cursor"]}), 200)
        self.assertEqual(len(rest["results"]["data"]), 4)

    def test_bad_uploads_are_refused_naming_the_field(self):
        body, content_type = multipart({}, [("x.csv", b"a,b\r\n")])
        resp = self.ops.post("/api/v1/imports", raw=body, headers={"Content-Type": content_type})
        self.assertFieldError(resp, "format", "required")
        body, content_type = multipart({"format": "amazon"}, [("x.csv", b"a,b\r\n")])
        resp = self.ops.post("/api/v1/imports", raw=body, headers={"Content-Type": content_type})
        self.assertFieldError(resp, "format", "invalid_value")
        body, content_type = multipart({"format": "jd"}, [])
        resp = self.ops.post("/api/v1/imports", raw=body, headers={"Content-Type": content_type})
        self.assertFieldError(resp, "file", "required")
        resp = self.ops.post("/api/v1/imports", {"format": "jd"})
        self.assertStatus(resp, 422, "a JSON body is not an upload")
        # A file of another platform: the import fails and says which columns are missing.
        result = self.import_and_wait("jd", [("pdd.csv", csv_bytes(PDD_HEADER, [], "gb18030"))])
        self.assertEqual(result["status"], "failed")
        self.assertIn("订购数量", result["error"])
        resp = self.ops.get("/api/v1/imports/999999")
        self.assertStatus(resp, 404, "no such import")
        warehouse = self.server.client(self.server.token("warehouse"))
        self.upload("jd", [("jd.csv", b"x")], client=warehouse, expect_status=403)

    def test_a_browser_session_uploads_with_the_explicit_header(self):
        user = o.unique("ops").lower().replace("-", "_")
        o.expect(self.admin.post("/api/v1/users", {
            "username": user, "password": "Longjing-2025-import", "role": "operations",
            "department": "operations", "display_name": "导入"}), 201)
        login = self.admin.post("/api/v1/auth/login",
                                {"username": user, "password": "Longjing-2025-import"},
                                token=None)
        self.assertStatus(login, 200, "login")
        cookie = login.header("set-cookie").split(";")[0]
        rows, _ = ImportSamples(self.tea, self.cup).ordo()
        body, content_type = multipart({"format": "ordo"},
                                       [("o.csv", csv_bytes(ORDO_HEADER, rows, "utf-8-sig"))])
        headers = {"Content-Type": content_type, "Cookie": cookie}
        resp = self.admin.post("/api/v1/imports", raw=body, headers=headers, token=None)
        self.assertStatus(resp, 403, "a form post without the header is cross-site")
        self.assertEqual(resp.json["code"], "cross_site_request")
        headers["X-Requested-With"] = "XMLHttpRequest"
        resp = self.admin.post("/api/v1/imports", raw=body, headers=headers, token=None)
        self.assertStatus(resp, 202, "the console's upload")
        self.assertEqual(self.finished(resp.json["id"])["created_by"], f"user:{user}")

    def assertStatus(self, resp, status, what):
        self.assertEqual(resp.status, status, f"{what}: {resp.describe()}")

    def assertFieldError(self, resp, field, code):
        self.assertEqual(resp.status, 422, resp.describe())
        errors = {(e["field"], e["code"]) for e in resp.json.get("errors", [])}
        self.assertIn((field, code), errors, resp.describe())


class CliImportTest(unittest.TestCase):
    """`ordo import` on a stopped store: summary line, report file, exit codes."""

    @classmethod
    def setUpClass(cls):
        cls.server = o.OrdoServer(cls.__name__)
        cls.addClassCleanup(cls.server.cleanup)
        cls.server.start()
        admin = cls.server.client(cls.server.token("admin"))
        warehouse = o.create_warehouse(admin)
        cls.tea = o.seed_sku_with_stock(admin, warehouse, 1000, price_amount=6600)
        cls.cup = o.seed_sku_with_stock(admin, warehouse, 1000, name="玻璃杯", price_amount=1250)
        cls.server.stop()
        cls.work = cls.server.log_dir

    def run_import(self, fmt, *files, report=None):
        cmd = [self.server.bin, "import", "--data", self.server.data_dir, "--format", fmt,
               *files]
        if report:
            cmd += ["--report", report]
        return subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=120)

    def write(self, name, content):
        path = os.path.join(self.work, name)
        with open(path, "wb") as f:
            f.write(content)
        return path

    def test_summary_report_duplicates_and_exit_codes(self):
        orders, items, ids = ImportSamples(self.tea, self.cup).taobao()
        listing = self.write("list.csv", csv_bytes(TAOBAO_LIST_HEADER, orders, "gb18030"))
        detail = self.write("items.csv", csv_bytes(TAOBAO_ITEM_HEADER, items, "gb18030"))
        report = os.path.join(self.work, "report.csv")
        res = self.run_import("taobao", listing, detail, report=report)
        self.assertEqual(res.returncode, 0, res.stderr.decode())
        self.assertEqual(res.stdout.decode().strip().splitlines()[-1],
                         "accepted 3, duplicate 0, rejected 3")
        with open(report, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
        self.assertEqual(len(rows), 6, "one row per order read")
        by_id = {row["external_id"]: row for row in rows}
        self.assertEqual(by_id[ids["closed"]]["outcome"], "rejected")
        self.assertEqual(by_id[ids["closed"]]["row"], "4")
        self.assertEqual(by_id[ids["closed"]]["column"], "订单状态")
        self.assertTrue(by_id[ids["paid"]]["order_no"].isdigit())
        self.assertEqual(by_id[ids["unknown"]]["code"], "unknown_sku")

        again = self.run_import("taobao", listing, detail)
        self.assertEqual(again.returncode, 0, again.stderr.decode())
        self.assertEqual(again.stdout.decode().strip().splitlines()[-1],
                         "accepted 0, duplicate 3, rejected 3")

        missing = self.run_import("jd", os.path.join(self.work, "no-such-file.csv"))
        self.assertEqual(missing.returncode, 1)
        wrong = self.run_import("jd", self.write("wrong.csv", b"a,b\r\n1,2\r\n"))
        self.assertEqual(wrong.returncode, 1)
        self.assertIn("订单号", wrong.stderr.decode())
        usage = self.run_import("amazon", listing)
        self.assertNotIn(usage.returncode, (0, 1), "a bad command line is neither")

        # The server sees what the command imported, and its stock.
        self.server.start()
        admin = self.server.client(self.server.token("admin"))
        listed = o.expect(admin.get("/api/v1/imports"), 200)
        self.assertGreaterEqual(len(listed["data"]), 2)
        self.assertTrue(all(i["status"] in ("completed", "failed") for i in listed["data"]))
        paid = o.expect(admin.get("/api/v1/orders/" + by_id[ids["paid"]]["order_no"]), 200)
        self.assertEqual(paid["external_id"], ids["paid"])
        self.assertEqual(paid["channel"], "taobao")
        self.assertEqual(o.stock_of(admin, self.tea["sku"])["reserved"], 4)
        self.server.stop()

        # shared/spec/api.md, "Data in and out": a file read part-way was read (exit 0, every
        # order before the bad row imported, the failure a rejected row); one that cannot be
        # read from its first row could not be read at all (exit 1). The summary stays last.
        jd_rows, jd = ImportSamples(self.tea, self.cup).jd()
        part = self.write("part.csv", csv_bytes(JD_HEADER, jd_rows, "utf-8")
                          + b"\t23999,1,\xff\xfe,1\r\n")
        part_report = os.path.join(self.work, "part-report.csv")
        partial = self.run_import("jd", part, report=part_report)
        self.assertEqual(partial.returncode, 0, partial.stderr.decode())
        self.assertEqual(partial.stdout.decode().strip().splitlines()[-1],
                         "accepted 1, duplicate 0, rejected 1")
        self.assertIn("row 5", partial.stderr.decode())
        with open(part_report, encoding="utf-8-sig", newline="") as f:
            part_rows = list(csv.DictReader(f))
        self.assertEqual([(r["row"], r["outcome"]) for r in part_rows],
                         [("2", "accepted"), ("4", "rejected")])
        unreadable = self.run_import("jd", self.write(
            "unreadable.csv", csv_bytes(JD_HEADER, [], "utf-8") + b"\t23998,1,\xff\xfe,1\r\n"))
        self.assertEqual(unreadable.returncode, 1, unreadable.stderr.decode())
        self.assertEqual(unreadable.stdout.decode().strip().splitlines()[-1],
                         "accepted 0, duplicate 0, rejected 1")


class LargeImportTest(o.OrdoTestCase):
    """A file of some thousands of orders over HTTP, and a server stopped in the middle of one:
    the import is then recorded as interrupted, never left running."""

    @classmethod
    def seed_class(cls):
        cls.warehouse = o.create_warehouse(cls.admin)
        o.expect(o.patch_settings(cls.admin, {"receipt_approval_quantity": 100_000_000}), 200,
                 what="one receipt for the whole stock")
        cls.tea = o.seed_sku_with_stock(cls.admin, cls.warehouse, 10_000_000, price_amount=6600)

    def file(self, count):
        rows, _ = ImportSamples(self.tea, self.tea).ordo()
        template = rows[0]
        out = []
        for i in range(count):
            row = dict(template, external_id=f"BULK-{uuid.uuid4().hex[:8]}-{i}",
                       member_id=f"m-bulk-{uuid.uuid4().hex[:8]}-{i}",
                       consignee_phone=f"139{i:08d}", customer_phone=f"139{i:08d}")
            out.append(row)
        return csv_bytes(ORDO_HEADER, out, "utf-8-sig")

    def test_thousands_of_rows_and_an_interrupted_import(self):
        body, content_type = multipart({"format": "ordo"}, [("bulk.csv", self.file(3000))])
        resp = self.admin.post("/api/v1/imports", raw=body, headers={"Content-Type": content_type})
        self.assertEqual(resp.status, 202, resp.describe())
        deadline = time.monotonic() + POLL_TIMEOUT_S
        while True:
            result = o.expect(self.admin.get(f"/api/v1/imports/{resp.json['id']}"), 200)
            if result["status"] not in ("queued", "running"):
                break
            self.assertLess(time.monotonic(), deadline)
            time.sleep(0.1)
        self.assertEqual((result["status"], result["accepted"]), ("completed", 3000), result)

        big = self.file(40000)
        body, content_type = multipart({"format": "ordo"}, [("bigger.csv", big)])
        resp = self.admin.post("/api/v1/imports", raw=body, headers={"Content-Type": content_type})
        self.assertEqual(resp.status, 202, resp.describe())
        self.server.restart()
        admin = self.server.client(self.admin_token)
        after = o.expect(admin.get(f"/api/v1/imports/{resp.json['id']}",
                                   query={"limit": 1}), 200)
        self.assertIn(after["status"], ("interrupted", "completed"), after)
        self.assertEqual(after["rows"], after["accepted"] + after["duplicate"] + after["rejected"])
        if after["status"] == "interrupted":
            self.assertLess(after["rows"], 40000)
            self.assertIsNotNone(after["finished_at"])


if __name__ == "__main__":
    unittest.main()
