"""A warehouse and logistics day, scripted as the warehouse lead and the logistics clerk work it:
waves in three warehouses (an unconfirmed cash-on-delivery order left out, then taken), a wrong
scan and the right one, packing in boxes with their weights (a heavy order in two boxes, a small
parcel in its carton, a parcel weighed wrongly and weighed again), a split order whose parcels
leave one by one, cancellations before picking, while picking and after packing, the carriers'
callbacks for parcels delivered, lost, refused (and returned) and delayed, a restock that serves
a waiting order, and a stocktake. At the end stock, shipments and orders agree: `ordo stock
verify` is clean."""

import os
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ordo_server as o  # noqa: E402
from test_fulfillment import FulfillmentCase, code  # noqa: E402

WAREHOUSES = {
    "SH": ("上海市", "上海市", "青浦区", "华新镇华志路1688号 3号库", "021-59761688"),
    "BJ": ("北京市", "北京市", "大兴区", "经海三路109号 5号库", "010-67856012"),
    "GZ": ("广东省", "广州市", "白云区", "太和镇大源北路28号 B栋", "020-86035520"),
}
ADDRESSES = {
    "SH": ("上海市", "上海市", "浦东新区", "世纪大道100号 8楼 801室"),
    "BJ": ("北京市", "北京市", "朝阳区", "建国路88号 2号楼 1502室"),
    "GZ": ("广东省", "广州市", "天河区", "天河路385号 12楼 1203室"),
}


class WarehouseDayTest(FulfillmentCase):

    @classmethod
    def seed_class(cls):
        super().seed_class()
        cls.purchasing = cls.server.client(cls.server.token("purchasing", "it-buyer-day"))
        cls.cs = cls.server.client(cls.server.token("customer_service", "it-cs-day"))
        cls.wh = {}
        for key, (province, city, district, detail, phone) in WAREHOUSES.items():
            cls.wh[key] = key + "-" + o.unique("D")[-6:]
            o.expect(cls.admin.post("/api/v1/warehouses", {
                "code": cls.wh[key], "name": f"{city}仓", "phone": phone,
                "address": {"province": province, "city": city, "district": district,
                            "detail": detail}}), 201, what=f"warehouse {key}")

    # -- helpers ----------------------------------------------------------------------------

    def order(self, lines, where="SH", **kw):
        province, city, district, detail = ADDRESSES[where]
        body = o.order_body(lines, **kw)
        body["consignee"]["address"] = {"province": province, "city": city,
                                        "district": district, "detail": detail}
        return self.place(body)

    def paid(self, lines, where="SH", **kw):
        placed = self.order(lines, where, **kw)
        self.act(placed["order_no"], "payments", o.payment_body(placed))
        return self.act(placed["order_no"], "review", {"decision": "approve", "reason": "ok"}).json

    def wave(self, key):
        resp = self.warehouse.post("/api/v1/waves", {"warehouse": self.wh[key], "max_orders": 50})
        self.assertStatus(resp, 201, f"a wave in {key}")
        return resp.json

    def parcel(self, order_no, key):
        found = [p for p in self.shipments(order_no) if p["warehouse"] == self.wh[key]]
        self.assertEqual(len(found), 1, self.shipments(order_no))
        return found[0]

    def scan(self, order_no, key, scans):
        return self.warehouse.post(f"/api/v1/orders/{order_no}/verify",
                                   {"warehouse": self.wh[key], "scans": scans})

    def pack(self, order_no, body, key=None, client=None, expect_status=200):
        body = dict(body, warehouse=self.wh[key]) if key else body
        return super().pack(order_no, body, client=client or self.warehouse,
                            expect_status=expect_status)

    def ship(self, order_no, key=None, **body):
        if key:
            body["warehouse"] = self.wh[key]
        return self.act(order_no, "ship", body, client=self.warehouse).json

    def event(self, order_no, key, status, at):
        number = self.parcel(order_no, key)["tracking_no"]
        carrier = self.parcel(order_no, key)["carrier"]
        resp = self.track(carrier, number, o.unique("ev"), status, at)
        self.assertStatus(resp, 200, f"{status} for {order_no}")
        return resp.json

    # -- the day ----------------------------------------------------------------------------

    def test_a_warehouse_day_ends_with_the_books_in_agreement(self):
        sh, bj, gz = self.wh["SH"], self.wh["BJ"], self.wh["GZ"]
        tea = self.new_sku(sh, 40, code=code(), name="西湖龙井", weight_g=500)
        o.receive_stock(self.admin, bj, tea["sku"], 20)
        cup = self.new_sku(gz, 10, code=code("C"), name="紫砂杯", weight_g=200, price_amount=1250)
        drum = self.new_sku(sh, 8, code=code("D"), name="桶装油", weight_g=23500)
        mouse = self.new_sku(bj, 20, code=code("M"), name="静音鼠标", weight_g=110,
                             price_amount=8900)
        for sku, key, location in ((tea, "SH", "A-01-1"), (drum, "SH", "C-10-1"),
                                   (mouse, "BJ", "B-02-3"), (cup, "GZ", "A-05-2")):
            o.expect(self.warehouse.request("PUT", f"/api/v1/warehouses/{self.wh[key]}/locations/"
                                            f"{sku['sku']}", {"location": location}), 200)

        # The morning's orders.
        plain = self.paid([(tea, 2)])                       # SH
        split = self.paid([(tea, 1), (cup, 2)])             # SH + GZ
        heavy = self.paid([(drum, 4)])                      # SH, 94 kg: two boxes
        weighed_wrong = self.paid([(tea, 1)])               # SH
        lost = self.paid([(tea, 1)])                        # SH
        refused = self.paid([(tea, 3)])                     # SH
        before_pick = self.paid([(tea, 1)])                 # cancelled before picking
        while_picking = self.paid([(tea, 1)])               # cancelled while picking
        after_packing = self.paid([(tea, 1)])               # cancelled after packing
        small = self.paid([(mouse, 1)], where="BJ")         # BJ: one mouse in its carton
        cod = self.order([(mouse, 2)], where="BJ", payment_method="cod")
        self.act(cod["order_no"], "review", {"decision": "approve", "reason": "ok"})
        waiting = self.paid([(cup, 12)], where="GZ")        # 8 cups left: 4 backordered
        self.assertEqual(waiting["lines"][0]["quantity_backordered"], 4)

        # A cancellation before picking is done at once.
        self.assertEqual(self.act(before_pick["order_no"], "cancel",
                                  {"reason": "拍错了"}, client=self.cs).json["status"],
                         "cancelled")

        # Waves in three warehouses: what cannot be picked yet is left out, with why.
        sh_wave = self.wave("SH")
        self.assertEqual(sorted(w["order_no"] for w in sh_wave["orders"]), sorted(
            o_["order_no"] for o_ in (plain, split, heavy, weighed_wrong, lost, refused,
                                      while_picking, after_packing)))
        heavy_parcel = [w for w in sh_wave["orders"] if w["order_no"] == heavy["order_no"]][0]
        self.assertEqual(heavy_parcel["boxes"], 2)
        bj_wave = self.wave("BJ")
        self.assertEqual([w["order_no"] for w in bj_wave["orders"]], [small["order_no"]])
        self.assertEqual([(e["order_no"], e["code"]) for e in bj_wave["left_out"]],
                         [(cod["order_no"], "cod_not_confirmed")])
        gz_wave = self.wave("GZ")
        self.assertEqual([w["order_no"] for w in gz_wave["orders"]], [split["order_no"]])
        self.assertEqual([(e["order_no"], e["code"]) for e in gz_wave["left_out"]],
                         [(waiting["order_no"], "backordered")])
        for wave in (sh_wave, bj_wave, gz_wave):
            for document in ("pick-list.pdf", "packing-slips.pdf", "labels.pdf"):
                resp = self.warehouse.get(f"/api/v1/waves/{wave['id']}/{document}")
                self.assertStatus(resp, 200, f"{wave['wave_no']} {document}")
        listed = self.warehouse.get("/api/v1/waves", query={"status": "open"}).json["data"]
        self.assertTrue({sh_wave["id"], bj_wave["id"], gz_wave["id"]} <= {w["id"] for w in listed})

        # The customer re-confirms cash on delivery: the next wave takes it.
        self.act(cod["order_no"], "cod-confirmation", {"channel": "phone", "confirmed": True},
                 client=self.cs)
        cod_wave = self.wave("BJ")
        self.assertEqual([w["order_no"] for w in cod_wave["orders"]], [cod["order_no"]])
        cod_labels = o.pdf_text(self.warehouse.get(f"/api/v1/waves/{cod_wave['id']}/labels.pdf")
                              .body)
        self.assertIn("代收货款：¥178.00", cod_labels.replace(" ", ""))
        self.assertIn("010-67856012", cod_labels, "the sender's phone")

        # A cancellation while picking waits for the warehouse, which confirms it.
        asked = self.act(while_picking["order_no"], "cancel", {"reason": "不想要了"},
                         client=self.cs, expect_status=202).json
        o.expect(self.warehouse.post(f"/api/v1/orders/{while_picking['order_no']}/changes/"
                                     f"{asked['id']}/confirm", {}), 200)

        # Scans: a wrong item is caught and packing waits for the right scan.
        wrong = self.scan(plain["order_no"], "SH", [{"sku": cup["sku"], "quantity": 2}])
        self.assertProblem(wrong, 409, "verification_mismatch")
        self.assertProblem(self.act(plain["order_no"], "pack", {"weight_g": 1060},
                                    client=self.warehouse, expect_status=409),
                           409, "verification_mismatch")
        self.pack(plain["order_no"], {"weight_g": 1060, "box": "S1"})

        # Packing with boxes and weights.
        self.pack(heavy["order_no"], {"boxes": [{"weight_g": 47350, "box": "L5"},
                                                {"weight_g": 47300, "box": "L5"}]})
        self.pack(small["order_no"], {"weight_g": 190, "box": "S1"})  # 110 g in its carton
        self.pack(cod["order_no"], {"weight_g": 290, "box": "S1"})
        for order in (lost, refused):
            self.pack(order["order_no"], {"weight_g": 500 * (3 if order is refused else 1) + 60,
                                          "box": "S1"})
        held = self.pack(weighed_wrong["order_no"], {"weight_g": 900}).json
        self.assertTrue(held["on_hold"], "weighed wrongly: held")
        again = self.warehouse.post(f"/api/v1/orders/{weighed_wrong['order_no']}/reweigh",
                                    {"weight_g": 560})
        self.assertEqual((again.json["case_resolved"], again.json["on_hold"]), (True, False))
        self.pack(after_packing["order_no"], {"weight_g": 560})
        asked = self.act(after_packing["order_no"], "cancel", {"reason": "地址填错了"},
                         client=self.cs, expect_status=202).json
        o.expect(self.warehouse.post(f"/api/v1/orders/{after_packing['order_no']}/changes/"
                                     f"{asked['id']}/confirm", {}), 200)
        sh_labels = o.pdf_text(self.warehouse.get(f"/api/v1/waves/{sh_wave['id']}/labels.pdf").body)
        for cancelled in (while_picking, after_packing):
            self.assertNotIn(cancelled["order_no"], sh_labels, "a cancelled order does not print")

        # The split order: each warehouse ships its own parcel as soon as it is packed.
        self.pack(split["order_no"], {"weight_g": 560}, key="SH")
        self.assertEqual(self.ship(split["order_no"], "SH")["status"], "picking")
        self.pack(split["order_no"], {"weight_g": 460}, key="GZ")
        self.assertEqual(self.ship(split["order_no"], "GZ")["status"], "shipped")

        for order in (plain, heavy, weighed_wrong, lost, refused, small, cod):
            self.assertEqual(self.ship(order["order_no"])["status"], "shipped", order["order_no"])
        self.assertEqual(self.parcel(weighed_wrong["order_no"], "SH")["packed_weight_g"], 560)

        # The carriers call in: delivered, lost, refused then returned, delayed then delivered.
        self.event(plain["order_no"], "SH", "delivered", "2026-11-27T06:00:00Z")
        self.event(split["order_no"], "SH", "delivered", "2026-11-27T07:00:00Z")
        self.event(split["order_no"], "GZ", "delivered", "2026-11-28T07:00:00Z")
        self.event(heavy["order_no"], "SH", "delivered", "2026-11-28T08:00:00Z")
        self.event(weighed_wrong["order_no"], "SH", "delivered", "2026-11-27T09:00:00Z")
        self.event(small["order_no"], "BJ", "delivered", "2026-11-27T10:00:00Z")
        self.event(lost["order_no"], "SH", "lost", "2026-11-27T11:00:00Z")
        self.assertProblem(self.act(lost["order_no"], "deliver", client=self.logistics,
                                    expect_status=409), 409, "order_on_hold")
        self.event(refused["order_no"], "SH", "refused", "2026-11-27T12:00:00Z")
        self.event(refused["order_no"], "SH", "returned", "2026-11-29T12:00:00Z")
        returned = self.parcel(refused["order_no"], "SH")
        o.expect(self.warehouse.post(f"/api/v1/shipments/{returned['id']}/inspect",
                                     {"passed": True, "note": "包装完好"}), 200)
        self.event(cod["order_no"], "BJ", "delayed", "2026-11-27T13:00:00Z")
        delivered = self.event(cod["order_no"], "BJ", "delivered", "2026-11-28T03:00:00Z")
        self.assertEqual(delivered["order_status"], "delivered")
        cod_order = self.get_order(cod["order_no"])
        self.assertEqual(cod_order["payment_status"], "cod_collected")
        self.assertEqual(o.parse_time(cod_order["delivered_at"]),
                         o.parse_time("2026-11-28T03:00:00Z"))

        # A restock serves the waiting order, which the next wave takes; then a stocktake.
        o.receive_stock(self.admin, gz, cup["sku"], 10)
        self.assertEqual(self.get_order(waiting["order_no"])["lines"][0]["quantity_backordered"],
                         0)
        restock_wave = self.wave("GZ")
        self.assertEqual([w["order_no"] for w in restock_wave["orders"]], [waiting["order_no"]])
        self.pack(waiting["order_no"], {"weight_g": 2450, "box": "M3"})
        self.ship(waiting["order_no"])
        take = o.expect(self.warehouse.post("/api/v1/stocktakes", {
            "warehouse": bj, "skus": [mouse["sku"]], "reason": "日终盘点"}), 201)
        path = f"/api/v1/stocktakes/{take['id']}"
        o.expect(self.warehouse.post(path + "/counts", {"counts": [
            {"sku": mouse["sku"], "counted": 16}]}), 200)
        o.expect(self.purchasing.post(path + "/approve"), 200)

        # Stock, shipments and orders agree.
        check = o.expect(self.admin.get("/api/v1/stock/verify"), 200)
        self.assertEqual(check["differences"], [], check)
        run = subprocess.run([self.server.bin, "stock", "verify", "--data", self.server.data_dir],
                             capture_output=True, timeout=o.CLI_TIMEOUT_S)
        self.assertEqual(run.returncode, 0, run.stdout.decode("utf-8", "replace"))
        self.assertIn(b"stock: OK", run.stdout)
        expected = [(plain, "delivered"), (split, "delivered"), (heavy, "delivered"),
                    (weighed_wrong, "delivered"), (small, "delivered"), (cod, "delivered"),
                    (lost, "shipped"), (refused, "closed"), (waiting, "shipped"),
                    (before_pick, "cancelled"), (while_picking, "cancelled"),
                    (after_packing, "cancelled")]
        for order, status in expected:
            self.assertAgrees(order["order_no"], status)
        self.assertStock(tea, 60 - 2 - 1 - 1 - 1, 0, "tea: the refused parcel came back")
        # Every parcel of the refused order came back: it is closed and its money refunded.
        closed = self.get_order(refused["order_no"])
        self.assertEqual(closed["kept_amount"], 0, closed)
        self.assertEqual(closed["refunded_amount"] + closed["due_amount"], closed["paid_amount"],
                         closed)

    def assertAgrees(self, order_no, status):
        order = self.get_order(order_no)
        self.assertEqual(order["status"], status, order_no)
        parcels = self.shipments(order_no)
        shipped = {}
        for parcel in parcels:
            if parcel["status"] not in ("planned", "packed", "cancelled"):
                for ln in parcel["lines"]:
                    shipped[ln["sku"]] = shipped.get(ln["sku"], 0) + ln["quantity"]
            if status == "cancelled":
                self.assertEqual(parcel["status"], "cancelled", parcel)
            if status in ("shipped", "delivered"):
                self.assertNotIn(parcel["status"], ("planned", "packed"), parcel)
        for ln in order["lines"]:
            self.assertEqual(ln["quantity_shipped"], shipped.get(ln["sku"], 0), (order_no, ln))
            if status in ("shipped", "delivered"):
                self.assertEqual(ln["quantity_reserved"], 0, (order_no, ln))


if __name__ == "__main__":
    unittest.main()
