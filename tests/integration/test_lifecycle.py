"""The order life cycle over HTTP (domain.md §12): every status of an online order with the
stock at each step and the events recorded with their actor; the cash-on-delivery path; the
cancel / reject paths releasing stock; illegal transitions refused with 409 and no change."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ordo_server as o  # noqa: E402


class LifecycleTest(o.OrdoTestCase):

    @classmethod
    def seed_class(cls):
        cls.wh = o.create_warehouse(cls.admin)
        # One admin token per kind of step, so the events show who did what.
        cls.actors = {}
        for step in ("payer", "reviewer", "warehouse", "courier"):
            name = f"it-{step}-{o.uuid.uuid4().hex[:6]}"
            cls.actors[step] = (name, cls.server.client(cls.server.token("admin", name)))

    # -- helpers ----------------------------------------------------------------------------

    def two_skus(self, stock_a=10, stock_b=5):
        a = self.new_sku(self.wh, stock_a, price_amount=6600, weight_g=520)
        b = self.new_sku(self.wh, stock_b, name="紫砂杯", spec="200ml", price_amount=1250,
                         weight_g=180)
        return a, b

    def step(self, order, action, body=None, actor=None, expect_status=200):
        client = self.actors[actor][1] if actor else self.admin
        if action == "pack" and expect_status == 200:
            self.verify(order["order_no"], client=client)  # packing waits for a correct scan
            order = self.get_order(order["order_no"])
        resp = self.act(order["order_no"], action, body, client=client,
                        expect_status=expect_status)
        if expect_status == 200:
            self.assertEtag(resp, action)
            new = resp.json
            self.assertEqual(new["order_no"], order["order_no"], resp.describe())
            self.assertGreater(new["version"], order["version"],
                               f"{action} raises the version: {resp.describe()}")
            return new
        return resp

    def transitions(self, events):
        """(from_status, to_status) of each event that changed the status, oldest first."""
        return [(e.get("from_status"), e.get("to_status")) for e in events
                if e.get("from_status") and e.get("to_status")
                and e.get("from_status") != e.get("to_status")]

    def assertUnchanged(self, order_no, before_order, before_events, stocks, what):
        after = self.get_order(order_no)
        self.assertEqual(after, before_order, f"{what}: a refused request changes nothing")
        self.assertEqual(len(self.events(order_no)), before_events,
                         f"{what}: a refused request records no event")
        for sku, st in stocks.items():
            now = self.stock(sku)
            self.assertEqual({k: now[k] for k in ("on_hand", "reserved", "available")},
                             {k: st[k] for k in ("on_hand", "reserved", "available")},
                             f"{what}: stock of {sku} unchanged")

    def paid_and_approved(self, lines, **kw):
        order = self.place(o.order_body(lines, **kw))
        order = self.step(order, "payments", o.payment_body(order))
        return self.step(order, "review", {"decision": "approve", "reason": "ok"})

    # -- tests ------------------------------------------------------------------------------

    def test_online_order_end_to_end(self):
        a, b = self.two_skus(10, 5)
        body = o.order_body([(a, 2), (b, 1)], buyer_note="请尽快发货")
        resp = self.admin.post("/api/v1/orders", body)
        self.assertStatus(resp, 201, "create")
        self.assertEtag(resp, "create")
        order = resp.json
        total = 2 * 6600 + 1250
        self.assertIsInstance(order.get("order_no"), str, resp.describe())
        self.assertTrue(order["order_no"], resp.describe())
        expected = {"channel": "web", "external_id": body["external_id"],
                    "status": "pending_payment", "payment_status": "unpaid",
                    "payment_method": "online", "currency": "CNY", "total_amount": total,
                    "paid_amount": 0, "on_hold": False, "buyer_note": "请尽快发货"}
        self.assertEqual({k: order.get(k) for k in expected}, expected, resp.describe())
        self.assertIsInstance(order.get("priority"), int, resp.describe())
        self.assertIsInstance(order.get("order_class"), str, resp.describe())
        o.parse_time(order["created_at"])
        o.parse_time(order["updated_at"])
        self.assertEqual(len(order["lines"]), 2, resp.describe())
        la, lb = order["lines"]
        self.assertEqual(
            {k: la.get(k) for k in ("line_no", "sku", "name", "spec", "quantity",
                                    "unit_price_amount", "line_amount", "quantity_reserved",
                                    "quantity_backordered", "quantity_shipped")},
            {"line_no": 1, "sku": a["sku"], "name": a["name"], "spec": a["spec"],
             "quantity": 2, "unit_price_amount": 6600, "line_amount": 13200,
             "quantity_reserved": 2, "quantity_backordered": 0, "quantity_shipped": 0},
            resp.describe())
        self.assertEqual((lb["line_no"], lb["sku"], lb["quantity_reserved"], lb["line_amount"]),
                         (2, b["sku"], 1, 1250), resp.describe())
        self.assertEqual(la["allocations"], [{"warehouse": self.wh, "quantity": 2}],
                         resp.describe())
        self.assertEqual(order["customer"]["member_id"], body["customer"]["member_id"])
        self.assertEqual(order["customer"]["phone"], o.mask_phone(body["customer"]["phone"]),
                         "masked for admin too: reading is an explicit reveal")
        revealed = self.admin.post(f"/api/v1/orders/{order['order_no']}/reveal", {}).json
        self.assertEqual(revealed["customer"], body["customer"], "the reveal shows it all")
        self.assertEqual(revealed["consignee"]["address"]["detail"], o.VALID_DETAIL)
        self.assertStock(a, 10, 2, "after create")
        self.assertStock(b, 5, 1, "after create")

        got = self.admin.get(f"/api/v1/orders/{order['order_no']}")
        self.assertStatus(got, 200)
        self.assertEtag(got, "GET")
        self.assertEqual(got.json, order, "GET returns the order as created")

        order = self.step(order, "payments", o.payment_body(order), actor="payer")
        self.assertEqual((order["status"], order["payment_status"], order["paid_amount"]),
                         ("pending_review", "paid", total), order)
        self.assertStock(a, 10, 2, "after payment")

        order = self.step(order, "review", {"decision": "approve", "reason": "looks fine"},
                          actor="reviewer")
        self.assertEqual(order["status"], "awaiting_fulfillment", order)
        self.assertStock(a, 10, 2, "after approval")

        order = self.step(order, "pick", actor="warehouse")
        self.assertEqual(order["status"], "picking", order)
        self.assertStock(a, 10, 2, "while picking")

        order = self.step(order, "pack", {"weight_g": 2 * 520 + 180}, actor="warehouse")
        self.assertEqual(order["status"], "packed", order)
        self.assertStock(a, 10, 2, "after packing")
        self.assertStock(b, 5, 1, "after packing")

        tracking = o.unique("SF")
        order = self.step(order, "ship", {"carrier": "SF", "tracking_no": tracking},
                          actor="warehouse")
        self.assertEqual(order["status"], "shipped", order)
        self.assertEqual((order["shipping"]["carrier"], order["shipping"]["tracking_no"]),
                         ("SF", tracking), order)
        self.assertEqual([(ln["quantity_shipped"], ln["quantity_reserved"])
                          for ln in order["lines"]], [(2, 0), (1, 0)],
                         f"shipping moves reserved units to shipped: {order['lines']}")
        self.assertStock(a, 8, 0, "after shipping: stock consumed")
        self.assertStock(b, 4, 0, "after shipping: stock consumed")

        order = self.step(order, "deliver", actor="courier")
        self.assertEqual(order["status"], "delivered", order)
        order = self.step(order, "complete", actor="courier")
        self.assertEqual((order["status"], order["payment_status"]), ("completed", "paid"), order)
        self.assertStock(a, 8, 0, "after completion")

        events = self.events(order["order_no"])
        self.assertIn("creat", str(events[0].get("type")).lower(),
                      f"the first event records the creation: {events}")
        self.assertEqual(self.transitions(events), [
            ("pending_payment", "pending_review"),
            ("pending_review", "awaiting_fulfillment"),
            ("awaiting_fulfillment", "picking"),
            ("picking", "packed"),
            ("packed", "shipped"),
            ("shipped", "delivered"),
            ("delivered", "completed"),
        ], f"every transition is recorded, oldest first: {events}")
        times = []
        for e in events:
            self.assertIsInstance(e.get("type"), str, e)
            self.assertTrue(e["type"], e)
            self.assertIsInstance(e.get("actor"), str, e)
            self.assertTrue(e["actor"], f"every event names its actor: {e}")
            self.assertIsInstance(e.get("details", {}), dict, e)
            times.append(o.parse_time(e["at"]))
        self.assertEqual(times, sorted(times), f"events are oldest first: {events}")
        by_to = {e["to_status"]: e for e in events if e.get("from_status")}
        who = {"pending_review": "payer", "awaiting_fulfillment": "reviewer",
               "picking": "warehouse", "packed": "warehouse", "shipped": "warehouse",
               "delivered": "courier", "completed": "courier"}
        for status, step in who.items():
            self.assertIn(self.actors[step][0], by_to[status]["actor"],
                          f"the {status} event names the token that did it: {by_to[status]}")
        ship = by_to["shipped"]
        self.assertEqual(ship.get("details", {}).get("tracking_no"), tracking, ship)

    def test_cod_order_path(self):
        a, b = self.two_skus(6, 6)
        body = o.order_body([(a, 1), (b, 2)], payment_method="cod")
        order = self.place(body)
        total = 6600 + 2 * 1250
        self.assertEqual((order["status"], order["payment_status"], order["payment_method"],
                          order["total_amount"], order["paid_amount"]),
                         ("pending_review", "cod_pending", "cod", total, 0), order)
        self.assertStock(a, 6, 1, "cod order reserves at acceptance")
        self.assertStock(b, 6, 2, "cod order reserves at acceptance")

        # A cash-on-delivery order takes no online payment.
        before, n = self.get_order(order["order_no"]), len(self.events(order["order_no"]))
        stocks = {a["sku"]: self.stock(a), b["sku"]: self.stock(b)}
        resp = self.act(order["order_no"], "payments", o.payment_body(order), expect_status=409)
        self.assertProblem(resp, 409, "illegal_transition", "payment of a cod order")
        self.assertUnchanged(order["order_no"], before, n, stocks, "payment of a cod order")

        order = self.step(order, "review", {"decision": "approve", "reason": "customer confirmed"})
        self.assertEqual(order["status"], "awaiting_fulfillment", order)
        # Cash on delivery is re-confirmed with the customer before picking (REV-2).
        self.assertProblem(self.act(order["order_no"], "pick", expect_status=409), 409,
                           "cod_not_confirmed")
        order = self.step(order, "cod-confirmation", {"channel": "phone", "confirmed": True})
        order = self.step(order, "pick")
        order = self.step(order, "pack", {"weight_g": 520 + 2 * 180})
        order = self.step(order, "ship", {"carrier": "ZTO", "tracking_no": o.unique("ZTO")})
        self.assertEqual((order["status"], order["payment_status"]), ("shipped", "cod_pending"),
                         order)
        self.assertStock(a, 5, 0, "cod shipped")
        self.assertStock(b, 4, 0, "cod shipped")
        order = self.step(order, "deliver")
        self.assertEqual((order["status"], order["payment_status"], order["paid_amount"]),
                         ("delivered", "cod_collected", total),
                         f"delivery collects the cash: {order}")
        order = self.step(order, "complete")
        self.assertEqual(order["status"], "completed", order)
        self.assertEqual(self.transitions(self.events(order["order_no"])), [
            ("pending_review", "awaiting_fulfillment"),
            ("awaiting_fulfillment", "picking"),
            ("picking", "packed"),
            ("packed", "shipped"),
            ("shipped", "delivered"),
            ("delivered", "completed"),
        ])

    def test_cancel_unpaid_order_closes_and_releases_stock(self):
        a, b = self.two_skus(10, 10)
        order = self.place(o.order_body([(a, 3), (b, 2)]))
        self.assertStock(a, 10, 3)
        order = self.step(order, "cancel", {"reason": "customer changed their mind"})
        self.assertEqual((order["status"], order["payment_status"]), ("closed", "unpaid"), order)
        self.assertStock(a, 10, 0, "unpaid cancel releases stock")
        self.assertStock(b, 10, 0, "unpaid cancel releases stock")
        self.assertEqual(self.transitions(self.events(order["order_no"])),
                         [("pending_payment", "closed")])

    def test_cancel_cod_order_closes_and_releases_stock(self):
        a, _ = self.two_skus(4, 0)
        order = self.place(o.order_body([(a, 4)], payment_method="cod"))
        self.assertStock(a, 4, 4)
        order = self.step(order, "cancel", {"reason": "customer refused cod"})
        self.assertEqual(order["status"], "closed", f"an unpaid cod order closes: {order}")
        self.assertStock(a, 4, 0, "cod cancel releases stock")

    def test_cancel_paid_order_before_shipment_releases_stock(self):
        stages = ["pending_review", "awaiting_fulfillment", "picking", "packed"]
        path = [("payments", None), ("review", {"decision": "approve", "reason": "ok"}),
                ("pick", None), ("pack", {"weight_g": 2 * 520 + 180})]
        for i, stage in enumerate(stages):
            with self.subTest(stage=stage):
                a, b = self.two_skus(10, 10)
                order = self.place(o.order_body([(a, 2), (b, 1)]))
                for action, body in path[:i + 1]:
                    if action == "payments":
                        body = o.payment_body(order)
                    order = self.step(order, action, body)
                self.assertEqual(order["status"], stage, order)
                self.assertStock(a, 10, 2, f"reserved at {stage}")
                if stage in ("picking", "packed"):
                    # With the warehouse, a cancellation is a request it confirms: the parcel is
                    # intercepted and the goods put back.
                    asked = self.act(order["order_no"], "cancel", {"reason": "out of patience"},
                                     expect_status=202).json
                    self.assertEqual((asked["kind"], asked["status"]), ("cancel", "pending"))
                    self.assertStock(a, 10, 2, "still reserved until the warehouse confirms")
                    resp = self.admin.post(f"/api/v1/orders/{order['order_no']}/changes/"
                                           f"{asked['id']}/confirm", {})
                    self.assertStatus(resp, 200, "the warehouse confirms the cancellation")
                    order = resp.json["order"]
                else:
                    order = self.step(order, "cancel", {"reason": "out of patience"})
                self.assertEqual(order["status"], "cancelled",
                                 f"a paid order cancelled at {stage} is cancelled: {order}")
                self.assertStock(a, 10, 0, f"cancel at {stage} releases stock")
                self.assertStock(b, 10, 0, f"cancel at {stage} releases stock")
                trans = self.transitions(self.events(order["order_no"]))
                self.assertEqual(trans[-1], (stage, "cancelled"), trans)

    def test_review_reject_closes_and_releases_stock(self):
        a, _ = self.two_skus(7, 0)
        order = self.place(o.order_body([(a, 5)]))
        order = self.step(order, "payments", o.payment_body(order))
        self.assertStock(a, 7, 5)
        order = self.step(order, "review", {"decision": "reject", "reason": "fraud signals"},
                          actor="reviewer")
        self.assertEqual(order["status"], "closed", order)
        self.assertStock(a, 7, 0, "a rejection releases stock")
        events = self.events(order["order_no"])
        last = events[-1]
        self.assertEqual((last.get("from_status"), last.get("to_status")),
                         ("pending_review", "closed"), events)
        self.assertIn(self.actors["reviewer"][0], last["actor"], last)

    def test_cancel_after_shipment_is_refused(self):
        for final in ("shipped", "delivered", "completed"):
            with self.subTest(status=final):
                a, _ = self.two_skus(5, 0)
                order = self.paid_and_approved([(a, 2)])
                order = self.step(order, "pick")
                order = self.step(order, "pack", {"weight_g": 1040})
                order = self.step(order, "ship", {"carrier": "SF", "tracking_no": o.unique("SF")})
                if final in ("delivered", "completed"):
                    order = self.step(order, "deliver")
                if final == "completed":
                    order = self.step(order, "complete")
                self.assertStock(a, 3, 0)
                before = self.get_order(order["order_no"])
                n = len(self.events(order["order_no"]))
                stocks = {a["sku"]: self.stock(a)}
                resp = self.act(order["order_no"], "cancel", {"reason": "too late"},
                                expect_status=409)
                self.assertProblem(resp, 409, "illegal_transition", f"cancel when {final}")
                self.assertUnchanged(order["order_no"], before, n, stocks, f"cancel when {final}")

    def test_cancel_requires_a_reason(self):
        a, _ = self.two_skus(3, 0)
        order = self.place(o.order_body([(a, 1)]))
        before, n = self.get_order(order["order_no"]), len(self.events(order["order_no"]))
        resp = self.act(order["order_no"], "cancel", {}, expect_status=422)
        self.assertFieldError(resp, "reason", "required", "cancel without a reason")
        self.assertUnchanged(order["order_no"], before, n, {a["sku"]: self.stock(a)},
                             "cancel without a reason")

    def test_illegal_transitions_are_refused_and_change_nothing(self):
        a, _ = self.two_skus(20, 0)
        approve = {"decision": "approve", "reason": "ok"}
        ship = {"carrier": "SF", "tracking_no": "SF000000001"}

        def refuse_all(order, attempts, what):
            before = self.get_order(order["order_no"])
            n = len(self.events(order["order_no"]))
            stocks = {a["sku"]: self.stock(a)}
            for action, body in attempts:
                with self.subTest(status=before["status"], action=action):
                    resp = self.act(order["order_no"], action, body, expect_status=409)
                    self.assertProblem(resp, 409, "illegal_transition",
                                       f"{action} when {before['status']}")
                    self.assertUnchanged(order["order_no"], before, n, stocks,
                                         f"{action} when {before['status']} ({what})")

        # pending_payment: nothing but payment or cancel.
        order = self.place(o.order_body([(a, 1)]))
        refuse_all(order, [("review", approve), ("pick", None), ("pack", {"weight_g": 520}),
                           ("ship", ship), ("deliver", None), ("complete", None)],
                   "unpaid online order")

        # awaiting_fulfillment: no skipping ahead, no second review.
        order = self.paid_and_approved([(a, 1)])
        refuse_all(order, [("review", approve), ("pack", {"weight_g": 520}), ("ship", ship),
                           ("deliver", None), ("complete", None)], "approved order")

        # picking: no going back to picking, no shipping before packing.
        order = self.step(order, "pick")
        refuse_all(order, [("pick", None), ("ship", ship), ("deliver", None)], "picking")

        # closed (unpaid cancel): terminal. (A payment that arrives after close is recorded and
        # refunded, not refused: test_money.py.)
        closed = self.place(o.order_body([(a, 1)]))
        closed = self.step(closed, "cancel", {"reason": "test"})
        refuse_all(closed, [("review", approve), ("pick", None), ("cancel", {"reason": "again"})],
                   "closed order")

        # completed: terminal.
        done = self.paid_and_approved([(a, 1)])
        for action, body in (("pick", None), ("pack", {"weight_g": 520}), ("ship", ship),
                             ("deliver", None), ("complete", None)):
            done = self.step(done, action, body)
        refuse_all(done, [("pick", None), ("deliver", None), ("complete", None),
                          ("cancel", {"reason": "late"})], "completed order")

    def test_backordered_line_blocks_picking(self):
        a, _ = self.two_skus(1, 0)
        order = self.place(o.order_body([(a, 3)]))
        ln = order["lines"][0]
        self.assertEqual((ln["quantity_reserved"], ln["quantity_backordered"]), (1, 2),
                         f"a short line is accepted and backordered: {order}")
        self.assertEqual(order["status"], "pending_payment", order)
        self.assertStock(a, 1, 1, "what exists is reserved, nothing more")
        order = self.step(order, "payments", o.payment_body(order))
        order = self.step(order, "review", {"decision": "approve", "reason": "ok"})
        before, n = self.get_order(order["order_no"]), len(self.events(order["order_no"]))
        resp = self.act(order["order_no"], "pick", expect_status=409)
        self.assertProblem(resp, 409, "backordered", "picking a backordered order")
        self.assertUnchanged(order["order_no"], before, n, {a["sku"]: self.stock(a)},
                             "picking a backordered order")
        order = self.step(order, "cancel", {"reason": "cannot wait"})
        self.assertEqual(order["status"], "cancelled", order)
        self.assertStock(a, 1, 0, "cancel releases the partial reservation")


if __name__ == "__main__":
    unittest.main()
