"""The warehouse floor over HTTP: waybill numbers from the carriers' ranges (loaded over HTTP and
with `ordo waybill load`, never twice, a warning as they run low, orders left out of a wave when
a carrier has none), labels as the courier needs them (the full address, a masked name and phone,
the sender's phone, cash on delivery with its amount, one label per box of a heavy order), the
list of waves, the at-risk list page by page and per warehouse, low stock per warehouse, and the
packaging allowance of the weighing check."""

import os
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ordo_server as o  # noqa: E402
from test_fulfillment import FulfillmentCase, code  # noqa: E402


class WaybillRangeTest(FulfillmentCase):
    """A server whose ZTO numbers are few: the tests here load them (no class-wide ranges)."""

    @classmethod
    def seed_class(cls):
        cls.warehouse = cls.server.client(cls.server.token("warehouse"))
        cls.logistics = cls.server.client(cls.server.token("logistics"))
        o.expect(o.patch_settings(cls.admin, {"waybill_low_threshold": 1}), 200,
                 what="threshold")

    def load(self, body, client=None):
        return (client or self.logistics).post("/api/v1/waybill-ranges", body)

    def test_numbers_come_from_the_loaded_ranges_never_twice_and_warn_as_they_run_low(self):
        self.assertFieldError(self.load({"carrier": "ZT0", "first_no": 1, "last_no": 9}),
                              "carrier", "unknown_carrier")
        self.assertFieldError(self.load({"carrier": "ZTO", "first_no": 9, "last_no": 1}),
                              "last_no", "invalid_value")
        self.assertProblem(self.load({"carrier": "ZTO", "first_no": 1, "last_no": 9},
                                     client=self.warehouse), 403, "forbidden")
        resp = self.load({"carrier": "zto", "first_no": 731000000001, "last_no": 731000000002,
                          "note": "中通 号段"})
        self.assertStatus(resp, 201, "a range")
        self.assertEqual((resp.json["carrier"], resp.json["first"], resp.json["remaining"]),
                         ("ZTO", "731000000001", 2), resp.json)
        self.assertProblem(self.load({"carrier": "ZTO", "first_no": 731000000002,
                                      "last_no": 731000000009}), 409, "already_exists")

        wh = self.new_warehouse()
        tea = self.new_sku(wh, 20, code=code(), weight_g=500)
        orders = [self.approved([(tea, 1)]) for _ in range(3)]
        resp = self.warehouse.post("/api/v1/waves", {"warehouse": wh, "max_orders": 10})
        self.assertStatus(resp, 201, "a wave")
        wave = resp.json
        self.assertEqual([w["tracking_no"] for w in wave["orders"]],
                         ["731000000001", "731000000002"], "in order, from the range")
        self.assertEqual([(e["order_no"], e["code"]) for e in wave["left_out"]],
                         [(orders[2]["order_no"], "no_waybill_numbers")], wave)
        self.assertEqual([(w["carrier"], w["remaining"], w["low"]) for w in
                          wave["waybill_warnings"]], [("ZTO", 0, True)], wave)
        listed = self.logistics.get("/api/v1/waybill-ranges", query={"carrier": "ZTO"}).json
        self.assertEqual([(c["carrier"], c["remaining"], c["low"]) for c in listed["carriers"]],
                         [("ZTO", 0, True)])
        self.assertIn("no waybill numbers left", listed["carriers"][0]["message"])
        lower = self.logistics.get("/api/v1/waybill-ranges", query={"carrier": "zto"}).json
        self.assertEqual(lower, listed, "a carrier is named in any case")
        audit = self.admin.get("/api/v1/audit", query={"entity": "waybill_stock", "id": "ZTO"})
        self.assertEqual([e["action"] for e in audit.json["data"]], ["low"], audit.describe())

        # The command line loads the carrier's next range beside the running server.
        res = subprocess.run([self.server.bin, "waybill", "load", "--data", self.server.data_dir,
                              "--carrier", "ZTO", "--first", "731000000101", "--last",
                              "731000000110"], capture_output=True, timeout=60)
        self.assertEqual(res.returncode, 0, res.stderr.decode("utf-8", "replace"))
        self.assertIn(b"731000000101", res.stdout)
        res = subprocess.run([self.server.bin, "waybill", "load", "--data", self.server.data_dir,
                              "--carrier", "ZTO", "--first", "731000000105", "--last",
                              "731000000120"], capture_output=True, timeout=60)
        self.assertEqual(res.returncode, 2, "an overlapping range is refused")
        resp = self.warehouse.post("/api/v1/waves", {"warehouse": wh, "max_orders": 10})
        self.assertStatus(resp, 201, "the order left out joins the next wave")
        self.assertEqual([(w["order_no"], w["tracking_no"]) for w in resp.json["orders"]],
                         [(orders[2]["order_no"], "731000000101")])
        res = subprocess.run([self.server.bin, "waybill", "list", "--data", self.server.data_dir],
                             capture_output=True, timeout=60)
        self.assertIn(b"carrier ZTO: 9 numbers left", res.stdout, res.stdout)


class WarehouseFloorTest(FulfillmentCase):

    def test_a_label_shows_the_full_address_the_sender_phone_and_cash_to_collect(self):
        code_ = "L" + o.unique("WH")[-8:]
        o.expect(self.admin.post("/api/v1/warehouses", {
            "code": code_, "name": "嘉定仓", "phone": "021-69581234",
            "address": {"province": "上海市", "city": "上海市", "district": "嘉定区",
                        "detail": "墨玉路185号"}}), 201, what="warehouse")
        self.assertFieldError(self.admin.post("/api/v1/warehouses", {
            "code": code_ + "X", "name": "坏电话", "phone": "call me"}), "phone", "invalid_value")
        tea = self.new_sku(code_, 20, code=code(), weight_g=500, price_amount=6600)
        detail = "华新镇华志路1688号 3号楼 1201室"
        phone = o.unique_phone()
        cod = self.place(o.order_body([(tea, 2)], payment_method="cod", phone=phone,
                                      detail=detail))
        self.act(cod["order_no"], "review", {"decision": "approve", "reason": "ok"})
        self.act(cod["order_no"], "cod-confirmation", {"channel": "phone", "confirmed": True})
        wave = o.expect(self.warehouse.post("/api/v1/waves", {"warehouse": code_,
                                                                "max_orders": 5}), 201)
        labels = self.warehouse.get(f"/api/v1/waves/{wave['id']}/labels.pdf")
        self.assertStatus(labels, 200, "labels")
        text = o.pdf_text(labels.body)
        compact = text.replace(" ", "").replace("\n", "")
        self.assertIn(detail.replace(" ", ""), compact, "the courier needs the whole address")
        self.assertIn(o.mask_phone(phone), text, "the consignee's phone is masked")
        self.assertNotIn(phone, text)
        self.assertIn("021-69581234", text, "the sender's phone")
        self.assertIn("代收货款", text)
        self.assertIn("¥132.00", text, "the amount the courier collects")
        self.assertIn("代收", text)

    def test_a_heavy_order_goes_out_in_boxes_each_with_its_own_label(self):
        wh = self.new_warehouse()
        drum = self.new_sku(wh, 10, code=code("D"), weight_g=23500, price_amount=9900)
        anvil = self.new_sku(wh, 3, code=code("A"), weight_g=60000, price_amount=9900)
        heavy = self.approved([(drum, 4)])  # 94 kg
        too_heavy = self.approved([(anvil, 1)])  # no carrier takes one 60 kg unit
        resp = self.warehouse.post("/api/v1/waves", {"warehouse": wh, "max_orders": 10})
        self.assertStatus(resp, 201, "a wave")
        wave = resp.json
        self.assertEqual([(w["order_no"], w["boxes"]) for w in wave["orders"]],
                         [(heavy["order_no"], 2)], wave)
        self.assertIn("in 2 boxes", wave["orders"][0]["carrier_reason"])
        self.assertEqual([(e["order_no"], e["code"]) for e in wave["left_out"]],
                         [(too_heavy["order_no"], "no_eligible_carrier")], wave)
        self.assertEqual(wave["unlabelled"], [])
        parcel = self.shipments(heavy["order_no"])[0]
        numbers = [b["tracking_no"] for b in parcel["boxes"]]
        self.assertEqual(len(set(numbers)), 2, parcel)
        self.assertEqual(numbers[0], parcel["tracking_no"], "box 1 carries the parcel's number")
        text = o.pdf_text(self.warehouse.get(f"/api/v1/waves/{wave['id']}/labels.pdf").body)
        for number in numbers:
            self.assertIn(number, text)
        self.assertIn("1/2", text)
        self.assertIn("2/2", text)

        no = heavy["order_no"]
        self.verify(no, client=self.warehouse)
        self.assertFieldError(self.act(no, "pack", {"boxes": [{"weight_g": 47000, "box": "??"}]},
                                       client=self.warehouse, expect_status=422),
                              "boxes[0].box", "invalid_value")
        packed = self.act(no, "pack", {"boxes": [{"weight_g": 47350, "box": "L5"},
                                                 {"weight_g": 47300, "box": "L5"}]},
                          client=self.warehouse).json
        self.assertEqual((packed["status"], packed["on_hold"]), ("packed", False), packed)
        parcel = self.shipments(no)[0]
        self.assertEqual([(b["weight_g"], b["box"]) for b in parcel["boxes"]],
                         [(47350, "L5"), (47300, "L5")])
        self.assertEqual([b["tracking_no"] for b in parcel["boxes"]], numbers,
                         "the labels printed at the wave stay good")
        shipped = self.act(no, "ship", {}, client=self.warehouse).json
        self.assertEqual(shipped["status"], "shipped")
        # The carrier may report on either box's number.
        resp = self.track(parcel["carrier"], numbers[1], o.unique("ev"), "in_transit",
                          "2026-11-27T02:00:00Z")
        self.assertStatus(resp, 200, "an event on the second box's number")
        self.assertEqual(resp.json["shipment"]["id"], parcel["id"])

    def test_a_small_parcel_is_judged_with_its_carton_and_a_tolerance_in_grams(self):
        wh = self.new_warehouse()
        mouse = self.new_sku(wh, 10, code=code("M"), weight_g=110)
        order = self.approved([(mouse, 1)])
        no = order["order_no"]
        self.act(no, "pick", client=self.warehouse)
        packed = self.pack(no, {"weight_g": 190, "box": "S1"}, client=self.warehouse).json
        self.assertFalse(packed["on_hold"], "110 g in a 60 g carton weighs 190 g: no hold")
        self.assertEqual(self.cases(order_no=no, type="weight_mismatch"), [])
        settings = self.admin.get("/api/v1/settings").json
        self.assertEqual((settings["weight_tolerance_g"], settings["packaging_weight_g"],
                          settings["require_verification"]), (50, 50, True))
        self.assertIn("S1", [b["code"] for b in settings["box_types"]])
        self.assertFieldError(o.patch_settings(self.admin, {"box_types": [
            {"code": "S1", "name": "a", "weight_g": 1}, {"code": "S1", "name": "b",
                                                        "weight_g": 2}]}),
                              "box_types[1].code", "invalid_value")

    def test_waves_are_listed_and_filtered(self):
        north, south = self.new_warehouse(), self.new_warehouse()
        tea = self.new_sku(north, 10, code=code())
        cup = self.new_sku(south, 10, code=code("C"))
        self.approved([(tea, 1)])
        self.approved([(cup, 1)])
        first = o.expect(self.warehouse.post("/api/v1/waves", {"warehouse": north,
                                                                "max_orders": 5}), 201)
        second = o.expect(self.warehouse.post("/api/v1/waves", {"warehouse": south,
                                                                 "max_orders": 5}), 201)
        listed = self.warehouse.get("/api/v1/waves", query={"warehouse": north}).json
        self.assertEqual([(w["id"], w["status"], w["orders"]) for w in listed["data"]],
                         [(first["id"], "open", 1)])
        newest = self.warehouse.get("/api/v1/waves", query={"limit": 1}).json
        self.assertEqual([w["id"] for w in newest["data"]], [second["id"]], "newest first")
        self.assertIsNotNone(newest["next_cursor"])
        following = self.warehouse.get("/api/v1/waves", query={
            "limit": 1, "cursor": newest["next_cursor"]}).json
        self.assertEqual([w["id"] for w in following["data"]], [first["id"]])
        today = self.warehouse.get("/api/v1/waves", query={
            "status": "open", "from": "2026-11-26", "to": "2026-11-27"}).json
        self.assertTrue({first["id"], second["id"]} <= {w["id"] for w in today["data"]}, today)
        self.assertEqual(self.warehouse.get("/api/v1/waves", query={
            "warehouse": north, "status": "closed"}).json["data"], [])
        self.assertFieldError(self.warehouse.get("/api/v1/waves", query={"status": "done"}),
                              "status", "invalid_value")
        self.assertFieldError(self.warehouse.get("/api/v1/waves", query={"from": "yesterday"}),
                              "from", "invalid_value")
        self.assertProblem(self.channel.get("/api/v1/waves"), 403, "forbidden")

    def test_the_at_risk_list_pages_and_says_each_entrys_warehouse(self):
        north, south = self.new_warehouse(), self.new_warehouse()
        tea = self.new_sku(north, 100, code=code())
        cup = self.new_sku(south, 100, code=code("C"))
        mine = [self.approved([(tea, 1)], service="express")["order_no"] for _ in range(5)]
        theirs = self.approved([(cup, 1)], service="express")["order_no"]
        seen, cursor, pages = [], None, 0
        while True:
            resp = self.admin.get("/api/v1/orders/at-risk", query={
                "within_hours": 24, "limit": 2, "cursor": cursor})
            self.assertStatus(resp, 200, "a page")
            seen += resp.json["data"]
            pages += 1
            cursor = resp.json["next_cursor"]
            if cursor is None or pages > 500:
                break
        numbers = [r["order_no"] for r in seen]
        self.assertEqual(len(numbers), len(set(numbers)), "each once")
        self.assertTrue(set(mine + [theirs]) <= set(numbers), "none cut off")
        for entry in seen:
            if entry["order_no"] in mine:
                self.assertEqual(entry["warehouses"], [north], entry)
        there = self.admin.get("/api/v1/orders/at-risk", query={
            "within_hours": 24, "warehouse": south, "limit": 200}).json["data"]
        self.assertEqual([r["order_no"] for r in there], [theirs])

    def test_low_stock_is_alerted_per_warehouse(self):
        north, south = self.new_warehouse(), self.new_warehouse()
        tea = self.new_sku(north, 50, code=code())
        cup = self.new_sku(north, 50, code=code("C"))
        for sku in (tea, cup):
            o.expect(self.admin.patch(f"/api/v1/skus/{sku['sku']}/stock-settings",
                                      {"low_stock_threshold": 5}), 200)
            o.receive_stock(self.admin, south, sku["sku"], 2)
        # The south runs out of cups while the north holds plenty.
        o.expect(self.admin.post("/api/v1/stock/adjustments", {
            "warehouse": south, "sku": cup["sku"], "quantity": -2, "reason": "破损报废"}), 201)
        alerts = self.admin.get("/api/v1/stock/alerts", query={"warehouse": south}).json
        found = {(a["kind"], a["sku"], a.get("warehouse")) for a in
                 alerts["low_stock"] + alerts["zero_stock"]}
        self.assertIn(("low_stock", tea["sku"], south), found, alerts)
        self.assertIn(("zero_stock", cup["sku"], south), found, alerts)
        self.assertTrue(all(a.get("warehouse") == south for a in
                            alerts["low_stock"] + alerts["zero_stock"]), alerts)
        everywhere = self.admin.get("/api/v1/stock/alerts").json
        whole = [a["sku"] for a in everywhere["low_stock"] + everywhere["zero_stock"]
                 if "warehouse" not in a]
        self.assertNotIn(cup["sku"], whole, "the SKU as a whole is neither low nor out")
        self.assertIn((cup["sku"], south), [(a["sku"], a.get("warehouse"))
                                            for a in everywhere["zero_stock"]])
        self.assertEqual(self.admin.get("/api/v1/stock/alerts", query={"warehouse": north})
                         .json["zero_stock"], [])
        self.assertFieldError(self.admin.get("/api/v1/stock/alerts", query={"warehouse": "NOPE"}),
                              "warehouse", "unknown_warehouse")

if __name__ == "__main__":
    unittest.main()
