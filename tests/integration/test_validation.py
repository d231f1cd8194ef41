"""Refused input (INT-3, api.md conventions): each bad request gets a clear 4xx naming the
field and its stable code, and changes nothing — no order is stored (searching its external id
finds nothing) and no stock moves. Also malformed JSON (400), missing or bad credentials (401),
and a channel token creating for another channel (403)."""

import copy
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ordo_server as o  # noqa: E402


def set_path(body, path, value):
    """Sets body[a][b]... for a dotted path with [i] indexes; value DELETE removes the key."""
    parts = []
    for part in path.split("."):
        while "[" in part:
            name, rest = part.split("[", 1)
            if name:
                parts.append(name)
            idx, part = rest.split("]", 1)
            parts.append(int(idx))
        if part:
            parts.append(part)
    node = body
    for p in parts[:-1]:
        node = node[p]
    if value is DELETE:
        del node[parts[-1]]
    else:
        node[parts[-1]] = value


DELETE = object()


class ValidationTest(o.OrdoTestCase):

    @classmethod
    def seed_class(cls):
        cls.wh = o.create_warehouse(cls.admin)
        a = cls.admin
        cls.tea = o.seed_sku_with_stock(a, cls.wh, 100, price_amount=6600)
        cls.cup = o.seed_sku_with_stock(a, cls.wh, 100, name="紫砂杯", spec="200ml",
                                        price_amount=1250, weight_g=180)
        cls.min2 = o.seed_sku_with_stock(a, cls.wh, 100, name="茶饼", spec="357g",
                                         price_amount=3000, min_quantity=2)
        cls.step6 = o.seed_sku_with_stock(a, cls.wh, 100, name="矿泉水", spec="550ml",
                                          price_amount=200, step_quantity=6, min_quantity=6)
        cls.unsellable = o.seed_sku_with_stock(a, cls.wh, 100, name="样品", spec="试用装",
                                               price_amount=100, sellable=False)
        cls.skus = [cls.tea, cls.cup, cls.min2, cls.step6, cls.unsellable]

    def setUp(self):
        super().setUp()
        self.stock_before = {s["sku"]: self.stock(s) for s in self.skus}

    def valid_body(self, **kw):
        return o.order_body([(self.tea, 2), (self.cup, 1)], **kw)

    def assertNothingChanged(self, external_id, what):
        if external_id is not None:
            found = self.find_by_external_id(external_id)
            self.assertEqual(found, [], f"{what}: a refused order is not stored")
        for s in self.skus:
            now = self.stock(s)
            before = self.stock_before[s["sku"]]
            self.assertEqual({k: now[k] for k in ("on_hand", "reserved", "available")},
                             {k: before[k] for k in ("on_hand", "reserved", "available")},
                             f"{what}: stock of {s['sku']} unchanged")

    # -- positive control -------------------------------------------------------------------

    def test_00_valid_body_is_accepted(self):
        """The base body the other tests break is itself valid."""
        body = self.valid_body()
        order = self.place(body)
        self.assertEqual(order["total_amount"], 2 * 6600 + 1250, order)
        self.assertEqual(len(self.find_by_external_id(body["external_id"])), 1)
        # Tidy up so that later stock snapshots start from the same place.
        self.act(order["order_no"], "cancel", {"reason": "positive control"})

    # -- field-level validation -------------------------------------------------------------

    CASES = [
        # (label, [(path, value), ...], field, code)
        ("missing channel", [("channel", DELETE)], "channel", "required"),
        ("empty channel", [("channel", "")], "channel", "required"),
        ("missing external_id", [("external_id", DELETE)], "external_id", "required"),
        ("missing customer name", [("customer.name", DELETE)], "customer.name", "required"),
        ("missing consignee name", [("consignee.name", "")], "consignee.name", "required"),
        ("missing customer phone", [("customer.phone", DELETE)], "customer.phone", "required"),
        ("overlong phone", [("consignee.phone", "1" * 41)], "consignee.phone",
         "invalid_value"),
        ("bad division code", [("consignee.address.division_code", "31O115")],
         "consignee.address.division_code", "invalid_value"),
        ("no lines", [("lines", [])], "lines", "required"),
        ("unknown sku", [("lines[0].sku", "NO-SUCH-SKU-404")], "lines[0].sku", "unknown_sku"),
        ("missing line sku", [("lines[1].sku", DELETE)], "lines[1].sku", "required"),
        ("zero quantity", [("lines[0].quantity", 0)], "lines[0].quantity", "invalid_value"),
        ("negative quantity", [("lines[1].quantity", -2)], "lines[1].quantity",
         "invalid_value"),
        ("price mismatch", [("lines[0].unit_price_amount", 6500)],
         "lines[0].unit_price_amount", "price_mismatch"),
        ("negative price", [("lines[1].unit_price_amount", -1)], "lines[1].unit_price_amount",
         "invalid_value"),
        ("total mismatch", [("total_amount", 1)], "total_amount", "total_mismatch"),
        ("missing payment method", [("payment_method", DELETE)], "payment_method",
         "required"),
        ("unknown payment method", [("payment_method", "bitcoin")], "payment_method",
         "invalid_value"),
        ("unknown shipping service", [("shipping.service", "teleport")], "shipping.service",
         "invalid_value"),
        ("bad occasion date", [("occasion_date", "next tuesday")], "occasion_date",
         "invalid_value"),
    ]

    def test_field_errors(self):
        for label, edits, field, code in self.CASES:
            with self.subTest(label):
                body = self.valid_body()
                for path, value in edits:
                    set_path(body, path, value)
                resp = self.admin.post("/api/v1/orders", body)
                self.assertFieldError(resp, field, code, label)
                self.assertNothingChanged(body.get("external_id") or None, label)

    def test_sku_rules(self):
        cases = [
            ("not sellable", [(self.unsellable, 1)], "lines[0].sku", "sku_not_sellable"),
            ("below minimum", [(self.tea, 1), (self.min2, 1)], "lines[1].quantity",
             "quantity_below_minimum"),
            ("not a multiple of the step", [(self.step6, 8)], "lines[0].quantity",
             "quantity_not_multiple_of_step"),
            ("below the step minimum", [(self.step6, 3)], "lines[0].quantity",
             "quantity_below_minimum"),
            ("duplicate line", [(self.tea, 1), (self.cup, 1), (self.tea, 2)], "lines[2].sku",
             "duplicate_line"),
        ]
        for label, lines, field, code in cases:
            with self.subTest(label):
                body = o.order_body(lines)
                resp = self.admin.post("/api/v1/orders", body)
                self.assertFieldError(resp, field, code, label)
                self.assertNothingChanged(body["external_id"], label)
        # And their valid counterparts go through.
        ok = self.place(o.order_body([(self.min2, 2), (self.step6, 12)]))
        self.act(ok["order_no"], "cancel", {"reason": "control"})

    def test_every_error_is_reported_at_once(self):
        body = self.valid_body()
        set_path(body, "customer.phone", "")
        set_path(body, "consignee.address.division_code", "0")
        set_path(body, "lines[1].unit_price_amount", 1)
        resp = self.admin.post("/api/v1/orders", body)
        for field, code in (("customer.phone", "required"),
                            ("consignee.address.division_code", "invalid_value"),
                            ("lines[1].unit_price_amount", "price_mismatch")):
            self.assertFieldError(resp, field, code, "several errors")
        self.assertNothingChanged(body["external_id"], "several errors")

    def test_control_characters_are_refused_where_they_have_no_meaning(self):
        cases = [
            ("NUL in external_id", "external_id", "EXT\u0000-1"),
            ("escape in a name", "customer.name", "张三\u001b[31m"),
            ("line break in a phone", "consignee.phone", "13812345678\n"),
            ("tab in a member id", "customer.member_id", "m\t1"),
            ("DEL in an address", "consignee.address.detail", "世纪大道100号\u007f"),
            ("C1 control in a district", "consignee.address.district", "浦东\u0085新区"),
            ("NUL in a note", "buyer_note", "please\u0000"),
            ("NUL in a SKU", "lines[0].sku", "TEA\u0000"),
        ]
        for label, path, value in cases:
            with self.subTest(label):
                body = self.valid_body()
                set_path(body, path, value)
                resp = self.admin.post("/api/v1/orders", body)
                self.assertFieldError(resp, path, "invalid_value", label)
                self.assertNothingChanged(None if path == "external_id" else body["external_id"],
                                          label)
                self.assertEqual(self.find_by_external_id("EXT"), [], label)
        # A line break has a meaning in free text: a note of two lines is accepted.
        body = self.valid_body(buyer_note="请周末送达\n谢谢")
        order = self.place(body)
        resp = self.admin.post(f"/api/v1/orders/{order['order_no']}/cancel",
                               {"reason": "bad\u0000reason"})
        self.assertFieldError(resp, "reason", "invalid_value", "a NUL in a reason")
        self.assertEqual(self.get_order(order["order_no"])["status"], "pending_payment")
        self.act(order["order_no"], "cancel", {"reason": "two lines\nof reason"})
        bad_sku = o.sku_body(name="龙井\u0007")
        self.assertFieldError(self.admin.post("/api/v1/skus", bad_sku), "name", "invalid_value",
                              "a bell in a SKU name")

    def test_wrong_json_types_are_refused(self):
        cases = [
            ("quantity as text", "lines[0].quantity", "two"),
            ("lines as object", "lines", {"sku": "x"}),
            ("customer as text", "customer", "张三"),
            ("price as float", "lines[0].unit_price_amount", 66.0001),
        ]
        for label, path, value in cases:
            with self.subTest(label):
                body = self.valid_body()
                set_path(body, path, value)
                resp = self.admin.post("/api/v1/orders", body)
                self.assertStatus(resp, (400, 422), label)
                self.assertEqual(resp.content_type, "application/problem+json", resp.describe())
                self.assertNothingChanged(body["external_id"], label)
        resp = self.admin.post("/api/v1/orders", [self.valid_body()])
        self.assertStatus(resp, (400, 422), "an array instead of an object")
        self.assertNothingChanged(None, "array body")

    def test_payment_amount_mismatch(self):
        order = self.place(o.order_body([(self.tea, 1)]))
        before = self.get_order(order["order_no"])
        n = len(self.events(order["order_no"]))
        resp = self.act(order["order_no"], "payments",
                        o.payment_body(order, amount=order["total_amount"] - 1),
                        expect_status=422)
        body = self.assertProblem(resp, 422, "validation_failed", "short payment")
        self.assertEqual(body["errors"][0]["code"], "payment_amount_mismatch", resp.describe())
        self.assertEqual(self.get_order(order["order_no"]), before, "a short payment changes "
                                                                    "nothing")
        self.assertEqual(len(self.events(order["order_no"])), n)
        self.act(order["order_no"], "cancel", {"reason": "control"})

    # -- malformed requests -----------------------------------------------------------------

    def test_malformed_json(self):
        ext = o.unique("EXT")
        for label, raw in (("truncated", '{"channel": "web", "external_id": "%s", ' % ext),
                           ("not json", "channel=web&external_id=" + ext),
                           ("trailing garbage", '{"channel": "web"} }'),
                           ("empty body", "")):
            with self.subTest(label):
                resp = self.admin.post("/api/v1/orders", raw=raw)
                self.assertProblem(resp, 400, "malformed_json", label)
        self.assertNothingChanged(ext, "malformed JSON")
        resp = self.admin.post("/api/v1/skus", raw='{"sku": ')
        self.assertProblem(resp, 400, "malformed_json", "malformed SKU body")

    # -- authentication and authorisation ---------------------------------------------------

    def test_unauthenticated(self):
        body = self.valid_body()
        anon = self.client()
        cases = [
            ("no Authorization", {}),
            ("unknown bearer token", {"Authorization": "Bearer not-a-real-token"}),
            ("empty bearer", {"Authorization": "Bearer "}),
            ("basic scheme", {"Authorization": "Basic YWRtaW46YWRtaW4="}),
            ("token without scheme", {"Authorization": self.admin_token}),
        ]
        for label, headers in cases:
            with self.subTest(label):
                resp = anon.post("/api/v1/orders", body, headers=headers)
                self.assertProblem(resp, 401, "unauthenticated", f"create order, {label}")
        for path in ("/api/v1/orders", f"/api/v1/stock/{self.tea['sku']}",
                     f"/api/v1/skus/{self.tea['sku']}"):
            with self.subTest(path=path):
                self.assertProblem(anon.get(path), 401, "unauthenticated", f"GET {path}")
        self.assertNothingChanged(body["external_id"], "unauthenticated create")

    def test_channel_token_may_only_create_for_its_channel(self):
        name = o.unique("shop")
        shop = self.client(self.server.token("channel", name))
        other = o.order_body([(self.tea, 1)], channel=o.unique("other-shop"))
        resp = shop.post("/api/v1/orders", other)
        self.assertProblem(resp, 403, "forbidden", "channel token, another channel")
        self.assertNothingChanged(other["external_id"], "channel token, another channel")
        # Its own channel works (positive control).
        mine = o.order_body([(self.tea, 1)], channel=name)
        order = self.place(mine, client=shop)
        self.assertEqual(order["channel"], name)
        self.act(order["order_no"], "cancel", {"reason": "control"})

    def test_read_only_role_may_not_create_orders(self):
        auditor = self.client(self.server.token("auditor"))
        body = self.valid_body()
        resp = auditor.post("/api/v1/orders", body)
        self.assertProblem(resp, 403, "forbidden", "auditor creating an order")
        self.assertNothingChanged(body["external_id"], "auditor creating an order")

    # -- not found --------------------------------------------------------------------------

    def test_not_found(self):
        for method, path, body in (
                ("GET", "/api/v1/orders/NO-SUCH-ORDER", None),
                ("GET", "/api/v1/orders/NO-SUCH-ORDER/events", None),
                ("POST", "/api/v1/orders/NO-SUCH-ORDER/cancel", {"reason": "x"}),
                ("POST", "/api/v1/orders/NO-SUCH-ORDER/pick", {}),
                ("GET", "/api/v1/skus/NO-SUCH-SKU", None)):
            with self.subTest(path=path):
                resp = self.admin.request(method, path, o._DEFAULT if body is None else body)
                self.assertProblem(resp, 404, "not_found", f"{method} {path}")

    # -- catalogue and stock ----------------------------------------------------------------

    def test_catalogue_refusals(self):
        dup = copy.deepcopy(self.tea)
        dup["name"] = "another name"
        self.assertProblem(self.admin.post("/api/v1/skus", dup), 409, "already_exists",
                           "same SKU code again")
        got = self.admin.get(f"/api/v1/skus/{self.tea['sku']}")
        self.assertStatus(got, 200)
        self.assertEqual(got.json.get("name"), self.tea["name"], "the original SKU is intact")

        bad = o.sku_body(price_amount=-5)
        self.assertFieldError(self.admin.post("/api/v1/skus", bad), "price_amount",
                              "invalid_value", "negative price")
        self.assertStatus(self.admin.get(f"/api/v1/skus/{bad['sku']}"), 404,
                          "a refused SKU is not stored")
        bad = o.sku_body()
        del bad["name"]
        self.assertFieldError(self.admin.post("/api/v1/skus", bad), "name", "required",
                              "SKU without a name")

        resp = self.admin.post("/api/v1/stock/receipts",
                               {"warehouse": "NO-SUCH-WH", "sku": self.tea["sku"],
                                "quantity": 5, "reason": "x"})
        self.assertFieldError(resp, "warehouse", "unknown_warehouse", "receipt, unknown warehouse")
        resp = self.admin.post("/api/v1/stock/receipts",
                               {"warehouse": self.wh, "sku": self.tea["sku"], "quantity": 0,
                                "reason": "x"})
        self.assertStatus(resp, 422, "receipt of zero units")
        self.assertIn("quantity", [e.get("field") for e in resp.json.get("errors", [])],
                      resp.describe())
        resp = self.admin.post("/api/v1/stock/receipts",
                               {"warehouse": self.wh, "sku": "NO-SUCH-SKU", "quantity": 5,
                                "reason": "x"})
        self.assertStatus(resp, (404, 422), "receipt of an unknown SKU")
        if resp.status == 422:
            self.assertFieldError(resp, "sku", "unknown_sku", "receipt of an unknown SKU")
        self.assertNothingChanged(None, "refused catalogue and stock requests")


class ImperfectOrderTest(o.OrdoTestCase):
    """Never lose an order (INT-3, EXC-1): a channel cannot re-send its customer's order with a
    better address or phone, so an imperfect one is accepted (201) and, once paid, held by an
    abnormal case for customer service to confirm; only what cannot be an order is refused."""

    auto_review = True

    @classmethod
    def seed_class(cls):
        cls.wh = o.create_warehouse(cls.admin)
        cls.tea = o.seed_sku_with_stock(cls.admin, cls.wh, 500, price_amount=6600)

    def paid(self, edits):
        body = o.order_body([(self.tea, 1)])
        for path, value in edits:
            set_path(body, path, value)
        order = self.place(body)
        self.assertEqual(order["status"], "pending_payment", order)
        self.assertEqual(len(self.find_by_external_id(body["external_id"])), 1)
        return self.act(order["order_no"], "payments", o.payment_body(order)).json

    def cases(self, order_no):
        resp = self.admin.get("/api/v1/anomalies", query={"order_no": order_no})
        self.assertStatus(resp, 200, "listing cases")
        return resp.json["data"]

    HELD = [
        # (label, edits, case type, blocking)
        ("village without a house number", [("consignee.address.detail", "华新镇王家村")],
         "address_incomplete", True),
        ("vague address", [("consignee.address.detail", "浦东新区世纪公园附近")],
         "address_incomplete", True),
        ("no detail", [("consignee.address.detail", "")], "address_incomplete", True),
        ("missing province", [("consignee.address.province", DELETE)], "address_incomplete",
         True),
        ("missing district", [("consignee.address.district", "")], "address_incomplete", True),
        ("unknown province", [("consignee.address.province", "火星省")], "address_incomplete",
         True),
        ("unknown city", [("consignee.address.province", "江苏省"),
                          ("consignee.address.city", "玄武")], "address_incomplete", True),
        ("placeholder detail", [("consignee.address.detail", "无")], "address_incomplete", True),
        ("landline", [("consignee.phone", "021-12345678")], "invalid_phone", False),
        ("virtual number with extension", [("consignee.phone", "13812345670-1234")],
         "invalid_phone", False),
        ("short customer phone", [("customer.phone", "1381234567")], "invalid_phone", False),
    ]

    def test_an_imperfect_order_is_accepted_and_held_with_a_case(self):
        for label, edits, case_type, blocking in self.HELD:
            with self.subTest(label):
                order = self.paid(edits)
                self.assertEqual(order["status"], "pending_review", f"{label}: {order}")
                self.assertEqual(order["on_hold"], blocking, label)
                found = [c for c in self.cases(order["order_no"]) if c["type"] == case_type]
                self.assertEqual(len(found), 1, f"{label}: {self.cases(order['order_no'])}")
                self.assertEqual(found[0]["blocking"], blocking, label)
                self.assertEqual(found[0]["status"], "open", label)

    def test_real_place_names_are_not_placeholders(self):
        for label, edits in (
                ("a street named with 无", [("consignee.address.detail", "无锡路18号")]),
                ("Wuxi", [("consignee.address.province", "江苏省"),
                          ("consignee.address.city", "无锡市"),
                          ("consignee.address.district", "梁溪区"),
                          ("consignee.address.detail", "中山路1号3栋")]),
                ("a village group number", [("consignee.address.detail", "王家村五组8号")])):
            with self.subTest(label):
                order = self.paid(edits)
                self.assertEqual(order["status"], "awaiting_fulfillment", f"{label}: {order}")
                self.assertEqual(self.cases(order["order_no"]), [], label)


if __name__ == "__main__":
    unittest.main()
