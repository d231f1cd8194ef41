"""After-sales cases over HTTP (domain.md AFS-2…AFS-4): refund only, return and refund with the
inspection restocking the goods, a failed inspection written off, exchange and reship placing a
linked replacement order with its stock reserved, partial refunds within what was paid, the
eligibility window on a test clock, the roles of each step, illegal transitions refused, and a
confirmed wrong item reaching supervision."""

import os
import sys
import unittest
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ordo_server as o  # noqa: E402

START = "2026-11-26T01:00:00Z"  # 09:00 in Beijing, a Thursday


def code(prefix="A"):
    return f"{prefix}{uuid.uuid4().hex[:6].upper()}"


class AfterSalesTest(o.OrdoTestCase):

    @classmethod
    def server_args(cls, server):
        return ["--test-clock", START]

    @classmethod
    def seed_class(cls):
        cls.wh = o.create_warehouse(cls.admin)
        cls.service = cls.server.client(cls.server.token("customer_service", "it-cs"))
        cls.warehouse = cls.server.client(cls.server.token("warehouse", "it-packer"))
        cls.logistics = cls.server.client(cls.server.token("logistics"))
        cls.finance = cls.server.client(cls.server.token("finance"))
        cls.supervisor = cls.server.client(cls.server.token("supervisor"))

    # -- helpers ----------------------------------------------------------------------------

    def sku(self, quantity=10, **fields):
        return self.new_sku(self.wh, quantity, code=code(), **fields)

    def shipped(self, lines, deliver=False):
        """An online order paid, reviewed (unless automatic review already approved it), picked,
        packed and shipped by the warehouse; delivered too when asked."""
        order = self.place(o.order_body(lines))
        no = order["order_no"]
        paid = self.act(no, "payments", o.payment_body(order)).json
        if paid["status"] == "pending_review":
            self.act(no, "review", {"decision": "approve", "reason": "ok"})
        weight = sum(sku["weight_g"] * quantity for sku, quantity in lines)
        self.act(no, "pick", client=self.warehouse)
        self.pack(no, {"weight_g": weight}, client=self.warehouse)
        order = self.act(no, "ship", {"carrier": "SF", "tracking_no": o.unique("SF")},
                         client=self.warehouse).json
        if deliver:
            order = self.act(no, "deliver", client=self.logistics).json
        self.assertIn(order["status"], ("shipped", "delivered"), order)
        return order

    def open_case(self, body, client=None, expect_status=201):
        resp = (client or self.service).post("/api/v1/after-sales", body)
        self.assertStatus(resp, expect_status, f"open after-sales {body}")
        return resp

    def case_body(self, order, type_, reason, lines, **extra):
        body = {"order_no": order["order_no"], "type": type_, "reason": reason,
                "lines": [{"sku": sku["sku"], "quantity": quantity} for sku, quantity in lines]}
        body.update(extra)
        return body

    def step(self, case, action, body=None, client=None, expect_status=200):
        resp = (client or self.service).post(f"/api/v1/after-sales/{case['id']}/{action}",
                                             {} if body is None else body)
        self.assertStatus(resp, expect_status, f"{action} after-sales {case['id']}")
        return resp

    def get_case(self, case_id):
        resp = self.service.get(f"/api/v1/after-sales/{case_id}")
        self.assertStatus(resp, 200, "read after-sales case")
        return resp.json

    def event_types(self, order_no):
        return [e["type"] for e in self.events(order_no)]

    def ledger(self, sku):
        resp = self.admin.get(f"/api/v1/stock/{sku['sku']}/ledger", query={"limit": 200})
        self.assertStatus(resp, 200, "ledger")
        return resp.json["data"]

    # -- flows ------------------------------------------------------------------------------

    def test_refund_only_is_approved_refunded_and_completed(self):
        tea = self.sku()
        order = self.shipped([(tea, 2)], deliver=True)
        no = order["order_no"]
        body = self.case_body(order, "refund_only", "damaged", [(tea, 1)], note="盒子压坏")
        self.assertProblem(self.open_case(body, client=self.warehouse, expect_status=403),
                           403, "forbidden")
        case = self.open_case(body).json
        self.assertEqual((case["status"], case["type"], case["freight_payer"]),
                         ("requested", "refund_only", "merchant"), case)
        self.assertEqual(case["requested_amount"], 6600, case)
        self.assertEqual(case["lines"][0]["warehouse"], self.wh, case)
        self.assertIn("after_sales_opened", self.event_types(no))

        # Nothing is refunded before approval, and the warehouse does not approve.
        self.assertProblem(self.step(case, "refund", client=self.finance, expect_status=409),
                           409, "illegal_transition")
        self.assertProblem(self.step(case, "approve", client=self.warehouse, expect_status=403),
                           403, "forbidden")
        case = self.step(case, "approve", {"note": "同意"}).json
        self.assertEqual(case["status"], "approved", case)
        self.assertProblem(self.step(case, "complete", client=self.finance, expect_status=409),
                           409, "illegal_transition")
        case = self.step(case, "refund", client=self.finance).json
        self.assertEqual(case["status"], "refunding", case)
        self.assertEqual(case["refund_amount"], 6600, case)
        self.assertIsInstance(case["refund_id"], int, case)
        self.assertEqual(self.get_order(no)["refunded_amount"], 6600)
        # A second refund of the same case is an illegal move, not a second refund.
        self.assertProblem(self.step(case, "refund", client=self.finance, expect_status=409),
                           409, "illegal_transition")
        case = self.step(case, "complete", client=self.finance).json
        self.assertEqual(case["status"], "completed", case)
        self.assertEqual(self.get_order(no)["refunded_amount"], 6600)

        read = self.get_case(case["id"])
        self.assertEqual([h["action"] for h in read["history"]],
                         ["requested", "approve", "refund", "complete"], read)
        self.assertIn("it-cs", read["history"][1]["actor"], read)
        types = self.event_types(no)
        for expected in ("after_sales_approved", "after_sales_refund", "after_sales_completed"):
            self.assertIn(expected, types)
        listed = self.service.get("/api/v1/after-sales", query={"order_no": no})
        self.assertStatus(listed, 200, "list by order")
        self.assertEqual([c["id"] for c in listed.json["data"]], [case["id"]], listed.describe())

    def test_return_refund_inspection_passed_restocks_and_refunds(self):
        tea = self.sku(10)
        order = self.shipped([(tea, 2)])
        self.assertStock(tea, 8, 0, "shipped")
        case = self.open_case(self.case_body(order, "return_refund", "size", [(tea, 2)])).json
        self.assertEqual(case["freight_payer"], "buyer", case)
        case = self.step(case, "approve").json
        self.assertEqual(case["status"], "awaiting_return", case)
        self.assertFieldError(self.step(case, "return-shipment", {"carrier": "SF"},
                                        expect_status=422), "tracking_no", "required")
        tracking = o.unique("SF")
        case = self.step(case, "return-shipment", {"carrier": "SF", "tracking_no": tracking}).json
        self.assertEqual((case["status"], case["return_tracking_no"]),
                         ("awaiting_return", tracking), case)
        # The warehouse receives and inspects; customer service does not.
        self.assertProblem(self.step(case, "receive", client=self.service, expect_status=403),
                           403, "forbidden")
        self.assertProblem(self.step(case, "inspect", {"passed": True}, client=self.warehouse,
                                     expect_status=409), 409, "illegal_transition")
        case = self.step(case, "receive", client=self.warehouse).json
        self.assertEqual(case["status"], "received", case)
        self.assertFieldError(self.step(case, "inspect", {}, client=self.warehouse,
                                        expect_status=422), "passed", "required")
        resp = self.step(case, "inspect", {"passed": True, "note": "吊牌完好", "tags_intact": True,
                                           "packaging_intact": True}, client=self.warehouse)
        case = resp.json
        self.assertEqual(case["status"], "refunding", case)
        self.assertEqual(case["inspection"]["disposition"], "sellable", case)
        self.assertEqual(case["refund_amount"], 2 * 6600, case)
        self.assertEqual(case["returned_to_stock"][0]["quantity"], 2, case)
        self.assertStock(tea, 10, 0, "the returned units are back on hand")
        returns = [e for e in self.ledger(tea) if e["type"] == "return"]
        self.assertEqual([e["quantity"] for e in returns], [2], returns)
        self.assertEqual(self.get_order(order["order_no"])["refunded_amount"], 2 * 6600)
        # Every unit is covered now: a second case for them is refused.
        self.assertFieldError(self.open_case(self.case_body(order, "refund_only", "quality",
                                                            [(tea, 1)]), expect_status=422),
                              "lines[0].quantity", "quantity_exceeds_shipped")

    def test_a_damaged_return_is_disposed_of_kept_off_sale_and_reported_to_purchasing(self):
        tea = self.sku(10)
        order = self.shipped([(tea, 2)])
        self.assertStock(tea, 8, 0, "shipped")
        case = self.open_case(self.case_body(order, "return_refund", "damaged", [(tea, 2)])).json
        self.step(case, "approve")
        self.step(case, "receive", {"carrier": "SF", "tracking_no": o.unique("SF")},
                  client=self.warehouse)
        self.assertFieldError(self.step(case, "inspect", {"passed": True}, client=self.warehouse,
                                        expect_status=422), "disposition", "required")
        self.assertFieldError(self.step(case, "inspect", {"passed": True, "disposition": "burn"},
                                        client=self.warehouse, expect_status=422),
                              "disposition", "invalid_value")
        case = self.step(case, "inspect", {"passed": True, "disposition": "defective_stock",
                                           "note": "罐身凹陷"}, client=self.warehouse).json
        self.assertEqual((case["status"], case["inspection"]["disposition"]),
                         ("refunding", "defective_stock"), case)
        self.assertEqual(case["refund_amount"], 2 * 6600, "the customer is refunded still")
        self.assertStock(tea, 8, 0, "damaged goods do not go back on sale")
        purchasing = self.server.client(self.server.token("purchasing"))
        reports = o.expect(purchasing.get("/api/v1/quality-reports"), 200)["data"]
        mine = [r for r in reports if r["case_id"] == case["id"]]
        self.assertEqual([(r["sku"], r["quantity"], r["reason"], r["disposition"], r["passed"],
                           r["warehouse"]) for r in mine],
                         [(tea["sku"], 2, "damaged", "defective_stock", True, self.wh)], reports)
        self.assertProblem(self.service.get("/api/v1/quality-reports"), 403, "forbidden")

    def test_failed_inspection_closes_the_case_and_writes_the_goods_off(self):
        tea = self.sku(10)
        order = self.shipped([(tea, 1)])
        case = self.open_case(self.case_body(order, "return_refund", "no_reason_7_days",
                                             [(tea, 1)])).json
        self.step(case, "approve")
        self.step(case, "receive", {"carrier": "YTO", "tracking_no": o.unique("YT")},
                  client=self.warehouse)
        self.assertFieldError(self.step(case, "inspect", {"passed": False, "disposition": "burn"},
                                        client=self.warehouse, expect_status=422),
                              "disposition", "invalid_value")
        case = self.step(case, "inspect", {"passed": False, "note": "吊牌已剪",
                                           "tags_intact": False}, client=self.warehouse).json
        self.assertEqual(case["status"], "closed", case)
        self.assertEqual(case["inspection"]["disposition"], "written_off", case)
        self.assertFalse(case["inspection"]["passed"], case)
        self.assertIsNone(case["refund_id"], case)
        self.assertStock(tea, 9, 0, "nothing restocked")
        self.assertEqual(self.get_order(order["order_no"])["refunded_amount"], 0)
        self.assertProblem(self.step(case, "refund", client=self.finance, expect_status=409),
                           409, "illegal_transition")
        # A closed case no longer covers its units.
        self.open_case(self.case_body(order, "partial_refund", "quality", [(tea, 1)],
                                      amount=100))

    def test_exchange_places_a_reserved_replacement_and_feeds_supervision(self):
        tea = self.sku(10)
        other = self.sku(5, price_amount=7000, spec="250g")
        order = self.shipped([(tea, 1)], deliver=True)
        no = order["order_no"]
        packer = [e["actor"] for e in self.events(no) if e["type"] == "pack"]
        body = self.case_body(order, "exchange", "wrong_item", [(tea, 1)])
        body["lines"][0]["exchange_sku"] = "NO-SUCH-SKU"
        self.assertFieldError(self.open_case(body, expect_status=422),
                              "lines[0].exchange_sku", "unknown_sku")
        body["lines"][0]["exchange_sku"] = other["sku"]
        case = self.open_case(body).json
        self.assertEqual(case["price_difference_amount"], 400, case)
        self.assertEqual(case["freight_payer"], "merchant", case)
        self.step(case, "approve")
        self.step(case, "receive", client=self.warehouse)
        case = self.step(case, "inspect", {"passed": True}, client=self.warehouse).json
        self.assertEqual(case["status"], "completed", case)
        self.assertTrue(case["reason_confirmed"], case)
        replacement_no = case["replacement_order_no"]
        self.assertIsInstance(replacement_no, str, case)
        # The dearer replacement waits for the 400 fen difference before it ships (issue 13.3).
        self.assertEqual(case["replacement_order"]["status"], "pending_payment", case)
        replacement = self.get_order(replacement_no)
        self.assertEqual((replacement["status"], replacement["total_amount"],
                          replacement["credit_amount"], replacement["owed_amount"],
                          replacement["channel"]), ("pending_payment", 7000, 6600, 400, "web"))
        self.act(replacement_no, "payments", o.payment_body(replacement, amount=400),
                 client=self.finance)
        self.assertEqual(self.get_order(replacement_no)["owed_amount"], 0)
        self.assertEqual([(ln["sku"], ln["quantity_reserved"]) for ln in replacement["lines"]],
                         [(other["sku"], 1)])
        self.assertStock(other, 5, 1, "the replacement is reserved")
        self.assertStock(tea, 10, 0, "the wrong item is back on hand")
        self.assertIn("after_sales_replacement", self.event_types(no))

        detected = self.supervisor.post("/api/v1/violations/detect", {})
        self.assertStatus(detected, 200, "detect")
        found = [v for v in detected.json["data"] if v["type"] == "wrong_item_shipped"
                 and v["entity_id"] == no]
        self.assertEqual(len(found), 1, detected.describe())
        self.assertEqual(found[0]["occurrence"], f"after_sales:{case['id']}", found)
        self.assertEqual(found[0]["actor"], packer[-1], found)

    def test_reship_places_a_replacement_without_a_return(self):
        tea = self.sku(10)
        order = self.shipped([(tea, 2)])
        case = self.open_case(self.case_body(order, "reship", "logistics", [(tea, 1)])).json
        self.assertProblem(self.step(case, "return-shipment",
                                     {"carrier": "SF", "tracking_no": "SF1"}, expect_status=409),
                           409, "illegal_transition")
        case = self.step(case, "approve").json
        self.assertEqual(case["status"], "completed", case)
        replacement = self.get_order(case["replacement_order_no"])
        self.assertEqual(replacement["status"], "awaiting_fulfillment")
        self.assertEqual(replacement["lines"][0]["quantity_reserved"], 1)
        self.assertStock(tea, 8, 1, "the reship is reserved from stock")
        self.assertProblem(self.step(case, "close", {"reason": "x"}, expect_status=409),
                           409, "illegal_transition")

    def test_partial_refunds_never_exceed_what_was_paid(self):
        tea = self.sku(10)
        order = self.shipped([(tea, 1)])
        no = order["order_no"]
        body = {"order_no": no, "type": "partial_refund", "reason": "quality"}
        self.assertFieldError(self.open_case(body, expect_status=422), "amount", "required")
        self.assertFieldError(self.open_case(dict(body, amount=6601), expect_status=422),
                              "amount", "amount_exceeds_refundable")
        first = self.open_case(dict(body, amount=6000)).json
        second = self.open_case(dict(body, amount=1000)).json
        self.step(first, "approve")
        self.step(second, "approve")
        self.assertEqual(self.step(first, "refund", client=self.finance).json["status"],
                         "refunding")
        # Both fitted when asked for; together they exceed the payment.
        self.assertProblem(self.step(second, "refund", client=self.finance, expect_status=409),
                           409, "refund_exceeds_payment")
        self.assertEqual(self.get_case(second["id"])["status"], "approved")
        self.assertEqual(self.get_order(no)["refunded_amount"], 6000)
        self.assertFieldError(self.open_case(dict(body, amount=601), expect_status=422),
                              "amount", "amount_exceeds_refundable")
        self.step(second, "close", {"reason": "客户撤回"})
        self.assertEqual(self.get_case(second["id"])["status"], "closed")

    # -- refusals ---------------------------------------------------------------------------

    def test_refusals_before_shipment_bad_input_and_illegal_moves(self):
        tea = self.sku(10)
        waiting = self.place(o.order_body([(tea, 1)]))
        self.act(waiting["order_no"], "payments", o.payment_body(waiting))
        body = {"order_no": waiting["order_no"], "type": "refund_only", "reason": "quality",
                "lines": [{"sku": tea["sku"], "quantity": 1}]}
        self.assertProblem(self.open_case(body, expect_status=409), 409,
                           "after_sales_before_shipment")
        self.assertProblem(self.open_case(dict(body, order_no="19990101000001"),
                                          expect_status=404), 404, "not_found")
        order = self.shipped([(tea, 1)])
        body["order_no"] = order["order_no"]
        self.assertFieldError(self.open_case(dict(body, type="swap"), expect_status=422),
                              "type", "invalid_value")
        self.assertFieldError(self.open_case(dict(body, reason=""), expect_status=422),
                              "reason", "required")
        self.assertFieldError(self.open_case(dict(body, lines=[{"sku": tea["sku"],
                                                                "quantity": 2}]),
                                             expect_status=422),
                              "lines[0].quantity", "quantity_exceeds_shipped")
        self.assertFieldError(self.open_case(dict(body, lines=[{"sku": "ZZZ", "quantity": 1}]),
                                             expect_status=422), "lines[0].sku", "invalid_value")
        self.assertFieldError(self.open_case(dict(body, type="return_refund", amount=10),
                                             expect_status=422), "amount", "invalid_value")
        resp = self.service.post("/api/v1/after-sales", raw=b"{not json",
                                 headers={"Content-Type": "application/json"})
        self.assertStatus(resp, 400, "malformed JSON")

        case = self.open_case(body).json
        self.assertFieldError(self.step(case, "reject", {}, expect_status=422), "reason",
                              "required")
        case = self.step(case, "reject", {"reason": "已超出保修"}).json
        self.assertEqual((case["status"], case["reject_reason"]), ("rejected", "已超出保修"))
        for action, client in (("approve", self.service), ("receive", self.warehouse),
                               ("refund", self.finance), ("complete", self.finance)):
            self.assertProblem(self.step(case, action, client=client, expect_status=409), 409,
                               "illegal_transition", action)
        self.assertEqual(self.get_case(case["id"])["status"], "rejected")
        self.assertProblem(self.service.post("/api/v1/after-sales/987654/approve", {}), 404,
                           "not_found")
        self.assertProblem(self.service.get("/api/v1/after-sales/abc"), 404, "not_found")
        self.assertFieldError(self.service.get("/api/v1/after-sales", query={"status": "open"}),
                              "status", "invalid_value")
        # A rejected case covers nothing: the unit can be asked for again.
        self.open_case(body)

    def test_every_after_sales_route_is_documented(self):
        doc = o.expect(self.admin.get("/api/v1/openapi.json"), 200)
        for path, method in (("/api/v1/after-sales", "post"), ("/api/v1/after-sales", "get"),
                             ("/api/v1/after-sales/{id}", "get"),
                             ("/api/v1/after-sales/{id}/approve", "post"),
                             ("/api/v1/after-sales/{id}/reject", "post"),
                             ("/api/v1/after-sales/{id}/return-shipment", "post"),
                             ("/api/v1/after-sales/{id}/receive", "post"),
                             ("/api/v1/after-sales/{id}/inspect", "post"),
                             ("/api/v1/after-sales/{id}/refund", "post"),
                             ("/api/v1/after-sales/{id}/complete", "post"),
                             ("/api/v1/after-sales/{id}/close", "post")):
            self.assertIn(method, doc["paths"].get(path, {}), path)
        self.assertIn("AfterSalesCase", doc["components"]["schemas"])

    # -- the window, on the test clock (runs last: it moves the clock) ----------------------

    def test_z_window_counts_from_delivery_and_follows_the_settings(self):
        tea = self.sku(10)
        order = self.shipped([(tea, 3)], deliver=True)
        quality = self.case_body(order, "refund_only", "quality", [(tea, 1)])
        no_reason = self.case_body(order, "return_refund", "no_reason_7_days", [(tea, 1)])
        self.assertFieldError(o.patch_settings(self.admin, {"after_sales_window_days": 0}),
                              "after_sales_window_days", "invalid_value")
        resp = self.admin.post("/api/v1/ops/clock", {"advance_hours": 8 * 24})
        self.assertStatus(resp, 200, "move the clock 8 days")
        self.assertProblem(self.open_case(no_reason, expect_status=409), 409,
                           "after_sales_window_expired")
        self.open_case(quality)
        resp = self.admin.post("/api/v1/ops/clock", {"advance_hours": 8 * 24})
        self.assertStatus(resp, 200, "move the clock 16 days")
        self.assertProblem(self.open_case(quality, expect_status=409), 409,
                           "after_sales_window_expired")
        try:
            resp = o.patch_settings(self.admin, {"after_sales_window_days": 30})
            self.assertStatus(resp, 200, "lengthen the window")
            self.assertEqual(resp.json["after_sales_window_days"], 30)
            self.open_case(quality)
        finally:
            o.patch_settings(self.admin, {"after_sales_window_days": 15})


if __name__ == "__main__":
    unittest.main()
